"""Window tests: offscreen, in English (the source texts); the test answers the file dialogs."""

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from judging_app.services.demo import write_demo_contest
from judging_app.ui.controller import AppController
from judging_app.ui.i18n import install_language
from judging_app.ui.preferences import Preferences


class FakeChooser:
    """Answers the window's file questions from a queue per question (None: the user cancelled)."""

    def __init__(self) -> None:
        self.answers: dict[str, list[object]] = defaultdict(list)
        self.shown: list[Path] = []

    def answer(self, question: str, value: object) -> None:
        self.answers[question].append(value)

    def _next(self, question: str) -> object:
        return self.answers[question].pop(0) if self.answers[question] else None

    def open_config(self, parent):
        return self._next("open_config")

    def save_database(self, parent, name):
        return self._next("save_database")

    def open_database(self, parent):
        return self._next("open_database")

    def open_tables(self, parent, title, *, multiple=False):
        return self._next("open_tables") or []

    def open_packages(self, parent):
        return self._next("open_packages") or []

    def choose_folder(self, parent, title):
        return self._next("choose_folder")

    def save_report(self, parent, name):
        return self._next("save_report")

    def save_sheets(self, parent, name):
        return self._next("save_sheets")

    def show(self, path):
        self.shown.append(path)


@pytest.fixture(scope="session")
def demo_files(tmp_path_factory):
    return write_demo_contest(tmp_path_factory.mktemp("demo-files"))


@pytest.fixture
def chooser():
    return FakeChooser()


@pytest.fixture
def preferences(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return Preferences(settings)


@pytest.fixture
def controller(qapp, preferences, chooser, tmp_path):
    preferences.language = "en"
    install_language("en")
    controller = AppController(preferences, chooser, tmp_path / "demo")
    yield controller
    for widget in QApplication.topLevelWidgets():
        widget.close()
    if controller.window is not None:
        controller.window.contest.close()
    install_language("en")


def wait_idle(qtbot, window) -> None:
    """Until no worker of the window runs (imports, exports)."""
    qtbot.waitUntil(lambda: not window.busy(), timeout=30000)


def find_dialog(kind):
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert found, f"no {kind.__name__} is open"
    return found[-1]


def path_of(value: str) -> Path:
    return Path(value)
