"""A newer revision that no longer scores a case records the judge's old scores as cleared."""

from judging_app.services.contest import Contest
from tests.helpers import query
from tests.packages.conftest import complete_j1, open_judge


def test_a_conflict_declared_in_revision_two_clears_the_scores_of_revision_one(
    db, issued, data_dir, tmp_path
):
    stick = tmp_path / "stick"
    stick.mkdir()
    with open_judge(issued, "J1", data_dir) as session:
        complete_j1(session)
        session.submit()
        first = session.export_return(stick / "r1.jpkg").path
        session.amend()
        session.declare_conflict("C2", "자문 참여", clear_scores=True)
        session.submit()
        second = session.export_return(stick / "r2.jpkg").path
    contest = Contest.open(db)
    try:
        contest.import_scores([first])
        contest.import_scores([second])
    finally:
        contest.close()
    rows = query(
        db,
        """SELECT c.case_id, s.value, s.is_current, s.source FROM scores s
           JOIN cases c ON s.case_pk = c.id JOIN judges j ON s.judge_pk = j.id
           WHERE j.judge_id = 'J1' AND c.case_id = 'C2' ORDER BY s.id""",
    )
    assert len(rows) == 6
    assert all(value is not None and current == 0 for _, value, current, _ in rows[:3])
    assert [(value, current, source) for _, value, current, source in rows[3:]] == [
        (None, 1, "package")
    ] * 3
