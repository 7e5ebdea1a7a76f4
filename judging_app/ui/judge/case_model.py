"""The judge's cases as a table: id, title, state, one column per criterion, total, comment.

One model holds the rows (:class:`~judging_app.services.judge_views.CaseRow`); the case list
shows its first columns through :class:`CaseFilter`, the overview all of them, sortable. A saved
score updates its one row (:meth:`CaseRowsModel.update_row`), so selections survive.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QFont

from judging_app.services.judge_views import CaseRow, CaseStatus, CriterionInfo
from judging_app.ui.judge.style import CONFLICT_BACKGROUND, STATUS_COLOURS, STATUS_MARKS
from judging_app.ui.translate import QT_TRANSLATE_NOOP

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
COL_ID, COL_TITLE, COL_STATUS = 0, 1, 2
FIRST_CRITERION = 3

STATUS_NAMES = {
    CaseStatus.NOT_STARTED: QT_TRANSLATE_NOOP("CaseStatus", "Not started"),
    CaseStatus.PARTLY: QT_TRANSLATE_NOOP("CaseStatus", "Partly scored"),
    CaseStatus.COMPLETE: QT_TRANSLATE_NOOP("CaseStatus", "Complete"),
    CaseStatus.CONFLICT: QT_TRANSLATE_NOOP("CaseStatus", "Conflict"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("CaseRowsModel", "No."),
    QT_TRANSLATE_NOOP("CaseRowsModel", "Title"),
    QT_TRANSLATE_NOOP("CaseRowsModel", "State"),
)
TOTAL_HEADER = QT_TRANSLATE_NOOP("CaseRowsModel", "Total")
COMMENT_HEADER = QT_TRANSLATE_NOOP("CaseRowsModel", "Comment")
AUTOMATIC_NOTE = QT_TRANSLATE_NOOP("CaseRowsModel", "Same organisation: %1")
CONFLICT_NOTE = QT_TRANSLATE_NOOP("CaseRowsModel", "Conflict declared: %1")


def status_name(status: CaseStatus) -> str:
    return QCoreApplication.translate("CaseStatus", STATUS_NAMES[status])


def number(value: Decimal | None) -> str:
    return "" if value is None else str(value)


class CaseRowsModel(QAbstractTableModel):
    def __init__(self, criteria: tuple[CriterionInfo, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._criteria = criteria
        self._rows: list[CaseRow] = []
        self._where: dict[str, int] = {}

    @property
    def total_column(self) -> int:
        return FIRST_CRITERION + len(self._criteria)

    @property
    def comment_column(self) -> int:
        return self.total_column + 1

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._where = {r.case_id: i for i, r in enumerate(self._rows)}
        self.endResetModel()

    def update_row(self, row: CaseRow) -> None:
        number_ = self._where[row.case_id]
        self._rows[number_] = row
        self.dataChanged.emit(self.index(number_, 0), self.index(number_, self.comment_column))

    def case_row(self, case_id: str) -> CaseRow:
        return self._rows[self._where[case_id]]

    def row_of(self, case_id: str) -> int:
        return self._where[case_id]

    def rows(self) -> list[CaseRow]:
        return list(self._rows)

    def row(self, number_: int) -> CaseRow:
        return self._rows[number_]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.comment_column + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == ROW_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == COL_STATUS or row.status == CaseStatus.CONFLICT:
                return QBrush(STATUS_COLOURS[row.status])
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.status == CaseStatus.CONFLICT:
            return QBrush(CONFLICT_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and row.status == CaseStatus.CONFLICT:
            font = QFont()
            font.setItalic(True)
            return font
        numeric = FIRST_CRITERION <= column < self.comment_column
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _text(self, row: CaseRow, column: int) -> str:
        if column == COL_ID:
            return row.case_id
        if column == COL_TITLE:
            return row.title
        if column == COL_STATUS:
            return f"{STATUS_MARKS[row.status]} {status_name(row.status)}"
        if column == self.total_column:
            return number(row.total)
        if column == self.comment_column:
            if row.conflict is not None:
                label = AUTOMATIC_NOTE if row.automatic else CONFLICT_NOTE
                return QCoreApplication.translate("CaseRowsModel", label).replace(
                    "%1", row.conflict
                )
            return row.comment.replace("\n", " ")
        return number(row.scores.get(self._criteria[column - FIRST_CRITERION].key))

    def _sort_key(self, row: CaseRow, column: int) -> object:
        if column == COL_ID:
            return row.position
        if column == COL_STATUS:
            return list(CaseStatus).index(row.status)
        if column == self.total_column or FIRST_CRITERION <= column < self.total_column:
            value = (
                row.total
                if column == self.total_column
                else row.scores.get(self._criteria[column - FIRST_CRITERION].key)
            )
            return float("-inf") if value is None else float(value)
        return self._text(row, column)

    def _tooltip(self, row: CaseRow, column: int) -> str | None:
        if column == self.comment_column and row.comment:
            return row.comment
        if row.conflict is not None:
            return row.conflict
        if column == COL_TITLE:
            return row.title
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < FIRST_CRITERION:
            return QCoreApplication.translate("CaseRowsModel", HEADERS[section])
        if section == self.total_column:
            return QCoreApplication.translate("CaseRowsModel", TOTAL_HEADER)
        if section == self.comment_column:
            return QCoreApplication.translate("CaseRowsModel", COMMENT_HEADER)
        if section < self.total_column:
            criterion = self._criteria[section - FIRST_CRITERION]
            return f"{criterion.name} ({criterion.max})"
        return None


class CaseFilter(QSortFilterProxyModel):
    """The case list's rows: those whose id or title has the typed text, in the chosen states.

    Rows do not move or vanish while the judge scores (no dynamic filtering): the list changes
    only when the filter does, so that "next case" is always the row below.
    """

    def __init__(self, model: CaseRowsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.setDynamicSortFilter(False)
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._states: frozenset[CaseStatus] = frozenset(CaseStatus)

    def set_filter(self, text: str, states: frozenset[CaseStatus]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 on
            self.beginFilterChange()
        self._text = text.strip().casefold()
        self._states = states
        if hasattr(self, "endFilterChange"):
            self.endFilterChange()
        else:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseRowsModel)
        row = model.row(source_row)
        if row.status not in self._states:
            return False
        return not self._text or self._text in f"{row.case_id} {row.title}".casefold()
