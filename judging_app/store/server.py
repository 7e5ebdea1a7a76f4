"""Creating and opening a contest database on a PostgreSQL server: the server's part of the store.

The server is a trusted, existing one; the contest lives in one database on it (in the schema the
role's ``search_path`` selects). What an SQLite file keeps in its header — that it is a contest
database (``application_id``) and the number of its newest migration (``user_version``) — is kept
in a one-row table, :data:`IDENTITY_TABLE`, written beside the migrated schema.

Several secretariat seats work on one contest at once. Each action is one transaction that starts
by taking the contest's transaction-level advisory lock (:func:`lock_for_change`): two actions
never interleave, so an import or a merge reads the current values and replaces them without
another seat's write slipping in between; a seat that finds the lock taken says so and waits.

Backups are the server's job (``pg_dump``); there is no file to copy, lock or check here. psycopg
is imported by SQLAlchemy only when a server is used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from judging_app.domain.messages import UserError, register
from judging_app.domain.messages import text as message
from judging_app.store.address import ServerAddress

_log = logging.getLogger(__name__)

IDENTITY_TABLE = "judging_app_database"
#: Seconds between tries of a busy contest lock.
_POLL_SECONDS = 0.1

register(
    {
        "server.cannot_connect": (
            "{database}: 서버에 연결할 수 없습니다 ({detail})",
            "{database}: cannot connect to the server ({detail})",
        ),
        "server.not_empty": (
            "{database}: 데이터베이스에 이미 테이블이 있습니다 ({tables}). 새 대회는 빈 "
            "데이터베이스에만 만듭니다",
            "{database}: the database already holds tables ({tables}); a new contest is only "
            "created in an empty database",
        ),
        "server.not_contest": (
            "{database}: 대회 데이터베이스가 아닙니다 (judging-app init으로 만드십시오)",
            "{database}: not a contest database (create one with judging-app init)",
        ),
        "server.migration_failed": (
            "{database}: 스키마 {found}에서 업그레이드하지 못했습니다 ({detail}). 트랜잭션을 "
            "되돌려 아무것도 바뀌지 않았습니다",
            "{database}: upgrading from schema {found} failed ({detail}); the transaction was "
            "rolled back and nothing changed",
        ),
        "server.busy": (
            "{database}: 다른 자리에서 대회를 바꾸고 있습니다 (가져오기 또는 병합). 끝나면 "
            "다시 시도합니다…",
            "{database}: another seat is importing or merging into this contest; retrying when "
            "it is done…",
        ),
        "server.busy_timeout": (
            "{database}: 다른 자리에서 {seconds}초 동안 대회를 바꾸고 있어 기다리지 않았습니다. "
            "아무것도 바뀌지 않았습니다. 잠시 뒤 다시 시도하십시오",
            "{database}: another seat kept changing the contest for {seconds} s; nothing was "
            "changed; try again in a moment",
        ),
        "server.backups": (
            "{database}: 서버의 데이터베이스는 앱이 백업하지 않습니다. 백업은 서버의 일입니다 "
            "(pg_dump)",
            "{database}: the app keeps no backups of a database on a server; backups are the "
            "server's job (pg_dump)",
        ),
        "server.lost": (
            "서버와의 연결이 끊겼습니다 ({detail})",
            "the connection to the server was lost ({detail})",
        ),
    }
)


def server_engine(address: ServerAddress, *, read_only: bool = False) -> Engine:
    """An engine on the server; with ``read_only`` every transaction refuses to write."""
    options = "-c default_transaction_read_only=on" if read_only else ""
    connect_args: dict[str, Any] = {"application_name": "judging-app", "connect_timeout": 15}
    if options:
        connect_args["options"] = options
    return create_engine(address.engine_url(), pool_pre_ping=True, connect_args=connect_args)


def create_server_database(
    address: ServerAddress,
    application_id: int,
    version: int,
    upgrade: Callable[[Connection], None],
    *,
    fill: Callable[[Connection], None] | None = None,
) -> Engine:
    """Create the contest's schema in the (empty) database at ``address``, in one transaction;
    ``fill`` writes rows with their ids into it (the sequences then continue after them)."""
    engine = server_engine(address)
    try:
        with _connected(address, engine.connect) as connection, connection.begin():
            tables = inspect(connection).get_table_names()
            if tables:
                shown = ", ".join(sorted(tables)[:5]) + (" …" if len(tables) > 5 else "")
                raise UserError("server.not_empty", database=address.name, tables=shown)
            upgrade(connection)
            if fill is not None:
                fill(connection)
                _continue_sequences(connection)
            connection.execute(
                text(
                    f"CREATE TABLE {IDENTITY_TABLE} (application_id integer NOT NULL, "
                    "schema_version integer NOT NULL)"
                )
            )
            connection.execute(
                text(f"INSERT INTO {IDENTITY_TABLE} VALUES (:application_id, :version)"),
                {"application_id": application_id, "version": version},
            )
    except BaseException:
        engine.dispose()
        raise
    return engine


def _continue_sequences(connection: Connection) -> None:
    """After rows were written with their ids, let each table's id sequence go on after them."""
    inspector = inspect(connection)
    for table in inspector.get_table_names():
        if "id" not in {column["name"] for column in inspector.get_columns(table)}:
            continue
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}
        ).scalar()
        if sequence is None:
            continue
        connection.execute(
            text(
                f'SELECT setval(:sequence, COALESCE((SELECT max(id) FROM "{table}"), 0) + 1, false)'
            ),
            {"sequence": sequence},
        )


def server_schema_version(address: ServerAddress, engine: Engine, application_id: int) -> int:
    """The schema version of the contest at ``address``; refuses a database that is not one."""
    with _connected(address, engine.connect) as connection:
        return _version(connection, address, application_id)


def _version(connection: Connection, address: ServerAddress, application_id: int) -> int:
    if not inspect(connection).has_table(IDENTITY_TABLE):
        raise UserError("server.not_contest", database=address.name)
    row = connection.execute(
        text(f"SELECT application_id, schema_version FROM {IDENTITY_TABLE}")
    ).one_or_none()
    if row is None or row[0] != application_id:
        raise UserError("server.not_contest", database=address.name)
    return int(row[1])


def upgrade_server_database(
    address: ServerAddress,
    engine: Engine,
    application_id: int,
    version: int,
    upgrade: Callable[[Connection], None],
) -> None:
    """Run the migrations in one transaction, holding the contest lock (PostgreSQL's DDL is
    transactional: a failed upgrade changes nothing)."""
    with _connected(address, engine.connect) as connection:
        found = _version(connection, address, application_id)
        connection.rollback()
        try:
            with connection.begin():
                lock_for_change(connection, address, wait=600.0)
                if _version(connection, address, application_id) >= version:
                    return  # another seat upgraded it meanwhile
                upgrade(connection)
                connection.execute(
                    text(f"UPDATE {IDENTITY_TABLE} SET schema_version = :version"),
                    {"version": version},
                )
        except SQLAlchemyError as error:
            raise UserError(
                "server.migration_failed", database=address.name, found=found, detail=reason(error)
            ) from error


def lock_for_change(
    connection: Connection,
    address: ServerAddress,
    *,
    wait: float,
    on_wait: Callable[[str], None] | None = None,
    key: int = 0x4A444231,
) -> None:
    """Take the contest's advisory lock for this transaction, waiting up to ``wait`` seconds for
    another seat's action; ``on_wait`` hears once that it waits."""
    acquire = text("SELECT pg_try_advisory_xact_lock(:key)")
    if connection.execute(acquire, {"key": key}).scalar():
        return
    notice = message("server.busy", database=address.name)
    _log.info("%s", notice)
    if on_wait is not None:
        on_wait(notice)
    deadline = time.monotonic() + wait
    while not connection.execute(acquire, {"key": key}).scalar():
        if time.monotonic() >= deadline:
            raise UserError("server.busy_timeout", database=address.name, seconds=round(wait))
        time.sleep(_POLL_SECONDS)


class _connected:
    """``connect()``, with a failure to reach the server turned into a one-line refusal."""

    def __init__(self, address: ServerAddress, connect: Callable[[], Connection]) -> None:
        self._address = address
        self._connect = connect
        self._connection: Connection | None = None

    def __enter__(self) -> Connection:
        try:
            self._connection = self._connect()
        except SQLAlchemyError as error:
            raise UserError(
                "server.cannot_connect", database=self._address.name, detail=reason(error)
            ) from error
        return self._connection

    def __exit__(self, *exc: object) -> None:
        if self._connection is not None:
            self._connection.close()


def is_server_error(error: BaseException) -> bool:
    """Whether ``error`` (or what SQLAlchemy wrapped) comes from psycopg."""
    original = getattr(error, "orig", error)
    return type(original).__module__.startswith("psycopg")


def server_problem(error: BaseException) -> str | None:
    """A lost or refused connection to the server, in words; None for other errors."""
    if not is_server_error(error):
        return None
    original = getattr(error, "orig", error)
    if type(original).__name__ in {"OperationalError", "InterfaceError"}:
        return message("server.lost", detail=reason(error))
    return None


def reason(error: BaseException) -> str:
    """The first line of an error, without SQLAlchemy's statement and background link."""
    if isinstance(error, SQLAlchemyError) and getattr(error, "orig", None) is not None:
        error = error.orig  # type: ignore[attr-defined]
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
