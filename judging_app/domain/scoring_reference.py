"""The reference engine: the scoring rules written out in plain decimal arithmetic.

:func:`judging_app.domain.scoring.score_round` computes the same results faster (integer units,
each distinct value worked out once); this straightforward version stays as the definition it is
tested against (tests/domain/test_fast_scoring.py) and is not used by the application.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from judging_app.domain.config import Criterion, Round
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
from judging_app.domain.score_units import T_SCORE_CENTRE, T_SCORE_SCALE
from judging_app.domain.scoring import (
    CaseResult,
    Draft,
    RoundResult,
    ScoreRow,
    advancing_cases,
    judge_total,
    ordered,
    ranks_of,
)


def score_round_reference(
    round_: Round,
    criteria: Sequence[Criterion],
    case_ids: Iterable[str],
    rows: Iterable[ScoreRow],
    *,
    excluded: Iterable[tuple[str, str]] = (),
    decimals: int = 2,
) -> RoundResult:
    """What :func:`judging_app.domain.scoring.score_round` returns, computed directly."""
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
        Draft.of(
            case_id,
            exact.get(case_id),
            round_half_up(exact[case_id], decimals) if case_id in exact else None,
            tuple(means.get(case_id, {}).get(c.key, Decimal(0)) for c in criteria),
        )
        for case_id in field_ids
    ]
    in_order = ordered(drafts)
    ranks, warnings = ranks_of(in_order, round_)
    advancing, cutoff_warnings = advancing_cases(drafts, ranks, round_)
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
        for draft in in_order
    )
    max_total = total(c.max for c in criteria)
    return RoundResult(
        round_.key, results, round_.advance, max_total, tuple(warnings + cutoff_warnings)
    )


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
    in_order = sorted(case_totals.items(), key=lambda item: (item[1], item[0]))
    return (in_order[0][0], in_order[-1][0])


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
