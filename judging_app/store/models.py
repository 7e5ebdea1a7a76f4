"""The contest database: SQLAlchemy 2.0 typed models, portable to PostgreSQL.

Decisions that the services rely on:

- ``Contest.config_toml`` is the source of truth for the rules. ``criteria``, ``rounds`` and
  ``round_criteria`` are its projection into tables, rewritten from it (in the same transaction)
  whenever the config changes, so that queries and foreign keys can use them. ``round_criteria``
  always lists a round's criteria explicitly, also when the config gives no subset (then: every
  criterion).
- History, not deletion: scores, comments, votes and declared conflicts are never updated in value
  nor deleted. Replacing one sets ``is_current = False`` and ``replaced_at`` on the old row and
  inserts a new row. A partial unique index allows at most one current row per key.
- A cleared score is a current ``Score`` row with ``value`` NULL (who cleared it, when and from
  which file stays recorded); a missing score has no current row at all. Comments are per case, in
  ``ScoreComment``, with the same history columns.
- Foreign keys to ``judges`` and ``cases`` are named ``judge_pk`` and ``case_pk``: ``judge_id`` and
  ``case_id`` are the user's own identifiers (strings) in those tables.
- ``audit_log`` is append-only: the ORM refuses to update or delete an :class:`AuditEntry`
  (:class:`AppendOnlyError`), and the migration adds database triggers that refuse it too.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Mapper,
    ORMExecuteState,
    Session,
    mapped_column,
    relationship,
)

from judging_app.store.types import SCORE, UtcDateTime, utcnow

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ROUND_STATES = ("open", "closed")
CONFLICT_KINDS = ("automatic", "declared")


def _new_uid() -> str:
    return uuid.uuid4().hex


#: The condition of the partial unique indexes over the current rows (SQLite and PostgreSQL).
CURRENT = text("is_current")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Contest(Base):
    __tablename__ = "contests"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=_new_uid)
    name: Mapped[str] = mapped_column(String(200))
    config_toml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    config_updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    criteria: Mapped[list[Criterion]] = relationship(order_by="Criterion.position")
    rounds: Mapped[list[Round]] = relationship(back_populates="contest", order_by="Round.position")
    cases: Mapped[list[Case]] = relationship(order_by="Case.case_id")
    judges: Mapped[list[Judge]] = relationship(order_by="Judge.judge_id")


class Criterion(Base):
    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("contest_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    max: Mapped[Decimal] = mapped_column(SCORE)
    step: Mapped[Decimal] = mapped_column(SCORE)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int]


class Round(Base):
    __tablename__ = "rounds"
    __table_args__ = (
        UniqueConstraint("contest_id", "key"),
        CheckConstraint("state IN ('open', 'closed')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int]
    aggregate: Mapped[str] = mapped_column(String(32))
    trim_min: Mapped[int] = mapped_column(default=5)
    advance: Mapped[int | None]
    state: Mapped[str] = mapped_column(String(16), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_by: Mapped[str | None] = mapped_column(String(200))
    allow_missing: Mapped[bool] = mapped_column(default=False)

    contest: Mapped[Contest] = relationship(back_populates="rounds")
    criteria: Mapped[list[Criterion]] = relationship(
        secondary="round_criteria", order_by="Criterion.position"
    )
    panels: Mapped[list[Panel]] = relationship(back_populates="round", order_by="Panel.label")
    field: Mapped[list[RoundCase]] = relationship()


class RoundCriterion(Base):
    """The criteria that a round scores (explicit, see the module docstring)."""

    __tablename__ = "round_criteria"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), primary_key=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"), primary_key=True)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("contest_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    case_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(500))
    organization: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")


class Judge(Base):
    __tablename__ = "judges"
    __table_args__ = (UniqueConstraint("contest_id", "judge_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    judge_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    affiliation: Mapped[str] = mapped_column(String(200), default="")


class Panel(Base):
    __tablename__ = "panels"
    __table_args__ = (
        UniqueConstraint("round_id", "label"),
        # Target of the composite foreign keys that keep a panel's members and cases in its round.
        UniqueConstraint("id", "round_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    label: Mapped[str] = mapped_column(String(64))

    round: Mapped[Round] = relationship(back_populates="panels")
    members: Mapped[list[PanelJudge]] = relationship(
        primaryjoin="Panel.id == PanelJudge.panel_id",
        foreign_keys="PanelJudge.panel_id",
        back_populates="panel",
    )
    cases: Mapped[list[RoundCase]] = relationship(
        primaryjoin="Panel.id == RoundCase.panel_id",
        foreign_keys="RoundCase.panel_id",
        back_populates="panel",
    )


class PanelJudge(Base):
    """A judge on a panel. ``round_id`` must be the panel's round: it makes "one panel per round"
    enforceable by a unique constraint, and a composite foreign key keeps it consistent."""

    __tablename__ = "panel_judges"
    __table_args__ = (
        UniqueConstraint("round_id", "judge_pk"),
        ForeignKeyConstraint(["panel_id", "round_id"], ["panels.id", "panels.round_id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    panel_id: Mapped[int]
    round_id: Mapped[int]
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))

    panel: Mapped[Panel] = relationship(
        primaryjoin="Panel.id == PanelJudge.panel_id",
        foreign_keys="PanelJudge.panel_id",
        back_populates="members",
    )
    judge: Mapped[Judge] = relationship()


class RoundCase(Base):
    """A case in a round's field, and the panel that judges it there (NULL: not assigned yet)."""

    __tablename__ = "round_cases"
    __table_args__ = (
        UniqueConstraint("round_id", "case_pk"),
        ForeignKeyConstraint(["panel_id", "round_id"], ["panels.id", "panels.round_id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    panel_id: Mapped[int | None]

    case: Mapped[Case] = relationship()
    panel: Mapped[Panel | None] = relationship(
        primaryjoin="Panel.id == RoundCase.panel_id",
        foreign_keys="RoundCase.panel_id",
        back_populates="cases",
    )


class Import(Base):
    """One imported file (or returned package)."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    kind: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(default=0)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(200))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"))


class _History:
    """Columns shared by the tables that keep every value with its history."""

    source: Mapped[str] = mapped_column(String(32))
    source_ref: Mapped[str | None] = mapped_column(String(1000))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=True)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))


class Score(_History, Base):
    """``source``: "package" or "table" (transcribed); ``source_ref``: file name and SHA-256, or the
    package uid and revision."""

    __tablename__ = "scores"
    __table_args__ = (
        Index("ix_scores_lookup", "round_id", "judge_pk", "case_pk", "criterion_id", "is_current"),
        Index(
            "uq_scores_current",
            "round_id",
            "judge_pk",
            "case_pk",
            "criterion_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"))
    value: Mapped[Decimal | None] = mapped_column(SCORE)

    judge: Mapped[Judge] = relationship()
    case: Mapped[Case] = relationship()
    criterion: Mapped[Criterion] = relationship()


class ScoreComment(_History, Base):
    """A judge's comment on a case in a round (one per case, not per criterion)."""

    __tablename__ = "score_comments"
    __table_args__ = (
        Index("ix_score_comments_lookup", "round_id", "judge_pk", "case_pk", "is_current"),
        Index(
            "uq_score_comments_current",
            "round_id",
            "judge_pk",
            "case_pk",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    comment: Mapped[str] = mapped_column(Text)


class Conflict(Base):
    """A judge excluded from a case. Automatic conflicts (affiliation = organisation) have no round
    and apply to every round; declared ones come from a judge's package for its round. A withdrawn
    declaration keeps its row with ``is_current = False``."""

    __tablename__ = "conflicts"
    __table_args__ = (
        CheckConstraint("kind IN ('automatic', 'declared')", name="kind"),
        Index("ix_conflicts_lookup", "judge_pk", "case_pk", "is_current"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id"))
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=True)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    source_ref: Mapped[str | None] = mapped_column(String(1000))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (
        CheckConstraint("votes >= 0", name="votes_not_negative"),
        Index(
            "uq_votes_current",
            "contest_id",
            "case_pk",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    votes: Mapped[int]
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))
    is_current: Mapped[bool] = mapped_column(default=True)
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    case: Mapped[Case] = relationship()


class IssuedPackage(Base):
    """A judge package as issued: the contest keeps the public key that verifies its returns.
    Issuing again for the same round and judge rotates the key: older rows get ``revoked_at``."""

    __tablename__ = "issued_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))
    package_uid: Mapped[str] = mapped_column(String(32), unique=True, default=_new_uid)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    key_fingerprint: Mapped[str] = mapped_column(String(128))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    judge: Mapped[Judge] = relationship()
    revisions: Mapped[list[PackageRevision]] = relationship(
        back_populates="issued_package", order_by="PackageRevision.revision"
    )


class PackageRevision(Base):
    """A returned revision of a package; ``signed_payload`` is kept to re-verify it later."""

    __tablename__ = "package_revisions"
    __table_args__ = (
        UniqueConstraint("issued_package_id", "revision"),
        CheckConstraint("revision >= 1", name="revision_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    issued_package_id: Mapped[int] = mapped_column(ForeignKey("issued_packages.id"))
    revision: Mapped[int]
    digest: Mapped[str] = mapped_column(String(128))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signed_payload: Mapped[bytes] = mapped_column(LargeBinary)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))

    issued_package: Mapped[IssuedPackage] = relationship(back_populates="revisions")


ENTRIES = ("first", "second")


class SheetEntry(Base):
    """One value of a paper score sheet as typed by one of two staff members (blind double
    entry, ``entry`` "first" or "second"). Kept with its history like the scores: retyping a
    value marks the old row ``is_current = False``; ``value`` NULL is a value typed blank or
    cleared. Only values on which both entries agree (or that a resolution settles) become
    :class:`Score` rows."""

    __tablename__ = "sheet_entries"
    __table_args__ = (
        CheckConstraint("entry IN ('first', 'second')", name="entry"),
        Index(
            "uq_sheet_entries_current",
            "round_id",
            "judge_pk",
            "case_pk",
            "criterion_id",
            "entry",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"))
    entry: Mapped[str] = mapped_column(String(8))
    value: Mapped[Decimal | None] = mapped_column(SCORE)
    entered_by: Mapped[str] = mapped_column(String(200))
    entered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=True)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"))


class SheetResolution(Base):
    """A disagreement between the two entries settled by a third look at the paper: ``value``
    (NULL: the paper has no value there) holds while the entries still read ``first_value`` and
    ``second_value``, the values that were in dispute; retyping either reopens the comparison."""

    __tablename__ = "sheet_resolutions"
    __table_args__ = (
        Index(
            "uq_sheet_resolutions_current",
            "round_id",
            "judge_pk",
            "case_pk",
            "criterion_id",
            unique=True,
            sqlite_where=CURRENT,
            postgresql_where=CURRENT,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    judge_pk: Mapped[int] = mapped_column(ForeignKey("judges.id"))
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criteria.id"))
    value: Mapped[Decimal | None] = mapped_column(SCORE)
    first_value: Mapped[Decimal | None] = mapped_column(SCORE)
    second_value: Mapped[Decimal | None] = mapped_column(SCORE)
    resolved_by: Mapped[str] = mapped_column(String(200))
    resolved_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    is_current: Mapped[bool] = mapped_column(default=True)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """One line of the append-only audit log; ``details`` is a JSON object as text."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_contest_at", "contest_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text, default="{}")


class ReportRecord(Base):
    """A report as written: the file's SHA-256 and the numbers it shows (``numbers``: canonical
    JSON of every round's and the final ranking), so that ``verify`` can recompute the result
    from the stored scores and votes and compare it with what was printed."""

    __tablename__ = "report_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id"))
    file_name: Mapped[str] = mapped_column(String(1000))
    path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    written_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    written_by: Mapped[str] = mapped_column(String(200))
    numbers: Mapped[str] = mapped_column(Text)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit log entry (a programming error)."""


def _refuse_change(mapper: Mapper[AuditEntry], connection: object, target: AuditEntry) -> None:
    raise AppendOnlyError(f"the audit log is append-only (entry {target.id})")


event.listen(AuditEntry, "before_update", _refuse_change)
event.listen(AuditEntry, "before_delete", _refuse_change)


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_change(state: ORMExecuteState) -> None:
    """Catch ``update(AuditEntry)`` / ``delete(AuditEntry)`` run through a session."""
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEntry for mapper in state.all_mappers
    ):
        raise AppendOnlyError("the audit log is append-only")
