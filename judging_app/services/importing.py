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
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import register
from judging_app.domain.scoring import automatic_conflicts, score_problem
from judging_app.exchange.tables import Column, Table, read_table
from judging_app.services.history import (
    Provenance,
    ScoreEntry,
    write_scores,
    write_votes,
)
from judging_app.services.loading import RoundData, round_data, round_row
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
    entries = read_score_table(session, config, path, round_key)
    return _write_scores(
        session, round_key, entries, source="table", source_ref=source_ref, import_id=import_id
    )


def read_score_table(
    session: Session, config: ContestConfig, path: Path, round_key: str
) -> list[ScoreEntry]:
    """A score table's rows, each checked against the round (refused whole, every problem named
    by row and column): what a score table import writes, or a paper sheet's typed entry."""
    criteria = config.round_criteria(round_key)
    columns = (
        Column("judge_id", "text"),
        Column("case_id", "text"),
        *(Column(c.key, "decimal", allow_blank=True) for c in criteria),
    )
    table = read_table(
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
    session: Session, config: ContestConfig, table: Table, round_key: str
) -> list[ScoreEntry]:
    criteria = config.round_criteria(round_key)
    data = round_data(session, round_key)
    judges = set(session.scalars(select(m.Judge.judge_id)))
    cases = set(session.scalars(select(m.Case.case_id)))
    problems = Problems(table)
    entries: list[ScoreEntry] = []
    for row in table.rows:
        values = dict(row.values)
        judge_id, case_id = _text(values, "judge_id"), _text(values, "case_id")
        for column, message_id, params in pair_problems(data, judges, cases, judge_id, case_id):
            problems.add(row.number, column, message_id, **params)
        scores: dict[str, Decimal] = {}
        for criterion in criteria:
            value = values.get(criterion.key)
            if value is None:
                continue
            assert isinstance(value, Decimal)
            rule = score_problem(criterion, value)
            if rule is not None:
                problems.add_rule(row.number, criterion.key, rule)
            scores[criterion.key] = value
        if scores and len(scores) < len(criteria):
            missing = next(c.key for c in criteria if c.key not in scores)
            problems.add(row.number, missing, "import.partial", missing=missing)
        comment = values.get("comment")
        if scores or comment:
            entries.append(
                ScoreEntry(
                    row.number, judge_id, case_id, scores, None if comment is None else str(comment)
                )
            )
    problems.raise_if_any()
    return entries


def _write_scores(
    session: Session,
    round_key: str,
    entries: list[ScoreEntry],
    *,
    source: str,
    source_ref: str,
    import_id: int,
) -> ImportCounts:
    provenance = Provenance(source, source_ref, import_id, utcnow())
    counts = write_scores(session, round_row(session, round_key), entries, provenance)
    return ImportCounts(counts.rows, counts.added, counts.changed)


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
