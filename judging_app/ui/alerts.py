"""Telling the user that something was refused or went wrong, without blocking the event loop."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from judging_app.domain.messages import UserError
from judging_app.services.paths import log_file

_log = logging.getLogger(__name__)


def show_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """A refusal in the user's words; an unexpected error goes to the log with its traceback."""
    box = QMessageBox(parent)
    box.setObjectName("errorBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    if isinstance(error, UserError):
        box.setText(str(error))
        problems = getattr(error, "problems", ())
        if len(problems) > 1:
            box.setDetailedText("\n".join(str(p) for p in problems))
    else:
        path = log_file()
        handler = logging.FileHandler(path, encoding="utf-8")
        _log.addHandler(handler)
        _log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        _log.removeHandler(handler)
        handler.close()
        box.setText(
            QCoreApplication.translate(
                "Alerts", "Something went wrong. The details are in %1."
            ).replace("%1", str(path))
        )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("infoBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
