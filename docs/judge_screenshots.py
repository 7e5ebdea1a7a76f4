"""Screenshots of the judge's window on the demo contest (run under Xvfb for real fonts):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/judge_screenshots.py OUT [ko|en]

(QT_SCALE_FACTOR=2 and a larger screen for the high-DPI look; SHOTS_ONLY_SCORING=1 stops after
the scoring page.)

Writes the demo contest, issues the written round's packages and plays judge J04 (who has an
automatic conflict): PIN (a wrong one first), pledge, a few cases scored with the keyboard, a
refused value, a declared conflict, the overview, the review, submitted, saved for the
secretariat. Each screen is grabbed at 1280x720.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from judging_app.exchange.package_keys import KdfCost
from judging_app.services.contest import Contest
from judging_app.services.demo import write_demo_contest
from judging_app.services.judge_views import CaseStatus, case_rows
from judging_app.ui.i18n import install_language
from judging_app.ui.judge.conflict_dialog import ConflictDialog
from judging_app.ui.judge.digest_dialog import DigestDialog
from judging_app.ui.judge.opener import JudgeOpener
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.preferences import Preferences

SIZE = (1280, 720)


class Chooser:
    def __init__(self, out: Path) -> None:
        self.out = out

    def open_package(self, parent: QWidget | None) -> Path | None:
        return None

    def save_return(self, parent: QWidget | None, name: str) -> Path | None:
        return self.out / name


def settle(app: QApplication, ms: int = 150) -> None:
    QTest.qWait(ms)
    app.processEvents()


def grab(widget: QWidget, out: Path, name: str) -> None:
    """Save ``widget`` as ``name.png``; a whole window's name says its size."""
    settle(QApplication.instance())  # type: ignore[arg-type]
    if widget.isWindow() and widget.width() >= SIZE[0]:
        name = f"{name}-{widget.width()}x{widget.height()}"
    widget.grab().save(str(out / f"{name}.png"))
    print("wrote", out / f"{name}.png")


def type_score(text: str) -> None:
    widget = QApplication.focusWidget()
    QTest.keyClicks(widget, text)


def main() -> None:
    out = Path(sys.argv[1]).resolve()
    language = sys.argv[2] if len(sys.argv) > 2 else "ko"
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="judge-shots-"))
    files = write_demo_contest(work / "demo")
    contest = Contest.create(work / "c.jdb", files.config)
    contest.import_cases(files.cases_xlsx)
    contest.import_judges(files.judges_xlsx)
    issued = contest.issue_packages("written", work / "pk", kdf_cost=KdfCost(n=2**10))
    contest.close()
    with (work / "pk" / "pins-written.csv").open(encoding="utf-8-sig") as file:
        pins = {r["judge_id"]: r["pin"] for r in csv.DictReader(file)}
    package = next(p.file for p in issued.packages if p.judge_id == "J04")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    preferences = Preferences(settings)
    preferences.language = language
    install_language(language)
    opener = JudgeOpener(
        preferences, JudgeSettings(settings), Chooser(out / "usb"), data_dir=work / "data"
    )
    (out / "usb").mkdir(exist_ok=True)
    window = opener.open(package)
    assert window is not None
    window.resize(*SIZE)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    settle(app, 300)
    pin = window.findChild(QWidget, "pinDialog")
    QTest.keyClicks(pin.pin, "000000")
    QTest.keyClick(pin.pin, Qt.Key.Key_Return)
    grab(pin, out, "judge-pin")
    QTest.keyClicks(pin.pin, pins["J04"])
    QTest.keyClick(pin.pin, Qt.Key.Key_Return)
    settle(app)
    page = window.pledge_page
    page.name.insert(window.session.meta.judge_name)  # typed through the IME
    page.agree.setChecked(True)
    grab(window, out, "judge-pledge")
    QTest.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    settle(app)
    grab(window, out, "judge-start")
    for values in (("32", "25", "24"), ("28", "22", "20"), ("35", "27", "26")):
        for value in values:
            type_score(value)
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier
        )
    type_score("45")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_score("22.5")
    grab(window, out, "judge-scoring")
    if os.environ.get("SHOTS_ONLY_SCORING"):
        return
    window.show_case("C09")
    grab(window, out, "judge-automatic-conflict")
    window.show_case("C11")
    type_score("30")
    window.scoring.panel.declare_button.click()
    dialog = window.findChild(ConflictDialog)
    dialog.reason.insertPlainText("2024년 이 사업의 자문위원으로 참여함")
    grab(dialog, out, "judge-conflict")
    dialog.declare_button.click()
    window.tabs.setCurrentWidget(window.overview)
    grab(window, out, "judge-overview")
    window.tabs.setCurrentWidget(window.scoring)
    review = window.submit()
    grab(review, out, "judge-review-refused")
    review.reject()
    session = window.session
    for number, row in enumerate(case_rows(session)):
        if row.status != CaseStatus.CONFLICT:
            for criterion in session.criteria:
                value = int(criterion.max) * (60 + (number * 7) % 35) // 100
                session.set_score(row.case_id, criterion.key, value)
    window.model.set_rows(case_rows(session))
    window.header.refresh()
    window.show_case("C13")
    grab(window, out, "judge-complete")
    review = window.submit()
    grab(review, out, "judge-review")
    review.sign_button.click()
    settle(app)
    done = [d for d in window.findChildren(DigestDialog) if d.isVisible()][-1]
    grab(done, out, "judge-submitted")
    done.accept()
    settle(app)
    saved = [d for d in window.findChildren(DigestDialog) if d.isVisible()][-1]
    grab(saved, out, "judge-saved")
    saved.accept()
    grab(window, out, "judge-after-submit")
    window.close()


if __name__ == "__main__":
    main()
