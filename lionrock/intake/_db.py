"""The intake server's database: its own, never the editors' Store (issue #15 §1).

It holds no plaintext and no time finer than a day: sources as an Argon2id-derived ID and
a public key, submissions as random IDs with a day and a status, the padded size of each
sealed item, and replies sealed to their source. No column can hold an address. The
tables are `WITHOUT ROWID` on SQLite, ordered by their random keys, so row order does not
tell the order of arrival, and SQLite's `secure_delete` overwrites purged rows.

SQLite by default (`LIONROCK_INTAKE_DIR/intake.db`), or PostgreSQL
(`LIONROCK_INTAKE_DATABASE_URL`).

Example:
    db = IntakeDB("sqlite:///lionrock-data/intake/intake.db")
    db.pending()
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Connection,
    Engine,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import make_url

from lionrock.intake._codename import SALT_BYTES

metadata = MetaData()

intake_meta = Table(
    "intake_meta",
    metadata,
    Column("key", String(32), primary_key=True),
    Column("value", Text, nullable=False),
    sqlite_with_rowid=False,
)
intake_sources = Table(
    "intake_sources",
    metadata,
    Column("id", String(64), primary_key=True),  # BLAKE2b of the codename's Argon2id hash
    Column("public_key", LargeBinary(32), nullable=False),  # X25519, derived from it too
    Column("day", String(10), nullable=False),
    sqlite_with_rowid=False,
)
intake_submissions = Table(
    "intake_submissions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source_id", String(64), nullable=False, index=True),
    Column("day", String(10), nullable=False),
    Column("status", String(16), nullable=False),  # complete | interrupted
    Column("exported", String(10)),  # the day it was first exported
    sqlite_with_rowid=False,
)
intake_items = Table(
    "intake_items",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("submission_id", String(32), nullable=False, index=True),
    Column("bytes", BigInteger, nullable=False),  # padded ciphertext
    sqlite_with_rowid=False,
)
intake_replies = Table(
    "intake_replies",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source_id", String(64), nullable=False, index=True),
    Column("day", String(10), nullable=False),
    Column("sealed", LargeBinary, nullable=False),
    sqlite_with_rowid=False,
)


def today() -> str:
    """The UTC day: the finest time intake ever records."""
    return datetime.now(UTC).date().isoformat()


def new_id() -> str:
    """A random 128-bit ID (hex): IDs tell nothing, not even order."""
    return secrets.token_hex(16)


@dataclass(frozen=True, slots=True)
class Submission:
    """One submission as the server knows it: no content, no name, no time but a day."""

    id: str
    source_id: str
    day: str
    status: str
    exported: str | None = None
    items: list[tuple[str, int]] = field(default_factory=list)  # (item ID, sealed bytes)


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA secure_delete=ON")  # purged rows are overwritten
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    return engine


class IntakeDB:
    """The intake tables, behind one writer lock; every multi-row write is one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        self._lock = threading.Lock()
        metadata.create_all(self.engine)
        self.salt = self._salt()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._lock, self.engine.begin() as conn:
            yield conn

    def _salt(self) -> bytes:
        """The server's codename salt, made once."""
        with self.write() as conn:
            row = conn.execute(select(intake_meta.c.value).where(intake_meta.c.key == "salt"))
            value = row.scalar()
            if value is None:
                value = secrets.token_hex(SALT_BYTES)
                conn.execute(intake_meta.insert().values(key="salt", value=value))
        return bytes.fromhex(value)

    # -- sources and submissions -------------------------------------------------------

    def source_public(self, source_id: str) -> bytes | None:
        with self.engine.connect() as conn:
            query = select(intake_sources.c.public_key).where(intake_sources.c.id == source_id)
            value = conn.execute(query).scalar()
        return bytes(value) if value is not None else None

    def add_submission(
        self, submission: Submission, *, new_source: tuple[str, bytes] | None = None
    ) -> None:
        """Record a submission and its items (and its new source) in one transaction."""
        with self.write() as conn:
            if new_source is not None:
                exists = conn.execute(
                    select(intake_sources.c.id).where(intake_sources.c.id == new_source[0])
                ).first()
                if exists is None:
                    conn.execute(
                        intake_sources.insert().values(
                            id=new_source[0], public_key=new_source[1], day=submission.day
                        )
                    )
            conn.execute(
                intake_submissions.insert().values(
                    id=submission.id,
                    source_id=submission.source_id,
                    day=submission.day,
                    status=submission.status,
                )
            )
            if submission.items:
                conn.execute(
                    intake_items.insert(),
                    [
                        {"id": i, "submission_id": submission.id, "bytes": n}
                        for i, n in submission.items
                    ],
                )

    def submissions(
        self,
        *,
        source_id: str | None = None,
        ids: Iterable[str] | None = None,
        pending_only: bool = False,
    ) -> list[Submission]:
        """Submissions (with their items), by day then ID."""
        query = select(intake_submissions)
        if source_id is not None:
            query = query.where(intake_submissions.c.source_id == source_id)
        if ids is not None:
            query = query.where(intake_submissions.c.id.in_(list(ids)))
        if pending_only:
            query = query.where(intake_submissions.c.exported.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(intake_submissions.c.day, intake_submissions.c.id))
            found = [
                Submission(
                    id=r.id, source_id=r.source_id, day=r.day, status=r.status, exported=r.exported
                )
                for r in rows
            ]
            by_id = {s.id: s for s in found}
            if by_id:
                items = conn.execute(
                    select(intake_items)
                    .where(intake_items.c.submission_id.in_(list(by_id)))
                    .order_by(intake_items.c.id)
                )
                for item in items:
                    by_id[item.submission_id].items.append((item.id, int(item.bytes)))
        return found

    def mark_exported(self, ids: Iterable[str], day: str) -> None:
        with self.write() as conn:
            conn.execute(
                intake_submissions.update()
                .where(
                    intake_submissions.c.id.in_(list(ids)), intake_submissions.c.exported.is_(None)
                )
                .values(exported=day)
            )

    def delete_submissions(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self.write() as conn:
            conn.execute(intake_items.delete().where(intake_items.c.submission_id.in_(ids)))
            conn.execute(intake_submissions.delete().where(intake_submissions.c.id.in_(ids)))

    # -- replies -----------------------------------------------------------------------

    def add_reply(self, source_id: str, sealed: bytes) -> str:
        reply_id = new_id()
        with self.write() as conn:
            conn.execute(
                intake_replies.insert().values(
                    id=reply_id, source_id=source_id, day=today(), sealed=sealed
                )
            )
        return reply_id

    def replies(self, source_id: str) -> list[tuple[str, str, bytes]]:
        """The source's replies: (ID, day, sealed bytes), by day."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(intake_replies.c.id, intake_replies.c.day, intake_replies.c.sealed)
                .where(intake_replies.c.source_id == source_id)
                .order_by(intake_replies.c.day, intake_replies.c.id)
            )
            return [(r.id, r.day, bytes(r.sealed)) for r in rows]

    def counts(self) -> dict[str, int]:
        """Sources, submissions (pending export, interrupted), items and replies."""
        with self.engine.connect() as conn:

            def count(table: Table, *where: Any) -> int:
                query = select(func.count()).select_from(table)
                for clause in where:
                    query = query.where(clause)
                return int(conn.execute(query).scalar() or 0)

            return {
                "sources": count(intake_sources),
                "submissions": count(intake_submissions),
                "pending": count(intake_submissions, intake_submissions.c.exported.is_(None)),
                "interrupted": count(
                    intake_submissions, intake_submissions.c.status == "interrupted"
                ),
                "items": count(intake_items),
                "replies": count(intake_replies),
            }
