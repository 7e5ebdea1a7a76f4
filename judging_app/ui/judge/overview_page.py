"""Every assigned case with the judge's scores and totals, sortable: is my order what I meant?"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from judging_app.ui.judge.case_model import COL_TITLE, ROW_ROLE, SORT_ROLE, CaseRowsModel


def case_table(model: CaseRowsModel, parent: QWidget | None = None) -> QTableView:
    """Every column of the cases, sortable by clicking a header."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    view = QTableView(parent)
    view.setObjectName("overviewTable")
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 12)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(model.comment_column, QHeaderView.ResizeMode.Stretch)
    view.setColumnWidth(COL_TITLE, 320)
    return view


class OverviewPage(QWidget):
    case_chosen = Signal(str)

    def __init__(self, model: CaseRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        note = QLabel(
            self.tr(
                "Every case assigned to you with your scores. Click a column's title to sort by "
                "it and check that your order is the one you meant; double-click a case (or "
                "press Enter) to go back to it."
            )
        )
        note.setWordWrap(True)
        self.view = case_table(model, self)
        self.view.activated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)

    def _chosen(self, index: QModelIndex) -> None:
        self.case_chosen.emit(str(index.data(ROW_ROLE)))
