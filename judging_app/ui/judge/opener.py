"""Opening a judge package: from the command line, the home screen, a recent file or a drop.

The opener owns the judge's window (one at a time) and its session; it remembers the working
copy in the recent files, so that the judge can come back to it without the USB stick.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from judging_app.services.judge_session import JudgeSession
from judging_app.ui.alerts import show_error
from judging_app.ui.i18n import install_language
from judging_app.ui.judge.chooser import JudgeChooser
from judging_app.ui.judge.settings import JudgeSettings
from judging_app.ui.judge.window import JudgeWindow
from judging_app.ui.preferences import Preferences


class JudgeOpener(QObject):
    window_closed = Signal()

    def __init__(
        self,
        preferences: Preferences,
        settings: JudgeSettings,
        chooser: JudgeChooser,
        *,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.preferences = preferences
        self.settings = settings
        self.chooser = chooser
        self.data_dir = data_dir
        self.window: JudgeWindow | None = None

    def open(self, path: Path | None, parent: QWidget | None = None) -> JudgeWindow | None:
        """Open ``path`` (or ask for a package) in the judge's window, and ask for its PIN."""
        parent = parent or self.window
        if path is None:
            path = self.chooser.open_package(parent)
            if path is None:
                return None
        if self.window is not None and self._same(path, self.window.session):
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        try:
            session = JudgeSession.open(path, data_dir=self.data_dir)
        except Exception as error:
            show_error(parent, self.tr("Open a judge package"), error)
            return None
        self.preferences.add_recent(session.working_path)
        window = self._replace(session)
        window.ask_pin()
        return window

    def _same(self, path: Path, session: JudgeSession) -> bool:
        try:
            resolved = path.resolve()
        except OSError:
            return False
        return resolved in (session.working_path.resolve(), session.source.resolve())

    def _replace(
        self, session: JudgeSession, *, stage_from: JudgeWindow | None = None
    ) -> JudgeWindow:
        old = self.window
        window = JudgeWindow(session, self.settings, self.chooser, self.preferences.language)
        window.open_requested.connect(lambda path: self.open(path, window))
        window.language_requested.connect(self.set_language)
        window.closed.connect(lambda: self._closed(window))
        self.window = window
        window.show()  # before the old one closes: the app always has a window
        if old is not None:
            if stage_from is not None:
                window.move(old.pos())
                window.resize(old.size())
            old.close()
        return window

    def _closed(self, window: JudgeWindow) -> None:
        if self.window is window:
            self.window = None
            self.window_closed.emit()

    def set_language(self, language: str) -> None:
        """Switch the language and rebuild the window in it, on the same (unlocked) session."""
        if language == self.preferences.language or self.window is None:
            return
        self.preferences.language = language
        install_language(language)
        old = self.window
        case_id = old.scoring.current_case
        old.keep_session = True
        window = self._replace(old.session, stage_from=old)
        if case_id is not None and window.stage() == "work":
            window.show_case(case_id)
        if not window.session.unlocked:
            window.ask_pin()
