"""``judging-app verify``: re-check a contest from its raw data, so that an auditor can trust the
printed result.

When a report is written, :func:`record_report` stores its SHA-256 and every number it shows
(each round's ranking and the final ranking, as canonical JSON) in ``report_records``.
:func:`verify_contest` then checks, one line each:

- the file: ``integrity_check`` and ``foreign_key_check`` pass, it is a contest database of a
  schema this app reads;
- each round, recomputed from the stored current scores: equal to the last report's numbers; a
  closed round's advancing cases are still the ones recorded when it was closed;
- the final ranking, recomputed from the rounds and the stored votes: equal to the last report's;
- the report file (``--report FILE``, else the file where the last report was written, if it is
  still there): its SHA-256 is the one recorded;
- every merged judge package's signature, against its stored signed bytes and the public key kept
  when it was issued, and the scores it wrote (:mod:`judging_app.services.package_audit`).

Nothing is written: the file is opened read-only. A check with nothing to compare (no report
written yet) says so and does not fail.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import UserError, register, text
from judging_app.domain.ranking import FinalResult
from judging_app.domain.scoring import RoundResult
from judging_app.exchange.files import sha256_of
from judging_app.services import loading, safekeeping
from judging_app.services.package_audit import audit_packages
from judging_app.store import models as m
from judging_app.store.address import ContestAddress, ServerAddress
from judging_app.store.engine import (
    SCHEMA_VERSION,
    check_database_file,
    check_server_database,
    session_factory,
)

if TYPE_CHECKING:
    from judging_app.services.contest import Contest

_log = logging.getLogger(__name__)

Status = Literal["ok", "failed", "none"]
Numbers = dict[str, dict[str, object]]
_SHOWN_DIFFERENCES = 3

register(
    {
        "verify.file_ok": (
            "파일: 온전함 (integrity_check, 외래 키), 스키마 {schema}",
            "file: intact (integrity_check, foreign keys), schema {schema}",
        ),
        "verify.file_bad": ("파일: {detail}", "file: {detail}"),
        "verify.server_ok": (
            "서버의 데이터베이스: 대회 데이터베이스, 스키마 {schema} (외래 키는 서버가 늘 "
            "지킵니다)",
            "database on the server: a contest database, schema {schema} (the server enforces "
            "its foreign keys at all times)",
        ),
        "verify.server_bad": ("서버의 데이터베이스: {detail}", "database on the server: {detail}"),
        "verify.not_run": (
            "{name}: 파일이 온전하지 않아 확인하지 않았습니다",
            "{name}: not checked, the file is not intact",
        ),
        "verify.no_report": (
            "{name}: 저장된 점수로 다시 계산했습니다. 비교할 보고서가 아직 없습니다",
            "{name}: recomputed from the stored scores; no report has been written yet to "
            "compare with",
        ),
        "verify.same": (
            "{name}: 저장된 점수{votes}로 다시 계산한 결과가 {when}에 쓴 보고서와 같습니다 "
            "(사례 {cases}건)",
            "{name}: recomputed from the stored scores{votes}, equal to the report written "
            "{when} ({cases} cases)",
        ),
        "verify.differs": (
            "{name}: 저장된 점수{votes}로 다시 계산한 결과가 {when}에 쓴 보고서와 다릅니다: "
            "{differences}",
            "{name}: recomputed from the stored scores{votes}, differs from the report written "
            "{when}: {differences}",
        ),
        "verify.and_votes": ("와 투표", " and votes"),
        "verify.cannot_compute": (
            "{name}: 다시 계산할 수 없습니다 ({detail})",
            "{name}: cannot be recomputed ({detail})",
        ),
        "verify.advanced_differs": (
            "{name}: 마감할 때 올라간 사례({recorded})가 저장된 점수로 계산한 사례({now})와 "
            "다릅니다",
            "{name}: the cases that advanced when it was closed ({recorded}) are not the ones "
            "the stored scores give ({now})",
        ),
        "verify.round": ("{name} 단계", "round {name}"),
        "verify.final": ("최종 순위", "final ranking"),
        "verify.report_ok": (
            "보고서 파일 {file}: SHA-256이 {when}에 기록한 값과 같습니다 ({digest})",
            "report file {file}: SHA-256 as recorded when it was written {when} ({digest})",
        ),
        "verify.report_changed": (
            "보고서 파일 {file}: SHA-256({digest})이 기록된 보고서와 다릅니다. 쓴 뒤에 "
            "바뀌었거나 이 대회의 보고서가 아닙니다",
            "report file {file}: its SHA-256 ({digest}) is not that of any report recorded: "
            "changed after it was written, or not this contest's",
        ),
        "verify.report_older": (
            "보고서 파일 {file}: {when}에 쓴 이전 보고서입니다. 마지막 보고서는 {last}에 썼습니다",
            "report file {file}: an earlier report, written {when}; the last one was written "
            "{last}",
        ),
        "verify.report_elsewhere": (
            "보고서 파일: {path}에 없습니다. 기록된 SHA-256은 {digest}입니다 "
            "(--report로 파일을 주면 확인합니다)",
            "report file: not at {path} any more; the recorded SHA-256 is {digest} (give the "
            "file with --report to check it)",
        ),
        "verify.report_none": (
            "보고서 파일: 기록된 보고서가 없습니다",
            "report file: no report has been recorded",
        ),
        "verify.report_unreadable": (
            "보고서 파일 {file}: 읽을 수 없습니다 ({detail})",
            "report file {file}: cannot be read ({detail})",
        ),
        "verify.only_report": ("보고서에만 있음", "only in the report"),
        "verify.not_in_report": ("보고서에 없음", "not in the report"),
    }
)


@dataclass(frozen=True)
class Check:
    status: Status
    line: str


@dataclass(frozen=True)
class Verification:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.status != "failed" for check in self.checks)


# -- recording a report ---------------------------------------------------------------------------


def report_numbers(final: FinalResult, rounds: Mapping[str, RoundResult]) -> dict[str, object]:
    """Every number a report shows, as plain JSON values (decimals as exact strings)."""
    return {
        "rounds": {key: _round_numbers(result) for key, result in rounds.items()},
        "final": _final_numbers(final),
    }


def record_report(
    contest: Contest, path: Path, final: FinalResult, rounds: Mapping[str, RoundResult]
) -> None:
    """Record the report just written at ``path``: its SHA-256 and its numbers (not in the audit
    log: writing a report changes nothing of the contest). A contest open read-only cannot
    record it; that is logged, and the report stands."""
    if contest.read_only:
        _log.warning("report %s not recorded: %s is open read-only", path, contest.path)
        return
    digest = sha256_of(path)
    numbers = json.dumps(report_numbers(final, rounds), ensure_ascii=False, sort_keys=True)
    with contest._action("record-report") as session:
        session.add(
            m.ReportRecord(
                contest_id=loading.contest_row(session).id,
                file_name=path.name,
                path=str(path.resolve()),
                sha256=digest,
                written_by=contest.actor,
                numbers=numbers,
            )
        )


# -- verifying ------------------------------------------------------------------------------------


def verify_contest(path: ContestAddress, *, report: Path | None = None) -> Verification:
    """Every check of the contest database at ``path`` (read-only), one :class:`Check` each."""
    if isinstance(path, ServerAddress):
        problem, bad, good = check_server_database(path), "verify.server_bad", "verify.server_ok"
    else:
        problem, bad, good = check_database_file(path), "verify.file_bad", "verify.file_ok"
    if problem:
        return Verification((Check("failed", text(bad, detail=problem)),))
    checks = [Check("ok", text(good, schema=SCHEMA_VERSION))]
    access = safekeeping.open_access(path, read_only=True)
    try:
        with session_factory(access.engine)() as session:
            checks.extend(_contest_checks(session, report))
    finally:
        access.close()
    return Verification(tuple(checks))


def _contest_checks(session: Session, report: Path | None) -> list[Check]:
    config = loading.load_config(session)
    records = list(session.scalars(select(m.ReportRecord).order_by(m.ReportRecord.id)))
    last = records[-1] if records else None
    recorded: dict[str, object] = json.loads(last.numbers) if last else {}
    when = _when(last) if last else ""
    audit = audit_packages(session)
    status: Status = "failed" if not audit.ok else "ok" if audit.revisions else "none"
    checks = [Check(status, audit.line)]
    rounds: dict[str, RoundResult] = {}
    recorded_rounds = recorded.get("rounds", {})
    assert isinstance(recorded_rounds, dict)
    for round_ in config.rounds:
        name = text("verify.round", name=round_.key)
        try:
            rounds[round_.key] = loading.round_result(session, config, round_.key)
        except UserError as error:
            checks.append(_cannot(name, error, failed=last is not None))
            continue
        result = rounds[round_.key]
        advanced = _advanced_differs(session, name, round_.key, result)
        if advanced is not None:
            checks.append(advanced)
            continue
        numbers = _round_numbers(result)
        checks.append(_compare(name, numbers, recorded_rounds.get(round_.key), when, votes=False))
    checks.append(_final_check(session, config, rounds, recorded.get("final"), when, last))
    checks.append(_report_file_check(records, report))
    return checks


def _final_check(
    session: Session,
    config: ContestConfig,
    rounds: dict[str, RoundResult],
    recorded: object,
    when: str,
    last: m.ReportRecord | None,
) -> Check:
    name = text("verify.final")
    if len(rounds) != len(config.rounds):
        return Check(
            "failed" if last else "none", text("verify.cannot_compute", name=name, detail="—")
        )
    try:
        final, _ = loading.final_result(session, config)
    except UserError as error:
        return _cannot(name, error, failed=last is not None)
    return _compare(name, _final_numbers(final), recorded, when, votes=True)


def _compare(name: str, now: Numbers, recorded: object, when: str, *, votes: bool) -> Check:
    and_votes = text("verify.and_votes") if votes else ""
    if not isinstance(recorded, dict):
        return Check("none", text("verify.no_report", name=name))
    differences = _differences(recorded, now)
    if not differences:
        return Check(
            "ok", text("verify.same", name=name, votes=and_votes, when=when, cases=len(now))
        )
    shown = "; ".join(differences[:_SHOWN_DIFFERENCES])
    if len(differences) > _SHOWN_DIFFERENCES:
        shown += text("table.and_more", count=len(differences) - _SHOWN_DIFFERENCES)
    return Check(
        "failed", text("verify.differs", name=name, votes=and_votes, when=when, differences=shown)
    )


_FIELDS = ("rank", "score", "judges", "advances", "expert", "votes", "vote_points", "final")


def _differences(recorded: Mapping[str, object], now: Numbers) -> list[str]:
    """One text per case that differs: ``C3: rank 2 → 3, final 81.5 → 80.1``."""
    found = []
    for case_id in sorted(set(recorded) | set(now)):
        before, after = recorded.get(case_id), now.get(case_id)
        if not isinstance(before, dict):
            found.append(f"{case_id}: {text('verify.not_in_report')}")
        elif after is None:
            found.append(f"{case_id}: {text('verify.only_report')}")
        else:
            fields = [f for f in (*_FIELDS, "award") if f in before or f in after]
            changes = [
                f"{f} {_shown(before.get(f))} → {_shown(after.get(f))}"
                for f in fields
                if before.get(f) != after.get(f)
            ]
            if changes:
                found.append(f"{case_id}: {', '.join(changes)}")
    return found


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _advanced_differs(session: Session, name: str, key: str, result: RoundResult) -> Check | None:
    """A failed check when a closed round's recomputed advancing cases differ from those recorded
    in the audit log when it was closed; None when they agree (or the round is open)."""
    round_ = loading.round_row(session, key)
    if round_.state != "closed" or round_.advance is None:
        return None
    entries = session.scalars(
        select(m.AuditEntry).where(m.AuditEntry.action == "advance").order_by(m.AuditEntry.id)
    )
    recorded: list[str] | None = None
    for entry in entries:
        details = json.loads(entry.details)
        if isinstance(details, dict) and details.get("round") == key:
            recorded = sorted(str(c) for c in details.get("advancing", []))
    now = sorted(result.advancing)
    if recorded is None or recorded == now:
        return None
    return Check(
        "failed",
        text(
            "verify.advanced_differs", name=name, recorded=", ".join(recorded), now=", ".join(now)
        ),
    )


def _report_file_check(records: list[m.ReportRecord], report: Path | None) -> Check:
    if not records:
        return Check("none", text("verify.report_none"))
    last = records[-1]
    candidate = report if report is not None else Path(last.path)
    if report is None and not candidate.is_file():
        return Check(
            "none", text("verify.report_elsewhere", path=last.path, digest=_short(last.sha256))
        )
    try:
        digest = sha256_of(candidate)
    except OSError as error:
        detail = error.strerror or str(error)
        return Check("failed", text("verify.report_unreadable", file=candidate.name, detail=detail))
    matching = [r for r in records if r.sha256 == digest]
    if not matching:
        return Check(
            "failed", text("verify.report_changed", file=candidate.name, digest=_short(digest))
        )
    if matching[-1] is not last:
        return Check(
            "failed",
            text(
                "verify.report_older",
                file=candidate.name,
                when=_when(matching[-1]),
                last=_when(last),
            ),
        )
    return Check(
        "ok", text("verify.report_ok", file=candidate.name, when=_when(last), digest=_short(digest))
    )


# -- numbers --------------------------------------------------------------------------------------


def _round_numbers(result: RoundResult) -> Numbers:
    return {
        case.case_id: {
            "rank": case.rank,
            "score": _decimal(case.score),
            "judges": case.judges,
            "advances": case.advances,
        }
        for case in result.cases
    }


def _final_numbers(final: FinalResult) -> Numbers:
    return {
        entry.case_id: {
            "rank": entry.rank,
            "expert": _decimal(entry.expert),
            "votes": entry.votes,
            "vote_points": _decimal(entry.vote_points),
            "final": _decimal(entry.final),
            "award": entry.award,
        }
        for entry in final.entries
    }


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _cannot(name: str, error: UserError, *, failed: bool) -> Check:
    return Check(
        "failed" if failed else "none", text("verify.cannot_compute", name=name, detail=error)
    )


def _when(record: m.ReportRecord) -> str:
    return record.written_at.astimezone().strftime("%Y-%m-%d %H:%M")


def _short(digest: str) -> str:
    return digest[:16]
