"""`bench/run.py --quick` runs end to end on a tiny contest (the figures are not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def test_quick_bench_writes_its_table(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    text = out.read_text(encoding="utf-8")
    assert "Machine:" in text
    for operation in (
        "import a",
        "merge 4 returned packages",
        "rank a round, zscore",
        "rank --json",
        "report",
        "one score saved",
        "unlock a package",
        "issue 4 packages",
        "first paint",
        "next case",
        "merge 4 returned packages on PostgreSQL",
        "rank a round, zscore, on PostgreSQL",
    ):
        assert operation in text
    ratios = [line for line in text.splitlines() if line.endswith("× |")]
    assert len(ratios) == 10  # each row with a baseline


def test_only_runs_the_rows_named(tmp_path: Path) -> None:
    out = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "commit,unlock", "--out", str(out)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows[1:]] == [
        "| one score saved in the judge's window, p99 of 50",
        "| unlock a package with its PIN (scrypt)",
    ]


def test_an_unknown_row_is_refused() -> None:
    run = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--only", "nonsense"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode != 0
    assert "unknown operation(s): nonsense" in run.stderr
