"""A package opens in the judge's window from everywhere a judge would try: `judging-app open
FILE.jpkg`, the home screen's button, the recent files (without the USB stick), a file dropped
on the home screen or on the judge's window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from judging_app import cli
from judging_app.ui.app import start
from judging_app.ui.judge.window import JudgeWindow
from tests.helpers import run
from tests.packages.conftest import package
from tests.ui.judge.conftest import open_unlocked, pin_dialog


def judge_windows() -> list[JudgeWindow]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, JudgeWindow) and w.isVisible()
    ]


def drop(qtbot, widget: QWidget, path: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), actions, data, buttons, keys)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(QPointF(10, 10), actions, data, buttons, keys))


def test_open_file_jpkg_on_the_command_line_opens_the_judges_window(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(cli, "_window", lambda path=None, *, demo=False: calls.append(path) or 0)
    assert run("open", tmp_path / "written-J1.jpkg") == 0
    assert calls == [tmp_path / "written-J1.jpkg"]


def test_the_app_starts_on_a_package_with_its_pin_dialog(qtbot, issued, settings, tmp_path):
    path = package(issued, "J1")[0]
    controller = start(open_path=path, settings=settings, package_dir=tmp_path / "laptop")
    try:
        windows = judge_windows()
        assert len(windows) == 1 and controller.home is None
        assert windows[0].session.source == path
        assert pin_dialog(windows[0]).isVisible()
    finally:
        for widget in QApplication.topLevelWidgets():
            widget.close()


def test_the_home_screens_button_recent_files_and_drops(
    qtbot, controller, opener, judge_chooser, issued
):
    controller.open_package = opener.open
    path, _ = package(issued, "J1")
    home = controller.show_home()
    judge_chooser.packages.append(path)
    qtbot.mouseClick(home.package_button, Qt.MouseButton.LeftButton)
    assert opener.window is not None and opener.window.session.source == path
    assert controller.home is None  # the judge's window took over
    working = opener.window.session.working_path
    opener.window.close()

    # the recent files name the judge's working copy, which opens without the stick
    assert controller.preferences.recent_files()[0] == working.resolve()
    home = controller.show_home()
    item = home.recent.item(0)
    assert item.text().startswith("Judge package: 김민수 · 서면심사")
    home.recent.itemActivated.emit(item)
    assert opener.window is not None and opener.window.session.working_path == working
    assert opener.window.session.resumed
    opener.window.close()

    # a package dropped on the home screen
    home = controller.show_home()
    drop(qtbot, home, path)
    assert opener.window is not None and controller.home is None
    opener.window.close()


def test_a_package_dropped_on_the_judges_window_replaces_the_one_open(qtbot, opener, issued):
    window = open_unlocked(qtbot, opener, issued, "J1")
    other, _ = package(issued, "J2")
    drop(qtbot, window, other)
    assert opener.window is not None and opener.window is not window
    assert opener.window.session.meta.judge_id == "J2"
    assert judge_windows() == [opener.window]
    assert pin_dialog(opener.window).isVisible()


def test_a_file_open_event_opens_the_package_in_the_judges_window(
    qtbot, issued, settings, tmp_path
):
    """What macOS sends when a .jpkg is double-clicked in Finder while the app runs."""
    controller = start(settings=settings, package_dir=tmp_path / "laptop")
    try:
        assert controller.home is not None and judge_windows() == []
        path = package(issued, "J2")[0]
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(path)))
        windows = judge_windows()
        assert len(windows) == 1 and windows[0].session.source == path
        assert pin_dialog(windows[0]).isVisible()
    finally:
        for widget in QApplication.topLevelWidgets():
            widget.close()
        controller.deleteLater()
