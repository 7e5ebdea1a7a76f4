"""The setup form: checked by the domain's rules with the message beside the field; what scores
depend on is refused; a valid change is saved and shown."""

from PySide6.QtCore import Qt

from judging_app.services.contest import Contest
from judging_app.ui.pages.setup_dialog import SetupDialog
from tests.helpers import dump

LEFT = Qt.MouseButton.LeftButton


def open_setup(qtbot, controller, demo_files, tmp_path, *, scored: bool = False):
    contest = Contest.create(tmp_path / "contest.jdb", demo_files.config)
    if scored:
        contest.import_cases(demo_files.cases_xlsx)
        contest.import_judges(demo_files.judges_xlsx)
        contest.import_score_tables([demo_files.scores_written_xlsx], "written")
    contest.close()
    window = controller.open_contest(tmp_path / "contest.jdb")
    window.show_step("setup")
    page = window.pages["setup"]
    qtbot.mouseClick(page.edit_button, LEFT)
    dialog = page.findChild(SetupDialog, "setupDialog")
    assert dialog is not None and dialog.isVisible()
    return window, page, dialog


def set_text(qtbot, dialog, key, text):
    field = dialog.fields[key]
    field.clear()
    qtbot.keyClicks(field, text)


def test_a_broken_rule_is_shown_beside_its_field_and_nothing_is_written(
    qtbot, controller, demo_files, tmp_path
):
    window, page, dialog = open_setup(qtbot, controller, demo_files, tmp_path)
    before = dump(tmp_path / "contest.jdb")
    set_text(qtbot, dialog, "final.expert_weight", "0.7")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert not dialog.errors["final.vote_weight"].isHidden()
    assert "exactly 1" in dialog.errors["final.vote_weight"].text()
    set_text(qtbot, dialog, "criteria[0].step", "abc")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert "must be a number" in dialog.errors["criteria[0].step"].text()
    assert dump(tmp_path / "contest.jdb") == before
    set_text(qtbot, dialog, "criteria[0].step", "1")
    set_text(qtbot, dialog, "final.vote_weight", "0.3")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    assert str(window.contest.config().final.expert_weight) == "0.7"
    assert "0.7 × expert score" in page.formula.text()
    assert window.contest.audit_log()[-1].action == "config"


def test_a_scored_criterion_keeps_its_maximum(qtbot, controller, demo_files, tmp_path):
    *_, dialog = open_setup(qtbot, controller, demo_files, tmp_path, scored=True)
    before = dump(tmp_path / "contest.jdb")
    set_text(qtbot, dialog, "criteria[0].max", "50")
    set_text(qtbot, dialog, "criteria[1].max", "20")
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert dialog.isVisible()
    assert "already has scores" in dialog.errors["criteria[0].max"].text()
    assert dump(tmp_path / "contest.jdb") == before
