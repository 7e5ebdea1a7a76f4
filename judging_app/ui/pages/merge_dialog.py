"""Merge returned judge packages: a verdict per file first (merged or refused and why), then the
accepted ones merged in one transaction, cancellable until it commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.services.contest import Contest, ImportCheck
from judging_app.services.progress import Cancelled, Progress
from judging_app.ui.alerts import show_error
from judging_app.ui.import_preview import problem_text, result_line
from judging_app.ui.table_model import Column, RowTableModel
from judging_app.ui.table_view import fit_columns, make_table_view
from judging_app.ui.translate import QT_TRANSLATE_NOOP
from judging_app.ui.worker import Worker

ACCEPTED = QColor("#e6f4ea")
REFUSED = QColor("#fde2e1")


@dataclass(frozen=True)
class Verdict:
    path: Path
    accepted: bool
    text: str


VERDICT_COLUMNS: tuple[Column[Verdict], ...] = (
    Column(QT_TRANSLATE_NOOP("Columns", "File"), lambda v: v.path.name),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Result"),
        lambda v: v.text,
        background=lambda v: ACCEPTED if v.accepted else REFUSED,
        tooltip=lambda v: v.text,
    ),
)


class MergeDialog(QDialog):
    merged = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        contest: Contest,
        round_key: str,
        paths: list[Path],
        merge: Callable[[list[Path], str], Sequence[object]],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge returned packages"))
        self.resize(960, 480)
        self._contest = contest
        self._round_key = round_key
        self._paths = paths
        self._merge = merge
        self._worker: Worker | None = None
        self.accepted_paths: list[Path] = []
        self.status = QLabel(
            self.tr("Checking %1 file(s)… nothing is written yet.").replace("%1", str(len(paths)))
        )
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, max(len(paths), 1))
        self.model: RowTableModel[Verdict] = RowTableModel(VERDICT_COLUMNS, self)
        self.table = make_table_view(self.model)
        self.table.setObjectName("verdictTable")
        self.buttons = QDialogButtonBox()
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self._start_merge)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.running

    def start(self) -> None:
        self.open()
        contest, key, merge, paths = self._contest, self._round_key, self._merge, self._paths

        def job(progress: Progress) -> object:
            checks: list[tuple[Path, ImportCheck]] = []
            with contest.cancellable(progress):
                for done, path in enumerate(paths):
                    progress.step(done, len(paths), path.name)
                    checks.append((path, contest.check(partial(merge, [path], key))))
            return checks

        self._launch(job, self._checked)

    def _launch(self, job: Callable[[Progress], object], done: Callable[[object], None]) -> None:
        self._worker = Worker(job, self)
        self._worker.progressed.connect(lambda done, total, label: self.bar.setValue(done))
        self._worker.succeeded.connect(done)
        self._worker.failed.connect(self._failed)
        self._worker.start()

    def _checked(self, checks: object) -> None:
        assert isinstance(checks, list)
        self.bar.hide()
        verdicts = []
        for path, check in checks:
            if check.problems:
                text = "; ".join(problem_text(p) for p in check.problems)
                verdicts.append(Verdict(path, False, self.tr("refused: %1").replace("%1", text)))
            else:
                lines = "; ".join(result_line(self, r) for r in check.results)
                verdicts.append(Verdict(path, True, lines))
        self.model.set_rows(verdicts)
        fit_columns(self.table, stretch=1)
        self.accepted_paths = [v.path for v in verdicts if v.accepted]
        refused = len(verdicts) - len(self.accepted_paths)
        self.status.setText(
            self.tr(
                "%1 can be merged, %2 refused. Refused files are left out; nothing is written "
                "until you merge."
            )
            .replace("%1", str(len(self.accepted_paths)))
            .replace("%2", str(refused))
        )
        if self.accepted_paths:
            self.merge_button.setText(
                self.tr("Merge %1 file(s)").replace("%1", str(len(self.accepted_paths)))
            )
            self.merge_button.setEnabled(True)
        else:
            self.close_button.setText(self.tr("Close"))

    def _start_merge(self) -> None:
        self.merge_button.setEnabled(False)
        self.status.setText(self.tr("Merging…"))
        self.bar.setRange(0, 0)
        self.bar.show()
        contest, key, merge, paths = (
            self._contest,
            self._round_key,
            self._merge,
            self.accepted_paths,
        )

        def job(progress: Progress) -> object:
            with contest.cancellable(progress):
                return merge(paths, key)

        self._launch(job, self._done)

    def _done(self, results: object) -> None:
        self.merged.emit(results)
        self.accept()

    def _failed(self, error: object) -> None:
        assert isinstance(error, BaseException)
        self.bar.hide()
        if isinstance(error, Cancelled):
            self.status.setText(str(error))
            super().reject()
            return
        self.status.setText(str(error))
        self.close_button.setText(self.tr("Close"))
        show_error(self, self.windowTitle(), error)

    def reject(self) -> None:
        if self.busy and self._worker is not None:
            self._worker.cancel()
            self.close_button.setEnabled(False)
            return
        super().reject()
