"""One writer at a time: an operating-system lock on a file beside the contest database.

``contest.jdb`` is locked through ``contest.jdb.lock``: ``fcntl.flock`` on POSIX, ``msvcrt.locking``
on Windows. The operating system releases the lock when its holder exits or is killed, so a crash
never leaves a stale lock behind; the lock file itself stays (removing it would race with a
process about to lock it). The holder writes who it is (user, computer, process, since when) into
the file, so that a refused writer can say who is writing.

A secretariat window holds the lock for as long as the contest is open; a command holds it for
its one action. SQLite's own locking (``busy_timeout``) still guards every transaction; this lock
keeps two *sessions* from interleaving their actions, which SQLite alone would allow.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from judging_app.domain.messages import UserError, register, text

LOCK_SUFFIX = ".lock"
_POLL_SECONDS = 0.05
#: Windows locks a byte range for real (reads of it fail): lock a byte far past the holder text.
_WINDOWS_LOCK_OFFSET = 1 << 20

register(
    {
        "lock.busy": (
            "{file}: {holder}이(가) 이 대회 데이터베이스를 쓰고 있습니다. 그 작업이 끝난 뒤 "
            "다시 시도하거나 읽기 전용으로 여십시오",
            "{file}: {holder} is writing to this contest database; try again when that is "
            "done, or open it read-only",
        ),
        "lock.unavailable": (
            "{file}: 쓰기 잠금 파일을 만들 수 없습니다 ({detail})",
            "{file}: cannot create its lock file ({detail})",
        ),
        "lock.holder": (
            "{user}@{host} (프로세스 {pid}, {since}부터)",
            "{user}@{host} (process {pid}, since {since})",
        ),
        "lock.someone": ("다른 프로그램", "another program"),
    }
)


class LockBusy(UserError):
    """Another process holds the writer lock; ``holder`` says who, as well as it is known."""

    def __init__(self, file: object, holder: str) -> None:
        super().__init__("lock.busy", file=file, holder=holder)
        self.holder = holder


@dataclass(frozen=True)
class Holder:
    pid: int
    user: str
    host: str
    since: datetime

    def line(self) -> str:
        return f"{self.pid}\t{self.user}\t{self.host}\t{self.since.isoformat()}\n"

    def describe(self) -> str:
        since = self.since.astimezone().strftime("%Y-%m-%d %H:%M")
        return text("lock.holder", user=self.user, host=self.host, pid=self.pid, since=since)


def lock_file_for(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


class WriterLock:
    """The writer lock of one contest database, held until :meth:`release`."""

    def __init__(self, database: Path, handle: BinaryIO) -> None:
        self.database = database
        self._handle: BinaryIO | None = handle

    @classmethod
    def acquire(cls, database: Path, *, wait: float = 0.0, shown: object = None) -> WriterLock:
        """Lock ``database`` for writing, waiting up to ``wait`` seconds for another writer.

        Raises :class:`LockBusy` naming the holder when the lock stays taken, and ``UserError``
        when the lock file cannot be created (a read-only folder).
        """
        shown = database.name if shown is None else shown
        path = lock_file_for(database)
        try:
            handle: BinaryIO = open(path, "a+b")  # noqa: SIM115 - held until release()
        except OSError as error:
            raise UserError("lock.unavailable", file=shown, detail=error.strerror) from error
        deadline = time.monotonic() + max(0.0, wait)
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                handle.close()
                raise LockBusy(shown, describe_holder(database))
            time.sleep(_POLL_SECONDS)
        _write_holder(handle)
        return cls(database, handle)

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            handle.close()

    def __enter__(self) -> WriterLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def is_locked(database: Path) -> bool:
    """Whether another open handle holds the writer lock of ``database`` now."""
    path = lock_file_for(database)
    if not path.exists():
        return False
    try:
        with open(path, "a+b") as handle:
            if _try_lock(handle):
                _unlock(handle)
                return False
            return True
    except OSError:
        return False


def describe_holder(database: Path) -> str:
    """Who holds the lock, as written in the lock file ("another program" when unknown)."""
    try:
        raw = lock_file_for(database).read_bytes()[:1024].decode("utf-8")
        pid, user, host, since = raw.splitlines()[0].split("\t")
        return Holder(int(pid), user, host, datetime.fromisoformat(since)).describe()
    except (OSError, ValueError, IndexError):
        return text("lock.someone")


def _write_holder(handle: BinaryIO) -> None:
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "?"
    holder = Holder(os.getpid(), user, socket.gethostname(), datetime.now().astimezone())
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(holder.line().encode("utf-8"))
        handle.flush()
    except OSError:
        pass  # the lock holds all the same; only the name of its holder is lost


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: BinaryIO) -> bool:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: BinaryIO) -> None:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: BinaryIO) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: BinaryIO) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


__all__ = ["LOCK_SUFFIX", "LockBusy", "WriterLock", "describe_holder", "is_locked", "lock_file_for"]
