"""Entities and cited statements, with full-text search.

SQLite: an FTS5 index with the trigram tokenizer over searchable statement values
(external content, kept in step by triggers), so any substring of three or more
characters, Chinese included, is an index look-up.
PostgreSQL: a pg_trgm GIN index over the same values.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_entities_schema", "entities", ["schema"])
    op.create_table(
        "statements",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("entity_id", sa.String(255), nullable=False),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("prop", sa.String(64), nullable=False),
        sa.Column("prop_type", sa.String(32), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("lang", sa.String(8)),
        sa.Column("original_value", sa.Text),
        sa.Column("source_id", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("review", sa.String(16), nullable=False),
        sa.Column("recorded_by", sa.String(128), nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("searchable", sa.Boolean, nullable=False),
    )
    op.create_index("ix_statements_entity", "statements", ["entity_id", "prop"])
    op.create_index("ix_statements_source", "statements", ["source_id"])
    op.create_index("ix_statements_prop_value", "statements", ["prop", "value"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE statements_fts USING fts5("
            "value, content='statements', content_rowid='rowid', tokenize='trigram')"
        )
        # Terms of one or two characters: words and CJK characters and pairs, made by
        # lr_grams(), which the Store registers on every connection (store/_grams.py).
        op.execute(
            "CREATE VIRTUAL TABLE statements_grams USING fts5("
            "value, content='statements', content_rowid='rowid', "
            "tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER statements_fts_ai AFTER INSERT ON statements WHEN new.searchable "
            "BEGIN INSERT INTO statements_fts(rowid, value) VALUES (new.rowid, new.value); "
            "INSERT INTO statements_grams(rowid, value) VALUES (new.rowid, lr_grams(new.value)); "
            "END"
        )
        op.execute(
            "CREATE TRIGGER statements_fts_ad AFTER DELETE ON statements WHEN old.searchable "
            "BEGIN INSERT INTO statements_fts(statements_fts, rowid, value) "
            "VALUES ('delete', old.rowid, old.value); "
            "INSERT INTO statements_grams(statements_grams, rowid, value) "
            "VALUES ('delete', old.rowid, lr_grams(old.value)); END"
        )
        op.execute(
            "CREATE TRIGGER statements_fts_au AFTER UPDATE OF value, searchable ON statements "
            "BEGIN "
            "INSERT INTO statements_fts(statements_fts, rowid, value) "
            "SELECT 'delete', old.rowid, old.value WHERE old.searchable; "
            "INSERT INTO statements_grams(statements_grams, rowid, value) "
            "SELECT 'delete', old.rowid, lr_grams(old.value) WHERE old.searchable; "
            "INSERT INTO statements_fts(rowid, value) "
            "SELECT new.rowid, new.value WHERE new.searchable; "
            "INSERT INTO statements_grams(rowid, value) "
            "SELECT new.rowid, lr_grams(new.value) WHERE new.searchable; "
            "END"
        )
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_statements_value_trgm ON statements "
            "USING gin (lower(value) gin_trgm_ops) WHERE searchable"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE statements_fts")
        op.execute("DROP TABLE statements_grams")
    op.drop_table("statements")
    op.drop_table("entities")
