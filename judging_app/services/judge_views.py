"""What the judge's window shows, read from a :class:`JudgeSession` (Qt-free).

The window holds no rule of its own: a case's state, its running total and how many PIN tries
remain before the wait are decided here, next to the session, so that a test can check them
without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from judging_app.domain.messages import UserError
from judging_app.domain.numbers import total
from judging_app.exchange.digest import short_digest
from judging_app.exchange.package import CaseInfo, CriterionInfo, PackageFile
from judging_app.exchange.package_keys import PIN_DIGITS
from judging_app.services.judge_session import FREE_TRIES, CaseState, JudgeSession

__all__ = [
    "PIN_DIGITS",
    "CaseInfo",
    "CaseRow",
    "CaseStatus",
    "CriterionInfo",
    "LastSubmission",
    "PackageSummary",
    "case_row",
    "case_rows",
    "last_submission",
    "max_total",
    "package_summary",
    "tries_before_wait",
]


class CaseStatus(StrEnum):
    NOT_STARTED = "not_started"
    PARTLY = "partly"
    COMPLETE = "complete"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class CaseRow:
    """One assigned case as the case list and the overview show it."""

    position: int
    case_id: str
    title: str
    status: CaseStatus
    scores: dict[str, Decimal]
    total: Decimal | None
    """The sum of the scores entered so far (None: none entered)."""
    comment: str
    conflict: str | None
    """Why the judge does not score the case (declared or automatic), or None."""
    automatic: bool
    """The conflict was found by the secretariat (same organisation), not declared."""
    missing: tuple[str, ...]
    """The keys of the criteria not scored yet (empty for a conflict)."""


def case_row(session: JudgeSession, case_id: str, position: int | None = None) -> CaseRow:
    state = session.case(case_id)
    if position is None:
        position = next(i for i, c in enumerate(session.cases) if c.case_id == case_id)
    return _row(session, state, position)


def case_rows(session: JudgeSession) -> list[CaseRow]:
    return [_row(session, session.case(c.case_id), i) for i, c in enumerate(session.cases)]


def _row(session: JudgeSession, state: CaseState, position: int) -> CaseRow:
    keys = [c.key for c in session.criteria]
    scores = {k: state.scores[k] for k in keys if k in state.scores}
    conflict = state.case.excluded_reason or state.conflict
    missing = () if conflict is not None else tuple(k for k in keys if k not in scores)
    if conflict is not None:
        status = CaseStatus.CONFLICT
    elif not scores:
        status = CaseStatus.NOT_STARTED
    elif missing:
        status = CaseStatus.PARTLY
    else:
        status = CaseStatus.COMPLETE
    return CaseRow(
        position=position,
        case_id=state.case.case_id,
        title=state.case.title,
        status=status,
        scores=scores,
        total=total(scores.values()) if scores else None,
        comment=state.comment,
        conflict=conflict,
        automatic=state.case.excluded_reason is not None,
        missing=missing,
    )


def max_total(session: JudgeSession) -> Decimal:
    """The highest total a case can have: the criteria's maxima added up."""
    return total(c.max for c in session.criteria)


def tries_before_wait(session: JudgeSession) -> int:
    """How many more wrong PINs the judge can type before having to wait."""
    return max(0, FREE_TRIES - session.failed_unlocks)


@dataclass(frozen=True)
class LastSubmission:
    revision: int
    submitted_at: str
    digest: str

    @property
    def short_digest(self) -> str:
        return short_digest(self.digest)


def last_submission(session: JudgeSession) -> LastSubmission | None:
    """The judge's last submission (also after the window was closed and opened again)."""
    with PackageFile.open_readonly(session.working_path) as package, package.reading():
        found = package.submission()
    if found is None:
        return None
    return LastSubmission(found.revision, found.submitted_at, found.digest)


@dataclass(frozen=True)
class PackageSummary:
    contest_name: str
    round_name: str
    judge_name: str


def package_summary(path: Path) -> PackageSummary | None:
    """Whose package ``path`` is, for a list of recent files (None: not a readable package)."""
    try:
        with PackageFile.open_readonly(path) as package, package.reading():
            meta = package.meta()
    except (UserError, OSError):
        return None
    return PackageSummary(meta.contest_name, meta.round_name, meta.judge_name)
