"""Korean first: the translation is complete, compiled from its source, and loads."""

import filecmp
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from judging_app.domain.messages import language
from judging_app.ui.i18n import RESOURCES, install_language

TS = RESOURCES / "secretariat_ko.ts"
QM = RESOURCES / "secretariat_ko.qm"
UI = Path(__file__).resolve().parents[2] / "judging_app" / "ui"
TOOLS = Path(sys.executable).parent


def test_every_text_has_a_korean_translation():
    messages = list(ET.parse(TS).getroot().iter("message"))
    assert len(messages) > 150
    unfinished = [
        m.find("source").text
        for m in messages
        if m.find("translation").get("type") == "unfinished" or not m.find("translation").text
    ]
    assert unfinished == []


def test_the_translation_source_lists_every_text_of_the_window(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in UI.rglob("*.py") if p.relative_to(UI).parts[0] != "judge")
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


def test_the_compiled_translation_is_current(tmp_path):
    compiled = tmp_path / QM.name
    subprocess.run(
        [TOOLS / "pyside6-lrelease", str(TS), "-qm", str(compiled)], check=True, capture_output=True
    )
    assert filecmp.cmp(compiled, QM, shallow=False), "run `make translations`"


def test_korean_and_english_load(qapp):
    try:
        assert install_language("ko")
        assert language() == "ko"
        assert (
            QCoreApplication.translate("HomeWindow", "Try the demo contest") == "체험용 대회 열기"
        )
        assert install_language("en")
        assert QCoreApplication.translate("HomeWindow", "Try the demo contest") == (
            "Try the demo contest"
        )
    finally:
        install_language("en")
