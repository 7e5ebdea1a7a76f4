"""The PIN dialog: masked, digits only; a wrong PIN says so and how many tries remain."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.messages import UserError
from judging_app.services.judge_session import JudgeSession
from judging_app.services.judge_views import PIN_DIGITS, tries_before_wait
from judging_app.ui.judge.style import ERROR_STYLE, inherit_font, larger


class PinDialog(QDialog):
    """Accepted once :meth:`JudgeSession.unlock` took the PIN; the session is then unlocked."""

    def __init__(self, session: JudgeSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        inherit_font(self, parent)
        self.setWindowTitle(self.tr("Unlock the package"))
        self.setMinimumWidth(460)
        self._session = session
        self._wait = 0
        meta = session.meta
        heading = QLabel(f"<b>{meta.judge_name}</b> · {meta.round_name}<br>{meta.contest_name}")
        heading.setObjectName("pinHeading")
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        prompt = QLabel(
            self.tr("Type the PIN printed on your PIN slip (%1 digits).").replace(
                "%1", str(PIN_DIGITS)
            )
        )
        prompt.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setObjectName("pinEdit")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_DIGITS)
        self.pin.setValidator(
            QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_DIGITS}}}"), self)
        )
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin.setFont(larger(self.pin.font(), 1.8))
        self.pin.setMinimumHeight(52)
        self.pin.textChanged.connect(self._edited)
        self.message = QLabel()
        self.message.setObjectName("pinMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        buttons = QDialogButtonBox()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancelButton")
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(prompt)
        layout.addWidget(self.pin)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._edited()

    def _edited(self) -> None:
        self.unlock_button.setEnabled(len(self.pin.text()) == PIN_DIGITS and self._wait == 0)

    def _try(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        try:
            self._session.unlock(self.pin.text())
        except UserError as error:
            self.pin.clear()
            self.pin.setFocus()
            self._refused(error)
            return
        self.accept()

    def _refused(self, error: UserError) -> None:
        seconds = error.params.get("seconds")
        if isinstance(seconds, int):
            self._wait = seconds
            self._timer.start()
            self._show(str(error))
        elif error.message_id == "judge.wrong_pin":
            left = tries_before_wait(self._session)
            note = self.tr("Tries left before you must wait: %1.").replace("%1", str(left))
            self._show(f"{error}\n{note}")
        else:
            self._show(str(error))
        self._edited()

    def _tick(self) -> None:
        self._wait = max(0, self._wait - 1)
        if self._wait == 0:
            self._timer.stop()
            self._show(self.tr("You can try again now."))
        else:
            self._show(
                self.tr("Too many wrong PINs: try again in %1 s.").replace("%1", str(self._wait))
            )
        self._edited()

    def _show(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
