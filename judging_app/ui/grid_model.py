"""The judge-by-case grid of a round: which scores are in and which are missing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from judging_app.services.listing import RoundGrid
from judging_app.ui.table_model import SORT_ROLE, Index
from judging_app.ui.translate import QT_TRANSLATE_NOOP

FIXED = 3  # case id, title, panel; then one column per judge
CELL_TEXT = {
    "scored": QT_TRANSLATE_NOOP("GridModel", "✓"),
    "missing": QT_TRANSLATE_NOOP("GridModel", "missing"),
    "excluded": QT_TRANSLATE_NOOP("GridModel", "excluded"),
    "other_panel": "",
}
CELL_COLOUR = {
    "scored": QColor("#e6f4ea"),
    "missing": QColor("#fde2e1"),
    "excluded": QColor("#eceff1"),
    "other_panel": QColor("#f7f8f9"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("GridModel", "ID"),
    QT_TRANSLATE_NOOP("GridModel", "Title"),
    QT_TRANSLATE_NOOP("GridModel", "Panel"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GridModel", text)


class GridModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: RoundGrid | None = None

    def set_grid(self, grid: RoundGrid) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() or self._grid is None else len(self._grid.cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else FIXED + len(self._grid.judges)

    def state(self, row: int, column: int) -> str | None:
        if self._grid is None or column < FIXED:
            return None
        case_id = self._grid.cases[row][0]
        return self._grid.cells.get((case_id, self._grid.judges[column - FIXED].judge_id))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._grid is None:
            return None
        row, column = index.row(), index.column()
        if column < FIXED:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return self._grid.cases[row][column]
            return None
        state = self.state(row, column)
        if state is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return _tr(CELL_TEXT[state]) if CELL_TEXT[state] else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(CELL_COLOUR[state])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and state == "missing":
            return QBrush(QColor("#b3261e"))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._grid is None or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section < FIXED:
            return _tr(HEADERS[section]) if role == Qt.ItemDataRole.DisplayRole else None
        judge = self._grid.judges[section - FIXED]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{judge.judge_id}\n{judge.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{judge.judge_id} {judge.name} ({judge.panel})"
        return None
