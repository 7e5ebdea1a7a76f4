"""The initial contest database schema.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out in full, with every constraint named, so that it never changes when the models do. The
audit log gets triggers that refuse UPDATE and DELETE. NB: a later batch migration that recreates
``audit_log`` on SQLite drops its triggers and must create them again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCORE = sa.Numeric(precision=12, scale=4)
CURRENT = sa.text("is_current")  # partial unique indexes over the current rows only

#: Creation order (parents first); downgrade drops in reverse.
TABLES = (
    "contests",
    "audit_log",
    "cases",
    "criteria",
    "judges",
    "rounds",
    "round_criteria",
    "panels",
    "panel_judges",
    "round_cases",
    "imports",
    "issued_packages",
    "package_revisions",
    "scores",
    "score_comments",
    "conflicts",
    "votes",
)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _int(name: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _str(name: str, length: int, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=nullable)


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=False)


def _bool(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False)


def _time(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*(columns or ("id",)), name=f"pk_{table}")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}")


def _panel_fk(table: str) -> sa.ForeignKeyConstraint:
    """Keeps a panel member's or a case's ``round_id`` equal to its panel's round."""
    return sa.ForeignKeyConstraint(
        ["panel_id", "round_id"],
        ["panels.id", "panels.round_id"],
        name=f"fk_{table}_panel_id_round_id_panels",
    )


def _unique(table: str, *columns: str) -> sa.UniqueConstraint:
    return sa.UniqueConstraint(*columns, name=f"uq_{table}_{'_'.join(columns)}")


def _history(table: str) -> list[SchemaItem]:
    """Columns of the tables that keep every value with its history."""
    return [
        _str("source", 32),
        _str("source_ref", 1000, nullable=True),
        _time("entered_at"),
        _bool("is_current"),
        _time("replaced_at", nullable=True),
        _int("import_id", nullable=True),
        _fk(table, "import_id", "imports"),
    ]


def _create_contest_tables() -> None:
    op.create_table(
        "contests",
        _id(),
        _str("uid", 32),
        _str("name", 200),
        _text("config_toml"),
        _time("created_at"),
        _pk("contests"),
        _unique("contests", "uid"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        _int("contest_id"),
        _time("at"),
        _str("actor", 200),
        _str("action", 64),
        _text("details"),
        _pk("audit_log"),
        _fk("audit_log", "contest_id", "contests"),
    )
    op.create_table(
        "cases",
        _id(),
        _int("contest_id"),
        _str("case_id", 64),
        _str("title", 500),
        _str("organization", 200),
        _str("category", 200),
        _text("summary"),
        _text("body"),
        _pk("cases"),
        _fk("cases", "contest_id", "contests"),
        _unique("cases", "contest_id", "case_id"),
    )
    op.create_table(
        "criteria",
        _id(),
        _int("contest_id"),
        _str("key", 64),
        _str("name", 200),
        sa.Column("max", SCORE, nullable=False),
        sa.Column("step", SCORE, nullable=False),
        _text("description"),
        _int("position"),
        _pk("criteria"),
        _fk("criteria", "contest_id", "contests"),
        _unique("criteria", "contest_id", "key"),
    )
    op.create_table(
        "judges",
        _id(),
        _int("contest_id"),
        _str("judge_id", 64),
        _str("name", 200),
        _str("affiliation", 200),
        _pk("judges"),
        _fk("judges", "contest_id", "contests"),
        _unique("judges", "contest_id", "judge_id"),
    )


def _create_round_tables() -> None:
    op.create_table(
        "rounds",
        _id(),
        _int("contest_id"),
        _str("key", 64),
        _str("name", 200),
        _int("position"),
        _str("aggregate", 32),
        _int("trim_min"),
        _int("advance", nullable=True),
        _str("state", 16),
        _time("closed_at", nullable=True),
        _str("closed_by", 200, nullable=True),
        _bool("allow_missing"),
        _pk("rounds"),
        _fk("rounds", "contest_id", "contests"),
        _unique("rounds", "contest_id", "key"),
        sa.CheckConstraint("state IN ('open', 'closed')", name="ck_rounds_state"),
    )
    op.create_table(
        "round_criteria",
        _int("round_id"),
        _int("criterion_id"),
        _pk("round_criteria", "round_id", "criterion_id"),
        _fk("round_criteria", "round_id", "rounds"),
        _fk("round_criteria", "criterion_id", "criteria"),
    )
    op.create_table(
        "panels",
        _id(),
        _int("round_id"),
        _str("label", 64),
        _pk("panels"),
        _fk("panels", "round_id", "rounds"),
        _unique("panels", "round_id", "label"),
        _unique("panels", "id", "round_id"),
    )
    op.create_table(
        "panel_judges",
        _id(),
        _int("panel_id"),
        _int("round_id"),
        _int("judge_pk"),
        _pk("panel_judges"),
        _panel_fk("panel_judges"),
        _fk("panel_judges", "judge_pk", "judges"),
        _unique("panel_judges", "round_id", "judge_pk"),
    )
    op.create_table(
        "round_cases",
        _id(),
        _int("round_id"),
        _int("case_pk"),
        _int("panel_id", nullable=True),
        _pk("round_cases"),
        _fk("round_cases", "round_id", "rounds"),
        _fk("round_cases", "case_pk", "cases"),
        _panel_fk("round_cases"),
        _unique("round_cases", "round_id", "case_pk"),
    )


def _create_import_tables() -> None:
    op.create_table(
        "imports",
        _id(),
        _int("contest_id"),
        _str("kind", 32),
        _str("file_name", 1000),
        _str("sha256", 64),
        _int("rows"),
        _time("imported_at"),
        _str("imported_by", 200),
        _int("round_id", nullable=True),
        _pk("imports"),
        _fk("imports", "contest_id", "contests"),
        _fk("imports", "round_id", "rounds"),
    )
    op.create_table(
        "issued_packages",
        _id(),
        _int("round_id"),
        _int("judge_pk"),
        _str("package_uid", 32),
        sa.Column("public_key", sa.LargeBinary(length=32), nullable=False),
        _str("key_fingerprint", 128),
        _time("issued_at"),
        _time("revoked_at", nullable=True),
        _pk("issued_packages"),
        _fk("issued_packages", "round_id", "rounds"),
        _fk("issued_packages", "judge_pk", "judges"),
        _unique("issued_packages", "package_uid"),
    )
    op.create_table(
        "package_revisions",
        _id(),
        _int("issued_package_id"),
        _int("revision"),
        _str("digest", 128),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("signed_payload", sa.LargeBinary(), nullable=False),
        _time("imported_at"),
        _int("import_id", nullable=True),
        _pk("package_revisions"),
        _fk("package_revisions", "issued_package_id", "issued_packages"),
        _fk("package_revisions", "import_id", "imports"),
        _unique("package_revisions", "issued_package_id", "revision"),
        sa.CheckConstraint("revision >= 1", name="ck_package_revisions_revision_positive"),
    )


def _create_score_tables() -> None:
    op.create_table(
        "scores",
        _id(),
        _int("round_id"),
        _int("judge_pk"),
        _int("case_pk"),
        _int("criterion_id"),
        sa.Column("value", SCORE, nullable=True),
        *_history("scores"),
        _pk("scores"),
        _fk("scores", "round_id", "rounds"),
        _fk("scores", "judge_pk", "judges"),
        _fk("scores", "case_pk", "cases"),
        _fk("scores", "criterion_id", "criteria"),
    )
    key = ["round_id", "judge_pk", "case_pk", "criterion_id"]
    op.create_index("ix_scores_lookup", "scores", [*key, "is_current"])
    op.create_index(
        "uq_scores_current",
        "scores",
        key,
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )
    op.create_table(
        "score_comments",
        _id(),
        _int("round_id"),
        _int("judge_pk"),
        _int("case_pk"),
        _text("comment"),
        *_history("score_comments"),
        _pk("score_comments"),
        _fk("score_comments", "round_id", "rounds"),
        _fk("score_comments", "judge_pk", "judges"),
        _fk("score_comments", "case_pk", "cases"),
    )
    key = ["round_id", "judge_pk", "case_pk"]
    op.create_index("ix_score_comments_lookup", "score_comments", [*key, "is_current"])
    op.create_index(
        "uq_score_comments_current",
        "score_comments",
        key,
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )


def _create_conflict_and_vote_tables() -> None:
    op.create_table(
        "conflicts",
        _id(),
        _int("round_id", nullable=True),
        _int("judge_pk"),
        _int("case_pk"),
        _str("kind", 16),
        _text("reason"),
        _time("declared_at"),
        _bool("is_current"),
        _time("replaced_at", nullable=True),
        _str("source_ref", 1000, nullable=True),
        _int("import_id", nullable=True),
        _pk("conflicts"),
        _fk("conflicts", "round_id", "rounds"),
        _fk("conflicts", "judge_pk", "judges"),
        _fk("conflicts", "case_pk", "cases"),
        _fk("conflicts", "import_id", "imports"),
        sa.CheckConstraint("kind IN ('automatic', 'declared')", name="ck_conflicts_kind"),
    )
    op.create_index("ix_conflicts_lookup", "conflicts", ["judge_pk", "case_pk", "is_current"])
    op.create_table(
        "votes",
        _id(),
        _int("contest_id"),
        _int("case_pk"),
        _int("votes"),
        _int("import_id", nullable=True),
        _bool("is_current"),
        _time("entered_at"),
        _time("replaced_at", nullable=True),
        _pk("votes"),
        _fk("votes", "contest_id", "contests"),
        _fk("votes", "case_pk", "cases"),
        _fk("votes", "import_id", "imports"),
        sa.CheckConstraint("votes >= 0", name="ck_votes_votes_not_negative"),
    )
    op.create_index(
        "uq_votes_current",
        "votes",
        ["contest_id", "case_pk"],
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )


SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
)

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
)


def _create_audit_triggers() -> None:
    """Make the audit log append-only in the database itself, not only in the ORM."""
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRESQL_TRIGGERS}.get(dialect, ())
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _create_contest_tables()
    _create_round_tables()
    _create_import_tables()
    _create_score_tables()
    _create_conflict_and_vote_tables()
    _create_audit_triggers()


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP FUNCTION audit_log_append_only() CASCADE")
    for table in reversed(TABLES):
        op.drop_table(table)
