"""Reading the store through the DB-API driver itself (sqlite3, psycopg), without
SQLAlchemy, for the two things a short command does on start: check that the schema is
current, and search. Importing SQLAlchemy costs several times Python's own start-up, so
`lionrock search` would not start in under 0.5 s through it (issue #13, item 5).

Only plain URLs are read this way: a SQLite file, or PostgreSQL through psycopg (its URL
is a libpq URI once the `+psycopg` is dropped). Anything else (an in-memory database,
which exists once per connection; a URL with SQLAlchemy query options) returns None from
`direct_target`, and the Store uses its engine.

Example:
    target = direct_target("sqlite:///lionrock-data/lionrock.db")
    with connect(target) as conn:
        stored_revisions(conn, target.backend)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SQLITE, POSTGRESQL = "sqlite", "postgresql"


@dataclass(frozen=True, slots=True)
class Target:
    """Where a driver connects: a SQLite file's path, or a libpq URI."""

    backend: str
    address: str


def direct_target(url: str) -> Target | None:
    """Where `url` is read without SQLAlchemy, or None when only SQLAlchemy knows.

    Example: `direct_target("sqlite:////tmp/x.db")` is `Target("sqlite", "/tmp/x.db")`.
    """
    scheme, sep, rest = url.partition("://")
    backend, _, driver = scheme.partition("+")
    if not sep:
        return None
    if backend == SQLITE and driver in ("", "pysqlite"):
        path = rest[1:] if rest.startswith("/") else ""
        # SQLAlchemy reads "?" as options and unquotes "%": leave those to it
        if path in ("", ":memory:") or "?" in path or "%" in path:
            return None
        return Target(SQLITE, path)
    if backend in (POSTGRESQL, "postgres") and driver in ("", "psycopg"):
        return Target(POSTGRESQL, f"postgresql://{rest}")
    return None


@contextmanager
def connect(target: Target) -> Iterator[Any]:
    """A DB-API connection to `target`, closed afterwards."""
    conn: Any
    if target.backend == SQLITE:
        conn = sqlite3.connect(target.address, timeout=30)
    else:
        import psycopg

        conn = psycopg.connect(target.address, autocommit=True)
    try:
        yield conn
    finally:
        conn.close()


def fetch(conn: Any, sql: str, params: dict[str, object] | None = None) -> list[Sequence[Any]]:
    """The rows of one query on a DB-API connection."""
    cursor = conn.cursor()
    try:
        cursor.execute(sql, params or {})
        return list(cursor.fetchall())
    finally:
        cursor.close()


def param(backend: str, name: str) -> str:
    """The placeholder for the named parameter `name` (sqlite3 `:name`, psycopg `%(name)s`)."""
    return f":{name}" if backend == SQLITE else f"%({name})s"


def stored_revisions(target: Target) -> set[str] | None:
    """The Alembic revisions the database records, or None for a database without the
    version table (a new store): one query, without loading Alembic or SQLAlchemy."""
    if target.backend == SQLITE and not Path(target.address).exists():
        return None  # a new store, and connecting would create the file
    with connect(target) as conn:
        try:
            return {str(r[0]) for r in fetch(conn, "SELECT version_num FROM alembic_version")}
        except Exception as exc:
            if _no_table(exc, target.backend):
                return None
            raise


def _no_table(exc: Exception, backend: str) -> bool:
    if backend == SQLITE:
        return isinstance(exc, sqlite3.OperationalError) and "no such table" in str(exc)
    from psycopg.errors import UndefinedTable

    return isinstance(exc, UndefinedTable)
