"""The disagreements between the two entries, each settled by a third look at the paper."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.double_entry import Dispute
from judging_app.services.contest import Contest
from judging_app.services.double_entry import RoundSheets
from judging_app.ui.alerts import show_error, show_info
from judging_app.ui.paper.entry_model import shown
from judging_app.ui.table_model import Column, RowTableModel
from judging_app.ui.table_view import fit_columns, make_table_view
from judging_app.ui.translate import QT_TRANSLATE_NOOP


class ResolveDialog(QDialog):
    """The value the paper shows (blank: none) and who looked."""

    def __init__(self, parent: QWidget, dispute: Dispute, criterion: str, by: str) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle(self.tr("Settle from the paper"))
        self.value = QLineEdit(shown(dispute.first if dispute.first == dispute.second else None))
        self.value.setObjectName("resolveValue")
        self.value.setPlaceholderText(self.tr("blank: no value on the paper"))
        self.by = QLineEdit(by)
        self.by.setObjectName("resolveBy")
        form = QFormLayout()
        where = f"{dispute.judge_id} · {dispute.case_id} · {criterion}"
        form.addRow(self.tr("Place"), QLabel(where))
        entries = (
            self.tr("first %1, second %2")
            .replace("%1", shown(dispute.first) or "—")
            .replace("%2", shown(dispute.second) or "—")
        )
        form.addRow(self.tr("Typed"), QLabel(entries))
        form.addRow(self.tr("Value on the paper"), self.value)
        form.addRow(self.tr("Checked by"), self.by)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class DisputesView(QWidget):
    resolved = Signal()

    def __init__(self, contest: Contest, round_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contest = contest
        self.round_key = round_key
        self.criteria: dict[str, str] = {}
        self.summary = QLabel()
        self.summary.setObjectName("sheetsSummary")
        self.summary.setWordWrap(True)
        self.model: RowTableModel[Dispute] = RowTableModel(self._columns(), self)
        self.view = make_table_view(self.model)
        self.view.setObjectName("disputeTable")
        self.view.doubleClicked.connect(lambda _: self.resolve_selected())
        self.resolve_button = QPushButton(self.tr("Settle from the paper…"))
        self.resolve_button.setObjectName("resolveDispute")
        self.resolve_button.clicked.connect(self.resolve_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def _columns(self) -> list[Column[Dispute]]:
        return [
            Column(QT_TRANSLATE_NOOP("Columns", "Judge"), lambda d: d.judge_id),
            Column(QT_TRANSLATE_NOOP("Columns", "Case"), lambda d: d.case_id),
            Column(
                QT_TRANSLATE_NOOP("Columns", "Criterion"),
                lambda d: self.criteria.get(d.criterion, d.criterion),
            ),
            Column(QT_TRANSLATE_NOOP("Columns", "First entry"), lambda d: shown(d.first) or "—"),
            Column(QT_TRANSLATE_NOOP("Columns", "Second entry"), lambda d: shown(d.second) or "—"),
            Column(QT_TRANSLATE_NOOP("Columns", "Disagreement"), self._kind),
        ]

    def _kind(self, dispute: Dispute) -> str:
        text = {
            "digit_slip": self.tr("different values"),
            "swapped_rows": self.tr("rows swapped with %1"),
            "missing_row": self.tr("row typed in one entry only"),
            "missing_value": self.tr("value typed in one entry only"),
            "extra_row": self.tr("case not on the judge's sheet"),
            "incomplete": self.tr("criterion left blank"),
        }[dispute.kind]
        return text.replace("%1", dispute.partner or "")

    def refresh(self, sheets: RoundSheets, criteria: dict[str, str]) -> None:
        self.criteria = criteria
        counts = {state: 0 for state in ("not_entered", "entered_once", "in_dispute", "agreed")}
        for sheet in sheets.sheets:
            counts[sheet.state] += 1
        self.summary.setText(
            self.tr("Sheets: %1 agreed, %2 in dispute, %3 entered once, %4 not entered.")
            .replace("%1", str(counts["agreed"]))
            .replace("%2", str(counts["in_dispute"]))
            .replace("%3", str(counts["entered_once"]))
            .replace("%4", str(counts["not_entered"]))
            + " "
            + self.tr("%1 disagreements open.").replace("%1", str(len(sheets.disputes)))
        )
        self.model.set_rows(sheets.disputes)
        fit_columns(self.view, stretch=5)
        self.resolve_button.setEnabled(bool(sheets.disputes))

    def resolve_selected(self) -> ResolveDialog | None:
        rows = self.view.selectionModel().selectedRows()
        row = rows[0].row() if rows else 0
        if row >= self.model.rowCount():
            return None
        dispute = self.model.row(row)
        dialog = ResolveDialog(
            self, dispute, self.criteria.get(dispute.criterion, ""), self.contest.actor
        )
        dialog.accepted.connect(lambda: self._settle(dispute, dialog))
        dialog.open()
        return dialog

    def _settle(self, dispute: Dispute, dialog: ResolveDialog) -> None:
        typed = dialog.value.text().strip()
        title = self.tr("Settle from the paper")
        try:
            value = Decimal(typed) if typed else None
        except InvalidOperation:
            show_info(self, title, self.tr("%1 is not a number").replace("%1", typed))
            return
        place = (dispute.judge_id, dispute.case_id, dispute.criterion)
        try:
            self.contest.resolve_sheet(
                self.round_key, place, value, by=dialog.by.text().strip() or None
            )
        except Exception as error:
            show_error(self, title, error)
            return
        self.resolved.emit()
