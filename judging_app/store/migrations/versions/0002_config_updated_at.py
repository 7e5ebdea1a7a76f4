"""Record when the contest's config last changed; index the audit log by contest and time.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15

``contests.config_updated_at`` is shown beside the rules in the report and the window. Existing
contests get their creation time (the config has not changed since, as far as the file knows); the
column is then made NOT NULL, which SQLite does by copying the table (batch mode).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contests") as batch:
        batch.add_column(sa.Column("config_updated_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE contests SET config_updated_at = created_at")
    with op.batch_alter_table("contests") as batch:
        batch.alter_column(
            "config_updated_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
    op.create_index("ix_audit_log_contest_at", "audit_log", ["contest_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_contest_at", table_name="audit_log")
    with op.batch_alter_table("contests") as batch:
        batch.drop_column("config_updated_at")
