"""Progress and cancellation of long actions, without Qt (the window subscribes to it).

A long action takes a :class:`Progress`, reports its steps with :meth:`Progress.step` and calls
:meth:`Progress.check` where stopping is safe; a cancelled action raises :class:`Cancelled` there,
inside its transaction, so that it changes nothing. The window's worker calls
:meth:`Progress.cancel` from the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from judging_app.domain.messages import UserError, register

register(
    {"action.cancelled": ("취소되었습니다. 바뀐 것은 없습니다.", "cancelled; nothing changed")}
)

StepCallback = Callable[[int, int, str], None]


class Cancelled(UserError):
    """The user cancelled the action before it committed: nothing was changed."""

    def __init__(self) -> None:
        super().__init__("action.cancelled")


class Progress:
    """Steps done of a total (0: unknown) with a label; a cancel flag any thread may set."""

    def __init__(self, on_step: StepCallback | None = None) -> None:
        self._on_step = on_step
        self._cancelled = threading.Event()

    def step(self, done: int, total: int = 0, label: str = "") -> None:
        self.check()
        if self._on_step is not None:
            self._on_step(done, total, label)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled()
