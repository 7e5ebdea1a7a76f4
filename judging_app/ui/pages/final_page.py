"""The final ranking: award tiers coloured, expert and vote components, a chart and the warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from judging_app.domain.ranking import FinalEntry
from judging_app.ui.charts import FinalChart, Stack
from judging_app.ui.columns import final_columns
from judging_app.ui.pages.base import Page, PageContext, heading
from judging_app.ui.table_model import RowTableModel
from judging_app.ui.table_view import fit_columns, make_table_view

BANNER = "background: #fff4ce; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"
BANNER_LINES = 4


class FinalPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.banner = QLabel()
        self.banner.setObjectName("warningBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner_area = QScrollArea()
        self.banner_area.setWidget(self.banner)
        self.banner_area.setWidgetResizable(True)
        self.banner_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.model: RowTableModel[FinalEntry] = RowTableModel(parent=self)
        self.view = make_table_view(self.model)
        self.view.setObjectName("finalTable")
        self.chart = FinalChart()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Final ranking")))
        layout.addWidget(self.formula)
        layout.addWidget(self.banner_area)
        layout.addWidget(self.splitter, 1)

    def refresh(self) -> None:
        super().refresh()
        ranking = self.contest.final_ranking(every_round=False)
        config = ranking.config
        rule = config.final
        titles = {k: (c.title, c.organization) for k, c in ranking.cases.items()}
        tiers = {award.name: i for i, award in enumerate(config.awards)}
        entries = ranking.result.entries
        self.model.set_rows(entries, final_columns(titles, tiers))
        fit_columns(self.view, stretch=3)
        self.formula.setText(
            self.tr("Final score = %1 × expert score (%2) + %3 × vote points")
            .replace("%1", str(rule.expert_weight))
            .replace("%2", config.rounds[-1].name)
            .replace("%3", str(rule.vote_weight))
        )
        self.chart.set_data(
            [
                Stack(
                    f"{e.rank}. {e.case_id} {titles.get(e.case_id, ('', ''))[0]}",
                    float(rule.expert_weight * e.expert),
                    float(rule.vote_weight * e.vote_points),
                    str(e.final),
                )
                for e in entries
            ],
            self.tr("expert × %1").replace("%1", str(rule.expert_weight)),
            self.tr("votes × %1").replace("%1", str(rule.vote_weight)),
        )
        lines = []
        status = self.contest.status()
        last = status.rounds[-1]
        if last.state != "closed":
            lines.append(
                self.tr("Provisional: %1 is still open.").replace("%1", config.rounds[-1].name)
            )
        if not entries:
            lines.append(self.tr("No case has a final score yet."))
        lines += list(ranking.result.warnings)
        self.banner.setText("\n".join(f"⚠ {line}" for line in lines))
        shown = min(len(lines), BANNER_LINES)
        self.banner_area.setFixedHeight(self.fontMetrics().lineSpacing() * shown + 20)
        self.banner_area.setVisible(bool(lines))
        rows = self.view.verticalHeader().defaultSectionSize() * (max(len(entries), 3) + 1)
        table = rows + self.view.horizontalHeader().sizeHint().height() + 6
        total = max(sum(self.splitter.sizes()), table + 200)
        self.splitter.setSizes([table, total - table])
