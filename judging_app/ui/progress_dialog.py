"""A progress bar with a Cancel button over one :class:`~judging_app.ui.worker.Worker`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from judging_app.services.progress import Cancelled
from judging_app.ui.alerts import show_error
from judging_app.ui.worker import Job, Worker


class ProgressDialog(QDialog):
    """Shows what a worker is doing; Cancel asks it to stop (it changes nothing then)."""

    def __init__(self, parent: QWidget | None, title: str, worker: Worker) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._worker = worker
        self.label = QLabel(title)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self.accept)

    def _on_progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if label:
            self.label.setText(label)

    def _cancel(self) -> None:
        self._worker.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Cancelling…"))

    def reject(self) -> None:  # Esc or the window's close button: cancel, wait for the worker
        if self._worker.running:
            self._cancel()
        else:
            super().reject()


def run_in_background(
    parent: QWidget,
    title: str,
    job: Job,
    on_success: Callable[[object], None],
) -> Worker:
    """Run ``job`` on a worker thread behind a progress dialog; refusals are shown to the user."""
    worker = Worker(job, parent)
    dialog = ProgressDialog(parent, title, worker)

    def failed(error: object) -> None:
        assert isinstance(error, BaseException)
        if isinstance(error, Cancelled):
            window = parent.window()
            if isinstance(window, QMainWindow):
                window.statusBar().showMessage(str(error), 10000)
        else:
            show_error(parent, title, error)

    worker.succeeded.connect(on_success)
    worker.failed.connect(failed)
    worker.finished.connect(worker.deleteLater)
    worker.finished.connect(dialog.deleteLater)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    worker.start()
    return worker
