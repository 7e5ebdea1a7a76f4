"""Every way a returned package can be wrong is refused, naming the file and the reason, with the
contest database exactly as it was (tests.helpers.dump)."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from judging_app.exchange import digest
from tests.helpers import dump, query, run
from tests.packages.conftest import issue, make_contest, open_judge, return_copy


def refused(capsys, db: Path, *files: Path, round_key: str | None = None) -> str:
    """Import ``files``, which must be refused; return the message after proving nothing changed."""
    capsys.readouterr()
    before = dump(db)
    extra = ("--round", round_key) if round_key else ()
    assert run("import-scores", db, *files, *extra) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error
    assert dump(db) == before
    return error


def tampered(source: Path, name: str, *statements: str) -> Path:
    """A copy of ``source`` changed with sqlite3, the way anyone could change it."""
    target = source.with_name(name)
    shutil.copyfile(source, target)
    connection = sqlite3.connect(target)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return target


@pytest.fixture
def j1(issued, data_dir, tmp_path) -> Path:
    """J1's sealed return copy, revision 1: C4 declared, a comment on C1, the rest scored."""
    return return_copy(issued, "J1", data_dir, tmp_path / "stick")


def test_the_untampered_return_merges(db, j1):
    assert run("import-scores", db, j1) == 0
    assert query(db, "SELECT count(*) FROM package_revisions") == [(1,)]


@pytest.mark.parametrize(
    ("statements", "what"),
    [
        (
            ["UPDATE scores SET value = '31' WHERE case_id = 'C1' AND criterion = 'creativity'"],
            "(scores)",
        ),
        (
            ["INSERT INTO scores VALUES ('C4', 'creativity', '40', '2025-01-01T00:00:00Z')"],
            "scores",
        ),
        (["UPDATE comments SET comment = '평범함' WHERE case_id = 'C1'"], "(comments)"),
        (["DELETE FROM conflicts"], "(declared conflicts)"),
        (["DELETE FROM pledge"], "(integrity pledge)"),
        (["UPDATE pledge SET name = '홍길동'"], "(integrity pledge)"),
        (["UPDATE submission SET revision = 2"], "(contest, round or judge details)"),
        (["UPDATE submission SET digest = '00' || substr(digest, 3)"], "(submission details)"),
    ],
    ids=[
        "score",
        "added score",
        "comment",
        "conflict removed",
        "pledge removed",
        "pledge signer",
        "revision",
        "digest",
    ],
)
def test_a_change_after_signing_is_refused(capsys, db, j1, statements, what):
    file = tampered(j1, "written-J1-r1-edited.jpkg", *statements)
    error = refused(capsys, db, file)
    assert "written-J1-r1-edited.jpkg" in error and "changed after the judge signed it" in error
    assert what in error


def test_a_payload_rewritten_to_match_the_tables_fails_the_signature(capsys, db, j1):
    """The thorough forger changes the score in the tables *and* in the signed payload."""
    connection = sqlite3.connect(j1)
    payload = connection.execute("SELECT payload FROM submission").fetchone()[0]
    connection.close()
    signed = digest.parse(payload)
    scores = tuple(
        (c, k, v + 2 if (c, k) == ("C1", "creativity") else v) for c, k, v in signed.scores
    )
    forged = digest.payload(digest.SignedContent(**{**signed.__dict__, "scores": scores}))
    file = tampered(
        j1,
        "forged.jpkg",
        "UPDATE scores SET value = '32' WHERE case_id = 'C1' AND criterion = 'creativity'",
        f"UPDATE submission SET payload = x'{forged.hex()}', digest = '{digest.digest(forged)}'",
    )
    error = refused(capsys, db, file)
    assert "forged.jpkg" in error and "signature does not match judge J1's key" in error


def test_a_package_of_another_contest_is_refused(capsys, db, tmp_path):
    other_db = make_contest(tmp_path / "other")
    other = issue(other_db, tmp_path / "other-packages")
    file = return_copy(other, "J1", tmp_path / "other-laptop", tmp_path / "other-stick")
    error = refused(capsys, db, file)
    assert file.name in error and "another contest (작은 경진대회)" in error


def test_a_package_for_another_round_is_refused(capsys, db, j1):
    error = refused(capsys, db, j1, round_key="final")
    assert j1.name in error and "a package for round written, not final" in error


def test_a_package_claiming_another_round_is_refused(capsys, db, j1):
    file = tampered(j1, "j1-final.jpkg", "UPDATE package SET round_key = 'final'")
    error = refused(capsys, db, file)
    assert "changed after the judge signed it (contest, round or judge details)" in error


def test_a_second_judges_package_renamed_as_the_firsts_is_refused(
    capsys, db, issued, data_dir, tmp_path
):
    j2 = return_copy(issued, "J2", data_dir, tmp_path / "stick")
    renamed = j2.with_name("written-J1-r1.jpkg")
    j2.rename(renamed)
    error = refused(capsys, db, renamed)
    assert "named for judge J1 but holds judge J2's signed scores" in error


def test_a_second_judges_package_relabelled_as_the_firsts_is_refused(
    capsys, db, issued, data_dir, tmp_path
):
    j1_uid, j1_key = query(
        db,
        "SELECT package_uid, key_fingerprint FROM issued_packages p "
        "JOIN judges j ON j.id = p.judge_pk WHERE j.judge_id = 'J1'",
    )[0]
    j2 = return_copy(issued, "J2", data_dir, tmp_path / "stick")
    relabel = (
        f"UPDATE package SET judge_id = 'J1', package_uid = '{j1_uid}', "
        f"key_fingerprint = '{j1_key}'"
    )
    relabelled = tampered(
        j2,
        "written-J1-r1.jpkg",
        relabel,
    )
    error = refused(capsys, db, relabelled)
    assert "changed after the judge signed it" in error
    # ... and with the payload relabelled too, J2's signature does not verify with J1's key
    connection = sqlite3.connect(relabelled)
    signed = digest.parse(connection.execute("SELECT payload FROM submission").fetchone()[0])
    connection.close()
    forged = digest.payload(
        digest.SignedContent(**{**signed.__dict__, "judge": "J1", "package": j1_uid, "key": j1_key})
    )
    relabelled.unlink()
    relabelled = tampered(
        j2,
        "written-J1-r1.jpkg",
        relabel,
        f"UPDATE submission SET payload = x'{forged.hex()}', digest = '{digest.digest(forged)}'",
    )
    error = refused(capsys, db, relabelled)
    assert "signature does not match judge J1's key" in error


def test_an_older_or_the_same_revision_is_refused(capsys, db, issued, data_dir, tmp_path):
    first = return_copy(issued, "J1", data_dir, tmp_path / "stick")
    with open_judge(issued, "J1", data_dir) as session:
        session.amend()
        session.set_score("C2", "creativity", 30)
        session.submit()
        second = session.export_return(tmp_path / "stick" / session.suggested_return_name()).path
    assert second.name == "written-J1-r2.jpkg"
    assert run("import-scores", db, second) == 0
    error = refused(capsys, db, first)
    assert "revision 1 of judge J1 is not newer than revision 2, already merged" in error
    error = refused(capsys, db, second)
    assert "revision 2 of judge J1 is not newer than revision 2" in error


def test_an_older_revision_after_a_newer_in_one_command_refuses_both(
    capsys, db, issued, data_dir, tmp_path
):
    first = return_copy(issued, "J1", data_dir, tmp_path / "stick")
    with open_judge(issued, "J1", data_dir) as session:
        session.amend()
        session.submit()
        second = session.export_return(tmp_path / "stick" / "r2.jpkg").path
    error = refused(capsys, db, second, first)
    assert first.name in error and "not newer" in error


def test_an_unsigned_package_is_refused(capsys, db, issued, data_dir, tmp_path):
    error = refused(capsys, db, issued.packages[0].file)
    assert issued.packages[0].file.name in error and "never submitted" in error
    with open_judge(issued, "J2", data_dir) as session:
        session.sign_pledge("이영희")
        working = session.working_path
    error = refused(capsys, db, working)
    assert "never submitted" in error


def test_the_judges_working_copy_is_refused_as_unsealed(capsys, db, issued, data_dir, tmp_path):
    return_copy(issued, "J1", data_dir, tmp_path / "stick")
    with open_judge(issued, "J1", data_dir) as session:
        working = tmp_path / "working.jpkg"
        shutil.copyfile(session.working_path, working)
    error = refused(capsys, db, working)
    assert "working copy with the key in it" in error


def test_a_truncated_file_is_refused(capsys, db, j1):
    truncated = j1.with_name("truncated.jpkg")
    truncated.write_bytes(j1.read_bytes()[: j1.stat().st_size // 2])
    error = refused(capsys, db, truncated)
    assert "truncated.jpkg: the package is damaged" in error


def test_a_random_file_named_jpkg_is_refused(capsys, db, tmp_path):
    random = tmp_path / "random.jpkg"
    random.write_bytes(bytes(range(256)) * 40)
    error = refused(capsys, db, random)
    assert "random.jpkg: not a judge package (.jpkg)" in error
    error = refused(capsys, db, tmp_path / "missing.jpkg")
    assert "missing.jpkg: no such file" in error


@pytest.mark.sqlite_only
def test_a_contest_database_named_jpkg_is_refused(capsys, db, tmp_path):
    copy = tmp_path / "contest-copy.jpkg"
    shutil.copyfile(db, copy)
    error = refused(capsys, db, copy)
    assert "a contest database, not a judge package" in error


def test_a_package_signed_with_a_rotated_key_is_refused(capsys, db, j1, tmp_path):
    again = issue(db, tmp_path / "reissued")
    assert [p.judge_id for p in again.rotated] == ["J1", "J2", "J3"]
    error = refused(capsys, db, j1)
    assert j1.name in error and "signed with a key revoked when packages were issued again" in error


def test_a_package_for_a_closed_round_is_refused(capsys, db, j1):
    assert run("advance", db, "--round", "written", "--allow-missing") == 0
    error = refused(capsys, db, j1)
    assert "round written is closed" in error


def test_one_bad_file_refuses_the_whole_command(capsys, db, issued, data_dir, tmp_path):
    good = return_copy(issued, "J2", data_dir, tmp_path / "stick")
    j1 = return_copy(issued, "J1", data_dir, tmp_path / "stick")
    bad = tampered(j1, "bad.jpkg", "UPDATE scores SET value = '0'")
    error = refused(capsys, db, good, bad)
    assert "bad.jpkg" in error and good.name not in error


def test_a_package_whose_case_moved_to_another_panel_is_refused(capsys, db, j1, tmp_path):
    """The package is authentic, but the contest changed since it was issued."""
    judges = tmp_path / "judges.csv"
    judges.write_text(
        "judge_id,name,affiliation,written,final\n"
        "J1,김민수,서울대학교 행정대학원,A,F\nJ2,이영희,한국행정연구원,A,F\n"
        "J3,박철수, 서울특별시  성동구 ,A,F\n",
        encoding="utf-8",
    )
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "case_id,title,organization,written\nC1,무인민원발급기 다국어 안내,서울특별시 종로구,B\n",
        encoding="utf-8",
    )
    assert run("import-cases", db, cases) == 0
    error = refused(capsys, db, j1)
    assert f"{j1.name}, case C1: case C1 is not assigned to judge J1's panel (A)" in error
