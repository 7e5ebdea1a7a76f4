"""What is in and what is missing, round by round and judge by judge."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.double_entry import Dispute
from judging_app.services import double_entry, loading
from judging_app.services.double_entry import SheetProgress, dispute_json
from judging_app.store import models as m


@dataclass(frozen=True)
class JudgeProgress:
    judge_id: str
    name: str
    panel: str
    assigned: int
    complete: int
    missing: tuple[str, ...]


@dataclass(frozen=True)
class RoundStatus:
    key: str
    name: str
    state: str
    cases: int
    unassigned: tuple[str, ...]
    """Cases of the round's field that no panel judges (a panel label without judges counts)."""
    judges: tuple[JudgeProgress, ...]
    sheets: tuple[SheetProgress, ...] = ()
    """Paper sheets typed in twice, per judge (empty: none typed in this round)."""
    disputes: tuple[Dispute, ...] = ()
    """Open disagreements between the two entries of the paper sheets."""

    @property
    def missing(self) -> int:
        return sum(len(j.missing) for j in self.judges)


@dataclass(frozen=True)
class ContestStatus:
    name: str
    cases: int
    judges: int
    votes: int
    rounds: tuple[RoundStatus, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "contest": self.name,
            "cases": self.cases,
            "judges": self.judges,
            "votes": self.votes,
            "rounds": [
                {
                    "round": r.key,
                    "name": r.name,
                    "state": r.state,
                    "cases": r.cases,
                    "missing": r.missing,
                    "unassigned": list(r.unassigned),
                    "judges": [
                        {
                            "judge_id": j.judge_id,
                            "name": j.name,
                            "panel": j.panel,
                            "assigned": j.assigned,
                            "complete": j.complete,
                            "missing": list(j.missing),
                        }
                        for j in r.judges
                    ],
                    "sheets": [s.as_json() for s in r.sheets],
                    "disputes": [dispute_json(d) for d in r.disputes],
                }
                for r in self.rounds
            ],
        }


def contest_status(session: Session, config: ContestConfig) -> ContestStatus:
    names = {j.judge_id: j.name for j in session.scalars(select(m.Judge))}
    rounds = tuple(_round_status(session, config, r.key, names) for r in config.rounds)
    votes = session.scalar(
        select(func.coalesce(func.sum(m.Vote.votes), 0)).where(m.Vote.is_current)
    )
    return ContestStatus(
        config.name,
        session.scalar(select(func.count(m.Case.id))) or 0,
        len(names),
        int(votes or 0),
        rounds,
    )


def _round_status(
    session: Session, config: ContestConfig, key: str, names: dict[str, str]
) -> RoundStatus:
    data = loading.round_data(session, key)
    criteria = {c.key for c in config.round_criteria(key)}
    complete = {(row.judge_id, row.case_id) for row in data.rows if criteria <= set(row.scores)}
    judges = []
    for label, members in sorted(data.panels.items()):
        for judge_id in members:
            assigned = data.assigned(judge_id)
            done = [c for c in assigned if (judge_id, c) in complete]
            judges.append(
                JudgeProgress(
                    judge_id,
                    names.get(judge_id, ""),
                    label,
                    len(assigned),
                    len(done),
                    tuple(c for c in assigned if (judge_id, c) not in complete),
                )
            )
    judged = {label for label, members in data.panels.items() if members}
    unassigned = tuple(sorted(c for c, label in data.field.items() if label not in judged))
    sheets, disputes = double_entry.sheet_progress(session, config, key)
    return RoundStatus(
        key,
        config.round(key).name,
        data.round.state,
        len(data.field),
        unassigned,
        tuple(sorted(judges, key=lambda j: j.judge_id)),
        sheets,
        disputes,
    )
