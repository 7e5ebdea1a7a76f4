"""One writer at a time: the lock file, a second writer that waits or opens read-only."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from judging_app.store.lock import LockBusy, WriterLock, is_locked, lock_file_for
from tests.helpers import dump, run


def test_a_second_writer_is_refused_naming_who_writes(tmp_path: Path) -> None:
    db = tmp_path / "contest.jdb"
    with WriterLock.acquire(db):
        assert is_locked(db)
        started = time.monotonic()
        with pytest.raises(LockBusy) as caught:
            WriterLock.acquire(db, wait=0.3)
        assert time.monotonic() - started >= 0.3
        message = str(caught.value)
        assert message.startswith("contest.jdb: ") and f"process {os.getpid()}" in message
        assert "\n" not in message
    assert not is_locked(db)
    WriterLock.acquire(db).release()


def test_a_second_writer_waits_for_the_first_to_finish(tmp_path: Path) -> None:
    db = tmp_path / "contest.jdb"
    first = WriterLock.acquire(db)
    threading.Timer(0.3, first.release).start()
    started = time.monotonic()
    with WriterLock.acquire(db, wait=10):
        assert 0.2 < time.monotonic() - started < 5


def test_the_lock_of_a_killed_process_is_free_at_once(tmp_path: Path) -> None:
    db = tmp_path / "contest.jdb"
    code = (
        "import sys, time; from pathlib import Path; "
        "from judging_app.store.lock import WriterLock; "
        f"lock = WriterLock.acquire(Path({str(db)!r})); print('locked', flush=True); "
        "time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert is_locked(db)
        with pytest.raises(LockBusy, match=f"process {child.pid}"):
            WriterLock.acquire(db)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    with WriterLock.acquire(db, wait=5):  # no stale lock: the OS released it with the process
        pass
    assert lock_file_for(db).exists()  # the file stays; it is only a handle to lock


def test_no_lock_file_can_be_made_is_a_clear_refusal(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(UserError) as caught:
        WriterLock.acquire(blocker / "contest.jdb")
    assert caught.value.message_id == "lock.unavailable"


def test_a_window_opens_read_only_when_a_writer_holds_the_contest(small: dict[str, Path]) -> None:
    db = small["db"]
    writer = Contest.open(db, read_only=False)
    try:
        assert not writer.read_only and writer.notices == ()
        window = Contest.open(db)  # read_only=None: write if possible, else read-only
        try:
            assert window.read_only
            (notice,) = window.notices
            assert "opened read-only" in str(notice) and f"process {os.getpid()}" in str(notice)
            assert window.status().cases == 5  # reading works
            before = dump(db)
            with pytest.raises(UserError, match="open read-only; nothing can be changed"):
                window.import_votes(small["votes"])
            assert dump(db) == before
        finally:
            window.close()
        with pytest.raises(LockBusy):
            Contest.open(db, read_only=False, wait=0.1)
    finally:
        writer.close()
    again = Contest.open(db)
    try:
        assert not again.read_only
    finally:
        again.close()


def test_a_command_waits_then_refuses_in_one_line(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUDGING_APP_LOCK_WAIT", "0.2")
    db = small["db"]
    before = dump(db)
    with WriterLock.acquire(db):
        capsys.readouterr()
        assert run("import-votes", db, small["votes"]) == 1
        error = capsys.readouterr().err.strip()
        assert "\n" not in error and "is writing to this contest database" in error
        assert run("status", db) == 0  # reading verbs do not need the lock
    assert dump(db) == before
    assert run("import-votes", db, small["votes"]) == 0
