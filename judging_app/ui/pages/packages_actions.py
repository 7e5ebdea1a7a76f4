"""A round's judge-package actions: issue the packages, merge the returned ones.

They call ``Contest.issue_packages`` and ``Contest.import_scores``; where this version's Contest
has neither, the round page shows the buttons disabled with a tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from judging_app.services.contest import Contest
from judging_app.services.progress import Progress
from judging_app.ui.choosers import FileChooser
from judging_app.ui.pages.merge_dialog import MergeDialog
from judging_app.ui.progress_dialog import run_in_background


def can_issue(contest: Contest) -> bool:
    return callable(getattr(contest, "issue_packages", None))


def can_merge(contest: Contest) -> bool:
    return callable(getattr(contest, "import_scores", None))


def issue_packages(
    parent: QWidget,
    contest: Contest,
    chooser: FileChooser,
    round_key: str,
    done: Callable[[], None],
    options: dict[str, Any] | None = None,
) -> None:
    """Choose a folder, write one package per judge and the PIN list there, open the PIN slips."""
    folder = chooser.choose_folder(
        parent, QCoreApplication.translate("PackageActions", "Folder for the judge packages")
    )
    if folder is None:
        return
    issue = cast(Any, contest).issue_packages
    extra = dict(options or {})

    def job(progress: Progress) -> object:
        def step(done: int, total: int) -> None:
            progress.step(done, total, "")

        with contest.cancellable(progress):
            return issue(round_key, folder, progress=step, **extra)

    def issued(result: object) -> None:
        values = vars(result)
        packages = values.get("packages", ())
        slips = values.get("pin_slips")
        text = (
            QCoreApplication.translate(
                "PackageActions",
                "%1 judge packages written to %2. Hand each judge their package and their PIN "
                "slip; the PIN list is %3.",
            )
            .replace("%1", str(len(packages)))
            .replace("%2", str(folder))
            .replace("%3", str(values.get("pin_csv", "")))
        )
        rotated = [p for p in packages if getattr(p, "replaced_at", None) is not None]
        if rotated:
            text += "\n\n" + QCoreApplication.translate(
                "PackageActions", "Packages issued earlier to %1 no longer merge."
            ).replace("%1", ", ".join(p.judge_id for p in rotated))
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("PackageActions", "Packages issued"))
        box.setText(text)
        box.setObjectName("issuedBox")
        box.open()
        if isinstance(slips, Path):
            chooser.show(slips)  # the PIN slips open for printing
        done()

    run_in_background(
        parent,
        QCoreApplication.translate("PackageActions", "Issuing the judge packages…"),
        job,
        issued,
    )


def merge_packages(
    parent: QWidget,
    contest: Contest,
    round_key: str,
    paths: list[Path],
    done: Callable[[], None],
) -> MergeDialog | None:
    if not paths:
        return None
    merge = cast(Any, contest).import_scores
    dialog = MergeDialog(parent, contest, round_key, paths, merge)
    dialog.merged.connect(lambda results: done())
    dialog.start()
    return dialog


def packages_in(folder: Path) -> list[Path]:
    """Every judge package in a folder (a USB stick) and its subfolders, in name order."""
    return sorted(folder.rglob("*.jpkg"))
