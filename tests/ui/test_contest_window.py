"""The whole demo contest run through the window with clicks; refused and cancelled imports."""

import json
import threading

from PySide6.QtCore import Qt

from judging_app.ui.import_preview import ImportPreviewDialog
from judging_app.ui.pages.advance_dialog import AdvanceDialog
from tests.helpers import dump, run
from tests.ui.conftest import find_dialog, wait_idle

LEFT = Qt.MouseButton.LeftButton


def new_contest(qtbot, controller, chooser, demo_files, tmp_path):
    chooser.answer("open_config", demo_files.config)
    chooser.answer("save_database", tmp_path / "contest.jdb")
    qtbot.mouseClick(controller.show_home().new_button, LEFT)
    assert controller.window is not None
    return controller.window


def import_through_preview(qtbot, window, chooser, button, files) -> str:
    """Choose the files, wait for the check, import; returns what the check said."""
    chooser.answer("open_tables", list(files))
    qtbot.mouseClick(button, LEFT)
    dialog = find_dialog(ImportPreviewDialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert dialog.import_button.isEnabled(), dialog.status.text()
    checked = dialog.status.text()
    qtbot.mouseClick(dialog.import_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    wait_idle(qtbot, window)
    return checked


def advance(qtbot, window, key: str) -> None:
    page = window.pages[f"round:{key}"]
    window.show_step(f"round:{key}")
    qtbot.mouseClick(page.advance_button, LEFT)
    dialog = find_dialog(AdvanceDialog)
    assert dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert page.state.text().startswith("Closed")


def test_the_demo_contest_through_the_window(
    qtbot, controller, chooser, demo_files, tmp_path, capsys
):
    window = new_contest(qtbot, controller, chooser, demo_files, tmp_path)
    cases = window.pages["cases"]
    window.show_step("cases")
    checked = import_through_preview(
        qtbot, window, chooser, cases.import_button, [demo_files.cases_xlsx]
    )
    assert "cases.xlsx: 50 rows, 50 new, 0 changed" in checked
    assert cases.model.rowCount() == 50
    assert cases.table.proxy.rowCount() == 50
    qtbot.keyClicks(cases.table.filter_edit, "c09")  # keyClicks types ASCII only
    assert cases.table.proxy.rowCount() == 1
    judges = window.pages["judges"]
    window.show_step("judges")
    import_through_preview(qtbot, window, chooser, judges.import_button, [demo_files.judges_xlsx])
    assert judges.model.rowCount() == 10

    written = window.pages["round:written"]
    window.show_step("round:written")
    assert "249 scores missing" in written.state.text()  # J04 is excluded from C09
    assert written.grid.rowCount() == 50 and written.grid.columnCount() == 13
    import_through_preview(
        qtbot, window, chooser, written.import_button, [demo_files.scores_written_xlsx]
    )
    assert "Every score is in" in written.state.text()
    texts = {written.grid.index(r, c).data() for r in range(50) for c in range(3, 13)}
    assert "missing" not in texts and "excluded" in texts
    advance(qtbot, window, "written")
    assert written.cutoff.last_row == 17
    assert sum(1 for row in written.ranking.rows() if row.advances) == 18
    steps = {s.key: s.state for s in window.steps.steps()}
    assert steps["round:written"] == "done" and steps["round:presentation"] == "active"

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
    assert votes.total.text() == "6,328 votes in all"

    final = window.pages["final"]
    window.show_step("final")
    shown = [(e.rank, e.case_id, str(e.final), e.award) for e in final.model.rows()]
    capsys.readouterr()
    assert run("rank", tmp_path / "contest.jdb", "--json") == 0
    expected = json.loads(capsys.readouterr().out)["ranking"]
    assert shown == [(r["rank"], r["case_id"], str(r["final"]), r["award"]) for r in expected]
    assert final.model.index(0, 1).data() == "최우수"

    report = window.pages["report"]
    window.show_step("report")
    out = tmp_path / "보고서.xlsx"
    chooser.answer("save_report", out)
    qtbot.mouseClick(report.export_button, LEFT)
    qtbot.waitUntil(lambda: report.written == out, timeout=60000)
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.glob("~*")] == []

    window.show_step("audit")
    actions = [row.action for row in window.pages["audit"].model.rows()]
    assert actions.count("advance") == 2 and actions[0] == "init"


def test_a_refused_import_lists_every_problem_and_writes_nothing(
    qtbot, controller, chooser, demo_files, tmp_path
):
    window = new_contest(qtbot, controller, chooser, demo_files, tmp_path)
    bad = tmp_path / "cases.csv"
    bad.write_text(
        "case_id,title,organization\nC1,하나,종로구\nC1,둘,중구\n,셋,용산구\nC4,,성동구\n",
        encoding="utf-8",
    )
    before = dump(tmp_path / "contest.jdb")
    page = window.pages["cases"]
    window.show_step("cases")
    chooser.answer("open_tables", [bad])
    qtbot.mouseClick(page.import_button, LEFT)
    dialog = find_dialog(ImportPreviewDialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
    assert not dialog.import_button.isEnabled()
    assert dialog.table.isVisible()
    located = [
        (dialog.model.index(r, 0).data(), dialog.model.index(r, 1).data())
        for r in range(dialog.model.rowCount())
    ]
    assert located == [("3", "case_id (A3)"), ("4", "case_id (A4)"), ("5", "title (B5)")]
    assert "3 problem(s)" in dialog.status.text()
    qtbot.mouseClick(dialog.close_button, LEFT)
    assert not dialog.isVisible()
    assert dump(tmp_path / "contest.jdb") == before
    assert page.model.rowCount() == 0


def test_a_cancelled_import_changes_nothing(qtbot, controller, chooser, demo_files, tmp_path):
    window = new_contest(qtbot, controller, chooser, demo_files, tmp_path)
    contest = window.contest
    before = dump(contest.path)
    gate = threading.Event()

    def slow_import():
        gate.wait(10)  # the user clicks Cancel while the import runs
        return [contest.import_cases(demo_files.cases_xlsx)]

    page = window.pages["cases"]
    dialog = page.preview_import(
        "Import cases",
        [demo_files.cases_xlsx],
        lambda: contest.check_cases(demo_files.cases_xlsx),
        slow_import,
        "done",
    )
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=30000)
    qtbot.mouseClick(dialog.import_button, LEFT)
    assert dialog.busy
    qtbot.mouseClick(dialog.close_button, LEFT)
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible() and not dialog.busy, timeout=30000)
    assert dump(contest.path) == before
    assert "cancelled" in dialog.status.text()
