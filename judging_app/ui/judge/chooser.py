"""The files the judge's window asks for: a package to open, where to save the return copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from judging_app.ui.preferences import Preferences

SUFFIX = ".jpkg"


class JudgeChooser:
    """Standard file dialogs that start in the folder used last (tests give their own)."""

    def __init__(self, preferences: Preferences) -> None:
        self._preferences = preferences

    def _start(self, name: str = "") -> str:
        folder = self._preferences.last_folder() or str(Path.home())
        return str(Path(folder) / name) if name else folder

    def _remember(self, path: str) -> Path | None:
        if not path:
            return None
        chosen = Path(path)
        self._preferences.set_last_folder(chosen.parent)
        return chosen

    def open_package(self, parent: QWidget | None) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("JudgeChooser", "Open a judge package"),
            self._start(),
            QCoreApplication.translate("JudgeChooser", "Judge package (*.jpkg)"),
        )
        return self._remember(path)

    def save_return(self, parent: QWidget | None, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("JudgeChooser", "Save a copy for the secretariat"),
            self._start(name),
            QCoreApplication.translate("JudgeChooser", "Judge package (*.jpkg)"),
        )
        if path and not path.endswith(SUFFIX):
            path += SUFFIX
        return self._remember(path)
