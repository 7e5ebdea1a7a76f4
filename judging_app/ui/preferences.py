"""What the window remembers between runs (QSettings): the language and the recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from judging_app.ui.i18n import LANGUAGES

MAX_RECENT = 8


class Preferences:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @property
    def language(self) -> str:
        value = str(self._settings.value("language", "ko"))
        return value if value in LANGUAGES else "ko"

    @language.setter
    def language(self, value: str) -> None:
        self._settings.setValue("language", value)

    def recent_files(self) -> list[Path]:
        value = self._settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings returns a single-item list as a str
            value = [value]
        return [Path(str(v)) for v in value or [] if v] if isinstance(value, list) else []

    def add_recent(self, path: Path) -> None:
        path = path.resolve()
        files = [path, *(p for p in self.recent_files() if p != path)][:MAX_RECENT]
        self._settings.setValue("recent_files", [str(p) for p in files])
        self._settings.sync()

    def forget_recent(self, path: Path) -> None:
        files = [p for p in self.recent_files() if p != path]
        self._settings.setValue("recent_files", [str(p) for p in files])

    def last_folder(self) -> str:
        return str(self._settings.value("last_folder", ""))

    def set_last_folder(self, folder: Path) -> None:
        self._settings.setValue("last_folder", str(folder))
