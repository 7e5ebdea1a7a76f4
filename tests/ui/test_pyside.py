"""Guards against PySide6 releases whose bugs crash the window (see the pin in pyproject.toml)."""

import sys

from PySide6.QtCore import QObject, QThreadPool, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_emitting_a_signal_keeps_reference_counts(qapp):
    # PySide6 6.12.0 returned True from emit() without a new reference: each emit from Python
    # took one from True, and the interpreter aborted after a few thousand signals.
    emitter = _Emitter()
    received = []
    emitter.fired.connect(received.append)
    before = sys.getrefcount(True)
    for number in range(200):
        emitter.fired.emit(number)
    assert sys.getrefcount(True) - before >= 0
    assert len(received) == 200


def test_running_python_on_the_thread_pool_keeps_reference_counts(qapp):
    def job() -> None:
        return None

    before = sys.getrefcount(None)
    for _ in range(200):
        QThreadPool.globalInstance().start(job)
    QThreadPool.globalInstance().waitForDone()
    assert sys.getrefcount(None) - before > -50
