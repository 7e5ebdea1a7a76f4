"""The integrity pledge (청렴 서약): its text, the judge's name typed, a tick, Sign. Nothing else
of the window is reachable before it is signed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError
from judging_app.services.judge_session import JudgeSession
from judging_app.ui.judge.style import ERROR_STYLE, MUTED_STYLE, larger


class PledgePage(QWidget):
    signed = Signal()

    def __init__(self, session: JudgeSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pledgePage")
        self._session = session
        meta = session.meta
        title = QLabel(self.tr("Integrity pledge"))
        title.setObjectName("pledgeTitle")
        title.setFont(larger(title.font(), 1.8, bold=True))
        context = QLabel(f"{meta.contest_name} · {meta.round_name}")
        context.setStyleSheet(MUTED_STYLE)
        context.setFont(larger(context.font(), 1.15))
        self.text = QLabel(meta.pledge_text)
        self.text.setObjectName("pledgeText")
        self.text.setWordWrap(True)
        self.text.setFont(larger(self.text.font(), 1.3))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setStyleSheet("QFrame { background: #fafafa; }")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(20, 16, 20, 16)
        inner.addWidget(self.text)
        name_label = QLabel(self.tr("Your name"))
        self.name = QLineEdit()
        self.name.setObjectName("pledgeName")
        self.name.setPlaceholderText(meta.judge_name)
        self.name.setFont(larger(self.name.font(), 1.3))
        self.name.setMaximumWidth(360)
        name_label.setBuddy(self.name)
        self.agree = QCheckBox(self.tr("I have read the pledge and I agree to keep it"))
        self.agree.setObjectName("pledgeAgree")
        self.agree.setFont(larger(self.agree.font(), 1.15))
        self.sign_button = QPushButton(self.tr("Sign the pledge"))
        self.sign_button.setObjectName("signPledge")
        self.sign_button.setMinimumHeight(44)
        self.sign_button.setMinimumWidth(200)
        self.sign_button.setDefault(True)
        self.message = QLabel()
        self.message.setObjectName("pledgeMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.name.textChanged.connect(self._changed)
        self.agree.toggled.connect(self._changed)
        self.name.returnPressed.connect(self._sign)
        self.sign_button.clicked.connect(self._sign)
        self._changed()
        name_row = QHBoxLayout()
        name_row.addWidget(name_label)
        name_row.addWidget(self.name, 1)
        name_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(context)
        layout.addWidget(frame)
        layout.addLayout(name_row)
        layout.addWidget(self.agree)
        layout.addWidget(self.sign_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _changed(self) -> None:
        self.sign_button.setEnabled(bool(self.name.text().strip()) and self.agree.isChecked())

    def _sign(self) -> None:
        if not self.sign_button.isEnabled():
            return
        try:
            self._session.sign_pledge(self.name.text())
        except UserError as error:
            self.message.setText(str(error))
            self.message.show()
            return
        self.signed.emit()
