"""The secretariat's table imports: cases, judges, score tables and votes.

Each function checks the whole table against the contest first (collecting every problem with its
row and column) and only then writes, inside the caller's transaction: a refused file changes
nothing. Values already current are not written again, so importing a file twice changes nothing
the second time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Set
from dataclasses import dataclass
from decimal import Decimal
from itertools import compress, repeat
from operator import ne, or_
from pathlib import Path
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import UserError, register, text
from judging_app.domain.scoring import automatic_conflicts, score_problem
from judging_app.exchange.tables import Column, Columns, TableError, read_columns, read_table
from judging_app.services.history import (
    Provenance,
    ScoreBatch,
    ScoreEntry,
    has_none,
    write_score_batch,
    write_votes,
)
from judging_app.services.loading import RoundData, round_layout, round_row
from judging_app.services.problems import Problems
from judging_app.store import models as m
from judging_app.store.types import utcnow

register(
    {
        "import.unknown_judge": (
            "심사위원 {judge}이(가) 없습니다",
            "no judge {judge} in the contest",
        ),
        "import.unknown_case": ("사례 {case}이(가) 없습니다", "no case {case} in the contest"),
        "import.not_in_round": (
            "심사위원 {judge}은(는) {round}에 배정되지 않았습니다",
            "judge {judge} is not judging round {round}",
        ),
        "import.case_not_in_round": (
            "사례 {case}은(는) {round}의 심사 대상이 아닙니다",
            "case {case} is not in round {round}",
        ),
        "import.other_panel": (
            "사례 {case}은(는) 심사위원 {judge}의 분과({panel})에 배정되지 않았습니다",
            "case {case} is not assigned to judge {judge}'s panel ({panel})",
        ),
        "import.conflict": (
            "심사위원 {judge}은(는) 사례 {case}에서 제척되었습니다 (이해충돌)",
            "judge {judge} is excluded from case {case} (conflict of interest)",
        ),
        "import.partial": (
            "한 사례의 평가항목은 모두 채우거나 모두 비워야 합니다 ({missing} 비어 있음)",
            "a case is scored on every criterion or none ({missing} blank)",
        ),
        "import.panel_closed": (
            "{round}은(는) 마감되어 분과를 바꿀 수 없습니다 ({old} → {new})",
            "round {round} is closed: its panel cannot change ({old} → {new})",
        ),
        "import.cases_closed": (
            "{round}이(가) 마감되어 사례를 추가할 수 없습니다",
            "round {round} is closed: no case can be added",
        ),
        "import.no_panel_label": (
            "분과 이름이 비어 있습니다",
            "the panel label is blank",
        ),
    }
)


@dataclass(frozen=True)
class ImportCounts:
    rows: int
    added: int
    changed: int


def _text(values: Mapping[str, object], key: str) -> str:
    value = values.get(key)
    return "" if value is None else str(value)


# -- cases -----------------------------------------------------------------------------------------

CASE_COLUMNS = (
    Column("case_id", "text"),
    Column("title", "text"),
    Column("organization", "text", allow_blank=True),
    Column("category", "text", required=False, allow_blank=True),
    Column("summary", "text", required=False, allow_blank=True),
    Column("body", "text", required=False, allow_blank=True),
)


def import_cases(session: Session, config: ContestConfig, path: Path) -> ImportCounts:
    first = config.rounds[0]
    table = read_table(
        path,
        CASE_COLUMNS,
        key="case_id",
        extra_columns=(Column(first.key, "text", required=False, allow_blank=True),),
    )
    first_round = round_row(session, first.key)
    contest = session.scalars(select(m.Contest)).one()
    existing = {c.case_id: c for c in session.scalars(select(m.Case))}
    problems = Problems(table)
    if first_round.state == "closed":
        new = [row for row in table.rows if _text(dict(row.values), "case_id") not in existing]
        for row in new:
            problems.add(row.number, "case_id", "import.cases_closed", round=first.key)
    problems.raise_if_any()
    added = changed = 0
    panel_column = first.key in table.columns_present
    for row in table.rows:
        values = dict(row.values)
        case_id = _text(values, "case_id")
        fields = {
            k: _text(values, k) for k in ("title", "organization", "category", "summary", "body")
        }
        case = existing.get(case_id)
        if case is None:
            case = m.Case(contest_id=contest.id, case_id=case_id, **fields)
            session.add(case)
            session.flush()
            session.add(m.RoundCase(round_id=first_round.id, case_pk=case.id))
            added += 1
        elif any(getattr(case, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(case, k, v)
            changed += 1
        label = _text(values, first.key) if panel_column else ""
        if label and first_round.state == "open":
            session.flush()
            _place_case(session, first_round, case, label)
    session.flush()
    spread_unassigned(session, first_round)
    refresh_automatic_conflicts(session)
    return ImportCounts(len(table.rows), added, changed)


def _panel(session: Session, round_: m.Round, label: str) -> m.Panel:
    panel = session.scalars(
        select(m.Panel).where(m.Panel.round_id == round_.id, m.Panel.label == label)
    ).one_or_none()
    if panel is None:
        panel = m.Panel(round_id=round_.id, label=label)
        session.add(panel)
        session.flush()
    return panel


def _place_case(session: Session, round_: m.Round, case: m.Case, label: str) -> None:
    entry = session.scalars(
        select(m.RoundCase).where(m.RoundCase.round_id == round_.id, m.RoundCase.case_pk == case.id)
    ).one()
    entry.panel_id = _panel(session, round_, label).id


def spread_unassigned(session: Session, round_: m.Round) -> None:
    """Give each case of the round without a panel to the panel with the fewest cases.

    Cases are taken in case id order and ties go to the first label, so the spread is even and
    the same on every machine.
    """
    panels = list(
        session.scalars(
            select(m.Panel).where(m.Panel.round_id == round_.id).order_by(m.Panel.label)
        )
    )
    if not panels:
        return
    entries = list(
        session.scalars(
            select(m.RoundCase)
            .join(m.Case, m.RoundCase.case_pk == m.Case.id)
            .where(m.RoundCase.round_id == round_.id)
            .order_by(m.Case.case_id)
        )
    )
    load = Counter(e.panel_id for e in entries if e.panel_id is not None)
    for entry in entries:
        if entry.panel_id is None:
            target = min(panels, key=lambda p: (load[p.id], p.label))
            entry.panel_id = target.id
            load[target.id] += 1
    session.flush()


def refresh_automatic_conflicts(session: Session) -> None:
    """Mark every judge whose affiliation is a case's organisation as excluded from it."""
    judges = {j.judge_id: j for j in session.scalars(select(m.Judge))}
    cases = {c.case_id: c for c in session.scalars(select(m.Case))}
    wanted = automatic_conflicts(
        {j.judge_id: j.affiliation for j in judges.values()},
        {c.case_id: c.organization for c in cases.values()},
    )
    judge_ids = {j.id: j.judge_id for j in judges.values()}
    case_ids = {c.id: c.case_id for c in cases.values()}
    current = {
        (judge_ids[conflict.judge_pk], case_ids[conflict.case_pk]): conflict
        for conflict in session.scalars(
            select(m.Conflict).where(m.Conflict.kind == "automatic", m.Conflict.is_current)
        )
    }
    for pair, conflict in current.items():
        if pair not in wanted:
            conflict.is_current = False
            conflict.replaced_at = utcnow()
    for judge_id, case_id in sorted(wanted - current.keys()):
        session.add(
            m.Conflict(
                judge_pk=judges[judge_id].id,
                case_pk=cases[case_id].id,
                kind="automatic",
                reason=judges[judge_id].affiliation,
            )
        )
    session.flush()


# -- judges ----------------------------------------------------------------------------------------

JUDGE_COLUMNS = (
    Column("judge_id", "text"),
    Column("name", "text"),
    Column("affiliation", "text", allow_blank=True),
)


def import_judges(session: Session, config: ContestConfig, path: Path) -> ImportCounts:
    round_columns = tuple(Column(r.key, "text", allow_blank=True) for r in config.rounds)
    table = read_table(path, JUDGE_COLUMNS, key="judge_id", extra_columns=round_columns)
    contest = session.scalars(select(m.Contest)).one()
    existing = {j.judge_id: j for j in session.scalars(select(m.Judge))}
    rounds = {r.key: round_row(session, r.key) for r in config.rounds}
    memberships = _memberships(session)
    problems = Problems(table)
    for row in table.rows:
        values = dict(row.values)
        judge_id = _text(values, "judge_id")
        for key, round_ in rounds.items():
            old = memberships.get((key, judge_id), "")
            new = _text(values, key)
            if round_.state == "closed" and old != new:
                problems.add(
                    row.number,
                    key,
                    "import.panel_closed",
                    round=key,
                    old=old or "-",
                    new=new or "-",
                )
    problems.raise_if_any()
    added = changed = 0
    for row in table.rows:
        values = dict(row.values)
        judge_id = _text(values, "judge_id")
        fields = {k: _text(values, k) for k in ("name", "affiliation")}
        judge = existing.get(judge_id)
        if judge is None:
            judge = m.Judge(contest_id=contest.id, judge_id=judge_id, **fields)
            session.add(judge)
            session.flush()
            added += 1
        elif any(getattr(judge, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(judge, k, v)
            changed += 1
        for key, round_ in rounds.items():
            label = _text(values, key)
            if round_.state == "open" and memberships.get((key, judge_id), "") != label:
                _set_membership(session, round_, judge, label)
    for round_ in rounds.values():
        if round_.state == "open":
            spread_unassigned(session, round_)
    refresh_automatic_conflicts(session)
    return ImportCounts(len(table.rows), added, changed)


def _memberships(session: Session) -> dict[tuple[str, str], str]:
    query = (
        select(m.Round.key, m.Judge.judge_id, m.Panel.label)
        .join(m.Panel, m.Panel.round_id == m.Round.id)
        .join(m.PanelJudge, m.PanelJudge.panel_id == m.Panel.id)
        .join(m.Judge, m.PanelJudge.judge_pk == m.Judge.id)
    )
    return {(key, judge_id): label for key, judge_id, label in session.execute(query)}


def _set_membership(session: Session, round_: m.Round, judge: m.Judge, label: str) -> None:
    old = session.scalars(
        select(m.PanelJudge).where(
            m.PanelJudge.round_id == round_.id, m.PanelJudge.judge_pk == judge.id
        )
    ).one_or_none()
    if old is not None:
        session.delete(old)
        session.flush()
    if label:
        panel = _panel(session, round_, label)
        session.add(m.PanelJudge(panel_id=panel.id, round_id=round_.id, judge_pk=judge.id))
        session.flush()


# -- score tables ----------------------------------------------------------------------------------


def import_score_table(
    session: Session,
    config: ContestConfig,
    path: Path,
    round_key: str,
    source_ref: str,
    import_id: int,
) -> ImportCounts:
    """Check the whole table, then write the values that differ from the current ones."""
    batch = _checked_table(session, config, path, round_key).batch
    provenance = Provenance("table", source_ref, import_id, utcnow())
    counts = write_score_batch(session, round_row(session, round_key), batch, provenance)
    return ImportCounts(counts.rows, counts.added, counts.changed)


def read_score_table(
    session: Session, config: ContestConfig, path: Path, round_key: str
) -> list[ScoreEntry]:
    """A score table's rows, each checked against the round (refused whole, every problem named
    by row and column): what a score table import writes, or a paper sheet's typed entry."""
    checked = _checked_table(session, config, path, round_key)
    batch = checked.batch
    keys = list(batch.values)
    return [
        ScoreEntry(
            number,
            judge_id,
            case_id,
            {key: value for key, value in zip(keys, values, strict=True) if value is not None},
            comment,
        )
        for number, judge_id, case_id, comment, *values in zip(
            checked.numbers,
            batch.judge_ids,
            batch.case_ids,
            batch.comments,
            *batch.values.values(),
            strict=True,
        )
    ]


@dataclass(frozen=True)
class _CheckedTable:
    batch: ScoreBatch
    numbers: list[int]
    """The file's row number of each of the batch's places."""


def _checked_table(
    session: Session, config: ContestConfig, path: Path, round_key: str
) -> _CheckedTable:
    criteria = config.round_criteria(round_key)
    columns = (
        Column("judge_id", "text"),
        Column("case_id", "text"),
        *(Column(c.key, "decimal", allow_blank=True) for c in criteria),
    )
    table = read_columns(
        path,
        columns,
        key=("judge_id", "case_id"),
        extra_columns=(Column("comment", "text", required=False, allow_blank=True),),
    )
    return _check_scores(session, config, table, round_key)


def pair_problems(
    data: RoundData, judges: Set[str], cases: Set[str], judge_id: str, case_id: str
) -> list[tuple[str, str, dict[str, object]]]:
    """Why ``judge_id`` cannot score ``case_id`` in the round of ``data``, as (column, message id,
    parameters): an unknown judge or case, one outside the round, an exclusion, another panel."""
    round_key = data.round.key
    found: list[tuple[str, str, dict[str, object]]] = []
    if judge_id not in judges:
        found.append(("judge_id", "import.unknown_judge", {"judge": judge_id}))
    elif data.judge_panel(judge_id) is None:
        found.append(("judge_id", "import.not_in_round", {"judge": judge_id, "round": round_key}))
    if case_id not in cases:
        found.append(("case_id", "import.unknown_case", {"case": case_id}))
    elif case_id not in data.field:
        found.append(("case_id", "import.case_not_in_round", {"case": case_id, "round": round_key}))
    if not found:
        panel = data.judge_panel(judge_id)
        if (judge_id, case_id) in data.excluded:
            found.append(("case_id", "import.conflict", {"judge": judge_id, "case": case_id}))
        elif data.field[case_id] != panel:
            params: dict[str, object] = {"case": case_id, "judge": judge_id, "panel": panel}
            found.append(("case_id", "import.other_panel", params))
    return found


def _check_scores(
    session: Session, config: ContestConfig, table: Columns, round_key: str
) -> _CheckedTable:
    """The table's rows with a score or a comment, after checking every row against the round:
    the judge and the case (:func:`pair_problems`), each value against its criterion, every
    criterion or none. Column by column: each distinct value is checked once, and only the rows
    that fail a quick test are looked at one by one."""
    criteria = config.round_criteria(round_key)
    data = round_layout(session, round_key)
    values = table.values
    judge_ids = cast(list[str], values["judge_id"])
    case_ids = cast(list[str], values["case_id"])
    found: list[tuple[int, int, UserError]] = []  # (row index, order in the row, problem)

    # A row is suspect when its case's panel is not its judge's, or the pair is excluded
    # (compared in C loops; only suspect rows are looked at one by one).
    panel_of = {judge_id: label for label, judges in data.panels.items() for judge_id in judges}
    flags = list(
        map(
            ne,
            map(data.field.get, case_ids, repeat(_NOWHERE)),
            map(panel_of.get, judge_ids, repeat(_NOBODY)),
        )
    )
    if data.excluded:
        excluded = map(data.excluded.__contains__, zip(judge_ids, case_ids, strict=True))
        flags = list(map(or_, flags, excluded))
    suspect = [i for i, flag in enumerate(flags) if flag] if any(flags) else []
    if suspect:
        judges = set(session.scalars(select(m.Judge.judge_id)))
        cases = set(session.scalars(select(m.Case.case_id)))
        for i in suspect:
            pair = pair_problems(data, judges, cases, judge_ids[i], case_ids[i])
            for order, (column, message_id, params) in enumerate(pair):
                found.append((i, order, _cell(table, i, column, text(message_id, **params))))

    scores = {c.key: cast(list[Decimal | None], values[c.key]) for c in criteria}
    for position, criterion in enumerate(criteria, start=2):
        given = scores[criterion.key]
        rules = {v: score_problem(criterion, v) for v in set(given) if v is not None}
        wrong = {v for v, rule in rules.items() if rule is not None}
        if wrong:
            for i, value in enumerate(given):
                if value in wrong:
                    rule = rules[value]
                    assert rule is not None
                    found.append((i, position, _cell(table, i, criterion.key, rule)))
    blanks = [has_none(column) for column in scores.values()]
    if any(blanks):
        after = len(criteria) + 2
        for i, row in enumerate(zip(*scores.values(), strict=True)):
            count = sum(value is not None for value in row)
            if 0 < count < len(criteria):
                missing = next(c.key for c, v in zip(criteria, row, strict=True) if v is None)
                rule = text("import.partial", missing=missing)
                found.append((i, after, _cell(table, i, missing, rule)))
    if found:
        found.sort(key=lambda problem: problem[:2])
        raise TableError([problem for _i, _order, problem in found])

    comments = cast(list[str | None], values["comment"])
    if any(blanks):  # rows with neither a score nor a comment write nothing
        keep = [
            comment is not None or any(v is not None for v in row)
            for comment, *row in zip(comments, *scores.values(), strict=True)
        ]
        batch = ScoreBatch(
            list(compress(judge_ids, keep)),
            list(compress(case_ids, keep)),
            {key: list(compress(column, keep)) for key, column in scores.items()},
            list(compress(comments, keep)),
        )
        return _CheckedTable(batch, list(compress(table.numbers, keep)))
    return _CheckedTable(ScoreBatch(judge_ids, case_ids, scores, comments), list(table.numbers))


_NOWHERE = object()  # the panel of a case that is not in the round
_NOBODY = object()  # the panel of a judge who is not in the round


def _cell(table: Columns, index: int, column: str, rule: str) -> UserError:
    return table.table.error_at(table.numbers[index], column, "import.cell", rule=rule)


# -- votes -----------------------------------------------------------------------------------------

VOTE_COLUMNS = (Column("case_id", "text"), Column("votes", "int", minimum=0))


def import_votes(session: Session, path: Path, import_id: int) -> ImportCounts:
    table = read_table(path, VOTE_COLUMNS, key="case_id")
    cases = {c.case_id: c.id for c in session.scalars(select(m.Case))}
    problems = Problems(table)
    for row in table.rows:
        case_id = _text(dict(row.values), "case_id")
        if case_id not in cases:
            problems.add(row.number, "case_id", "import.unknown_case", case=case_id)
    problems.raise_if_any()
    votes: dict[str, int] = {}
    for row in table.rows:
        votes[row.text("case_id")] = row.integer("votes")
    counts = write_votes(session, votes, import_id)
    return ImportCounts(counts.rows, counts.added, counts.changed)
