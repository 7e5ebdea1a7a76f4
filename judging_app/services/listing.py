"""What the window lists: cases, judges, a round's judge-by-case grid, the audit log.

Plain rows read from the contest database, ready for a table; nothing here scores or ranks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.services import loading
from judging_app.store import models as m

Cell = Literal["scored", "missing", "excluded", "other_panel"]


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    title: str
    organization: str
    category: str
    panels: dict[str, str]
    """Round key → the panel label judging the case in that round (rounds it is in)."""
    votes: int | None


@dataclass(frozen=True)
class JudgeRow:
    judge_id: str
    name: str
    affiliation: str
    panels: dict[str, str]
    """Round key → the judge's panel label in that round (rounds the judge sits in)."""


@dataclass(frozen=True)
class GridJudge:
    judge_id: str
    name: str
    panel: str


@dataclass(frozen=True)
class RoundGrid:
    """Which judge has scored which case of a round's field."""

    round_key: str
    judges: tuple[GridJudge, ...]
    cases: tuple[tuple[str, str, str], ...]
    """(case id, title, panel label) in case id order."""
    cells: dict[tuple[str, str], Cell]
    """(case id, judge id) → state; a judge of another panel is ``other_panel``."""

    @property
    def missing(self) -> int:
        return sum(1 for state in self.cells.values() if state == "missing")


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    details: dict[str, object]


def case_rows(session: Session, config: ContestConfig) -> tuple[CaseRow, ...]:
    panels: dict[str, dict[str, str]] = {}
    for round_ in config.rounds:
        for case_id, label in loading.round_data(session, round_.key).field.items():
            panels.setdefault(case_id, {})[round_.key] = label or ""
    votes = loading.current_votes(session)
    return tuple(
        CaseRow(
            c.case_id,
            c.title,
            c.organization,
            c.category,
            panels.get(c.case_id, {}),
            votes.get(c.case_id),
        )
        for c in session.scalars(select(m.Case).order_by(m.Case.case_id))
    )


def judge_rows(session: Session, config: ContestConfig) -> tuple[JudgeRow, ...]:
    panels: dict[str, dict[str, str]] = {}
    for round_ in config.rounds:
        for label, judges in loading.round_data(session, round_.key).panels.items():
            for judge_id in judges:
                panels.setdefault(judge_id, {})[round_.key] = label
    return tuple(
        JudgeRow(j.judge_id, j.name, j.affiliation, panels.get(j.judge_id, {}))
        for j in session.scalars(select(m.Judge).order_by(m.Judge.judge_id))
    )


def round_grid(session: Session, config: ContestConfig, key: str) -> RoundGrid:
    data = loading.round_data(session, key)
    criteria = {c.key for c in config.round_criteria(key)}
    scored = {(row.case_id, row.judge_id) for row in data.rows if criteria <= set(row.scores)}
    names = {j.judge_id: j.name for j in session.scalars(select(m.Judge))}
    titles = {c.case_id: c.title for c in session.scalars(select(m.Case))}
    judges = tuple(
        GridJudge(judge_id, names.get(judge_id, ""), label)
        for label, members in sorted(data.panels.items())
        for judge_id in members
    )
    cells: dict[tuple[str, str], Cell] = {}
    for case_id, label in data.field.items():
        for judge in judges:
            pair = (case_id, judge.judge_id)
            if judge.panel != label:
                cells[pair] = "other_panel"
            elif (judge.judge_id, case_id) in data.excluded:
                cells[pair] = "excluded"
            else:
                cells[pair] = "scored" if pair in scored else "missing"
    cases = tuple(
        (case_id, titles.get(case_id, ""), label or "")
        for case_id, label in sorted(data.field.items())
    )
    return RoundGrid(key, judges, cases, cells)


def audit_rows(session: Session) -> tuple[AuditRow, ...]:
    entries = session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
    return tuple(
        AuditRow(entry.at, entry.actor, entry.action, _details(entry.details)) for entry in entries
    )


def _details(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"details": text}
    return value if isinstance(value, dict) else {"details": value}
