"""What the judge's window remembers between runs (QSettings): the case text's size, where the
window was and how its panes were split."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

DEFAULT_TEXT_SIZE = 13
SMALLEST_TEXT = 9
LARGEST_TEXT = 32


class JudgeSettings:
    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    @property
    def text_size(self) -> int:
        """The point size of the case text."""
        try:
            value = int(str(self._settings.value("judge/text_size", DEFAULT_TEXT_SIZE)))
        except ValueError:
            return DEFAULT_TEXT_SIZE
        return min(LARGEST_TEXT, max(SMALLEST_TEXT, value))

    @text_size.setter
    def text_size(self, value: int) -> None:
        self._settings.setValue("judge/text_size", min(LARGEST_TEXT, max(SMALLEST_TEXT, value)))
        self._settings.sync()

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("judge/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._settings.setValue("judge/geometry", value)

    @property
    def splitter(self) -> QByteArray | None:
        return self._bytes("judge/splitter")

    @splitter.setter
    def splitter(self, value: QByteArray) -> None:
        self._settings.setValue("judge/splitter", value)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
