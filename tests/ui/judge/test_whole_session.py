"""A whole review session driven like a judge, with the keyboard, then merged by the secretariat.

Judge J1 of the hand-worked contest (tests/cli) opens the package, types a wrong PIN and then the
right one, signs the pledge, scores C1-C5 from the keyboard (a refused value of each kind on the
way), declares a conflict for C4 after typing a score there, is refused at submit while C3 is
incomplete, submits, saves the copy for the secretariat, amends C2 (28 -> 30) and submits
revision 2. J2 and J3 return their packages through the service. The secretariat merges the
three: the written round's ranking is the one worked out by hand.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from judging_app.cli import round_json
from judging_app.services.contest import Contest
from judging_app.services.judge_session import JudgeSession
from judging_app.ui.judge.conflict_dialog import ConflictDialog
from judging_app.ui.judge.digest_dialog import DigestDialog
from tests.packages.conftest import open_judge, score_as_in_table
from tests.ui.judge.conftest import focused, pin_dialog, sign_pledge, unlock

CTRL = Qt.KeyboardModifier.ControlModifier


def type_case(qtbot, values: tuple[str, ...]) -> None:
    """Type one score per criterion, Tab between them; Enter goes on to the next case."""
    for i, value in enumerate(values):
        qtbot.keyClicks(focused(), value)
        if i < len(values) - 1:
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)


def entry(window, key: str):
    return next(e for e in window.scoring.panel.entries if e.criterion.key == key)


def test_a_judge_scores_a_round_from_the_keyboard_and_the_secretariat_ranks_it(
    qtbot, opener, issued, judge_chooser, contest_db, tmp_path
):
    path, pin = next((p.file, p.pin) for p in issued.packages if p.judge_id == "J1")
    window = opener.open(path)
    assert window is not None
    qtbot.waitUntil(lambda: pin_dialog(window).isActiveWindow())

    # the PIN: masked, digits only, a wrong one says how many tries remain
    dialog = pin_dialog(window)
    assert dialog.pin.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(dialog.pin, "12ab34")
    assert dialog.pin.text() == "1234" and not dialog.unlock_button.isEnabled()
    dialog.pin.clear()
    unlock(qtbot, window, "000000" if pin != "000000" else "111111")
    assert "wrong PIN" in dialog.message.text()
    assert "Tries left before you must wait: 4." in dialog.message.text()
    assert window.stage() == "locked"
    unlock(qtbot, window, pin)
    assert not dialog.isVisible()

    # the pledge first: nothing else is reachable
    assert window.stage() == "pledge"
    assert window.stack.currentWidget() is window.pledge_page
    assert not window.menus.next.isEnabled() and not window.header.submit_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Down, CTRL)
    assert window.stack.currentWidget() is window.pledge_page
    assert not window.pledge_page.sign_button.isEnabled()  # no name, no tick
    sign_pledge(qtbot, window, "김민수")
    assert window.stage() == "work" and window.session.pledge().name == "김민수"

    # C1, typed; its comment typed through the input method
    panel = window.scoring.panel
    assert panel.case_id == "C1" and focused() is entry(window, "creativity").edit
    for value in ("30", "20", "20"):
        qtbot.keyClicks(focused(), value)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is panel.comment
    panel.comment.insertPlainText("다국어 안내가 돋보임")
    assert window.session.case("C1").comment == "다국어 안내가 돋보임"
    assert "Saved at" in window.saved_label.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Down, CTRL)
    assert panel.case_id == "C2"

    # C2: an out-of-range and an off-step value are refused beside the entry, never in a box
    qtbot.keyClicks(focused(), "45")
    creativity = entry(window, "creativity")
    assert "45" in creativity.problem and "0–40" in creativity.problem
    assert "creativity" not in window.session.case("C2").scores
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    assert creativity.problem == "" and window.session.case("C2").scores["creativity"] == 4
    qtbot.keyClick(focused(), Qt.Key.Key_Backspace)
    assert "creativity" not in window.session.case("C2").scores
    qtbot.keyClicks(focused(), "28")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "20.5")
    utility = entry(window, "utility")
    assert "20.5" in utility.problem and "step" in utility.problem
    assert not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), "21")
    assert utility.problem == ""
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "21")
    assert panel.total.text() == "Total 70 / 100"
    qtbot.keyClick(focused(), Qt.Key.Key_Return)

    # C3 half done; C4 has a score typed, then a conflict declared (the score goes)
    assert panel.case_id == "C3"
    qtbot.keyClicks(focused(), "28")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert panel.case_id == "C4"
    assert "C3 is partly scored" in window.statusBar().currentMessage()
    qtbot.keyClicks(focused(), "30")
    qtbot.mouseClick(panel.declare_button, Qt.MouseButton.LeftButton)
    conflict = window.findChild(ConflictDialog)
    assert conflict.findChild(QLabel, "clearWarning").isVisible()
    qtbot.mouseClick(conflict.declare_button, Qt.MouseButton.LeftButton)
    assert "reason" in conflict.message.text()  # a reason is needed
    conflict.reason.insertPlainText("자문위원으로 참여한 사업")
    qtbot.mouseClick(conflict.declare_button, Qt.MouseButton.LeftButton)
    assert window.session.case("C4").conflict == "자문위원으로 참여한 사업"
    assert window.session.case("C4").scores == {}
    assert not entry(window, "creativity").isEnabled() and panel.conflict_note.isVisible()
    row = window.model.case_row("C4")
    assert row.status == "conflict"
    qtbot.waitUntil(window.isActiveWindow)
    assert focused() is window.scoring.case_list.view  # the case needs no score: move on
    qtbot.keyClick(focused(), Qt.Key.Key_Down, CTRL)
    assert panel.case_id == "C5"
    type_case(qtbot, ("34", "28", "28"))
    assert "last case" in window.statusBar().currentMessage()

    # submit is refused while C3 is incomplete, and says so
    assert window.header.progress.value() == 3 and window.header.progress.maximum() == 4
    review = window.submit()
    assert not review.sign_button.isEnabled()
    assert "C3" in review.message.text() and "utility" not in review.message.text()
    assert "효용성" in review.message.text()
    qtbot.mouseClick(review.findChild(QPushButton, "backToScoring"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.isActiveWindow)
    window.show_case("C3")
    qtbot.keyClick(focused(), Qt.Key.Key_Up, CTRL)
    assert panel.case_id == "C2" and focused() is entry(window, "creativity").edit
    qtbot.keyClick(focused(), Qt.Key.Key_Down, CTRL)
    assert panel.case_id == "C3" and focused() is entry(window, "creativity").edit
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "21")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "21")
    assert window.session.progress().missing == ()

    # submit, then save the copy for the secretariat from the dialog that follows
    stick = tmp_path / "stick"
    stick.mkdir()
    judge_chooser.returns.append(stick / "written-J1-r1.jpkg")
    review = window.submit()
    assert review.sign_button.isEnabled()
    qtbot.mouseClick(review.sign_button, Qt.MouseButton.LeftButton)
    assert window.session.status == "submitted" and window.session.revision == 1
    submitted = window.findChild(DigestDialog)
    digest = review.submitted.short_digest
    assert submitted.digest.text() == digest and len(digest) == 19
    assert entry(window, "creativity").edit.isReadOnly()
    assert "revision 1" in window.header.state.text() and digest in window.header.state.text()
    qtbot.mouseClick(submitted.findChild(QPushButton, "digestAction"), Qt.MouseButton.LeftButton)
    assert judge_chooser.asked_names == ["written-J1-r1.jpkg"]
    assert (stick / "written-J1-r1.jpkg").exists()
    saved = [d for d in window.findChildren(DigestDialog) if d.isVisible()][-1]
    assert "read back and verified" in saved.findChild(QLabel, "digestText").text()
    assert saved.digest.text() == digest
    saved.accept()

    # amend C2's creativity (28 -> 30) and submit revision 2
    box = window.amend()
    qtbot.mouseClick(box.findChild(QPushButton, "reopenButton"), Qt.MouseButton.LeftButton)
    assert window.session.status == "draft"
    assert not entry(window, "creativity").edit.isReadOnly()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_case("C2")
    qtbot.keyClicks(focused(), "30")
    assert window.session.case("C2").scores["creativity"] == Decimal(30)
    judge_chooser.returns.append(stick / "written-J1-r2.jpkg")
    review = window.submit()
    qtbot.mouseClick(review.sign_button, Qt.MouseButton.LeftButton)
    assert window.session.revision == 2
    window.save_return()
    assert (stick / "written-J1-r2.jpkg").exists()
    window.close()

    # J2 and J3 return theirs; the secretariat merges all three
    returns = [stick / "written-J1-r1.jpkg", stick / "written-J1-r2.jpkg"]
    for judge_id in ("J2", "J3"):
        with open_judge(issued, judge_id, tmp_path / f"laptop-{judge_id}") as session:
            _play(session, returns, stick)
    contest = Contest.open(contest_db)
    try:
        contest.import_scores(returns[:1])
        contest.import_scores(returns[1:])
        ranking = round_json(contest.round_ranking("written"))
    finally:
        contest.close()
    assert [(c["rank"], c["case_id"], c["score"], c["judges"]) for c in ranking["ranking"]] == [
        (1, "C1", 80.0, 3),
        (2, "C5", 80.0, 2),
        (3, "C2", 70.67, 3),
        (4, "C3", 70.0, 3),
        (5, "C4", 55.0, 2),
    ]


def _play(session: JudgeSession, returns: list, stick) -> None:
    session.sign_pledge(session.meta.judge_name)
    score_as_in_table(session)
    session.submit()
    returns.append(session.export_return(stick / session.suggested_return_name()).path)
