"""`judging-app verify`: the file, each round and the final ranking recomputed and compared with the
last report written, and the report file's SHA-256."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from judging_app.services.contest import Contest
from judging_app.services.verification import record_report
from tests.helpers import dump, run
from tests.reliability.conftest import finished


def _verify(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = run("verify", *args)
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, captured.out.splitlines()


def _write_report(db: Path, path: Path, content: bytes = b"the report as printed") -> None:
    """Record a report as ``export_report`` does, with stand-in bytes for the workbook."""
    path.write_bytes(content)
    contest = Contest.open(db, read_only=False)
    try:
        ranking = contest.final_ranking()
        record_report(contest, path, ranking.result, ranking.rounds)
    finally:
        contest.close()


def _sql(db: Path, statement: str) -> None:
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(statement)


def test_without_a_report_there_is_nothing_to_compare_and_it_passes(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    before = dump(db)
    code, lines = _verify(capsys, db)
    assert code == 0
    assert lines[0].startswith("ok    file: intact (integrity_check, foreign keys), schema")
    assert lines[1:] == [
        "--    packages: none merged",
        "--    round written: recomputed from the stored scores; no report has been written yet "
        "to compare with",
        "--    round final: recomputed from the stored scores; no report has been written yet "
        "to compare with",
        "--    final ranking: recomputed from the stored scores; no report has been written yet "
        "to compare with",
        "--    report file: no report has been recorded",
    ]
    assert dump(db) == before  # verify writes nothing


def test_a_report_recomputed_equal_passes_every_check(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    report = tmp_path / "report.xlsx"
    _write_report(db, report)
    code, lines = _verify(capsys, db)
    assert code == 0, lines
    assert lines[1] == "--    packages: none merged"  # the scores came as tables
    lines = lines[:1] + lines[2:]
    assert all(line.startswith("ok  ") for line in lines), lines
    assert "round written: recomputed from the stored scores, equal to the report" in lines[1]
    assert "(5 cases)" in lines[1] and "(4 cases)" in lines[2]  # a tie at the cut-off: 4 go on
    assert "final ranking: recomputed from the stored scores and votes, equal" in lines[3]
    assert lines[4].startswith("ok    report file report.xlsx: SHA-256 as recorded")
    assert len(lines) == 5


def test_a_score_changed_behind_the_apps_back_fails_naming_the_case(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    _write_report(db, tmp_path / "report.xlsx")
    _sql(
        db,
        "UPDATE scores SET value = 0 WHERE is_current AND round_id = "
        "(SELECT id FROM rounds WHERE key = 'final') AND case_pk = "
        "(SELECT id FROM cases WHERE case_id = 'C3')",
    )
    code, lines = _verify(capsys, db)
    assert code == 1
    failed = [line for line in lines if line.startswith("FAIL")]
    assert len(failed) == 2
    assert "round final: recomputed from the stored scores, differs from the report" in failed[0]
    assert "C1: score 56.67 → 58.00; C2: rank 3 → 2, score 50.00 → 56.05;" in failed[0]
    assert "final ranking" in failed[1]


def test_votes_changed_behind_the_apps_back_fail_the_final_ranking_only(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    _write_report(db, tmp_path / "report.xlsx")
    _sql(
        db,
        "UPDATE votes SET votes = 6000 WHERE is_current AND case_pk = "
        "(SELECT id FROM cases WHERE case_id = 'C2')",
    )
    code, lines = _verify(capsys, db)
    assert code == 1
    (failed,) = [line for line in lines if line.startswith("FAIL")]
    assert failed.startswith("FAIL  final ranking: recomputed from the stored scores and votes")
    assert "votes 300 → 6000, vote_points 50.00 → 100.00, final 50.00 → 70.00" in failed
    assert "award 우수 → 최우수" in failed


def test_a_closed_round_whose_scores_no_longer_give_its_advancing_cases_fails(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    _sql(
        db,
        "UPDATE scores SET value = 0 WHERE is_current AND round_id = "
        "(SELECT id FROM rounds WHERE key = 'written') AND case_pk = "
        "(SELECT id FROM cases WHERE case_id = 'C1')",
    )
    code, lines = _verify(capsys, db)
    assert code == 1
    (failed,) = [line for line in lines if line.startswith("FAIL")]
    assert (
        "round written: the cases that advanced when it was closed (C1, C2, C3, C5) are not the "
        "ones the stored scores give (C2, C3, C5)" in failed
    )


def test_the_report_file_is_checked_against_its_recorded_digest(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    first, last = tmp_path / "first.xlsx", tmp_path / "last.xlsx"
    _write_report(db, first, b"first")
    _write_report(db, last, b"last")
    assert _verify(capsys, db, "--report", last)[0] == 0

    code, lines = _verify(capsys, db, "--report", first)
    assert code == 1 and "report file first.xlsx: an earlier report, written" in lines[-1]

    last.write_bytes(b"last, edited by hand")
    code, lines = _verify(capsys, db)
    assert code == 1
    assert lines[-1].startswith("FAIL  report file last.xlsx: its SHA-256")
    assert "is not that of any report recorded" in lines[-1]

    last.unlink()
    code, lines = _verify(capsys, db)
    assert code == 0 and lines[-1].startswith("--    report file: not at ")


def test_a_damaged_file_fails_the_first_check_and_stops(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = small["db"]
    with db.open("r+b") as file:
        file.seek(4096 * 3)
        file.write(b"\xa5" * 4096)
    code, lines = _verify(capsys, db)
    assert code == 1 and len(lines) == 1 and lines[0].startswith("FAIL  file: ")
    assert not list(db.parent.glob("*.damaged-*"))  # verify only reads


def test_the_report_verb_records_what_verify_checks(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    report = tmp_path / "report.xlsx"
    assert run("report", db, "--out", report) == 0
    code, lines = _verify(capsys, db, "--report", report)
    assert code == 0 and len(lines) == 6, lines
    assert lines[-1].startswith("ok    report file report.xlsx: SHA-256 as recorded")
    assert run("import-votes", db, small["votes"].with_name("votes.csv")) == 0  # unchanged
    assert _verify(capsys, db)[0] == 0
