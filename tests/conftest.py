"""Shared fixtures. Store tests run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa

from lionrock import Defaults, Store, load_paths
from lionrock.bundled import bundled_files

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
PG_URL = os.environ.get(
    "LIONROCK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ["sqlite", "postgres"]
#: Debian's Chromium, driven by Playwright; `playwright install` must never run (there is
#: no network). The flags: docs/TOOLCHAIN.md, gotcha 9.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def _pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    schema = "t_" + uuid.uuid4().hex[:12]
    engine = sa.create_engine(PG_URL)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as exc:  # pragma: no cover - the server is required
        pytest.fail(f"PostgreSQL is required at {PG_URL} (run scripts/ensure-postgres.sh): {exc}")
    try:
        # the schema's name is also the connections' application_name, to find them below
        yield f"{PG_URL}?options=-csearch_path%3D{schema},public&application_name={schema}"
    finally:
        with engine.begin() as conn:
            # A connection left open inside a transaction on this schema (a result not read
            # to its end, say) holds a lock that DROP SCHEMA would wait on for ever, and the
            # suite would stall at this teardown: end such connections first, and say so.
            left = conn.execute(
                sa.text(
                    "SELECT state, pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :name AND pid <> pg_backend_pid()"
                ),
                {"name": schema},
            ).all()
            if any(state != "idle" for state, _ in left):
                warnings.warn(
                    f"{schema}: ended connections left open: {sorted(s for s, _ in left)}",
                    stacklevel=1,
                )
            conn.execute(sa.text("SET LOCAL lock_timeout = '60s'"))
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture(autouse=True)
def _own_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own LIONROCK_HOME unless it sets one: the default home is
    `./lionrock-data`, and keys or audit anchors one test leaves there would be checked by
    the next (an anchor of another store makes `audit verify` fail)."""
    if "LIONROCK_HOME" not in os.environ:
        monkeypatch.setenv("LIONROCK_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL for a fresh, empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'lionrock.db'}"
    else:
        yield from _pg_schema_url()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A fresh, migrated store of each backend."""
    store = Store(db_url)
    yield store
    store.close()


@pytest.fixture
def memory_store() -> Iterator[Store]:
    """A fresh in-memory SQLite store, for quick unit tests."""
    store = Store("sqlite://")
    yield store
    store.close()


def bundled_store_on(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store holding the bundled record on `backend`, closed (and its PostgreSQL schema
    dropped) when the generator ends."""
    if backend == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('bundled')}/lr.db"])
    else:
        urls = _pg_schema_url()
    url = next(urls)
    store = Store(url)
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    yield store
    store.close()
    for _ in urls:  # let the PostgreSQL generator drop its schema
        pass


@pytest.fixture(scope="session", params=BACKENDS)
def bundled_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The bundled Hong Kong record, loaded once per backend, as `lionrock init` does.
    Shared by the whole session: a test that writes drafts into it must use a store of
    its own (`bundled_store_on`), or other tests (the record's checks) see them."""
    yield from bundled_store_on(request.param, tmp_path_factory)


@pytest.fixture
def sqlite_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the CLI at a fresh SQLite store in a temporary LIONROCK_HOME."""
    monkeypatch.setenv("LIONROCK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LIONROCK_DATABASE_URL", raising=False)
    return tmp_path / "home"


def write(path: Path, text: str) -> str:
    """Write a test input file and return its path as a string."""
    path.write_text(text, encoding="utf-8")
    return str(path)


SOURCE_YAML = """
defaults:
  review: published
sources:
  - id: src-test
    publisher: Test Publisher
    title: A test document
    date: 2024-05-30
    url: https://example.org/test
"""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium under Playwright, closed afterwards. Every browser test uses this,
    through the `browser` fixture."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"Debian's chromium is required at {CHROMIUM} (.ci/deps.d/publish.sh)")
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        _patient(launched)
        try:
            yield launched
        finally:
            launched.close()


#: Playwright waits 30 s for a page by default; a CI machine under load (the library
#: archive fixture importing beside a browser test) has made a page that loads in 0.4 s
#: take longer. A slow page is not a defect these tests look for: they wait longer, and
#: pytest-timeout (900 s) still ends a test that hangs.
NAVIGATION_TIMEOUT_MS = 120_000
ACTION_TIMEOUT_MS = 60_000


def _patient(launched: Browser) -> None:
    """Every context and page the browser opens waits longer for navigation and actions."""
    open_context, open_page = launched.new_context, launched.new_page

    def _slow(target: Any) -> Any:
        target.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        target.set_default_timeout(ACTION_TIMEOUT_MS)
        return target

    launched.new_context = lambda *a, **k: _slow(open_context(*a, **k))  # type: ignore[method-assign]
    launched.new_page = lambda *a, **k: _slow(open_page(*a, **k))  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per test module (Playwright's sync API allows one at a time)."""
    with chromium() as launched:
        yield launched
