"""The round page's "Paper sheets" tab: print the blank sheets, type each judge's sheet in twice
(the entry grid), and settle the disagreements from the paper."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from judging_app.services.contest import Contest
from judging_app.ui.alerts import show_error
from judging_app.ui.choosers import FileChooser
from judging_app.ui.paper.disputes import DisputesView
from judging_app.ui.paper.entry_grid import SheetEntryGrid


class PaperSheetsTab(QWidget):
    changed = Signal()
    """The round's scores changed (cases agreed or settled)."""

    def __init__(
        self,
        contest: Contest,
        chooser: FileChooser,
        round_key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.contest = contest
        self.chooser = chooser
        self.round_key = round_key
        self.grid = SheetEntryGrid(contest, round_key)
        self.disputes = DisputesView(contest, round_key)
        self.inner = QTabWidget()
        self.inner.setObjectName("paperTabs")
        self.inner.addTab(self.grid, self.tr("Type a sheet"))
        self.inner.addTab(self.disputes, self.tr("Disagreements"))
        self.inner.currentChanged.connect(lambda _: self.refresh())
        self.print_button = QPushButton(self.tr("Print blank sheets…"))
        self.print_button.setObjectName("printSheets")
        self.print_button.clicked.connect(self.print_sheets)
        explanation = QLabel(
            self.tr(
                "Paper sheets are typed in twice by two people, blind. Only values both "
                "entries agree on become scores; each disagreement is settled from the paper."
            )
        )
        explanation.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(explanation, 1)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.inner, 1)
        self.grid.scores_changed.connect(self.changed)
        self.disputes.resolved.connect(self.changed)

    def refresh(self) -> None:
        forms = self.contest.sheet_forms(self.round_key)
        sheets = self.contest.compare_sheets(self.round_key)
        self.grid.refresh(forms, sheets.sheets)
        self.disputes.refresh(sheets, {c.key: c.name for c in forms.criteria})

    def set_open(self, open_: bool) -> None:
        """A closed round takes no more values: the grid is read-only, nothing to settle."""
        self.grid.setEnabled(open_)
        self.disputes.resolve_button.setEnabled(open_ and self.disputes.model.rowCount() > 0)

    def print_sheets(self) -> None:
        path = self.chooser.save_sheets(self, f"{self.round_key}-sheets.pdf")
        if path is None:
            return
        try:
            count = self.contest.write_blank_sheets(self.round_key, path)
        except Exception as error:
            show_error(self, self.tr("Print blank sheets"), error)
            return
        self.chooser.show(path)
        window = self.window()
        message = self.tr("%1 blank sheets written to %2").replace("%1", str(count))
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(message.replace("%2", path.name), 15000)
