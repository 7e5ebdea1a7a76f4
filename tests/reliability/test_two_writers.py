"""Two processes writing the same contest database at once: one waits or is refused, nothing is
lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from judging_app.store.lock import is_locked
from tests.helpers import query
from tests.reliability.conftest import Big
from tests.reliability.killing import ROOT


def start(tmp_path: Path, wait: float, *args: object) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        XDG_DATA_HOME=str(tmp_path / "data"),
        JUDGING_APP_LOCK_WAIT=str(wait),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "judging_app.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def votes_table(big: Big) -> Path:
    path = big.folder / "votes.csv"
    path.write_text(
        "case_id,votes\n" + "".join(f"C{n:03d},{n * 7}\n" for n in range(1, 51)), encoding="utf-8"
    )
    return path


HOLDER = """
import sys
from pathlib import Path
from judging_app.services.contest import Contest
contest = Contest.open(Path(sys.argv[1]), read_only=False)
contest.import_score_tables([Path(sys.argv[2])], "written")
print("imported", flush=True)
sys.stdin.readline()  # the first writer keeps the contest open (a window) until told to close
contest.close()
"""


def holder(big: Big, tmp_path: Path) -> subprocess.Popen[str]:
    """A first writer: it imports the 5,000 score rows and keeps the contest open."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(tmp_path / "data"))
    first = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(big.db), str(big.scores)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert first.stdout is not None and first.stdout.readline().strip() == "imported"
    assert is_locked(big.db)
    return first


def release(first: subprocess.Popen[str]) -> None:
    assert first.stdin is not None
    first.stdin.write("close\n")
    first.stdin.flush()
    assert first.wait(timeout=60) == 0


def test_a_second_command_waits_for_the_first_and_both_are_kept(big: Big, tmp_path: Path) -> None:
    first = holder(big, tmp_path)
    second = start(tmp_path, 120, "import-votes", big.db, votes_table(big))
    time.sleep(2)
    assert second.poll() is None  # still waiting for the lock
    release(first)
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0 and "50 rows, 50 added" in out, err
    assert query(big.db, "SELECT kind FROM imports ORDER BY id")[-2:] == [("scores",), ("votes",)]
    assert query(big.db, "SELECT count(*) FROM scores WHERE is_current") == [(15000,)]
    assert query(big.db, "SELECT count(*) FROM votes WHERE is_current") == [(50,)]


def test_a_second_command_that_may_not_wait_is_refused_and_can_run_again(
    big: Big, tmp_path: Path
) -> None:
    first = holder(big, tmp_path)
    try:
        second = start(tmp_path, 0, "import-votes", big.db, votes_table(big))
        out, err = second.communicate(timeout=120)
    finally:
        release(first)
    error = err.strip()
    assert second.returncode == 1 and out == ""
    assert "\n" not in error and "Traceback" not in error
    assert error.startswith("judging-app import-votes: contest.jdb: ")
    assert (
        f"(process {first.pid}, since" in error and "is writing to this contest database" in error
    )
    assert query(big.db, "SELECT count(*) FROM votes") == [(0,)]
    assert query(big.db, "SELECT count(*) FROM scores WHERE is_current") == [(15000,)]
    again = start(tmp_path, 0, "import-votes", big.db, votes_table(big))
    assert again.wait(timeout=120) == 0  # nothing lost: the refused import simply runs again
    assert query(big.db, "SELECT count(*) FROM votes WHERE is_current") == [(50,)]
