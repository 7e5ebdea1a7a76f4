"""The PIN dialog after too many wrong PINs: it says how long to wait, counts down, and does not
let the judge try before then; Cancel closes the package."""

from __future__ import annotations

from judging_app.ui.judge.pin_dialog import PinDialog
from tests.packages.conftest import package
from tests.ui.judge.conftest import pin_dialog, unlock


def test_five_wrong_pins_make_the_judge_wait_with_a_countdown(qtbot, opener, issued):
    path, pin = package(issued, "J1")
    wrong = "000000" if pin != "000000" else "111111"
    window = opener.open(path)
    dialog = pin_dialog(window)
    for tries_left in (4, 3, 2, 1):
        unlock(qtbot, window, wrong)
        assert f"Tries left before you must wait: {tries_left}." in dialog.message.text()
    unlock(qtbot, window, wrong)
    assert "try again in 30 seconds" in dialog.message.text()
    qtbot.keyClicks(dialog.pin, pin)
    assert not dialog.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: "try again in 29 s" in dialog.message.text(), timeout=3000)
    assert not window.session.unlocked


def test_cancel_closes_the_package(qtbot, opener, issued):
    window = opener.open(package(issued, "J1")[0])
    window.findChild(PinDialog).reject()
    assert opener.window is None
    assert not window.isVisible()
