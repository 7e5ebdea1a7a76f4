"""The contest's cases as a table, imported from an xlsx or csv file through a preview."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from judging_app.services.listing import CaseRow
from judging_app.ui.columns import case_columns
from judging_app.ui.pages.base import Page, PageContext, heading, note
from judging_app.ui.table_model import RowTableModel
from judging_app.ui.table_view import FilteredTable, fit_columns


class CasesPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model: RowTableModel[CaseRow] = RowTableModel(parent=self)
        self.table = FilteredTable(self.model, self.tr("Filter by ID, title, organisation…"))
        self.table.view.setObjectName("casesTable")
        self.count = QLabel()
        self.import_button = QPushButton(self.tr("Import cases…"))
        self.import_button.setObjectName("importCases")
        self.import_button.clicked.connect(self.import_cases)
        first = self.contest.config().rounds[0]
        bar = QHBoxLayout()
        bar.addWidget(self.count, 1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Cases")))
        layout.addWidget(
            note(
                self.tr(
                    "Columns of the table: case_id, title, organization, category, summary, body, "
                    "and optionally %1 with the panel of the first round. Importing the file "
                    "again updates the cases."
                ).replace("%1", first.key)
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        super().refresh()
        config = self.contest.config()
        self.model.set_rows(self.contest.cases(), case_columns(config))
        self.count.setText(self.tr("%1 cases").replace("%1", str(self.model.rowCount())))
        fit_columns(self.table.view, limit=360)

    def import_cases(self) -> None:
        self.import_table(
            self.tr("Import cases"),
            self.contest.check_cases,
            self.contest.import_cases,
            self.tr("Cases imported from %1"),
        )
