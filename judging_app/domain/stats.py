"""Numbers about the judges rather than the cases: leniency and disagreement.

A judge's **offset** is the mean, over the cases the judge scored, of the judge's total minus the
mean of every judge's total on that case: it compares the judge with the rest of the panel on the
same cases, so a panel that got stronger cases does not make its judges look lenient.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from judging_app.domain.numbers import mean, multiply, population_stdev, subtract
from judging_app.domain.scoring import RoundResult

#: An offset beyond this share of the round's maximum total marks a judge lenient or harsh.
LEANING_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class JudgeStats:
    judge_id: str
    cases: int
    mean: Decimal
    spread: Decimal
    """Population standard deviation of the judge's totals."""
    offset: Decimal
    leaning: str
    """'lenient', 'harsh' or 'even'."""


@dataclass(frozen=True)
class CaseSpread:
    case_id: str
    judges: int
    lowest: Decimal
    highest: Decimal
    spread: Decimal
    """Population standard deviation of the judges' totals on the case."""

    @property
    def range(self) -> Decimal:
        return self.highest - self.lowest


def judge_stats(result: RoundResult) -> tuple[JudgeStats, ...]:
    """Per judge, in judge id order: cases scored, mean and spread of totals, offset, leaning."""
    own: dict[str, list[Decimal]] = defaultdict(list)
    differences: dict[str, list[Decimal]] = defaultdict(list)
    for case in result.cases:
        if not case.totals:
            continue
        case_mean = mean(case.totals.values())
        for judge_id, value in case.totals.items():
            own[judge_id].append(value)
            differences[judge_id].append(subtract(value, case_mean))
    threshold = multiply(LEANING_SHARE, result.max_total)
    stats = []
    for judge_id in sorted(own):
        offset = mean(differences[judge_id])
        leaning = "lenient" if offset > threshold else "harsh" if offset < -threshold else "even"
        stats.append(
            JudgeStats(
                judge_id,
                len(own[judge_id]),
                mean(own[judge_id]),
                population_stdev(own[judge_id]),
                offset,
                leaning,
            )
        )
    return tuple(stats)


def case_spreads(result: RoundResult) -> tuple[CaseSpread, ...]:
    """Per scored case, in ranking order: how far apart its judges' totals are."""
    return tuple(
        CaseSpread(
            case.case_id,
            case.judges,
            min(case.totals.values()),
            max(case.totals.values()),
            population_stdev(case.totals.values()),
        )
        for case in result.cases
        if case.totals
    )
