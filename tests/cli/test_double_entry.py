"""Paper score sheets typed in twice through the command line, on the hand-worked contest of
test_pipeline.py (written round: J1, J2, J3 on panel A, C1–C5; J3 is excluded from C5).

The second entry below differs from the first (the WRITTEN table) by one of each slip:
  J1 C1 creativity typed 36 instead of 30                  → digit slip
  J1 C3 left out                                           → missing row (3 values)
  J2's rows C4 (20, 15, 15) and C5 (30, 20, 20) exchanged  → swapped rows C4 ↔ C5 (6 values)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from tests.cli.conftest import WRITTEN
from tests.cli.test_pipeline import cli, ok
from tests.helpers import dump

SECOND = """judge_id,case_id,creativity,utility,impact
J1,C1,36,20,20
J2,C1,32,24,24
J3,C1,36,27,27
J1,C2,28,21,21
J2,C2,28,21,21
J3,C2,28,21,21
J2,C3,28,21,21
J3,C3,28,21,21
J1,C4,30,25,25
J2,C4,30,20,20
J3,C4,20,20,20
J1,C5,34,28,28
J2,C5,20,15,15
"""

EXPECTED_DISPUTES = [
    ("J1", "C1", "creativity", "digit_slip", 30, 36, None),
    ("J1", "C3", "creativity", "missing_row", 28, None, None),
    ("J1", "C3", "utility", "missing_row", 21, None, None),
    ("J1", "C3", "impact", "missing_row", 21, None, None),
    ("J2", "C4", "creativity", "swapped_rows", 20, 30, "C5"),
    ("J2", "C4", "utility", "swapped_rows", 15, 20, "C5"),
    ("J2", "C4", "impact", "swapped_rows", 15, 20, "C5"),
    ("J2", "C5", "creativity", "swapped_rows", 30, 20, "C4"),
    ("J2", "C5", "utility", "swapped_rows", 20, 15, "C4"),
    ("J2", "C5", "impact", "swapped_rows", 20, 15, "C4"),
]

#: What a third look at the paper (the WRITTEN table) shows at each place in dispute.
PAPER = {
    ("J1", "C1", "creativity"): "30",
    ("J1", "C3", "creativity"): "28",
    ("J1", "C3", "utility"): "21",
    ("J1", "C3", "impact"): "21",
    ("J2", "C4", "creativity"): "20",
    ("J2", "C4", "utility"): "15",
    ("J2", "C4", "impact"): "15",
    ("J2", "C5", "creativity"): "30",
    ("J2", "C5", "utility"): "20",
    ("J2", "C5", "impact"): "20",
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _status(db: Path) -> dict:
    return json.loads(ok("status", db, "--json"))["rounds"][0]


KEYS = ("judge_id", "case_id", "criterion", "kind", "first", "second", "partner")


def _disputes(db: Path) -> list[tuple]:
    return [tuple(d[k] for k in KEYS) for d in _status(db)["disputes"]]


def _ranking(db: Path) -> list[dict]:
    return json.loads(ok("rank", db, "--round", "written", "--json"))["ranking"]


def test_two_agreeing_entries_rank_exactly_like_the_score_table(ready, tmp_path):
    db, table = ready["db"], ready["written"]
    ok("import-scores", db, table, "--round", "written", "--entry", "first", "--by", "김입력")
    assert all(r["judges"] == 0 for r in _ranking(db))  # one entry alone scores nothing
    assert {s["state"] for s in _status(db)["sheets"]} == {"entered_once"}
    out = ok(
        "import-scores", db, table, "--round", "written", "--entry", "second", "--by", "이입력"
    )
    assert "42 scores added" in out  # 14 cases × 3 criteria
    assert _disputes(db) == []

    other = tmp_path / "table.jdb"
    ok("init", other, "--config", ready["config"])
    ok("import-cases", other, ready["cases"])
    ok("import-judges", other, ready["judges"])
    ok("import-scores", other, table, "--round", "written")
    assert _ranking(db) == _ranking(other)
    assert [(r["case_id"], r["score"]) for r in _ranking(db)] == [
        ("C1", 80.0),
        ("C5", 80.0),
        ("C2", 70.0),
        ("C3", 70.0),
        ("C4", 63.33),
    ]
    sheets = {s["judge_id"]: s for s in _status(db)["sheets"]}
    assert sheets["J3"] == {
        "judge_id": "J3",
        "state": "agreed",
        "cases": 4,
        "entered_once": 0,
        "entered_twice": 4,
        "agreed": 4,
        "in_dispute": 0,
    }
    sources = {line for line in dump(db) if line.startswith('INSERT INTO "scores"')}
    assert all("'paper','double entry; written.csv sha256:" in line for line in sources)
    audit = [line for line in dump(db) if 'INSERT INTO "audit_log"' in line]
    assert any('"typed_by": "김입력"' in line and '"entry": "first"' in line for line in audit)
    assert any('"typed_by": "이입력"' in line and '"entry": "second"' in line for line in audit)
    assert ok("advance", db, "--round", "written")


def test_every_slip_is_caught_and_listed_and_advance_waits_for_the_resolutions(ready, tmp_path):
    db = ready["db"]
    second = _write(tmp_path / "second.csv", SECOND)
    ok("import-scores", db, ready["written"], "--round", "written", "--entry", "first")
    out = ok("import-scores", db, second, "--round", "written", "--entry", "second")
    assert "10 disagreements" in out
    assert "J2 C4 creativity: first 20, second 30  [swapped rows ↔ C5]" in out
    assert _disputes(db) == EXPECTED_DISPUTES
    sheets = {s["judge_id"]: s for s in _status(db)["sheets"]}
    assert [
        (s["state"], s["entered_once"], s["entered_twice"], s["agreed"], s["in_dispute"])
        for s in (sheets["J1"], sheets["J2"], sheets["J3"])
    ] == [("in_dispute", 1, 4, 3, 2), ("in_dispute", 0, 5, 3, 2), ("agreed", 0, 4, 4, 0)]
    text = ok("status", db)
    assert "J1: in dispute, 1 once, 4 twice, 3 agreed, 2 in dispute (of 5)" in text

    result = cli("advance", db, "--round", "written")
    assert result.returncode == 1
    assert "10 double-entry disagreements are open" in result.stderr
    assert "J1/C1/creativity (different values: 30 ≠ 36)" in result.stderr

    for (judge, case, criterion), value in PAPER.items():
        args = ("--criterion", criterion, "--value", value, "--by", "박확인")
        ok("resolve", db, "--round", "written", "--judge", judge, "--case", case, *args)
    assert _disputes(db) == []
    audit = [line for line in dump(db) if 'INSERT INTO "audit_log"' in line]
    resolves = [line for line in audit if "'resolve'" in line]
    assert len(resolves) == 10
    assert all('"settled_by": "박확인"' in line for line in resolves)
    assert '"case": "C1", "criterion": "creativity", "first": "30", "judge": "J1"' in resolves[0]
    assert '"second": "36"' in resolves[0] and '"value": "30"' in resolves[0]

    table = tmp_path / "table.jdb"
    ok("init", table, "--config", ready["config"])
    ok("import-cases", table, ready["cases"])
    ok("import-judges", table, ready["judges"])
    ok("import-scores", table, ready["written"], "--round", "written")
    assert _ranking(db) == _ranking(table)
    ok("advance", db, "--round", "written")


def test_an_extra_row_is_refused_naming_the_file_row_and_column(ready, tmp_path):
    db = ready["db"]
    extra = _write(tmp_path / "extra.csv", WRITTEN + "J3,C5,30,20,20,\n")
    before = dump(db)
    result = cli("import-scores", db, extra, "--round", "written", "--entry", "first")
    assert result.returncode == 1
    assert "extra.csv" in result.stderr and "row 16" in result.stderr
    assert "judge J3 is excluded from case C5" in result.stderr
    assert dump(db) == before


def test_a_row_that_leaves_the_sheet_after_typing_is_an_extra_row_settled_as_none(ready, tmp_path):
    """J1 turns out to work for C2's organisation: the typed C2 row can no longer be a score."""
    db = ready["db"]
    ok("import-scores", db, ready["written"], "--round", "written", "--entry", "first")
    ok("import-scores", db, ready["written"], "--round", "written", "--entry", "second")
    judges = (
        ready["judges"]
        .read_text(encoding="utf-8")
        .replace("J1,김민수,서울대학교 행정대학원", "J1,김민수,서울특별시 중구")
    )
    ok("import-judges", db, _write(tmp_path / "judges2.csv", judges))
    assert _disputes(db) == [
        ("J1", "C2", "creativity", "extra_row", 28, 28, None),
        ("J1", "C2", "utility", "extra_row", 21, 21, None),
        ("J1", "C2", "impact", "extra_row", 21, 21, None),
    ]
    base = ("resolve", db, "--round", "written", "--judge", "J1", "--case", "C2")
    refused = cli(*base, "--criterion", "creativity", "--value", "28")
    assert refused.returncode == 1 and "can only be settled as none" in refused.stderr
    for criterion in ("creativity", "utility", "impact"):
        ok(*base, "--criterion", criterion, "--value", "none")
    assert _disputes(db) == []


def test_resolve_refuses_a_place_without_a_dispute_and_a_value_off_the_rules(ready, tmp_path):
    db = ready["db"]
    ok("import-scores", db, ready["written"], "--round", "written", "--entry", "first")
    ok(
        "import-scores",
        db,
        _write(tmp_path / "s.csv", SECOND),
        "--round",
        "written",
        "--entry",
        "second",
    )
    base = ("resolve", db, "--round", "written", "--judge", "J1", "--case")
    nothing = cli(*base, "C2", "--criterion", "creativity", "--value", "28")
    assert nothing.returncode == 1
    assert "no open disagreement at judge J1, case C2, criterion creativity" in nothing.stderr
    too_high = cli(*base, "C1", "--criterion", "creativity", "--value", "41")
    assert too_high.returncode == 1
    assert "round written, judge J1, case C1, criterion creativity:" in too_high.stderr
    assert "41" in too_high.stderr
    word = cli(*base, "C1", "--criterion", "creativity", "--value", "thirty")
    assert word.returncode == 1 and "not a number" in word.stderr


def test_entering_is_blind_and_checked_by_judge_case_and_criterion(ready):
    contest = Contest.open(ready["db"], actor="staff")
    try:
        from decimal import Decimal

        contest.enter_sheet_values("written", "first", {("J1", "C1", "creativity"): Decimal(30)})
        contest.enter_sheet_values(
            "written", "second", {("J1", "C1", "creativity"): Decimal(36)}, by="둘째"
        )
        assert contest.sheet_values("written", "J1", "second") == {
            ("C1", "creativity"): Decimal(36)
        }
        assert contest.sheet_values("written", "J1", "first") == {("C1", "creativity"): Decimal(30)}
        with pytest.raises(UserError, match="judge J3, case C5, criterion utility: judge J3 is"):
            contest.enter_sheet_values("written", "first", {("J3", "C5", "utility"): Decimal(9)})
        with pytest.raises(UserError, match=r"judge J2, case C2, criterion impact: .*41"):
            contest.enter_sheet_values("written", "first", {("J2", "C2", "impact"): Decimal(41)})
        with pytest.raises(UserError, match="the entry is first or second, not third"):
            contest.enter_sheet_values("written", "third", {("J2", "C2", "impact"): Decimal(1)})
    finally:
        contest.close()


def test_a_retyped_value_that_breaks_an_agreement_withdraws_the_score(ready):
    from decimal import Decimal

    contest = Contest.open(ready["db"], actor="staff")
    try:
        row = {
            ("J1", "C1", k): Decimal(v)
            for k, v in (("creativity", 30), ("utility", 20), ("impact", 20))
        }
        contest.enter_sheet_values("written", "first", row)
        contest.enter_sheet_values("written", "second", row)
        assert contest.round_ranking("written").result.case("C1").judges == 1
        contest.enter_sheet_values("written", "second", {("J1", "C1", "utility"): Decimal(2)})
        assert contest.round_ranking("written").result.case("C1").judges == 0
        (dispute,) = contest.compare_sheets("written").disputes
        assert (dispute.kind, dispute.first, dispute.second) == ("digit_slip", 20, 2)
        contest.enter_sheet_values("written", "second", {("J1", "C1", "utility"): Decimal(20)})
        assert contest.compare_sheets("written").disputes == ()
        assert contest.round_ranking("written").result.case("C1").judges == 1
    finally:
        contest.close()
