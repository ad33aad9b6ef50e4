"""Suggested court-case facts read from library articles (issue #16), kept apart from the
record's facts: one row per (article, person, kind, value), in state `suggested`,
`accepted` (with the draft change it became) or `rejected`. A decided row stays, so a
re-run of `lionrock library extract` never proposes it again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extract_suggestions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("article_id", sa.String(255), nullable=False),
        sa.Column("published_at", sa.String(32)),
        sa.Column("person", sa.String(255), nullable=False),
        sa.Column("person_id", sa.String(255)),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.Column("date", sa.String(32)),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("paragraph", sa.Integer, nullable=False),
        sa.Column("statute", sa.String(64), nullable=False),
        sa.Column("section", sa.String(64), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("decided_by", sa.String(255)),
        sa.Column("decided_at", sa.String(32)),
        sa.Column("change_id", sa.Integer),
        sa.Column("fact_entity", sa.String(255)),
    )
    op.create_index("ix_extract_state_kind", "extract_suggestions", ["state", "kind"])
    op.create_index("ix_extract_article", "extract_suggestions", ["article_id"])
    op.create_index("ix_extract_person", "extract_suggestions", ["person_id"])


def downgrade() -> None:
    op.drop_table("extract_suggestions")
