"""Helpers shared by the tests; ``dump`` and ``query`` work on an SQLite file and on a
PostgreSQL database (given by its URL) alike."""

import sqlite3
from decimal import Decimal
from pathlib import Path

from judging_app.cli import main
from judging_app.store.address import ServerAddress


def run(*args: object) -> int:
    return main([str(a) for a in args])


def on_server(db: object) -> bool:
    return isinstance(db, ServerAddress) or (isinstance(db, str) and db.startswith("postgresql:"))


def _url(db: object) -> str:
    if isinstance(db, ServerAddress):
        return db.url.render_as_string(hide_password=False)
    return str(db)


def dump(db: Path | str | ServerAddress) -> list[str]:
    """Every row of every table, to prove a refused action changed nothing."""
    if on_server(db):
        return _server_dump(_url(db))
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def query(db: Path | str | ServerAddress, sql: str) -> list[tuple[object, ...]]:
    if on_server(db):
        import psycopg

        with psycopg.connect(_url(db)) as connection:
            return [tuple(row) for row in connection.execute(sql)]  # type: ignore[arg-type]
    connection = sqlite3.connect(db)
    try:
        return list(connection.execute(sql))
    finally:
        connection.close()


def _server_dump(url: str) -> list[str]:
    """Each table's definition (its columns) and its rows in a fixed order, as lines shaped like
    SQLite's ``iterdump()`` (``INSERT INTO "table" VALUES(...)``); sequences are left out
    (PostgreSQL does not roll them back, and they hold no data)."""
    import psycopg

    lines: list[str] = []
    with psycopg.connect(url) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            )
        ]
        for table in tables:
            columns = [
                f"{name} {kind} {nullable}"
                for name, kind, nullable in connection.execute(
                    "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = %s "
                    "ORDER BY ordinal_position",
                    (table,),
                )
            ]
            lines.append(f'CREATE TABLE "{table}" ({", ".join(columns)});')
            order = ", ".join(str(n) for n in range(1, len(columns) + 1))
            for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
                values = ",".join(_literal(value) for value in row)
                lines.append(f'INSERT INTO "{table}" VALUES({values});')
    return lines


def _literal(value: object) -> str:
    """A value written the way SQLite's ``iterdump()`` writes it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"X'{bytes(value).hex().upper()}'"
    text = str(value).replace("'", "''")
    return f"'{text}'"
