"""One criterion of the score panel: its name, maximum, step and rubric, the entry, and beside
the entry why a value was refused (never a modal box)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from judging_app.services.judge_views import CriterionInfo
from judging_app.ui.judge.style import ERROR_STYLE, MUTED_STYLE, OK_STYLE, larger

READ_ONLY_STYLE = "QLineEdit { background: #f1f3f4; color: #3c4043; }"


class ScoreLineEdit(QLineEdit):
    """Selects its text on focus, so that typing replaces the value."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self.selectAll)  # after the click has placed the cursor
        else:
            self.selectAll()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.deselect()


class ScoreEntry(QWidget):
    edited = Signal(str, str)
    """(criterion key, the text typed): on every change the judge makes."""
    enter_pressed = Signal()

    def __init__(self, criterion: CriterionInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.setObjectName(f"score_{criterion.key}")
        name = QLabel(criterion.name)
        name.setObjectName("criterionName")
        name.setFont(larger(name.font(), 1.2, bold=True))
        self.limits = QLabel(
            self.tr("out of %1, in steps of %2")
            .replace("%1", str(criterion.max))
            .replace("%2", str(criterion.step))
        )
        self.limits.setObjectName("criterionLimits")
        self.limits.setStyleSheet(MUTED_STYLE)
        self.edit = ScoreLineEdit()
        self.edit.setObjectName("scoreEdit")
        self.edit.setAccessibleName(criterion.name)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setFont(larger(self.edit.font(), 1.5, bold=True))
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("000.00") + 24)
        self.edit.setMinimumHeight(self.edit.fontMetrics().height() + 14)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.edit.textEdited.connect(lambda text: self.edited.emit(criterion.key, text))
        self.edit.returnPressed.connect(self.enter_pressed)
        self.reason = QLabel()
        self.reason.setObjectName("scoreReason")
        self.reason.setWordWrap(True)
        self.reason.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.rubric = QLabel(criterion.description)
        self.rubric.setObjectName("criterionRubric")
        self.rubric.setWordWrap(True)
        self.rubric.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        layout.addWidget(name, 0, 0)
        layout.addWidget(self.limits, 1, 0)
        layout.addWidget(self.edit, 0, 1, 2, 1)
        layout.addWidget(self.reason, 0, 2, 2, 1)
        layout.addWidget(self.rubric, 2, 0, 1, 3)
        layout.setColumnStretch(2, 1)

    def set_read_only(self, read_only: bool) -> None:
        """Read-only entries look it: grey, not white."""
        self.edit.setReadOnly(read_only)
        if not self.problem:
            self.edit.setStyleSheet(READ_ONLY_STYLE if read_only else "")

    def show_value(self, text: str) -> None:
        """Show a stored value (or none) without it counting as an edit."""
        self.edit.setText(text)
        self.set_problem(None)

    def set_problem(self, problem: str | None) -> None:
        if problem:
            self.reason.setText(f"⚠ {problem}")
            self.reason.setStyleSheet(ERROR_STYLE)
            self.edit.setStyleSheet("QLineEdit { border: 2px solid #b3261e; }")
        else:
            self.reason.setText("✓" if self.edit.text().strip() else "")
            self.reason.setStyleSheet(OK_STYLE)
            self.edit.setStyleSheet(READ_ONLY_STYLE if self.edit.isReadOnly() else "")

    @property
    def problem(self) -> str:
        text = self.reason.text()
        return text.removeprefix("⚠ ") if text.startswith("⚠") else ""
