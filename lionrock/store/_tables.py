"""The store's tables (SQLAlchemy Core). Migrations in `migrations/` create them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

entities = Table(
    "entities",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("schema", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_entities_schema", "schema"),
)

#: `seq` is a stable integer key (on SQLite the rowid itself, which VACUUM keeps), the
#: key the search indexes use; `folded` is a searchable value folded for search
#: (`lionrock.fold.fold`), NULL otherwise (migration 0006).
statements = Table(
    "statements",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("id", String(40), nullable=False, unique=True),
    Column("entity_id", String(255), nullable=False),
    Column("schema", String(64), nullable=False),
    Column("prop", String(64), nullable=False),
    Column("prop_type", String(32), nullable=False),
    Column("value", Text, nullable=False),
    Column("lang", String(8)),
    Column("original_value", Text),
    Column("source_id", String(255), nullable=False),
    Column("status", String(16), nullable=False),
    Column("review", String(16), nullable=False),
    Column("recorded_by", String(128), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("searchable", Boolean, nullable=False),
    Column("folded", Text),
    Index("ix_statements_entity", "entity_id", "prop"),
    Index("ix_statements_source", "source_id"),
    # and by (prop, value) on SQLite; on PostgreSQL by prop, and a hash index by value
)

#: One row per imported snapshot of a sanctions list (migration 0002, issue #3).
snapshots = Table(
    "snapshots",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("list", String(64), nullable=False),
    Column("snapshot_date", String(10), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("file_name", String(255), nullable=False),
    Column("source_id", String(255), nullable=False),
    Column("facts", Integer, nullable=False),
    Column("entities", Integer, nullable=False),
    Column("imported_at", String(32), nullable=False),
    UniqueConstraint("list", "snapshot_date", name="uq_snapshots_list_date"),
)
