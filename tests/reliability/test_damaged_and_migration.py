"""A damaged file is never written to, and a failed migration brings its backup back."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from judging_app.services.safekeeping import DamagedDatabase
from judging_app.store import engine as store_engine
from judging_app.store.backups import list_backups
from judging_app.store.engine import open_contest_database
from tests.helpers import dump, query, run
from tests.reliability.conftest import finished

PAGE = 4096


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage(db: Path, table: str = "scores") -> None:
    """Overwrite the root page of ``table`` with garbage (the file has no WAL left)."""
    ((root,),) = query(db, f"SELECT rootpage FROM sqlite_master WHERE name = '{table}'")
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    with db.open("r+b") as file:
        file.seek(PAGE * (int(root) - 1))
        file.write(b"\xa5" * PAGE)


def _kept(db: Path) -> list[Path]:
    return [p for p in db.parent.glob(f"{db.name}.damaged-*") if not p.name.endswith("-wal")]


def _refusal(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    capsys.readouterr()
    assert run(*args) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error
    return error


def test_a_damaged_file_is_kept_aside_and_the_newest_good_backup_offered(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    newest = list_backups(db)[0]
    _damage(db)
    damaged = _digest(db)

    error = _refusal(capsys, "status", db)
    assert "the database is damaged" in error and "it is not written to" in error
    (kept,) = _kept(db)
    assert f"a copy is kept as {kept}" in error
    assert f"the newest good backup is {db.parent / 'backups' / newest.name}" in error
    assert error.endswith(f"to bring it back: judging-app restore {db} {newest.name}")
    assert _digest(db) == damaged and _digest(kept) == damaged
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # opened read-only: nothing written

    assert _refusal(capsys, "import-votes", db, small["votes"])  # every verb refuses alike
    assert _kept(db) == [kept]  # one copy, not one per try
    assert _digest(db) == damaged

    assert run("restore", db, newest.name) == 0
    assert run("rank", db) == 0
    assert _digest(kept) == damaged


def test_a_damaged_backup_is_passed_over(small: dict[str, Path]) -> None:
    db = finished(small)["db"]
    newest, older = list_backups(db)[:2]
    _damage(newest.path, "votes")
    _damage(db)
    with pytest.raises(DamagedDatabase) as caught:
        Contest.open(db)
    assert caught.value.backup is not None and caught.value.backup.path == older.path
    assert caught.value.kept is not None and caught.value.kept.exists()


def test_a_file_whose_header_is_gone_but_has_backups_is_damaged(small: dict[str, Path]) -> None:
    db = small["db"]
    with db.open("r+b") as file:
        file.write(b"\0" * 100)
    with pytest.raises(DamagedDatabase) as caught:
        Contest.open(db)
    assert caught.value.backup is not None


def test_without_a_good_backup_the_message_says_so(tmp_path: Path, small: dict[str, Path]) -> None:
    db = small["db"]
    for backup in list_backups(db):
        backup.path.unlink()
    _damage(db, "cases")
    with pytest.raises(UserError, match="no good backup was found") as caught:
        open_contest_database(db)
    assert caught.value.message_id == "store.corrupt"


def _at_schema_2(db: Path) -> None:
    """Take a current contest back to schema 2 (the tables of migrations 0003 and 0004 dropped)."""
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("DROP TABLE report_records")
        connection.execute("DROP TABLE sheet_entries")
        connection.execute("DROP TABLE sheet_resolutions")
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
        connection.execute("PRAGMA user_version = 2")


def test_a_migration_that_fails_part_way_is_undone_from_its_backup(
    small: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The step that fails has already committed part of its work on its own connection: only
    the backup can undo that."""
    db = small["db"]
    _at_schema_2(db)
    before = dump(db)
    real_upgrade = store_engine.upgrade_schema

    def half_then_fail(connection: object, revision: str = "head") -> None:
        with closing(sqlite3.connect(db)) as other, other:
            other.execute("ALTER TABLE cases ADD COLUMN half_done TEXT")
            other.execute("DELETE FROM scores")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_engine, "upgrade_schema", half_then_fail)
    with pytest.raises(UserError) as caught:
        open_contest_database(db)
    assert caught.value.message_id == "store.migration_failed"
    assert "upgrading from schema 2 failed (disk I/O error)" in str(caught.value)
    assert "brought back from the backup" in str(caught.value)
    assert dump(db) == before
    assert query(db, "PRAGMA integrity_check") == [("ok",)]

    monkeypatch.setattr(store_engine, "upgrade_schema", real_upgrade)
    open_contest_database(db).dispose()  # the next try upgrades it
    assert query(db, "PRAGMA user_version") == [(store_engine.SCHEMA_VERSION,)]
    reasons = [b.reason for b in list_backups(db)]
    assert reasons.count("before-upgrade-v2") == 1  # the same state is not kept twice


def test_a_migration_that_raises_anything_is_undone(
    small: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = small["db"]
    _at_schema_2(db)
    before = dump(db)

    def bug(connection: object, revision: str = "head") -> None:
        with closing(sqlite3.connect(db)) as other, other:
            other.execute("DROP TABLE votes")
        raise KeyError("a bug in a migration")

    monkeypatch.setattr(store_engine, "upgrade_schema", bug)
    with pytest.raises(KeyError):
        open_contest_database(db)
    assert dump(db) == before
