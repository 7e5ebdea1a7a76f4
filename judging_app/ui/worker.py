"""Run one long action off the GUI thread and hear about it through signals.

The action is a plain function of a :class:`~judging_app.services.progress.Progress` (Qt-free);
it runs on Qt's global thread pool. Its progress, result and failure come back as signals
delivered on the GUI thread, so the window never freezes and never touches a widget from the
worker. :meth:`Worker.cancel` sets the Progress's flag; the service stops at its next check and
rolls back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from judging_app.services.progress import Progress

Job = Callable[[Progress], object]


class Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    """The exception the action raised (a ``Cancelled`` when the user cancelled it)."""
    finished = Signal()

    # Emitted on the worker thread; delivered (queued) to this object on the GUI thread.
    _stepped = Signal(int, int, str)
    _returned = Signal(object)
    _raised = Signal(object)

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.progress = Progress(self._stepped.emit)
        self.running = False
        self._stepped.connect(self.progressed)
        self._returned.connect(self._on_returned)
        self._raised.connect(self._on_raised)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._run)

    def cancel(self) -> None:
        self.progress.cancel()

    def _run(self) -> None:  # on the worker thread
        try:
            result = self._job(self.progress)
        except Exception as error:
            self._raised.emit(error)
        else:
            self._returned.emit(result)

    @Slot(object)
    def _on_returned(self, result: object) -> None:
        self.running = False
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_raised(self, error: object) -> None:
        self.running = False
        self.failed.emit(error)
        self.finished.emit()
