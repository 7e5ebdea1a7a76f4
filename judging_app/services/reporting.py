"""Exporting the Excel report: everything it shows, read from the contest database in one session.

The numbers come from the same loading functions that ``rank`` uses (so the report shows exactly
what ``rank --json`` prints) and from :mod:`judging_app.domain.stats`; the rest is stored values —
criterion scores, comments, conflicts, votes, package digests, the audit log — handed to
:mod:`judging_app.exchange.report` as plain dataclasses, so that the report never touches the store.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.numbers import multiply
from judging_app.domain.ranking import FinalResult
from judging_app.domain.scoring import CaseResult, RoundResult
from judging_app.domain.stats import judge_stats
from judging_app.exchange.report import (
    AuditLine,
    CaseInfo,
    FinalPart,
    JudgeInfo,
    ReportData,
    RoundInfo,
    ScoreSheet,
    SheetLine,
    VoteLine,
    write_report,
)
from judging_app.services import loading
from judging_app.services.contest import Contest
from judging_app.services.verification import record_report
from judging_app.store import models as m
from judging_app.store.engine import session_factory


class Steps(Protocol):
    """What the export reports its progress to (``services.progress.Progress`` fits)."""

    def step(self, done: int, total: int = 0, label: str = "") -> None: ...


def export_report(
    contest: Contest,
    out: Path,
    *,
    generated_at: datetime | None = None,
    progress: Steps | None = None,
) -> Path:
    """Write the report of the contest's current results to ``out``; returns ``out``."""
    if progress is not None:
        progress.step(0, 2, "read")
    data = report_data(contest, generated_at=generated_at)
    if progress is not None:
        progress.step(1, 2, "write")
    path = write_report(out, data)
    record_report(contest, path, data.final, data.rounds)  # for `judging-app verify`
    if progress is not None:
        progress.step(2, 2, "done")
    return path


def report_data(contest: Contest, *, generated_at: datetime | None = None) -> ReportData:
    """Everything the report shows, read in one session (one consistent snapshot)."""
    with session_factory(contest.engine)() as session:
        config = loading.load_config(session)
        final, rounds = loading.final_result(session, config)
        cases = {
            case_id: CaseInfo(case.title, case.organization)
            for case_id, case in loading.case_titles(session).items()
        }
        judges = {
            judge.judge_id: JudgeInfo(judge.name, judge.affiliation)
            for judge in session.scalars(select(m.Judge).order_by(m.Judge.judge_id))
        }
        infos = {r.key: _round_info(session, r.key, rounds[r.key]) for r in config.rounds}
        sheets = tuple(
            sheet
            for r in config.rounds
            for sheet in _score_sheets(session, r.key, rounds[r.key], infos[r.key])
        )
        votes = _votes(session, final)
        return ReportData(
            config=config,
            final=final,
            rounds=rounds,
            cases=cases,
            judges=judges,
            round_info=infos,
            score_sheets=sheets,
            votes=votes,
            vote_total=sum(v.votes or 0 for v in votes),
            audit=_audit(session),
            parts=_parts(config, final),
            generated_at=generated_at or datetime.now().astimezone(),
        )


def _round_info(session: Session, key: str, result: RoundResult) -> RoundInfo:
    data = loading.round_data(session, key)
    judge_panels = {
        judge_id: label for label, members in data.panels.items() for judge_id in members
    }
    return RoundInfo(
        key=key,
        state=data.round.state,
        closed_at=data.round.closed_at,
        closed_by=data.round.closed_by,
        allow_missing=data.round.allow_missing,
        case_panels=dict(data.field),
        judge_panels=judge_panels,
        judge_stats=judge_stats(result),
    )


def _parts(config: ContestConfig, final: FinalResult) -> tuple[FinalPart, ...]:
    """Each finalist's weighted expert and vote parts, exact (their sum, rounded, is the final)."""
    rule = config.final
    return tuple(
        FinalPart(
            entry.case_id,
            multiply(rule.expert_weight, entry.expert),
            multiply(rule.vote_weight, entry.vote_points),
        )
        for entry in final.entries
    )


def _score_sheets(
    session: Session, key: str, result: RoundResult, info: RoundInfo
) -> list[ScoreSheet]:
    """One sheet per judge of the round: their panel's cases, scores, comments and conflicts."""
    round_ = loading.round_row(session, key)
    scores: dict[tuple[str, str], dict[str, Decimal | None]] = defaultdict(dict)
    transcribed: dict[str, datetime] = {}  # judge id → their latest current transcribed score
    score_query = (
        select(
            m.Judge.judge_id,
            m.Case.case_id,
            m.Criterion.key,
            m.Score.value,
            m.Score.source,
            m.Score.entered_at,
        )
        .join(m.Judge, m.Score.judge_pk == m.Judge.id)
        .join(m.Case, m.Score.case_pk == m.Case.id)
        .join(m.Criterion, m.Score.criterion_id == m.Criterion.id)
        .where(m.Score.round_id == round_.id, m.Score.is_current)
    )
    for judge_id, case_id, criterion, value, source, entered_at in session.execute(score_query):
        scores[(judge_id, case_id)][criterion] = value
        if source != "package":
            transcribed[judge_id] = max(entered_at, transcribed.get(judge_id, entered_at))
    comment_query = (
        select(m.Judge.judge_id, m.Case.case_id, m.ScoreComment.comment)
        .join(m.Judge, m.ScoreComment.judge_pk == m.Judge.id)
        .join(m.Case, m.ScoreComment.case_pk == m.Case.id)
        .where(m.ScoreComment.round_id == round_.id, m.ScoreComment.is_current)
    )
    comments = {(j, c): text for j, c, text in session.execute(comment_query)}
    conflicts = _conflicts(session, round_.id)
    returns = _latest_returns(session, round_.id)
    judges = sorted(set(info.judge_panels) | {j for j, _ in scores} | {j for j, _ in conflicts})
    panel_cases: dict[str, set[str]] = defaultdict(set)
    for case_id, label in info.case_panels.items():
        if label:
            panel_cases[label].add(case_id)
    scored: dict[str, set[str]] = defaultdict(set)
    for judge_id, case_id in scores:
        scored[judge_id].add(case_id)
    in_round = set(info.case_panels)
    results = {case.case_id: case for case in result.cases}
    sheets = []
    for judge_id in judges:
        panel = info.judge_panels.get(judge_id)
        case_ids = set(panel_cases[panel]) if panel else set()
        case_ids |= scored[judge_id]
        case_ids &= in_round
        lines = tuple(
            _line(judge_id, case_id, results, scores, comments, conflicts)
            for case_id in sorted(case_ids)
        )
        if not lines:
            continue
        revision = returns.get(judge_id)
        sheets.append(
            ScoreSheet(
                round_key=key,
                judge_id=judge_id,
                panel=panel,
                lines=lines,
                digest=revision.digest if revision else None,
                revision=revision.revision if revision else None,
                returned_at=revision.imported_at if revision else None,
                transcribed=revision is not None
                and judge_id in transcribed
                and transcribed[judge_id] > revision.imported_at,
            )
        )
    return sheets


def _line(
    judge_id: str,
    case_id: str,
    results: dict[str, CaseResult],
    scores: dict[tuple[str, str], dict[str, Decimal | None]],
    comments: dict[tuple[str, str], str],
    conflicts: dict[tuple[str, str], tuple[str, str]],
) -> SheetLine:
    conflict = conflicts.get((judge_id, case_id))
    found = results.get(case_id)
    total = found.totals.get(judge_id) if found is not None else None
    return SheetLine(
        case_id=case_id,
        scores=scores.get((judge_id, case_id), {}),
        total=None if conflict else total,
        comment=comments.get((judge_id, case_id), ""),
        conflict=conflict[0] if conflict else None,
        conflict_reason=conflict[1] if conflict else "",
    )


def _conflicts(session: Session, round_id: int) -> dict[tuple[str, str], tuple[str, str]]:
    """(judge id, case id) → (kind, reason) of the conflicts current in the round."""
    query = (
        select(m.Judge.judge_id, m.Case.case_id, m.Conflict.kind, m.Conflict.reason)
        .join(m.Judge, m.Conflict.judge_pk == m.Judge.id)
        .join(m.Case, m.Conflict.case_pk == m.Case.id)
        .where(m.Conflict.is_current)
        .where(or_(m.Conflict.round_id.is_(None), m.Conflict.round_id == round_id))
        .order_by(m.Conflict.id)
    )
    return {(j, c): (kind, reason or "") for j, c, kind, reason in session.execute(query)}


def _latest_returns(session: Session, round_id: int) -> dict[str, m.PackageRevision]:
    """Judge id → the judge's latest merged package revision for the round."""
    query = (
        select(m.Judge.judge_id, m.PackageRevision)
        .join(m.IssuedPackage, m.PackageRevision.issued_package_id == m.IssuedPackage.id)
        .join(m.Judge, m.IssuedPackage.judge_pk == m.Judge.id)
        .where(m.IssuedPackage.round_id == round_id)
        .order_by(m.PackageRevision.imported_at, m.PackageRevision.revision, m.PackageRevision.id)
    )
    return {judge_id: revision for judge_id, revision in session.execute(query)}


def _votes(session: Session, final: FinalResult) -> tuple[VoteLine, ...]:
    """Every current vote row, and a 0-vote line for each finalist without one; by case id."""
    query = (
        select(m.Case.case_id, m.Vote.votes, m.Import.file_name)
        .join(m.Case, m.Vote.case_pk == m.Case.id)
        .outerjoin(m.Import, m.Vote.import_id == m.Import.id)
        .where(m.Vote.is_current)
    )
    lines = {
        case_id: VoteLine(case_id, votes, file_name or "")
        for case_id, votes, file_name in session.execute(query)
    }
    for entry in final.entries:
        lines.setdefault(entry.case_id, VoteLine(entry.case_id, None))
    return tuple(lines[case_id] for case_id in sorted(lines))


def _audit(session: Session) -> tuple[AuditLine, ...]:
    entries = session.scalars(select(m.AuditEntry).order_by(m.AuditEntry.id))
    return tuple(
        AuditLine(entry.id, entry.at, entry.actor, entry.action, _details(entry.details))
        for entry in entries
    )


def _details(text: str) -> dict[str, object]:
    try:
        value = json.loads(text)
    except ValueError:
        return {"": text}
    return value if isinstance(value, dict) else {"": value}
