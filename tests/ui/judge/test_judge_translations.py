"""Korean first: the judge's window's catalogue is complete, current and compiled, both languages
load, and walking every screen finds no text left in the other language."""

from __future__ import annotations

import filecmp
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QTableView,
    QTabWidget,
    QWidget,
)

from judging_app.ui.i18n import RESOURCES, install_language
from judging_app.ui.judge.conflict_dialog import ConflictDialog
from judging_app.ui.judge.pin_dialog import PinDialog
from tests.packages.conftest import package
from tests.ui.judge.conftest import sign_pledge, unlock

TS = RESOURCES / "judge_ko.ts"
QM = RESOURCES / "judge_ko.qm"
JUDGE_UI = Path(__file__).resolve().parents[3] / "judging_app" / "ui" / "judge"
TOOLS = Path(sys.executable).parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Words that stay as they are in Korean: key names, the PIN, the file kind.
KEEP = {"Tab", "Enter", "Ctrl", "Shift", "PIN", "USB", "jpkg"}


def test_every_text_of_the_judges_window_has_a_korean_translation():
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 90
    unfinished = [
        m.find("source").text
        for m in messages
        if m.find("translation").get("type") == "unfinished" or not m.find("translation").text
    ]
    assert unfinished == []


def test_the_catalogue_lists_every_text_of_the_judges_window(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in JUDGE_UI.rglob("*.py"))
    subprocess.run(
        [
            TOOLS / "pyside6-lupdate",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "ko",
            *sources,
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), (
        "run `make translations` and translate what is new"
    )


def test_the_compiled_catalogue_is_current(tmp_path):
    compiled = tmp_path / QM.name
    subprocess.run(
        [TOOLS / "pyside6-lrelease", str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert filecmp.cmp(compiled, QM, shallow=False), "run `make translations`"


def test_korean_and_english_load(qapp):
    try:
        assert install_language("ko")
        assert QCoreApplication.translate("PledgePage", "Integrity pledge") == "청렴 서약"
        assert install_language("en")
        assert QCoreApplication.translate("PledgePage", "Integrity pledge") == "Integrity pledge"
    finally:
        install_language("en")


def visible_texts(widget: QWidget) -> list[str]:
    """Every text a judge can see on ``widget`` and its children, its menus, table headers and
    a table's first row."""
    texts = [widget.windowTitle()]
    for child in [widget, *widget.findChildren(QWidget)]:
        if child is not widget and not child.isVisibleTo(widget):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            texts.append(child.text())
        if isinstance(child, QLineEdit | QPlainTextEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        if isinstance(child, QProgressBar):
            texts.append(child.text())
        if isinstance(child, QTableView):
            model = child.model()
            horizontal = Qt.Orientation.Horizontal
            texts += [str(model.headerData(c, horizontal)) for c in range(model.columnCount())]
            if model.rowCount():
                texts += [str(model.index(0, c).data()) for c in range(model.columnCount())]
    if isinstance(widget, QMainWindow):
        for action in widget.menuBar().actions():
            texts.append(action.text())
            menu = action.menu()
            if isinstance(menu, QMenu):
                texts += [a.text() for a in menu.actions()]
    return [t for t in texts if t]


def data_of(session) -> list[str]:
    """What the package holds (names, titles, rubric) is shown as it is, in any language."""
    meta = session.meta
    data = [meta.pledge_text, meta.contest_name, meta.round_name, meta.judge_name]
    data += ["한국어", "English"]  # the language menu names each language in itself
    data += [t for c in session.criteria for t in (c.name, c.description)]
    data += [t for c in session.cases for t in (c.title, c.organization, c.category)]
    data += [t for c in session.cases for t in (c.summary, c.body, c.excluded_reason or "")]
    return sorted({d for d in data if d}, key=len, reverse=True)


def untranslated(texts: list[str], data: list[str], language: str) -> list[str]:
    left = []
    for text in texts:
        for known in data:
            text = text.replace(known, "")
        text = re.sub(r"<[^>]+>|&\w+;", " ", text)
        if language == "ko":
            words = [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in KEEP]
            if words:
                left.append(f"{text!r}: {words}")
        elif HANGUL.search(text):
            left.append(repr(text))
    return left


def every_screen(qtbot, opener, issued) -> dict[str, list[str]]:
    """The texts of each screen: the PIN dialog after a wrong PIN, the pledge, the scoring page,
    an automatic conflict, the overview, the review, the amend question, a declared conflict."""
    path, pin = package(issued, "J3")  # J3 has an automatic conflict (C5)
    window = opener.open(path)
    dialog = window.findChild(PinDialog)
    qtbot.keyClicks(dialog.pin, "000000" if pin != "000000" else "111111")
    dialog.unlock_button.click()
    screens = {"pin": visible_texts(dialog)}
    unlock(qtbot, window, pin)
    screens["pledge"] = visible_texts(window)
    sign_pledge(qtbot, window, "박철수")
    screens["scoring"] = visible_texts(window)
    window.show_case("C5")
    screens["automatic conflict"] = visible_texts(window)
    window.show_case("C1")
    window.scoring.panel.declare_button.click()
    screens["conflict dialog"] = visible_texts(window.findChild(ConflictDialog))
    window.tabs.setCurrentWidget(window.overview)
    screens["overview"] = visible_texts(window)
    screens["review"] = visible_texts(window.submit())
    screens["amend"] = visible_texts(window.amend())
    return screens


@pytest.mark.parametrize("language", ["ko", "en"])
def test_no_visible_text_is_left_in_the_other_language(qtbot, opener, issued, language):
    opener.preferences.language = language
    install_language(language)
    try:
        screens = every_screen(qtbot, opener, issued)
        assert opener.window is not None
        data = data_of(opener.window.session)
        left = {n: untranslated(t, data, language) for n, t in screens.items()}
        assert {n: t for n, t in left.items() if t} == {}
        assert all(screens.values())
    finally:
        install_language("en")
