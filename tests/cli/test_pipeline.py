"""The whole pipeline through the command line, on a contest worked out by hand.

Written round (mean of judge totals, advance 3); J3 is excluded from C5 (same organisation):
  C1: 70, 80, 90          → 80.00   creativity mean (30+32+36)/3 = 32.67
  C5: 90, 70 (J3 excl.)   → 80.00   creativity mean (34+30)/2   = 32.00  → C1 1st, C5 2nd
  C2: 70, 70, 70          → 70.00   equal to C3 on every criterion → shared rank 3
  C3: 70, 70, 70          → 70.00
  C4: 80, 50, 60          → 63.33   (190 / 3 = 63.333…)
  Cut-off at 3 falls inside the C2/C3 tie: both go on (4 cases, with a warning).

Final round (z-score, T = 50 + 10 × mean z):
  J1 totals C1 90, C2 70, C3 90, C5 70: mean 80, sd 10 → z +1, −1, +1, −1
  J2 totals C1 90, C2 90, C3 70, C5 70: mean 80, sd 10 → z +1, +1, −1, −1
  J3 totals C1 80, C2 80, C3 80 (no spread)          → z 0, 0, 0; excluded from C5
  C1: 50 + 10 × (1 + 1 + 0)/3 = 56.666… → 56.67
  C2: 50 + 10 × (−1 + 1 + 0)/3 = 50.00;  C3: 50.00;  C5: 50 + 10 × (−1 − 1)/2 = 40.00

Votes (proportional to the maximum, 600): C1 100 → 16.67, C2 300 → 50.00, C3 300 → 50.00,
C5 600 → 100.00; C4 has 1,500 votes but is not a finalist.
  C1: 0.6 × 56.67 + 0.4 × 16.67 = 34.002 + 6.668 = 40.67
  C2: 0.6 × 50 + 0.4 × 50 = 50.00;  C3: 50.00;  C5: 0.6 × 40 + 0.4 × 100 = 64.00
C2 and C3 tie on the final score, expert, votes and the written round; the last tie-break,
creativity in the final round, puts C3 (36+30+32)/3 = 32.67 before C2 (26+36+32)/3 = 31.33.
"""

import json
import subprocess
import sys

from tests.helpers import dump, run


def cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "judging_app.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )


def ok(*args: object) -> str:
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_whole_contest_from_init_to_report(files, tmp_path):
    db = files["db"]
    ok("init", db, "--config", files["config"])
    ok("import-cases", db, files["cases"])
    ok("import-judges", db, files["judges"])
    ok("import-scores", db, files["written"], "--round", "written")

    written = json.loads(ok("rank", db, "--round", "written", "--json"))
    assert written["round"] == "written"
    assert [
        (r["rank"], r["case_id"], r["score"], r["judges"], r["advances"])
        for r in written["ranking"]
    ] == [
        (1, "C1", 80.0, 3, True),
        (2, "C5", 80.0, 2, True),
        (3, "C2", 70.0, 3, True),
        (3, "C3", 70.0, 3, True),
        (5, "C4", 63.33, 3, False),
    ]
    assert written["ranking"][0]["title"] == "무인민원발급기 다국어 안내"
    assert any("cut-off" in w and "C2, C3" in w for w in written["warnings"])

    advanced = cli("advance", db, "--round", "written")
    assert advanced.returncode == 0
    assert "C1, C5, C2, C3" in advanced.stdout  # in ranking order

    ok("import-scores", db, files["final"], "--round", "final")
    final_round = json.loads(ok("rank", db, "--round", "final", "--json"))
    assert [(r["case_id"], r["score"], r["judges"]) for r in final_round["ranking"]] == [
        ("C1", 56.67, 3),
        ("C3", 50.0, 3),  # the round's own tie-break: creativity 32.67 before 31.33
        ("C2", 50.0, 3),
        ("C5", 40.0, 2),
    ]

    ok("import-votes", db, files["votes"])
    final = json.loads(ok("rank", db, "--json"))
    assert final["contest"] == "작은 경진대회"
    assert [
        (r["rank"], r["case_id"], r["expert"], r["votes"], r["vote_points"], r["final"], r["award"])
        for r in final["ranking"]
    ] == [
        (1, "C5", 40.0, 600, 100.0, 64.0, "최우수"),
        (2, "C3", 50.0, 300, 50.0, 50.0, "우수"),
        (3, "C2", 50.0, 300, 50.0, 50.0, "우수"),
        (4, "C1", 56.67, 100, 16.67, 40.67, None),
    ]
    assert any("(C4)" in w and "1,500 votes" in w for w in final["warnings"])

    ok("advance", db, "--round", "final")
    status = json.loads(ok("status", db, "--json"))
    assert [(r["round"], r["state"], r["missing"]) for r in status["rounds"]] == [
        ("written", "closed", 0),
        ("final", "closed", 0),
    ]
    assert status["votes"] == 2800

    report = tmp_path / "report.xlsx"
    ok("report", db, "--out", report)
    from openpyxl import load_workbook

    book = load_workbook(report, read_only=True)
    assert book.sheetnames[:4] == ["Summary", "Final ranking", "서면심사", "대면심사"]
    rows = [r for r in book["Final ranking"].iter_rows(values_only=True) if r and r[2] == "C1"]
    assert rows[0][8] == 40.67


def test_importing_the_same_file_twice_gives_the_same_ranking(ready):
    db = ready["db"]
    assert run("import-scores", db, ready["written"], "--round", "written") == 0
    first = dump(db)
    ranking = json.loads(ok("rank", db, "--round", "written", "--json"))
    assert run("import-scores", db, ready["written"], "--round", "written") == 0
    again = json.loads(ok("rank", db, "--round", "written", "--json"))
    assert again == ranking
    scores = [line for line in dump(db) if line.startswith('INSERT INTO "scores"')]
    assert len(scores) == len([line for line in first if line.startswith('INSERT INTO "scores"')])


def test_a_changed_score_replaces_the_old_one_and_keeps_it_in_the_history(ready, tmp_path):
    db = ready["db"]
    run("import-scores", db, ready["written"], "--round", "written")
    fix = tmp_path / "fix.csv"
    fix.write_text("judge_id,case_id,creativity,utility,impact\nJ1,C4,20,15,15\n", encoding="utf-8")
    assert run("import-scores", db, fix, "--round", "written") == 0
    ranking = json.loads(ok("rank", db, "--round", "written", "--json"))
    c4 = next(r for r in ranking["ranking"] if r["case_id"] == "C4")
    assert c4["score"] == 53.33  # (50 + 50 + 60) / 3
    lines = dump(db)
    history = [line for line in lines if line.startswith('INSERT INTO "scores"')]
    assert len(history) == 14 * 3 + 3


def test_status_lists_what_is_missing_judge_by_judge(ready, tmp_path):
    db = ready["db"]
    partial = tmp_path / "partial.csv"
    partial.write_text(
        "judge_id,case_id,creativity,utility,impact\nJ1,C1,30,20,20\nJ3,C2,28,21,21\n",
        encoding="utf-8",
    )
    run("import-scores", db, partial, "--round", "written")
    status = json.loads(ok("status", db, "--json"))
    judges = {j["judge_id"]: j for j in status["rounds"][0]["judges"]}
    assert judges["J1"]["missing"] == ["C2", "C3", "C4", "C5"]
    assert judges["J3"]["assigned"] == 4  # C5 is excluded
    assert judges["J3"]["missing"] == ["C1", "C3", "C4"]
    text = ok("status", db)
    assert "J2" in text and "0/5" in text


def test_advance_with_allow_missing_is_recorded_in_the_audit_log(ready, tmp_path):
    db = ready["db"]
    partial = tmp_path / "partial.csv"
    partial.write_text(
        "judge_id,case_id,creativity,utility,impact\nJ1,C1,30,20,20\n", encoding="utf-8"
    )
    run("import-scores", db, partial, "--round", "written")
    assert run("advance", db, "--round", "written", "--allow-missing") == 0
    audit = [line for line in dump(db) if 'INSERT INTO "audit_log"' in line]
    assert '"allow_missing": true' in audit[-1] and '"missing": 13' in audit[-1]
