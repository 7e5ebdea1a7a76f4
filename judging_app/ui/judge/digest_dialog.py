"""The end of an action that seals scores: what happened, and the short digest to read aloud
(the printed score sheet shows it beside the signature line)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.ui.judge.style import SUBMITTED_STYLE, inherit_font, larger


class DigestDialog(QDialog):
    def __init__(
        self,
        title: str,
        text: str,
        digest: str,
        parent: QWidget | None = None,
        *,
        action: str | None = None,
    ) -> None:
        """``action``: the text of a button that accepts the dialog (e.g. save a copy now)."""
        super().__init__(parent)
        self.setObjectName("digestDialog")
        inherit_font(self, parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        message = QLabel(text)
        message.setObjectName("digestText")
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        caption = QLabel(self.tr("Digest to read aloud and to compare with your score sheet:"))
        caption.setWordWrap(True)
        self.digest = QLabel(digest)
        self.digest.setObjectName("digestValue")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.digest.setFont(larger(font, 2.0, bold=True))
        self.digest.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digest.setStyleSheet(SUBMITTED_STYLE)
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        if action is not None:
            go = QPushButton(action)
            go.setObjectName("digestAction")
            go.setDefault(True)
            buttons.addButton(go, QDialogButtonBox.ButtonRole.AcceptRole)
            later = buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
            later.setObjectName("digestLater")
        else:
            close = buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.AcceptRole)
            close.setObjectName("digestClose")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        for widget in (message, caption, self.digest, buttons):
            layout.addWidget(widget)
