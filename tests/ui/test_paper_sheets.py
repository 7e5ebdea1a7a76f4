"""Paper sheets typed in twice through the window, from the keyboard: the entry grid follows the
sheet (Tab along a case's criteria, then the next case; the excluded case passed by), is blind to
the other entry, refuses a value off the rules beside the grid; the disagreement is listed and
settled from the paper through the dialog, and the agreed cases become scores.

The contest is test_pipeline.py's: J3's written sheet is C1–C4 (J3 is excluded from C5).
"""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from judging_app.ui.paper.disputes import ResolveDialog
from tests.cli.conftest import CASES, CONFIG, JUDGES
from tests.helpers import dump, run
from tests.ui.conftest import find_dialog

LEFT = Qt.MouseButton.LeftButton
J3_FIRST = [("36", "27", "27"), ("28", "21", "21"), ("28", "21", "21"), ("20", "20", "20")]
J3_SECOND = [("36", "27", "27"), ("28", "21", "21"), ("28", "12", "21"), ("20", "20", "20")]


def _contest(tmp_path):
    files = {}
    for name, text in (("contest.toml", CONFIG), ("cases.csv", CASES), ("judges.csv", JUDGES)):
        files[name] = tmp_path / name
        files[name].write_text(text, encoding="utf-8")
    db = tmp_path / "contest.jdb"
    assert run("init", db, "--config", files["contest.toml"]) == 0
    assert run("import-cases", db, files["cases.csv"]) == 0
    assert run("import-judges", db, files["judges.csv"]) == 0
    return db


def _key(qtbot, key) -> None:
    """One key to whatever has the focus: the grid, or the editor it opened."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key)


def _type_sheet(qtbot, grid, rows) -> None:
    window = grid.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    grid.start()
    for values in rows:
        for value in values:
            for digit in value:
                _key(qtbot, digit)
            _key(qtbot, Qt.Key.Key_Tab)


def _choose(qtbot, grid, judge: str, entry: str) -> None:
    grid.judge.setCurrentIndex(grid.judge.findData(judge))
    grid.entry.setCurrentIndex(grid.entry.findData(entry))


def test_typing_two_entries_and_settling_the_disagreement_in_the_window(
    qtbot, controller, tmp_path
):
    db = _contest(tmp_path)
    window = controller.open_contest(db)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.show_step("round:written")
    page = window.pages["round:written"]
    page.tabs.setCurrentWidget(page.paper)
    grid = page.paper.grid
    assert [grid.judge.itemText(i) for i in range(3)] == [
        "J1 김민수 — not entered",
        "J2 이영희 — not entered",
        "J3 박철수 — not entered",
    ]
    _choose(qtbot, grid, "J3", "first")
    model = grid.model
    assert model.rowCount() == 5 and model.columnCount() == 4
    assert model.headerData(4, Qt.Orientation.Vertical) == "5. C5  어르신 키오스크 교실"
    assert not model.flags(model.index(4, 0)) & Qt.ItemFlag.ItemIsEditable  # excluded
    assert model.headerData(4, Qt.Orientation.Vertical, Qt.ItemDataRole.FontRole).strikeOut()

    _type_sheet(qtbot, grid, J3_FIRST)
    assert [model.index(r, 3).data() for r in range(5)] == ["90", "70", "70", "60", ""]
    assert page.contest.sheet_values("written", "J3", "first")[("C3", "utility")] == 21

    grid.typist.setText("둘째 입력자")
    _choose(qtbot, grid, "J3", "second")
    assert {model.index(r, c).data() for r in range(5) for c in range(4)} == {""}  # blind
    grid.start()
    for key in ("4", "1", Qt.Key.Key_Tab):  # creativity is out of 40
        _key(qtbot, key)
    assert "41" in grid.message.text() and "40" in grid.message.text()
    qtbot.waitUntil(lambda: grid.view.currentIndex().column() == 0)  # back to the refused box
    assert grid.view.currentIndex().row() == 0
    assert page.contest.sheet_values("written", "J3", "second") == {}
    _type_sheet(qtbot, grid, J3_SECOND)
    assert model.index(2, 1).data() == "12"

    disputes = page.paper.disputes
    page.paper.inner.setCurrentWidget(disputes)
    assert disputes.model.rowCount() == 1
    row = [disputes.model.index(0, c).data() for c in range(6)]
    assert row == ["J3", "C3", "효용성", "21", "12", "different values"]
    assert "1 agreed" not in disputes.summary.text()
    assert "1 in dispute" in disputes.summary.text()
    ranking = page.contest.round_ranking("written").result
    assert ranking.case("C1").judges == 1 and ranking.case("C3").judges == 0

    disputes.view.selectRow(0)
    qtbot.mouseClick(disputes.resolve_button, LEFT)
    dialog = find_dialog(ResolveDialog)
    assert dialog.value.text() == ""  # the entries differ: nothing is suggested
    dialog.value.setText("21")
    dialog.by.setText("박확인")
    dialog.accept()
    assert disputes.model.rowCount() == 0
    assert page.contest.round_ranking("written").result.case("C3").judges == 1
    assert grid.judge.itemText(2) == "J3 박철수 — agreed"
    audit = [line for line in dump(db) if 'INSERT INTO "audit_log"' in line]
    assert any("'resolve'" in line and '"settled_by": "박확인"' in line for line in audit)
    typed = {
        line
        for line in dump(db)
        if line.startswith('INSERT INTO "sheet_entries"') and "둘째 입력자" in line
    }
    assert len(typed) == 12  # the refused 41 was never written
    assert page.contest.sheet_values("written", "J3", "first")[("C4", "impact")] == Decimal(20)
