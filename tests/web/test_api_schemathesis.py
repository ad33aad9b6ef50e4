"""schemathesis against the OpenAPI spec (issue #18 §3, web): generated requests to every
operation, logged in as each role (a bearer token of that scope) and as nobody, so writes
run for real where the role allows them. Every answer is checked: no server error, a
status code the spec lists, the content type it names, and a body its schema accepts.

`make test` tries EXAMPLES cases per operation and role; `make soak` sets
LIONROCK_SOAK_WEB for more."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from lionrock import Defaults, Settings, Store, load_paths
from lionrock.auth import create_token, get_user
from lionrock.bundled import bundled_files
from lionrock.web import create_app
from tests.conftest import BACKENDS, _pg_schema_url
from tests.reliability.crash import tally
from tests.web.conftest import ROLES, make_account

EXAMPLES = int(os.environ.get("LIONROCK_SOAK_WEB", "3"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module", params=BACKENDS)
def api(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A store of its own (generated writes must not disturb other tests), the app and a
    token of each role."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('st')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    tokens = {"anonymous": ""}
    for role in ROLES:
        account = make_account(store, role)
        user = get_user(store, username=account.username)
        assert user is not None
        tokens[role] = create_token(store, user=user, name="schemathesis", scope=role)
    app = create_app(Settings(database_url="sqlite://"), store=store)
    yield {"app": app, "tokens": tokens, "backend": request.param}
    store.close()
    for _ in urls:
        pass


@pytest.mark.parametrize("who", ["anonymous", *ROLES])
def test_every_operation_as_each_role(api: dict[str, Any], who: str) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", api["app"])
    # POST /api/match is reserved: it answers 501 until the sanctions issue fills it in,
    # and test_read_views checks exactly that.
    operations = [result.ok() for result in schema.get_all_operations()]
    operations = [op for op in operations if op.path != "/api/match"]
    assert len(operations) >= 20
    token = api["tokens"][who]
    headers = {"authorization": f"Bearer {token}"} if token else {}
    calls = 0

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            nonlocal calls
            # a whole export on PostgreSQL can take longer than the default 10 s under load
            case.call_and_validate(headers=headers, checks=CHECKS, timeout=120)
            calls += 1

        run()
    tally(test="web", kind="schemathesis", backend=api["backend"], role=who, cases=calls,
          failures=0)  # fmt: skip
    assert calls >= len(operations)
