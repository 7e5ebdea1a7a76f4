"""Contests for the reliability tests: the small hand-worked one, and a 5,000-score-row one.

The large one (50 cases, 100 judges on one panel) is built once per session with its cases and
judges imported; each test copies the database before the score import.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.conftest import CASES, CONFIG, FINAL, JUDGES, VOTES, WRITTEN
from tests.helpers import run

BIG_CONFIG = """
[contest]
name = "5,000 rows"

[[criteria]]
key = "creativity"
name = "창의성"
max = 40

[[criteria]]
key = "utility"
name = "효용성"
max = 30

[[criteria]]
key = "impact"
name = "파급력"
max = 30

[[rounds]]
key = "written"
name = "서면심사"
aggregate = "trimmed_mean"

[final]
expert_weight = 0.6
vote_weight = 0.4
vote_method = "proportional_to_max"
decimals = 2
tie_break = ["expert"]

[[awards]]
name = "최우수"
count = 1
"""


@dataclass(frozen=True)
class Big:
    db: Path
    scores: Path  # 5,000 rows: every judge scores every case
    folder: Path


def big_tables(folder: Path) -> dict[str, Path]:
    cases = [f"C{n:03d}" for n in range(1, 51)]
    judges = [f"J{n:03d}" for n in range(1, 101)]
    rng = random.Random(20251125)
    texts = {
        "config": ("contest.toml", BIG_CONFIG),
        "cases": (
            "cases.csv",
            "case_id,title,organization,category,summary,body,written\n"
            + "".join(f"{c},사례 {c},기관 {c},행정,요약,본문,A\n" for c in cases),
        ),
        "judges": (
            "judges.csv",
            "judge_id,name,affiliation,written\n"
            + "".join(f"{j},심사위원 {j},소속 {j},A\n" for j in judges),
        ),
        "scores": (
            "scores.csv",
            "judge_id,case_id,creativity,utility,impact\n"
            + "".join(
                f"{j},{c},{rng.randint(0, 40)},{rng.randint(0, 30)},{rng.randint(0, 30)}\n"
                for j in judges
                for c in cases
            ),
        ),
    }
    paths = {}
    for key, (name, text) in texts.items():
        paths[key] = folder / name
        paths[key].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture(scope="session")
def big_template(tmp_path_factory: pytest.TempPathFactory) -> Big:
    folder = tmp_path_factory.mktemp("big")
    paths = big_tables(folder)
    db = folder / "template.jdb"
    assert run("init", db, "--config", paths["config"]) == 0
    assert run("import-cases", db, paths["cases"]) == 0
    assert run("import-judges", db, paths["judges"]) == 0
    return Big(db, paths["scores"], folder)


@pytest.fixture
def big(big_template: Big, tmp_path: Path) -> Big:
    """A fresh copy of the large contest, before its score import (no backups yet)."""
    db = tmp_path / "contest.jdb"
    shutil.copyfile(big_template.db, db)
    scores = tmp_path / "scores.csv"
    shutil.copyfile(big_template.scores, scores)
    return Big(db, scores, tmp_path)


@pytest.fixture
def small(tmp_path: Path) -> dict[str, Path]:
    """The hand-worked contest of tests/cli with its cases and judges imported."""
    texts = {
        "config": ("contest.toml", CONFIG),
        "cases": ("cases.csv", CASES),
        "judges": ("judges.csv", JUDGES),
        "written": ("written.csv", WRITTEN),
        "final": ("final.csv", FINAL),
        "votes": ("votes.csv", VOTES),
    }
    paths = {}
    for key, (name, text) in texts.items():
        paths[key] = tmp_path / name
        paths[key].write_text(text, encoding="utf-8")
    db = paths["db"] = tmp_path / "contest.jdb"
    assert run("init", db, "--config", paths["config"]) == 0
    assert run("import-cases", db, paths["cases"]) == 0
    assert run("import-judges", db, paths["judges"]) == 0
    return paths


def finished(small: dict[str, Path]) -> dict[str, Path]:
    """Take the small contest to its end: both rounds scored and closed, votes imported."""
    db = small["db"]
    assert run("import-scores", db, small["written"], "--round", "written") == 0
    assert run("advance", db, "--round", "written") == 0
    assert run("import-scores", db, small["final"], "--round", "final") == 0
    assert run("advance", db, "--round", "final") == 0
    assert run("import-votes", db, small["votes"]) == 0
    return small


@dataclass(frozen=True)
class Returned:
    db: Path  # the contest with its 50 packages issued, none merged yet
    returns: tuple[Path, ...]  # one return copy per judge, submitted and sealed


def fifty_returns(folder: Path, *, judges: int = 50, db: Path | str | None = None) -> Returned:
    """A contest of 50 judges (or ``judges``) in panels of two, 2 cases a panel, every judge's
    package issued, scored, submitted and saved for the secretariat (a cheap PIN cost: FAST);
    the contest in ``db`` (a file or a server's database; by default ``folder/contest.jdb``)."""
    from judging_app.services.contest import Contest
    from judging_app.services.judge_session import JudgeSession
    from tests.packages.conftest import FAST

    folder.mkdir(parents=True, exist_ok=True)
    panels = [f"P{n:02d}" for n in range(1, judges // 2 + 1)]
    cases = "".join(
        f"C{2 * n + k:03d},사례 {2 * n + k},기관 {2 * n + k},행정,요약,본문,{p}\n"
        for n, p in enumerate(panels)
        for k in (1, 2)
    )
    members = "".join(
        f"J{2 * n + k:03d},심사위원 {2 * n + k},소속 {2 * n + k},{p}\n"
        for n, p in enumerate(panels)
        for k in (1, 2)
    )
    texts = {
        "contest.toml": BIG_CONFIG,
        "cases.csv": "case_id,title,organization,category,summary,body,written\n" + cases,
        "judges.csv": "judge_id,name,affiliation,written\n" + members,
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "contest.jdb" if db is None else db
    assert run("init", db, "--config", folder / "contest.toml") == 0
    assert run("import-cases", db, folder / "cases.csv") == 0
    assert run("import-judges", db, folder / "judges.csv") == 0
    contest = Contest.open(db, read_only=False)
    try:
        issued = contest.issue_packages("written", folder / "issued", kdf_cost=FAST)
    finally:
        contest.close()
    rng = random.Random(50)
    returns = []
    for package in issued.packages:
        with JudgeSession.open(package.file, data_dir=folder / "judge-data") as session:
            session.unlock(package.pin)
            session.sign_pledge(session.meta.judge_name)
            for case_id in [c.case_id for c in session.cases]:
                for key, top in (("creativity", 40), ("utility", 30), ("impact", 30)):
                    session.set_score(case_id, key, rng.randint(0, top))
            session.submit()
            path = folder / "returns" / session.suggested_return_name()
            path.parent.mkdir(exist_ok=True)
            session.export_return(path)
            returns.append(path)
    return Returned(db, tuple(returns))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def fifty(tmp_path_factory: pytest.TempPathFactory) -> Returned:
    return fifty_returns(tmp_path_factory.mktemp("fifty"))
