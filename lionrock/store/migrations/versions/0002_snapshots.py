"""List snapshots: each import of a sanctions list, with its date and the file's SHA-256.

Facts of a snapshot cite its own source Document (`src-<list>-<date>`), so earlier
snapshots stay in the store, identifiable, when a newer one is imported (issue #3).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("list", sa.String(64), nullable=False),
        sa.Column("snapshot_date", sa.String(10), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("source_id", sa.String(255), nullable=False),
        sa.Column("facts", sa.Integer, nullable=False),
        sa.Column("entities", sa.Integer, nullable=False),
        sa.Column("imported_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("list", "snapshot_date", name="uq_snapshots_list_date"),
    )


def downgrade() -> None:
    op.drop_table("snapshots")
