"""Count each enrolment's permanent sync failures in a row, so it can pause itself.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add `enrolments.failures` (0 for every existing enrolment)."""
    with op.batch_alter_table("enrolments") as batch:
        batch.add_column(
            sa.Column("failures", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )


def downgrade() -> None:
    """Drop `enrolments.failures`."""
    with op.batch_alter_table("enrolments") as batch:
        batch.drop_column("failures")
