"""The band at the top of the judge's window: whose package, how far along, submitted or not,
and the actions that go with it (Submit, Amend, Save a copy for the secretariat)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.services.judge_session import JudgeSession
from judging_app.services.judge_views import last_submission
from judging_app.ui.judge.style import BANNER_STYLE, MUTED_STYLE, SUBMITTED_STYLE, larger

READY_STYLE = "QPushButton { font-weight: bold; color: #1e7a34; }"


class SessionHeader(QFrame):
    submit_requested = Signal()
    amend_requested = Signal()
    save_requested = Signal()

    def __init__(self, session: JudgeSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionHeader")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._session = session
        meta = session.meta
        judge = QLabel(self.tr("Judge %1").replace("%1", meta.judge_name))
        judge.setObjectName("judgeName")
        judge.setFont(larger(judge.font(), 1.3, bold=True))
        where = QLabel(f"{meta.round_name} · {meta.contest_name}")
        where.setStyleSheet(MUTED_STYLE)
        who = QVBoxLayout()
        who.setSpacing(0)
        who.addWidget(judge)
        who.addWidget(where)
        self.progress = QProgressBar()
        self.progress.setObjectName("caseProgress")
        self.progress.setMinimumWidth(220)
        self.progress.setTextVisible(True)
        self.state = QLabel()
        self.state.setObjectName("sessionState")
        self.submit_button = self._button("submitButton", self.tr("Submit…"))
        self.amend_button = self._button("amendButton", self.tr("Amend…"))
        self.save_button = self._button(
            "saveReturnButton", self.tr("Save a copy for the secretariat…")
        )
        self.submit_button.clicked.connect(self.submit_requested)
        self.amend_button.clicked.connect(self.amend_requested)
        self.save_button.clicked.connect(self.save_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(who, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.state)
        for button in (self.submit_button, self.amend_button, self.save_button):
            layout.addWidget(button)

    def _button(self, name: str, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(36)
        return button

    def refresh(self) -> bool:
        """Show the session's state; True when every case is scored and nothing is submitted."""
        progress = self._session.progress()
        self.progress.setRange(0, max(progress.assigned, 1))
        self.progress.setValue(progress.complete)
        self.progress.setFormat(
            self.tr("%1 of %2 cases complete")
            .replace("%1", str(progress.complete))
            .replace("%2", str(progress.assigned))
        )
        submitted = self._session.status == "submitted"
        if submitted:
            last = last_submission(self._session)
            self.state.setText(
                self.tr("Submitted: revision %1 · %2")
                .replace("%1", str(self._session.revision))
                .replace("%2", last.short_digest if last else "")
            )
            self.state.setStyleSheet(SUBMITTED_STYLE)
        else:
            self.state.setText(
                self.tr("Draft: not submitted yet")
                if self._session.revision == 0
                else self.tr("Amending: revision %1 not submitted yet").replace(
                    "%1", str(self._session.revision + 1)
                )
            )
            self.state.setStyleSheet(BANNER_STYLE)
        ready = not submitted and progress.complete == progress.assigned
        self.submit_button.setVisible(not submitted)
        self.submit_button.setStyleSheet(READY_STYLE if ready else "")
        self.amend_button.setVisible(submitted)
        self.save_button.setEnabled(submitted)
        return ready

    def set_locked(self, locked: bool) -> None:
        """Before the pledge is signed, no action is reachable (nor shown)."""
        for widget in (self.progress, self.state, self.submit_button, self.save_button):
            widget.setVisible(not locked)
        self.amend_button.setVisible(False)
        if not locked:
            self.refresh()
