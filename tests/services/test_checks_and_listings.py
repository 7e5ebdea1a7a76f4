"""The services the window adds: dry-run checks, cancellation, listings, the demo contest."""

from pathlib import Path

import pytest

from judging_app.services.contest import Contest
from judging_app.services.demo import create_demo_contest, write_demo_contest
from judging_app.services.progress import Cancelled, Progress
from tests.helpers import dump


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory):
    return write_demo_contest(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def contest(contest_db, demo_files):
    contest = Contest.create(contest_db, demo_files.config)
    yield contest
    contest.close()


def test_a_check_says_what_the_import_would_do_and_writes_nothing(contest, demo_files):
    before = dump(contest.path)
    check = contest.check_cases(demo_files.cases_xlsx)
    assert check.problems == ()
    assert [(r.rows, r.added, r.changed) for r in check.results] == [(50, 50, 0)]
    assert dump(contest.path) == before


def test_a_check_lists_every_problem_with_row_and_column(contest, tmp_path):
    bad = tmp_path / "votes.csv"
    bad.write_text("case_id,votes\nC01,abc\nC02,-3\nC99,5\n", encoding="utf-8")
    check = contest.check_votes(bad)
    assert check.results == ()
    rows = sorted((p.params.get("row"), p.params.get("column")) for p in check.problems)
    assert rows == [(2, "votes"), (3, "votes")]  # the reader refuses the cells first
    before = dump(contest.path)
    good_but_unknown = tmp_path / "votes2.csv"
    good_but_unknown.write_text("case_id,votes\nC98,1\nC99,5\n", encoding="utf-8")
    check = contest.check_votes(good_but_unknown)
    assert [(p.params["row"], p.params["column"]) for p in check.problems] == [
        (2, "case_id"),
        (3, "case_id"),
    ]
    assert dump(contest.path) == before


def test_a_cancelled_action_changes_nothing(contest, demo_files):
    before = dump(contest.path)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled), contest.cancellable(progress):
        contest.import_cases(demo_files.cases_xlsx)
    assert dump(contest.path) == before
    contest.import_cases(demo_files.cases_xlsx)  # outside the block nothing is guarded
    assert len(contest.cases()) == 50


def test_listings(contest, demo_files):
    contest.import_cases(demo_files.cases_xlsx)
    contest.import_judges(demo_files.judges_xlsx)
    contest.import_score_tables([demo_files.scores_written_xlsx], "written")
    cases = contest.cases()
    assert cases[0].case_id == "C01" and cases[0].panels["written"] in {"A", "B"}
    judges = {j.judge_id: j for j in contest.judges()}
    assert judges["J01"].panels == {"written": "A", "presentation": "대면"}
    grid = contest.round_grid("written")
    assert len(grid.cases) == 50 and len(grid.judges) == 10
    assert grid.cells[("C09", "J04")] == "excluded"
    assert grid.missing == 0
    states = {grid.cells[(c, "J01")] for c, _t, panel in grid.cases if panel == "B"}
    assert states == {"other_panel"}
    assert [a.action for a in contest.audit_log()] == [
        "init",
        "import-cases",
        "import-judges",
        "import-scores",
    ]
    leniency = {s.judge_id: s.leaning for s in contest.judge_leniency("written")}
    assert leniency["J03"] == "lenient"


def test_the_demo_contest_is_ready_to_close_its_first_round(tmp_path: Path):
    database = create_demo_contest(tmp_path / "demo")
    contest = Contest.open(database)
    try:
        status = contest.status()
        assert (status.cases, status.judges) == (50, 10)
        assert status.rounds[0].missing == 0 and status.rounds[0].state == "open"
    finally:
        contest.close()
    assert create_demo_contest(tmp_path / "demo") == database  # made afresh over the old one


def test_a_report_export_cancelled_before_writing_writes_nothing(contest, demo_files, tmp_path):
    from judging_app.services.exporting import export_report_file

    contest.import_cases(demo_files.cases_xlsx)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        export_report_file(contest, tmp_path / "report.xlsx", progress)
    assert not (tmp_path / "report.xlsx").exists()
    assert export_report_file(contest, tmp_path / "report.xlsx").stat().st_size > 0
