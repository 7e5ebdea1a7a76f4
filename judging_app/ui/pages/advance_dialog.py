"""The confirmation before a round is closed: what it closes, who goes on, what is missing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.config import Round
from judging_app.services.status import RoundStatus


class AdvanceDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        round_: Round,
        next_round: Round | None,
        advancing: tuple[str, ...],
        status: RoundStatus,
        warnings: tuple[str, ...],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("advanceDialog")
        self.setWindowTitle(self.tr("Close %1").replace("%1", round_.name))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        question = QLabel(
            self.tr(
                "Close %1 (%2)? A closed round cannot be reopened: it accepts no more scores, "
                "packages or score tables."
            )
            .replace("%1", round_.name)
            .replace("%2", round_.key)
        )
        question.setWordWrap(True)
        layout.addWidget(question)
        if next_round is not None:
            going = self.tr("%1 cases go on to %2:").replace("%1", str(len(advancing)))
            going = going.replace("%2", next_round.name)
        else:
            going = self.tr("%1 cases make the final field:").replace("%1", str(len(advancing)))
        layout.addWidget(QLabel(going))
        listing = QPlainTextEdit(", ".join(advancing))
        listing.setReadOnly(True)
        listing.setMaximumHeight(70)
        layout.addWidget(listing)
        for warning in warnings:
            label = QLabel("⚠ " + warning)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.allow_missing = QCheckBox(
            self.tr("Close it anyway, with the scores missing (the audit log records it)")
        )
        self.allow_missing.setObjectName("allowMissing")
        if status.missing:
            lines = [
                f"{j.judge_id} {j.name}: {', '.join(j.missing)}" for j in status.judges if j.missing
            ]
            missing = QLabel(self.tr("%1 scores are missing:").replace("%1", str(status.missing)))
            missing.setStyleSheet("color: #b3261e; font-weight: bold;")
            layout.addWidget(missing)
            text = QPlainTextEdit("\n".join(lines))
            text.setObjectName("missingList")
            text.setReadOnly(True)
            text.setMaximumHeight(110)
            layout.addWidget(text)
            layout.addWidget(self.allow_missing)
        self.buttons = QDialogButtonBox()
        self.close_button = self.buttons.addButton(
            self.tr("Close the round"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button.setObjectName("confirmAdvance")
        self.close_button.setEnabled(not status.missing)
        self.allow_missing.toggled.connect(self.close_button.setEnabled)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
