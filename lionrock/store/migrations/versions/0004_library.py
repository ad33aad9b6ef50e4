"""The research library: article bodies with a Chinese- and English-aware full-text index.

SQLite: a contentless FTS5 table `library_fts(title, body)` with the `porter unicode61`
tokenizer over pre-computed tokens (Han bigrams and Latin words, see
lionrock/library/_fold.py); the library keeps it in step (rowid = library_texts.pk).
PostgreSQL: a `tsv` tsvector column over the same tokens, GIN-indexed.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_texts",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(255), nullable=False, unique=True),
        sa.Column("publisher", sa.String(255), nullable=False),
        sa.Column("published_at", sa.String(32)),
        sa.Column("lang", sa.String(8)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("authors", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("archive_url", sa.Text),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
    )
    op.create_index(
        "ix_library_texts_publisher_date", "library_texts", ["publisher", "published_at"]
    )
    op.create_index("ix_library_texts_date", "library_texts", ["published_at"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE library_fts USING fts5(title, body, content='', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
    else:
        op.execute("ALTER TABLE library_texts ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_library_texts_tsv ON library_texts USING gin (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE library_fts")
    op.drop_table("library_texts")
