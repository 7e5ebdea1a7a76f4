"""The arithmetic of :func:`judging_app.domain.scoring.score_round`, fast and to the last digit.

Scores are summed as integers in units of ``10**-places`` (a judge's total is exact, whatever the
step), and every operation that rounds is the same :data:`~judging_app.domain.numbers.CONTEXT`
operation, on the same values and in the same order, as the reference engine
(:mod:`judging_app.domain.scoring_reference`): so each result is that engine's, digit for digit.
What makes it fast is that a value is worked out once, not once per row: a judge's T-score
contribution depends only on that judge and the total (a judge gives a few dozen distinct totals
over thousands of cases), and a row's three scores come as one tuple converted once per distinct
tuple.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from judging_app.domain.numbers import CONTEXT

T_SCORE_CENTRE = Decimal(50)
T_SCORE_SCALE = Decimal(10)
ZERO = Decimal(0)

#: Units of the database's score column (4 decimals); finer values switch to finer units.
DEFAULT_PLACES = 4

Entry = tuple[str, str, tuple[Decimal | None, ...]]
"""(judge id, case id, the scores in the columns' order; None where there is none)."""


class FinerUnits(Exception):
    """A score has more decimals than the units in use: collect again with ``places``."""

    def __init__(self, places: int) -> None:
        super().__init__(places)
        self.places = places


class RowUnits(dict[tuple[Decimal | None, ...], tuple[tuple[int, ...], int] | None]):
    """A row's scores (in the columns' order) → its round criteria in units and their total, or
    None when one of the round's criteria has no score; each distinct tuple worked out once."""

    def __init__(self, picks: Sequence[int | None], places: int) -> None:
        super().__init__()
        self.picks = picks
        self.places = places

    def __missing__(self, values: tuple[Decimal | None, ...]) -> tuple[tuple[int, ...], int] | None:
        picked = [None if i is None else values[i] for i in self.picks]
        result: tuple[tuple[int, ...], int] | None = None
        if all(value is not None for value in picked):
            units = tuple(self._units(value) for value in picked if value is not None)
            result = (units, sum(units))
        self[values] = result
        return result

    def _units(self, value: Decimal) -> int:
        if not value.is_finite():
            raise ValueError(f"not a finite score: {value}")
        scaled = value.scaleb(self.places, context=CONTEXT)
        if scaled != scaled.to_integral_value():
            exponent = value.normalize(CONTEXT).as_tuple().exponent
            assert isinstance(exponent, int)  # a finite value's
            raise FinerUnits(max(self.places + 1, -exponent))
        return int(scaled)


class UnitDecimals(dict[int, Decimal]):
    """An integer count of units → the exact Decimal it stands for (each made once)."""

    def __init__(self, places: int) -> None:
        super().__init__()
        self.places = places

    def __missing__(self, units: int) -> Decimal:
        value = Decimal(units).scaleb(-self.places, context=CONTEXT)
        self[units] = value
        return value


@dataclass
class Collected:
    """The rows that count, per case: judge id → (criterion units, total), judges in id order."""

    by_case: dict[str, dict[str, tuple[tuple[int, ...], int]]]
    places: int


def collect(
    entries: Iterable[Entry],
    picks: Sequence[int | None],
    field: frozenset[str],
    excluded: frozenset[tuple[str, str]],
    places: int,
) -> Collected:
    """Keep each complete row of a case in the field whose judge is not excluded from it.

    ``entries`` come sorted by judge id (then case id), so each case's judges are in id order.
    """
    row_units = RowUnits(picks, places)
    by_case: dict[str, dict[str, tuple[tuple[int, ...], int]]] = defaultdict(dict)
    for judge_id, case_id, values in entries:
        if case_id in field and not (excluded and (judge_id, case_id) in excluded):
            got = row_units[values]
            if got is not None:
                by_case[case_id][judge_id] = got
    return Collected(dict(by_case), places)


def mean_of_units(units: int, count: int, decimals: UnitDecimals) -> Decimal:
    """The reference's ``mean``: the exact sum divided once, rounded to the context."""
    if count == 0:
        raise ValueError("mean of no values")
    return CONTEXT.divide(decimals[units], Decimal(count))


def plain_means(
    collected: Collected, trim_min: int | None, decimals: UnitDecimals
) -> dict[str, Decimal]:
    """Mean of the judges' totals per case; with ``trim_min``, the trimmed mean (the lowest and
    highest totals dropped from a case with at least ``trim_min`` of them)."""
    result: dict[str, Decimal] = {}
    for case_id, judges in collected.by_case.items():
        totals = [t for _units, t in judges.values()]
        if trim_min is not None and len(totals) >= trim_min:
            totals.sort()
            totals = totals[1:-1]
        result[case_id] = mean_of_units(sum(totals), len(totals), decimals)
    return result


def t_scores(
    collected: Collected, field_ids: Sequence[str], decimals: UnitDecimals
) -> dict[str, Decimal]:
    """T-scores: each judge's totals standardised over the cases that judge scored, then
    ``50 + 10 × mean`` per case; the reference's operations, each distinct value once."""
    per_judge: dict[str, list[int]] = defaultdict(list)
    for case_id in field_ids:  # each judge's totals in case id order: the reference's sum order
        for judge_id, (_units, t) in collected.by_case.get(case_id, {}).items():
            per_judge[judge_id].append(t)
    z_of = {judge_id: _judge_z(totals, decimals) for judge_id, totals in per_judge.items()}
    result: dict[str, Decimal] = {}
    with localcontext(CONTEXT):  # ``sum`` below adds as CONTEXT.add does
        for case_id, judges in collected.by_case.items():
            zs = [z_of[judge_id][t] for judge_id, (_units, t) in judges.items()]
            centred = CONTEXT.divide(sum(zs, ZERO), Decimal(len(zs)))
            result[case_id] = CONTEXT.add(T_SCORE_CENTRE, CONTEXT.multiply(T_SCORE_SCALE, centred))
    return result


def _judge_z(totals: list[int], decimals: UnitDecimals) -> dict[int, Decimal]:
    """A judge's total → z-score, as the reference computes it (population deviation)."""
    count = Decimal(len(totals))
    centre = CONTEXT.divide(decimals[sum(totals)], count)
    distinct = set(totals)
    spread = ZERO
    if len(totals) >= 2:
        squares = {t: CONTEXT.power(CONTEXT.subtract(decimals[t], centre), 2) for t in distinct}
        with localcontext(CONTEXT):  # summed in order, rounding where the reference rounds
            spread = CONTEXT.sqrt(CONTEXT.divide(sum((squares[t] for t in totals), ZERO), count))
    if not spread:
        return dict.fromkeys(distinct, ZERO)
    return {t: CONTEXT.divide(CONTEXT.subtract(decimals[t], centre), spread) for t in distinct}


def criterion_means(
    collected: Collected, keys: Sequence[str], decimals: UnitDecimals
) -> dict[str, dict[str, Decimal]]:
    """Case id → criterion key → the exact mean over the judges who count (before trimming)."""
    result: dict[str, dict[str, Decimal]] = {}
    for case_id, judges in collected.by_case.items():
        columns = zip(*(units for units, _t in judges.values()), strict=True)
        count = len(judges)
        result[case_id] = {
            key: mean_of_units(sum(column), count, decimals)
            for key, column in zip(keys, columns, strict=True)
        }
    return result


def trimmed_judges(
    judges: dict[str, tuple[tuple[int, ...], int]], trim_min: int
) -> tuple[str, ...]:
    """The judges a trimmed mean drops: lowest then highest total (ties by judge id)."""
    if len(judges) < trim_min:
        return ()
    ordered = [(t, judge_id) for judge_id, (_units, t) in judges.items()]
    return (min(ordered)[1], max(ordered)[1])
