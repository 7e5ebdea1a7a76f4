"""The demo contest, written for a newcomer to try every step."""

from __future__ import annotations

from pathlib import Path

from judging_app.exchange.demo import DemoFiles, write_demo
from judging_app.services.contest import Contest
from judging_app.services.progress import Progress

DEMO_DATABASE = "contest.jdb"


def write_demo_contest(directory: Path) -> DemoFiles:
    directory.mkdir(parents=True, exist_ok=True)
    return write_demo(directory)


def create_demo_contest(directory: Path, progress: Progress | None = None) -> Path:
    """Write the demo files into ``directory`` and set up a fresh contest database from them.

    The contest is created from the demo's TOML, then its cases, judges and the written review's
    score table are imported, so that the first round is complete and ready to be closed; the
    presentation scores and the votes stay in the folder for the user to import. An earlier demo
    database in the folder is replaced. Returns the database's path.
    """
    progress = progress or Progress()
    progress.step(0, 5)
    files = write_demo_contest(directory)
    database = directory / DEMO_DATABASE
    _remove(database)
    progress.step(1, 5)
    contest = Contest.create(database, files.config)
    try:
        progress.step(2, 5)
        contest.import_cases(files.cases_xlsx)
        progress.step(3, 5)
        contest.import_judges(files.judges_xlsx)
        progress.step(4, 5)
        contest.import_score_tables([files.scores_written_xlsx], "written")
        progress.step(5, 5)
    except BaseException:
        contest.close()
        _remove(database)  # a half-made demo is no demo
        raise
    contest.close()
    return database


def _remove(database: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
