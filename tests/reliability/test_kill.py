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
from collections.abc import Callable, Iterator, Sequence
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


def _killed_at_moments(
    forker: Forker,
    tmp_path: Path,
    template: Path,
    args: Sequence[object],
    *,
    count: int,
    seed: int = 9,
) -> tuple[dict[str, list[Path]], str, Callable[[Path], list[object]]]:
    """Run ``judging-app args[0] DB *args[1:]`` to the end on a copy of ``template`` (twice: the
    first run warms the file cache, the second is timed), then kill it at ``count`` moments on
    fresh copies. Returns the copies by the state they were found in, the state the command
    leaves, and the command."""

    def fresh(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        db = folder / "contest.jdb"
        shutil.copyfile(template, db)
        return db

    def command(db: Path) -> list[object]:
        return [args[0], db, *args[1:]]

    before = state(template)
    durations = []
    for attempt in range(2):
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
        count=count,
        before=before,
        after=after,
        seed=seed,
    )
    assert found["before"] and found["after"]  # the moments hit both sides of the commit
    return found, after, command


def test_an_import_of_5000_score_rows_killed_at_any_moment(
    big_template: Big, tmp_path: Path, forker: Forker
) -> None:
    args = ("import-scores", big_template.scores, "--round", "written")
    found, after, command = _killed_at_moments(
        forker, tmp_path, big_template.db, args, count=IMPORT_MOMENTS
    )

    # A killed import leaves no stale lock and a usable file: it is simply run again.
    again = found["before"][-1]
    assert run(*command(again)) == 0
    assert state(again) == after


def test_a_merge_of_50_packages_killed_at_any_moment(
    fifty: Returned, tmp_path: Path, forker: Forker
) -> None:
    args = ("import-scores", *fifty.returns)
    _killed_at_moments(forker, tmp_path, fifty.db, args, count=MERGE_MOMENTS, seed=50)
