"""The judge's side of a package: one method per judge action, which the judge's window calls.

Opening a package copies it into the user's data directory (``packages/<package uid>.jpkg``) and
works on that copy only; the file on the stick is read once and never written. Opening the same
package again resumes its working copy. Every action is its own durable transaction (WAL,
``synchronous = FULL``): what a method has returned from is on disk, whatever happens next.

The flow: :meth:`JudgeSession.unlock` with the PIN → :meth:`~JudgeSession.sign_pledge` →
score (:meth:`~JudgeSession.set_score`, :meth:`~JudgeSession.clear_score`,
:meth:`~JudgeSession.set_comment`, :meth:`~JudgeSession.declare_conflict`) →
:meth:`~JudgeSession.submit` (signs revision 1) → :meth:`~JudgeSession.export_return` (the sealed
return copy for the secretariat). After submitting, the entries are frozen until
:meth:`~JudgeSession.amend`, which reopens them; the next submission is revision 2, and so on.

Wrong PINs are counted in the working copy; from the fifth wrong try on, the next try must wait,
30 s and then twice as long after each further wrong try (at most an hour). A right PIN resets
the count.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from judging_app.domain.config import Criterion
from judging_app.domain.messages import UserError, register, text
from judging_app.domain.scoring import score_problem
from judging_app.exchange import digest, package_keys
from judging_app.exchange.package import (
    PACKAGE_SUFFIX,
    CaseInfo,
    CriterionInfo,
    PackageFile,
    PackageMeta,
    Submission,
    package_file_name,
)
from judging_app.exchange.package_io import copy_to_working, seal_return
from judging_app.services import paths

FREE_TRIES = 5
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
WORKING_COPIES = "packages"
T = TypeVar("T")

register(
    {
        "judge.sealed_copy": (
            "{file}: 사무국에 보내려고 봉인한 파일입니다 (키가 없어 열 수 없습니다). 받은 패키지를 "
            "여십시오",
            "{file}: a sealed return copy for the secretariat (it holds no key and cannot be "
            "opened); open the package you were given",
        ),
        "judge.locked": (
            "먼저 PIN으로 패키지를 여십시오",
            "unlock the package with its PIN first",
        ),
        "judge.wrong_pin": (
            "PIN이 맞지 않습니다 ({tries}번째 실패)",
            "wrong PIN (wrong {tries} times)",
        ),
        "judge.wrong_pin_wait": (
            "PIN이 맞지 않습니다 ({tries}번째 실패). {seconds}초 뒤에 다시 시도하십시오",
            "wrong PIN (wrong {tries} times); try again in {seconds} seconds",
        ),
        "judge.wait": (
            "PIN이 여러 번 틀렸습니다. {seconds}초 뒤에 다시 시도하십시오",
            "too many wrong PINs; try again in {seconds} seconds",
        ),
        "judge.pin_format": ("PIN은 숫자 6자리입니다", "the PIN is 6 digits"),
        "judge.unknown_case": ("이 패키지에 사례 {case}이(가) 없습니다", "no case {case} here"),
        "judge.unknown_criterion": (
            "평가항목 {criterion}이(가) 없습니다",
            "no criterion {criterion}",
        ),
        "judge.excluded": (
            "사례 {case}은(는) 소속 기관이 같아 자동으로 제척되었습니다 ({reason})",
            "you are excluded from case {case} (same organisation: {reason})",
        ),
        "judge.conflicted": (
            "사례 {case}에 이해충돌을 신고했습니다. 점수를 매기려면 먼저 신고를 철회하십시오",
            "you declared a conflict for case {case}; withdraw it before scoring the case",
        ),
        "judge.bad_value": ("사례 {case}: {rule}", "case {case}: {rule}"),
        "judge.has_scores": (
            "사례 {case}에 이미 점수가 있습니다 ({criteria}). 점수를 지우고 신고하시겠습니까?",
            "case {case} already has scores ({criteria}); clear them to declare the conflict",
        ),
        "judge.reason_needed": (
            "이해충돌 사유를 적어 주십시오",
            "give the reason for the conflict",
        ),
        "judge.name_needed": ("서약자 이름을 적어 주십시오", "type your name to sign"),
        "judge.submitted": (
            "수정본 {revision}을(를) 제출했습니다. 고치려면 '수정'을 눌러 새 수정본을 시작하십시오",
            "revision {revision} is submitted; choose Amend to change it (a new revision)",
        ),
        "judge.not_submitted": (
            "아직 제출하지 않았습니다. 제출한 뒤에 사무국에 보낼 파일을 저장할 수 있습니다",
            "not submitted yet; submit before saving the file for the secretariat",
        ),
        "judge.cannot_submit": ("제출할 수 없습니다: {missing}", "cannot submit yet: {missing}"),
        "judge.missing_pledge": ("청렴 서약에 서명하지 않았습니다", "the pledge is not signed"),
        "judge.missing_cases": ("채점하지 않은 사례 {listing}", "cases not scored: {listing}"),
        "judge.all_criteria": ("모든 항목", "every criterion"),
        "judge.not_over_working": (
            "{file}: 작업 사본에 덮어쓸 수 없습니다. 다른 곳을 고르십시오",
            "{file}: cannot write over the working copy; choose another place",
        ),
        "judge.readback_failed": (
            "{file}: 저장한 파일을 다시 읽어 확인하지 못했습니다 ({detail}). 파일을 지웠습니다. "
            "다른 곳에 다시 저장하십시오",
            "{file}: the saved file did not read back as written ({detail}) and was removed; "
            "save it again, somewhere else",
        ),
    }
)


@dataclass(frozen=True)
class CaseState:
    """One assigned case as the judge sees it."""

    case: CaseInfo
    scores: dict[str, Decimal]
    comment: str
    conflict: str | None
    """The reason of the judge's declared conflict, or None."""

    @property
    def excluded(self) -> bool:
        """Not the judge's to score: an automatic or a declared conflict."""
        return self.case.excluded_reason is not None or self.conflict is not None


@dataclass(frozen=True)
class Progress:
    complete: int
    assigned: int
    """Cases to score: the package's cases less the automatic and the declared conflicts."""
    missing: tuple[tuple[str, tuple[str, ...]], ...]
    """(case id, the criteria not scored yet) for each incomplete case."""


@dataclass(frozen=True)
class Pledge:
    name: str
    signed_at: str
    text: str


@dataclass(frozen=True)
class SubmitResult:
    revision: int
    submitted_at: str
    digest: str

    @property
    def short_digest(self) -> str:
        """What the printed score sheet shows beside the signature."""
        return digest.short_digest(self.digest)


@dataclass(frozen=True)
class ReturnCopy:
    path: Path
    revision: int
    digest: str

    @property
    def short_digest(self) -> str:
        return digest.short_digest(self.digest)


def _now() -> datetime:
    return datetime.now(UTC)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def unlock_wait(failed: int) -> timedelta:
    """How long after the last wrong PIN the next try must wait, after ``failed`` wrong tries."""
    if failed < FREE_TRIES:
        return timedelta(0)
    wait: timedelta = FIRST_WAIT * 2 ** (failed - FREE_TRIES)
    return min(wait, LONGEST_WAIT)


class JudgeSession:
    """A judge package opened by its judge (see the module docstring)."""

    def __init__(
        self,
        package: PackageFile,
        *,
        source: Path,
        resumed: bool,
        clock: Callable[[], datetime] = _now,
    ) -> None:
        self._package = package
        self._clock = clock
        self._key: Ed25519PrivateKey | None = None
        self.source = source
        """The file the judge opened (on the stick): read once, never written."""
        self.resumed = resumed
        """True when an earlier working copy of this package was opened again."""
        with package.reading():
            self.meta: PackageMeta = package.meta()
            self.criteria: tuple[CriterionInfo, ...] = package.criteria()
            self.cases: tuple[CaseInfo, ...] = package.cases()
            self._sealed_key = package.sealed_key()
            package.local_state()
        self._rules = {
            c.key: Criterion(c.key, c.name, c.max, c.step, c.description) for c in self.criteria
        }

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        data_dir: Path | None = None,
        clock: Callable[[], datetime] = _now,
    ) -> JudgeSession:
        """Open a package: copy it into the data directory (or resume the copy made earlier)."""
        directory = working_directory(data_dir)
        with PackageFile.open_readonly(path) as source, source.reading():
            sealed = source.is_sealed
            uid = source.meta().package_uid
        if sealed:
            raise UserError("judge.sealed_copy", file=path.name)
        working = directory / f"{uid}.jpkg"
        resumed = working.exists()
        if not resumed:
            copy_to_working(path, working)
        return cls(PackageFile.open_working(working), source=path, resumed=resumed, clock=clock)

    @property
    def working_path(self) -> Path:
        return self._package.path

    def close(self) -> None:
        self._key = None
        self._package.close()

    def __enter__(self) -> JudgeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the PIN ---------------------------------------------------------------------------------

    @property
    def unlocked(self) -> bool:
        return self._key is not None

    def unlock(self, pin: str) -> None:
        """Decrypt the key with the PIN; a wrong PIN is counted (see the module docstring)."""
        state = self._read(self._package.local_state)
        now = self._clock()
        if state.last_failed_at is not None:
            ready = _parse_time(state.last_failed_at) + unlock_wait(state.failed_unlocks)
            if now < ready:
                raise UserError("judge.wait", seconds=_seconds(ready - now))
        pin = pin.strip()
        if len(pin) != package_keys.PIN_DIGITS or not (pin.isascii() and pin.isdigit()):
            raise UserError("judge.pin_format")
        try:
            key = package_keys.unseal(
                self._sealed_key,
                pin,
                package_uid=self.meta.package_uid,
                key_fingerprint=self.meta.key_fingerprint,
            )
        except package_keys.WrongPin:
            tries = state.failed_unlocks + 1
            self._package.record_failed_unlock(digest.timestamp(now))
            wait = unlock_wait(tries)
            if wait:
                raise UserError(
                    "judge.wrong_pin_wait", tries=tries, seconds=_seconds(wait)
                ) from None
            raise UserError("judge.wrong_pin", tries=tries) from None
        if state.failed_unlocks:
            self._package.reset_failed_unlocks()
        self._key = key

    def lock(self) -> None:
        """Forget the key (the window locks itself when the judge steps away)."""
        self._key = None

    @property
    def failed_unlocks(self) -> int:
        return self._read(self._package.local_state).failed_unlocks

    # -- entering --------------------------------------------------------------------------------

    def sign_pledge(self, name: str) -> Pledge:
        """Sign the integrity pledge with the judge's name, now."""
        self._require_editable()
        name = _nfc(name.strip())
        if not name:
            raise UserError("judge.name_needed")
        self._package.sign_pledge(name, self._stamp())
        pledge = self.pledge()
        assert pledge is not None
        return pledge

    def pledge(self) -> Pledge | None:
        signed = self._read(self._package.pledge)
        return None if signed is None else Pledge(signed[0], signed[1], self.meta.pledge_text)

    def set_score(self, case_id: str, criterion: str, value: Decimal | str | int) -> Decimal:
        """Save one score at once, checked against the criterion's range and step."""
        self._require_editable()
        case = self._scorable(case_id)
        rule = self._rules.get(criterion)
        if rule is None:
            raise UserError("judge.unknown_criterion", criterion=criterion)
        number = _decimal(case.case_id, value)
        problem = score_problem(rule, number)
        if problem is not None:
            raise UserError("judge.bad_value", case=case_id, rule=problem)
        self._package.set_score(case_id, criterion, number, self._stamp())
        return number

    def clear_score(self, case_id: str, criterion: str) -> None:
        self._require_editable()
        self._case(case_id)
        if criterion not in self._rules:
            raise UserError("judge.unknown_criterion", criterion=criterion)
        self._package.clear_score(case_id, criterion)

    def set_comment(self, case_id: str, comment: str) -> None:
        """The judge's comment on a case (one per case); an empty one removes it."""
        self._require_editable()
        self._scorable(case_id)
        self._package.set_comment(case_id, _nfc(comment.strip()), self._stamp())

    def declare_conflict(self, case_id: str, reason: str, *, clear_scores: bool = False) -> None:
        """Declare a conflict of interest: the judge does not score the case. A case that has
        scores already is refused unless ``clear_scores`` (the window asks first)."""
        self._require_editable()
        case = self._case(case_id)
        if case.excluded_reason is not None:
            raise UserError("judge.excluded", case=case_id, reason=case.excluded_reason)
        reason = _nfc(reason.strip())
        if not reason:
            raise UserError("judge.reason_needed")
        scored = sorted(k for (c, k) in self._read(self._package.scores) if c == case_id)
        if scored and not clear_scores:
            raise UserError("judge.has_scores", case=case_id, criteria=", ".join(scored))
        self._package.declare_conflict(case_id, reason, self._stamp())

    def withdraw_conflict(self, case_id: str) -> None:
        self._require_editable()
        self._case(case_id)
        self._package.withdraw_conflict(case_id)

    # -- reading ---------------------------------------------------------------------------------

    def case(self, case_id: str) -> CaseState:
        case = self._case(case_id)
        scores = {k: v for (c, k), v in self._read(self._package.scores).items() if c == case_id}
        return CaseState(
            case=case,
            scores=scores,
            comment=self._read(self._package.comments).get(case_id, ""),
            conflict=self._read(self._package.conflicts).get(case_id),
        )

    def progress(self) -> Progress:
        scores = self._read(self._package.scores)
        conflicts = self._read(self._package.conflicts)
        assigned = [
            c.case_id
            for c in self.cases
            if c.excluded_reason is None and c.case_id not in conflicts
        ]
        missing = []
        for case_id in assigned:
            keys = tuple(k for k in self._rules if (case_id, k) not in scores)
            if keys:
                missing.append((case_id, keys))
        return Progress(len(assigned) - len(missing), len(assigned), tuple(missing))

    @property
    def status(self) -> str:
        """``draft`` (entries can change) or ``submitted``."""
        return self._read(self._package.local_state).status

    @property
    def revision(self) -> int:
        """The last submitted revision (0: never submitted)."""
        return self._read(self._package.local_state).revision

    # -- submitting ------------------------------------------------------------------------------

    def submit(self) -> SubmitResult:
        """Sign the entries as the next revision; refused, naming what is missing, while a case
        is not fully scored or the pledge is not signed."""
        key = self._require_editable()
        missing = []
        if self.pledge() is None:
            missing.append(text("judge.missing_pledge"))
        incomplete = self.progress().missing
        if incomplete:
            every, all_criteria = len(self._rules), text("judge.all_criteria")
            listing = ", ".join(
                f"{case_id} ({all_criteria if len(keys) == every else '/'.join(keys)})"
                for case_id, keys in incomplete
            )
            missing.append(text("judge.missing_cases", listing=listing))
        if missing:
            raise UserError("judge.cannot_submit", missing="; ".join(missing))
        revision = self.revision + 1
        submitted_at = self._stamp()
        with self._package.reading():
            signed = self._package.signed_content(revision, submitted_at)
        data = digest.payload(signed)
        submission = Submission(
            revision, submitted_at, data, package_keys.sign(key, data), digest.digest(data)
        )
        self._package.record_submission(submission)
        return SubmitResult(revision, submitted_at, submission.digest)

    def amend(self) -> None:
        """Reopen a submitted package for changes; the next submission is a new revision."""
        self._require_key()
        if self.status != "submitted":
            raise UserError("judge.not_submitted")
        self._package.reopen()

    def suggested_return_name(self) -> str:
        """``written-J1-r2.jpkg``: a name that tells the secretariat whose return it is."""
        stem = package_file_name(self.meta.round_key, self.meta.judge_id)
        return f"{stem.removesuffix(PACKAGE_SUFFIX)}-r{max(self.revision, 1)}{PACKAGE_SUFFIX}"

    def export_return(self, path: Path) -> ReturnCopy:
        """Save the sealed return copy for the secretariat at ``path`` and check it read back."""
        if self.status != "submitted":
            raise UserError("judge.not_submitted")
        submission = self._read(self._package.submission)
        assert submission is not None
        if path.exists() and path.resolve() == self.working_path.resolve():
            raise UserError("judge.not_over_working", file=path.name)
        seal_return(self.working_path, path, self.working_path.parent)
        problem = self._read_back(path, submission)
        if problem is not None:
            path.unlink(missing_ok=True)
            raise UserError("judge.readback_failed", file=path.name, detail=problem)
        return ReturnCopy(path, submission.revision, submission.digest)

    def _read_back(self, path: Path, submission: Submission) -> str | None:
        """What is wrong with the return copy at ``path``, or None."""
        try:
            with PackageFile.open_readonly(path) as copy, copy.reading():
                found = copy.submission()
                sealed = copy.is_sealed
                stored = copy.signed_content(found.revision, found.submitted_at) if found else None
        except UserError as error:
            return str(error)
        if found != submission or not sealed or stored is None:
            return "submission"
        if digest.payload(stored) != submission.payload:
            return "digest"
        if not package_keys.verify(self.meta.public_key, submission.signature, submission.payload):
            return "signature"
        raw = path.read_bytes()
        if any(secret in raw for secret in (self._sealed_key.ciphertext, self._sealed_key.salt)):
            return "key"
        return None

    # -- helpers ---------------------------------------------------------------------------------

    def _read(self, reader: Callable[[], T]) -> T:
        with self._package.reading():
            return reader()

    def _stamp(self) -> str:
        return digest.timestamp(self._clock())

    def _require_key(self) -> Ed25519PrivateKey:
        if self._key is None:
            raise UserError("judge.locked")
        return self._key

    def _require_editable(self) -> Ed25519PrivateKey:
        key = self._require_key()
        state = self._read(self._package.local_state)
        if state.status == "submitted":
            raise UserError("judge.submitted", revision=state.revision)
        return key

    def _case(self, case_id: str) -> CaseInfo:
        for case in self.cases:
            if case.case_id == case_id:
                return case
        raise UserError("judge.unknown_case", case=case_id)

    def _scorable(self, case_id: str) -> CaseInfo:
        case = self._case(case_id)
        if case.excluded_reason is not None:
            raise UserError("judge.excluded", case=case_id, reason=case.excluded_reason)
        if case_id in self._read(self._package.conflicts):
            raise UserError("judge.conflicted", case=case_id)
        return case


def working_directory(data_dir: Path | None = None) -> Path:
    """Where working copies live: ``packages/`` in the user's data directory (or ``data_dir``)."""
    directory = (data_dir if data_dir is not None else paths.data_dir()) / WORKING_COPIES
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    return directory


def _decimal(case_id: str, value: Decimal | str | int) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise UserError(
            "judge.bad_value", case=case_id, rule=text("score.not_a_number", value=value)
        ) from None
    return number


def _parse_time(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _seconds(span: timedelta) -> int:
    return max(1, int(span.total_seconds() + 0.999))
