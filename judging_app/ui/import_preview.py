"""Import a table through a preview: every refusal by row and column before anything is written.

The dialog first runs the service's check (the same import, rolled back) on a worker thread. If
the file is refused it lists every problem and offers nothing to import; otherwise it says what
the import would add and change, and Import runs the real import, cancellable until it commits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError, language
from judging_app.exchange.tables import LOCATION_EN, LOCATION_KO
from judging_app.services.contest import Contest, ImportCheck, ImportResult
from judging_app.services.progress import Cancelled, Progress
from judging_app.ui.alerts import show_error
from judging_app.ui.table_model import Column, RowTableModel
from judging_app.ui.table_view import fit_columns, make_table_view
from judging_app.ui.translate import QT_TRANSLATE_NOOP
from judging_app.ui.worker import Worker


def problem_text(error: UserError) -> str:
    """The refusal without its location when the location has columns of its own."""
    message = str(error)
    template = LOCATION_KO if language() == "ko" else LOCATION_EN
    try:
        location = template.format(**error.params)
    except (KeyError, IndexError):
        return message
    return message.removeprefix(location + ": ")


FILE_COLUMN: Column[UserError] = Column(
    QT_TRANSLATE_NOOP("Columns", "File"), lambda e: str(e.params.get("file", ""))
)
PROBLEM_COLUMNS: tuple[Column[UserError], ...] = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Row"),
        lambda e: e.params.get("row") if isinstance(e.params.get("row"), int) else None,
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Column"),
        lambda e: f"{e.params.get('column', '')}{e.params.get('cell', '')}",  # votes (B3)
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "Problem"), problem_text, tooltip=str),
)


def result_line(widget: QWidget, result: object) -> str:
    """One line per imported file: a table's rows, or a judge package's judge and revision."""
    if isinstance(result, ImportResult):
        return (
            widget.tr("%1: %2 rows, %3 new, %4 changed")
            .replace("%1", result.file)
            .replace("%2", str(result.rows))
            .replace("%3", str(result.added))
            .replace("%4", str(result.changed))
        )
    values = vars(result)
    return (
        widget.tr("%1: package of %2 %3, revision %4: %5 scores, %6 new, %7 changed")
        .replace("%1", str(values.get("file", "")))
        .replace("%2", str(values.get("judge_id", "")))
        .replace("%3", str(values.get("judge_name", "")))
        .replace("%4", str(values.get("revision", "")))
        .replace("%5", str(values.get("scores", "")))
        .replace("%6", str(values.get("added", "")))
        .replace("%7", str(values.get("changed", "")))
    )


class ImportPreviewDialog(QDialog):
    imported = Signal(object)
    """The list of :class:`ImportResult` once the import has committed."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        contest: Contest,
        files: Sequence[Path],
        check: Callable[[], ImportCheck],
        run: Callable[[], Sequence[object]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importPreview")
        self.setWindowTitle(title)
        self.resize(900, 480)
        self._contest = contest
        self._check = check
        self._run = run
        self._worker: Worker | None = None
        self.problems: tuple[UserError, ...] = ()
        names = ", ".join(p.name for p in files)
        heading = QLabel(self.tr("File: %1").replace("%1", names))
        heading.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        columns = (FILE_COLUMN, *PROBLEM_COLUMNS) if len(files) > 1 else PROBLEM_COLUMNS
        self.model: RowTableModel[UserError] = RowTableModel(columns, self)
        self.table = make_table_view(self.model)
        self.table.setObjectName("problemsTable")
        self.table.setWordWrap(True)
        self.table.hide()
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setObjectName("closeButton")
        self.import_button.clicked.connect(self._start_import)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Show the dialog and check the files."""
        self.open()
        self.status.setText(self.tr("Checking every row… nothing is written yet."))

        def job(progress: Progress) -> object:
            with self._contest.cancellable(progress):
                return self._check()

        self._launch(job, self._checked)

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.running

    def _launch(self, job: Callable[[Progress], object], done: Callable[[object], None]) -> None:
        self.bar.show()
        self._worker = Worker(job, self)
        self._worker.succeeded.connect(done)
        self._worker.failed.connect(self._failed)
        self._worker.start()

    def _checked(self, result: object) -> None:
        assert isinstance(result, ImportCheck)
        self.bar.hide()
        if result.problems:
            self.problems = result.problems
            self.model.set_rows(result.problems)
            self.table.show()
            fit_columns(self.table, stretch=self.model.columnCount() - 1)
            self.table.resizeRowsToContents()
            self.status.setText(
                self.tr(
                    "The file is refused: %1 problem(s), listed below. Nothing was written. "
                    "Correct the file and import it again."
                ).replace("%1", str(len(result.problems)))
            )
            self.close_button.setText(self.tr("Close"))
            return
        self.status.setText(
            self.tr("Every row can be imported:") + "\n" + self._summary(result.results)
        )
        self.import_button.setEnabled(True)
        self.import_button.setDefault(True)

    def _summary(self, results: Sequence[object]) -> str:
        return "\n".join(result_line(self, r) for r in results)

    def _start_import(self) -> None:
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Importing…"))

        def job(progress: Progress) -> object:
            with self._contest.cancellable(progress):
                return list(self._run())

        self._launch(job, self._done)

    def _done(self, results: object) -> None:
        assert isinstance(results, list)
        self.imported.emit(results)
        self.accept()

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.bar.hide()
        if isinstance(error, Cancelled):
            self.status.setText(str(error))
            super().reject()
            return
        if isinstance(error, UserError) and hasattr(error, "problems"):
            self._checked(ImportCheck((), error.problems))
            return
        self.status.setText(str(error))
        self.close_button.setText(self.tr("Close"))
        show_error(self, self.windowTitle(), error)

    def reject(self) -> None:
        if self.busy and self._worker is not None:
            self._worker.cancel()  # the worker reports Cancelled, which closes the dialog
            self.close_button.setEnabled(False)
            return
        super().reject()
