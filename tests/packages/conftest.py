"""A contest with its written round's packages issued, and helpers to play each judge.

The contest is the hand-worked one of tests/cli (three judges on panel A, five cases; J3 is
excluded from C5 automatically). Packages are issued with a cheap scrypt cost (:data:`FAST`) so
that unlocking takes microseconds; the default cost is tested once, through the command line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from judging_app.exchange.package_keys import KdfCost
from judging_app.services.contest import Contest
from judging_app.services.judge_session import JudgeSession
from judging_app.services.packages import IssueResult
from tests.cli.conftest import CASES, CONFIG, JUDGES, WRITTEN
from tests.helpers import run

FAST = KdfCost(n=2**8)
J1_CONFLICT = ("C4", "자문위원으로 참여한 사업")


def written_scores() -> dict[str, dict[str, tuple[dict[str, str], str]]]:
    """judge → case → ({criterion: value}, comment), from the written round's score table."""
    scores: dict[str, dict[str, tuple[dict[str, str], str]]] = {}
    for row in csv.DictReader(io.StringIO(WRITTEN)):
        values = {k: row[k] for k in ("creativity", "utility", "impact")}
        scores.setdefault(row["judge_id"], {})[row["case_id"]] = (values, row["comment"] or "")
    return scores


def make_contest(directory: Path, db: Path | str | None = None) -> Path:
    """The contest with cases and judges, in ``db`` (a file or a server's database; by default
    ``directory/contest.jdb``), its tables in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (("contest.toml", CONFIG), ("cases.csv", CASES), ("judges.csv", JUDGES)):
        (directory / name).write_text(text, encoding="utf-8")
    db = directory / "contest.jdb" if db is None else db
    assert run("init", db, "--config", directory / "contest.toml") == 0
    assert run("import-cases", db, directory / "cases.csv") == 0
    assert run("import-judges", db, directory / "judges.csv") == 0
    return db  # type: ignore[return-value]


def issue(db: Path, out: Path, round_key: str = "written") -> IssueResult:
    contest = Contest.open(db)
    try:
        return contest.issue_packages(round_key, out, kdf_cost=FAST)
    finally:
        contest.close()


def package(issued: IssueResult, judge_id: str) -> tuple[Path, str]:
    """The package file and the PIN of a judge."""
    found = next(p for p in issued.packages if p.judge_id == judge_id)
    return found.file, found.pin


def open_judge(issued: IssueResult, judge_id: str, data_dir: Path, **options) -> JudgeSession:
    """The judge's package opened and unlocked."""
    path, pin = package(issued, judge_id)
    session = JudgeSession.open(path, data_dir=data_dir, **options)
    session.unlock(pin)
    return session


def score_as_in_table(session: JudgeSession, *, skip: tuple[str, ...] = ()) -> None:
    """Enter the judge's scores and comments of the written score table (but ``skip``)."""
    for case_id, (values, comment) in written_scores()[session.meta.judge_id].items():
        if case_id in skip:
            continue
        for key, value in values.items():
            session.set_score(case_id, key, value)
        if comment:
            session.set_comment(case_id, comment)


def complete_j1(session: JudgeSession) -> None:
    """J1: pledge, a declared conflict for C4, a comment on C1, the other cases scored."""
    session.sign_pledge("김민수")
    session.declare_conflict(*J1_CONFLICT)
    score_as_in_table(session, skip=(J1_CONFLICT[0],))
    session.set_comment("C1", "다국어 안내가 돋보임")


def return_copy(issued: IssueResult, judge_id: str, data_dir: Path, out: Path) -> Path:
    """Play a judge to the end: everything entered, submitted, saved for the secretariat."""
    with open_judge(issued, judge_id, data_dir) as session:
        if judge_id == "J1":
            complete_j1(session)
        else:
            session.sign_pledge(session.meta.judge_name)
            score_as_in_table(session)
        session.submit()
        out.mkdir(parents=True, exist_ok=True)
        path = out / session.suggested_return_name()
        session.export_return(path)
        return path


@pytest.fixture
def db(tmp_path: Path, contest_db: Path) -> Path:
    """The contest (a file or a server's database: tests using it run on both back ends)."""
    return make_contest(tmp_path / "contest", contest_db)


@pytest.fixture
def issued(db: Path, tmp_path: Path) -> IssueResult:
    return issue(db, tmp_path / "packages")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "judge-data"
