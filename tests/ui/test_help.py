"""Help ▸ User guide and Help ▸ About in both windows, in English and in Korean; the icons."""

from __future__ import annotations

import re
import struct
from importlib import metadata

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from judging_app.services.contest import Contest
from judging_app.ui.help import IMAGE_WIDTH, GuideDialog, guide_file, image_fragments
from judging_app.ui.i18n import install_language
from judging_app.ui.icons import ICONS, SIZES

IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


@pytest.fixture
def contest_window(controller, demo_files, tmp_path):
    db = tmp_path / "contest.jdb"
    Contest.create(db, demo_files.config).close()
    window = controller.open_contest(db)
    assert window is not None
    return window


def help_action(window: QMainWindow, text: str) -> QAction:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    help_title = next(t for t in menus if t in ("&Help", "도움말(&H)"))
    actions = {a.text(): a for a in menus[help_title].actions()}
    return actions[text]


def shown_guide() -> GuideDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, GuideDialog)]
    assert found and found[-1].isVisible(), "no guide is shown"
    return found[-1]


def test_the_secretariats_guide_opens_from_the_help_menu(qtbot, contest_window):
    help_action(contest_window, "&User guide").trigger()
    guide = shown_guide()
    text = guide.browser.toPlainText()
    assert guide.windowTitle() == "Secretariat's guide"
    for step in (
        "2. Create the contest",
        "4. Issue the judge packages",
        "5. Merge the returned packages and watch the scores",
        "6. Close the round and advance",
        "7. Import the citizens' votes",
        "8. The final ranking",
        "9. The Excel report",
        "10. Audit log, backups and verification",
    ):
        assert step in text
    # Every screenshot is loaded and fitted to the dialog.
    fragments = image_fragments(guide.browser.document())
    shown = [f.charFormat().toImageFormat() for f in fragments]
    names = IMAGE.findall(guide_file("secretariat", "en").read_text(encoding="utf-8"))
    assert len(names) == 11
    assert {f.name() for f in shown} == set(names)
    assert all(0 < f.width() <= IMAGE_WIDTH for f in shown)
    assert "home.png" in names[0]
    document = guide.browser.document()
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(names[0]))
    assert image.width() == 820  # the screenshot itself (home.png), shown narrower
    assert shown[0].width() == IMAGE_WIDTH
    assert (shown[1].width(), shown[1].height()) == (IMAGE_WIDTH, 720 * IMAGE_WIDTH / 1280)


def test_the_guide_follows_the_language(qtbot, contest_window, controller):
    install_language("ko")
    help_action(contest_window, "&User guide").trigger()  # the window was made in English
    guide = shown_guide()
    assert guide.windowTitle() == "사무국 사용 설명서"
    assert "4. 심사위원 패키지 발급" in guide.browser.toPlainText()


def test_about_shows_the_version(qtbot, contest_window):
    help_action(contest_window, "&About judging-app").trigger()
    box = contest_window.help_menu.dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == (
        f"<b>Contest judging</b> (judging-app) version {metadata.version('judging-app')}"
    )
    assert not box.iconPixmap().isNull()


def test_the_help_menu_reads_korean_after_a_language_switch(qtbot, controller, contest_window):
    contest_window.language_requested.emit("ko")
    window = controller.window
    assert window is not None and window is not contest_window
    assert help_action(window, "사용 설명서(&U)").shortcut().toString() == "F1"
    assert help_action(window, "정보(&A)") is not None


def test_the_home_screen_opens_the_secretariats_guide(qtbot, controller):
    home = controller.show_home()
    assert home.guide_button.text() == "User guide"
    home.guide_button.click()
    assert shown_guide().windowTitle() == "Secretariat's guide"


def test_the_windows_show_the_app_icon(qtbot, contest_window):
    icon = contest_window.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(SIZES)


@pytest.mark.parametrize("name", ["judging-app", "contest-database", "judge-package"])
def test_the_icon_files_hold_every_size(name):
    for size in SIZES:
        image = QImage(str(ICONS / "png" / f"{name}-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    ico = (ICONS / f"{name}.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, 7)
    sides = []
    for entry in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * entry)
        sides.append(width or 256)
        assert QImage.fromData(ico[offset : offset + length]).width() == (width or 256)
    assert sides == [16, 24, 32, 48, 64, 128, 256]
    icns = (ICONS / f"{name}.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    position, kinds = 8, {}
    while position < len(icns):
        kind, length = (
            icns[position : position + 4],
            struct.unpack_from(">I", icns, position + 4)[0],
        )
        kinds[kind] = QImage.fromData(icns[position + 8 : position + length]).width()
        position += length
    assert kinds[b"ic10"] == 1024 and kinds[b"icp4"] == 16 and kinds[b"ic13"] == 256


def test_f1_shows_the_guide(qtbot, contest_window):
    contest_window.show()
    contest_window.activateWindow()
    qtbot.waitUntil(contest_window.isActiveWindow)
    qtbot.keyClick(contest_window.step_list, Qt.Key.Key_F1)
    assert shown_guide().windowTitle() == "Secretariat's guide"


def test_the_help_menu_opens_from_the_menu_bar(qtbot, contest_window):
    """Help opened in the menu bar, then U (the underlined letter) chooses User guide."""
    contest_window.show()
    contest_window.activateWindow()
    qtbot.waitUntil(contest_window.isActiveWindow)
    help_menu = next(a.menu() for a in contest_window.menuBar().actions() if a.text() == "&Help")
    contest_window.menuBar().setActiveAction(help_menu.menuAction())
    qtbot.waitUntil(help_menu.isVisible)
    qtbot.keyClick(help_menu, Qt.Key.Key_U)
    assert shown_guide().windowTitle() == "Secretariat's guide"
