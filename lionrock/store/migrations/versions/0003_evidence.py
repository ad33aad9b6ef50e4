"""Evidence: the index of WACZ files, their pages, their links to sources, capture
results and link checks (issue #4). A source entity that has evidence cannot be deleted
until its evidence links are removed on purpose: deleting a source never deletes
evidence silently.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("bytes", sa.BigInteger, nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("operator", sa.String(128), nullable=False),
        sa.Column("signed", sa.Integer, nullable=False),
        sa.Column("timestamped", sa.Integer, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("input_sha256", sa.String(64)),
    )
    op.create_index("ix_evidence_input", "evidence", ["input_sha256"])
    op.create_table(
        "evidence_pages",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("evidence_id", sa.String(64), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("final_url", sa.Text),
        sa.Column("status", sa.Integer),
        sa.Column("ts", sa.String(32), nullable=False),
        sa.Column("payload_sha256", sa.String(64)),
        sa.Column("title", sa.Text),
    )
    op.create_index("ix_evidence_pages_url", "evidence_pages", ["url"])
    op.create_index("ix_evidence_pages_evidence", "evidence_pages", ["evidence_id"])
    op.create_table(
        "evidence_links",
        sa.Column("evidence_id", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.String(255), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("linked_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_evidence_links_source", "evidence_links", ["source_id"])
    op.create_table(
        "capture_results",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("source_id", sa.String(255)),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("error", sa.Text),
        sa.Column("evidence_id", sa.String(64)),
        sa.Column("at", sa.String(32), nullable=False),
    )
    op.create_index("ix_capture_results_url", "capture_results", ["url"])
    op.create_table(
        "link_checks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(255), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("status", sa.Integer),
        sa.Column("payload_sha256", sa.String(64)),
        sa.Column("error", sa.Text),
        sa.Column("offline_since", sa.String(32)),
        sa.Column("checked_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_link_checks_source", "link_checks", ["source_id", "checked_at"])
    message = "this source has evidence: remove its evidence links first"
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER entities_keep_evidence BEFORE DELETE ON entities "
            "WHEN EXISTS (SELECT 1 FROM evidence_links WHERE source_id = old.id) "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    else:
        op.execute(
            "CREATE FUNCTION entities_keep_evidence() RETURNS trigger AS $$ BEGIN "
            "IF EXISTS (SELECT 1 FROM evidence_links WHERE source_id = OLD.id) THEN "
            f"RAISE EXCEPTION '{message}'; END IF; RETURN OLD; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER entities_keep_evidence BEFORE DELETE ON entities "
            "FOR EACH ROW EXECUTE FUNCTION entities_keep_evidence()"
        )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS entities_keep_evidence" + (
        "" if op.get_bind().dialect.name == "sqlite" else " ON entities"))
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION IF EXISTS entities_keep_evidence()")
    for table in ("link_checks", "capture_results", "evidence_links", "evidence_pages",
                  "evidence"):
        op.drop_table(table)
