"""Rolling backups of a contest database, and bringing one back.

Before every action that changes a contest (an import, ``advance``, a config change, a migration)
the file is copied with SQLite's online backup API (a consistent copy, the WAL's content
included) into ``backups/`` beside it::

    contest.jdb
    backups/contest.jdb~20251125-091500-123456~import-scores.jdb

A copy is written under a temporary name, synced and renamed, so a crash never leaves half a
backup under a real name. A copy identical to the newest backup is not kept twice. The newest
:data:`KEEP_RECENT` backups are kept, and the oldest of each local day before them, so a contest
can go back to how it looked when any day's work began.

Restoring backs up the current file first. A healthy file is overwritten through the backup API in
one transaction (a crash leaves it as it was); a damaged file, which must not be written to, is
first kept aside (a copy) and then replaced whole.

Like the lock, this is the SQLite file's business: the services reach it only through the
functions here, never through ``sqlite3`` themselves.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from judging_app.domain.messages import UserError, register

BACKUP_DIR = "backups"
KEEP_RECENT = 20
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<db>.+)~(?P<stamp>\d{8}-\d{6}-\d{6})~(?P<reason>[a-z0-9-]+)\.jdb$")
_TMP_PREFIX = "."
_TMP_SUFFIX = ".tmp"

register(
    {
        "backup.failed": (
            "{file}: 작업 전에 백업을 만들 수 없어 아무것도 바꾸지 않았습니다 ({detail})",
            "{file}: cannot write the backup taken before every change, so nothing was "
            "changed ({detail})",
        ),
        "backup.missing": ("{file}: 백업 파일이 없습니다", "{file}: no such backup"),
        "backup.bad": (
            "{file}: 복원할 수 없는 백업입니다 ({detail})",
            "{file}: this backup cannot be restored ({detail})",
        ),
        "backup.other_contest": (
            "{file}: 다른 대회({other})의 백업이라 {database}에 복원하지 않습니다",
            "{file}: a backup of another contest ({other}); it is not restored over {database}",
        ),
        "backup.restore_failed": (
            "{file}: 복원하지 못했습니다 ({detail}). 파일은 바뀌지 않았습니다",
            "{file}: the restore failed ({detail}); the file is unchanged",
        ),
    }
)


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def backup_dir(database: Path) -> Path:
    return database.parent / BACKUP_DIR


def list_backups(database: Path) -> list[Backup]:
    """The backups of ``database``, newest first (temporary and foreign files are ignored)."""
    folder = backup_dir(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or match["db"] != database.name or not path.is_file():
            continue
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        found.append(Backup(path, taken, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def take_backup(database: Path, reason: str, *, shown: object = None) -> Backup:
    """Copy ``database`` into its backups folder; returns the new backup, or the newest one when
    nothing changed since. Raises ``UserError("backup.failed")`` when the copy cannot be written
    (disk full, read-only folder), having left no partial file behind."""
    shown = database.name if shown is None else shown
    folder = backup_dir(database)
    try:
        folder.mkdir(exist_ok=True)
        _remove_leftovers(database)
        target = _new_name(database, reason)
        temporary = folder / f"{_TMP_PREFIX}{target.name}{_TMP_SUFFIX}"
        try:
            _copy_database(database, temporary)
            newest = next(iter(list_backups(database)), None)
            if newest is not None and filecmp.cmp(temporary, newest.path, shallow=False):
                return newest
            os.replace(temporary, target)
            _sync_directory(folder)
        finally:
            temporary.unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as error:
        raise UserError("backup.failed", file=shown, detail=reason_of(error)) from error
    prune(database)
    return next(b for b in list_backups(database) if b.path == target)


def prune(database: Path, keep: int = KEEP_RECENT) -> list[Path]:
    """Remove backups beyond the newest ``keep``, except the oldest one of each local day."""
    backups = list_backups(database)
    first_of_day: dict[object, Backup] = {}
    for backup in backups:  # newest first: the last one seen for a day is its oldest
        first_of_day[backup.taken_at.astimezone().date()] = backup
    kept = {b.path for b in backups[:keep]} | {b.path for b in first_of_day.values()}
    removed = []
    for backup in backups:
        if backup.path not in kept:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def problem_of(path: Path, application_id: int, newest_schema: int) -> str:
    """Why ``path`` is no usable contest database file ("" when it is one: ours, intact, a schema
    this app can read)."""
    if not path.is_file():
        return "no such file"
    try:
        with closing(_read_only(path)) as connection:
            found_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if found_id != application_id or version < 1:
                return "not a contest database"
            if version > newest_schema:
                return f"made by a newer app (schema {version})"
            rows = connection.execute("PRAGMA integrity_check(3)").fetchall()
    except sqlite3.Error as error:
        return reason_of(error)
    return check_result([str(row[0]) for row in rows])


def check_result(rows: list[str]) -> str:
    """The rows of ``integrity_check`` / ``quick_check`` as one line ("" when it says ok)."""
    if rows == ["ok"]:
        return ""
    lines = [line.strip() for row in rows for line in row.splitlines()]
    return "; ".join(line for line in lines if line and not line.startswith("***"))


def contest_name_and_uid(path: Path) -> tuple[str, str] | None:
    """The contest's name and uid stored in a database file, or None when unreadable."""
    try:
        with closing(_read_only(path)) as connection:
            row = connection.execute(
                "SELECT name, uid FROM contests ORDER BY id LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None
    return None if row is None else (str(row[0]), str(row[1]))


def newest_good_backup(database: Path, application_id: int, newest_schema: int) -> Backup | None:
    for backup in list_backups(database):
        if not problem_of(backup.path, application_id, newest_schema):
            return backup
    return None


def keep_aside(database: Path) -> Path:
    """Copy a damaged ``database`` (and its WAL) to ``<name>.damaged-<time>`` beside it, reading
    it only; an identical copy kept earlier is reused. Returns the copy's path."""
    for earlier in sorted(database.parent.glob(f"{glob_escape(database.name)}.damaged-*")):
        if not earlier.name.endswith(("-wal", "-shm")) and _same_files(database, earlier):
            return earlier
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = database.with_name(f"{database.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = database.with_name(f"{database.name}.damaged-{stamp}-{counter}")
    shutil.copyfile(database, target)
    wal = Path(f"{database}-wal")
    if wal.exists() and wal.stat().st_size:
        shutil.copyfile(wal, Path(f"{target}-wal"))
    return target


def restore_into(database: Path, backup: Path, *, healthy: bool) -> None:
    """Bring ``backup`` back as ``database`` (the caller has backed up the current file first).

    A healthy ``database`` is written through the backup API in one transaction; a damaged one is
    replaced whole: the copy is written beside it, synced and renamed over it.
    """
    if healthy:
        with closing(_read_only(backup)) as source, closing(sqlite3.connect(database)) as target:
            source.backup(target)
        return
    temporary = database.with_name(f".{database.name}.restoring{_TMP_SUFFIX}")
    try:
        _copy_database(backup, temporary, journal="WAL")
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, database)
        _sync_directory(database.parent)
    finally:
        temporary.unlink(missing_ok=True)


def reason_of(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


# -- helpers -------------------------------------------------------------------------------------


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _new_name(database: Path, reason: str) -> Path:
    """A name after every existing backup's, even when the clock was set back."""
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "change"
    now = datetime.now(UTC)
    newest = next(iter(list_backups(database)), None)
    if newest is not None and now <= newest.taken_at:
        now = newest.taken_at + timedelta(microseconds=1)
    while True:
        target = backup_dir(database) / f"{database.name}~{now.strftime(_STAMP)}~{reason}.jdb"
        if not target.exists():
            return target
        now += timedelta(microseconds=1)


def _copy_database(source: Path, target: Path, journal: str = "DELETE") -> None:
    """A consistent copy of ``source`` with the backup API, in ``journal`` mode, synced to disk."""
    target.unlink(missing_ok=True)
    with closing(_read_only(source)) as reader, closing(sqlite3.connect(target)) as copy:
        reader.backup(copy)
        copy.execute(f"PRAGMA journal_mode = {journal}")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def _remove_leftovers(database: Path) -> None:
    """Temporary copies left by a process that was killed while writing one."""
    pattern = f"{_TMP_PREFIX}{glob_escape(database.name)}~*{_TMP_SUFFIX}"
    for leftover in backup_dir(database).glob(pattern):
        leftover.unlink(missing_ok=True)


def _same_files(one: Path, other: Path) -> bool:
    try:
        return filecmp.cmp(one, other, shallow=False)
    except OSError:
        return False


def _sync_directory(folder: Path) -> None:
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
