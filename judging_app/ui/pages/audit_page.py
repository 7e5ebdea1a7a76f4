"""The audit log: every action that changed the contest, who did it and when."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from judging_app.services.listing import AuditRow
from judging_app.ui.columns import audit_columns
from judging_app.ui.pages.base import Page, PageContext, heading, note
from judging_app.ui.table_model import RowTableModel
from judging_app.ui.table_view import FilteredTable, fit_columns


class AuditPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model: RowTableModel[AuditRow] = RowTableModel(audit_columns(), self)
        self.table = FilteredTable(self.model, self.tr("Filter the log…"))
        self.table.view.setObjectName("auditTable")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Audit log")))
        layout.addWidget(
            note(
                self.tr(
                    "Every action that changed the contest, in order. Entries are never changed "
                    "or removed; times are local. The report includes the log."
                )
            )
        )
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        super().refresh()
        self.model.set_rows(self.contest.audit_log())
        fit_columns(self.table.view, stretch=3)
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
