"""Contests to report on: the hand-worked one of tests/cli and the demo, built through the CLI."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from judging_app.domain.messages import set_language
from judging_app.services.contest import Contest
from judging_app.services.demo import write_demo_contest
from judging_app.services.reporting import export_report
from tests.cli.conftest import CASES, CONFIG, FINAL, JUDGES, VOTES, WRITTEN
from tests.helpers import run

GENERATED = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)


def ok(*args: object) -> None:
    assert run(*args) == 0, args


def build_hand_contest(directory: Path, *, config: str = CONFIG, cases: str = CASES) -> Path:
    """The contest of tests/cli/test_pipeline.py, both rounds closed, votes imported."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = {
        "contest.toml": config,
        "cases.csv": cases,
        "judges.csv": JUDGES,
        "written.csv": WRITTEN,
        "final.csv": FINAL,
        "votes.csv": VOTES,
    }
    for name, text in texts.items():
        (directory / name).write_text(text, encoding="utf-8")
    db = directory / "contest.jdb"
    ok("init", db, "--config", directory / "contest.toml")
    ok("import-cases", db, directory / "cases.csv")
    ok("import-judges", db, directory / "judges.csv")
    ok("import-scores", db, directory / "written.csv", "--round", "written")
    ok("advance", db, "--round", "written")
    ok("import-scores", db, directory / "final.csv", "--round", "final")
    ok("import-votes", db, directory / "votes.csv")
    ok("advance", db, "--round", "final")
    return db


def build_demo_contest(directory: Path) -> Path:
    files = write_demo_contest(directory / "demo")
    db = directory / "demo.jdb"
    ok("init", db, "--config", files.config)
    ok("import-cases", db, files.cases_xlsx)
    ok("import-judges", db, files.judges_xlsx)
    ok("import-scores", db, files.scores_written_xlsx, "--round", "written")
    ok("advance", db, "--round", "written")
    ok("import-scores", db, files.scores_presentation_xlsx, "--round", "presentation")
    ok("advance", db, "--round", "presentation")
    ok("import-votes", db, files.votes_xlsx)
    return db


def export(db: Path, out: Path, language: str = "ko") -> Path:
    """The report of ``db`` in ``language``, written by the service the CLI and the window call."""
    set_language(language)
    contest = Contest.open(db)
    try:
        return export_report(contest, out, generated_at=GENERATED)
    finally:
        contest.close()
        set_language("en")


def rank_json(db: Path, capsys: pytest.CaptureFixture[str], *extra: object) -> dict[str, object]:
    capsys.readouterr()
    ok("rank", db, "--json", *extra)
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hand_contest(tmp_path_factory.mktemp("hand"))


@pytest.fixture(scope="module")
def hand_report(hand_db: Path) -> Path:
    return export(hand_db, hand_db.with_name("report.xlsx"))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_contest(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def demo_report(demo_db: Path) -> Path:
    return export(demo_db, demo_db.with_name("report.xlsx"))
