"""Rolling backups before every change; listing them and bringing one back."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from judging_app.store.backups import KEEP_RECENT, list_backups, prune, take_backup
from tests.helpers import dump, query, run
from tests.reliability.conftest import finished


def _backups(db: Path) -> list[str]:
    return [_reason(b.reason) for b in reversed(list_backups(db))]  # oldest first


def _reason(reason: str) -> str:
    """A backup is named after the action's method: score tables import as "import-scores"."""
    return "import-scores" if reason.startswith("import-score") else reason


def test_every_change_is_preceded_by_a_backup_of_the_state_before(small: dict[str, Path]) -> None:
    db = small["db"]
    assert _backups(db) == ["import-cases", "import-judges"]  # init makes none: a new file
    states = [dump(db)]
    assert run("import-scores", db, small["written"], "--round", "written") == 0
    states.append(dump(db))
    assert run("advance", db, "--round", "written") == 0
    backups = list_backups(db)
    assert [_reason(b.reason) for b in backups[:2]] == ["advance", "import-scores"]
    assert dump(backups[0].path) == states[1]
    assert dump(backups[1].path) == states[0]
    with closing(sqlite3.connect(backups[0].path)) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # self-contained


def test_reading_verbs_and_refused_repeats_make_no_new_backups(small: dict[str, Path]) -> None:
    db = small["db"]
    bad = small["written"].with_name("bad.csv")
    bad.write_text("judge_id,case_id,creativity,utility,impact\nJ1,C1,99,1,1\n", encoding="utf-8")
    count = len(list_backups(db))
    assert run("status", db) == 0
    assert run("rank", db, "--round", "written") == 0
    assert len(list_backups(db)) == count
    for _ in range(3):  # the backup before each refused import equals the one before it
        assert run("import-scores", db, bad, "--round", "written") == 1
    assert len(list_backups(db)) == count + 1


def test_the_newest_twenty_are_kept_and_the_first_of_each_day(tmp_path: Path) -> None:
    db = tmp_path / "contest.jdb"
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("CREATE TABLE t (x)")
    first = take_backup(db, "import-cases")
    folder = first.path.parent
    start = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    for day in range(5):  # 5 days, 10 backups a day, an hour apart
        for hour in range(10):
            at = start + timedelta(days=day, hours=hour)
            name = f"contest.jdb~{at.strftime('%Y%m%d-%H%M%S-%f')}~advance.jdb"
            shutil.copyfile(first.path, folder / name)
    first.path.unlink()
    (folder / "someone-elses-file.jdb").write_text("kept")
    (folder / "other.jdb~20250301-090000-000000~advance.jdb").write_text("another database's")
    prune(db)
    kept = list_backups(db)
    assert len(kept) == KEEP_RECENT + 3  # 20 newest (the last two days), the first of 3 days
    days = {b.taken_at.astimezone().date() for b in kept}
    assert len(days) == 5
    oldest_of_day: dict[object, datetime] = {}
    for backup in kept:
        day = backup.taken_at.astimezone().date()
        oldest_of_day[day] = min(oldest_of_day.get(day, backup.taken_at), backup.taken_at)
    everything = [start + timedelta(days=d, hours=h) for d in range(5) for h in range(10)]
    for day, oldest in oldest_of_day.items():
        assert oldest == min(t for t in everything if t.astimezone().date() == day)
    assert (folder / "someone-elses-file.jdb").exists()
    assert (folder / "other.jdb~20250301-090000-000000~advance.jdb").exists()


def test_a_half_written_backup_of_a_killed_process_is_cleaned_up(small: dict[str, Path]) -> None:
    db = small["db"]
    leftover = db.parent / "backups" / ".contest.jdb~20250301-090000-000000~advance.jdb.tmp"
    leftover.write_bytes(b"half a copy")
    assert run("import-scores", db, small["written"], "--round", "written") == 0
    assert not leftover.exists()
    assert all(not b.name.endswith(".tmp") for b in list_backups(db))


def test_a_backup_that_cannot_be_written_refuses_the_change(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = small["db"]
    shutil.rmtree(db.parent / "backups")
    (db.parent / "backups").write_text("a file where the folder should be")
    before = dump(db)
    capsys.readouterr()
    assert run("import-scores", db, small["written"], "--round", "written") == 1
    error = capsys.readouterr().err.strip()
    assert (
        "\n" not in error and "cannot write the backup" in error and "nothing was changed" in error
    )
    assert dump(db) == before


def test_backups_lists_them_newest_first(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = small["db"]
    assert run("import-scores", db, small["written"], "--round", "written") == 0
    capsys.readouterr()
    assert run("backups", db) == 0
    lines = capsys.readouterr().out.splitlines()
    reasons = [_reason(line.split()[2]) for line in lines]
    assert reasons == ["import-scores", "import-judges", "import-cases"]
    assert lines[0].endswith(".jdb") and "~import-score" in lines[0]


def test_restore_brings_a_backup_back_and_keeps_the_state_it_replaces(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = finished(small)["db"]
    (before_votes,) = [b for b in list_backups(db) if b.reason == "import-votes"]
    finished_state = dump(db)
    capsys.readouterr()
    assert run("restore", db, before_votes.name) == 0
    assert "restored" in capsys.readouterr().out
    assert dump(db) == dump(before_votes.path)
    assert query(db, "SELECT count(*) FROM votes") == [(0,)]
    assert query(db, "PRAGMA journal_mode") == [("wal",)]
    saved = list_backups(db)[0]
    assert saved.reason == "before-restore" and dump(saved.path) == finished_state
    assert run("restore", db, saved.path) == 0  # and back again, by path
    assert dump(db) == finished_state
    assert run("rank", db) == 0


@pytest.mark.parametrize(
    ("backup", "message"),
    [
        ("no-such-backup.jdb", 'no backup "no-such-backup.jdb"'),
        ("cases.csv", "cases.csv: this backup cannot be restored (file is not a database)"),
    ],
)
def test_restore_refuses_what_is_no_backup_of_it(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str], backup: str, message: str
) -> None:
    db = small["db"]
    before = dump(db)
    capsys.readouterr()
    argument = small["cases"] if backup == "cases.csv" else backup
    assert run("restore", db, argument) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and message in error
    assert dump(db) == before


def test_restore_refuses_a_backup_of_another_contest(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other" / "other.jdb"
    other.parent.mkdir()
    assert run("init", other, "--config", small["config"]) == 0
    before = dump(small["db"])
    capsys.readouterr()
    assert run("restore", small["db"], other) == 1
    assert "a backup of another contest" in capsys.readouterr().err
    assert dump(small["db"]) == before


def test_a_config_change_is_preceded_by_a_backup(small: dict[str, Path]) -> None:
    from dataclasses import replace

    from judging_app.services.contest import Contest

    db = small["db"]
    before = dump(db)
    contest = Contest.open(db, read_only=False)
    try:
        config = contest.config()
        awards = (replace(config.awards[0], name="대상"), *config.awards[1:])
        assert contest.update_config(replace(config, awards=awards)) == ("awards",)
    finally:
        contest.close()
    newest = list_backups(db)[0]
    assert newest.reason == "update-config" and dump(newest.path) == before
