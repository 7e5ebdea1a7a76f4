"""The citizens' vote totals, imported through a preview and shown beside the cases."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from judging_app.domain.ranking import final_field
from judging_app.services.listing import CaseRow
from judging_app.ui.columns import vote_columns
from judging_app.ui.pages.base import Page, PageContext, heading, note
from judging_app.ui.table_model import RowTableModel
from judging_app.ui.table_view import FilteredTable, fit_columns


class VotesPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model: RowTableModel[CaseRow] = RowTableModel(parent=self)
        self.table = FilteredTable(self.model, self.tr("Filter by ID, title, organisation…"))
        self.table.view.setObjectName("votesTable")
        self.total = QLabel()
        self.import_button = QPushButton(self.tr("Import votes…"))
        self.import_button.setObjectName("importVotes")
        self.import_button.clicked.connect(self.import_votes)
        bar = QHBoxLayout()
        bar.addWidget(self.total, 1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Citizens' votes")))
        layout.addWidget(
            note(
                self.tr(
                    "Columns of the table: case_id, votes. Only the votes of the cases in the "
                    "final field (✓) count; the others are kept. Importing again replaces a "
                    "case's votes."
                )
            )
        )
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        super().refresh()
        ranking = self.contest.final_ranking(every_round=False)
        last = ranking.config.rounds[-1].key
        field = frozenset(final_field(ranking.rounds[last]))
        rows = self.contest.cases()
        self.model.set_rows(rows, vote_columns(field))
        total = sum(r.votes or 0 for r in rows)
        self.total.setText(self.tr("%1 votes in all").replace("%1", QLocale().toString(total)))
        fit_columns(self.table.view, stretch=1)
        self.table.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # the most votes first

    def import_votes(self) -> None:
        self.import_table(
            self.tr("Import votes"),
            self.contest.check_votes,
            self.contest.import_votes,
            self.tr("Votes imported from %1"),
        )
