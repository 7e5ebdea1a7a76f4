"""The list of the judge's cases: id, title and state, with a filter on text and state."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from judging_app.services.judge_views import CaseStatus
from judging_app.ui.judge.case_model import (
    COL_ID,
    COL_STATUS,
    COL_TITLE,
    ROW_ROLE,
    CaseFilter,
    CaseRowsModel,
)

TO_DO = frozenset({CaseStatus.NOT_STARTED, CaseStatus.PARTLY})


class CaseTable(QTableView):
    """Enter on a case goes on to the next one, as it does in a score entry."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class CaseList(QWidget):
    current_changed = Signal(str)
    """The case id the judge moved to."""
    enter_pressed = Signal()

    def __init__(self, model: CaseRowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseList")
        self.model = model
        self.proxy = CaseFilter(model, self)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText(self.tr("Find a case by number or title"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.states = QComboBox()
        self.states.setObjectName("stateFilter")
        self.states.addItem(self.tr("All cases"), frozenset(CaseStatus))
        self.states.addItem(self.tr("To score"), TO_DO)
        self.states.addItem(self.tr("Complete"), frozenset({CaseStatus.COMPLETE}))
        self.states.addItem(self.tr("Conflicts"), frozenset({CaseStatus.CONFLICT}))
        self.states.currentIndexChanged.connect(self._filter)
        self.view = CaseTable()
        self.view.setObjectName("caseTable")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 14)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(model.columnCount()):
            self.view.setColumnHidden(column, column not in (COL_ID, COL_TITLE, COL_STATUS))
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_ID, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.view.enter_pressed.connect(self.enter_pressed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.states, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

    def _filter(self) -> None:
        current = self.current_case()
        self.proxy.set_filter(self.search.text(), self.states.currentData())
        if current is not None:
            self.select(current)

    def _selected(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        case_id = self.current_case()
        if case_id is not None:
            self.current_changed.emit(case_id)

    def current_case(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        return str(rows[0].data(ROW_ROLE)) if rows else None

    def select(self, case_id: str) -> bool:
        """Select ``case_id`` if the filter shows it."""
        source = self.model.index(self.model.row_of(case_id), 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self._select_row(index)
        return True

    def _select_row(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def step(self, offset: int) -> bool:
        """Move ``offset`` rows down (up if negative); False at either end of the list."""
        current = self.view.currentIndex()
        row = (current.row() if current.isValid() else -1) + offset
        if not 0 <= row < self.proxy.rowCount():
            return False
        self._select_row(self.proxy.index(row, COL_ID))
        return True

    def neighbour(self, offset: int) -> str | None:
        """The case ``offset`` rows from the current one, if the list has it."""
        current = self.view.currentIndex()
        row = (current.row() if current.isValid() else -1) + offset
        if not 0 <= row < self.proxy.rowCount():
            return None
        return str(self.proxy.index(row, COL_ID).data(ROW_ROLE))

    def refresh_filter(self) -> None:
        """Apply the filter again (after the states changed), keeping the current case."""
        self._filter()
