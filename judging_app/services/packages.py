"""The secretariat's side of judge packages: issuing them, and verifying and merging returns.

Issuing (``issue-packages``) writes one package per judge of a round's panels, with a fresh
Ed25519 key sealed with a random PIN, and the PIN list beside them. The contest database keeps
each public key (:class:`~judging_app.store.models.IssuedPackage`); issuing again for a round
revokes the judge's earlier package (its returns are refused from then on). A re-issued package
starts from the scores, comments and declared conflicts the contest already holds for the judge,
so a judge who lost a package goes on where the secretariat's copy stands.

Files are written under temporary names while the transaction runs and renamed into place only
after it commits, so a refused or failed issue leaves no package behind whose key the database
does not know. (Should the machine stop between the commit and the renames, the old files are
revoked and the command must be run again.)

Merging (``import-scores`` with a ``.jpkg``, in :mod:`judging_app.services.package_returns`)
checks, in this order, and refuses naming the file and the reason: that it is an intact package;
that it was submitted; that it is the sealed return copy (no key in it); that its tables are
exactly what was signed; that it belongs to this contest and to the round asked for; that this
database issued it to that judge; that the file is not named for another judge (a mix-up on the
stick); that the signature verifies against the public key *stored in the contest database*;
that the key was not rotated; that its revision is newer than any merged from that package; that
the round is open; and that every case, criterion and value fits the contest as it is now. Only
then does it write, taking every value from the verified payload: a newer revision replaces the
judge's earlier scores for the round (values that it no longer has are recorded as cleared), and
its declared conflicts replace the judge's earlier declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app import __version__
from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import UserError, register
from judging_app.exchange import digest, package_keys
from judging_app.exchange.package import (
    PACKAGE_SUFFIX,
    CaseInfo,
    CriterionInfo,
    Entries,
    PackageMeta,
    package_file_name,
    sniff,
)
from judging_app.exchange.package_io import replace_durably, temporary_name, write_package
from judging_app.exchange.pins import PinSlip, write_pin_csv, write_pin_slips
from judging_app.services import loading
from judging_app.store import models as m
from judging_app.store.types import utcnow

if TYPE_CHECKING:
    from judging_app.services.contest import Contest

#: The integrity pledge a judge signs, in Korean and English (the package carries its text, and
#: the signature covers it).
PLEDGE_TEXT = (
    "본인은 이 심사에서 알게 된 내용을 외부에 누설하지 않고, 공정하고 독립적으로 심사하며, "
    "이해관계가 있는 사례는 스스로 밝히고 심사하지 않을 것을 서약합니다.\n\n"
    "I pledge to keep what I learn in this review confidential, to judge fairly and "
    "independently, and to declare every case in which I have an interest and not score it."
)

register(
    {
        "packages.no_judges": (
            "{round}의 분과에 배정된 심사위원이 없습니다",
            "round {round} has no judges on its panels",
        ),
        "packages.cannot_write": (
            "{file}: 쓸 수 없습니다 ({detail})",
            "{file}: cannot be written ({detail})",
        ),
        "packages.rotated_notice": (
            "{judge}: {at}에 발급한 이전 패키지의 키를 폐기했습니다. 이전 패키지로 제출한 파일은 "
            "이제 받아들이지 않습니다",
            "{judge}: the key of the package issued on {at} is revoked; returns of that package "
            "are refused from now on",
        ),
        "packages.pin_list_notice": (
            "PIN 목록은 패키지와 따로 보관하고, 심사위원에게는 각자의 쪽지만 건네십시오",
            "keep the PIN list apart from the packages and hand each judge only their own slip",
        ),
    }
)


# -- issuing ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedPackageInfo:
    judge_id: str
    name: str
    panel: str
    file: Path
    pin: str
    fingerprint: str
    cases: int
    replaced_at: datetime | None
    """When the judge's earlier package for the round was issued (it is revoked now), or None."""


@dataclass(frozen=True)
class IssueResult:
    round_key: str
    directory: Path
    packages: tuple[IssuedPackageInfo, ...]
    pin_csv: Path
    pin_slips: Path

    @property
    def rotated(self) -> tuple[IssuedPackageInfo, ...]:
        return tuple(p for p in self.packages if p.replaced_at is not None)


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits of a key fingerprint, grouped like a digest."""
    return digest.short_digest(fingerprint)


def is_package(path: Path) -> bool:
    """A ``.jpkg`` file, or any file whose content is a judge package, is merged as a package."""
    return path.suffix.lower() == PACKAGE_SUFFIX or sniff(path)


def issue_packages(
    contest: Contest,
    round_key: str,
    out_dir: Path,
    *,
    kdf_cost: package_keys.KdfCost = package_keys.DEFAULT_COST,
    progress: Callable[[int, int], None] | None = None,
) -> IssueResult:
    """One package per judge of the round, and the PIN list (see the module docstring)."""
    written: list[tuple[Path, Path]] = []  # (temporary, final)
    try:
        with contest._action() as session:
            config = loading.load_config(session)
            round_ = contest._open_round(session, config, round_key)
            data = loading.round_data(session, round_key)
            if not data.field:
                raise UserError("contest.no_cases", round=round_key)
            judges = [(label, j) for label, ids in sorted(data.panels.items()) for j in ids]
            if not judges:
                raise UserError("packages.no_judges", round=round_key)
            _make_directory(out_dir)
            batch = _Batch.of(session, config, round_, data, out_dir, kdf_cost)
            issued: list[IssuedPackageInfo] = []
            for index, (panel, judge_id) in enumerate(judges):
                if progress is not None:
                    progress(index, len(judges))
                info, temporary = _issue_one(batch, panel, judge_id)
                written.append((temporary, info.file))
                issued.append(info)
            csv_path = out_dir / f"pins-{round_key}.csv"
            xlsx_path = out_dir / f"pins-{round_key}.xlsx"
            _write_pin_list(session, config, round_, issued, csv_path, xlsx_path, written)
            contest._audit(
                session,
                "issue-packages",
                round=round_key,
                directory=str(out_dir),
                packages=[
                    {
                        "judge": p.judge_id,
                        "file": p.file.name,
                        "key_fingerprint": p.fingerprint,
                        "replaces": p.replaced_at is not None,
                    }
                    for p in issued
                ],
            )
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, final in written:
        replace_durably(temporary, final)
    if progress is not None:
        progress(len(judges), len(judges))
    return IssueResult(round_key, out_dir, tuple(issued), csv_path, xlsx_path)


def _make_directory(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError("packages.cannot_write", file=str(out_dir), detail=error.strerror) from None


@dataclass(frozen=True)
class _Batch:
    """What every package of one issue shares."""

    session: Session
    contest: m.Contest
    round: m.Round
    criteria: tuple[CriterionInfo, ...]
    panel_cases: dict[str | None, list[m.Case]]
    out_dir: Path
    cost: package_keys.KdfCost

    @classmethod
    def of(
        cls,
        session: Session,
        config: ContestConfig,
        round_: m.Round,
        data: loading.RoundData,
        out_dir: Path,
        cost: package_keys.KdfCost,
    ) -> _Batch:
        cases = {c.case_id: c for c in session.scalars(select(m.Case))}
        panel_cases: dict[str | None, list[m.Case]] = {}
        for case_id, label in sorted(data.field.items()):
            panel_cases.setdefault(label, []).append(cases[case_id])
        criteria = tuple(
            CriterionInfo(c.key, c.name, c.max, c.step, c.description)
            for c in config.round_criteria(round_.key)
        )
        contest = loading.contest_row(session)
        return cls(session, contest, round_, criteria, panel_cases, out_dir, cost)


def _issue_one(batch: _Batch, panel: str, judge_id: str) -> tuple[IssuedPackageInfo, Path]:
    """Revoke the judge's earlier package, make a key and a PIN, write the package (under a
    temporary name, returned beside its description)."""
    session, round_ = batch.session, batch.round
    judge = session.scalars(select(m.Judge).where(m.Judge.judge_id == judge_id)).one()
    now = utcnow()
    earlier = list(
        session.scalars(
            select(m.IssuedPackage).where(
                m.IssuedPackage.round_id == round_.id,
                m.IssuedPackage.judge_pk == judge.id,
                m.IssuedPackage.revoked_at.is_(None),
            )
        )
    )
    for old in earlier:
        old.revoked_at = now
    key = package_keys.new_private_key()
    public = package_keys.public_bytes(key.public_key())
    fingerprint = package_keys.fingerprint(public)
    row = m.IssuedPackage(
        round_id=round_.id,
        judge_pk=judge.id,
        public_key=public,
        key_fingerprint=fingerprint,
        issued_at=now,
    )
    session.add(row)
    session.flush()
    meta = PackageMeta(
        package_uid=row.package_uid,
        contest_uid=batch.contest.uid,
        contest_name=batch.contest.name,
        round_key=round_.key,
        round_name=round_.name,
        judge_id=judge.judge_id,
        judge_name=judge.name,
        judge_affiliation=judge.affiliation,
        panel=panel,
        public_key=public,
        key_fingerprint=fingerprint,
        pledge_text=PLEDGE_TEXT,
        issued_at=digest.timestamp(now),
        app_version=__version__,
    )
    automatic = _automatic_conflicts(session, judge.id)
    cases = tuple(
        CaseInfo(
            case_id=case.case_id,
            title=case.title,
            organization=case.organization,
            category=case.category,
            summary=case.summary,
            body=case.body,
            excluded_reason=automatic.get(case.case_id),
        )
        for case in batch.panel_cases.get(panel, [])
    )
    pin = package_keys.new_pin()
    sealed = package_keys.seal(key, pin, package_uid=row.package_uid, cost=batch.cost)
    final = batch.out_dir / package_file_name(round_.key, judge.judge_id)
    temporary = temporary_name(final)
    entries = _prefill(session, round_, judge, cases)
    write_package(temporary, meta, batch.criteria, cases, sealed, entries)
    info = IssuedPackageInfo(
        judge_id=judge.judge_id,
        name=judge.name,
        panel=panel,
        file=final,
        pin=pin,
        fingerprint=fingerprint,
        cases=sum(1 for c in cases if c.excluded_reason is None),
        replaced_at=max((old.issued_at for old in earlier), default=None),
    )
    return info, temporary


def _automatic_conflicts(session: Session, judge_pk: int) -> dict[str, str]:
    query = (
        select(m.Case.case_id, m.Conflict.reason)
        .join(m.Conflict, m.Conflict.case_pk == m.Case.id)
        .where(
            m.Conflict.judge_pk == judge_pk,
            m.Conflict.kind == "automatic",
            m.Conflict.is_current,
        )
    )
    return {case_id: reason or "-" for case_id, reason in session.execute(query)}


def _prefill(
    session: Session, round_: m.Round, judge: m.Judge, cases: Sequence[CaseInfo]
) -> Entries:
    """What the contest holds for the judge in the round, for a re-issued package to start from
    (only for the package's cases that the judge may score)."""
    open_cases = {c.case_id for c in cases if c.excluded_reason is None}
    scores = _current_scores(session, round_.id, judge.id)
    comments = _current_comments(session, round_.id, judge.id)
    conflicts = _current_declared(session, round_.id, judge.id)
    return Entries(
        scores={key: v for key, v in scores.items() if key[0] in open_cases},
        comments={c: t for c, t in comments.items() if c in open_cases and t},
        conflicts={c: r for c, r in conflicts.items() if c in open_cases},
    )


def _write_pin_list(
    session: Session,
    config: ContestConfig,
    round_: m.Round,
    issued: Sequence[IssuedPackageInfo],
    csv_path: Path,
    xlsx_path: Path,
    written: list[tuple[Path, Path]],
) -> None:
    judges = {j.judge_id: j for j in session.scalars(select(m.Judge))}
    slips = [
        PinSlip(
            judge_id=p.judge_id,
            name=p.name,
            affiliation=judges[p.judge_id].affiliation,
            panel=p.panel,
            file_name=p.file.name,
            pin=p.pin,
            key=short_fingerprint(p.fingerprint),
        )
        for p in issued
    ]
    csv_temporary, xlsx_temporary = temporary_name(csv_path), temporary_name(xlsx_path)
    written += [(csv_temporary, csv_path), (xlsx_temporary, xlsx_path)]
    with _writing(csv_path):
        write_pin_csv(csv_temporary, slips)
    with _writing(xlsx_path):
        write_pin_slips(
            xlsx_temporary,
            slips,
            contest=config.name,
            round_name=round_.name,
            issued_at=digest.timestamp(utcnow()),
        )


@contextmanager
def _writing(final: Path) -> Iterator[None]:
    """Report a failed write as the file the user will look for (not its temporary name)."""
    try:
        yield
    except OSError as error:
        raise UserError("packages.cannot_write", file=final.name, detail=error.strerror) from None


# -- reading what the contest holds for a judge ----------------------------------------------------


def _current_scores(
    session: Session, round_id: int, judge_pk: int
) -> dict[tuple[str, str], Decimal]:
    query = (
        select(m.Case.case_id, m.Criterion.key, m.Score.value)
        .join(m.Case, m.Score.case_pk == m.Case.id)
        .join(m.Criterion, m.Score.criterion_id == m.Criterion.id)
        .where(
            m.Score.round_id == round_id,
            m.Score.judge_pk == judge_pk,
            m.Score.is_current,
            m.Score.value.is_not(None),
        )
    )
    return {(c, k): v for c, k, v in session.execute(query) if v is not None}


def _current_comments(session: Session, round_id: int, judge_pk: int) -> dict[str, str]:
    query = (
        select(m.Case.case_id, m.ScoreComment.comment)
        .join(m.Case, m.ScoreComment.case_pk == m.Case.id)
        .where(
            m.ScoreComment.round_id == round_id,
            m.ScoreComment.judge_pk == judge_pk,
            m.ScoreComment.is_current,
        )
    )
    return {c: t for c, t in session.execute(query)}


def _current_declared(session: Session, round_id: int, judge_pk: int) -> dict[str, str]:
    query = (
        select(m.Case.case_id, m.Conflict.reason)
        .join(m.Case, m.Conflict.case_pk == m.Case.id)
        .where(
            m.Conflict.round_id == round_id,
            m.Conflict.judge_pk == judge_pk,
            m.Conflict.kind == "declared",
            m.Conflict.is_current,
        )
    )
    return {c: r for c, r in session.execute(query)}
