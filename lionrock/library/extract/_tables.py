"""The suggestions' table (migration 0007): apart from `statements`, because a suggestion
is not a fact until an editor accepts it, and then it becomes a draft fact under review."""

from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, String, Table, Text

from lionrock.store._tables import metadata

STATES = ("suggested", "accepted", "rejected")

extract_suggestions = Table(
    "extract_suggestions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(255), nullable=False),
    Column("published_at", String(32)),
    Column("person", String(255), nullable=False),
    Column("person_id", String(255)),
    Column("kind", String(32), nullable=False),
    Column("value", String(255), nullable=False),
    Column("date", String(32)),
    Column("quote", Text, nullable=False),
    Column("paragraph", Integer, nullable=False),
    Column("statute", String(64), nullable=False),
    Column("section", String(64), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("decided_by", String(255)),
    Column("decided_at", String(32)),
    Column("change_id", Integer),
    Column("fact_entity", String(255)),
    Index("ix_extract_state_kind", "state", "kind"),
    Index("ix_extract_article", "article_id"),
    Index("ix_extract_person", "person_id"),
)
