"""Creating and opening contest database files: the only SQLite-specific code of the store.

A contest database is an SQLite file stamped with :data:`APPLICATION_ID` and, in
``user_version``, the number of its newest migration. Opening checks the file read-only first (is
it one of ours, is it intact, is it from a newer app), backs up an older file next to it and
upgrades it in one transaction.

Transactions: pysqlite's own transaction handling is switched off and SQLAlchemy emits ``BEGIN``
itself, so that reads, writes and DDL of one unit of work (an import, a migration) commit or roll
back together — the way the SQLAlchemy documentation recommends for SQLite.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import URL, Connection, Engine, create_engine, event, pool
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from judging_app.domain.messages import UserError, register

APPLICATION_ID = 0x4A444231  # "JDB1"
SCHEMA_VERSION = 2  # the newest migration, judging_app/store/migrations/versions/0002_*.py
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
            "{file}: 데이터베이스가 손상되었습니다 (quick_check: {detail}). 백업에서 복원하십시오.",
            "{file}: the database is damaged (quick_check: {detail}); restore it from a backup",
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
            "{file}: 스키마 {found}에서 업그레이드하지 못했습니다 ({detail}). 파일은 바뀌지 "
            "않았고 백업은 {backup}에 있습니다.",
            "{file}: upgrading from schema {found} failed ({detail}); the file is unchanged and "
            "a backup is at {backup}",
        ),
    }
)


# --- public API ------------------------------------------------------------------------------


def create_contest_database(path: str | os.PathLike[str]) -> Engine:
    """Create a new, empty contest database at ``path`` (never over an existing file)."""
    file = Path(path)
    if file.exists():
        raise UserError("store.exists", file=path)
    try:
        _build(file)
    except (SQLAlchemyError, CommandError, sqlite3.Error) as error:
        _remove_database_files(file)
        raise UserError("store.cannot_create", file=path, detail=_reason(error)) from error
    except BaseException:
        _remove_database_files(file)
        raise
    return _app_engine(file)


def open_contest_database(path: str | os.PathLike[str], *, migrate: bool = True) -> Engine:
    """Open an existing contest database, upgrading (after a backup copy) one from an older app.

    With ``migrate=False`` an older file is refused instead of upgraded.
    """
    file = Path(path)
    if not file.exists():
        raise UserError("store.missing", file=path)
    found = _check_file(file, path)
    if found > SCHEMA_VERSION:
        raise UserError("store.newer", file=path, found=found, supported=SCHEMA_VERSION)
    if found < SCHEMA_VERSION:
        if not migrate:
            raise UserError("store.older", file=path, found=found, supported=SCHEMA_VERSION)
        _upgrade(file, path, found)
    return _app_engine(file)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (the GUI shows them after the action)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    """The Alembic configuration of the packaged migrations, built in code (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_schema(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on ``connection`` (any backend), in its transaction."""
    command.upgrade(alembic_config(connection), revision)


# --- engines and pragmas -----------------------------------------------------------------------


def _sqlite_url(file: Path) -> URL:
    return URL.create("sqlite", database=str(file))


def _app_engine(file: Path) -> Engine:
    engine = create_engine(_sqlite_url(file))
    _install_pragmas(engine, foreign_keys=True)
    return engine


def _migration_engine(file: Path) -> Engine:
    """Foreign keys are off while migrating: SQLite batch mode drops and recreates tables that
    others refer to. They are checked with ``PRAGMA foreign_key_check`` before the commit."""
    engine = create_engine(_sqlite_url(file), poolclass=pool.NullPool)
    _install_pragmas(engine, foreign_keys=False)
    return engine


def _install_pragmas(engine: Engine, *, foreign_keys: bool) -> None:
    pragmas = (
        f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}",
        "PRAGMA journal_mode = WAL",
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
        raise CommandError(f"foreign keys broken by the migration: {broken[:3]}")


# --- creating ----------------------------------------------------------------------------------


def _build(file: Path, revision: str = "head", version: int = SCHEMA_VERSION) -> None:
    engine = _migration_engine(file)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            upgrade_schema(connection, revision)
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
            raise UserError("store.not_contest", file=shown) from error
        if application_id != APPLICATION_ID or version < 1:
            raise UserError("store.not_contest", file=shown)
        problem = _quick_check(connection)
        if problem:
            raise UserError("store.corrupt", file=shown, detail=problem)
        return version


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    row = connection.execute(f"PRAGMA {name}").fetchone()
    return int(row[0])


def _quick_check(connection: sqlite3.Connection) -> str:
    """What ``PRAGMA quick_check`` finds wrong (a few lines), or "" when the file is intact."""
    try:
        rows = connection.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.DatabaseError as error:
        return _reason(error)
    lines = [str(row[0]) for row in rows]
    return "" if lines == ["ok"] else "; ".join(lines)


def _upgrade(file: Path, shown: object, found: int) -> None:
    try:
        backup = _backup(file, found)
    except (OSError, sqlite3.Error) as error:
        raise UserError("store.backup_failed", file=shown, detail=_reason(error)) from error
    _log.info("backed up %s to %s before upgrading from schema %s", file, backup, found)
    engine = _migration_engine(file)
    try:
        with engine.begin() as connection:
            upgrade_schema(connection, "head")
            _check_foreign_keys(connection)
            _stamp(connection, SCHEMA_VERSION)
    except (SQLAlchemyError, CommandError, sqlite3.Error) as error:
        raise UserError(
            "store.migration_failed", file=shown, found=found, detail=_reason(error), backup=backup
        ) from error
    finally:
        engine.dispose()


def _backup(file: Path, version: int) -> Path:
    """Copy ``file`` next to itself with SQLite's backup API (consistent, WAL content included)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = file.with_name(f"{file.name}.bak-v{version}-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = file.with_name(f"{file.name}.bak-v{version}-{stamp}-{counter}")
    source = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
    with closing(source), closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def _reason(error: BaseException) -> str:
    """The first line of an error, without SQLAlchemy's statement and background link."""
    if isinstance(error, SQLAlchemyError) and getattr(error, "orig", None) is not None:
        error = error.orig  # type: ignore[attr-defined]
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__
