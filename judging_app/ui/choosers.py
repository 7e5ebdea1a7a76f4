"""Every file and folder the window asks the user for, in one place (tests give their own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from judging_app.ui.preferences import Preferences


class FileChooser:
    """Standard file dialogs that start in the folder used last."""

    def __init__(self, preferences: Preferences) -> None:
        self._preferences = preferences

    def _start(self, name: str = "") -> str:
        folder = self._preferences.last_folder() or str(Path.home())
        return str(Path(folder) / name) if name else folder

    def _remember(self, path: str) -> Path | None:
        if not path:
            return None
        chosen = Path(path)
        self._preferences.set_last_folder(chosen.parent if chosen.suffix else chosen)
        return chosen

    def open_config(self, parent: QWidget) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("FileChooser", "Contest configuration"),
            self._start(),
            QCoreApplication.translate("FileChooser", "Contest configuration (*.toml)"),
        )
        return self._remember(path)

    def save_database(self, parent: QWidget, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FileChooser", "New contest database"),
            self._start(name),
            QCoreApplication.translate("FileChooser", "Contest database (*.jdb)"),
        )
        if path and not path.endswith(".jdb"):
            path += ".jdb"
        return self._remember(path)

    def open_database(self, parent: QWidget) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("FileChooser", "Open a contest"),
            self._start(),
            QCoreApplication.translate("FileChooser", "Contest database (*.jdb)"),
        )
        return self._remember(path)

    def open_tables(self, parent: QWidget, title: str, *, multiple: bool = False) -> list[Path]:
        kinds = QCoreApplication.translate("FileChooser", "Tables (*.xlsx *.xlsm *.csv)")
        if multiple:
            paths, _ = QFileDialog.getOpenFileNames(parent, title, self._start(), kinds)
        else:
            path, _ = QFileDialog.getOpenFileName(parent, title, self._start(), kinds)
            paths = [path] if path else []
        for path in paths[:1]:
            self._remember(path)
        return [Path(p) for p in paths]

    def open_packages(self, parent: QWidget) -> list[Path]:
        paths, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("FileChooser", "Returned judge packages"),
            self._start(),
            QCoreApplication.translate("FileChooser", "Judge packages (*.jpkg)"),
        )
        for path in paths[:1]:
            self._remember(path)
        return [Path(p) for p in paths]

    def choose_folder(self, parent: QWidget, title: str) -> Path | None:
        path = QFileDialog.getExistingDirectory(parent, title, self._start())
        return self._remember(path)

    def save_report(self, parent: QWidget, name: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FileChooser", "Export the report"),
            self._start(name),
            QCoreApplication.translate("FileChooser", "Excel workbook (*.xlsx)"),
        )
        if path and not path.endswith(".xlsx"):
            path += ".xlsx"
        return self._remember(path)

    def save_sheets(self, parent: QWidget, name: str) -> Path | None:
        path, chosen = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("FileChooser", "Blank score sheets"),
            self._start(name),
            ";;".join(
                (
                    QCoreApplication.translate("FileChooser", "PDF (*.pdf)"),
                    QCoreApplication.translate("FileChooser", "Excel workbook (*.xlsx)"),
                )
            ),
        )
        if path and not path.lower().endswith((".pdf", ".xlsx")):
            path += ".xlsx" if "xlsx" in chosen else ".pdf"
        return self._remember(path)

    def show(self, path: Path) -> None:
        """Open a file or folder the app wrote (PIN slips, a report) in the system's program."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
