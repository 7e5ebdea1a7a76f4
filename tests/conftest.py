"""Shared test settings: Qt runs offscreen; messages are rendered in English unless a test asks.

Back ends: a test (or fixture) that asks for ``contest_db`` runs twice, on an SQLite file and on a
fresh database of a PostgreSQL server (``tests/pg_server.py`` starts a throwaway cluster once per
session). A server that cannot start makes those tests fail, never skip. A test that is about the
SQLite file itself (locks, backups, damage) carries ``@pytest.mark.sqlite_only``.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PgServer, start_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about the SQLite file itself; not run on PostgreSQL"
    )
    config.addinivalue_line(
        "markers", "postgresql_only: about a server's database (several seats); not on SQLite"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        backends = BACKENDS
        if metafunc.definition.get_closest_marker("sqlite_only") is not None:
            backends = ("sqlite",)
        if metafunc.definition.get_closest_marker("postgresql_only") is not None:
            backends = ("postgresql",)
        metafunc.parametrize("backend", backends)


@pytest.fixture(autouse=True)
def english_messages():
    from judging_app.domain.messages import set_language

    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()  # raises ServerUnavailable: every PostgreSQL test fails with it
    yield server
    server.stop()


def new_contest_db(backend: str, folder: Path, request: pytest.FixtureRequest) -> Path | str:
    """Where a new contest goes: ``folder/contest.jdb``, or a new empty database on the server
    (dropped after the test)."""
    if backend == "sqlite":
        return folder / "contest.jdb"
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.create_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def contest_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    """A contest database not created yet: an SQLite file's path or a PostgreSQL URL."""
    return new_contest_db(backend, tmp_path, request)
