"""Changing a contest's rules after it was created: the TOML rewritten, what depends on it checked.

The rules' keys (criteria and rounds, in order) are fixed once the contest exists: files, packages
and scores name them. Everything else may change, except where scores already depend on it: a
criterion's maximum or step once a score for it exists, and a round's aggregate, trimming,
``advance`` or criteria once the round is closed. The final formula, the tie-breaks and the awards
only change the ranking, which is recomputed on every read, so they may always change (the audit
log records every change).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import UserError, register
from judging_app.store import models as m

register(
    {
        "setup.keys_fixed": (
            "{what}의 키와 순서는 대회를 만든 뒤에는 바꿀 수 없습니다 ({old} → {new})",
            "the keys of the {what} cannot change once the contest exists ({old} → {new})",
        ),
        "setup.scored_criterion": (
            "설정 키 {key}: 평가항목 {criterion}에 이미 점수가 있어 배점과 단위를 바꿀 수 없습니다",
            "config key {key}: criterion {criterion} already has scores; its maximum and step "
            "cannot change",
        ),
        "setup.closed_round": (
            "설정 키 {key}: {round}은(는) 마감되어 집계 방식, 진출 수와 평가항목을 "
            "바꿀 수 없습니다",
            "config key {key}: round {round} is closed; its aggregate, advance and criteria "
            "cannot change",
        ),
    }
)


def _toml_text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _number(value: Decimal) -> str:
    return format(value, "f")


def config_toml(config: ContestConfig) -> str:
    """The configuration in the TOML format of DESIGN.md (every key written out)."""
    lines = ["[contest]", f"name = {_toml_text(config.name)}", ""]
    for criterion in config.criteria:
        lines += [
            "[[criteria]]",
            f"key = {_toml_text(criterion.key)}",
            f"name = {_toml_text(criterion.name)}",
            f"max = {_number(criterion.max)}",
            f"step = {_number(criterion.step)}",
            f"description = {_toml_text(criterion.description)}",
            "",
        ]
    for round_ in config.rounds:
        lines += [
            "[[rounds]]",
            f"key = {_toml_text(round_.key)}",
            f"name = {_toml_text(round_.name)}",
            f"aggregate = {_toml_text(round_.aggregate)}",
            f"trim_min = {round_.trim_min}",
        ]
        if round_.advance is not None:
            lines.append(f"advance = {round_.advance}")
        lines += [f"criteria = [{', '.join(_toml_text(c) for c in round_.criteria)}]", ""]
    final = config.final
    lines += [
        "[final]",
        f"expert_weight = {_number(final.expert_weight)}",
        f"vote_weight = {_number(final.vote_weight)}",
        f"vote_method = {_toml_text(final.vote_method)}",
        f"decimals = {final.decimals}",
        f"tie_break = [{', '.join(_toml_text(t) for t in final.tie_break)}]",
        "",
    ]
    for award in config.awards:
        lines += ["[[awards]]", f"name = {_toml_text(award.name)}", f"count = {award.count}"]
        if award.min_score is not None:
            lines.append(f"min_score = {_number(award.min_score)}")
        lines.append("")
    return "\n".join(lines)


def check_change(session: Session, old: ContestConfig, new: ContestConfig) -> None:
    """Refuse a new configuration that changes what existing scores or closed rounds rely on."""
    for what, before, after in (
        ("criteria", [c.key for c in old.criteria], [c.key for c in new.criteria]),
        ("rounds", [r.key for r in old.rounds], [r.key for r in new.rounds]),
    ):
        if before != after:
            raise UserError(
                "setup.keys_fixed", what=what, old=", ".join(before), new=", ".join(after)
            )
    scored = set(
        session.scalars(
            select(m.Criterion.key)
            .join(m.Score, m.Score.criterion_id == m.Criterion.id)
            .group_by(m.Criterion.key)
            .having(func.count(m.Score.id) > 0)
        )
    )
    for i, (before_c, after_c) in enumerate(zip(old.criteria, new.criteria, strict=True)):
        for field in ("max", "step"):
            if before_c.key in scored and getattr(before_c, field) != getattr(after_c, field):
                raise UserError(
                    "setup.scored_criterion", key=f"criteria[{i}].{field}", criterion=before_c.key
                )
    closed = set(session.scalars(select(m.Round.key).where(m.Round.state == "closed")))
    for i, (before_r, after_r) in enumerate(zip(old.rounds, new.rounds, strict=True)):
        for field in ("aggregate", "trim_min", "advance", "criteria"):
            if before_r.key in closed and getattr(before_r, field) != getattr(after_r, field):
                raise UserError(
                    "setup.closed_round", key=f"rounds[{i}].{field}", round=before_r.key
                )


def write_rules(session: Session, new: ContestConfig, text: str) -> list[str]:
    """Store the new TOML and its projection into the rules tables; returns the keys changed."""
    contest = session.scalars(select(m.Contest)).one()
    changed = [] if contest.name == new.name else ["contest.name"]
    contest.name, contest.config_toml = new.name, text
    criteria = {c.key: c for c in session.scalars(select(m.Criterion))}
    for i, criterion in enumerate(new.criteria):
        row = criteria[criterion.key]
        for field in ("name", "max", "step", "description"):
            if getattr(row, field) != getattr(criterion, field):
                setattr(row, field, getattr(criterion, field))
                changed.append(f"criteria[{i}].{field}")
    rounds = {r.key: r for r in session.scalars(select(m.Round))}
    for i, round_ in enumerate(new.rounds):
        round_row = rounds[round_.key]
        for field in ("name", "aggregate", "trim_min", "advance"):
            if getattr(round_row, field) != getattr(round_, field):
                setattr(round_row, field, getattr(round_, field))
                changed.append(f"rounds[{i}].{field}")
        if [c.key for c in round_row.criteria] != list(round_.criteria):
            round_row.criteria = [criteria[key] for key in round_.criteria]
            changed.append(f"rounds[{i}].criteria")
    session.flush()
    return changed
