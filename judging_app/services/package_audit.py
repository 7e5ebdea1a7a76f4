"""Re-checking every merged judge package from what the contest database kept of it.

For each merged revision (``package_revisions``): the Ed25519 signature verifies against the
public key kept when the package was issued (never a key from the file); the stored digest is the
SHA-256 of the stored signed bytes; the signed payload names this contest, this package, its
judge, round, revision and key; and every current score written by that merge still holds the
value the judge signed. A score changed in the database behind the app's back, a swapped key or
signature, or an edited payload each fails the check, naming the package and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.messages import register, text
from judging_app.exchange import digest, package_keys
from judging_app.services import loading
from judging_app.store import models as m

register(
    {
        "verify.packages_none": ("패키지: 병합된 패키지가 없습니다", "packages: none merged"),
        "verify.packages_ok": (
            "패키지: 병합된 개정 {revisions}건(심사위원 {judges}명)의 서명이 발급 때 보관한 공개 "
            "키로 모두 확인되고, 그로부터 들어온 현재 점수 {scores}건이 서명된 값과 같습니다",
            "packages: {revisions} merged revisions of {judges} judges, every signature valid "
            "against the public key kept at issue, and the {scores} current scores they wrote "
            "are the values signed",
        ),
        "verify.packages_bad": (
            "패키지: {problem}{more}",
            "packages: {problem}{more}",
        ),
        "verify.package.signature": (
            "{judge}의 {round} 개정 {revision}: 서명이 보관된 공개 키로 확인되지 않습니다",
            "{judge}'s revision {revision} for round {round}: the signature does not verify "
            "against the public key kept at issue",
        ),
        "verify.package.digest": (
            "{judge}의 {round} 개정 {revision}: 보관된 다이제스트가 서명된 바이트의 SHA-256이 "
            "아닙니다",
            "{judge}'s revision {revision} for round {round}: the stored digest is not the "
            "SHA-256 of the signed bytes",
        ),
        "verify.package.payload": (
            "{judge}의 {round} 개정 {revision}: 서명된 내용이 이 대회·패키지의 것이 아닙니다 "
            "({detail})",
            "{judge}'s revision {revision} for round {round}: the signed content is not this "
            "contest's and package's ({detail})",
        ),
        "verify.package.score": (
            "{judge}의 {round} 개정 {revision}: 사례 {case} {criterion} 점수가 데이터베이스에는 "
            "{stored}, 서명에는 {signed}입니다",
            "{judge}'s revision {revision} for round {round}: the score for {case} {criterion} "
            "is {stored} in the database but {signed} as signed",
        ),
        "verify.package.more": (" 외 {count}건", " (and {count} more)"),
    }
)


@dataclass(frozen=True)
class PackageAudit:
    ok: bool
    line: str
    revisions: int


def audit_packages(session: Session) -> PackageAudit:
    """Check every merged package revision; one line saying what holds or the first problems."""
    contest_uid = loading.contest_row(session).uid
    rows = session.execute(
        select(m.PackageRevision, m.IssuedPackage, m.Judge.judge_id, m.Round.key)
        .join(m.IssuedPackage, m.PackageRevision.issued_package_id == m.IssuedPackage.id)
        .join(m.Judge, m.IssuedPackage.judge_pk == m.Judge.id)
        .join(m.Round, m.IssuedPackage.round_id == m.Round.id)
        .order_by(m.PackageRevision.id)
    ).all()
    if not rows:
        return PackageAudit(True, text("verify.packages_none"), 0)
    problems: list[str] = []
    scores = 0
    for revision, issued, judge_id, round_key in rows:
        names = {"judge": judge_id, "round": round_key, "revision": revision.revision}
        found = _revision_problem(revision, issued, judge_id, round_key, contest_uid)
        if found is not None:
            problems.append(text(found[0], **names, **found[1]))
            continue
        checked, wrong = _written_scores(session, revision)
        scores += checked
        problems.extend(text("verify.package.score", **names, **w) for w in wrong)
    if problems:
        more = text("verify.package.more", count=len(problems) - 1) if len(problems) > 1 else ""
        return PackageAudit(False, text("verify.packages_bad", problem=problems[0], more=more), 0)
    judges = len({issued.judge_pk for _, issued, _, _ in rows})
    line = text("verify.packages_ok", revisions=len(rows), judges=judges, scores=scores)
    return PackageAudit(True, line, len(rows))


def _revision_problem(
    revision: m.PackageRevision,
    issued: m.IssuedPackage,
    judge_id: str,
    round_key: str,
    contest_uid: str,
) -> tuple[str, dict[str, object]] | None:
    payload = bytes(revision.signed_payload)
    if not package_keys.verify(bytes(issued.public_key), bytes(revision.signature), payload):
        return "verify.package.signature", {}
    if digest.digest(payload) != revision.digest:
        return "verify.package.digest", {}
    try:
        signed = digest.parse(payload)
    except digest.PayloadError as error:
        return "verify.package.payload", {"detail": str(error)}
    expected = {
        "contest": contest_uid,
        "package": issued.package_uid,
        "judge": judge_id,
        "round": round_key,
        "revision": revision.revision,
        "key": package_keys.fingerprint(bytes(issued.public_key)),
    }
    wrong = [name for name, value in expected.items() if getattr(signed, name) != value]
    if wrong:
        return "verify.package.payload", {"detail": ", ".join(wrong)}
    return None


def _written_scores(
    session: Session, revision: m.PackageRevision
) -> tuple[int, list[dict[str, object]]]:
    """How many current scores the merge of ``revision`` wrote, and those that differ from what
    was signed (as message parameters)."""
    signed = {(c, k): v for c, k, v in digest.parse(bytes(revision.signed_payload)).scores}
    if revision.import_id is None:
        return 0, []
    query = (
        select(m.Case.case_id, m.Criterion.key, m.Score.value)
        .join(m.Case, m.Score.case_pk == m.Case.id)
        .join(m.Criterion, m.Score.criterion_id == m.Criterion.id)
        .where(m.Score.import_id == revision.import_id, m.Score.is_current)
        .order_by(m.Case.case_id, m.Criterion.key)
    )
    checked = 0
    wrong: list[dict[str, object]] = []
    for case_id, criterion, value in session.execute(query):
        checked += 1
        expected: Decimal | None = signed.get((case_id, criterion))
        if value != expected:
            wrong.append(
                {
                    "case": case_id,
                    "criterion": criterion,
                    "stored": "—" if value is None else digest.decimal_text(value),
                    "signed": "—" if expected is None else digest.decimal_text(expected),
                }
            )
    return checked, wrong
