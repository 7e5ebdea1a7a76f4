"""Record every report written, with its SHA-256 and its numbers, for ``judging-app verify``.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-20

A new table only: contests upgraded from 0002 simply have no report recorded yet.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contest_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=1000), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("written_by", sa.String(length=200), nullable=False),
        sa.Column("numbers", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contest_id"],
            ["contests.id"],
            name=op.f("fk_report_records_contest_id_contests"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_records")),
    )


def downgrade() -> None:
    op.drop_table("report_records")
