"""Keeping a contest database safe: one writer at a time, a backup before every change, a warning
about where the file lives, and bringing a backup back.

:class:`~judging_app.services.contest.Contest` opens and creates its database through
:func:`open_access` / :func:`create_access` and calls :func:`before_change` at the start of every
action (``Contest._action``), so that no action can forget the lock or the backup.

- ``read_only=False``: the writer lock is taken, waiting up to ``wait`` seconds for a command that
  holds it; when it stays taken the open is refused, naming who holds it.
- ``read_only=None`` (the window): the same, but instead of refusing the contest opens read-only,
  with a notice that says so and who is writing.
- ``read_only=True``: no lock; every connection refuses to write.

A contest on a PostgreSQL server has no lock file and no backups (they are the server's job,
``pg_dump``): several seats open it for writing at once, and each action takes the contest's
advisory lock inside its transaction instead (:meth:`Access.begin_action`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine

from judging_app.domain.messages import UserError, register
from judging_app.store import backups, server
from judging_app.store.address import ContestAddress, ServerAddress, parse_address
from judging_app.store.backups import Backup
from judging_app.store.engine import (
    DamagedDatabase,
    check_database_file,
    create_contest_database,
    open_contest_database,
)
from judging_app.store.location import Notice, location_notices
from judging_app.store.lock import LockBusy, WriterLock

__all__ = ["Access", "DamagedDatabase", "RestoreResult", "before_change", "open_access", "restore"]

_log = logging.getLogger(__name__)

#: Actions that are not preceded by a backup: a new file, recording a written report, and a value
#: typed into a paper sheet's entry grid (each is kept in the entries' history; a backup per
#: keystroke would copy the whole file hundreds of times an evening).
NO_BACKUP = frozenset({"init", "record-report", "enter-sheet-values"})

register(
    {
        "access.read_only_busy": (
            "{file}: {holder}이(가) 쓰고 있어 읽기 전용으로 열었습니다. 바꾸려면 그 작업이 "
            "끝난 뒤 다시 여십시오",
            "{file}: opened read-only because {holder} is writing to it; to make changes, "
            "open it again when that is done",
        ),
        "access.read_only_unlockable": (
            "{file}: 쓰기 잠금을 걸 수 없어 읽기 전용으로 열었습니다 ({detail})",
            "{file}: opened read-only because it cannot be locked for writing ({detail})",
        ),
        "access.refused_read_only": (
            "{file}: 읽기 전용으로 열려 있어 바꿀 수 없습니다",
            "{file}: open read-only; nothing can be changed",
        ),
        "restore.not_found": (
            '{file}: 백업 "{backup}"이(가) 없습니다 (judging-app backups로 목록을 보십시오)',
            '{file}: no backup "{backup}" (list them with judging-app backups)',
        ),
    }
)


#: Seconds an action on a server waits at least for another seat's action to finish.
SERVER_WAIT = 300.0


@dataclass(frozen=True)
class Access:
    """An open contest database: its engine, the writer lock (None: read-only), and notices.
    On a server (``server`` set) there is no lock file: ``server_writable`` says whether it may
    write, and each action locks the contest in its own transaction."""

    engine: Engine
    lock: WriterLock | None
    notices: tuple[Notice, ...]
    server: ServerAddress | None = None
    server_writable: bool = False
    wait: float = SERVER_WAIT

    @property
    def read_only(self) -> bool:
        if self.server is not None:
            return not self.server_writable
        return self.lock is None

    def begin_action(
        self, connection: Connection, on_wait: Callable[[str], None] | None = None
    ) -> None:
        """At the start of an action's transaction: on a server, wait for other seats' actions
        (``on_wait`` hears that it waits); a file is locked for the whole session already."""
        if self.server is not None:
            server.lock_for_change(connection, self.server, wait=self.wait, on_wait=on_wait)

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()


@dataclass(frozen=True)
class RestoreResult:
    restored: Path
    #: The current file as it was before the restore: a new backup, or (when it was damaged) the
    #: copy kept aside; None when there was no file.
    saved: Path | None


def open_access(
    path: ContestAddress, *, read_only: bool | None = None, wait: float = 0.0
) -> Access:
    """Open the contest database at ``path`` (see the module's docstring for ``read_only``)."""
    if isinstance(path, ServerAddress):
        engine = open_contest_database(path, read_only=bool(read_only))
        return Access(engine, None, (), path, not read_only, max(wait, SERVER_WAIT))
    notices = tuple(location_notices(path, shown=path.name))
    if read_only or not path.exists():  # a missing file is refused without a lock file beside it
        return Access(open_contest_database(path, read_only=True), None, notices)
    lock, notice = _lock_or_notice(path, read_only=read_only, wait=wait)
    if lock is None:
        engine = open_contest_database(path, read_only=True)
        return Access(engine, None, (*notices, *((notice,) if notice else ())))
    try:
        engine = open_contest_database(path)
    except BaseException:
        lock.release()
        raise
    return Access(engine, lock, notices)


def create_access(
    path: ContestAddress, *, fill: Callable[[Connection], None] | None = None
) -> Access:
    """Create a new contest database at ``path``, holding its writer lock; ``fill`` writes rows
    into it in the creating transaction (see ``create_contest_database``)."""
    if isinstance(path, ServerAddress):
        return Access(create_contest_database(path, fill=fill), None, (), path, True)
    notices = tuple(location_notices(path, shown=path.name))
    if path.exists():  # refused by the engine, before a lock file is left beside someone's file
        return Access(create_contest_database(path, fill=fill), None, notices)
    lock = WriterLock.acquire(path)
    try:
        return Access(create_contest_database(path, fill=fill), lock, notices)
    except BaseException:
        lock.release()
        raise


def before_change(
    path: ContestAddress, access: Access, kind: str, *, dry_run: bool = False
) -> None:
    """What every action does before its transaction: refuse when read-only, back up the file
    (not a database on a server: that is the server's job)."""
    if access.read_only:
        raise UserError("access.refused_read_only", file=path.name)
    if dry_run or kind in NO_BACKUP or isinstance(path, ServerAddress):
        return
    backup = backups.take_backup(path, kind, shown=path.name)
    _log.info("backed up %s to %s before %s", path, backup.path, kind)


def caller_action(depth: int = 2) -> str:
    """The name of the method that started an action, as a backup reason (``import_cases`` →
    ``import-cases``). ``depth`` counts the frames between here and that method."""
    frame = sys._getframe(depth + 1)
    return frame.f_code.co_name.strip("_").replace("_", "-") or "change"


def list_backups(path: ContestAddress) -> list[Backup]:
    """The backups of the contest database at ``path``, newest first (refused on a server)."""
    return backups.list_backups(_file(path))


def _file(path: ContestAddress) -> Path:
    """``path``, when it is a file: a database on a server has no backups here."""
    if isinstance(path, ServerAddress):
        raise UserError("server.backups", database=path.name)
    return path


def address(text: str | ContestAddress) -> ContestAddress:
    """The contest database a verb or the window was given: a path or a server's URL."""
    return parse_address(text)


def find_backup(path: ContestAddress, name: str) -> Path:
    """A backup named as ``judging-app backups`` lists it, or given by its path."""
    path = _file(path)
    given = Path(name)
    for candidate in (given, backups.backup_dir(path) / given.name):
        if candidate.is_file():
            return candidate
    raise UserError("restore.not_found", file=path.name, backup=name)


def restore(path: ContestAddress, backup: Path, *, wait: float = 0.0) -> RestoreResult:
    """Bring ``backup`` back as the contest database at ``path``, backing up the current file
    first (a damaged one is copied aside instead). Holds the writer lock throughout."""
    path = _file(path)
    problem = check_database_file(backup)
    if problem:
        raise UserError("backup.bad", file=backup.name, detail=problem)
    with WriterLock.acquire(path, wait=wait, shown=path.name):
        saved: Path | None = None
        healthy = False
        if path.exists():
            healthy = not check_database_file(path)
            if healthy:
                _refuse_other_contest(path, backup)
                saved = backups.take_backup(path, "before-restore", shown=path.name).path
            else:
                saved = backups.keep_aside(path)
        try:
            backups.restore_into(path, backup, healthy=healthy)
        except OSError as error:
            raise UserError(
                "backup.restore_failed", file=path.name, detail=backups.reason_of(error)
            ) from error
    _log.warning("restored %s from %s (the state before: %s)", path, backup, saved)
    return RestoreResult(backup, saved)


def _refuse_other_contest(path: Path, backup: Path) -> None:
    current = backups.contest_name_and_uid(path)
    other = backups.contest_name_and_uid(backup)
    if current and other and current[1] != other[1]:
        raise UserError(
            "backup.other_contest", file=backup.name, other=other[0], database=path.name
        )


def _lock_or_notice(
    path: Path, *, read_only: bool | None, wait: float
) -> tuple[WriterLock | None, Notice | None]:
    """The writer lock; or, when ``read_only`` is None and it cannot be had, a notice why not."""
    try:
        return WriterLock.acquire(path, wait=wait, shown=path.name), None
    except LockBusy as busy:
        if read_only is None:
            return None, Notice("access.read_only_busy", {"file": path.name, "holder": busy.holder})
        raise
    except UserError as error:  # no lock file can be made: a read-only folder or medium
        if read_only is None:
            detail = error.params.get("detail", "")
            return None, Notice(
                "access.read_only_unlockable", {"file": path.name, "detail": detail}
            )
        raise
