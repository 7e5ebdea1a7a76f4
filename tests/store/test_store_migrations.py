"""The Alembic migrations: one head, in step with the models, and data surviving every upgrade."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, Integer, MetaData, Table, create_engine

from judging_app.domain.messages import UserError
from judging_app.store.engine import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    alembic_config,
    open_contest_database,
    upgrade_schema,
)
from judging_app.store.models import Base
from tests.pg_server import PgServer


def test_there_is_exactly_one_head_and_it_is_the_schema_version() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [f"{SCHEMA_VERSION:04d}"]


def test_every_revision_is_numbered_after_its_schema_version() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    revisions = [rev.revision for rev in script.walk_revisions()]
    assert sorted(revisions) == [f"{n:04d}" for n in range(1, SCHEMA_VERSION + 1)]


def test_the_migrations_build_exactly_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        # The comparison does see a difference when there is one.
        extra = MetaData()
        for table in Base.metadata.tables.values():
            table.to_metadata(extra)
        Table("unexpected", extra, Column("id", Integer, primary_key=True))
        assert compare_metadata(context, extra) != []


@contextmanager
def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (foreign keys off), committed and closed at the end."""
    with closing(sqlite3.connect(path)) as connection, connection:
        yield connection


def _database_at_0001(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        upgrade_schema(connection, "0001")
        connection.exec_driver_sql("PRAGMA user_version = 1")
    engine.dispose()


OLD_ROWS = """
INSERT INTO contests (id, uid, name, config_toml, created_at)
    VALUES (1, 'abc123', '2025 개선 사례', '[contest]', '2025-03-01 09:00:00.000000');
INSERT INTO criteria (id, contest_id, key, name, max, step, description, position)
    VALUES (1, 1, 'creativity', '창의성', 40, 0.5, '', 0);
INSERT INTO rounds (id, contest_id, key, name, position, aggregate, trim_min, state, allow_missing)
    VALUES (1, 1, 'written', '서면심사', 0, 'trimmed_mean', 5, 'open', 0);
INSERT INTO cases (id, contest_id, case_id, title, organization, category, summary, body)
    VALUES (1, 1, 'C01', '민원 개선', '시청', '', '', '');
INSERT INTO judges (id, contest_id, judge_id, name, affiliation)
    VALUES (1, 1, 'J01', '김심사', '대학교');
INSERT INTO scores
    (round_id, judge_pk, case_pk, criterion_id, value, source, entered_at, is_current)
    VALUES (1, 1, 1, 1, 37.5, 'table', '2025-03-02 10:00:00.000000', 1);
INSERT INTO audit_log (contest_id, at, actor, action, details)
    VALUES (1, '2025-03-01 09:00:00.000000', 'secretariat', 'init', '{}');
"""


def test_a_database_at_0001_is_backed_up_and_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.jdb"
    _database_at_0001(path)
    with _raw(path) as raw:
        raw.executescript(OLD_ROWS)

    engine = open_contest_database(path)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA user_version").scalar() == SCHEMA_VERSION
            contest = connection.exec_driver_sql(
                "SELECT name, created_at, config_updated_at FROM contests"
            ).one()
            assert contest == ("2025 개선 사례", contest.created_at, contest.created_at)
            score = connection.exec_driver_sql("SELECT value, is_current FROM scores").one()
            assert score == (37.5, 1)
            indexes = connection.exec_driver_sql("PRAGMA index_list(audit_log)").fetchall()
            assert "ix_audit_log_contest_at" in {row[1] for row in indexes}
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        engine.dispose()

    (backup,) = (tmp_path / "backups").glob("old.jdb~*~before-upgrade-v1.jdb")
    with _raw(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone() == (1,)
        assert old.execute("SELECT count(*) FROM scores").fetchone() == (1,)


def test_the_upgrade_keeps_the_audit_log_append_only(tmp_path: Path) -> None:
    path = tmp_path / "old.jdb"
    _database_at_0001(path)
    open_contest_database(path).dispose()
    with _raw(path) as raw:
        triggers = raw.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        assert {row[0] for row in triggers} == {"audit_log_no_update", "audit_log_no_delete"}


def test_a_failed_upgrade_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """A dangling foreign key fails the check before the commit: nothing may be half done."""
    path = tmp_path / "old.jdb"
    _database_at_0001(path)
    with _raw(path) as raw:  # sqlite3 leaves foreign keys off
        raw.executescript(OLD_ROWS)
        raw.execute(
            "INSERT INTO judges (contest_id, judge_id, name, affiliation) VALUES (99, 'J9', '', '')"
        )

    with pytest.raises(UserError, match=r"old\.jdb: upgrading from schema 1 failed") as caught:
        open_contest_database(path)
    assert caught.value.message_id == "store.migration_failed"
    assert "foreign key" in str(caught.value)
    with _raw(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (1,)
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        columns = {row[1] for row in raw.execute("PRAGMA table_info(contests)")}
        assert "config_updated_at" not in columns


def test_the_migrations_go_down_and_up_again(tmp_path: Path) -> None:
    path = tmp_path / "roundtrip.jdb"
    _database_at_0001(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade_schema(connection, "head")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with engine.begin() as connection:
        upgrade_schema(connection, "head")
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


# -- on a PostgreSQL server ---------------------------------------------------------------------


def _server_at_0001(pg_server: PgServer) -> str:
    """A contest database on the server at schema 1, as an app of that time left it."""
    url = pg_server.create_database("old")
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        upgrade_schema(connection, "0001")
        connection.exec_driver_sql(
            "CREATE TABLE judging_app_database (application_id integer NOT NULL, "
            "schema_version integer NOT NULL)"
        )
        connection.exec_driver_sql(f"INSERT INTO judging_app_database VALUES ({APPLICATION_ID}, 1)")
        connection.exec_driver_sql(
            "INSERT INTO contests (id, uid, name, config_toml, created_at) VALUES "
            "(1, 'u1', '2025 개선 사례', '[contest]', '2025-03-01 09:00:00+00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO audit_log (contest_id, at, actor, action, details) VALUES "
            "(1, '2025-03-01 09:00:00+00', 'secretariat', 'init', '{}')"
        )
    engine.dispose()
    return url


def test_every_migration_runs_on_postgresql_and_keeps_the_data(pg_server: PgServer) -> None:
    url = _server_at_0001(pg_server)
    engine = open_contest_database(url)  # upgrades 0001 → head in one transaction
    try:
        with engine.connect() as connection:
            version = "SELECT schema_version FROM judging_app_database"
            assert connection.exec_driver_sql(version).scalar() == SCHEMA_VERSION
            head = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            assert head == f"{SCHEMA_VERSION:04d}"
            contest = connection.exec_driver_sql(
                "SELECT name, created_at = config_updated_at FROM contests"
            ).one()
            assert tuple(contest) == ("2025 개선 사례", True)
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = [
                d
                for d in compare_metadata(context, Base.metadata)
                if not (d[0] == "remove_table" and d[1].name == "judging_app_database")
            ]
            assert differences == []
            with pytest.raises(Exception, match="append-only"):
                connection.exec_driver_sql("DELETE FROM audit_log")
    finally:
        engine.dispose()


def test_the_migrations_go_down_and_up_again_on_postgresql(pg_server: PgServer) -> None:
    url = _server_at_0001(pg_server)
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as connection:
        upgrade_schema(connection, "head")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with engine.begin() as connection:
        upgrade_schema(connection, "head")
        context = MigrationContext.configure(connection)
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            if not (d[0] == "remove_table" and d[1].name == "judging_app_database")
        ]
        assert differences == []
    engine.dispose()
