"""Export the Excel report (off the GUI thread, cancellable) and find it afterwards."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from judging_app.services.exporting import export_report_file
from judging_app.services.progress import Progress
from judging_app.ui.pages.base import Page, PageContext, heading, note
from judging_app.ui.progress_dialog import run_in_background


class ReportPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.written: Path | None = None
        self.export_button = QPushButton(self.tr("Export the Excel report…"))
        self.export_button.setObjectName("exportReport")
        self.export_button.clicked.connect(self.export)
        self.result = QLabel()
        self.result.setObjectName("reportResult")
        self.result.setWordWrap(True)
        self.open_folder = QPushButton(self.tr("Open the folder"))
        self.open_folder.setEnabled(False)
        self.open_folder.clicked.connect(self._open_folder)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addWidget(self.open_folder)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Report")))
        layout.addWidget(
            note(
                self.tr(
                    "The Excel report holds the final ranking, each round's results with every "
                    "judge's totals, the criterion scores, the votes and the audit log, ready to "
                    "print on A4. It shows exactly what the window ranks."
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def export(self) -> None:
        name = self.contest.config().name
        out = self.context.chooser.save_report(self, f"{name}.xlsx")
        if out is None:
            return
        contest = self.contest

        def job(progress: Progress) -> object:
            return export_report_file(contest, out, progress)

        run_in_background(self, self.tr("Exporting the report…"), job, self._written)

    def _written(self, path: object) -> None:
        assert isinstance(path, Path)
        self.written = path
        self.result.setText(self.tr("Written: %1").replace("%1", str(path)))
        self.open_folder.setEnabled(True)
        self.status(self.tr("Report written to %1").replace("%1", str(path)))

    def _open_folder(self) -> None:
        if self.written is not None:
            self.context.chooser.show(self.written.parent)
