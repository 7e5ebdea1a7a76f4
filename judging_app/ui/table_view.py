"""A table view set up the same way everywhere, and one with a filter box above it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from judging_app.ui.table_model import sorting_proxy


def make_table_view(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


FIT_ROWS = 250
"""Rows whose contents size a column: Qt's default of 1,000 costs seconds on a round grid with
hundreds of judge columns, and 250 rows already show the widths a column needs."""


def fit_columns(view: QTableView, stretch: int | None = None, limit: int = 420) -> None:
    """Size columns to their contents (at most ``limit`` px); ``stretch`` takes the rest."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_ROWS)
    view.resizeColumnsToContents()
    for column in range(header.count()):
        if header.sectionSize(column) > limit:
            header.resizeSection(column, limit)
    if stretch is not None and stretch < header.count():
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class FilteredTable(QWidget):
    """A sortable table with a box that filters its rows on any column."""

    def __init__(
        self, model: QAbstractTableModel, placeholder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = sorting_proxy(model, self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = make_table_view(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
