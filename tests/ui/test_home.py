"""The home screen: the demo contest, a new contest from TOML, recent files."""

from PySide6.QtCore import Qt

from judging_app.ui.contest_window import ContestWindow
from tests.helpers import query


def test_the_demo_contest_opens_from_the_home_screen(qtbot, controller, preferences, tmp_path):
    home = controller.show_home()
    qtbot.mouseClick(home.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=60000)
    window = controller.window
    assert isinstance(window, ContestWindow)
    database = tmp_path / "demo" / "contest.jdb"
    assert window.contest.path == database
    steps = {s.key: (s.detail, s.state) for s in window.steps.steps()}
    assert steps["cases"] == ("50 cases", "done")
    assert steps["judges"] == ("10 judges", "done")
    assert steps["round:written"] == ("every score in: close it", "active")
    assert steps["round:presentation"][1] == "todo"
    assert window.current_page() is window.pages["round:written"]  # the step that needs work
    assert preferences.recent_files() == [database.resolve()]
    assert query(database, "select count(*) from cases") == [(50,)]


def test_a_new_contest_from_toml_and_the_recent_list(
    qtbot, controller, chooser, preferences, demo_files, tmp_path
):
    home = controller.show_home()
    database = tmp_path / "new.jdb"
    chooser.answer("open_config", demo_files.config)
    chooser.answer("save_database", database)
    qtbot.mouseClick(home.new_button, Qt.MouseButton.LeftButton)
    window = controller.window
    assert window is not None and window.contest.path == database
    assert window.current_page() is window.pages["cases"]  # nothing imported yet
    window._go_home()
    home = controller.home
    assert home is not None and controller.window is None
    item = home.recent.item(0)
    assert item.text().startswith("new.jdb")
    home.recent.itemActivated.emit(item)
    assert controller.window is not None and controller.window.contest.path == database


def test_a_refused_configuration_is_shown_and_nothing_is_created(
    qtbot, controller, chooser, tmp_path
):
    config = tmp_path / "bad.toml"
    config.write_text('[contest]\nname = "x"\nsurprise = 1\n', encoding="utf-8")
    chooser.answer("open_config", config)
    chooser.answer("save_database", tmp_path / "bad.jdb")
    home = controller.show_home()
    qtbot.mouseClick(home.new_button, Qt.MouseButton.LeftButton)
    box = home.findChild(type(home), "errorBox") or next(
        w for w in home.children() if w.objectName() == "errorBox"
    )
    assert "surprise" in box.text()
    assert controller.window is None
    assert not (tmp_path / "bad.jdb").exists()


def test_the_language_switches_and_is_remembered(
    qtbot, controller, chooser, preferences, demo_files, tmp_path
):
    chooser.answer("open_config", demo_files.config)
    chooser.answer("save_database", tmp_path / "new.jdb")
    qtbot.mouseClick(controller.show_home().new_button, Qt.MouseButton.LeftButton)
    controller.window.show_step("judges")
    controller.window.language_requested.emit("ko")
    window = controller.window
    assert preferences.language == "ko"
    assert window.pages["cases"].import_button.text() == "사례 가져오기…"
    assert window.current_page() is window.pages["judges"]  # the same step, in Korean
    assert window.steps.steps()[1].detail == "표를 가져오십시오"
    window.language_requested.emit("en")
    assert controller.window.pages["cases"].import_button.text() == "Import cases…"
    assert preferences.language == "en"
    controller.window._go_home()
    home = controller.home
    home.language_requested.emit("ko")
    assert controller.home is not home
    assert controller.home is not None and controller.home.new_button.text().startswith("설정 파일")
