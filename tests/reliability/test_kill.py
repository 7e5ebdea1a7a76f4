"""Kill tests: a command killed with SIGKILL at many moments leaves the database intact and either
as it was before the command or as the command leaves it, compared by a full dump.

The moments are spread over the whole command (see ``killing.moments``): the lock, the backup,
reading and checking the files, writing, the commit, closing, and a little after. To keep the
suite fast the import is killed at 20 moments and the merge at 10 by default;
``JUDGING_APP_KILL_MOMENTS=50`` runs both at the 50 the issue asks for (about two minutes more).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import run
from tests.reliability.conftest import Big, Returned
from tests.reliability.killing import (
    IMPORT_MOMENTS,
    MERGE_MOMENTS,
    Forker,
    kill_everywhere,
    state,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")


@pytest.fixture(scope="module")
def forker() -> Iterator[Forker]:
    helper = Forker()
    yield helper
    helper.close()


def test_an_import_of_5000_score_rows_killed_at_any_moment(
    big_template: Big, tmp_path: Path, forker: Forker
) -> None:
    def fresh(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        db = folder / "contest.jdb"
        shutil.copyfile(big_template.db, db)
        return db

    def command(db: Path) -> list[object]:
        return ["import-scores", db, big_template.scores, "--round", "written"]

    before = state(big_template.db)
    durations = []
    for attempt in range(2):  # the first run warms the file cache: time the second
        reference = fresh(f"reference-{attempt}")
        ended, duration = forker.run(command(reference))
        assert ended == "exit 0"
        durations.append(duration)
    after = state(reference)
    assert after != before

    found = kill_everywhere(
        forker,
        fresh,
        command,
        duration=durations[-1],
        count=IMPORT_MOMENTS,
        before=before,
        after=after,
    )
    assert found["before"] and found["after"]  # the moments hit both sides of the commit

    # A killed import leaves no stale lock and a usable file: it is simply run again.
    again = found["before"][-1]
    assert run(*command(again)) == 0
    assert state(again) == after


def test_a_merge_of_50_packages_killed_at_any_moment(
    fifty: Returned, tmp_path: Path, forker: Forker
) -> None:
    def fresh(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        db = folder / "contest.jdb"
        shutil.copyfile(fifty.db, db)
        return db

    def command(db: Path) -> list[object]:
        return ["import-scores", db, *fifty.returns]

    before = state(fifty.db)
    durations = []
    for attempt in range(2):  # the first run warms the file cache: time the second
        reference = fresh(f"reference-{attempt}")
        ended, duration = forker.run(command(reference))
        assert ended == "exit 0"
        durations.append(duration)
    after = state(reference)

    found = kill_everywhere(
        forker,
        fresh,
        command,
        duration=durations[-1],
        count=MERGE_MOMENTS,
        before=before,
        after=after,
        seed=50,
    )
    assert found["before"] and found["after"]
