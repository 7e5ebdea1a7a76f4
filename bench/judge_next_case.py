"""How long the judge's window takes to move to the next case (target: at most 16 ms, a frame).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/judge_next_case.py [moves]

Sets up the demo contest, issues the written round's packages, opens judge J01's package (25
cases with the demo's long texts) in the judge's window, and presses Ctrl+Down over and over
(back to the top at the end of the list), pausing between moves as a judge would. Per move: the
key handler alone (the case read from the working copy, the text pane and the score panel
filled), the handler plus the event processing that lays out and paints the window, and the
same in CPU time of this process (steadier on a busy machine). Measured, not asserted.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from judging_app.exchange.package_keys import KdfCost
from judging_app.services.contest import Contest
from judging_app.services.demo import write_demo_contest
from judging_app.ui.i18n import install_language
from judging_app.ui.judge.chooser import JudgeChooser
from judging_app.ui.judge.opener import JudgeOpener
from judging_app.ui.judge.pin_dialog import PinDialog
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.preferences import Preferences

PAUSE_MS = 120


@dataclass(frozen=True)
class Moves:
    """Milliseconds per move."""

    handler: list[float]
    painted: list[float]
    cpu: list[float]


def measure_moves(moves: int, work: Path) -> Moves:
    """Open judge J01's package in the judge's window and move to the next case ``moves`` times.

    Each call works in a new folder under ``work``, so a kept bench folder can be measured again."""
    work = Path(tempfile.mkdtemp(prefix="next-case-", dir=work))
    files = write_demo_contest(work / "next-demo")
    contest = Contest.create(work / "next.jdb", files.config)
    contest.import_cases(files.cases_xlsx)
    contest.import_judges(files.judges_xlsx)
    issued = contest.issue_packages("written", work / "next-pk", kdf_cost=KdfCost(n=2**10))
    contest.close()
    judge = next(p for p in issued.packages if p.judge_id == "J01")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_language("ko")
    settings = QSettings(str(work / "next-settings.ini"), QSettings.Format.IniFormat)
    preferences = Preferences(settings)
    chooser = JudgeChooser(preferences)  # never asked: the package is given, nothing is saved
    opener = JudgeOpener(preferences, JudgeSettings(settings), chooser, data_dir=work / "next-data")
    window = opener.open(judge.file)
    assert window is not None
    window.resize(1280, 720)
    dialog = window.findChild(PinDialog)
    dialog.pin.setText(judge.pin)
    dialog.unlock_button.click()
    window.pledge_page.name.setText(judge.name)
    window.pledge_page.agree.setChecked(True)
    window.pledge_page.sign_button.click()
    QTest.qWait(200)
    handler: list[float] = []
    painted: list[float] = []
    cpu: list[float] = []
    rows = window.scoring.case_list.proxy.rowCount()
    for move in range(moves):
        if move % rows == rows - 1:
            window.show_case(window.session.cases[0].case_id)
            QTest.qWait(PAUSE_MS)
            continue
        target = window.focusWidget() or window
        start, start_cpu = time.perf_counter(), time.process_time()
        QTest.keyClick(target, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
        middle = time.perf_counter()
        app.processEvents()  # the layout and the painting (the neighbours are laid out later)
        end, end_cpu = time.perf_counter(), time.process_time()
        handler.append((middle - start) * 1000)
        painted.append((end - start) * 1000)
        cpu.append((end_cpu - start_cpu) * 1000)
        QTest.qWait(PAUSE_MS)  # a judge does not press keys faster than this
    window.close()
    return Moves(handler, painted, cpu)


def main() -> None:
    moves = measure_moves(
        int(sys.argv[1]) if len(sys.argv) > 1 else 200,
        Path(tempfile.mkdtemp(prefix="bench-judge-")),
    )
    for name, times in (
        ("key handler (wall)", moves.handler),
        ("handler + layout and paint (wall)", moves.painted),
        ("handler + layout and paint (CPU of this process)", moves.cpu),
    ):
        ordered = sorted(times)
        p95 = ordered[int(len(ordered) * 0.95) - 1]
        print(
            f"next case, {name}: median {statistics.median(times):.2f} ms, "
            f"95th percentile {p95:.2f} ms, max {max(times):.2f} ms ({len(times)} moves)"
        )
    print("target: at most 16 ms")


if __name__ == "__main__":
    main()
