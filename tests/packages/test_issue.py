"""Issuing a round's packages: one per judge, the PIN list beside them, key rotation."""

import csv
import json
import sqlite3

from openpyxl import load_workbook

from judging_app.exchange import package_keys
from judging_app.exchange.package import PackageFile
from judging_app.services.judge_session import JudgeSession
from tests.helpers import dump, query, run
from tests.packages.conftest import complete_j1, issue, make_contest, open_judge, return_copy


def test_one_package_per_judge_with_its_key_in_the_contest(db, issued):
    assert [(p.judge_id, p.panel, p.cases, p.file.name) for p in issued.packages] == [
        ("J1", "A", 5, "written-J1.jpkg"),
        ("J2", "A", 5, "written-J2.jpkg"),
        ("J3", "A", 4, "written-J3.jpkg"),  # C5 is excluded automatically
    ]
    keys = dict(
        query(
            db,
            "SELECT j.judge_id, p.public_key FROM issued_packages p "
            "JOIN judges j ON j.id = p.judge_pk WHERE p.revoked_at IS NULL",
        )
    )
    for issued_package in issued.packages:
        with PackageFile.open_readonly(issued_package.file) as package_file:
            meta = package_file.meta()
            assert not package_file.is_sealed and package_file.submission() is None
            assert package_file.scores() == {}
        assert meta.public_key == keys[issued_package.judge_id]
        assert meta.key_fingerprint == package_keys.fingerprint(meta.public_key)
        assert meta.key_fingerprint == issued_package.fingerprint
        assert (meta.contest_name, meta.round_key, meta.judge_id) == (
            "작은 경진대회",
            "written",
            issued_package.judge_id,
        )
        assert issued_package.pin.isdigit() and len(issued_package.pin) == 6
    assert len({p.pin for p in issued.packages} | {p.fingerprint for p in issued.packages}) == 6
    assert sorted(p.name for p in issued.directory.iterdir()) == [
        "pins-written.csv",
        "pins-written.xlsx",
        "written-J1.jpkg",
        "written-J2.jpkg",
        "written-J3.jpkg",
    ]


def test_the_pin_list_as_csv_and_as_slips_to_cut_out(issued):
    with issued.pin_csv.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["judge_id"], r["name"], r["file"], r["pin"]) for r in rows] == [
        (p.judge_id, p.name, p.file.name, p.pin) for p in issued.packages
    ]
    assert rows[2]["affiliation"] == "서울특별시  성동구"
    book = load_workbook(issued.pin_slips)
    slips = book.worksheets[0]
    text = [str(c.value) for row in slips.iter_rows() for c in row if c.value is not None]
    for p in issued.packages:
        assert f"{p.pin[:3]} {p.pin[3:]}" in text
        assert f"{p.name} ({p.judge_id}) · " in " ".join(text)
        assert p.file.name in text
    assert slips.page_setup.paperSize == 9  # A4
    assert slips.print_area and slips.sheet_properties.pageSetUpPr.fitToPage
    listing = book.worksheets[1]
    assert [c.value for c in listing[1]] == [
        "judge_id",
        "name",
        "affiliation",
        "panel",
        "file",
        "pin",
        "key",
    ]
    assert [r[5] for r in listing.iter_rows(min_row=2, values_only=True)] == [
        p.pin for p in issued.packages
    ]


def test_the_audit_log_records_the_issue_without_the_pins(db, issued):
    (details,) = query(db, "SELECT details FROM audit_log WHERE action = 'issue-packages'")
    logged = json.loads(details[0])
    assert [p["judge"] for p in logged["packages"]] == ["J1", "J2", "J3"]
    assert [p["key_fingerprint"] for p in logged["packages"]] == [
        p.fingerprint for p in issued.packages
    ]
    assert not any(p.pin in details[0] for p in issued.packages)


def test_issuing_again_rotates_the_keys_and_says_so(capsys, db, issued, tmp_path):
    capsys.readouterr()
    assert run("issue-packages", db, "--round", "written", "--out", tmp_path / "again") == 0
    out, err = capsys.readouterr()
    assert "issued 3 packages for round written" in out
    for judge_id in ("J1", "J2", "J3"):
        assert f"{judge_id}: the key of the package issued on" in err
    assert "returns of that package are refused from now on" in err
    assert "keep the PIN list apart" in err
    rows = query(db, "SELECT revoked_at IS NOT NULL FROM issued_packages ORDER BY id")
    assert rows == [(1,), (1,), (1,), (0,), (0,), (0,)]
    # the command used the default scrypt cost
    with PackageFile.open_readonly(tmp_path / "again" / "written-J1.jpkg") as package_file:
        assert package_file.sealed_key().cost == package_keys.DEFAULT_COST


def test_a_reissued_package_starts_from_what_the_contest_holds(db, issued, data_dir, tmp_path):
    assert run("import-scores", db, return_copy(issued, "J1", data_dir, tmp_path / "s")) == 0
    again = issue(db, tmp_path / "again")
    with open_judge(again, "J1", tmp_path / "new-laptop") as session:
        assert session.case("C4").conflict == "자문위원으로 참여한 사업"
        assert session.case("C1").comment == "다국어 안내가 돋보임"
        assert session.progress().complete == 4
        assert session.revision == 0  # the new package's first submission is its revision 1
        session.sign_pledge("김민수")
        session.submit()
        copy = session.export_return(tmp_path / "s" / "new.jpkg").path
    assert run("import-scores", db, copy) == 0


def test_issuing_is_refused_for_a_closed_or_unknown_round_and_changes_nothing(capsys, db, tmp_path):
    before = dump(db)
    assert run("issue-packages", db, "--round", "semi", "--out", tmp_path / "o") == 1
    assert "no round semi" in capsys.readouterr().err
    assert run("advance", db, "--round", "written", "--allow-missing") == 0
    before = dump(db)
    assert run("issue-packages", db, "--round", "written", "--out", tmp_path / "o") == 1
    assert "round written is closed" in capsys.readouterr().err
    assert dump(db) == before
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_a_failed_issue_leaves_no_package_behind(db, tmp_path, monkeypatch):
    from judging_app.services import packages

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", "pins-written.xlsx")

    monkeypatch.setattr(packages, "write_pin_slips", broken)
    before = dump(db)
    assert run("issue-packages", db, "--round", "written", "--out", tmp_path / "o") == 1
    assert dump(db) == before
    assert list((tmp_path / "o").iterdir()) == []


def test_a_round_without_cases_or_judges_is_refused(capsys, db, tmp_path):
    assert run("advance", db, "--round", "written", "--allow-missing") == 0  # nothing scored
    assert run("issue-packages", db, "--round", "final", "--out", tmp_path / "f") == 1
    assert "round final has no cases" in capsys.readouterr().err
    judges = tmp_path / "judges.csv"
    judges.write_text(
        "judge_id,name,affiliation,written,final\nJ1,김,대학,,\nJ2,이,연구원,,\nJ3,박,구청,,\n",
        encoding="utf-8",
    )
    other = make_contest(tmp_path / "other")
    assert run("import-judges", other, judges) == 0
    capsys.readouterr()
    assert run("issue-packages", other, "--round", "written", "--out", tmp_path / "g") == 1
    assert "has no judges on its panels" in capsys.readouterr().err


def test_a_working_copy_keeps_its_key_and_unlocks_again(issued, data_dir):
    path = issued.packages[0].file
    with open_judge(issued, "J1", data_dir) as session:
        complete_j1(session)
    with JudgeSession.open(path, data_dir=data_dir) as session:
        session.unlock(issued.packages[0].pin)
        assert session.progress().complete == 4
    connection = sqlite3.connect(session.working_path)
    assert connection.execute("SELECT count(*) FROM secret").fetchone() == (1,)
    connection.close()
