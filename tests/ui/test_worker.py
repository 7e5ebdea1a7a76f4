"""Long work runs off the GUI thread: the event loop keeps turning, and Cancel stops it."""

import time

from PySide6.QtCore import QTimer

from judging_app.services.progress import Cancelled
from judging_app.ui.worker import Worker


def test_the_event_loop_turns_while_a_worker_runs(qtbot):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    steps = []

    def job(progress):
        for done in range(1, 31):
            time.sleep(0.01)
            progress.step(done, 30, "")
        return "done"

    worker = Worker(job)
    worker.progressed.connect(lambda done, total, label: steps.append(done))
    with qtbot.waitSignal(worker.succeeded, timeout=10000) as result:
        worker.start()
    timer.stop()
    assert result.args == ["done"]
    assert len(ticks) >= 5  # the GUI thread kept handling events
    qtbot.waitUntil(lambda: len(steps) == 30)
    assert steps == list(range(1, 31))


def test_cancel_stops_the_job_at_its_next_check(qtbot):
    def job(progress):
        while True:
            progress.check()
            time.sleep(0.005)

    worker = Worker(job)
    with qtbot.waitSignal(worker.failed, timeout=10000) as failure:
        worker.start()
        worker.cancel()
    assert isinstance(failure.args[0], Cancelled)
    qtbot.waitUntil(lambda: not worker.running)
