"""The research library's table: one row per imported article, with its body text.

Article bodies are large (the Citizen News archive alone is 109 MB) and are not facts, so
they live here rather than in `statements`: the Article entity and its cited metadata are
in the Store as facts, the text is here with its own full-text index (migration 0004):
- SQLite: `library_fts`, a contentless FTS5 table (`porter unicode61`) over the tokens of
  `lionrock.library._fold.index_tokens`, rowid = `library_texts.pk`;
- PostgreSQL: the `tsv` column (`to_tsvector('english', tokens)`), GIN-indexed.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from lionrock.store._tables import metadata

library_texts = Table(
    "library_texts",
    metadata,
    Column("pk", Integer, primary_key=True, autoincrement=True),
    Column("id", String(255), nullable=False, unique=True),
    Column("publisher", String(255), nullable=False),
    Column("published_at", String(32)),
    Column("lang", String(8)),
    Column("title", Text, nullable=False),
    Column("authors", Text, nullable=False),  # "\n"-wrapped, "\n"-joined: exact LIKE filters
    Column("tags", Text, nullable=False),
    Column("url", Text),
    Column("archive_url", Text),
    Column("body", Text, nullable=False),
    Column("chars", Integer, nullable=False),
    Column("content_hash", String(40), nullable=False),
    Column("imported_at", String(32), nullable=False),
    Index("ix_library_texts_publisher_date", "publisher", "published_at"),
    Index("ix_library_texts_date", "published_at"),
)
