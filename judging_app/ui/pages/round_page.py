"""One round: its scores in and missing, its ranking with the cut-off line, its judges' leniency,
and the actions that feed and close it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.scoring import CaseResult
from judging_app.domain.stats import LEANING_SHARE
from judging_app.services.package_status import PackageStatus
from judging_app.ui.alerts import show_error
from judging_app.ui.charts import Lean, LeniencyChart
from judging_app.ui.columns import leniency_columns, round_ranking_columns
from judging_app.ui.grid_model import FIXED, GridModel
from judging_app.ui.pages.advance_dialog import AdvanceDialog
from judging_app.ui.pages.base import Page, PageContext, heading
from judging_app.ui.pages.merge_dialog import MergeDialog
from judging_app.ui.pages.packages_actions import (
    can_issue,
    can_merge,
    issue_packages,
    merge_packages,
    packages_in,
)
from judging_app.ui.paper.sheets_tab import PaperSheetsTab
from judging_app.ui.table_model import RowTableModel, sorting_proxy
from judging_app.ui.table_view import fit_columns, make_table_view

CUTOFF = QColor("#c62828")


class CutoffDelegate(QStyledItemDelegate):
    """Draws a red line under the last row that advances."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.last_row = -1

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.row() == self.last_row:
            painter.save()
            painter.setPen(QPen(CUTOFF, 3))
            rect = option.rect
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            painter.restore()


class RoundPage(Page):
    def __init__(self, context: PageContext, round_key: str, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.round_key = round_key
        self.issue_options: dict[str, Any] = {}
        """Extra keyword arguments for ``Contest.issue_packages`` (tests pass a cheap KDF cost)."""
        config = self.contest.config()
        self.round = config.round(round_key)
        keys = [r.key for r in config.rounds]
        index = keys.index(round_key)
        self.next_round = config.rounds[index + 1] if index + 1 < len(keys) else None
        self.state = QLabel()
        self.state.setObjectName("roundState")
        self.state.setWordWrap(True)
        self.packages = QLabel()
        self.packages.setObjectName("roundPackages")
        self.packages.setWordWrap(True)
        self.buttons = self._buttons()
        self.grid = GridModel(self)
        self.grid_proxy = sorting_proxy(self.grid, self)
        self.grid_view = make_table_view(self.grid_proxy)
        self.grid_view.setObjectName("gridTable")
        self.grid_view.setSortingEnabled(True)
        self.grid_view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.grid_view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ranking: RowTableModel[CaseResult] = RowTableModel(parent=self)
        self.ranking_view = make_table_view(self.ranking)
        self.ranking_view.setObjectName("roundRanking")
        self.cutoff = CutoffDelegate(self.ranking_view)
        self.ranking_view.setItemDelegate(self.cutoff)
        self.ranking_note = QLabel()
        self.ranking_note.setWordWrap(True)
        self.ranking_note.setObjectName("rankingNote")
        self.leniency = RowTableModel(leniency_columns(), self)
        self.leniency_view = make_table_view(self.leniency)
        self.chart = LeniencyChart()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("roundTabs")
        self.tabs.addTab(self.grid_view, self.tr("Scores in"))
        self.tabs.addTab(self._ranking_tab(), self.tr("Ranking"))
        self.tabs.addTab(self._leniency_tab(), self.tr("Judge leniency"))
        self.paper = PaperSheetsTab(self.contest, context.chooser, round_key)
        self.paper.changed.connect(self.changed)
        self.tabs.addTab(self.paper, self.tr("Paper sheets"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"{self.round.name} ({self.round.key})"))
        layout.addWidget(self.state)
        layout.addWidget(self.packages)
        layout.addLayout(self.buttons)
        layout.addWidget(self.tabs, 1)

    def _buttons(self) -> QHBoxLayout:
        self.import_button = QPushButton(self.tr("Import score table…"))
        self.import_button.setObjectName("importScores")
        self.import_button.setToolTip(
            self.tr(
                "Scores transcribed from paper or another tool: judge_id, case_id, one column "
                "per criterion, optional comment"
            )
        )
        self.import_button.clicked.connect(self.import_scores)
        self.issue_button = QPushButton(self.tr("Issue judge packages…"))
        self.issue_button.setObjectName("issuePackages")
        self.issue_button.clicked.connect(self.issue_packages)
        self.merge_button = QPushButton(self.tr("Merge returned packages"))
        self.merge_button.setObjectName("mergePackages")
        menu = QMenu(self.merge_button)
        menu.addAction(self.tr("Choose package files…"), self.merge_files)
        menu.addAction(self.tr("Choose a folder or USB stick…"), self.merge_folder)
        self.merge_button.setMenu(menu)
        self.packages_available = {
            self.issue_button: can_issue(self.contest),
            self.merge_button: can_merge(self.contest),
        }
        for button, available in self.packages_available.items():
            if not available:
                button.setToolTip(self.tr("Judge packages are not available in this version yet."))
        self.advance_button = QPushButton(self.tr("Close round and advance…"))
        self.advance_button.setObjectName("advanceRound")
        self.advance_button.clicked.connect(self.confirm_advance)
        bar = QHBoxLayout()
        for button in (self.import_button, self.issue_button, self.merge_button):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.advance_button)
        return bar

    def _ranking_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.ranking_note)
        layout.addWidget(self.ranking_view, 1)
        return tab

    def _leniency_tab(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        explanation = QLabel(
            self.tr(
                "Each judge's totals against the mean of the panel on the same cases, in points. "
                "Beyond the dashed lines (5 % of the maximum) a judge counts as lenient or harsh."
            )
        )
        explanation.setWordWrap(True)
        top_layout.addWidget(explanation)
        top_layout.addWidget(self.chart)
        top_layout.addStretch(1)
        splitter.addWidget(top)
        splitter.addWidget(self.leniency_view)
        return splitter

    def refresh(self) -> None:
        super().refresh()
        status = next(r for r in self.contest.status().rounds if r.key == self.round_key)
        grid = self.contest.round_grid(self.round_key)
        ranking = self.contest.round_ranking(self.round_key)
        self._show_state(status.state, status.cases, grid.missing)
        self._show_packages(self.contest.package_status(self.round_key))
        self.grid.set_grid(grid)
        fit_columns(self.grid_view, limit=320)
        header = self.grid_view.horizontalHeader()
        metrics = self.grid_view.fontMetrics()  # a judge id over a three-syllable name
        judge_width = (
            max(metrics.horizontalAdvance("가나다"), metrics.horizontalAdvance("미입력")) + 22
        )
        for column in range(FIXED, self.grid.columnCount()):
            header.resizeSection(column, judge_width)
        titles = {k: (c.title, c.organization) for k, c in ranking.cases.items()}
        cases = ranking.result.cases
        self.ranking.set_rows(cases, round_ranking_columns(titles))
        advancing = [i for i, c in enumerate(cases) if c.advances]
        partial = self.round.advance is not None and len(advancing) < len(cases)
        self.cutoff.last_row = advancing[-1] if advancing and partial else -1
        fit_columns(self.ranking_view, stretch=2)
        self._show_ranking_note(len(advancing), ranking.result.warnings, status.state)
        stats = self.contest.judge_leniency(self.round_key)
        names = {j.judge_id: j.name for j in grid.judges}
        self.leniency.set_rows(stats)
        fit_columns(self.leniency_view)
        threshold = float(LEANING_SHARE * ranking.result.max_total)
        self.chart.set_data(
            [
                Lean(f"{s.judge_id} {names.get(s.judge_id, '')}", float(s.offset), s.leaning)
                for s in stats
            ],
            threshold,
        )
        open_ = status.state != "closed" and status.cases > 0
        self.paper.refresh()
        self.paper.set_open(open_)
        self.import_button.setEnabled(open_)
        self.advance_button.setEnabled(open_)
        for button, available in self.packages_available.items():
            button.setEnabled(open_ and available)

    def _show_state(self, state: str, cases: int, missing: int) -> None:
        if state == "closed":
            text = self.tr("Closed. Its scores can no longer change.")
        elif cases == 0:
            text = self.tr("Waiting: the cases of this round come from the previous round.")
        else:
            text = self.tr("Open: %1 cases. ").replace("%1", str(cases))
            if missing:
                text += self.tr("%1 scores missing (red in the grid).").replace("%1", str(missing))
            else:
                text += self.tr("Every score is in: the round can be closed.")
        self.state.setText(text)

    def _show_packages(self, packages: PackageStatus) -> None:
        if not packages.issued:
            self.packages.setText(self.tr("No judge package issued for this round."))
            return
        text = (
            self.tr("Judge packages: %1 issued · %2 returned · %3 missing.")
            .replace("%1", str(len(packages.issued)))
            .replace("%2", str(len(packages.returned)))
            .replace("%3", str(len(packages.missing)))
        )
        if packages.missing and not packages.closed:
            text += " " + self.tr("Not returned yet: %1").replace("%1", ", ".join(packages.missing))
        elif packages.closed:
            text += " " + self.tr("The round is closed: no more returns are merged.")
        self.packages.setText(text)

    def _show_ranking_note(self, advancing: int, warnings: tuple[str, ...], state: str) -> None:
        if self.round.advance is None:
            text = self.tr("Every case of this round is ranked in the final field.")
        else:
            text = (
                self.tr("The top %1 go on; the red line is the cut-off.")
                if self.next_round is not None
                else self.tr("The top %1 make the final field; the red line is the cut-off.")
            ).replace("%1", str(self.round.advance))
            if state != "closed":
                text += " " + self.tr("Provisional until the round is closed.")
        if advancing and self.round.advance is not None and advancing != self.round.advance:
            text += " " + self.tr("%1 go on because of a tie.").replace("%1", str(advancing))
        for warning in warnings:
            text += "\n⚠ " + warning
        self.ranking_note.setText(text)

    # -- actions -------------------------------------------------------------------------------

    def import_scores(self) -> None:
        title = self.tr("Import score tables for %1").replace("%1", self.round.name)
        files = self.context.chooser.open_tables(self, title, multiple=True)
        if not files:
            return
        key = self.round_key
        self.preview_import(
            title,
            files,
            lambda: self.contest.check_score_tables(files, key),
            lambda: self.contest.import_score_tables(files, key),
            self.tr("Score tables imported into %1").replace("%1", self.round.name),
        )

    def issue_packages(self) -> None:
        issue_packages(
            self,
            self.contest,
            self.context.chooser,
            self.round_key,
            self.changed.emit,
            self.issue_options,
        )

    def merge_files(self) -> MergeDialog | None:
        return self.merge(self.context.chooser.open_packages(self))

    def merge_folder(self) -> MergeDialog | None:
        folder = self.context.chooser.choose_folder(self, self.tr("Folder of returned packages"))
        return None if folder is None else self.merge(packages_in(folder))

    def merge(self, paths: list[Path]) -> MergeDialog | None:
        if not paths:
            self.status(self.tr("No judge package (.jpkg) was chosen."))
            return None
        return merge_packages(self, self.contest, self.round_key, paths, self.changed.emit)

    def confirm_advance(self) -> AdvanceDialog:
        status = next(r for r in self.contest.status().rounds if r.key == self.round_key)
        ranking = self.contest.round_ranking(self.round_key)
        dialog = AdvanceDialog(
            self,
            self.round,
            self.next_round,
            ranking.result.advancing,
            status,
            ranking.result.warnings,
        )
        dialog.accepted.connect(lambda: self.advance(dialog.allow_missing.isChecked()))
        dialog.open()
        return dialog

    def advance(self, allow_missing: bool) -> None:
        try:
            result = self.contest.advance(self.round_key, allow_missing=allow_missing)
        except Exception as error:
            show_error(self, self.tr("Close %1").replace("%1", self.round.name), error)
            return
        self.status(
            self.tr("%1 closed: %2 cases go on.")
            .replace("%1", self.round.name)
            .replace("%2", str(len(result.advancing)))
        )
        self.changed.emit()
