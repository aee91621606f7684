"""The initial registry: enrolments, tabs, runs and leases.

Revision ID: 0001
Revises:
Create Date: 2025-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the four registry tables."""
    op.create_table(
        "enrolments",
        sa.Column("spreadsheet_id", sa.String(128), nullable=False),
        sa.Column("enrolled_by", sa.String(320), nullable=False),
        sa.Column("enrolled_at", _utc(), nullable=False),
        sa.Column("schedule_minutes", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("next_sync_at", _utc(), nullable=False),
        sa.Column("last_synced_at", _utc(), nullable=True),
        sa.Column("last_outcome", sa.String(16), nullable=True),
        sa.PrimaryKeyConstraint("spreadsheet_id", name="pk_enrolments"),
    )
    op.create_index("ix_enrolments_paused_next_sync_at", "enrolments", ["paused", "next_sync_at"])
    op.create_table(
        "tabs",
        sa.Column("spreadsheet_id", sa.String(128), nullable=False),
        sa.Column("sheet_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("seen_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("spreadsheet_id", "sheet_id", name="pk_tabs"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("spreadsheet_id", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("task_name", sa.String(500), nullable=True),
        sa.Column("started_at", _utc(), nullable=False),
        sa.Column("finished_at", _utc(), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("reads", sa.Integer(), nullable=False),
        sa.Column("writes", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("changed_cells", sa.Integer(), nullable=False),
        sa.Column("flags", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_spreadsheet_id_id", "runs", ["spreadsheet_id", "id"])
    op.create_index("ix_runs_task_name", "runs", ["task_name"])
    op.create_table(
        "leases",
        sa.Column("spreadsheet_id", sa.String(128), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("expires_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("spreadsheet_id", name="pk_leases"),
    )


def downgrade() -> None:
    """Drop the four registry tables."""
    op.drop_table("leases")
    op.drop_index("ix_runs_task_name", table_name="runs")
    op.drop_index("ix_runs_spreadsheet_id_id", table_name="runs")
    op.drop_table("runs")
    op.drop_table("tabs")
    op.drop_index("ix_enrolments_paused_next_sync_at", table_name="enrolments")
    op.drop_table("enrolments")
