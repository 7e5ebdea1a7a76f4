"""The judge's window: Help ▸ User guide opens the judges' guide in the window's language."""

from __future__ import annotations

from judging_app.ui.i18n import install_language
from tests.ui.judge.conftest import open_unlocked
from tests.ui.test_help import help_action, shown_guide


def test_the_judges_window_has_the_judges_guide(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J1")
    assert not window.windowIcon().isNull()
    help_action(window, "&User guide").trigger()
    guide = shown_guide()
    assert guide.windowTitle() == "Judges' guide"
    text = guide.browser.toPlainText()
    assert "Save a copy for the secretariat…" in text
    assert "Sign and submit" in text


def test_the_judges_guide_in_korean(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J1")
    window.help_menu.show_guide().close()
    install_language("ko")
    guide = window.help_menu.show_guide()
    assert guide.windowTitle() == "심사위원 안내서"
    assert "사무국 제출용 사본 저장…" in guide.browser.toPlainText()
