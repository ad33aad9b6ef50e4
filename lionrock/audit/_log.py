"""The append-only, hash-chained audit log.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical
JSON (sequence number, time, actor, action, target, detail). Editing an entry breaks its
hash; deleting or reordering entries breaks the chain or the sequence; deleting the newest
entries is caught by the head row, which holds the count and the last hash. `verify`
walks the whole log. Entries are written inside the caller's write transaction, so an
edit and its audit entry commit together or not at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Engine, select

from lionrock.audit._tables import audit_head, audit_log
from lionrock.store import Store, Writer, utcnow

GENESIS = "0" * 64
#: The project key that signs the head on every append, per database engine
#: (`lionrock.audit.sign_heads`): an entry appended by anyone without it is caught.
HEAD_KEYS: WeakKeyDictionary[Engine, Ed25519PrivateKey] = WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit entry as stored."""

    seq: int
    at: str
    actor: str
    action: str
    target: str
    detail: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def entry_hash(
    prev_hash: str, *, seq: int, at: str, actor: str, action: str, target: str, detail: str
) -> str:
    """The hash of one entry, covering the previous entry's hash.

    Example: `entry_hash(GENESIS, seq=1, at="2026-01-01T00:00:00Z", actor="a",
    action="user.add", target="user:b", detail="{}")`.
    """
    body = json.dumps(
        [seq, at, actor, action, target, detail], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256((prev_hash + "\n" + body).encode("utf-8")).hexdigest()


def append(
    writer: Writer, *, actor: str, action: str, target: str, detail: dict[str, Any] | None = None
) -> str:
    """Append an entry inside the writer's transaction; return its hash.

    Example: `with store.write() as w: append(w, actor="ana", action="change.approve",
    target="change:3")`.
    """
    conn = writer.conn
    head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
    seq = (head.entries if head is not None else 0) + 1
    prev = head.hash if head is not None else GENESIS
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    at = utcnow()
    digest = entry_hash(
        prev, seq=seq, at=at, actor=actor, action=action, target=target[:255], detail=text
    )
    row = {"at": at, "actor": actor, "action": action, "target": target[:255]}
    conn.execute(
        audit_log.insert().values(seq=seq, detail=text, prev_hash=prev, hash=digest, **row)
    )
    if head is None:
        conn.execute(audit_head.insert().values(id=1, entries=seq, hash=digest))
    else:
        conn.execute(
            audit_head.update().where(audit_head.c.id == 1).values(entries=seq, hash=digest)
        )
    key = HEAD_KEYS.get(conn.engine)
    if key is not None:  # the head, signed in the same transaction (issue #18 §5)
        from lionrock.audit._anchor import store_head_signature

        store_head_signature(conn, key=key, entries=seq, head=digest)
    return digest


def _entry(row: Any) -> AuditEntry:
    try:
        detail = json.loads(row.detail)
    except ValueError:
        detail = {"unreadable": row.detail}
    return AuditEntry(
        row.seq, row.at, row.actor, row.action, row.target, detail, row.prev_hash, row.hash
    )


def entries(
    store: Store, *, target: str | None = None, after: int = 0, limit: int = 100
) -> list[AuditEntry]:
    """Entries in order, optionally only those about one target, after a sequence number."""
    query = select(audit_log).where(audit_log.c.seq > after).order_by(audit_log.c.seq)
    if target is not None:
        query = query.where(audit_log.c.target == target)
    with store.read() as conn:
        return [_entry(r) for r in conn.execute(query.limit(max(1, min(limit, 1000))))]


@dataclass(frozen=True, slots=True)
class Verification:
    """What `verify` found: how many entries, the head hash, and every problem."""

    count: int
    head: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _walk(conn: Connection) -> tuple[int, str, list[str]]:
    problems: list[str] = []
    prev, expected_seq, count = GENESIS, 1, 0
    # Rows in physical (insertion) order would hide a renumbering; order by seq and check
    # that the numbers run 1, 2, 3... with each entry chained to the one before.
    for row in conn.execute(select(audit_log).order_by(audit_log.c.seq)):
        count += 1
        if row.seq != expected_seq:
            problems.append(f"entry {row.seq}: expected entry {expected_seq} (deleted entries?)")
        if row.prev_hash != prev:
            problems.append(f"entry {row.seq}: does not follow the entry before it")
        digest = entry_hash(
            row.prev_hash,
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            target=row.target,
            detail=row.detail,
        )
        if digest != row.hash:
            problems.append(f"entry {row.seq}: its content does not match its hash (edited)")
        prev, expected_seq = row.hash, row.seq + 1
    return count, prev, problems


def verify(store: Store, *, expect_head: str | None = None) -> Verification:
    """Check the whole chain, and the head row; optionally against a head hash noted
    elsewhere (which also catches a rewritten log).

    Example: `verify(store).ok` is True for an untouched log.
    """
    with store.read() as conn:
        count, last, problems = _walk(conn)
        head = conn.execute(select(audit_head).where(audit_head.c.id == 1)).first()
    if head is not None and (head.entries != count or head.hash != last):
        problems.append(
            f"the log has {count} entries ending {last[:12]}, but its head records "
            f"{head.entries} ending {head.hash[:12]} (entries deleted or added)"
        )
    if head is None and count:
        problems.append("the log's head row is missing")
    if expect_head is not None and expect_head != last:
        problems.append(f"the last hash is {last}, not the expected {expect_head}")
    return Verification(count, last, tuple(problems))
