"""One judge's paper sheet as a table to type into: a row per case in sheet order (the vertical
header names it), a column per criterion, then the total. Tab goes along a case's criteria and on
to the next case, as the eye follows the paper; the cases the judge is excluded from and the
total are not editable, so Tab passes them by.

Each value is handed to ``save`` as soon as it is committed; a refusal leaves the cell as it was
and is reported through ``refused``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from judging_app.domain.config import Criterion
from judging_app.exchange.sheet_forms import BlankSheet, SheetLine
from judging_app.ui.table_model import Index

EXCLUDED = QColor("#eeeeee")
TOTAL = QColor("#f6f6f6")

# (case id, criterion key, value or None) → None, or raises a refusal.
Save = Callable[[str, str, Decimal | None], None]


def shown(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


class SheetEntryModel(QAbstractTableModel):
    refused = Signal(QModelIndex, str)
    """A committed value was refused: the cell and the reason."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.criteria: tuple[Criterion, ...] = ()
        self.lines: tuple[SheetLine, ...] = ()
        self.values: dict[tuple[str, str], Decimal | None] = {}
        self.save: Save | None = None

    def set_sheet(
        self,
        criteria: tuple[Criterion, ...],
        sheet: BlankSheet | None,
        values: dict[tuple[str, str], Decimal | None],
    ) -> None:
        self.beginResetModel()
        self.criteria = criteria
        self.lines = () if sheet is None else sheet.lines
        self.values = dict(values)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.criteria) + 1

    def _total(self, line: SheetLine) -> str:
        values = [self.values.get((line.case_id, c.key)) for c in self.criteria]
        if any(v is None for v in values):
            return ""
        return shown(sum((v for v in values if v is not None), Decimal(0)))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        line = self.lines[index.row()]
        if line.excluded or index.column() >= len(self.criteria):
            return Qt.ItemFlag.NoItemFlags  # not editable, and Tab passes it by
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.lines):
            return None
        line = self.lines[index.row()]
        total = index.column() >= len(self.criteria)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if line.excluded:
                return ""
            if total:
                return self._total(line)
            return shown(self.values.get((line.case_id, self.criteria[index.column()].key)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (line.excluded or total):
            return QBrush(EXCLUDED if line.excluded else TOTAL)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        line = self.lines[index.row()]
        criterion = self.criteria[index.column()]
        cell = self.index(index.row(), index.column())
        typed = str(value).strip()
        try:
            number = Decimal(typed) if typed else None
        except InvalidOperation:
            number = Decimal("NaN")
        if number is not None and not number.is_finite():
            self.refused.emit(cell, self.tr("%1 is not a number").replace("%1", typed))
            return False
        if number == self.values.get((line.case_id, criterion.key)):
            return True
        if self.save is not None:
            try:
                self.save(line.case_id, criterion.key, number)
            except Exception as error:  # a refusal (UserError) or a failed write
                self.refused.emit(cell, str(error))
                return False
        self.values[(line.case_id, criterion.key)] = number
        total = self.index(index.row(), len(self.criteria))
        self.dataChanged.emit(index, total)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            if section < len(self.criteria):
                criterion = self.criteria[section]
                return f"{criterion.name}\n/ {shown(criterion.max)}"
            return self.tr("Total")
        if section >= len(self.lines):
            return None
        line = self.lines[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{line.number}. {line.case_id}  {line.title}"
        if role == Qt.ItemDataRole.FontRole and line.excluded:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if line.excluded:
                return self.tr("Excluded (conflict of interest): not scored")
            return line.organization
        return None
