"""The judge's window's menus: the file, moving between cases, the text size, the language.

Each action shows its key in the menu, so the keys of the session are written down twice: here
and under the score panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

if TYPE_CHECKING:
    from judging_app.ui.judge.window import JudgeWindow


class JudgeMenus(QObject):
    def __init__(self, window: JudgeWindow, language: str) -> None:
        super().__init__(window)
        self._window = window
        file_menu = window.menuBar().addMenu(self.tr("&File"))
        open_other = self._action(self.tr("&Open another package…"), "Ctrl+O")
        open_other.triggered.connect(lambda: window.open_requested.emit(None))
        self.save = self._action(self.tr("&Save a copy for the secretariat…"), "Ctrl+Shift+S")
        self.save.triggered.connect(window.save_return)
        close = self._action(self.tr("&Close"), "Ctrl+W")
        close.triggered.connect(window.close)
        file_menu.addActions([open_other, self.save])
        file_menu.addSeparator()
        file_menu.addAction(close)
        cases = window.menuBar().addMenu(self.tr("&Cases"))
        self.next = self._action(self.tr("&Next case"), "Ctrl+Down")
        self.next.triggered.connect(lambda: window.go(1))
        self.previous = self._action(self.tr("&Previous case"), "Ctrl+Up")
        self.previous.triggered.connect(lambda: window.go(-1))
        self.overview = self._action(self.tr("&Overview of my scores"), "Ctrl+L")
        self.overview.triggered.connect(lambda: window.tabs.setCurrentWidget(window.overview))
        self.submit = self._action(self.tr("Su&bmit…"), None)
        self.submit.triggered.connect(window.submit)
        cases.addActions([self.next, self.previous, self.overview])
        cases.addSeparator()
        cases.addAction(self.submit)
        view = window.menuBar().addMenu(self.tr("&View"))
        self.larger = self._action(self.tr("&Larger text"), "Ctrl++")
        self.larger.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.larger.triggered.connect(lambda: window.scoring.pane.zoom(1))
        self.smaller = self._action(self.tr("&Smaller text"), "Ctrl+-")
        self.smaller.triggered.connect(lambda: window.scoring.pane.zoom(-1))
        view.addActions([self.larger, self.smaller])
        language_menu = window.menuBar().addMenu(self.tr("&Language"))
        group = QActionGroup(window)
        for code, name in (("ko", "한국어"), ("en", "English")):
            action = QAction(name, window, checkable=True, checked=code == language)
            action.triggered.connect(lambda _=False, c=code: window.language_requested.emit(c))
            group.addAction(action)
            language_menu.addAction(action)
        self._working = [self.save, self.next, self.previous, self.overview, self.submit]
        self._working += [self.larger, self.smaller]

    def _action(self, text: str, keys: str | None) -> QAction:
        action = QAction(text, self._window)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        return action

    def set_working(self, working: bool) -> None:
        """Before the PIN and the pledge, only opening, closing and the language are reachable."""
        for action in self._working:
            action.setEnabled(working)
        if working:
            submitted = self._window.session.status == "submitted"
            self.save.setEnabled(submitted)
            self.submit.setEnabled(not submitted)
