"""schemathesis against the OpenAPI spec: generated requests to every operation, with a
token of the highest role so writes run for real, and 0 server errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from lionrock import Defaults, Settings, Store, load_paths
from lionrock.auth import create_token, get_user
from lionrock.bundled import bundled_files
from lionrock.web import create_app
from tests.conftest import BACKENDS, _pg_schema_url
from tests.web.conftest import make_account


@pytest.fixture(scope="module", params=BACKENDS)
def api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A store of its own (generated writes must not disturb other tests), the app and an
    admin token."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('st')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    account = make_account(store, "admin")
    user = get_user(store, username=account.username)
    assert user is not None
    token = create_token(store, user=user, name="schemathesis", scope="admin")
    yield {"app": create_app(Settings(database_url="sqlite://"), store=store), "token": token}
    store.close()
    for _ in urls:
        pass


def test_no_server_errors(api: dict[str, Any]) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", api["app"])
    # POST /api/match is reserved: it answers 501 until the sanctions issue fills it in,
    # and test_read_views checks exactly that.
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if op.path != "/api/match"]
    assert len(operations) >= 20
    calls = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal calls
            for headers in ({"authorization": f"Bearer {api['token']}"}, {}):
                case.call_and_validate(headers=headers, checks=[not_a_server_error])
                calls += 1

        run()
    assert calls > 100
