"""The review tables: changes with their comments, per-entity revisions, and redirects
left by merges."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from lionrock.store._tables import metadata

changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(255), nullable=False),
    Column("kind", String(16), nullable=False),  # create | edit | restore
    Column("author", String(64), nullable=False),
    Column("state", String(16), nullable=False),  # draft | in_review | published | rejected
    Column("summary", Text, nullable=False),
    Column("adds", Text, nullable=False),  # JSON: the facts the change records
    Column("removes", Text, nullable=False),  # JSON: the facts it retracts when published
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Column("reviewed_by", String(64)),
    Column("reviewed_at", String(32)),
    Index("ix_changes_state", "state"),
    Index("ix_changes_entity", "entity_id"),
)

change_comments = Table(
    "change_comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("change_id", Integer, nullable=False),
    Column("author", String(64), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Index("ix_change_comments_change", "change_id"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entity_id", String(255), nullable=False),
    Column("change_id", Integer),
    Column("action", String(32), nullable=False),
    Column("author", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("facts", Text, nullable=False),  # JSON: every fact of the entity afterwards
    Index("ix_revisions_entity", "entity_id"),
)

redirects = Table(
    "redirects",
    metadata,
    Column("old_id", String(255), primary_key=True),
    Column("new_id", String(255), nullable=False),
    Column("merged_by", String(64), nullable=False),
    Column("merged_at", String(32), nullable=False),
)
