"""Blind double entry of paper score sheets: comparing what two staff members typed.

Two people type the same paper sheet (one judge's sheet of a round) without seeing each other's
values. A value becomes a score only when both entries agree on it, or when a third look at the
paper settles the disagreement (a resolution, which holds while the entries still read what was in
dispute). Every disagreement is named by judge, case and criterion with both values, and by kind:

- ``digit_slip``: both entries have a value there, and they differ;
- ``swapped_rows``: the values of two cases exchanged between the entries (the whole rows: what
  one entry has for case A the other has for case B, and the other way round);
- ``missing_row``: a case typed in one entry only;
- ``missing_value``: a criterion left blank in one entry only;
- ``extra_row``: values for a case that is not on the judge's sheet (another panel's case, or one
  the judge is excluded from): it cannot become a score; settled only as "no value";
- ``incomplete``: both entries agree but leave some criteria of the case blank (a case is scored on
  every criterion or none).

Until both entries have typed something of a sheet, it is "entered once" and its cases are not
compared (the second typist has not started); extra rows are listed even then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ENTRIES = ("first", "second")
KINDS = ("digit_slip", "swapped_rows", "missing_row", "missing_value", "extra_row", "incomplete")
SHEET_STATES = ("not_entered", "entered_once", "in_dispute", "agreed")

#: (case id, criterion key) → the value typed there (blank values are left out).
Values = Mapping[tuple[str, str], Decimal]


@dataclass(frozen=True)
class Settlement:
    """A resolution: ``value`` (None: no value) settles the place while the first and second
    entries still read ``first`` and ``second``."""

    value: Decimal | None
    first: Decimal | None
    second: Decimal | None


@dataclass(frozen=True)
class Dispute:
    judge_id: str
    case_id: str
    criterion: str
    kind: str
    first: Decimal | None
    second: Decimal | None
    partner: str | None = None
    """For ``swapped_rows``: the other case of the exchange."""


@dataclass(frozen=True)
class SheetComparison:
    """One judge's sheet in a round, as the two entries stand."""

    judge_id: str
    cases: tuple[str, ...]
    state: str
    once: tuple[str, ...]
    """Cases on the sheet typed in one entry only."""
    twice: tuple[str, ...]
    """Cases on the sheet typed in both entries."""
    agreed: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    """Case id → its settled scores (every criterion): what becomes the judge's scores."""
    disputes: tuple[Dispute, ...] = ()

    @property
    def disputed_cases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.case_id for d in self.disputes))


def compare_sheet(
    judge_id: str,
    cases: Sequence[str],
    criteria: Sequence[str],
    first: Values,
    second: Values,
    resolutions: Mapping[tuple[str, str], Settlement] | None = None,
) -> SheetComparison:
    """Compare the two entries of ``judge_id``'s sheet, whose cases are ``cases`` (in sheet
    order) scored on ``criteria``; ``resolutions`` settle places in dispute."""
    settled = resolutions or {}
    on_sheet = set(cases)
    rows_first = _rows(first, criteria)
    rows_second = _rows(second, criteria)
    disputes = _extra_rows(judge_id, on_sheet, criteria, first, second, settled)
    once = tuple(c for c in cases if (c in rows_first) != (c in rows_second))
    twice = tuple(c for c in cases if c in rows_first and c in rows_second)
    extra = tuple(disputes)
    if not rows_first and not rows_second:
        return SheetComparison(judge_id, tuple(cases), "not_entered", (), (), {}, extra)
    if not (set(rows_first) & on_sheet) or not (set(rows_second) & on_sheet):
        return SheetComparison(judge_id, tuple(cases), "entered_once", once, (), {}, extra)
    partners = _swapped(cases, rows_first, rows_second, len(criteria))
    agreed: dict[str, dict[str, Decimal]] = {}
    found = list(disputes)
    for case_id in cases:
        row_first, row_second = rows_first.get(case_id, {}), rows_second.get(case_id, {})
        if not row_first and not row_second:
            continue
        values: dict[str, Decimal | None] = {}
        open_here: list[Dispute] = []
        for criterion in criteria:
            one, two = row_first.get(criterion), row_second.get(criterion)
            resolution = settled.get((case_id, criterion))
            if resolution is not None and (resolution.first, resolution.second) == (one, two):
                values[criterion] = resolution.value
            elif one == two:
                values[criterion] = one
            else:
                kind = _kind(case_id, one, two, row_first, row_second, partners)
                partner = partners.get(case_id) if kind == "swapped_rows" else None
                open_here.append(Dispute(judge_id, case_id, criterion, kind, one, two, partner))
        if not open_here:
            open_here = _incomplete(judge_id, case_id, values)
        if open_here:
            found.extend(open_here)
        elif any(v is not None for v in values.values()):
            agreed[case_id] = {k: v for k, v in values.items() if v is not None}
    state = "in_dispute" if found else "agreed"
    return SheetComparison(judge_id, tuple(cases), state, once, twice, agreed, tuple(found))


def _rows(values: Values, criteria: Sequence[str]) -> dict[str, dict[str, Decimal]]:
    rows: dict[str, dict[str, Decimal]] = {}
    for (case_id, criterion), value in values.items():
        if criterion in criteria:
            rows.setdefault(case_id, {})[criterion] = value
    return rows


def _extra_rows(
    judge_id: str,
    on_sheet: set[str],
    criteria: Sequence[str],
    first: Values,
    second: Values,
    settled: Mapping[tuple[str, str], Settlement],
) -> list[Dispute]:
    """Values typed for cases that are not on the sheet, unless settled as "no value"."""
    places = sorted(
        {k for k in (*first, *second) if k[0] not in on_sheet and k[1] in criteria},
        key=lambda place: (place[0], criteria.index(place[1])),
    )
    found = []
    for place in places:
        one, two = first.get(place), second.get(place)
        resolution = settled.get(place)
        if resolution == Settlement(None, one, two):
            continue
        found.append(Dispute(judge_id, place[0], place[1], "extra_row", one, two))
    return found


def _swapped(
    cases: Sequence[str],
    rows_first: Mapping[str, Mapping[str, Decimal]],
    rows_second: Mapping[str, Mapping[str, Decimal]],
    width: int,
) -> dict[str, str]:
    """Case → the case whose full row it exchanged with between the entries."""
    differing = [
        c
        for c in cases
        if len(rows_first.get(c, {})) == width
        and len(rows_second.get(c, {})) == width
        and rows_first[c] != rows_second[c]
    ]
    partners: dict[str, str] = {}
    for index, one in enumerate(differing):
        if one in partners:
            continue
        for other in differing[index + 1 :]:
            if other in partners:
                continue
            if rows_first[one] == rows_second[other] and rows_first[other] == rows_second[one]:
                partners[one], partners[other] = other, one
                break
    return partners


def _kind(
    case_id: str,
    one: Decimal | None,
    two: Decimal | None,
    row_first: Mapping[str, Decimal],
    row_second: Mapping[str, Decimal],
    partners: Mapping[str, str],
) -> str:
    if not row_first or not row_second:
        return "missing_row"
    if case_id in partners:
        return "swapped_rows"
    if one is None or two is None:
        return "missing_value"
    return "digit_slip"


def _incomplete(judge_id: str, case_id: str, values: Mapping[str, Decimal | None]) -> list[Dispute]:
    """Blank places of a case that is otherwise settled with values (all criteria or none); a
    resolution there gives the value the paper shows."""
    if all(v is None for v in values.values()):
        return []
    return [
        Dispute(judge_id, case_id, criterion, "incomplete", None, None)
        for criterion, value in values.items()
        if value is None
    ]
