"""Where the judge's window meets the home screen: the button that opens a package, and how a
package in the recent files is named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPushButton

from judging_app.services.judge_views import package_summary
from judging_app.ui.judge.drops import SUFFIX


def is_package(path: Path) -> bool:
    return path.suffix.lower() == SUFFIX


def package_button() -> QPushButton:
    button = QPushButton(QCoreApplication.translate("JudgeEntry", "Open a judge package…"))
    button.setObjectName("openPackage")
    button.setToolTip(
        QCoreApplication.translate(
            "JudgeEntry", "For judges: the .jpkg file the secretariat gave you, and its PIN"
        )
    )
    return button


def recent_label(path: Path) -> str | None:
    """Whose package a recent file is (it is the judge's working copy, named by a number)."""
    summary = package_summary(path) if path.exists() else None
    if summary is None:
        return None
    return (
        QCoreApplication.translate("JudgeEntry", "Judge package: %1 · %2")
        .replace("%1", summary.judge_name)
        .replace("%2", summary.round_name)
        + f"\n{summary.contest_name}"
    )
