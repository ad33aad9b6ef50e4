"""The evidence index in the Store (migration 0003 creates these tables).

- `evidence`: one row per WACZ file, named by its sha256 (the file's content hash).
- `evidence_pages`: the pages each file holds (URL, final URL, status, payload sha256).
- `evidence_links`: which source each file is evidence for. A source entity with links
  cannot be deleted (a trigger refuses it) until the links are removed on purpose.
- `capture_results`: every capture attempt, failures included.
- `link_checks`: `lionrock sources check` results: online, changed or offline.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

evidence = Table(
    "evidence",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 hex of the WACZ file
    Column("path", Text, nullable=False),  # relative to LIONROCK_HOME/evidence
    Column("bytes", BigInteger, nullable=False),
    Column("origin", String(16), nullable=False),  # capture | import
    Column("created_at", String(32), nullable=False),
    Column("operator", String(128), nullable=False),
    Column("signed", Integer, nullable=False),
    Column("timestamped", Integer, nullable=False),
    Column("note", Text),
    Column("input_sha256", String(64)),  # for imports: the sha256 of the file imported
    Index("ix_evidence_input", "input_sha256"),
)

evidence_pages = Table(
    "evidence_pages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("evidence_id", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("final_url", Text),
    Column("status", Integer),
    Column("ts", String(32), nullable=False),
    Column("payload_sha256", String(64)),
    Column("title", Text),
    Index("ix_evidence_pages_url", "url"),
    Index("ix_evidence_pages_evidence", "evidence_id"),
)

evidence_links = Table(
    "evidence_links",
    metadata,
    Column("evidence_id", String(64), primary_key=True),
    Column("source_id", String(255), primary_key=True),
    Column("url", Text, nullable=False),
    Column("linked_at", String(32), nullable=False),
    Index("ix_evidence_links_source", "source_id"),
)

capture_results = Table(
    "capture_results",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("url", Text, nullable=False),
    Column("source_id", String(255)),
    Column("outcome", String(16), nullable=False),
    Column("status", Integer),
    Column("error", Text),
    Column("evidence_id", String(64)),
    Column("at", String(32), nullable=False),
    Index("ix_capture_results_url", "url"),
)

link_checks = Table(
    "link_checks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source_id", String(255), nullable=False),
    Column("url", Text, nullable=False),
    Column("state", String(16), nullable=False),  # online | changed | offline
    Column("status", Integer),
    Column("payload_sha256", String(64)),
    Column("error", Text),
    Column("offline_since", String(32)),
    Column("checked_at", String(32), nullable=False),
    Index("ix_link_checks_source", "source_id", "checked_at"),
)
