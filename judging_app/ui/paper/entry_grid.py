"""The entry grid: pick the judge and the entry (first or second), then type the sheet as it
lies on the desk. Each value is saved at once through the service; the grid never shows the
other entry's values (blind double entry)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.double_entry import SheetComparison
from judging_app.exchange.sheet_forms import SheetForms
from judging_app.services.contest import Contest
from judging_app.ui.paper.entry_model import SheetEntryModel

ENTRIES = ("first", "second")


class SheetEntryGrid(QWidget):
    scores_changed = Signal()
    """Typing made cases agree (they became scores) or fall into dispute again."""

    def __init__(self, contest: Contest, round_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contest = contest
        self.round_key = round_key
        self.forms: SheetForms | None = None
        self.judge = QComboBox()
        self.judge.setObjectName("sheetJudge")
        self.judge.setMinimumContentsLength(24)
        self.entry = QComboBox()
        self.entry.setObjectName("sheetEntry")
        self.entry.addItem(self.tr("First entry"), "first")
        self.entry.addItem(self.tr("Second entry"), "second")
        self.typist = QLineEdit(contest.actor)
        self.typist.setObjectName("sheetTypist")
        self.typist.setMaximumWidth(180)
        self.message = QLabel()
        self.message.setObjectName("sheetMessage")
        self.message.setWordWrap(True)
        self.model = SheetEntryModel(self)
        self.model.save = self._save
        self.model.refused.connect(self._refused)
        self.view = QTableView()
        self.view.setObjectName("sheetGrid")
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setDefaultSectionSize(
            self.fontMetrics().horizontalAdvance("0") * 12
        )
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Judge")))
        bar.addWidget(self.judge, 1)
        bar.addWidget(QLabel(self.tr("Entry")))
        bar.addWidget(self.entry)
        bar.addWidget(QLabel(self.tr("Typed by")))
        bar.addWidget(self.typist)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Type the sheet as it lies on the desk: Tab goes along a case's criteria and "
                    "on to the next case. Each value is saved at once. The other entry's values "
                    "are never shown here."
                )
            )
        )
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self.judge.currentIndexChanged.connect(self.load)
        self.entry.currentIndexChanged.connect(self.load)

    def refresh(self, forms: SheetForms, sheets: tuple[SheetComparison, ...]) -> None:
        """The round's sheets as they stand: the judges with each sheet's state."""
        self.forms = forms
        states = {s.judge_id: s.state for s in sheets}
        chosen = self.judge.currentData()
        self.judge.blockSignals(True)
        self.judge.clear()
        for sheet in forms.sheets:
            state = states.get(sheet.judge_id, "not_entered")
            self.judge.addItem(
                f"{sheet.judge_id} {sheet.name} — {self.state_text(state)}", sheet.judge_id
            )
        found = self.judge.findData(chosen)
        self.judge.setCurrentIndex(max(found, 0))
        self.judge.blockSignals(False)
        if chosen != self.judge.currentData() or not self.model.rowCount():
            self.load()

    def state_text(self, state: str) -> str:
        return {
            "not_entered": self.tr("not entered"),
            "entered_once": self.tr("entered once"),
            "in_dispute": self.tr("in dispute"),
            "agreed": self.tr("agreed"),
        }[state]

    def load(self) -> None:
        """Show the chosen judge's sheet with the chosen entry's own values only."""
        self.message.clear()
        judge_id = self.judge.currentData()
        if self.forms is None or judge_id is None:
            self.model.set_sheet((), None, {})
            return
        sheet = next(s for s in self.forms.sheets if s.judge_id == judge_id)
        values = self.contest.sheet_values(self.round_key, judge_id, self.entry.currentData())
        self.model.set_sheet(self.forms.criteria, sheet, values)
        self.view.horizontalHeader().setMinimumHeight(self.fontMetrics().height() * 2 + 12)
        self.view.verticalHeader().setMinimumWidth(self.fontMetrics().horizontalAdvance("0") * 40)

    def start(self) -> None:
        """Put the cursor in the first box of the sheet, ready to type."""
        first = next(
            (
                self.model.index(row, 0)
                for row in range(self.model.rowCount())
                if self.model.flags(self.model.index(row, 0)) & Qt.ItemFlag.ItemIsEditable
            ),
            None,
        )
        if first is not None:
            self.view.setFocus()
            self.view.setCurrentIndex(first)

    def _save(self, case_id: str, criterion: str, value: Decimal | None) -> None:
        judge_id = self.judge.currentData()
        typed = self.contest.enter_sheet_values(
            self.round_key,
            self.entry.currentData(),
            {(judge_id, case_id, criterion): value},
            by=self.typist.text().strip() or None,
        )
        self.message.clear()
        if typed.scores_changed:
            self.scores_changed.emit()

    def _refused(self, index: QModelIndex, reason: str) -> None:
        self.message.setText(f"⚠ {reason}")
        self.message.setStyleSheet("color: #b71c1c;")
        # Back to the refused box once the view has moved on (Tab commits, then moves).
        QTimer.singleShot(0, lambda: self.view.setCurrentIndex(index))
