"""A whole round through judge packages, from issuing to the ranking, through the command line.

The packages carry the written round's score table (tests/cli/conftest.py) with two changes a
judge makes on their own laptop: J1 declares a conflict for C4 (so has no score there), and J1
amends C2 after submitting (creativity 28 → 30: revision 2). The same scores transcribed as a
score table must give the same round: the same scores and comments in the database, the same
ranking.
"""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from judging_app.exchange.files import sha256_of
from judging_app.services.judge_session import JudgeSession
from tests.cli.conftest import WRITTEN
from tests.helpers import query, run
from tests.packages.conftest import complete_j1, make_contest, score_as_in_table


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys):
    """The command line, in this process."""

    def call(*args: object) -> Ran:
        capsys.readouterr()
        code = run(*args)
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return call


def pins(out: Path) -> dict[str, tuple[Path, str]]:
    with (out / "pins-written.csv").open(encoding="utf-8-sig", newline="") as file:
        return {r["judge_id"]: (out / r["file"], r["pin"]) for r in csv.DictReader(file)}


def current(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    scores = query(
        db,
        "SELECT j.judge_id, c.case_id, k.key, s.value FROM scores s "
        "JOIN judges j ON j.id = s.judge_pk JOIN cases c ON c.id = s.case_pk "
        "JOIN criteria k ON k.id = s.criterion_id "
        "WHERE s.is_current AND s.value IS NOT NULL ORDER BY 1, 2, 3",
    )
    comments = query(
        db,
        "SELECT j.judge_id, c.case_id, t.comment FROM score_comments t "
        "JOIN judges j ON j.id = t.judge_pk JOIN cases c ON c.id = t.case_pk "
        "WHERE t.is_current AND t.comment != '' ORDER BY 1, 2",
    )
    return scores, comments


def rank(cli, db: Path) -> dict[str, object]:
    result = cli("rank", db, "--round", "written", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_round_of_packages_equals_the_same_scores_as_a_table(tmp_path, cli):
    db = make_contest(tmp_path / "by-package")
    out = tmp_path / "packages"
    issued = cli("issue-packages", db, "--round", "written", "--out", out)  # the default cost
    assert issued.returncode == 0, issued.stderr
    assert "issued 3 packages" in issued.stdout and "PIN list" in issued.stdout
    data, returns = tmp_path / "laptops", tmp_path / "stick"
    returns.mkdir()
    files = {}
    for judge_id, (path, pin) in pins(out).items():
        with JudgeSession.open(path, data_dir=data / judge_id) as session:
            session.unlock(pin)
            if judge_id == "J1":
                complete_j1(session)
            else:
                session.sign_pledge(session.meta.judge_name)
                score_as_in_table(session)
            assert session.submit().revision == 1
            files[judge_id] = session.export_return(returns / session.suggested_return_name())
            if judge_id == "J1":
                session.amend()
                session.set_score("C2", "creativity", "30")
                assert session.submit().revision == 2
                files["J1-r2"] = session.export_return(returns / session.suggested_return_name())

    first = cli("import-scores", db, files["J1"].path, files["J2"].path, files["J3"].path)
    assert first.returncode == 0, first.stderr
    assert "revision 1" in first.stdout and "conflicts declared: C4" in first.stdout
    second = cli("import-scores", db, files["J1-r2"].path)
    assert second.returncode == 0, second.stderr
    assert "revision 2 (replaces revision 1)" in second.stdout

    table = (
        WRITTEN.replace("J1,C1,30,20,20,", "J1,C1,30,20,20,다국어 안내가 돋보임")
        .replace("J1,C2,28,21,21", "J1,C2,30,21,21")
        .replace("J1,C4,30,25,25,\n", "")
    )
    by_table = make_contest(tmp_path / "by-table")
    (tmp_path / "written.csv").write_text(table, encoding="utf-8")
    assert run("import-scores", by_table, tmp_path / "written.csv", "--round", "written") == 0

    assert current(db) == current(by_table)
    assert rank(cli, db) == rank(cli, by_table)
    status = json.loads(cli("status", db, "--json").stdout)
    judges = {j["judge_id"]: j for j in status["rounds"][0]["judges"]}
    assert judges["J1"]["assigned"] == 4 and judges["J1"]["missing"] == []  # C4 declared
    assert status["rounds"][0]["missing"] == 0

    audit = [
        (actor, json.loads(details))
        for actor, details in query(
            db, "SELECT actor, details FROM audit_log WHERE action = 'import-package' ORDER BY id"
        )
    ]
    assert [(a, d["judge"], d["revision"]) for a, d in audit] == [
        ("J1 김민수", "J1", 1),
        ("J2 이영희", "J2", 1),
        ("J3 박철수", "J3", 1),
        ("J1 김민수", "J1", 2),
    ]
    last = audit[-1][1]
    assert last["sha256"] == sha256_of(files["J1-r2"].path)
    assert last["digest"] == files["J1-r2"].digest and last["replaces"] == 1
    fingerprints = dict(
        query(
            db,
            "SELECT j.judge_id, p.key_fingerprint FROM issued_packages p "
            "JOIN judges j ON j.id = p.judge_pk",
        )
    )
    assert last["key_fingerprint"] == fingerprints["J1"]
    declared = query(db, "SELECT reason FROM conflicts WHERE kind = 'declared' AND is_current")
    assert declared == [("자문위원으로 참여한 사업",)]


def test_import_scores_needs_a_round_for_a_table_but_not_for_a_package(db, tmp_path, capsys):
    (tmp_path / "t.csv").write_text(WRITTEN, encoding="utf-8")
    assert run("import-scores", db, tmp_path / "t.csv") == 1
    assert "give its round with --round" in capsys.readouterr().err
