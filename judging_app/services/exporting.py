"""Export the report so that a cancelled or failed export leaves the chosen file as it was."""

from __future__ import annotations

import os
from pathlib import Path

from judging_app.services.contest import Contest
from judging_app.services.progress import Progress
from judging_app.services.reporting import export_report


def export_report_file(contest: Contest, out: Path, progress: Progress | None = None) -> Path:
    """Write the report beside ``out`` under a temporary name, then put it in place at once."""
    progress = progress or Progress()
    partial = out.with_name(f"~{out.stem}.partial{out.suffix or '.xlsx'}")
    try:
        progress.step(0, 2)
        written = export_report(contest, partial)
        progress.step(1, 2)
        os.replace(written, out)
        progress.step(2, 2)
    finally:
        partial.unlink(missing_ok=True)
    return out
