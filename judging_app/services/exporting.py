"""Export the report from the window: cancellable until the file is being written, not after."""

from __future__ import annotations

from pathlib import Path

from judging_app.services.contest import Contest
from judging_app.services.progress import Progress
from judging_app.services.reporting import export_report


class _UntilWritten:
    """Passes the export's steps on, and with them the chance to cancel, except the last one:
    once the report is written (and recorded for ``verify``), it stands."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress

    def step(self, done: int, total: int = 0, label: str = "") -> None:
        if total and done >= total:
            return
        self._progress.step(done, total, label)


def export_report_file(contest: Contest, out: Path, progress: Progress | None = None) -> Path:
    """Write the report to ``out``; a cancel before writing starts leaves ``out`` as it was."""
    return export_report(contest, out, progress=_UntilWritten(progress or Progress()))
