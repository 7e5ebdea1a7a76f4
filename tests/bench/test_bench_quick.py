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
        timeout=300,
    )
    text = out.read_text(encoding="utf-8")
    assert "Machine:" in text
    for operation in ("import a", "rank a round, zscore", "rank --json", "report", "commit"):
        assert operation in text
    assert text.count("×") >= 6
