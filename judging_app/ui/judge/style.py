"""The few looks the judge's window shares: colours of the case states, bigger fonts."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from judging_app.services.judge_views import CaseStatus

WINDOW_FONT = 1.1
"""The judge's window reads a little larger than the system's default (hours of reading)."""
ERROR_STYLE = "color: #b3261e;"
OK_STYLE = "color: #1e7a34;"
MUTED_STYLE = "color: #5f6368;"
BANNER_STYLE = (
    "QLabel { background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; padding: 8px; }"
)
SUBMITTED_STYLE = (
    "QLabel { background: #e6f4ea; border: 1px solid #7cb98a; border-radius: 4px; padding: 8px; }"
)

STATUS_COLOURS = {
    CaseStatus.NOT_STARTED: QColor("#5f6368"),
    CaseStatus.PARTLY: QColor("#a15c00"),
    CaseStatus.COMPLETE: QColor("#1e7a34"),
    CaseStatus.CONFLICT: QColor("#80868b"),
}
STATUS_MARKS = {
    CaseStatus.NOT_STARTED: "○",
    CaseStatus.PARTLY: "◐",
    CaseStatus.COMPLETE: "●",
    CaseStatus.CONFLICT: "⊘",
}
CONFLICT_BACKGROUND = QColor("#eeeeee")


def larger(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    """A copy of ``font`` ``factor`` times as large."""
    bigger = QFont(font)
    bigger.setPointSizeF(font.pointSizeF() * factor)
    if bold:
        bigger.setBold(True)
    return bigger


def inherit_font(dialog: QWidget, parent: QWidget | None) -> None:
    """A dialog (a window of its own) reads as large as the judge's window it belongs to."""
    if parent is not None:
        dialog.setFont(parent.window().font())
