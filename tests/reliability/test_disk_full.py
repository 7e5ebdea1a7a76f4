"""A full disk or an I/O error: every import, merge and report is refused in one line, nothing is
half-written and no traceback is shown.

The disk is "full" through ``RLIMIT_FSIZE`` set in the command's own process (a normal user may
lower it; Python ignores SIGXFSZ, so a write past the limit fails with EFBIG, which SQLite reports
as a disk I/O error). The limit is chosen so that the step under test is the one that fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.conftest import Big, Returned
from tests.reliability.killing import ROOT, integrity, state

resource = pytest.importorskip("resource", reason="RLIMIT_FSIZE is POSIX")


def run_limited(tmp_path: Path, limit: int, *args: object) -> subprocess.CompletedProcess[str]:
    """``judging-app ARGS`` in a process that cannot write a file past ``limit`` bytes."""

    def lower_the_limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHONDONTWRITEBYTECODE="1",
        JUDGING_APP_LOCK_WAIT="0",
    )
    return subprocess.run(
        [sys.executable, "-m", "judging_app.cli", *map(str, args)],
        preexec_fn=lower_the_limit,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )


def refused_in_one_line(result: subprocess.CompletedProcess[str]) -> str:
    error = result.stderr.strip()
    assert result.returncode == 1, error
    assert "\n" not in error and "Traceback" not in error and "unexpected" not in error
    return error


def leftovers(folder: Path) -> list[str]:
    """Temporary or partial files the command may have left (none is allowed)."""
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".part")))


@pytest.fixture
def big_copy(big_template: Big, tmp_path: Path) -> Path:
    db = tmp_path / "contest.jdb"
    shutil.copyfile(big_template.db, db)
    return db


def test_an_import_that_fills_the_disk_changes_nothing(
    big_copy: Path, big_template: Big, tmp_path: Path
) -> None:
    before = state(big_copy)
    limit = big_copy.stat().st_size + 256 * 1024  # the backup fits, the 15,000 scores do not
    result = run_limited(
        tmp_path, limit, "import-scores", big_copy, big_template.scores, "--round", "written"
    )
    error = refused_in_one_line(result)
    assert error.startswith("judging-app import-scores: contest.jdb: cannot write to the contest")
    assert "disk I/O error" in error and "nothing was changed" in error
    assert integrity(big_copy) == "ok"
    assert state(big_copy) == before
    assert leftovers(tmp_path) == []


def test_a_backup_that_fills_the_disk_refuses_the_import(
    big_copy: Path, big_template: Big, tmp_path: Path
) -> None:
    before = state(big_copy)
    limit = big_copy.stat().st_size // 2  # not even the backup fits
    result = run_limited(
        tmp_path, limit, "import-scores", big_copy, big_template.scores, "--round", "written"
    )
    error = refused_in_one_line(result)
    assert "cannot write the backup taken before every change, so nothing was changed" in error
    assert state(big_copy) == before
    assert leftovers(tmp_path) == []
    assert not list((tmp_path / "backups").glob("*.jdb"))


def test_a_merge_of_50_packages_that_fills_the_disk_changes_nothing(
    fifty: Returned, tmp_path: Path
) -> None:
    db = tmp_path / "contest.jdb"
    shutil.copyfile(fifty.db, db)
    before = state(db)
    # The backup is exactly the database's size and fits. The merge commits one WAL frame (a page
    # and its 24-byte header) per page it writes: about as many pages as the whole file has (it
    # adds 45 pages to 54), so the WAL passes the limit and the commit fails.
    limit = db.stat().st_size
    result = run_limited(tmp_path, limit, "import-scores", db, *fifty.returns)
    error = refused_in_one_line(result)
    assert "cannot write to the contest database" in error and "nothing was changed" in error
    assert integrity(db) == "ok" and state(db) == before
    assert leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def scored_template(big_template: Big, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scored")
    db = folder / "contest.jdb"
    shutil.copyfile(big_template.db, db)
    args = ("import-scores", db, big_template.scores, "--round", "written")
    assert run_limited(folder, 1 << 30, *args).returncode == 0
    return db


@pytest.fixture
def scored(scored_template: Path, tmp_path: Path) -> Path:
    """The large contest with its 5,000 score rows, and a backup beside it."""
    db = tmp_path / "contest.jdb"
    shutil.copyfile(scored_template, db)
    shutil.copytree(scored_template.parent / "backups", tmp_path / "backups")
    return db


def test_a_report_that_fills_the_disk_is_refused_in_one_line(scored: Path, tmp_path: Path) -> None:
    before = state(scored)
    report = tmp_path / "report.xlsx"
    result = run_limited(tmp_path, 64 * 1024, "report", scored, "--out", report)
    error = refused_in_one_line(result)
    assert error == (
        "judging-app report: could not be written: the disk is full or a file size limit was "
        "reached"
    )
    assert state(scored) == before  # not recorded as written


def test_a_report_that_fills_the_disk_is_not_left_half_written(
    scored: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.xlsx"
    assert run_limited(tmp_path, 64 * 1024, "report", scored, "--out", report).returncode == 1
    assert not report.exists()
    assert list(tmp_path.glob(".report.writing-*")) == []


def test_a_file_that_cannot_be_read_now_is_not_taken_for_a_damaged_one(
    scored: Path, tmp_path: Path
) -> None:
    """With backups beside it, an unreadable file must not be called damaged nor copied aside:
    its ``-shm`` (32 KB) cannot be written under a 16 KB limit."""
    result = run_limited(tmp_path, 16 * 1024, "status", scored)
    error = refused_in_one_line(result)
    assert error.startswith(f"judging-app status: {scored}: cannot be opened (disk I/O error")
    assert "damaged" not in error
    assert not list(tmp_path.glob("*.damaged-*"))
