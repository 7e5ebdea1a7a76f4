"""A read-only table model over plain rows, described column by column (Vorta's pattern).

Each :class:`Column` names its header (translated in the ``Columns`` context; mark the source text
with ``QT_TRANSLATE_NOOP("Columns", ...)``), how a row is shown and how it sorts. Sorting goes
through :data:`SORT_ROLE`, so numbers sort as numbers behind a ``QSortFilterProxyModel``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

R = TypeVar("R")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


def number_text(value: int | Decimal | None) -> str:
    """A count with thousands separators; a score as its exact (already rounded) decimal."""
    if value is None:
        return ""
    if isinstance(value, int):
        return QLocale().toString(value)
    return str(value)


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], object]
    """The value shown (str, int or Decimal) and sorted by."""
    numeric: bool = False
    translate: bool = True
    background: Callable[[R], QColor | None] | None = None
    tooltip: Callable[[R], str] | None = None
    sort: Callable[[R], str] | None = None
    """A text to sort by instead of the value (e.g. a time to the microsecond)."""


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[Column[R]] = list(columns)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R], columns: Sequence[Column[R]] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if columns is not None:
            self._columns = list(columns)
        self.endResetModel()

    def row(self, number: int) -> R:
        return self._rows[number]

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return number_text(value) if isinstance(value, int | Decimal) else value
        if role == SORT_ROLE:
            if column.sort is not None:
                return column.sort(row)
            value = column.value(row)
            if column.numeric:
                return float(value) if isinstance(value, int | Decimal) else float("-inf")
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column.background is not None:
            color = column.background(row)
            return QBrush(color) if color is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                column = self._columns[section]
                if column.translate:
                    return QCoreApplication.translate("Columns", column.title)
                return column.title
            return None
        return section + 1


def sorting_proxy(
    model: QAbstractTableModel, parent: QObject | None = None
) -> QSortFilterProxyModel:
    """Sorts by :data:`SORT_ROLE` and filters on every column, ignoring case."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy
