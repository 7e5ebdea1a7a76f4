"""Judge packages through the round page: issue them, let judges score, merge what comes back."""

import csv
import time

import pytest
from PySide6.QtCore import Qt, QTimer

from judging_app.exchange.demo import CRITERION_KEYS, build_demo
from judging_app.services.contest import Contest
from judging_app.ui.pages.merge_dialog import MergeDialog
from judging_app.ui.pages.packages_actions import packages_in
from tests.helpers import dump
from tests.ui.conftest import find_dialog, wait_idle

pytestmark = pytest.mark.skipif(
    not hasattr(Contest, "issue_packages"), reason="judge packages are not in this version"
)
LEFT = Qt.MouseButton.LeftButton


def play_judge(package, pin, data_dir, out_dir):
    """A judge scores every assigned case as in the demo's score table and returns the file."""
    from judging_app.services.judge_session import JudgeSession

    rows = build_demo().written_scores
    with JudgeSession.open(package, data_dir=data_dir) as session:
        session.unlock(pin)
        session.sign_pledge(session.meta.judge_name)
        for row in rows:
            if row.judge_id == session.meta.judge_id:
                for key, value in zip(CRITERION_KEYS, row.scores, strict=True):
                    session.set_score(row.case_id, key, value)
        session.submit()
        path = out_dir / session.suggested_return_name()
        session.export_return(path)
        return path


def test_issue_and_merge_packages_through_the_window(
    qtbot, controller, chooser, demo_files, tmp_path
):
    from judging_app.exchange.package_keys import KdfCost

    contest = Contest.create(tmp_path / "contest.jdb", demo_files.config)
    contest.import_cases(demo_files.cases_xlsx)
    contest.import_judges(demo_files.judges_xlsx)
    contest.close()
    window = controller.open_contest(tmp_path / "contest.jdb")
    page = window.pages["round:written"]
    window.show_step("round:written")
    assert page.issue_button.isEnabled() and page.merge_button.isEnabled()
    page.issue_options = {"kdf_cost": KdfCost(n=2**8)}
    issued_dir = tmp_path / "issued"
    issued_dir.mkdir()
    chooser.answer("choose_folder", issued_dir)
    qtbot.mouseClick(page.issue_button, LEFT)
    wait_idle(qtbot, window)
    assert len(list(issued_dir.glob("*.jpkg"))) == 10
    steps = {s.key: s for s in window.steps.steps()}
    assert steps["round:written"].detail == "Packages 10 issued · 0 returned · 10 missing"
    assert "249 scores missing" in steps["round:written"].tooltip
    assert "10 issued · 0 returned · 10 missing" in page.packages.text()
    assert [p.suffix for p in chooser.shown] == [".xlsx"]  # the PIN slips, opened for printing

    pins = {}
    pin_csv = next(issued_dir.glob("*.csv"))
    for row in csv.DictReader(pin_csv.read_text(encoding="utf-8-sig").splitlines()):
        pins[row["judge_id"]] = row
    stick = tmp_path / "usb"
    stick.mkdir()
    for judge_id in ("J01", "J06"):
        package = next(p for p in issued_dir.glob("*.jpkg") if judge_id in p.name)
        pin = next(v for k, v in pins[judge_id].items() if "pin" in k.lower())
        play_judge(package, pin, tmp_path / "judge-data", stick)
    (stick / "not-a-package.jpkg").write_bytes(b"hello")

    before = dump(tmp_path / "contest.jdb")
    chooser.answer("choose_folder", stick)
    dialog = page.merge_folder()
    assert isinstance(dialog, MergeDialog) and packages_in(stick) == dialog._paths
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    verdicts = {v.path.name: v for v in dialog.model.rows()}
    assert [name for name, v in verdicts.items() if not v.accepted] == ["not-a-package.jpkg"]
    assert dump(tmp_path / "contest.jdb") == before  # checking wrote nothing
    assert dialog.merge_button.text() == "Merge 2 file(s)"
    qtbot.mouseClick(dialog.merge_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    grid = window.contest.round_grid("written")
    assert {grid.cells[(c, "J01")] for c, _t, panel in grid.cases if panel == "A"} <= {
        "scored",
        "excluded",
    }
    assert grid.missing == 249 - 2 * 25  # J01 and J06 scored their 25 cases each
    assert "199 scores missing" in page.state.text()
    steps = {s.key: s for s in window.steps.steps()}
    assert steps["round:written"].detail == "Packages 10 issued · 2 returned · 8 missing"
    assert steps["round:presentation"].detail == "waiting"  # nothing issued there
    assert "Not returned yet: J02, J03, J04, J05, J07" in page.packages.text()


def test_the_event_loop_turns_while_100_packages_are_checked(
    qtbot, controller, chooser, demo_files, tmp_path
):
    from judging_app.exchange.package_keys import KdfCost

    contest = Contest.create(tmp_path / "contest.jdb", demo_files.config)
    contest.import_cases(demo_files.cases_xlsx)
    contest.import_judges(demo_files.judges_xlsx)
    issued = contest.issue_packages("written", tmp_path / "issued", kdf_cost=KdfCost(n=2**8))
    contest.close()
    j01 = next(p for p in issued.packages if p.judge_id == "J01")
    returned = play_judge(j01.file, j01.pin, tmp_path / "judge-data", tmp_path)
    stick = tmp_path / "usb"
    stick.mkdir()
    for number in range(100):
        (stick / f"{number:03d}-{returned.name}").write_bytes(returned.read_bytes())
    window = controller.open_contest(tmp_path / "contest.jdb")
    page = window.pages["round:written"]
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    chooser.answer("choose_folder", stick)
    started = time.monotonic()
    dialog = page.merge_folder()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=120000)
    elapsed = time.monotonic() - started
    timer.stop()
    assert len(dialog.model.rows()) == 100 and all(v.accepted for v in dialog.model.rows())
    assert len(ticks) >= elapsed / 0.02 / 4  # the GUI thread kept turning (a quarter of ticks)
    before = dump(tmp_path / "contest.jdb")
    qtbot.mouseClick(dialog.merge_button, LEFT)  # the same package 100 times: one merge refused
    qtbot.waitUntil(lambda: not dialog.busy, timeout=120000)
    assert dump(tmp_path / "contest.jdb") == before  # all or nothing


def test_the_demo_contest_with_judge_packages_through_the_window(
    qtbot, controller, chooser, demo_files, tmp_path, capsys
):
    """The whole demo contest: the written round by judge packages issued from the window and
    returned by every judge (played with JudgeSession), merged from a folder through the merge
    dialog; the presentation round by score table; votes; the final ranking as the command line
    ranks it; the report."""
    import json

    from judging_app.exchange.package_keys import KdfCost
    from tests.helpers import run
    from tests.ui.test_contest_window import advance, import_through_preview, new_contest

    window = new_contest(qtbot, controller, chooser, demo_files, tmp_path)
    window.show_step("cases")
    cases = window.pages["cases"]
    import_through_preview(qtbot, window, chooser, cases.import_button, [demo_files.cases_xlsx])
    window.show_step("judges")
    judges = window.pages["judges"]
    import_through_preview(qtbot, window, chooser, judges.import_button, [demo_files.judges_xlsx])

    written = window.pages["round:written"]
    window.show_step("round:written")
    assert written.packages.text() == "No judge package issued for this round."
    written.issue_options = {"kdf_cost": KdfCost(n=2**8)}
    issued_dir = tmp_path / "issued"
    issued_dir.mkdir()
    chooser.answer("choose_folder", issued_dir)
    qtbot.mouseClick(written.issue_button, LEFT)
    wait_idle(qtbot, window)
    steps = {s.key: s for s in window.steps.steps()}
    assert steps["round:written"].detail == "Packages 10 issued · 0 returned · 10 missing"

    pin_csv = next(issued_dir.glob("*.csv"))
    rows = csv.DictReader(pin_csv.read_text(encoding="utf-8-sig").splitlines())
    pins = {r["judge_id"]: next(v for k, v in r.items() if "pin" in k.lower()) for r in rows}
    assert len(pins) == 10
    stick = tmp_path / "usb"
    stick.mkdir()
    for judge_id, pin in sorted(pins.items()):
        package = next(p for p in issued_dir.glob("*.jpkg") if judge_id in p.name)
        play_judge(package, pin, tmp_path / "judge-data", stick)

    chooser.answer("choose_folder", stick)
    folder_action = written.merge_button.menu().actions()[1]
    folder_action.trigger()  # "Choose a folder or USB stick…"
    dialog = find_dialog(MergeDialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert len(dialog.model.rows()) == 10 and all(v.accepted for v in dialog.model.rows())
    qtbot.mouseClick(dialog.merge_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    wait_idle(qtbot, window)
    assert "Every score is in" in written.state.text()
    steps = {s.key: s for s in window.steps.steps()}
    assert steps["round:written"].detail == "Packages 10 issued · 10 returned · 0 missing"
    assert steps["round:written"].state == "active"
    assert "10 issued · 10 returned · 0 missing" in written.packages.text()

    advance(qtbot, window, "written")
    merged = [
        (row.case_id, row.exact, dict(row.totals), row.advances) for row in written.ranking.rows()
    ]
    table = [
        (row.case_id, row.exact, dict(row.totals), row.advances)
        for row in build_demo().written_ranking
    ]
    assert merged == table  # the packages carried exactly the demo's score table
    assert sum(1 for row in written.ranking.rows() if row.advances) == 18
    steps = {s.key: s for s in window.steps.steps()}
    assert (steps["round:written"].detail, steps["round:written"].state) == ("closed", "done")
    assert "The round is closed" in written.packages.text()

    presentation = window.pages["round:presentation"]
    window.show_step("round:presentation")
    assert presentation.grid.rowCount() == 18
    import_through_preview(
        qtbot, window, chooser, presentation.import_button, [demo_files.scores_presentation_xlsx]
    )
    advance(qtbot, window, "presentation")

    votes = window.pages["votes"]
    window.show_step("votes")
    import_through_preview(qtbot, window, chooser, votes.import_button, [demo_files.votes_xlsx])

    final = window.pages["final"]
    window.show_step("final")
    shown = [(e.rank, e.case_id, str(e.final), e.award) for e in final.model.rows()]
    capsys.readouterr()
    assert run("rank", tmp_path / "contest.jdb", "--json") == 0
    expected = json.loads(capsys.readouterr().out)["ranking"]
    assert shown == [(r["rank"], r["case_id"], str(r["final"]), r["award"]) for r in expected]
    assert len(shown) == 9  # the presentation round's advance

    report = window.pages["report"]
    window.show_step("report")
    out = tmp_path / "report.xlsx"
    chooser.answer("save_report", out)
    qtbot.mouseClick(report.export_button, LEFT)
    qtbot.waitUntil(lambda: report.written == out, timeout=60000)
    assert out.stat().st_size > 0
    window.show_step("audit")
    actions = [row.action for row in window.pages["audit"].model.rows()]
    assert actions.count("advance") == 2
