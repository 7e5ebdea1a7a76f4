"""Read what the domain needs out of the contest database: the rules and the current scores.

Every number the services show is computed by :mod:`judging_app.domain` from what these functions
return; nothing here scores or ranks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import or_, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from judging_app.domain.config import ContestConfig, parse_config
from judging_app.domain.ranking import FinalResult, rank_final
from judging_app.domain.scoring import RoundResult, ScoreRow, score_round
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
    rows: tuple[ScoreRow, ...]

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
    contest = contest_row(session)
    return parse_config(contest.config_toml, source="contest database")


def round_row(session: Session, key: str) -> m.Round:
    return session.scalars(select(m.Round).where(m.Round.key == key)).one()


def excluded_pairs(session: Session, round_id: int) -> frozenset[tuple[str, str]]:
    """(judge id, case id) of current conflicts: automatic ones and those declared for the round."""
    query = (
        select(m.Judge.judge_id, m.Case.case_id)
        .join(m.Conflict, m.Conflict.judge_pk == m.Judge.id)
        .join(m.Case, m.Conflict.case_pk == m.Case.id)
        .where(m.Conflict.is_current)
        .where(or_(m.Conflict.round_id.is_(None), m.Conflict.round_id == round_id))
    )
    return frozenset((judge_id, case_id) for judge_id, case_id in session.execute(query))


_PG_NUMERIC = 1700


def current_score_rows(session: Session, round_id: int) -> tuple[ScoreRow, ...]:
    """The round's current scores, one row per (judge, case), sorted by judge and case id.

    Read as plain ids and raw values (no ORM, no joins), the ids then named from three small maps;
    each distinct raw value goes through the score column's own result processor once, so the
    Decimals are exactly those an ORM query gives (a large round repeats a few dozen values).
    """
    judge, case, criterion = m.Judge.__table__.c, m.Case.__table__.c, m.Criterion.__table__.c
    score = m.Score.__table__.c
    judges: dict[int, str] = dict(session.execute(select(judge.id, judge.judge_id)).all())
    cases: dict[int, str] = dict(session.execute(select(case.id, case.case_id)).all())
    keys: dict[int, str] = dict(session.execute(select(criterion.id, criterion.key)).all())
    dialect = session.connection().dialect
    # The DBAPI type code of the column: PostgreSQL's processor needs numeric's (OID 1700).
    coltype = _PG_NUMERIC if dialect.name == "postgresql" else None
    process = score.value.type.dialect_impl(dialect).result_processor(dialect, coltype)
    query = select(
        score.judge_pk, score.case_pk, score.criterion_id, type_coerce(score.value, NullType())
    ).where(score.round_id == round_id, score.is_current, score.value.is_not(None))
    values: dict[tuple[type, object], Decimal] = {}
    by_pair: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(dict)
    for judge_pk, case_pk, criterion_id, raw in session.execute(query):
        memo = (raw.__class__, raw)
        value = values.get(memo)
        if value is None:
            value = raw if process is None else process(raw)
            if value is None:
                continue
            values[memo] = value
        by_pair[(judge_pk, case_pk)][keys[criterion_id]] = value
    named = sorted(
        ((judges[judge_pk], cases[case_pk]), scores)
        for (judge_pk, case_pk), scores in by_pair.items()
    )
    return tuple(ScoreRow(judge_id, case_id, scores) for (judge_id, case_id), scores in named)


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
        (),
    )


def round_result(session: Session, config: ContestConfig, key: str) -> RoundResult:
    data = round_data(session, key)
    return score_round(
        config.round(key),
        config.round_criteria(key),
        data.field,
        data.rows,
        excluded=data.excluded,
        decimals=config.final.decimals,
    )


def current_votes(session: Session) -> dict[str, int]:
    query = (
        select(m.Case.case_id, m.Vote.votes)
        .join(m.Case, m.Vote.case_pk == m.Case.id)
        .where(m.Vote.is_current)
    )
    return {case_id: votes for case_id, votes in session.execute(query)}


def final_result(
    session: Session, config: ContestConfig
) -> tuple[FinalResult, dict[str, RoundResult]]:
    rounds = {r.key: round_result(session, config, r.key) for r in config.rounds}
    return rank_final(config, rounds, current_votes(session)), rounds


def case_titles(session: Session) -> dict[str, m.Case]:
    return {case.case_id: case for case in session.scalars(select(m.Case))}
