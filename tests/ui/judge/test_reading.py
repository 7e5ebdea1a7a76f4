"""Reading the cases: the text size (Ctrl + / Ctrl -) is remembered, the keys are shown, the
list filters by text and state, the overview sorts by total, and the language can change in the
middle of a session without asking for the PIN again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from judging_app.ui.judge.key_hints import KeyHints
from judging_app.ui.judge.settings import DEFAULT_TEXT_SIZE
from tests.ui.judge.conftest import focused, open_unlocked

CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_text_size_changes_with_ctrl_plus_and_minus_and_is_remembered(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J1")
    pane = window.scoring.pane
    assert pane.text_size == DEFAULT_TEXT_SIZE
    qtbot.keyClick(focused(), Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_Equal, CTRL)  # the same key without Shift
    assert pane.text_size == DEFAULT_TEXT_SIZE + 2
    qtbot.keyClick(focused(), Qt.Key.Key_Minus, CTRL)
    assert pane.text_size == DEFAULT_TEXT_SIZE + 1
    assert pane.document().defaultFont().pointSize() == DEFAULT_TEXT_SIZE + 1
    window.close()
    window = open_unlocked(qtbot, opener, issued, "J1")
    assert window.scoring.pane.text_size == DEFAULT_TEXT_SIZE + 1


def test_the_window_shows_its_keys(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J1")
    hints = window.findChild(KeyHints)
    assert hints.isVisible()
    for key in ("Tab", "Enter", "Ctrl+↓", "Ctrl+↑", "Ctrl++"):
        assert key in hints.text()
    shortcuts = {a.text(): a.shortcut().toString() for a in window.findChildren(QAction)}
    assert shortcuts["&Next case"] == "Ctrl+Down"
    assert shortcuts["&Previous case"] == "Ctrl+Up"


def test_the_case_list_filters_by_text_and_state_and_the_overview_sorts(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J3")  # C5 is excluded automatically
    session = window.session
    for case_id, total in (("C1", ("36", "27", "27")), ("C2", ("20", "10", "10"))):
        window.show_case(case_id)
        for value in total:
            qtbot.keyClicks(focused(), value)
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert [session.case(c).scores != {} for c in ("C1", "C2", "C3")] == [True, True, False]
    case_list = window.scoring.case_list

    def shown() -> list[str]:
        proxy = case_list.proxy
        return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]

    assert shown() == ["C1", "C2", "C3", "C4", "C5"]
    case_list.states.setCurrentIndex(case_list.states.findText("To score"))
    assert shown() == ["C3", "C4"]
    case_list.states.setCurrentIndex(case_list.states.findText("Conflicts"))
    assert shown() == ["C5"]
    case_list.states.setCurrentIndex(0)
    case_list.search.insert("키오스크")  # C5's title, typed through the input method
    assert shown() == ["C5"]
    case_list.search.clear()

    window.tabs.setCurrentWidget(window.overview)
    view = window.overview.view
    view.sortByColumn(window.model.total_column, Qt.SortOrder.DescendingOrder)
    order = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
    assert order[:2] == ["C1", "C2"]
    view.setCurrentIndex(view.model().index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.scoring
    assert window.scoring.current_case == "C2"


def test_the_language_changes_in_the_middle_of_a_session(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J1")
    window.show_case("C3")
    korean = next(a for a in window.findChildren(QAction) if a.text() == "한국어")
    korean.trigger()
    new = opener.window
    assert new is not None and new is not window
    assert new.session is window.session and new.session.unlocked
    assert new.stage() == "work" and new.scoring.current_case == "C3"
    assert new.tabs.tabText(0) == "사례 채점"
    assert opener.preferences.language == "ko"
