"""Paper score sheets typed in twice (blind double entry), and the resolutions of disagreements.

Revision ID: 0004
Revises: 0003
Create Date: 2025-02-01

New tables only: contests upgraded from 0003 simply have no sheet typed in yet. Portable
SQLAlchemy (the partial unique indexes are declared for SQLite and PostgreSQL alike).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCORE = sa.Numeric(precision=12, scale=4)
CURRENT = sa.text("is_current")
KEY = ["round_id", "judge_pk", "case_pk", "criterion_id"]
TARGETS = {
    "round_id": "rounds",
    "judge_pk": "judges",
    "case_pk": "cases",
    "criterion_id": "criteria",
}


def _key_columns(table: str) -> list[sa.schema.SchemaItem]:
    items: list[sa.schema.SchemaItem] = [sa.Column("id", sa.Integer(), nullable=False)]
    items += [sa.Column(name, sa.Integer(), nullable=False) for name in KEY]
    items += [
        sa.ForeignKeyConstraint([name], [f"{target}.id"], name=f"fk_{table}_{name}_{target}")
        for name, target in TARGETS.items()
    ]
    items.append(sa.PrimaryKeyConstraint("id", name=f"pk_{table}"))
    return items


def upgrade() -> None:
    op.create_table(
        "sheet_entries",
        *_key_columns("sheet_entries"),
        sa.Column("entry", sa.String(length=8), nullable=False),
        sa.Column("value", SCORE, nullable=True),
        sa.Column("entered_by", sa.String(length=200), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_sheet_entries_import_id_imports"
        ),
        sa.CheckConstraint("entry IN ('first', 'second')", name="ck_sheet_entries_entry"),
    )
    op.create_index(
        "uq_sheet_entries_current",
        "sheet_entries",
        [*KEY, "entry"],
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )
    op.create_table(
        "sheet_resolutions",
        *_key_columns("sheet_resolutions"),
        sa.Column("value", SCORE, nullable=True),
        sa.Column("first_value", SCORE, nullable=True),
        sa.Column("second_value", SCORE, nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "uq_sheet_resolutions_current",
        "sheet_resolutions",
        KEY,
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )


def downgrade() -> None:
    op.drop_index("uq_sheet_resolutions_current", table_name="sheet_resolutions")
    op.drop_table("sheet_resolutions")
    op.drop_index("uq_sheet_entries_current", table_name="sheet_entries")
    op.drop_table("sheet_entries")
