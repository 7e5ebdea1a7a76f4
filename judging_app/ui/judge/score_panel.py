"""The score panel of one case: an entry per criterion, the running total, the comment and the
conflict of interest. Every change is saved through the session the moment it is made."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError
from judging_app.services.judge_session import JudgeSession
from judging_app.services.judge_views import CaseRow, case_row, max_total
from judging_app.ui.judge.conflict_dialog import ConflictDialog
from judging_app.ui.judge.score_entry import ScoreEntry
from judging_app.ui.judge.style import BANNER_STYLE, SUBMITTED_STYLE, larger


def _line() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class ScorePanel(QWidget):
    saved = Signal(str)
    """The case id whose entries were just written to the working copy."""
    refused = Signal(str)
    """A refusal of the session, to show in the status bar."""
    enter_pressed = Signal()
    conflict_declared = Signal()

    def __init__(self, session: JudgeSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorePanel")
        self.session = session
        self.case_id: str | None = None
        self._editable = True
        self._conflicted = False
        self.heading = QLabel()
        self.heading.setObjectName("scoreHeading")
        self.heading.setFont(larger(self.heading.font(), 1.25, bold=True))
        self.heading.setWordWrap(True)
        self.entries = [ScoreEntry(c) for c in session.criteria]
        for entry in self.entries:
            entry.edited.connect(self._score_edited)
            entry.enter_pressed.connect(self.enter_pressed)
        self.total = QLabel()
        self.total.setObjectName("totalLabel")
        self.total.setFont(larger(self.total.font(), 1.3, bold=True))
        self.total_note = QLabel()
        self.total_note.setObjectName("totalNote")
        comment_label = QLabel(self.tr("Comment (optional)"))
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("commentEdit")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("What the secretariat should know about this case"))
        self.comment.setMinimumHeight(56)
        self.comment.setMaximumHeight(110)
        self.comment.textChanged.connect(self._comment_edited)
        comment_label.setBuddy(self.comment)
        self.conflict_note = QLabel()
        self.conflict_note.setObjectName("conflictNote")
        self.conflict_note.setWordWrap(True)
        self.conflict_note.setStyleSheet(BANNER_STYLE)
        self.read_only_note = QLabel(
            self.tr("Submitted: the scores are read-only. Choose Amend… to change them.")
        )
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(SUBMITTED_STYLE)
        self.read_only_note.hide()
        self.declare_button = QPushButton(self.tr("Conflict of interest…"))
        self.declare_button.setObjectName("declareConflict")
        self.declare_button.clicked.connect(self._declare)
        self.withdraw_button = QPushButton(self.tr("Withdraw the conflict"))
        self.withdraw_button.setObjectName("withdrawConflict")
        self.withdraw_button.clicked.connect(self._withdraw)
        self._layout(comment_label)

    def _layout(self, comment_label: QLabel) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.declare_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.conflict_note)
        for entry in self.entries:
            layout.addWidget(_line())
            layout.addWidget(entry)
        layout.addWidget(_line())
        totals = QHBoxLayout()
        totals.setContentsMargins(0, 0, 0, 0)
        totals.addWidget(self.total)
        totals.addWidget(self.total_note, 1)
        self.totals = QWidget()
        self.totals.setLayout(totals)
        layout.addWidget(self.totals)
        layout.addWidget(comment_label)
        layout.addWidget(self.comment)
        layout.addStretch(1)
        previous: QWidget | None = None
        for widget in [*(e.edit for e in self.entries), self.comment]:
            if previous is not None:
                QWidget.setTabOrder(previous, widget)
            previous = widget

    # -- showing a case ------------------------------------------------------------------------

    def show_case(self, case_id: str) -> None:
        self.case_id = case_id
        state = self.session.case(case_id)
        self.heading.setText(f"{case_id} · {state.case.title}")
        for entry in self.entries:
            value = state.scores.get(entry.criterion.key)
            entry.show_value("" if value is None else str(value))
        self.comment.blockSignals(True)
        self.comment.setPlainText(state.comment)
        self.comment.blockSignals(False)
        self._show_row(case_row(self.session, case_id))

    def _show_row(self, row: CaseRow) -> None:
        self._conflicted = row.conflict is not None
        if row.automatic:
            note = self.tr("Excluded automatically (same organisation: %1). No score is needed.")
            self.conflict_note.setText(note.replace("%1", row.conflict or ""))
        elif row.conflict is not None:
            note = self.tr("You declared a conflict of interest: %1. No score is needed.")
            self.conflict_note.setText(note.replace("%1", row.conflict))
        self.conflict_note.setVisible(row.conflict is not None)
        self.declare_button.setVisible(row.conflict is None)
        self.withdraw_button.setVisible(row.conflict is not None and not row.automatic)
        top = max_total(self.session)
        shown = "–" if row.total is None else str(row.total)
        self.total.setText(self.tr("Total %1 / %2").replace("%1", shown).replace("%2", str(top)))
        scored = len(self.entries) - len(row.missing)
        self.totals.setVisible(row.conflict is None)
        if row.missing:
            self.total_note.setText(
                self.tr("(%1 of %2 criteria scored)")
                .replace("%1", str(scored))
                .replace("%2", str(len(self.entries)))
            )
        else:
            self.total_note.setText(self.tr("(every criterion scored)"))
        self._apply_editable()

    def set_editable(self, editable: bool) -> None:
        """False after submitting: everything is read-only until Amend."""
        self._editable = editable
        self._apply_editable()

    def _apply_editable(self) -> None:
        self.read_only_note.setVisible(not self._editable)
        scoring = self._editable and not self._conflicted
        for entry in self.entries:
            entry.set_read_only(not scoring)
            entry.setEnabled(not self._conflicted)
        self.comment.setReadOnly(not scoring)
        self.comment.setEnabled(not self._conflicted)
        self.declare_button.setEnabled(self._editable)
        self.withdraw_button.setEnabled(self._editable)

    def focus_first(self) -> None:
        if self.entries and not self._conflicted:
            self.entries[0].edit.setFocus(Qt.FocusReason.TabFocusReason)

    # -- saving --------------------------------------------------------------------------------

    def _score_edited(self, key: str, text: str) -> None:
        """Save what is typed at once; a refused value is shown beside its entry and leaves the
        criterion unscored, so that the working copy holds exactly the values on screen."""
        if self.case_id is None:
            return
        entry = next(e for e in self.entries if e.criterion.key == key)
        problem: str | None = None
        try:
            if text.strip():
                self.session.set_score(self.case_id, key, text)
            else:
                self.session.clear_score(self.case_id, key)
        except UserError as error:
            if error.message_id != "judge.bad_value":
                self.refused.emit(str(error))
                return
            problem = str(error.params.get("rule", error))
            self.session.clear_score(self.case_id, key)
        entry.set_problem(problem)
        self._written()

    def _comment_edited(self) -> None:
        if self.case_id is None or self.comment.isReadOnly():
            return
        try:
            self.session.set_comment(self.case_id, self.comment.toPlainText())
        except UserError as error:
            self.refused.emit(str(error))
            return
        self.saved.emit(self.case_id)

    def _written(self) -> None:
        assert self.case_id is not None
        self._show_row(case_row(self.session, self.case_id))
        self.saved.emit(self.case_id)

    # -- conflicts -----------------------------------------------------------------------------

    def _declare(self) -> None:
        if self.case_id is None:
            return
        dialog = ConflictDialog(self.session, self.case_id, self)
        dialog.accepted.connect(self._declared)
        dialog.open()

    def _declared(self) -> None:
        if self.case_id is not None:
            self.show_case(self.case_id)
            self.saved.emit(self.case_id)
            if self._conflicted:
                self.conflict_declared.emit()

    def _withdraw(self) -> None:
        if self.case_id is None:
            return
        try:
            self.session.withdraw_conflict(self.case_id)
        except UserError as error:
            self.refused.emit(str(error))
            return
        self._declared()
        self.focus_first()
