"""The judge's window, offscreen, in English unless a test asks: the hand-worked contest of
tests/cli with its written round's packages (cheap PIN cost), a judge played through the window."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from judging_app.services.packages import IssueResult
from judging_app.ui.i18n import install_language
from judging_app.ui.judge.opener import JudgeOpener
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.judge.window import JudgeWindow
from judging_app.ui.preferences import Preferences
from tests.packages.conftest import issue, make_contest, package


class FakeJudgeChooser:
    """Answers the judge's file questions from queues (None: the judge cancelled)."""

    def __init__(self) -> None:
        self.packages: list[Path | None] = []
        self.returns: list[Path | None] = []
        self.asked_names: list[str] = []

    def open_package(self, parent: QWidget | None) -> Path | None:
        return self.packages.pop(0) if self.packages else None

    def save_return(self, parent: QWidget | None, name: str) -> Path | None:
        self.asked_names.append(name)
        return self.returns.pop(0) if self.returns else None


@pytest.fixture(scope="session")
def issued_template(tmp_path_factory) -> tuple[Path, IssueResult]:
    """The contest with its packages issued, made once; each test gets a copy."""
    root = tmp_path_factory.mktemp("judge-template")
    db = make_contest(root / "contest")
    return root, issue(db, root / "packages")


@pytest.fixture
def contest_copy(issued_template, tmp_path) -> tuple[Path, IssueResult]:
    root, issued = issued_template
    copy = tmp_path / "issued"
    shutil.copytree(root, copy)
    moved = tuple(replace(p, file=copy / p.file.relative_to(root)) for p in issued.packages)
    return copy / "contest" / "contest.jdb", replace(
        issued, directory=copy / issued.directory.relative_to(root), packages=moved
    )


@pytest.fixture
def contest_db(contest_copy) -> Path:
    return contest_copy[0]


@pytest.fixture
def issued(contest_copy) -> IssueResult:
    return contest_copy[1]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def judge_chooser():
    return FakeJudgeChooser()


@pytest.fixture
def opener(qapp, settings, judge_chooser, tmp_path):
    install_language("en")
    preferences = Preferences(settings)
    preferences.language = "en"
    opener = JudgeOpener(
        preferences, JudgeSettings(settings), judge_chooser, data_dir=tmp_path / "laptop"
    )
    yield opener
    for widget in QApplication.topLevelWidgets():
        widget.close()
    install_language("en")


def pin_dialog(window: JudgeWindow):
    from judging_app.ui.judge.pin_dialog import PinDialog

    dialog = window.findChild(PinDialog)
    assert dialog is not None and dialog.isVisible(), "no PIN dialog is open"
    return dialog


def unlock(qtbot, window: JudgeWindow, pin: str) -> None:
    dialog = pin_dialog(window)
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    if window.session.unlocked:
        qtbot.waitUntil(window.isActiveWindow)  # the keyboard is back from the dialog


def sign_pledge(qtbot, window: JudgeWindow, name: str) -> None:
    page = window.pledge_page
    page.name.insert(name)  # Korean comes through the input method, not as key presses
    qtbot.keyClick(page.agree, Qt.Key.Key_Space)
    qtbot.mouseClick(page.sign_button, Qt.MouseButton.LeftButton)


def open_unlocked(qtbot, opener: JudgeOpener, issued, judge_id: str) -> JudgeWindow:
    """The judge's window on their package, PIN typed and pledge signed."""
    path, pin = package(issued, judge_id)
    window = opener.open(path)
    assert window is not None
    qtbot.waitUntil(lambda: pin_dialog(window).isActiveWindow())
    unlock(qtbot, window, pin)
    if window.stage() == "pledge":
        sign_pledge(qtbot, window, window.session.meta.judge_name)
    assert window.stage() == "work"
    return window


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget
