"""The window's language: Korean first, English second.

Source strings are English (``self.tr``); the Korean translation is the Qt Linguist source
``judging_app/resources/secretariat_ko.ts`` compiled to ``secretariat_ko.qm`` (``make
translations``), and for the judge's window (``judging_app/ui/judge``) ``judge_ko.ts`` and
``judge_ko.qm``. The messages that the services share with the CLI follow the same choice through
the Qt-free catalogue (:func:`judging_app.domain.messages.set_language`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from judging_app.domain.messages import set_language

LANGUAGES = ("ko", "en")
CATALOGUES = ("secretariat", "judge")
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_LOCALES = {
    "ko": QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea),
    "en": QLocale("en_GB"),
}
_installed: list[QTranslator] = []


def translation_file(language: str, catalogue: str = "secretariat") -> Path:
    return RESOURCES / f"{catalogue}_{language}.qm"


def install_language(language: str) -> bool:
    """Switch the application's texts to ``language``; False if its translation did not load."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language: {language}")
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    set_language(language)
    QLocale.setDefault(_LOCALES[language])
    if language == "en":
        return True
    loaded = True
    for catalogue in CATALOGUES:
        ours = QTranslator()
        if ours.load(str(translation_file(language, catalogue))):
            _installed.append(ours)
        else:
            loaded = False
    qt = QTranslator()  # Qt's own dialogs (buttons, file dialogs), where it ships them
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(_LOCALES[language], "qtbase", "_", path):
        _installed.append(qt)
    if app is not None:
        for translator in _installed:
            app.installTranslator(translator)
    return loaded
