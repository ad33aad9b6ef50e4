"""Fixtures for the prosecution record: a fictitious record (every custody status, a
company, remand, release, a bounty) with drafts that must stay private, on each
backend, and the same record with one broken entity per consistency rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock import Defaults, Store, load_paths
from tests.conftest import BACKENDS, _pg_schema_url

HERE = Path(__file__).resolve().parent
RECORD = HERE / "fixture_record.yaml"
DRAFTS = HERE / "fixture_drafts.yaml"
BROKEN = HERE / "fixture_broken.yaml"


def _store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, *files: Path
) -> Iterator[Store]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('record')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    for path in files:  # each file states its own review state
        load_paths(store, [path], defaults=Defaults(review="published"))
    yield store
    store.close()
    for _ in urls:  # let the PostgreSQL generator drop its schema
        pass


@pytest.fixture(scope="module", params=BACKENDS)
def record_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The fictitious record, published, plus drafts, on each backend."""
    yield from _store(request, tmp_path_factory, RECORD, DRAFTS)


@pytest.fixture(scope="module", params=BACKENDS)
def broken_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The fictitious record with one broken entity per rule, on each backend."""
    yield from _store(request, tmp_path_factory, RECORD, BROKEN)
