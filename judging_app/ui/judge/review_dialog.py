"""Submitting: a review of every score and comment, then the signature."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError
from judging_app.services.judge_session import JudgeSession, SubmitResult
from judging_app.ui.judge.case_model import ROW_ROLE, CaseRowsModel
from judging_app.ui.judge.overview_page import case_table
from judging_app.ui.judge.style import ERROR_STYLE, inherit_font, larger


class ReviewDialog(QDialog):
    """Accepted once the session signed the entries (:attr:`submitted`)."""

    case_chosen = Signal(str)

    def __init__(
        self, session: JudgeSession, model: CaseRowsModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        inherit_font(self, parent)
        self.setWindowTitle(self.tr("Review and submit"))
        self.resize(1100, 620)
        self._session = session
        self.submitted: SubmitResult | None = None
        progress = session.progress()
        heading = QLabel(self.tr("Check every score and comment before you sign."))
        heading.setFont(larger(heading.font(), 1.2, bold=True))
        counts = QLabel(
            self.tr("%1 of %2 cases complete; %3 with a conflict of interest.")
            .replace("%1", str(progress.complete))
            .replace("%2", str(progress.assigned))
            .replace("%3", str(len(session.cases) - progress.assigned))
        )
        counts.setObjectName("reviewCounts")
        pledge = session.pledge()
        if pledge is not None:
            signed = QDateTime.fromString(pledge.signed_at, Qt.DateFormat.ISODate)
            counts.setText(
                counts.text()
                + "  "
                + self.tr("Integrity pledge signed by %1 (%2).")
                .replace("%1", pledge.name)
                .replace("%2", signed.toLocalTime().toString("yyyy-MM-dd HH:mm"))
            )
        self.view = case_table(model, self)
        self.view.activated.connect(self._chosen)
        self.message = QLabel()
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        names = {c.key: c.name for c in session.criteria}
        if progress.missing:
            listing = ", ".join(
                case_id
                if len(keys) == len(names)
                else f"{case_id} ({'·'.join(names[k] for k in keys)})"
                for case_id, keys in progress.missing
            )
            self.message.setText(
                self.tr(
                    "You cannot submit yet. Cases not fully scored (%1): %2. Double-click a case "
                    "to go to it."
                )
                .replace("%1", str(len(progress.missing)))
                .replace("%2", listing)
            )
        self.message.setVisible(bool(progress.missing))
        note = QLabel(
            self.tr(
                "Signing seals these scores as revision %1. You can still amend them afterwards "
                "(a new revision)."
            ).replace("%1", str(session.revision + 1))
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.sign_button = QPushButton(self.tr("Sign and submit"))
        self.sign_button.setObjectName("signSubmit")
        self.sign_button.setEnabled(not progress.missing)
        buttons.addButton(self.sign_button, QDialogButtonBox.ButtonRole.AcceptRole)
        back = buttons.addButton(self.tr("Back to scoring"), QDialogButtonBox.ButtonRole.RejectRole)
        back.setObjectName("backToScoring")
        buttons.accepted.connect(self._sign)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, counts, self.message, self.view, note, buttons):
            layout.addWidget(widget, 1 if widget is self.view else 0)

    def _chosen(self, index: QModelIndex) -> None:
        self.case_chosen.emit(str(index.data(ROW_ROLE)))
        self.reject()

    def _sign(self) -> None:
        try:
            self.submitted = self._session.submit()
        except UserError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        self.accept()
