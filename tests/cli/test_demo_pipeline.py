"""The demo contest through the command line, from `demo` to `report`, as README.txt tells."""

import json
import subprocess
import sys
from pathlib import Path

from judging_app.exchange.demo import build_demo


def cli(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "judging_app.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_demo_contest_runs_from_start_to_report(tmp_path):
    demo = tmp_path / "demo"
    cli(tmp_path, "demo", str(demo))
    for args in (
        "init contest.jdb --config contest.toml",
        "import-cases contest.jdb cases.xlsx",
        "import-judges contest.jdb judges.xlsx",
        "import-scores contest.jdb scores_written.xlsx --round written",
        "advance contest.jdb --round written",
        "import-scores contest.jdb scores_presentation.xlsx --round presentation",
        "advance contest.jdb --round presentation",
        "import-votes contest.jdb votes.xlsx",
    ):
        cli(demo, *args.split())
    expected = build_demo()
    written = json.loads(cli(demo, "rank", "contest.jdb", "--round", "written", "--json"))
    advancing = [row["case_id"] for row in written["ranking"] if row["advances"]]
    assert advancing == list(expected.advancing)
    c09 = next(row for row in written["ranking"] if row["case_id"] == "C09")
    assert c09["judges"] == 4  # J04 is excluded: same organisation (성동구)

    final = json.loads(cli(demo, "rank", "contest.jdb", "--json"))
    assert final["contest"] == "2025 민원서비스 개선 우수사례 경진대회"
    got = [
        (r["rank"], r["case_id"], r["expert"], r["votes"], r["vote_points"], r["final"], r["award"])
        for r in final["ranking"]
    ]
    assert got == [
        (
            e.rank,
            e.case_id,
            float(e.expert),
            e.votes,
            float(e.vote_points),
            float(e.final),
            e.award,
        )
        for e in expected.final_ranking
    ]
    assert [r["award"] for r in final["ranking"]] == ["최우수"] + ["우수"] * 3 + ["장려"] * 5
    status = json.loads(cli(demo, "status", "contest.jdb", "--json"))
    assert status["votes"] == 6328 and status["cases"] == 50 and status["judges"] == 10

    cli(demo, "report", "contest.jdb", "--out", "report.xlsx")
    assert (demo / "report.xlsx").stat().st_size > 5000
