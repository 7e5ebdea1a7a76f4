"""Judge totals, conflicts of interest, round scores and advancing (DESIGN.md rules 1–5)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from judging_app.domain.config import Criterion, Round
from judging_app.domain.messages import register, text
from judging_app.domain.numbers import (
    CONTEXT,
    divide,
    mean,
    multiply,
    population_stdev,
    round_half_up,
    subtract,
    total,
)

T = TypeVar("T")
T_SCORE_CENTRE = Decimal(50)
T_SCORE_SCALE = Decimal(10)

register(
    {
        "score.out_of_range": (
            "{value}은(는) {name}의 허용 범위 0~{max}을(를) 벗어납니다",
            "{value} is outside {name}'s range 0–{max}",
        ),
        "score.off_step": (
            "{value}은(는) {name}의 점수 단위 {step}에 맞지 않습니다",
            "{value} is not on {name}'s step of {step}",
        ),
        "score.not_a_number": ("{value}은(는) 숫자가 아닙니다", "{value} is not a number"),
        "round.no_scores": (
            "{round}: 사례 {case}에 점수가 하나도 없어 순위에서 빠졌습니다",
            "{round}: case {case} has no scores and is left out of the ranking",
        ),
        "round.tie_at_cutoff": (
            "{round}: 진출 경계에서 동점입니다. 사례 {cases}이(가) 공동 {rank}위로 모두 진출하여 "
            "{count}건이 진출합니다 (정원 {advance})",
            "{round}: tie at the cut-off: cases {cases} share rank {rank} and all go on, "
            "so {count} cases advance instead of {advance}",
        ),
        "round.shared_rank": (
            "{round}: 사례 {cases}이(가) 모든 동점 기준에서 같아 공동 {rank}위입니다",
            "{round}: cases {cases} are equal on every tie-break and share rank {rank}",
        ),
    }
)


@dataclass(frozen=True)
class ScoreRow:
    """One judge's current scores for one case in a round: criterion key → points."""

    judge_id: str
    case_id: str
    scores: Mapping[str, Decimal]


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    rank: int | None
    score: Decimal | None
    """The round score rounded half up to ``decimals``: what is shown is what is ranked."""
    exact: Decimal | None
    totals: Mapping[str, Decimal]
    """Judge id → total, for every judge with a total for the case (before any trimming)."""
    trimmed: tuple[str, ...]
    """Judges whose totals the trimmed mean dropped (lowest first)."""
    excluded: tuple[str, ...]
    criterion_means: Mapping[str, Decimal]
    """Criterion key → exact mean over every judge who scored the case, before trimming."""
    advances: bool

    @property
    def judges(self) -> int:
        return len(self.totals)


@dataclass(frozen=True)
class RoundResult:
    round_key: str
    cases: tuple[CaseResult, ...]
    """In ranking order: ranked cases first, then the unscored ones, each group by case id."""
    advance: int | None
    max_total: Decimal
    warnings: tuple[str, ...] = field(default=())

    def case(self, case_id: str) -> CaseResult:
        for case in self.cases:
            if case.case_id == case_id:
                return case
        raise KeyError(case_id)

    @property
    def advancing(self) -> tuple[str, ...]:
        return tuple(case.case_id for case in self.cases if case.advances)


def normalize_name(name: str) -> str:
    """Organisation and affiliation names as compared: NFC, outer spaces trimmed, runs of inner
    whitespace made one space, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def is_affiliation_conflict(affiliation: str, organization: str) -> bool:
    judge_side = normalize_name(affiliation)
    return bool(judge_side) and judge_side == normalize_name(organization)


def automatic_conflicts(
    judges: Mapping[str, str], cases: Mapping[str, str]
) -> frozenset[tuple[str, str]]:
    """(judge id, case id) pairs where the judge's affiliation is the case's organisation.

    ``judges`` maps judge id → affiliation, ``cases`` maps case id → organisation.
    """
    by_organization: dict[str, list[str]] = defaultdict(list)
    for case_id, organization in cases.items():
        by_organization[normalize_name(organization)].append(case_id)
    return frozenset(
        (judge_id, case_id)
        for judge_id, affiliation in judges.items()
        if normalize_name(affiliation)
        for case_id in by_organization.get(normalize_name(affiliation), ())
    )


def score_problem(criterion: Criterion, value: Decimal) -> str | None:
    """Why ``value`` cannot be a score for ``criterion`` (in the current language), or None."""
    if not value.is_finite():
        return text("score.not_a_number", value=value)
    if value < 0 or value > criterion.max:
        return text("score.out_of_range", value=value, name=criterion.name, max=criterion.max)
    if value % criterion.step != 0:
        return text("score.off_step", value=value, name=criterion.name, step=criterion.step)
    return None


def judge_total(criteria: Sequence[Criterion], scores: Mapping[str, Decimal]) -> Decimal | None:
    """The sum of a judge's criterion scores, or None unless every criterion is scored."""
    values = [scores.get(criterion.key) for criterion in criteria]
    if any(value is None for value in values):
        return None
    return total(value for value in values if value is not None)


def score_round(
    round_: Round,
    criteria: Sequence[Criterion],
    case_ids: Iterable[str],
    rows: Iterable[ScoreRow],
    *,
    excluded: Iterable[tuple[str, str]] = (),
    decimals: int = 2,
) -> RoundResult:
    """Score every case of a round's field, order them and mark which advance.

    Rows of judges excluded from a case, rows for cases outside the field and incomplete rows do
    not count (imports refuse the first two before they get here).
    """
    field_ids = sorted(set(case_ids))
    excluded_pairs = frozenset(excluded)
    totals, criterion_values = _collect(criteria, field_ids, rows, excluded_pairs)
    exact = _aggregate(round_, totals)
    trimmed = {
        case_id: _trimmed_judges(case_totals, round_) for case_id, case_totals in totals.items()
    }
    means = {
        case_id: {key: mean(values) for key, values in by_criterion.items()}
        for case_id, by_criterion in criterion_values.items()
    }
    drafts = [
        _Draft(
            case_id=case_id,
            exact=exact.get(case_id),
            score=round_half_up(exact[case_id], decimals) if case_id in exact else None,
            means=tuple(means.get(case_id, {}).get(c.key, Decimal(0)) for c in criteria),
        )
        for case_id in field_ids
    ]
    ranks, warnings = _rank(drafts, round_)
    advancing, cutoff_warnings = _advancing(drafts, ranks, round_)
    results = tuple(
        CaseResult(
            case_id=draft.case_id,
            rank=ranks.get(draft.case_id),
            score=draft.score,
            exact=draft.exact,
            totals=dict(totals.get(draft.case_id, {})),
            trimmed=trimmed.get(draft.case_id, ()),
            excluded=tuple(sorted(j for (j, c) in excluded_pairs if c == draft.case_id)),
            criterion_means=means.get(draft.case_id, {}),
            advances=draft.case_id in advancing,
        )
        for draft in _ordered(drafts)
    )
    max_total = total(c.max for c in criteria)
    return RoundResult(
        round_.key, results, round_.advance, max_total, tuple(warnings + cutoff_warnings)
    )


@dataclass(frozen=True)
class _Draft:
    case_id: str
    exact: Decimal | None
    score: Decimal | None
    means: tuple[Decimal, ...]

    def order_key(self) -> tuple[Decimal, ...]:
        assert self.score is not None
        return (-self.score, *(-m for m in self.means))


def _collect(
    criteria: Sequence[Criterion],
    field_ids: Sequence[str],
    rows: Iterable[ScoreRow],
    excluded: frozenset[tuple[str, str]],
) -> tuple[dict[str, dict[str, Decimal]], dict[str, dict[str, list[Decimal]]]]:
    in_field = set(field_ids)
    totals: dict[str, dict[str, Decimal]] = defaultdict(dict)
    values: dict[str, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        if row.case_id not in in_field or (row.judge_id, row.case_id) in excluded:
            continue
        judge_sum = judge_total(criteria, row.scores)
        if judge_sum is None:
            continue
        totals[row.case_id][row.judge_id] = judge_sum
        for criterion in criteria:
            values[row.case_id][criterion.key].append(row.scores[criterion.key])
    return totals, values


def _aggregate(round_: Round, totals: Mapping[str, Mapping[str, Decimal]]) -> dict[str, Decimal]:
    if round_.aggregate == "zscore":
        return _zscore(totals)
    result: dict[str, Decimal] = {}
    for case_id, case_totals in totals.items():
        values = sorted(case_totals.values())
        if round_.aggregate == "trimmed_mean" and len(values) >= round_.trim_min:
            values = values[1:-1]
        result[case_id] = mean(values)
    return result


def _trimmed_judges(case_totals: Mapping[str, Decimal], round_: Round) -> tuple[str, ...]:
    if round_.aggregate != "trimmed_mean" or len(case_totals) < round_.trim_min:
        return ()
    ordered = sorted(case_totals.items(), key=lambda item: (item[1], item[0]))
    return (ordered[0][0], ordered[-1][0])


def _zscore(totals: Mapping[str, Mapping[str, Decimal]]) -> dict[str, Decimal]:
    """T-scores: each judge's totals standardised over the cases that judge scored."""
    by_judge: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for case_id, case_totals in totals.items():
        for judge_id, value in case_totals.items():
            by_judge[judge_id][case_id] = value
    z: dict[str, list[Decimal]] = defaultdict(list)
    for judge_id in sorted(by_judge):  # a fixed order of summation: the same last digit always
        judge_totals = dict(sorted(by_judge[judge_id].items()))
        values = list(judge_totals.values())
        spread = population_stdev(values) if len(values) >= 2 else Decimal(0)
        centre = mean(values)
        for case_id, value in judge_totals.items():
            z[case_id].append(divide(subtract(value, centre), spread) if spread else Decimal(0))
    return {
        case_id: CONTEXT.add(T_SCORE_CENTRE, multiply(T_SCORE_SCALE, mean(values)))
        for case_id, values in z.items()
    }


def _ordered(drafts: Sequence[_Draft]) -> list[_Draft]:
    scored = sorted(
        (d for d in drafts if d.score is not None), key=lambda d: (d.order_key(), d.case_id)
    )
    return scored + sorted((d for d in drafts if d.score is None), key=lambda d: d.case_id)


def _rank(drafts: Sequence[_Draft], round_: Round) -> tuple[dict[str, int], list[str]]:
    ranks: dict[str, int] = {}
    warnings: list[str] = []
    ordered = _ordered(drafts)
    for group_rank, group in shared_ranks(
        [d for d in ordered if d.score is not None], key=_Draft.order_key
    ):
        for draft in group:
            ranks[draft.case_id] = group_rank
        if len(group) > 1:
            warnings.append(
                text(
                    "round.shared_rank",
                    round=round_.key,
                    cases=", ".join(d.case_id for d in group),
                    rank=group_rank,
                )
            )
    warnings.extend(
        text("round.no_scores", round=round_.key, case=d.case_id)
        for d in ordered
        if d.score is None
    )
    return ranks, warnings


def _advancing(
    drafts: Sequence[_Draft], ranks: Mapping[str, int], round_: Round
) -> tuple[set[str], list[str]]:
    if round_.advance is None:
        return {d.case_id for d in drafts if d.case_id in ranks}, []
    advancing = {case_id for case_id, rank in ranks.items() if rank <= round_.advance}
    if len(advancing) <= round_.advance:
        return advancing, []
    last_rank = max(ranks[c] for c in advancing)
    tied = sorted(c for c in advancing if ranks[c] == last_rank)
    warning = text(
        "round.tie_at_cutoff",
        round=round_.key,
        cases=", ".join(tied),
        rank=last_rank,
        count=len(advancing),
        advance=round_.advance,
    )
    return advancing, [warning]


def shared_ranks(
    items: Sequence[T], *, key: Callable[[T], tuple[Decimal, ...]]
) -> list[tuple[int, list[T]]]:
    """Competition ranks (1, 2, 2, 4) over items already in order: equal keys share a rank."""
    groups: list[tuple[int, list[T]]] = []
    for position, item in enumerate(items, start=1):
        if groups and key(groups[-1][1][0]) == key(item):
            groups[-1][1].append(item)
        else:
            groups.append((position, [item]))
    return groups
