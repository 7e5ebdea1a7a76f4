"""The judge's side: each action of JudgeSession, on a working copy in the data directory."""

import hashlib
import os
import shutil
import sqlite3
import unicodedata
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from judging_app.domain.messages import UserError
from judging_app.exchange import digest, package_keys
from judging_app.exchange.package import PackageFile
from judging_app.services.judge_session import JudgeSession, unlock_wait
from tests.helpers import query, run
from tests.packages.conftest import complete_j1, open_judge, package, score_as_in_table


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def refusal(action, *args, **kwargs) -> str:
    with pytest.raises(UserError) as caught:
        action(*args, **kwargs)
    return str(caught.value)


# -- opening ---------------------------------------------------------------------------------------


def test_opening_copies_the_package_into_the_data_directory_and_never_writes_the_stick(
    issued, data_dir, tmp_path
):
    path, pin = package(issued, "J1")
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    with JudgeSession.open(path, data_dir=data_dir) as session:
        assert not session.resumed
        assert session.working_path.parent == data_dir / "packages"
        assert session.working_path.name == f"{session.meta.package_uid}.jpkg"
        if os.name == "posix":  # the copy holds the sealed key: its owner's only
            assert session.working_path.stat().st_mode & 0o077 == 0
            assert session.working_path.parent.stat().st_mode & 0o077 == 0
        session.unlock(pin)
        complete_j1(session)
        session.submit()
        session.export_return(tmp_path / "return.jpkg")
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []
    with JudgeSession.open(path, data_dir=data_dir) as again:
        assert again.resumed and again.revision == 1 and again.status == "submitted"
        assert again.case("C1").scores == {
            "creativity": Decimal(30),
            "utility": Decimal(20),
            "impact": Decimal(20),
        }


def test_the_package_shows_the_round_the_rubric_and_the_judges_cases(issued, data_dir):
    with JudgeSession.open(package(issued, "J3")[0], data_dir=data_dir) as session:
        assert (session.meta.round_name, session.meta.judge_name) == ("서면심사", "박철수")
        assert [c.key for c in session.criteria] == ["creativity", "utility", "impact"]
        assert session.criteria[0].max == Decimal(40)
        assert [c.case_id for c in session.cases] == ["C1", "C2", "C3", "C4", "C5"]
        assert session.cases[4].excluded_reason == "서울특별시  성동구"  # J3's affiliation
        assert session.cases[0].body == "본문1"
        assert session.progress().assigned == 4


@pytest.mark.sqlite_only
def test_what_is_not_a_package_is_refused_clearly(db, issued, data_dir, tmp_path):
    fake = tmp_path / "scores.jpkg"
    fake.write_text("judge_id,case_id\n", encoding="utf-8")
    assert "not a judge package" in refusal(JudgeSession.open, fake, data_dir=data_dir)
    assert "a contest database, not a judge package" in refusal(
        JudgeSession.open, db, data_dir=data_dir
    )
    newer = tmp_path / "newer.jpkg"
    shutil.copyfile(package(issued, "J1")[0], newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("PRAGMA user_version = 2")
    assert "made by a newer version of the app (package format 2" in refusal(
        JudgeSession.open, newer, data_dir=data_dir
    )
    assert "no such file" in refusal(JudgeSession.open, tmp_path / "x.jpkg", data_dir=data_dir)


def test_a_sealed_return_copy_cannot_be_opened_to_score(issued, data_dir, tmp_path):
    with open_judge(issued, "J1", data_dir) as session:
        complete_j1(session)
        session.submit()
        copy = session.export_return(tmp_path / "return.jpkg").path
    assert "a sealed return copy" in refusal(JudgeSession.open, copy, data_dir=tmp_path / "x")


# -- the PIN ---------------------------------------------------------------------------------------


def test_wrong_pins_are_counted_and_after_five_each_try_waits_longer(issued, data_dir):
    clock = Clock()
    path, pin = package(issued, "J1")
    wrong = f"{(int(pin) + 1) % 1_000_000:06d}"
    with JudgeSession.open(path, data_dir=data_dir, clock=clock) as session:
        for tries in range(1, 5):
            assert refusal(session.unlock, wrong) == f"wrong PIN (wrong {tries} times)"
        assert refusal(session.unlock, wrong) == (
            "wrong PIN (wrong 5 times); try again in 30 seconds"
        )
        clock.now += timedelta(seconds=10)
        assert refusal(session.unlock, pin) == "too many wrong PINs; try again in 20 seconds"
        clock.now += timedelta(seconds=20)
        assert "try again in 60 seconds" in refusal(session.unlock, wrong)
        assert session.failed_unlocks == 6
    with JudgeSession.open(path, data_dir=data_dir, clock=clock) as reopened:
        assert "try again in 60 seconds" in refusal(reopened.unlock, pin)  # kept on disk
        clock.now += timedelta(seconds=60)
        reopened.unlock(pin)
        assert reopened.unlocked and reopened.failed_unlocks == 0
    assert [unlock_wait(n).total_seconds() for n in (4, 5, 6, 7, 20)] == [0, 30, 60, 120, 3600]


def test_the_pin_is_six_digits_and_nothing_changes_before_unlocking(issued, data_dir):
    with JudgeSession.open(package(issued, "J1")[0], data_dir=data_dir) as session:
        assert refusal(session.unlock, "12345") == "the PIN is 6 digits"
        assert refusal(session.unlock, "१२३४५६") == "the PIN is 6 digits"  # Devanagari digits
        assert session.failed_unlocks == 0
        for action, args in (
            (session.sign_pledge, ("김민수",)),
            (session.set_score, ("C1", "creativity", 30)),
            (session.declare_conflict, ("C1", "reason")),
            (session.submit, ()),
        ):
            assert refusal(action, *args) == "unlock the package with its PIN first"


# -- entering --------------------------------------------------------------------------------------


def test_a_score_is_checked_against_range_and_step_at_once(issued, data_dir):
    with open_judge(issued, "J3", data_dir) as session:
        assert session.set_score("C1", "creativity", "36") == Decimal(36)
        assert session.set_score("C1", "creativity", " 35 ") == Decimal(35)
        assert "41 is outside 창의성's range 0–40" in refusal(
            session.set_score, "C1", "creativity", 41
        )
        assert "-1 is outside" in refusal(session.set_score, "C1", "creativity", -1)
        assert "20.5 is not on 효용성's step of 1" in refusal(
            session.set_score, "C1", "utility", "20.5"
        )
        assert "abc is not a number" in refusal(session.set_score, "C1", "utility", "abc")
        assert "NaN is not a number" in refusal(session.set_score, "C1", "utility", "NaN")
        assert refusal(session.set_score, "C9", "utility", 1) == "no case C9 here"
        assert refusal(session.set_score, "C1", "beauty", 1) == "no criterion beauty"
        assert "you are excluded from case C5" in refusal(session.set_score, "C5", "impact", 1)
        assert session.case("C1").scores == {"creativity": Decimal(35)}
        session.clear_score("C1", "creativity")
        assert session.case("C1").scores == {}


def test_comments_and_the_pledge_are_stored_nfc(issued, data_dir):
    with open_judge(issued, "J2", data_dir) as session:
        decomposed = unicodedata.normalize("NFD", "우수함")
        assert decomposed != "우수함"
        session.set_comment("C1", f"  {decomposed} ")
        assert session.case("C1").comment == "우수함"
        session.set_comment("C1", "")
        assert session.case("C1").comment == ""
        assert refusal(session.sign_pledge, "  ") == "type your name to sign"
        pledge = session.sign_pledge(unicodedata.normalize("NFD", "이영희"))
        assert pledge.name == "이영희" and "I pledge" in pledge.text and "서약" in pledge.text


def test_declaring_a_conflict_takes_the_case_out_and_asks_before_clearing_scores(issued, data_dir):
    with open_judge(issued, "J1", data_dir) as session:
        session.set_score("C2", "creativity", 20)
        session.set_comment("C2", "메모")
        assert refusal(session.declare_conflict, "C2", " ") == "give the reason for the conflict"
        assert refusal(session.declare_conflict, "C2", "친척이 담당자") == (
            "case C2 already has scores (creativity); clear them to declare the conflict"
        )
        session.declare_conflict("C2", "친척이 담당자", clear_scores=True)
        state = session.case("C2")
        assert (state.scores, state.comment, state.conflict) == ({}, "", "친척이 담당자")
        assert state.excluded
        assert "withdraw it before scoring" in refusal(session.set_score, "C2", "impact", 1)
        assert session.progress().assigned == 4
        session.withdraw_conflict("C2")
        assert session.progress().assigned == 5
    with open_judge(issued, "J3", data_dir) as session:
        assert "excluded from case C5" in refusal(session.declare_conflict, "C5", "같은 기관")


def test_progress_counts_complete_cases_of_the_assigned_ones(issued, data_dir):
    with open_judge(issued, "J1", data_dir) as session:
        session.declare_conflict("C4", "자문")
        score_as_in_table(session, skip=("C4", "C3"))
        session.set_score("C3", "creativity", 28)
        progress = session.progress()
        assert (progress.complete, progress.assigned) == (3, 4)
        assert progress.missing == (("C3", ("utility", "impact")),)


# -- submitting ------------------------------------------------------------------------------------


def test_submit_names_what_is_missing(issued, data_dir):
    with open_judge(issued, "J1", data_dir) as session:
        score_as_in_table(session, skip=("C2", "C3"))
        session.set_score("C3", "creativity", 28)
        assert refusal(session.submit) == (
            "cannot submit yet: the pledge is not signed; cases not scored: "
            "C2 (every criterion), C3 (utility/impact)"
        )
        assert session.revision == 0 and session.status == "draft"


def test_submit_signs_and_freezes_and_amend_makes_a_new_revision(issued, data_dir, tmp_path):
    clock = Clock()
    with open_judge(issued, "J1", data_dir, clock=clock) as session:
        complete_j1(session)
        assert "not submitted yet" in refusal(session.amend)
        first = session.submit()
        assert (first.revision, first.submitted_at) == (1, "2025-06-02T09:00:00Z")
        assert len(first.short_digest) == 19 and first.short_digest.count(" ") == 3
        assert "revision 1 is submitted; choose Amend" in refusal(
            session.set_score, "C1", "creativity", 31
        )
        assert "Amend" in refusal(session.declare_conflict, "C2", "x")
        session.amend()
        assert session.status == "draft"
        assert "not submitted yet" in refusal(session.export_return, tmp_path / "r.jpkg")
        session.set_score("C1", "creativity", 31)
        second = session.submit()
        assert second.revision == 2 and second.digest != first.digest
        payload = PackageFile.open_readonly(session.working_path).submission()
        assert payload is not None and digest.digest(payload.payload) == second.digest
        signed = digest.parse(payload.payload)
        assert signed.revision == 2 and ("C1", "creativity", Decimal(31)) in signed.scores
        assert signed.conflicts == (("C4", "자문위원으로 참여한 사업"),)
        assert signed.pledge.name == "김민수" and signed.pledge.signed_at == "2025-06-02T09:00:00Z"
        assert session.suggested_return_name() == "written-J1-r2.jpkg"


def test_the_same_scores_give_the_same_digest_whatever_the_normalisation(issued, data_dir):
    """Two laptops, one typing NFD (macOS), one NFC: the same signed bytes."""
    digests = []
    for form in ("NFC", "NFD"):
        with open_judge(issued, "J1", data_dir / form, clock=Clock()) as session:

            def typed(value: str, form: str = form) -> str:
                return unicodedata.normalize(form, value)

            session.sign_pledge(typed("김민수"))
            session.declare_conflict("C4", typed("자문위원으로 참여한 사업"))
            score_as_in_table(session, skip=("C4",))
            session.set_comment("C1", typed("다국어 안내가 돋보임"))
            digests.append(session.submit().digest)
    assert digests[0] == digests[1]


# -- the sealed return copy ------------------------------------------------------------------------


def test_the_return_copy_holds_no_byte_of_the_key_and_merges(db, issued, data_dir, tmp_path):
    pin = package(issued, "J1")[1]
    (tmp_path / "stick").mkdir()
    with open_judge(issued, "J1", data_dir) as session:
        complete_j1(session)
        session.submit()
        copy = session.export_return(tmp_path / "stick" / "return.jpkg")
        working = session.working_path
    sealed = PackageFile.open_working(working).sealed_key()
    key = package_keys.unseal(
        sealed,
        pin,
        package_uid=copy_meta(working).package_uid,
        key_fingerprint=copy_meta(working).key_fingerprint,
    )
    secrets = {
        "private key": package_keys.private_bytes(key),
        "encrypted key": sealed.ciphertext,
        "salt": sealed.salt,
        "nonce": sealed.nonce,
    }
    raw = copy.path.read_bytes()
    for name, value in secrets.items():
        assert value not in raw, name
        assert value in working.read_bytes() or name == "private key", name  # the copy keeps it
    tables = query(copy.path, "SELECT name FROM sqlite_schema WHERE type = 'table'")
    assert ("secret",) not in tables and ("local_state",) not in tables
    assert query(copy.path, "PRAGMA freelist_count") == [(0,)]
    assert query(copy.path, "PRAGMA journal_mode") == [("delete",)]
    assert sorted(p.name for p in working.parent.iterdir()) == [working.name] + [
        f"{working.name}{s}"
        for s in ("-shm", "-wal")
        if (working.parent / f"{working.name}{s}").exists()
    ]
    assert sorted(p.name for p in copy.path.parent.iterdir()) == ["return.jpkg"]
    assert run("import-scores", db, copy.path) == 0


def copy_meta(path):
    with PackageFile.open_readonly(path) as package_file:
        return package_file.meta()


def test_export_refuses_to_write_over_the_working_copy(issued, data_dir):
    with open_judge(issued, "J1", data_dir) as session:
        complete_j1(session)
        session.submit()
        assert "cannot write over the working copy" in refusal(
            session.export_return, session.working_path
        )
