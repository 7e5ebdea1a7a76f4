"""Paper score sheets typed in twice (blind double entry) and reconciled into scores.

Each value typed is kept in ``sheet_entries`` with who typed it and when (retyping keeps the old
value in the history). Entering never returns the other entry's values. After every change the
round's sheets are compared (:func:`judging_app.domain.double_entry.compare_sheet`): the cases on
which both entries agree (or that resolutions settle) become the judge's scores through the same
history path as a score table, with the provenance "paper, double entry"; a paper score whose
case falls into dispute again is recorded as cleared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.double_entry import (
    ENTRIES,
    Dispute,
    Settlement,
    SheetComparison,
    compare_sheet,
)
from judging_app.domain.messages import UserError, register, text
from judging_app.domain.scoring import score_problem
from judging_app.services import history, importing, loading
from judging_app.services.history import Provenance, ScoreEntry, WriteCounts
from judging_app.store import models as m

register(
    {
        "sheets.place": (
            "{round} 심사위원 {judge}, 사례 {case}, 평가항목 {criterion}: {rule}",
            "round {round}, judge {judge}, case {case}, criterion {criterion}: {rule}",
        ),
        "sheets.bad_entry": (
            "입력 차수는 first(1차) 또는 second(2차)입니다: {entry}",
            "the entry is first or second, not {entry}",
        ),
        "sheets.unknown_criterion": (
            "{round}에는 평가항목 {criterion}이(가) 없습니다",
            "round {round} has no criterion {criterion}",
        ),
        "sheets.no_dispute": (
            "{round} 심사위원 {judge}, 사례 {case}, 평가항목 {criterion}에는 해결할 불일치가 "
            "없습니다",
            "round {round}: no open disagreement at judge {judge}, case {case}, "
            "criterion {criterion}",
        ),
        "sheets.extra_needs_blank": (
            "심사위원의 평가표에 없는 사례이므로 값 없음(none)으로만 해결할 수 있습니다",
            "the case is not on the judge's sheet: it can only be settled as none",
        ),
        "sheets.open_disputes": (
            "{round}: 이중 입력 불일치 {count}건이 해결되지 않았습니다: {listing} "
            "(judging-app resolve로 해결하십시오)",
            "round {round}: {count} double-entry disagreements are open: {listing} "
            "(settle them with judging-app resolve)",
        ),
        "sheets.kind.digit_slip": ("값 불일치", "different values"),
        "sheets.kind.swapped_rows": ("행 뒤바뀜", "swapped rows"),
        "sheets.kind.missing_row": ("한쪽에만 입력된 행", "row entered once only"),
        "sheets.kind.missing_value": ("한쪽에만 입력된 값", "value entered once only"),
        "sheets.kind.extra_row": ("평가표에 없는 사례", "case not on the judge's sheet"),
        "sheets.kind.incomplete": ("일부 항목만 입력됨", "some criteria blank"),
        "sheets.state.not_entered": ("미입력", "not entered"),
        "sheets.state.entered_once": ("1회 입력", "entered once"),
        "sheets.state.in_dispute": ("불일치", "in dispute"),
        "sheets.state.agreed": ("일치", "agreed"),
    }
)

#: The provenance of scores that come from double entry.
SOURCE = "paper"
SOURCE_REF = "double entry"

#: (case id, criterion key) → a value (None: typed blank or cleared).
Place = tuple[str, str]


@dataclass(frozen=True)
class EntryCounts:
    judges: int
    values: int
    changed: int


@dataclass(frozen=True)
class RoundSheets:
    """Every judge's sheet of a round, compared (in judge id order)."""

    round_key: str
    criteria: tuple[str, ...]
    sheets: tuple[SheetComparison, ...]

    @property
    def disputes(self) -> tuple[Dispute, ...]:
        return tuple(d for sheet in self.sheets for d in sheet.disputes)

    def sheet(self, judge_id: str) -> SheetComparison:
        return next(s for s in self.sheets if s.judge_id == judge_id)


@dataclass(frozen=True)
class SheetProgress:
    """What ``status`` shows of a judge's paper sheet: its state, and its cases typed once,
    twice, agreed and in dispute."""

    judge_id: str
    state: str
    cases: int
    once: int
    twice: int
    agreed: int
    in_dispute: int

    def as_json(self) -> dict[str, object]:
        return {
            "judge_id": self.judge_id,
            "state": self.state,
            "cases": self.cases,
            "entered_once": self.once,
            "entered_twice": self.twice,
            "agreed": self.agreed,
            "in_dispute": self.in_dispute,
        }


def check_entry(entry: str) -> str:
    if entry not in ENTRIES:
        raise UserError("sheets.bad_entry", entry=entry)
    return entry


def kind_text(kind: str) -> str:
    return text(f"sheets.kind.{kind}")


def state_text(state: str) -> str:
    return text(f"sheets.state.{state}")


class _Ids:
    """The users' ids and the database's keys, both ways."""

    def __init__(self, session: Session) -> None:
        self.judges: dict[str, int] = dict(
            session.execute(select(m.Judge.judge_id, m.Judge.id)).all()
        )
        self.cases: dict[str, int] = dict(session.execute(select(m.Case.case_id, m.Case.id)).all())
        self.criteria: dict[str, int] = dict(
            session.execute(select(m.Criterion.key, m.Criterion.id)).all()
        )
        self.judge_of = {pk: key for key, pk in self.judges.items()}
        self.case_of = {pk: key for key, pk in self.cases.items()}
        self.criterion_of = {pk: key for key, pk in self.criteria.items()}


# -- entering --------------------------------------------------------------------------------------


def place_problem(
    data: loading.RoundData,
    config: ContestConfig,
    judge_id: str,
    case_id: str,
    criterion: str,
    value: Decimal | None,
    ids: _Ids,
) -> UserError | None:
    """Why ``value`` cannot be typed at this place of ``judge_id``'s sheet, named by judge, case
    and criterion; None when it can."""
    round_key = data.round.key
    where = {"round": round_key, "judge": judge_id, "case": case_id, "criterion": criterion}
    found = importing.pair_problems(data, set(ids.judges), set(ids.cases), judge_id, case_id)
    if found:
        _, message_id, params = found[0]
        return UserError("sheets.place", **where, rule=text(message_id, **params))
    criteria = {c.key: c for c in config.round_criteria(round_key)}
    if criterion not in criteria:
        return UserError("sheets.unknown_criterion", round=round_key, criterion=criterion)
    rule = None if value is None else score_problem(criteria[criterion], value)
    return None if rule is None else UserError("sheets.place", **where, rule=rule)


def enter_values(
    session: Session,
    config: ContestConfig,
    round_key: str,
    entry: str,
    values: Mapping[tuple[str, str, str], Decimal | None],
    *,
    by: str,
    import_id: int | None = None,
    now: datetime,
) -> EntryCounts:
    """Type ``values`` ((judge id, case id, criterion key) → value, None: blank) into ``entry``
    of the round's sheets, each checked first (the first refusal is raised, nothing written)."""
    check_entry(entry)
    data = loading.round_data(session, round_key)
    ids = _Ids(session)
    for (judge_id, case_id, criterion), value in values.items():
        problem = place_problem(data, config, judge_id, case_id, criterion, value, ids)
        if problem is not None:
            raise problem
    table = m.SheetEntry.__table__.c
    current = {
        (j, c, k): (row_id, value)
        for row_id, j, c, k, value in session.execute(
            select(table.id, table.judge_pk, table.case_pk, table.criterion_id, table.value).where(
                table.round_id == data.round.id, table.entry == entry, table.is_current
            )
        )
    }
    replaced: list[int] = []
    rows: list[dict[str, Any]] = []
    for (judge_id, case_id, criterion), value in values.items():
        key = (ids.judges[judge_id], ids.cases[case_id], ids.criteria[criterion])
        old = current.get(key)
        if (old[1] if old is not None else None) == value:
            continue
        if old is not None:
            replaced.append(old[0])
        rows.append(
            {
                "round_id": data.round.id,
                "judge_pk": key[0],
                "case_pk": key[1],
                "criterion_id": key[2],
                "entry": entry,
                "value": value,
                "entered_by": by,
                "entered_at": now,
                "is_current": True,
                "import_id": import_id,
            }
        )
    history.supersede(session, m.SheetEntry, replaced, now)
    history.insert_rows(session, m.SheetEntry, rows)
    session.flush()
    judges = {judge_id for judge_id, _, _ in values}
    return EntryCounts(len(judges), len(values), len(rows))


def table_values(
    session: Session, config: ContestConfig, path: Path, round_key: str
) -> dict[tuple[str, str, str], Decimal | None]:
    """A score table read as one entry of paper sheets: every row checked like a score table
    (refusals name the file, row and column). A row's blank criteria are typed blank."""
    criteria = [c.key for c in config.round_criteria(round_key)]
    values: dict[tuple[str, str, str], Decimal | None] = {}
    for row in importing.read_score_table(session, config, path, round_key):
        for criterion in criteria:
            if row.values:
                values[(row.judge_id, row.case_id, criterion)] = row.values.get(criterion)
    return values


def entry_values(
    session: Session, round_key: str, judge_id: str, entry: str
) -> dict[Place, Decimal | None]:
    """What ``entry`` has typed of ``judge_id``'s sheet (blind: never the other entry)."""
    check_entry(entry)
    return _typed(session, loading.round_row(session, round_key), entry).get(judge_id, {})


def _typed(session: Session, round_: m.Round, entry: str) -> dict[str, dict[Place, Decimal | None]]:
    query = (
        select(m.Judge.judge_id, m.Case.case_id, m.Criterion.key, m.SheetEntry.value)
        .select_from(m.SheetEntry)
        .join(m.Judge, m.SheetEntry.judge_pk == m.Judge.id)
        .join(m.Case, m.SheetEntry.case_pk == m.Case.id)
        .join(m.Criterion, m.SheetEntry.criterion_id == m.Criterion.id)
        .where(
            m.SheetEntry.round_id == round_.id,
            m.SheetEntry.entry == entry,
            m.SheetEntry.is_current,
        )
    )
    typed: dict[str, dict[Place, Decimal | None]] = defaultdict(dict)
    for judge_id, case_id, criterion, value in session.execute(query):
        typed[judge_id][(case_id, criterion)] = value
    return typed


def has_entries(session: Session, round_: m.Round) -> bool:
    query = select(m.SheetEntry.id).where(m.SheetEntry.round_id == round_.id).limit(1)
    return session.scalar(query) is not None


# -- comparing and settling ------------------------------------------------------------------------


def compare_round(session: Session, config: ContestConfig, round_key: str) -> RoundSheets:
    """Every sheet of the round (each judge of a panel, and anyone with typed values) compared."""
    data = loading.round_data(session, round_key)
    criteria = tuple(c.key for c in config.round_criteria(round_key))
    first, second = _typed(session, data.round, "first"), _typed(session, data.round, "second")
    resolutions = _resolutions(session, data.round)
    judges = sorted(
        {j for members in data.panels.values() for j in members} | set(first) | set(second)
    )
    sheets = tuple(
        compare_sheet(
            judge_id,
            data.assigned(judge_id),
            criteria,
            _present(first.get(judge_id, {})),
            _present(second.get(judge_id, {})),
            resolutions.get(judge_id, {}),
        )
        for judge_id in judges
    )
    return RoundSheets(round_key, criteria, sheets)


def _present(values: Mapping[Place, Decimal | None]) -> dict[Place, Decimal]:
    return {place: value for place, value in values.items() if value is not None}


def _resolutions(session: Session, round_: m.Round) -> dict[str, dict[Place, Settlement]]:
    resolution = m.SheetResolution
    query = (
        select(
            m.Judge.judge_id,
            m.Case.case_id,
            m.Criterion.key,
            resolution.value,
            resolution.first_value,
            resolution.second_value,
        )
        .select_from(resolution)
        .join(m.Judge, resolution.judge_pk == m.Judge.id)
        .join(m.Case, resolution.case_pk == m.Case.id)
        .join(m.Criterion, resolution.criterion_id == m.Criterion.id)
        .where(resolution.round_id == round_.id, resolution.is_current)
    )
    found: dict[str, dict[Place, Settlement]] = defaultdict(dict)
    for judge_id, case_id, criterion, value, one, two in session.execute(query):
        found[judge_id][(case_id, criterion)] = Settlement(value, one, two)
    return found


def settle(
    session: Session, config: ContestConfig, round_key: str, provenance: Provenance
) -> WriteCounts:
    """Write the agreed cases of the round's sheets as scores; a paper score of a case no longer
    agreed is recorded as cleared (its history stays)."""
    sheets = compare_round(session, config, round_key)
    round_ = loading.round_row(session, round_key)
    entries = [
        ScoreEntry(0, sheet.judge_id, case_id, values, None)
        for sheet in sheets.sheets
        for case_id, values in sheet.agreed.items()
    ]
    counts = history.write_scores(session, round_, entries, provenance)
    _clear_unsettled(session, round_, {(e.judge_id, e.case_id) for e in entries}, provenance)
    return counts


def _clear_unsettled(
    session: Session, round_: m.Round, agreed: set[tuple[str, str]], provenance: Provenance
) -> None:
    ids = _Ids(session)
    score = m.Score.__table__.c
    cleared = [
        (row_id, judge_pk, case_pk, criterion_id)
        for row_id, judge_pk, case_pk, criterion_id in session.execute(
            select(score.id, score.judge_pk, score.case_pk, score.criterion_id).where(
                score.round_id == round_.id,
                score.is_current,
                score.source == SOURCE,
                score.value.is_not(None),
            )
        )
        if (ids.judge_of[judge_pk], ids.case_of[case_pk]) not in agreed
    ]
    history.supersede(session, m.Score, [row[0] for row in cleared], provenance.entered_at)
    columns = provenance.columns()
    history.insert_rows(
        session,
        m.Score,
        [
            {
                "round_id": round_.id,
                "judge_pk": judge_pk,
                "case_pk": case_pk,
                "criterion_id": criterion_id,
                "value": None,
                **columns,
            }
            for _, judge_pk, case_pk, criterion_id in cleared
        ],
    )


def paper_scored(session: Session, round_: m.Round) -> set[tuple[str, str]]:
    """(judge id, case id) of the round's current scores that came from double entry."""
    query = (
        select(m.Judge.judge_id, m.Case.case_id)
        .select_from(m.Score)
        .join(m.Judge, m.Score.judge_pk == m.Judge.id)
        .join(m.Case, m.Score.case_pk == m.Case.id)
        .where(
            m.Score.round_id == round_.id,
            m.Score.is_current,
            m.Score.source == SOURCE,
            m.Score.value.is_not(None),
        )
    )
    return {(judge_id, case_id) for judge_id, case_id in session.execute(query)}


# -- resolving -------------------------------------------------------------------------------------


def resolve(
    session: Session,
    config: ContestConfig,
    round_key: str,
    place: tuple[str, str, str],
    value: Decimal | None,
    *,
    by: str,
    now: datetime,
) -> Dispute:
    """Settle the open disagreement at ``place`` (judge, case, criterion) with ``value`` as a
    third look at the paper shows it (None: no value there); returns the dispute settled."""
    judge_id, case_id, criterion = place
    where = {"round": round_key, "judge": judge_id, "case": case_id, "criterion": criterion}
    dispute = next(
        (
            d
            for d in compare_round(session, config, round_key).disputes
            if (d.judge_id, d.case_id, d.criterion) == place
        ),
        None,
    )
    if dispute is None:
        raise UserError("sheets.no_dispute", **where)
    if dispute.kind == "extra_row" and value is not None:
        raise UserError("sheets.place", **where, rule=text("sheets.extra_needs_blank"))
    if value is not None:
        rule = score_problem(config.criterion(criterion), value)
        if rule is not None:
            raise UserError("sheets.place", **where, rule=rule)
    ids = _Ids(session)
    round_ = loading.round_row(session, round_key)
    key = (ids.judges[judge_id], ids.cases[case_id], ids.criteria[criterion])
    old = session.scalars(
        select(m.SheetResolution.id).where(
            m.SheetResolution.round_id == round_.id,
            m.SheetResolution.judge_pk == key[0],
            m.SheetResolution.case_pk == key[1],
            m.SheetResolution.criterion_id == key[2],
            m.SheetResolution.is_current,
        )
    ).all()
    history.supersede(session, m.SheetResolution, list(old), now)
    session.add(
        m.SheetResolution(
            round_id=round_.id,
            judge_pk=key[0],
            case_pk=key[1],
            criterion_id=key[2],
            value=value,
            first_value=dispute.first,
            second_value=dispute.second,
            resolved_by=by,
            resolved_at=now,
        )
    )
    session.flush()
    return dispute


# -- what status and advance see -------------------------------------------------------------------


def sheet_progress(
    session: Session, config: ContestConfig, round_key: str
) -> tuple[tuple[SheetProgress, ...], tuple[Dispute, ...]]:
    """Per judge, the paper sheet's state, and the open disagreements; nothing when no sheet
    of the round was typed."""
    if not has_entries(session, loading.round_row(session, round_key)):
        return (), ()
    sheets = compare_round(session, config, round_key)
    progress = tuple(
        SheetProgress(
            s.judge_id,
            s.state,
            len(s.cases),
            len(s.once),
            len(s.twice),
            len(s.agreed),
            len(s.disputed_cases),
        )
        for s in sheets.sheets
    )
    return progress, sheets.disputes


def dispute_json(dispute: Dispute) -> dict[str, object]:
    def number(value: Decimal | None) -> float | None:
        return None if value is None else float(value)

    return {
        "judge_id": dispute.judge_id,
        "case_id": dispute.case_id,
        "criterion": dispute.criterion,
        "kind": dispute.kind,
        "first": number(dispute.first),
        "second": number(dispute.second),
        "partner": dispute.partner,
    }


def check_no_open_disputes(session: Session, config: ContestConfig, round_key: str) -> None:
    """Refuse (naming them) while any double-entry disagreement of the round is open."""
    if not has_entries(session, loading.round_row(session, round_key)):
        return
    disputes = compare_round(session, config, round_key).disputes
    if disputes:
        raise UserError(
            "sheets.open_disputes",
            round=round_key,
            count=len(disputes),
            listing=dispute_listing(disputes),
        )


def dispute_listing(disputes: Sequence[Dispute], limit: int = 6) -> str:
    parts = [
        f"{d.judge_id}/{d.case_id}/{d.criterion} ({kind_text(d.kind)}: "
        f"{plain(d.first) or '—'} ≠ {plain(d.second) or '—'})"
        for d in disputes
    ]
    return "; ".join(parts[:limit]) + (" …" if len(parts) > limit else "")


def plain(value: Decimal | None) -> str | None:
    """A value as the paper shows it (``36``, ``7.5``), or None."""
    return None if value is None else f"{value.normalize():f}"
