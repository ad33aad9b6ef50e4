"""The audit log: append-only, each entry's hash covering the previous entry's."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from lionrock.store._tables import metadata

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(32), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(255), nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# The head: how many entries there are and the last hash, so deleting the newest entry is
# noticed too (a chain alone cannot tell a deleted tail from a shorter log).
audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("entries", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)
