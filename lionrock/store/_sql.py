"""The Store's SQLAlchemy side: its engine, migrations, and the reads and upkeep done
through SQLAlchemy Core. Imported the first time a Store needs its engine, so that a
command that only searches never loads SQLAlchemy (store/_dbapi.py, issue #13 item 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

from lionrock.fold import fold
from lionrock.store._grams import register as register_grams
from lionrock.store._tables import entities, statements

#: The SQLite FTS5 indexes over `statements.folded` (migration 0006).
SQLITE_SEARCH_TABLES = ("statements_fts", "statements_grams")


def engine_for(url: str) -> Engine:
    """The engine for a store URL: SQLite with WAL, a busy timeout and `lr_grams()`."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    memory = not parsed.database or parsed.database == ":memory:"
    if not memory:
        Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        # an in-memory database exists once per connection: share one across threads
        **({"poolclass": StaticPool} if memory else {}),
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        register_grams(dbapi_conn)
        cursor = dbapi_conn.cursor()
        if not memory:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


def revisions(engine: Engine) -> set[str] | None:
    """The Alembic revisions the database records, None without the version table."""
    try:
        with engine.connect() as conn:
            return {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:  # a new store: no version table yet
        return None


def upgrade(conn: Connection, migrations: Path) -> None:
    """Run the migrations up to the head, in the caller's transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def entity_rows(
    conn: Connection,
    *,
    schema: str | Iterable[str] | None,
    published_only: bool,
    ids: Iterable[str] | None,
    batch: int,
) -> Iterator[Any]:
    """Statement rows with their entity's schema (`entity_schema`), ordered by entity."""
    query = (
        select(statements, entities.c.schema.label("entity_schema"))
        .join(entities, entities.c.id == statements.c.entity_id)
        .order_by(statements.c.entity_id, statements.c.prop, statements.c.id)
    )
    if published_only:
        query = query.where(statements.c.review == "published")
    if schema is not None:
        names = [schema] if isinstance(schema, str) else list(schema)
        query = query.where(entities.c.schema.in_(names))
    if ids is not None:
        query = query.where(entities.c.id.in_(list(ids)))
    yield from conn.execution_options(yield_per=batch).execute(query)


def count_facts(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(statements)).scalar_one())


def search_index_problems(conn: Connection) -> list[str]:
    """See `Store.check_search_index`."""
    problems = []
    unfolded = conn.execute(
        select(func.count())
        .select_from(statements)
        .where(statements.c.searchable, statements.c.folded.is_(None))
    ).scalar_one()
    if unfolded:
        problems.append(f"{unfolded} searchable value(s) are not in the search index")
    if conn.dialect.name == "sqlite":
        for table in SQLITE_SEARCH_TABLES:
            try:
                conn.exec_driver_sql(
                    f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
                )
            except DBAPIError as exc:
                problems.append(f"{table}: {exc.orig}")
    return problems


def rebuild_search_index(conn: Connection, *, batch: int) -> int:
    """See `Store.rebuild_search_index`."""
    sqlite = conn.dialect.name == "sqlite"
    # A damaged FTS5 index cannot take the triggers' 'delete' of entries it lost
    # ("database disk image is malformed"): the triggers are set aside while the
    # folded text is rewritten, and the indexes rebuilt from it (issue #18).
    triggers = (
        conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND name LIKE 'statements_search_%'"
        ).all()
        if sqlite
        else []
    )
    for trigger in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{trigger.name}"')
    rows = conn.execute(
        select(statements.c.seq, statements.c.value).where(statements.c.searchable)
    ).all()
    update = statements.update().where(statements.c.seq == bindparam("key"))
    for start in range(0, len(rows), batch):
        chunk = [{"key": r.seq, "folded": fold(r.value)} for r in rows[start : start + batch]]
        conn.execute(update.values(folded=bindparam("folded")), chunk)
    for trigger in triggers:
        conn.exec_driver_sql(trigger.sql)
    if sqlite:
        for table in SQLITE_SEARCH_TABLES:
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    else:
        conn.exec_driver_sql("REINDEX INDEX ix_statements_folded_trgm")
    return len(rows)
