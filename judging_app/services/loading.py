"""Read what the domain needs out of the contest database: the rules and the current scores.

Every number the services show is computed by :mod:`judging_app.domain` from what these functions
return; nothing here scores or ranks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from sqlalchemy import case as sql_case
from sqlalchemy import func, or_, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from judging_app.domain.config import ContestConfig, parse_config
from judging_app.domain.ranking import FinalResult, rank_final
from judging_app.domain.scoring import RoundResult, ScoreTable, score_round
from judging_app.store import models as m


@dataclass(frozen=True)
class RoundData:
    """A round's field, panels and current scores, keyed by the users' ids."""

    round: m.Round
    field: dict[str, str | None]
    """Case id → panel label (None: not assigned to a panel yet)."""
    panels: dict[str, tuple[str, ...]]
    """Panel label → judge ids."""
    excluded: frozenset[tuple[str, str]]
    rows: ScoreTable

    def judge_panel(self, judge_id: str) -> str | None:
        for label, judges in self.panels.items():
            if judge_id in judges:
                return label
        return None

    def assigned(self, judge_id: str) -> tuple[str, ...]:
        """The cases a judge must score: their panel's cases, less their conflicts."""
        label = self.judge_panel(judge_id)
        return tuple(
            case_id
            for case_id, panel in sorted(self.field.items())
            if label is not None and panel == label and (judge_id, case_id) not in self.excluded
        )


def contest_row(session: Session) -> m.Contest:
    return session.scalars(select(m.Contest)).one()


def load_config(session: Session) -> ContestConfig:
    contest = m.Contest.__table__.c
    config_toml = session.execute(select(contest.config_toml)).scalar_one()
    return parse_config(config_toml, source="contest database")


def round_row(session: Session, key: str) -> m.Round:
    return session.scalars(select(m.Round).where(m.Round.key == key)).one()


def excluded_pairs(session: Session, round_id: int) -> frozenset[tuple[str, str]]:
    """(judge id, case id) of current conflicts: automatic ones and those declared for the round."""
    judge, case, conflict = m.Judge.__table__, m.Case.__table__, m.Conflict.__table__
    query = (
        select(judge.c.judge_id, case.c.case_id)
        .join(conflict, conflict.c.judge_pk == judge.c.id)
        .join(case, conflict.c.case_pk == case.c.id)
        .where(conflict.c.is_current)
        .where(or_(conflict.c.round_id.is_(None), conflict.c.round_id == round_id))
    )
    return frozenset((judge_id, case_id) for judge_id, case_id in session.execute(query))


_PG_NUMERIC = 1700


def current_score_rows(session: Session, round_id: int) -> ScoreTable:
    """The round's current scores, one entry per (judge, case), sorted by judge and case id.

    One grouped select gives a row per (judge, case) with a column per criterion (no ORM, no
    joins), the ids then named from two small maps; each distinct raw value goes through the
    score column's own result processor once, so the Decimals are exactly those an ORM query
    gives (a large round repeats a few dozen values).
    """
    judge, case, criterion = m.Judge.__table__.c, m.Case.__table__.c, m.Criterion.__table__.c
    score = m.Score.__table__.c
    judges: dict[int, str] = dict(session.execute(select(judge.id, judge.judge_id)).all())
    cases: dict[int, str] = dict(session.execute(select(case.id, case.case_id)).all())
    criteria = session.execute(
        select(criterion.id, criterion.key).order_by(criterion.position, criterion.id)
    ).all()
    dialect = session.connection().dialect
    columns = [
        type_coerce(func.max(sql_case((score.criterion_id == cid, score.value))), NullType())
        for cid, _key in criteria
    ]
    query = (
        select(score.judge_pk, score.case_pk, *columns)
        .where(score.round_id == round_id, score.is_current, score.value.is_not(None))
        .group_by(score.judge_pk, score.case_pk)
        .order_by(score.judge_pk, score.case_pk)
    )
    # The DBAPI type code of the column: PostgreSQL's processor needs numeric's (OID 1700).
    coltype = _PG_NUMERIC if dialect.name == "postgresql" else None
    process = score.value.type.dialect_impl(dialect).result_processor(dialect, coltype)
    scores = _RawScores(process)
    entries = [(judges[row[0]], cases[row[1]], scores[row[2:]]) for row in session.execute(query)]
    if not (_in_id_order(judges) and _in_id_order(cases)):
        entries.sort(key=lambda entry: (entry[0], entry[1]))
    return ScoreTable(tuple(key for _cid, key in criteria), entries)


class _RawScores(dict[tuple[object, ...], tuple[Decimal | None, ...]]):
    """A row's raw column values → their Decimals (None stays None); each distinct tuple of
    values is processed once."""

    def __init__(self, process: Callable[[object], object] | None) -> None:
        super().__init__()
        self.process = process

    def __missing__(self, raw: tuple[object, ...]) -> tuple[Decimal | None, ...]:
        values = tuple(self._value(item) for item in raw)
        self[raw] = values
        return values

    def _value(self, raw: object) -> Decimal | None:
        value = raw if self.process is None or raw is None else self.process(raw)
        assert value is None or isinstance(value, Decimal)
        return value


def _in_id_order(names: dict[int, str]) -> bool:
    """True when ordering by primary key also orders by the user's id."""
    in_pk_order = [names[pk] for pk in sorted(names)]
    return all(a < b for a, b in pairwise(in_pk_order))


def round_data(session: Session, key: str) -> RoundData:
    layout = round_layout(session, key)
    return replace(layout, rows=current_score_rows(session, layout.round.id))


def round_layout(session: Session, key: str) -> RoundData:
    """The round's field, panels and exclusions, without its scores (``rows`` is empty)."""
    round_ = round_row(session, key)
    field_query = (
        select(m.Case.case_id, m.Panel.label)
        .join(m.RoundCase, m.RoundCase.case_pk == m.Case.id)
        .outerjoin(m.Panel, m.RoundCase.panel_id == m.Panel.id)
        .where(m.RoundCase.round_id == round_.id)
    )
    field: dict[str, str | None] = {
        case_id: label for case_id, label in session.execute(field_query)
    }
    panel_query = (
        select(m.Panel.label, m.Judge.judge_id)
        .join(m.PanelJudge, m.PanelJudge.panel_id == m.Panel.id)
        .join(m.Judge, m.PanelJudge.judge_pk == m.Judge.id)
        .where(m.Panel.round_id == round_.id)
        .order_by(m.Panel.label, m.Judge.judge_id)
    )
    panels: dict[str, list[str]] = defaultdict(list)
    for label, judge_id in session.execute(panel_query):
        panels[label].append(judge_id)
    return RoundData(
        round_,
        field,
        {label: tuple(judges) for label, judges in panels.items()},
        excluded_pairs(session, round_.id),
        ScoreTable((), ()),
    )


def round_result(session: Session, config: ContestConfig, key: str) -> RoundResult:
    """A round's ranking: only what scoring needs is read (no panels, no ORM objects)."""
    rounds, round_cases, case = m.Round.__table__, m.RoundCase.__table__, m.Case.__table__
    round_id = session.execute(select(rounds.c.id).where(rounds.c.key == key)).scalar_one()
    field = session.scalars(
        select(case.c.case_id)
        .join(round_cases, round_cases.c.case_pk == case.c.id)
        .where(round_cases.c.round_id == round_id)
    )
    return score_round(
        config.round(key),
        config.round_criteria(key),
        field.all(),
        current_score_rows(session, round_id),
        excluded=excluded_pairs(session, round_id),
        decimals=config.final.decimals,
    )


def current_votes(session: Session) -> dict[str, int]:
    case, vote = m.Case.__table__, m.Vote.__table__
    query = (
        select(case.c.case_id, vote.c.votes)
        .join(case, vote.c.case_pk == case.c.id)
        .where(vote.c.is_current)
    )
    return {case_id: votes for case_id, votes in session.execute(query)}


def final_result(
    session: Session, config: ContestConfig, *, every_round: bool = True
) -> tuple[FinalResult, dict[str, RoundResult]]:
    """The final ranking and the round results; ``every_round`` False scores only the rounds the
    final ranking reads (the last one, and those its tie-breaks name): an earlier round of
    thousands of cases is not scored again to rank its finalists."""
    keys = [r.key for r in config.rounds]
    if not every_round:
        keys = [k for k in keys if k == config.last_round.key or k in config.final.tie_break]
    rounds = {key: round_result(session, config, key) for key in keys}
    return rank_final(config, rounds, current_votes(session)), rounds


def case_titles(session: Session, case_ids: Iterable[str] | None = None) -> dict[str, m.Case]:
    """Case id → case, for every case or only for ``case_ids``."""
    query = select(m.Case)
    if case_ids is not None:
        query = query.where(m.Case.case_id.in_(list(case_ids)))
    return {case.case_id: case for case in session.scalars(query)}
