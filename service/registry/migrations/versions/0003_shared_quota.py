"""A Sheets request budget every instance draws from: a sliding window of request times.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create `quota_kinds` (one lock row per kind) and `quota_uses` (the window's requests)."""
    kinds = op.create_table(
        "quota_kinds",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("touched_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name="pk_quota_kinds"),
    )
    # Seeded, so instances never race to create the row they all lock.
    op.bulk_insert(
        kinds, [{"kind": "read", "touched_at": 0.0}, {"kind": "write", "touched_at": 0.0}]
    )
    op.create_table(
        "quota_uses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("used_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quota_uses"),
    )
    op.create_index("ix_quota_uses_kind_used_at", "quota_uses", ["kind", "used_at"])


def downgrade() -> None:
    """Drop the shared quota tables."""
    op.drop_index("ix_quota_uses_kind_used_at", table_name="quota_uses")
    op.drop_table("quota_uses")
    op.drop_table("quota_kinds")
