"""Declaring a conflict of interest (이해충돌 신고) for one case, with its reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError
from judging_app.services.judge_session import JudgeSession
from judging_app.ui.judge.style import BANNER_STYLE, ERROR_STYLE, inherit_font


class ConflictDialog(QDialog):
    """Accepted once the session recorded the conflict (clearing the case's scores, which the
    dialog says first)."""

    def __init__(self, session: JudgeSession, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        inherit_font(self, parent)
        self.setWindowTitle(self.tr("Declare a conflict of interest"))
        self.setMinimumWidth(520)
        self._session = session
        self._case_id = case_id
        state = session.case(case_id)
        self._scored = bool(state.scores)
        heading = QLabel(f"<b>{case_id} · {state.case.title}</b><br>{state.case.organization}")
        heading.setWordWrap(True)
        explain = QLabel(
            self.tr(
                "If you have an interest in this case (you advised on it, you work with its "
                "organisation, a relative is involved…), declare it: you will not score the "
                "case, and the secretariat sees your reason."
            )
        )
        explain.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("conflictReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("The reason, e.g. I advised this project in 2024"))
        self.reason.setMaximumHeight(90)
        warning = QLabel(
            self.tr("The scores you entered for this case will be removed: %1.").replace(
                "%1",
                ", ".join(
                    f"{c.name} {state.scores[c.key]}"
                    for c in session.criteria
                    if c.key in state.scores
                ),
            )
        )
        warning.setObjectName("clearWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet(BANNER_STYLE)
        warning.setVisible(self._scored)
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        buttons = QDialogButtonBox()
        self.declare_button = QPushButton(self.tr("Declare the conflict"))
        self.declare_button.setObjectName("confirmConflict")
        buttons.addButton(self.declare_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._declare)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, explain, self.reason, warning, self.message, buttons):
            layout.addWidget(widget)

    def _declare(self) -> None:
        try:
            self._session.declare_conflict(
                self._case_id, self.reason.toPlainText(), clear_scores=self._scored
            )
        except UserError as error:
            self.message.setText(str(error))
            self.message.show()
            self.reason.setFocus()
            return
        self.accept()
