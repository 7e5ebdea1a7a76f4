"""The scoring page: the case list, the case to read, and its score panel, side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QScrollArea, QSplitter, QVBoxLayout, QWidget

from judging_app.services.judge_session import JudgeSession
from judging_app.services.judge_views import CaseInfo, CaseRow, CaseStatus, case_row
from judging_app.ui.judge.case_list import CaseList
from judging_app.ui.judge.case_model import CaseRowsModel
from judging_app.ui.judge.case_pane import CasePane
from judging_app.ui.judge.key_hints import KeyHints
from judging_app.ui.judge.score_panel import ScorePanel
from judging_app.ui.judge.settings import JudgeSettings

PREPARE_AFTER_MS = 40


class ScoringPage(QWidget):
    saved = Signal(str)
    """A case's entries were written to the working copy."""
    message = Signal(str)
    """Something to tell the judge in the status bar."""

    def __init__(
        self,
        session: JudgeSession,
        model: CaseRowsModel,
        settings: JudgeSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoringPage")
        self.session = session
        self.model = model
        self.case_list = CaseList(model)
        self.pane = CasePane(settings)
        self.panel = ScorePanel(session)
        scroll = QScrollArea()
        scroll.setObjectName("scoreScroll")
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(scroll.Shape.NoFrame)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(scroll, 1)
        right_layout.addWidget(KeyHints())
        self.splitter = QSplitter()
        self.splitter.setObjectName("scoringSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.case_list)
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([330, 530, 420])
        self.case_list.setMinimumWidth(240)
        right.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.case_list.current_changed.connect(self._show)
        self.case_list.enter_pressed.connect(lambda: self.go(1))
        self.panel.enter_pressed.connect(lambda: self.go(1))
        self.panel.saved.connect(self._saved)
        self.panel.refused.connect(self.message)
        self.panel.conflict_declared.connect(self.case_list.view.setFocus)

    @property
    def current_case(self) -> str | None:
        return self.panel.case_id

    def open_case(self, case_id: str) -> None:
        if not self.case_list.select(case_id):
            self.case_list.states.setCurrentIndex(0)
            self.case_list.search.clear()
            self.case_list.select(case_id)

    def _show(self, case_id: str) -> None:
        left = self.panel.case_id
        if left is not None and left != case_id:
            self._tell_if_unfinished(self.model.case_row(left))
        self.pane.show_case(*self._text_of(case_id))
        self.panel.show_case(case_id)
        QTimer.singleShot(PREPARE_AFTER_MS, self._prepare_neighbours)  # once it is painted

    def _text_of(self, case_id: str) -> tuple[CaseInfo, tuple[str, str, str], str]:
        """What the case pane shows for ``case_id``: the case, the words around it, a note."""
        row = self.model.case_row(case_id)
        note = ""
        if row.automatic:
            note = self.tr("Excluded automatically (same organisation: %1): no score is needed.")
        elif row.conflict is not None:
            note = self.tr("You declared a conflict of interest (%1): no score is needed.")
        labels = (self.tr("Organisation"), self.tr("Category"), self.tr("Summary"))
        case = self.session.cases[row.position]
        return case, labels, note.replace("%1", row.conflict or "")

    def _prepare_neighbours(self) -> None:
        for offset in (1, -1):
            case_id = self.case_list.neighbour(offset)
            if case_id is not None:
                self.pane.prepare(*self._text_of(case_id))

    def _tell_if_unfinished(self, row: CaseRow) -> None:
        if row.status == CaseStatus.PARTLY:
            names = [c.name for c in self.session.criteria if c.key in row.missing]
            self.message.emit(
                self.tr("Case %1 is partly scored: %2 still to score.")
                .replace("%1", row.case_id)
                .replace("%2", ", ".join(names))
            )

    def go(self, offset: int) -> None:
        """To the next (1) or previous (-1) case of the list, ready to type its first score."""
        if not self.case_list.step(offset):
            self.message.emit(
                self.tr("This is the last case of the list.")
                if offset > 0
                else self.tr("This is the first case of the list.")
            )
            return
        case_id = self.panel.case_id
        if case_id is not None and self.model.case_row(case_id).conflict is None:
            self.panel.focus_first()
        else:
            self.case_list.view.setFocus()

    def _saved(self, case_id: str) -> None:
        self.model.update_row(case_row(self.session, case_id, self.model.row_of(case_id)))
        self.saved.emit(case_id)

    def set_editable(self, editable: bool) -> None:
        self.panel.set_editable(editable)
