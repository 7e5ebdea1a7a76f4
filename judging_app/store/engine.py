"""Creating and opening contest database files: the SQLite-specific code of the store.

A contest database is an SQLite file stamped with :data:`APPLICATION_ID` and, in
``user_version``, the number of its newest migration. Opening checks the file read-only first (is
it one of ours, is it intact, is it from a newer app), backs up an older file into ``backups/``
and upgrades it in one transaction; an upgrade that fails brings the backup back. A damaged file
is never written to: it is copied aside and the newest good backup is named.

The rest of the SQLite file's business sits beside this module: ``lock`` (one writer at a time),
``backups`` (rolling copies and restoring) and ``location`` (network and cloud folders). Models,
migrations and services stay portable SQLAlchemy.

Transactions: pysqlite's own transaction handling is switched off and SQLAlchemy emits ``BEGIN``
itself, so that reads, writes and DDL of one unit of work (an import, a migration) commit or roll
back together — the way the SQLAlchemy documentation recommends for SQLite.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, pool
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from judging_app.domain.messages import UserError, register, text
from judging_app.store import backups, server
from judging_app.store.address import ContestAddress, ServerAddress, parse_address

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only when a file is created or migrated (it costs a tenth of a second at
# every start otherwise): opening a file at the current schema never needs it.


def _alembic_errors() -> tuple[type[Exception], ...]:
    """Alembic's CommandError when Alembic has been imported (none can be raised before)."""
    util = sys.modules.get("alembic.util")
    return (util.CommandError,) if util is not None else ()


def _build_errors() -> tuple[type[Exception], ...]:
    return (SQLAlchemyError, sqlite3.Error, *_alembic_errors())


APPLICATION_ID = 0x4A444231  # "JDB1"
SCHEMA_VERSION = 4  # the newest migration, judging_app/store/migrations/versions/0004_*.py
MIGRATIONS = Path(__file__).with_name("migrations")

_log = logging.getLogger(__name__)

register(
    {
        "store.exists": (
            "{file}: 같은 이름의 파일이 이미 있습니다. 새 대회 데이터베이스로 덮어쓰지 않습니다.",
            "{file}: a file of this name already exists; a new contest database is never "
            "written over it",
        ),
        "store.cannot_create": (
            "{file}: 대회 데이터베이스를 만들 수 없습니다 ({detail}).",
            "{file}: cannot create the contest database ({detail})",
        ),
        "store.missing": ("{file}: 파일이 없습니다.", "{file}: no such file"),
        "store.cannot_open": (
            "{file}: 파일을 열 수 없습니다 ({detail}).",
            "{file}: cannot be opened ({detail})",
        ),
        "store.not_contest": (
            "{file}: 대회 데이터베이스가 아닙니다 (심사위원 패키지이거나 다른 파일입니다).",
            "{file}: not a contest database (a judge package or another kind of file)",
        ),
        "store.corrupt": (
            "{file}: 데이터베이스가 손상되었습니다 (quick_check: {detail}). 이 파일에는 쓰지 "
            "않으며 {kept}. 쓸 수 있는 백업이 없습니다",
            "{file}: the database is damaged (quick_check: {detail}); it is not written to and "
            "{kept}; no good backup was found",
        ),
        "store.corrupt_backup": (
            "{file}: 데이터베이스가 손상되었습니다 (quick_check: {detail}). 이 파일에는 쓰지 "
            "않으며 {kept}. 가장 최근의 온전한 백업은 {backup} ({taken})입니다",
            "{file}: the database is damaged (quick_check: {detail}); it is not written to and "
            "{kept}; the newest good backup is {backup} ({taken})",
        ),
        "storage.kept": ("손상된 파일의 사본을 {copy}에 두었습니다", "a copy is kept as {copy}"),
        "storage.not_kept": (
            "손상된 파일의 사본을 만들지 못했습니다 ({detail})",
            "it could not be copied aside ({detail})",
        ),
        "store.older_read_only": (
            "{file}: 이전 버전의 앱으로 만든 파일이라 업그레이드해야 하지만 읽기 전용으로 "
            "열었습니다. 이 파일을 쓰고 있는 창을 닫고 다시 여십시오",
            "{file}: made by an older version of the app and must be upgraded, but it is open "
            "read-only; close the window that is writing it and open it again",
        ),
        "store.write_failed": (
            "{file}: 대회 데이터베이스에 쓸 수 없어 아무것도 바꾸지 않았습니다 ({detail})",
            "{file}: cannot write to the contest database ({detail}); nothing was changed",
        ),
        "storage.disk_full": ("디스크가 가득 찼습니다", "the disk is full"),
        "storage.io_error": (
            "디스크 입출력 오류 {code}: 디스크가 가득 찼거나 빠졌거나 파일 크기 제한에 걸렸습니다",
            "disk I/O error {code}: the disk is full, was removed, or a file size limit was hit",
        ),
        "storage.read_only": (
            "파일이나 폴더가 읽기 전용입니다",
            "the file or its folder is read-only",
        ),
        "storage.busy": (
            "다른 프로그램이 쓰고 있습니다",
            "another program is writing to it",
        ),
        "storage.damaged": (
            "데이터베이스가 손상되었습니다. judging-app verify로 확인하십시오",
            "the database is damaged; check it with judging-app verify",
        ),
        "store.newer": (
            "{file}: 더 새로운 버전의 앱으로 만든 파일입니다 (스키마 {found}, 이 앱은 "
            "{supported}까지 읽습니다). 앱을 업데이트하십시오.",
            "{file}: made by a newer version of the app (schema {found}; this app reads up to "
            "{supported}); update the app",
        ),
        "store.older": (
            "{file}: 이전 버전의 앱으로 만든 파일입니다 (스키마 {found}, 이 앱은 {supported}). "
            "먼저 업그레이드해야 합니다.",
            "{file}: made by an older version of the app (schema {found}; this app uses "
            "{supported}); it must be upgraded first",
        ),
        "store.backup_failed": (
            "{file}: 업그레이드 전에 백업을 만들 수 없습니다 ({detail}). 파일은 바뀌지 않았습니다.",
            "{file}: cannot write a backup copy before upgrading ({detail}); the file is unchanged",
        ),
        "store.migration_failed": (
            "{file}: 스키마 {found}에서 업그레이드하지 못했습니다 ({detail}). 업그레이드 전의 "
            "백업 {backup}에서 되돌려 놓았습니다",
            "{file}: upgrading from schema {found} failed ({detail}); the file was brought back "
            "from the backup taken before, {backup}",
        ),
        "store.migration_unrestored": (
            "{file}: 스키마 {found}에서 업그레이드하지 못했고 ({detail}) 백업에서 되돌리지도 "
            "못했습니다 ({restore}). 백업은 {backup}에 있습니다",
            "{file}: upgrading from schema {found} failed ({detail}) and bringing back the "
            "backup failed too ({restore}); the backup is at {backup}",
        ),
    }
)


# --- public API ------------------------------------------------------------------------------


def create_contest_database(
    path: str | os.PathLike[str] | ServerAddress,
    *,
    fill: Callable[[Connection], None] | None = None,
) -> Engine:
    """Create a new, empty contest database at ``path`` (never over an existing file), or in the
    empty database on a server that a ``postgresql://`` URL names. ``fill`` writes rows into the
    new schema in the same transaction (``copy``): either all of it is there, or nothing."""
    address = _address(path)
    if isinstance(address, ServerAddress):
        return server.create_server_database(
            address, APPLICATION_ID, SCHEMA_VERSION, upgrade_schema, fill=fill
        )
    file = Path(path)  # type: ignore[arg-type]
    if file.exists():
        raise UserError("store.exists", file=path)
    try:
        _build(file, fill=fill)
    except _build_errors() as error:
        _remove_database_files(file)
        raise UserError("store.cannot_create", file=path, detail=_reason(error)) from error
    except BaseException:
        _remove_database_files(file)
        raise
    return _app_engine(file)


def open_contest_database(
    path: str | os.PathLike[str] | ServerAddress, *, migrate: bool = True, read_only: bool = False
) -> Engine:
    """Open an existing contest database, upgrading (after a backup copy) one from an older app.

    With ``migrate=False`` an older file is refused instead of upgraded. With ``read_only=True``
    every connection refuses to write (``PRAGMA query_only``) and an older file is refused. A
    damaged file raises :class:`DamagedDatabase` after a copy of it was kept aside. The caller
    holds the writer lock (``store.lock``) unless it opens read-only. On a server, an older
    schema is upgraded in one transaction (no backup: that is the server's job).
    """
    address = _address(path)
    if isinstance(address, ServerAddress):
        return _open_server(address, migrate=migrate, read_only=read_only)
    file = Path(path)  # type: ignore[arg-type]
    if not file.exists():
        raise UserError("store.missing", file=path)
    found = _check_file(file, path)
    if found > SCHEMA_VERSION:
        raise UserError("store.newer", file=path, found=found, supported=SCHEMA_VERSION)
    if found < SCHEMA_VERSION:
        if read_only:
            raise UserError("store.older_read_only", file=path)
        if not migrate:
            raise UserError("store.older", file=path, found=found, supported=SCHEMA_VERSION)
        _upgrade(file, path, found)
    return _app_engine(file, read_only=read_only)


def _address(path: str | os.PathLike[str] | ServerAddress) -> ContestAddress:
    if isinstance(path, ServerAddress | Path):
        return path
    return parse_address(os.fspath(path))


def _open_server(address: ServerAddress, *, migrate: bool, read_only: bool) -> Engine:
    engine = server.server_engine(address, read_only=read_only)
    try:
        found = server.server_schema_version(address, engine, APPLICATION_ID)
        shown = address.name
        if found > SCHEMA_VERSION:
            raise UserError("store.newer", file=shown, found=found, supported=SCHEMA_VERSION)
        if found < SCHEMA_VERSION:
            if read_only:
                raise UserError("store.older_read_only", file=shown)
            if not migrate:
                raise UserError("store.older", file=shown, found=found, supported=SCHEMA_VERSION)
            server.upgrade_server_database(
                address, engine, APPLICATION_ID, SCHEMA_VERSION, upgrade_schema
            )
    except BaseException:
        engine.dispose()
        raise
    return engine


def check_server_database(address: ServerAddress) -> str:
    """Why the database at ``address`` is not a usable contest database ("" when it is one)."""
    engine = server.server_engine(address, read_only=True)
    try:
        found = server.server_schema_version(address, engine, APPLICATION_ID)
    except UserError as error:
        return str(error)
    finally:
        engine.dispose()
    if found != SCHEMA_VERSION:
        return text(
            "store.newer" if found > SCHEMA_VERSION else "store.older",
            file=address.name,
            found=found,
            supported=SCHEMA_VERSION,
        )
    return ""


class DamagedDatabase(UserError):
    """A contest database that failed its check on open; ``kept`` is the copy kept aside (None
    when it could not be made), ``backup`` the newest backup that passes its checks, if any."""

    def __init__(
        self, shown: object, detail: str, kept: Path | None, kept_text: str, backup: object
    ) -> None:
        self.kept = kept
        self.backup: backups.Backup | None = backup if isinstance(backup, backups.Backup) else None
        if self.backup is None:
            super().__init__("store.corrupt", file=shown, detail=detail, kept=kept_text)
        else:
            super().__init__(
                "store.corrupt_backup",
                file=shown,
                detail=detail,
                kept=kept_text,
                backup=beside(shown, self.backup.path, self.backup.path.parents[1]),
                taken=self.backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            )


def beside(shown: object, path: Path, folder: Path) -> str:
    """``path`` (in the database's ``folder`` or below it) as the user would type it: relative to
    the database path ``shown`` as the user gave it."""
    try:
        return str(Path(str(shown)).parent / path.relative_to(folder))
    except ValueError:
        return str(path)


def contest_backups(path: str | os.PathLike[str]) -> list[backups.Backup]:
    return backups.list_backups(Path(path))


def check_database_file(path: Path) -> str:
    """Why ``path`` is not a usable, intact contest database ("" when it is one)."""
    return backups.problem_of(path, APPLICATION_ID, SCHEMA_VERSION)


def newest_good_backup(path: Path) -> backups.Backup | None:
    return backups.newest_good_backup(path, APPLICATION_ID, SCHEMA_VERSION)


@contextmanager
def write_errors(shown: object) -> Iterator[None]:
    """Turn a failed write of the database (disk full, I/O error, read-only file, busy) into a
    one-line refusal; the transaction has been rolled back, so nothing was changed."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError) as error:
        detail = _storage_problem(error) or server.server_problem(error)
        if detail is None:
            raise
        raise UserError("store.write_failed", file=shown, detail=detail) from error


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (the GUI shows them after the action)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the packaged migrations, built in code (no alembic.ini)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on ``connection`` (any backend), in its transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


# --- engines and pragmas -----------------------------------------------------------------------


def _sqlite_url(file: Path) -> URL:
    return URL.create("sqlite", database=str(file))


def _app_engine(file: Path, *, read_only: bool = False) -> Engine:
    engine = create_engine(_sqlite_url(file))
    _install_pragmas(engine, foreign_keys=True, read_only=read_only)
    return engine


def _migration_engine(file: Path) -> Engine:
    """Foreign keys are off while migrating: SQLite batch mode drops and recreates tables that
    others refer to. They are checked with ``PRAGMA foreign_key_check`` before the commit."""
    engine = create_engine(_sqlite_url(file), poolclass=pool.NullPool)
    _install_pragmas(engine, foreign_keys=False)
    return engine


def _install_pragmas(engine: Engine, *, foreign_keys: bool, read_only: bool = False) -> None:
    pragmas = (
        f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        "PRAGMA query_only = ON" if read_only else "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        "PRAGMA busy_timeout = 5000",
    )

    def on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, see on_begin
        with closing(dbapi_connection.cursor()) as cursor:
            for pragma in pragmas:
                cursor.execute(pragma)

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)


def _stamp(connection: Connection, version: int) -> None:
    connection.exec_driver_sql(f"PRAGMA user_version = {int(version)}")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        from alembic.util import CommandError

        raise CommandError(f"foreign keys broken by the migration: {broken[:3]}")


# --- creating ----------------------------------------------------------------------------------


def _build(
    file: Path,
    revision: str = "head",
    version: int = SCHEMA_VERSION,
    fill: Callable[[Connection], None] | None = None,
) -> None:
    engine = _migration_engine(file)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            upgrade_schema(connection, revision)
            if fill is not None:
                fill(connection)
                _check_foreign_keys(connection)
            _stamp(connection, version)
    finally:
        engine.dispose()


def _remove_database_files(file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{file}{suffix}").unlink(missing_ok=True)


# --- opening -----------------------------------------------------------------------------------


def _check_file(file: Path, shown: object) -> int:
    """Check ``file`` read-only: a contest database, intact. Returns its schema version."""
    try:
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise UserError("store.cannot_open", file=shown, detail=_reason(error)) from error
    with closing(connection):
        try:
            application_id = _pragma(connection, "application_id")
            version = _pragma(connection, "user_version")
        except sqlite3.DatabaseError as error:  # "file is not a database"
            _refuse_if_unreadable(error, shown)
            if backups.list_backups(file):  # it was one of ours: its header is damaged
                raise _damaged(file, shown, _reason(error)) from error
            raise UserError("store.not_contest", file=shown) from error
        if application_id != APPLICATION_ID or version < 1:
            raise UserError("store.not_contest", file=shown)
        problem = _quick_check(connection, shown)
    if problem:
        raise _damaged(file, shown, problem)
    return version


def _damaged(file: Path, shown: object, detail: str) -> DamagedDatabase:
    """Keep a copy of the damaged file aside (reading it only) and find the newest good backup."""
    kept: Path | None = None
    try:
        kept = backups.keep_aside(file)
        kept_text = text("storage.kept", copy=beside(shown, kept, file.parent))
    except OSError as error:
        kept_text = text("storage.not_kept", detail=_reason(error))
    _log.error("%s is damaged (%s); kept aside as %s", file, detail, kept)
    return DamagedDatabase(shown, detail, kept, kept_text, newest_good_backup(file))


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    row = connection.execute(f"PRAGMA {name}").fetchone()
    return int(row[0])


def _quick_check(connection: sqlite3.Connection, shown: object) -> str:
    """What ``PRAGMA quick_check`` finds wrong (a few lines), or "" when the file is intact."""
    try:
        rows = connection.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.DatabaseError as error:
        _refuse_if_unreadable(error, shown)
        return _reason(error)
    return backups.check_result([str(row[0]) for row in rows])


def _refuse_if_unreadable(error: sqlite3.DatabaseError, shown: object) -> None:
    """A file that cannot be read (an I/O error, a full disk for its ``-shm``, busy) is refused
    as such: that is no sign of damage, and the file is left alone."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _UNREADABLE_CODES:
        detail = _storage_problem(error) or _reason(error)
        raise UserError("store.cannot_open", file=shown, detail=detail) from error


def _upgrade(file: Path, shown: object, found: int) -> None:
    try:
        backup = backups.take_backup(file, f"before-upgrade-v{found}", shown=shown).path
    except UserError as error:
        raise UserError("store.backup_failed", file=shown, detail=error.params["detail"]) from error
    _log.info("backed up %s to %s before upgrading from schema %s", file, backup, found)
    engine = _migration_engine(file)
    try:
        with engine.begin() as connection:
            upgrade_schema(connection, "head")
            _check_foreign_keys(connection)
            _stamp(connection, SCHEMA_VERSION)
    except BaseException as error:  # whatever failed, a half-upgraded file must not stay
        engine.dispose()
        refusal = _restore_after_failed_upgrade(file, shown, found, backup, error)
        if isinstance(error, (SQLAlchemyError, sqlite3.Error, OSError, *_alembic_errors())):
            raise refusal from error
        raise
    finally:
        engine.dispose()


def _restore_after_failed_upgrade(
    file: Path, shown: object, found: int, backup: Path, error: BaseException
) -> UserError:
    """Bring back the backup taken before the upgrade: a migration step that committed on its
    own, or a failure while committing, must not leave a half-upgraded file."""
    shown_backup = beside(shown, backup, file.parent)
    try:
        backups.restore_into(file, backup, healthy=not check_database_file(file))
    except (OSError, sqlite3.Error) as restore_error:
        _log.error("restoring %s from %s failed: %s", file, backup, restore_error)
        return UserError(
            "store.migration_unrestored",
            file=shown,
            found=found,
            detail=_reason(error),
            restore=_reason(restore_error),
            backup=shown_backup,
        )
    _log.warning("upgrade of %s failed (%s); restored from %s", file, error, backup)
    return UserError(
        "store.migration_failed",
        file=shown,
        found=found,
        detail=_reason(error),
        backup=shown_backup,
    )


#: SQLite primary result codes that mean the storage, not the data, failed.
_STORAGE_CODES = {13: "storage.disk_full", 10: "storage.io_error", 8: "storage.read_only"}
_BUSY_CODES = {5, 6}
_DAMAGE_CODES = {11, 26}
#: I/O error, full, read-only, busy, locked, out of memory, cannot open: the file is unreadable now.
_UNREADABLE_CODES = {10, 13, 8, 5, 6, 7, 14}


def _storage_problem(error: BaseException) -> str | None:
    """What failed, when ``error`` is SQLite failing to write its file; None for other errors."""
    original = getattr(error, "orig", error)
    code = getattr(original, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    primary = code & 0xFF
    if primary in _STORAGE_CODES:
        name = str(getattr(original, "sqlite_errorname", "")) or str(code)
        return text(_STORAGE_CODES[primary], code=name)
    if primary in _BUSY_CODES:
        return text("storage.busy")
    if primary in _DAMAGE_CODES:
        return text("storage.damaged")
    return None


def _reason(error: BaseException) -> str:
    """The first line of an error, without SQLAlchemy's statement and background link."""
    if isinstance(error, SQLAlchemyError) and getattr(error, "orig", None) is not None:
        error = error.orig  # type: ignore[attr-defined]
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
