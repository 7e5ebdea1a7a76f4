"""The judges and their panels in each round, imported through a preview."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from judging_app.services.listing import JudgeRow
from judging_app.ui.columns import judge_columns
from judging_app.ui.pages.base import Page, PageContext, heading, note
from judging_app.ui.table_model import RowTableModel
from judging_app.ui.table_view import FilteredTable, fit_columns


class JudgesPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model: RowTableModel[JudgeRow] = RowTableModel(parent=self)
        self.table = FilteredTable(self.model, self.tr("Filter by ID, name, affiliation…"))
        self.table.view.setObjectName("judgesTable")
        self.count = QLabel()
        self.import_button = QPushButton(self.tr("Import judges…"))
        self.import_button.setObjectName("importJudges")
        self.import_button.clicked.connect(self.import_judges)
        keys = ", ".join(r.key for r in self.contest.config().rounds)
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Judges")))
        layout.addWidget(
            note(
                self.tr(
                    "Columns of the table: judge_id, name, affiliation, and one column per round "
                    "(%1) with the judge's panel in it; blank: not judging that round. A judge "
                    "is excluded automatically from the cases of their own organisation."
                ).replace("%1", keys)
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        super().refresh()
        self.model.set_rows(self.contest.judges(), judge_columns(self.contest.config()))
        self.count.setText(self.tr("%1 judges").replace("%1", str(self.model.rowCount())))
        fit_columns(self.table.view)

    def import_judges(self) -> None:
        self.import_table(
            self.tr("Import judges"),
            self.contest.check_judges,
            self.contest.import_judges,
            self.tr("Judges imported from %1"),
        )
