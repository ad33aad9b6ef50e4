"""Fixtures for the "Hongkongers abroad" section (issue #17): a fictitious record with
drafts and a confidential field, loaded on each backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock import Defaults, Store, load_paths
from tests.conftest import BACKENDS, _pg_schema_url

HERE = Path(__file__).resolve().parent
RECORD = HERE / "fixture_abroad.yaml"
DRAFTS = HERE / "fixture_drafts.yaml"
#: What must never reach public output: drafts and a confidential email.
SECRETS = ("Draft Only Society", "99999", "Draft Alias Never Shown", "secret-contact@example.org")


@pytest.fixture(scope="module", params=BACKENDS)
def abroad_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The fictitious record, published, plus drafts, on each backend."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('abroad')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    for path in (RECORD, DRAFTS):  # each file states its own review state
        load_paths(store, [path], defaults=Defaults(review="published"))
    yield store
    store.close()
    for _ in urls:  # let the PostgreSQL generator drop its schema
        pass
