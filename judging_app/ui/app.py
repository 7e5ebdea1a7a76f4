"""The QApplication: settings, language, and the first window (the home screen, a contest, or a
judge package in the judge's window)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from judging_app.services.paths import APP_NAME, data_dir
from judging_app.store.address import ContestAddress
from judging_app.ui.choosers import FileChooser
from judging_app.ui.controller import AppController
from judging_app.ui.i18n import install_language
from judging_app.ui.icons import app_icon
from judging_app.ui.judge.chooser import JudgeChooser
from judging_app.ui.judge.entry import is_package
from judging_app.ui.judge.opener import JudgeOpener
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.preferences import Preferences


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName("심사 관리")
    QApplication.setDesktopFileName("judging-app")  # packaging/linux/judging-app.desktop
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())
    return app


def start(
    *,
    open_path: ContestAddress | None = None,
    demo: bool = False,
    settings: QSettings | None = None,
    demo_dir: Path | None = None,
    package_dir: Path | None = None,
) -> AppController:
    """Make the application's first window: a contest, a judge package, the demo, or the home
    screen. ``package_dir``: where judges' working copies go (the user's data directory)."""
    app = application()
    settings = settings if settings is not None else QSettings()
    preferences = Preferences(settings)
    install_language(preferences.language)
    controller = AppController(
        preferences, FileChooser(preferences), demo_dir or data_dir() / "demo"
    )
    judges = JudgeOpener(
        preferences, JudgeSettings(settings), JudgeChooser(preferences), data_dir=package_dir
    )
    controller.open_package = judges.open  # the controller keeps the opener alive
    file_opener = FileOpener(controller, judges)
    app.installEventFilter(file_opener)
    if open_path is not None:
        if not file_opener.open(open_path):
            controller.show_home()
    elif demo:
        controller.show_home()
        controller.open_demo()
    else:
        controller.show_home()
    return controller


class FileOpener(QObject):
    """Opens a file in its window: a judge package in the judge's window, else a contest. Also
    what macOS sends: Finder hands a double-clicked .jdb or .jpkg to the app as a file-open event,
    not as an argument (the event filter of the application)."""

    def __init__(self, controller: AppController, judges: JudgeOpener) -> None:
        super().__init__(controller)
        self._controller = controller
        self._judges = judges

    def open(self, path: ContestAddress) -> bool:
        if isinstance(path, Path) and is_package(path):
            return self._judges.open(path) is not None
        return self._controller.open_contest(path) is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self.open(Path(event.file()))
            return True
        return False


EXIT_AT_FIRST_PAINT = "JUDGING_APP_EXIT_AT_FIRST_PAINT"
"""When set, the app exits as soon as its first window has painted (``bench/run.py`` times the
secretariat's window from process start to first paint this way)."""


class _ExitAtFirstPaint(QObject):
    """Quits the process once the first window's first paint has been delivered."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            QTimer.singleShot(0, _exit_now)  # after this paint and the rest of its window's
        return False


def _exit_now() -> None:
    sys.stdout.flush()
    os._exit(0)


def run(*, open_path: ContestAddress | None = None, demo: bool = False) -> int:
    app = application()
    if os.environ.get(EXIT_AT_FIRST_PAINT):
        app.installEventFilter(_ExitAtFirstPaint(app))
    controller = start(open_path=open_path, demo=demo)  # owns the windows while the app runs
    app.setQuitOnLastWindowClosed(True)
    code = app.exec()
    controller.deleteLater()
    return code
