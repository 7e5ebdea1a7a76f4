"""Creating and opening contest database files, and what is refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from judging_app.domain.messages import UserError
from judging_app.store.engine import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    create_contest_database,
    open_contest_database,
)


def _pragma(engine: Engine, name: str) -> object:
    with engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


def _sqlite_file(path: Path, *, application_id: int = 0, user_version: int = 0) -> Path:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE t (x)")
        connection.execute(f"PRAGMA application_id = {application_id}")
        connection.execute(f"PRAGMA user_version = {user_version}")
    return path


def _set_user_version(path: Path, version: int) -> None:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute(f"PRAGMA user_version = {version}")


def test_a_new_database_is_stamped_and_migrated(tmp_path: Path) -> None:
    engine = create_contest_database(tmp_path / "new.jdb")
    try:
        assert _pragma(engine, "application_id") == APPLICATION_ID
        assert _pragma(engine, "user_version") == SCHEMA_VERSION
        with engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert revision.scalar() == f"{SCHEMA_VERSION:04d}"
    finally:
        engine.dispose()


def test_every_connection_gets_the_pragmas(engine: Engine) -> None:
    assert _pragma(engine, "journal_mode") == "wal"
    assert _pragma(engine, "foreign_keys") == 1
    assert _pragma(engine, "synchronous") == 2  # FULL
    assert _pragma(engine, "busy_timeout") == 5000


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "taken.jdb"
    path.write_text("precious")
    with pytest.raises(UserError, match=r"taken\.jdb") as caught:
        create_contest_database(path)
    assert caught.value.message_id == "store.exists"
    assert path.read_text() == "precious"


def test_create_in_a_missing_directory_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "dir.jdb"
    with pytest.raises(UserError) as caught:
        create_contest_database(path)
    assert caught.value.message_id == "store.cannot_create"
    assert not path.exists()


def test_open_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"gone\.jdb") as caught:
        open_contest_database(tmp_path / "gone.jdb")
    assert caught.value.message_id == "store.missing"


@pytest.mark.parametrize(
    "application_id",
    [0, 0x4A504B31],  # a plain SQLite file; another app id, e.g. a judge package ("JPK1")
)
def test_open_refuses_another_sqlite_file(tmp_path: Path, application_id: int) -> None:
    path = _sqlite_file(tmp_path / "other.jdb", application_id=application_id, user_version=1)
    with pytest.raises(UserError, match=r"other\.jdb: not a contest database") as caught:
        open_contest_database(path)
    assert caught.value.message_id == "store.not_contest"


@pytest.mark.parametrize("content", [b"case_id,title\nC01,Hello\n" * 50, b""])
def test_open_refuses_a_file_that_is_no_database(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "renamed.jdb"
    path.write_bytes(content)
    with pytest.raises(UserError, match=r"renamed\.jdb: not a contest database"):
        open_contest_database(path)


def test_open_refuses_a_file_from_a_newer_app(db_path: Path) -> None:
    _set_user_version(db_path, SCHEMA_VERSION + 1)
    with pytest.raises(UserError, match="newer") as caught:
        open_contest_database(db_path)
    assert caught.value.message_id == "store.newer"
    assert str(db_path.name) in str(caught.value)


def test_open_without_migrating_refuses_an_older_file(db_path: Path) -> None:
    _set_user_version(db_path, 1)
    with pytest.raises(UserError, match="older") as caught:
        open_contest_database(db_path, migrate=False)
    assert caught.value.message_id == "store.older"
    assert not (db_path.parent / "backups").exists()


def _corrupt_a_page(path: Path) -> None:
    """Fill a table over several pages, then overwrite one of its inner pages with garbage."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA journal_mode = DELETE")
        connection.exec_driver_sql("CREATE TABLE filler (x TEXT)")
        for n in range(400):
            connection.exec_driver_sql(
                f"INSERT INTO filler VALUES ('{n:04d}' || hex(zeroblob(100)))"
            )
    engine.dispose()
    page_size = 4096
    with path.open("r+b") as file:
        file.seek(page_size * (path.stat().st_size // page_size - 3))
        file.write(b"\xa5" * page_size)


def test_open_refuses_a_damaged_file(db_path: Path) -> None:
    _corrupt_a_page(db_path)
    with pytest.raises(UserError, match=r"contest\.jdb: the database is damaged") as caught:
        open_contest_database(db_path)
    assert caught.value.message_id == "store.corrupt"


def test_messages_are_registered_in_both_languages() -> None:
    from judging_app.domain.messages import _catalogue

    ids = [message_id for message_id in _catalogue if message_id.startswith("store.")]
    assert len(ids) >= 8
    for message_id in ids:
        assert "{file}" in _catalogue[message_id].ko
        assert "{file}" in _catalogue[message_id].en
