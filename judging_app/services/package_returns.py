"""Verifying a returned judge package and merging it (the checks are listed in
:mod:`judging_app.services.packages`).

:func:`verify_return` only reads: it opens the file read-only, checks it and returns the verified
payload. :func:`merge_return` then checks the payload against the contest and writes it, inside
the caller's transaction (several files in one command are one transaction).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import UserError, register, text
from judging_app.domain.scoring import ScoreTable, score_problem
from judging_app.exchange import digest, package_keys
from judging_app.exchange.package import PackageFile, Submission
from judging_app.services import history, importing, loading
from judging_app.services.history import ScoreEntry
from judging_app.store import models as m
from judging_app.store.types import utcnow

if TYPE_CHECKING:
    from judging_app.services.contest import Contest

register(
    {
        "packages.not_submitted": (
            "{file}: 제출(서명)되지 않은 패키지입니다. 심사위원이 제출한 뒤 '사무국에 보낼 파일 "
            "저장'으로 만든 파일을 받으십시오",
            "{file}: this package was never submitted (nothing in it is signed); the judge must "
            "submit and then use 'Save for the secretariat'",
        ),
        "packages.unsealed": (
            "{file}: 심사위원의 작업 사본입니다 (키가 들어 있음). '사무국에 보낼 파일 저장'으로 "
            "만든 봉인된 파일을 받으십시오",
            "{file}: this is the judge's working copy with the key in it, not the sealed return "
            "copy; ask the judge to use 'Save for the secretariat'",
        ),
        "packages.changed": (
            "{file}: 심사위원이 서명한 뒤에 바뀌었습니다 ({what})",
            "{file}: changed after the judge signed it ({what})",
        ),
        "packages.other_contest": (
            "{file}: 다른 대회({name})의 패키지입니다",
            "{file}: a package of another contest ({name})",
        ),
        "packages.other_round": (
            "{file}: {found} 단계의 패키지입니다 ({round} 단계가 아닙니다)",
            "{file}: a package for round {found}, not {round}",
        ),
        "packages.unknown": (
            "{file}: 이 대회 데이터베이스에서 발급한 패키지가 아닙니다",
            "{file}: this contest database did not issue this package",
        ),
        "packages.identity": (
            "{file}: 패키지에는 {found}(으)로 되어 있으나 {expected}에게 발급된 패키지입니다",
            "{file}: the package says {found}, but it was issued for {expected}",
        ),
        "packages.bad_signature": (
            "{file}: 서명이 대회 데이터베이스에 있는 심사위원 {judge}의 키와 맞지 않습니다 "
            "(서명 뒤에 바뀌었거나 다른 키로 서명됨)",
            "{file}: the signature does not match judge {judge}'s key in the contest database "
            "(changed after signing, or signed with another key)",
        ),
        "packages.rotated": (
            "{file}: {at}에 패키지를 다시 발급하면서 폐기된 키로 서명되었습니다. 심사위원은 새 "
            "패키지를 써야 합니다",
            "{file}: signed with a key revoked when packages were issued again on {at}; the "
            "judge must use the newer package",
        ),
        "packages.old_revision": (
            "{file}: 심사위원 {judge}의 수정본 {revision}은(는) 이미 반영한 수정본 {merged}보다 "
            "새롭지 않습니다",
            "{file}: revision {revision} of judge {judge} is not newer than revision {merged}, "
            "already merged",
        ),
        "packages.renamed": (
            "{file}: 파일 이름은 심사위원 {named}의 것이지만 심사위원 {judge}의 서명된 점수가 "
            "들어 있습니다. 파일이 뒤바뀌지 않았는지 확인하십시오",
            "{file}: the file is named for judge {named} but holds judge {judge}'s signed "
            "scores; check that the files were not mixed up",
        ),
        "packages.case": ("{file}, 사례 {case}: {rule}", "{file}, case {case}: {rule}"),
        "packages.no_pledge": (
            "{file}: 청렴 서약이 없습니다",
            "{file}: the integrity pledge is not signed",
        ),
        "packages.unknown_criterion": (
            "{round}에 평가항목 {criterion}이(가) 없습니다",
            "round {round} has no criterion {criterion}",
        ),
        "packages.partial": (
            "평가항목을 모두 채우지 않았습니다 ({missing} 없음)",
            "not every criterion is scored ({missing} missing)",
        ),
        "packages.what.scores": ("점수", "scores"),
        "packages.what.comments": ("의견", "comments"),
        "packages.what.conflicts": ("이해충돌 신고", "declared conflicts"),
        "packages.what.pledge": ("청렴 서약", "integrity pledge"),
        "packages.what.identity": ("대회·단계·심사위원 정보", "contest, round or judge details"),
        "packages.what.submission": ("제출 정보", "submission details"),
    }
)


@dataclass(frozen=True)
class PackageImportResult:
    file: str
    judge_id: str
    judge_name: str
    round_key: str
    revision: int
    replaced_revision: int | None
    """The revision of the same package merged before, if any."""
    digest: str
    fingerprint: str
    scores: int
    """Scores in the revision."""
    added: int
    changed: int
    conflicts: tuple[str, ...]
    """Cases the judge declared a conflict for."""


@dataclass(frozen=True)
class VerifiedReturn:
    file: str
    issued: m.IssuedPackage
    signed: digest.SignedContent
    submission: Submission
    previous: int | None
    """The newest revision of this package already merged, or None."""


@dataclass(frozen=True)
class ReturnedFile:
    """A return copy as read from its file: its signed payload, checked against its tables."""

    file: str
    signed: digest.SignedContent
    submission: Submission
    contest_name: str


@dataclass
class MergeContext:
    """What merging several packages in one transaction reads once rather than per package: the
    contest, the ids of judges, cases and criteria, and each round's field and panels (none of
    which a merge changes)."""

    contest: m.Contest
    ids: history.IdMaps
    layouts: dict[str, loading.RoundData]

    @classmethod
    def load(cls, session: Session) -> MergeContext:
        return cls(loading.contest_row(session), history.IdMaps.load(session), {})

    def layout(self, session: Session, round_key: str) -> loading.RoundData:
        if round_key not in self.layouts:
            self.layouts[round_key] = loading.round_layout(session, round_key)
        return self.layouts[round_key]


def read_return(path: Path) -> ReturnedFile:
    """Read a return copy and check that its tables are what its payload says (no database)."""
    file = path.name
    with PackageFile.open_readonly(path) as package, package.reading():
        submission = package.submission()
        if submission is None:
            raise UserError("packages.not_submitted", file=file)
        if not package.is_sealed:
            raise UserError("packages.unsealed", file=file)
        try:
            signed = digest.parse(submission.payload)
        except digest.PayloadError:
            raise _changed(file, "submission") from None
        stored = package.signed_content(submission.revision, submission.submitted_at)
        difference = _difference(stored, signed)
        if difference is not None:
            raise _changed(file, difference)
        if submission.digest != digest.digest(submission.payload):
            raise _changed(file, "submission")
        return ReturnedFile(file, signed, submission, package.meta().contest_name)


def verify_return(
    session: Session,
    path: Path,
    *,
    round_key: str | None = None,
    context: MergeContext | None = None,
) -> VerifiedReturn:
    """Read and verify a returned package without writing anything; refuse naming the reason."""
    returned = read_return(path)
    file, signed, submission = returned.file, returned.signed, returned.submission
    context = context or MergeContext.load(session)
    contest = context.contest
    if signed.contest != contest.uid:
        raise UserError("packages.other_contest", file=file, name=returned.contest_name)
    if round_key is not None and signed.round != round_key:
        raise UserError("packages.other_round", file=file, found=signed.round, round=round_key)
    issued = session.scalars(
        select(m.IssuedPackage).where(m.IssuedPackage.package_uid == signed.package)
    ).one_or_none()
    if issued is None:
        raise UserError("packages.unknown", file=file)
    issued_round = session.get_one(m.Round, issued.round_id)
    expected = (issued_round.key, issued.judge.judge_id, issued.key_fingerprint)
    if (signed.round, signed.judge, signed.key) != expected:
        raise UserError(
            "packages.identity",
            file=file,
            found=f"{signed.judge} / {signed.round}",
            expected=f"{expected[1]} / {expected[0]}",
        )
    named = _named_judge(file, signed.round, context.ids.judges)
    if named is not None and named != signed.judge:
        raise UserError("packages.renamed", file=file, named=named, judge=signed.judge)
    if not package_keys.verify(issued.public_key, submission.signature, submission.payload):
        raise UserError("packages.bad_signature", file=file, judge=signed.judge)
    if issued.revoked_at is not None:
        raise UserError("packages.rotated", file=file, at=_when(issued.revoked_at))
    previous = session.scalar(
        select(func.max(m.PackageRevision.revision)).where(
            m.PackageRevision.issued_package_id == issued.id
        )
    )
    if previous is not None and signed.revision <= previous:
        raise UserError(
            "packages.old_revision",
            file=file,
            judge=signed.judge,
            revision=signed.revision,
            merged=previous,
        )
    return VerifiedReturn(file, issued, signed, submission, previous)


def _changed(file: str, what: str) -> UserError:
    return UserError("packages.changed", file=file, what=text(f"packages.what.{what}"))


def _difference(stored: digest.SignedContent, signed: digest.SignedContent) -> str | None:
    """Which part of the tables differs from what was signed, or None."""
    identity = ("contest", "round", "judge", "package", "key", "revision", "submitted_at")
    if any(getattr(stored, name) != getattr(signed, name) for name in identity):
        return "identity"
    for part in ("scores", "comments", "conflicts", "pledge"):
        if getattr(stored, part) != getattr(signed, part):
            return part
    return None


def _named_judge(file: str, round_key: str, judge_ids: Iterable[str]) -> str | None:
    """The judge a file is named for, as packages and return copies are named
    (``written-J1.jpkg``, ``written-J1-r2.jpkg``), or None."""
    prefix = f"{round_key}-".casefold()
    name = file.casefold()
    if not name.startswith(prefix):
        return None
    rest = file[len(prefix) :]
    found = [
        judge_id
        for judge_id in judge_ids
        if rest.casefold().startswith(judge_id.casefold())
        and not rest[len(judge_id) : len(judge_id) + 1].isalnum()
    ]
    return max(found, key=len) if found else None


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


# -- merging ---------------------------------------------------------------------------------------


def merge_return(
    contest: Contest,
    session: Session,
    config: ContestConfig,
    path: Path,
    round_key: str | None,
    context: MergeContext | None = None,
) -> PackageImportResult:
    """Verify ``path``, check it against the contest and write it (in the caller's transaction).
    Several packages merged in one transaction share one ``context``."""
    context = context or MergeContext.load(session)
    verified = verify_return(session, path, round_key=round_key, context=context)
    signed = verified.signed
    round_ = contest._open_round(session, config, signed.round)
    _check_content(session, config, verified, context)
    judge = verified.issued.judge
    record, sha256 = contest._record_import(session, "package", path, round_)
    source_ref = f"{path.name} sha256:{sha256} package:{signed.package} revision:{signed.revision}"
    now = utcnow()
    ids = context.ids
    _write_conflicts(session, round_, judge, signed, source_ref, record.id, now, ids)
    _clear_missing_scores(session, round_, judge, signed, source_ref, record.id, now, ids)
    entries = _entries(session, round_, judge, signed)
    provenance = history.Provenance("package", source_ref, record.id, now)
    counts = history.write_score_batch(
        session, round_, history.ScoreBatch.of(entries), provenance, ids=ids
    )
    record.rows = len(entries)
    session.add(
        m.PackageRevision(
            issued_package_id=verified.issued.id,
            revision=signed.revision,
            digest=verified.submission.digest,
            signature=verified.submission.signature,
            signed_payload=verified.submission.payload,
            imported_at=now,
            import_id=record.id,
        )
    )
    conflicts = tuple(case_id for case_id, _ in signed.conflicts)
    contest._audit(
        session,
        "import-package",
        actor=f"{judge.judge_id} {judge.name}",
        file=path.name,
        sha256=sha256,
        round=signed.round,
        judge=judge.judge_id,
        package=signed.package,
        revision=signed.revision,
        replaces=verified.previous,
        key_fingerprint=verified.issued.key_fingerprint,
        digest=verified.submission.digest,
        scores=len(signed.scores),
        conflicts=list(conflicts),
        pledge={"name": signed.pledge.name, "signed_at": signed.pledge.signed_at},
        submitted_at=signed.submitted_at,
        imported_by=contest.actor,
    )
    return PackageImportResult(
        file=path.name,
        judge_id=judge.judge_id,
        judge_name=judge.name,
        round_key=signed.round,
        revision=signed.revision,
        replaced_revision=verified.previous,
        digest=verified.submission.digest,
        fingerprint=verified.issued.key_fingerprint,
        scores=len(signed.scores),
        added=counts.added,
        changed=counts.changed,
        conflicts=conflicts,
    )


def _check_content(
    session: Session, config: ContestConfig, verified: VerifiedReturn, context: MergeContext
) -> None:
    """Every case, criterion and value of the payload must fit the contest as it is now."""
    signed, file = verified.signed, verified.file
    if not signed.pledge.name.strip():
        raise UserError("packages.no_pledge", file=file)
    data = context.layout(session, signed.round)
    judges, cases = context.ids.judges.keys(), context.ids.cases.keys()
    automatic = {
        (signed.judge, case_id)
        for case_id in session.scalars(
            select(m.Case.case_id)
            .join(m.Conflict, m.Conflict.case_pk == m.Case.id)
            .where(
                m.Conflict.judge_pk == verified.issued.judge_pk,
                m.Conflict.kind == "automatic",
                m.Conflict.is_current,
            )
        )
    }
    declared = {(signed.judge, case_id) for case_id, _ in signed.conflicts}

    def refuse_if_any(case_id: str, excluded: set[tuple[str, str]]) -> None:
        view = loading.RoundData(
            data.round, data.field, data.panels, frozenset(excluded), ScoreTable((), ())
        )
        for _, message_id, params in importing.pair_problems(
            view, judges, cases, signed.judge, case_id
        ):
            raise UserError(
                "packages.case", file=file, case=case_id, rule=text(message_id, **params)
            )

    for case_id, _ in signed.conflicts:
        refuse_if_any(case_id, set())
    scored: dict[str, dict[str, object]] = {}
    for case_id, key, value in signed.scores:
        scored.setdefault(case_id, {})[key] = value
    for case_id in sorted(set(scored) | {c for c, _ in signed.comments}):
        refuse_if_any(case_id, automatic | declared)
    criteria = config.round_criteria(signed.round)
    by_key = {c.key: c for c in criteria}
    for case_id, key, value in signed.scores:
        criterion = by_key.get(key)
        if criterion is None:
            rule = text("packages.unknown_criterion", round=signed.round, criterion=key)
            raise UserError("packages.case", file=file, case=case_id, rule=rule)
        problem = score_problem(criterion, value)
        if problem is not None:
            raise UserError("packages.case", file=file, case=case_id, rule=problem)
    for case_id, values in scored.items():
        missing = [c.key for c in criteria if c.key not in values]
        if missing:
            rule = text("packages.partial", missing=", ".join(missing))
            raise UserError("packages.case", file=file, case=case_id, rule=rule)


def _write_conflicts(
    session: Session,
    round_: m.Round,
    judge: m.Judge,
    signed: digest.SignedContent,
    source_ref: str,
    import_id: int,
    now: datetime,
    ids: history.IdMaps,
) -> None:
    """The package's declarations replace the judge's earlier ones for the round."""
    case_pks = ids.cases
    wanted = {case_pks[case_id]: reason for case_id, reason in signed.conflicts}
    current = {
        c.case_pk: c
        for c in session.scalars(
            select(m.Conflict).where(
                m.Conflict.round_id == round_.id,
                m.Conflict.judge_pk == judge.id,
                m.Conflict.kind == "declared",
                m.Conflict.is_current,
            )
        )
    }
    for case_pk, conflict in current.items():
        if wanted.get(case_pk) != conflict.reason:
            conflict.is_current, conflict.replaced_at = False, now
    for case_pk, reason in sorted(wanted.items()):
        old = current.get(case_pk)
        if old is None or old.reason != reason:
            session.add(
                m.Conflict(
                    round_id=round_.id,
                    judge_pk=judge.id,
                    case_pk=case_pk,
                    kind="declared",
                    reason=reason,
                    declared_at=now,
                    source_ref=source_ref,
                    import_id=import_id,
                )
            )
    session.flush()


def _clear_missing_scores(
    session: Session,
    round_: m.Round,
    judge: m.Judge,
    signed: digest.SignedContent,
    source_ref: str,
    import_id: int,
    now: datetime,
    ids: history.IdMaps,
) -> None:
    """Scores the judge has in the contest but not in the new revision are recorded as cleared."""
    case_pks, criterion_ids = ids.cases, ids.criteria
    keep = {(case_pks[c], criterion_ids[k]) for c, k, _ in signed.scores}
    cleared = [
        (score_id, case_pk, criterion_id)
        for score_id, case_pk, criterion_id in session.execute(
            select(m.Score.id, m.Score.case_pk, m.Score.criterion_id).where(
                m.Score.round_id == round_.id,
                m.Score.judge_pk == judge.id,
                m.Score.is_current,
                m.Score.value.is_not(None),
            )
        )
        if (case_pk, criterion_id) not in keep
    ]
    history.supersede(session, m.Score, [score_id for score_id, _, _ in cleared], now)
    provenance = history.Provenance("package", source_ref, import_id, now).columns()
    history.insert_rows(
        session,
        m.Score,
        [
            {
                "round_id": round_.id,
                "judge_pk": judge.id,
                "case_pk": case_pk,
                "criterion_id": criterion_id,
                "value": None,
                **provenance,
            }
            for _, case_pk, criterion_id in cleared
        ],
    )


def _entries(
    session: Session, round_: m.Round, judge: m.Judge, signed: digest.SignedContent
) -> list[ScoreEntry]:
    """The revision's scores and comments; a comment it no longer has is replaced by ""."""
    values: dict[str, dict[str, Decimal]] = {}
    for case_id, key, value in signed.scores:
        values.setdefault(case_id, {})[key] = value
    comments = dict(signed.comments)
    earlier = {
        case_id
        for case_id, comment in session.execute(
            select(m.Case.case_id, m.ScoreComment.comment)
            .join(m.Case, m.ScoreComment.case_pk == m.Case.id)
            .where(
                m.ScoreComment.round_id == round_.id,
                m.ScoreComment.judge_pk == judge.id,
                m.ScoreComment.is_current,
            )
        )
        if comment
    }
    for case_id in earlier - comments.keys():
        comments[case_id] = ""
    return [
        ScoreEntry(
            row=0,
            judge_id=judge.judge_id,
            case_id=case_id,
            values=values.get(case_id, {}),
            comment=comments.get(case_id),
        )
        for case_id in sorted(values.keys() | comments.keys())
    ]
