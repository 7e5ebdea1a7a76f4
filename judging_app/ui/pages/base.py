"""What every page of the contest window shares: the contest, the file chooser, a heading."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from judging_app.services.contest import Contest, ImportCheck
from judging_app.ui.choosers import FileChooser
from judging_app.ui.import_preview import ImportPreviewDialog


@dataclass(frozen=True)
class PageContext:
    contest: Contest
    chooser: FileChooser


class Page(QWidget):
    """A page shows one step; it emits ``changed`` after an action changed the contest."""

    changed = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.contest = context.contest
        self.dirty = True

    def refresh(self) -> None:
        """Read the contest again and show it."""
        self.dirty = False

    def status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    def preview_import(
        self,
        title: str,
        files: Sequence[Path],
        check: Callable[[], ImportCheck],
        run: Callable[[], Sequence[object]],
        done_text: str,
    ) -> ImportPreviewDialog:
        dialog = ImportPreviewDialog(self, title, self.contest, files, check, run)

        def imported(results: object) -> None:
            self.status(done_text)
            self.changed.emit()

        dialog.imported.connect(imported)
        dialog.start()
        return dialog

    def import_table(
        self,
        title: str,
        check: Callable[[Path], ImportCheck],
        run: Callable[[Path], object],
        done_template: str,
    ) -> ImportPreviewDialog | None:
        """Ask for one table file and import it through the preview."""
        files = self.context.chooser.open_tables(self, title)
        if not files:
            return None
        path = files[0]
        return self.preview_import(
            title,
            files,
            lambda: check(path),
            lambda: [run(path)],
            done_template.replace("%1", path.name),
        )


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    label.setFont(font)
    label.setObjectName("heading")
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("note")
    return label
