"""Nothing typed is lost: closing the window in the middle and opening the package again shows
every score and comment entered so far; killing the app (SIGKILL) loses no score it had shown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from judging_app.services.judge_session import JudgeSession
from tests.packages.conftest import package
from tests.ui.judge.conftest import focused, open_unlocked, pin_dialog, unlock

ROOT = Path(__file__).resolve().parents[3]


def test_closing_in_the_middle_and_opening_again_shows_every_entry(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J2")
    for value in ("32", "24", "24"):
        qtbot.keyClicks(focused(), value)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    window.scoring.panel.comment.insertPlainText("현장 적용이 빠름")
    qtbot.keyClick(focused(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(focused(), "28")  # C2 is left half done
    window.close()
    assert opener.window is None

    path, pin = package(issued, "J2")
    window = opener.open(path)
    assert window is not None and window.session.resumed
    qtbot.waitUntil(lambda: pin_dialog(window).isActiveWindow())
    unlock(qtbot, window, pin)
    assert window.stage() == "work"  # the pledge was signed before
    assert window.scoring.current_case == "C2"  # the first case still to score
    assert [e.edit.text() for e in window.scoring.panel.entries] == ["28", "", ""]
    window.show_case("C1")
    assert [e.edit.text() for e in window.scoring.panel.entries] == ["32", "24", "24"]
    assert window.scoring.panel.comment.toPlainText() == "현장 적용이 빠름"
    assert window.scoring.panel.total.text() == "Total 80 / 100"
    assert window.model.case_row("C2").status == "partly"


CHILD = """
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from judging_app.ui.i18n import install_language
from judging_app.ui.judge.opener import JudgeOpener
from judging_app.ui.judge.pin_dialog import PinDialog
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.preferences import Preferences

path, pin, data_dir, ini = sys.argv[1:5]
app = QApplication([])
install_language("en")
settings = QSettings(ini, QSettings.Format.IniFormat)
opener = JudgeOpener(Preferences(settings), JudgeSettings(settings), None, data_dir=Path(data_dir))
window = opener.open(Path(path))
dialog = window.findChild(PinDialog)
dialog.pin.setText(pin)
dialog.unlock_button.click()
if window.stage() == "pledge":
    window.pledge_page.name.setText("이영희")
    window.pledge_page.agree.setChecked(True)
    window.pledge_page.sign_button.click()
print("ready", flush=True)
step = 0
while True:
    panel = window.scoring.panel
    entry = panel.entries[step % len(panel.entries)]
    value = str(step % 21)
    print("typing", panel.case_id, entry.criterion.key, value, flush=True)
    entry.edit.selectAll()
    QTest.keyClicks(entry.edit, value)
    print("shown", flush=True)
    step += 1
    if step % len(panel.entries) == 0:
        QTest.keyClick(entry.edit, Qt.Key.Key_Return)
        if panel.case_id == window.session.cases[-1].case_id:
            window.show_case(window.session.cases[0].case_id)
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killing_the_window_loses_no_score_it_had_shown(issued, tmp_path):
    path, pin = package(issued, "J2")
    data_dir = tmp_path / "laptop"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), pin, str(data_dir), str(tmp_path / "s.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    lines = []
    try:
        ready = child.stdout.readline().strip()
        assert ready == "ready", child.stderr.read() if child.stderr else ready
        lines = [child.stdout.readline().strip() for _ in range(80)]  # a dozen cases and more
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    lines += child.stdout.read().splitlines()  # what it printed before it died, too
    shown: dict[tuple[str, str], Decimal] = {}
    typing: tuple[str, str, str] | None = None
    for line in lines:
        if line.startswith("typing"):
            typing = tuple(line.split()[1:])  # type: ignore[assignment]
        elif line == "shown" and typing is not None:
            shown[typing[:2]] = Decimal(typing[2])
            typing = None
    with JudgeSession.open(path, data_dir=data_dir) as session:
        assert session.resumed
        stored = {
            (c.case_id, k): v
            for c in session.cases
            for k, v in session.case(c.case_id).scores.items()
        }
    if typing is not None:  # killed while typing a value: it holds the old value or a prefix
        key, value = typing[:2], typing[2]
        assert str(stored.get(key)) in {str(shown.get(key)), *(value[:n] for n in range(1, 3))}
        shown.pop(key, None)
        stored.pop(key, None)
    assert len(shown) >= 5
    assert {k: stored.get(k) for k in shown} == shown
