"""What the report shows, as plain data: the services fill it from the database.

Every number here was computed by :mod:`judging_app.domain` (round and final results, judge
statistics) or is a value as stored (criterion scores, votes); the report only formats them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from judging_app.domain.config import ContestConfig
from judging_app.domain.ranking import FinalResult
from judging_app.domain.scoring import RoundResult
from judging_app.domain.stats import JudgeStats


@dataclass(frozen=True)
class CaseInfo:
    title: str
    organization: str = ""


@dataclass(frozen=True)
class JudgeInfo:
    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class RoundInfo:
    """A round's state, panels and judge statistics."""

    key: str
    state: str = "open"
    closed_at: datetime | None = None
    closed_by: str | None = None
    allow_missing: bool = False
    case_panels: Mapping[str, str | None] = field(default_factory=dict)
    """Case id → the panel that judges it in this round."""
    judge_panels: Mapping[str, str] = field(default_factory=dict)
    """Judge id → the judge's panel in this round."""
    judge_stats: tuple[JudgeStats, ...] = ()


@dataclass(frozen=True)
class SheetLine:
    """One case on a judge's score sheet."""

    case_id: str
    scores: Mapping[str, Decimal | None]
    """Criterion key → the judge's current score (None: cleared); absent: never scored."""
    total: Decimal | None
    """The judge's total as the domain counted it (None: incomplete or excluded)."""
    comment: str = ""
    conflict: str | None = None
    """None, 'automatic' (same organisation) or 'declared' (by the judge)."""
    conflict_reason: str = ""


@dataclass(frozen=True)
class ScoreSheet:
    """A judge's scores in one round: one printed page, signed by the judge."""

    round_key: str
    judge_id: str
    panel: str | None
    lines: tuple[SheetLine, ...]
    digest: str | None = None
    """The digest of the judge's latest merged package revision for the round, if any."""
    revision: int | None = None
    returned_at: datetime | None = None
    transcribed: bool = False
    """Some current scores were transcribed from a (paper) score table after that return."""


@dataclass(frozen=True)
class VoteLine:
    case_id: str
    votes: int | None
    """None: the case is a finalist without a vote row (counted as 0)."""
    source: str = ""


@dataclass(frozen=True)
class AuditLine:
    number: int
    at: datetime
    actor: str
    action: str
    details: Mapping[str, object]


@dataclass(frozen=True)
class FinalPart:
    """A finalist's final score split into its weighted expert and vote parts (for the chart)."""

    case_id: str
    expert_part: Decimal
    vote_part: Decimal


@dataclass(frozen=True)
class ReportData:
    config: ContestConfig
    final: FinalResult
    rounds: Mapping[str, RoundResult]
    cases: Mapping[str, CaseInfo]
    judges: Mapping[str, JudgeInfo] = field(default_factory=dict)
    round_info: Mapping[str, RoundInfo] = field(default_factory=dict)
    score_sheets: tuple[ScoreSheet, ...] = ()
    votes: tuple[VoteLine, ...] = ()
    vote_total: int = 0
    audit: tuple[AuditLine, ...] = ()
    parts: tuple[FinalPart, ...] = ()
    generated_at: datetime | None = None

    def case(self, case_id: str) -> CaseInfo:
        return self.cases.get(case_id, CaseInfo(""))

    def judge(self, judge_id: str) -> JudgeInfo:
        return self.judges.get(judge_id, JudgeInfo(""))

    def info(self, round_key: str) -> RoundInfo:
        return self.round_info.get(round_key, RoundInfo(round_key))

    @property
    def open_rounds(self) -> tuple[str, ...]:
        """The names of the rounds not closed yet: while there are any, results are provisional."""
        return tuple(r.name for r in self.config.rounds if self.info(r.key).state != "closed")

    @property
    def warnings(self) -> tuple[str, ...]:
        """Every warning: each round's in order, then the final ranking's."""
        found: list[str] = []
        for round_ in self.config.rounds:
            result = self.rounds.get(round_.key)
            if result is not None:
                found += result.warnings
        return tuple(dict.fromkeys(found + list(self.final.warnings)))
