"""The keys of the scoring session, shown under the score panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

KEY_STYLE = (
    "QLabel { background: #f1f3f4; border-top: 1px solid #dadce0; padding: 6px 10px; "
    "color: #202124; }"
)


def key(name: str) -> str:
    return f"<b>{name}</b>"


class KeyHints(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyHints")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setStyleSheet(KEY_STYLE)
        hints = [
            self.tr("%1 next criterion").replace("%1", key("Tab")),
            self.tr("%1 or %2 next case").replace("%1", key("Enter")).replace("%2", key("Ctrl+↓")),
            self.tr("%1 previous case").replace("%1", key("Ctrl+↑")),
            self.tr("%1 / %2 text size").replace("%1", key("Ctrl++")).replace("%2", key("Ctrl+−")),
        ]
        self.setText(" &nbsp;·&nbsp; ".join(hints))
