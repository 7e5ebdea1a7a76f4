"""The contest's rules as configured: criteria, rounds, the final formula and the awards."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from judging_app.ui.columns import award_columns, criterion_columns, round_columns
from judging_app.ui.pages.base import Page, PageContext, heading, note
from judging_app.ui.pages.setup_dialog import SetupDialog
from judging_app.ui.table_model import RowTableModel
from judging_app.ui.table_view import fit_columns, make_table_view
from judging_app.ui.translate import QT_TRANSLATE_NOOP

VOTE_METHODS = {
    "proportional_to_max": QT_TRANSLATE_NOOP("SetupPage", "100 × votes ÷ the most votes"),
    "share": QT_TRANSLATE_NOOP("SetupPage", "100 × votes ÷ all votes"),
}


class SetupPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = heading("")
        self.criteria = RowTableModel(criterion_columns(), self)
        self.rounds = RowTableModel(round_columns(), self)
        self.awards = RowTableModel(award_columns(), self)
        self.formula = QLabel()
        self.formula.setWordWrap(True)
        self.vote_method = QLabel()
        self.decimals = QLabel()
        self.tie_break = QLabel()
        self.tie_break.setWordWrap(True)
        self.views = [make_table_view(m) for m in (self.criteria, self.rounds, self.awards)]
        final = QGroupBox(self.tr("Final score"))
        form = QFormLayout(final)
        form.addRow(self.tr("Formula"), self.formula)
        form.addRow(self.tr("Vote points"), self.vote_method)
        form.addRow(self.tr("Decimals"), self.decimals)
        form.addRow(self.tr("Ties broken by"), self.tie_break)
        self.edit_button = QPushButton(self.tr("Edit the setup…"))
        self.edit_button.setObjectName("editSetup")
        self.edit_button.clicked.connect(self.edit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            note(
                self.tr(
                    "The rules of the contest, first read from its configuration file (TOML). "
                    "Edit them here: the same rules check them, and what existing scores or "
                    "closed rounds depend on cannot change."
                )
            )
        )
        for text, view in zip(
            (self.tr("Criteria"), self.tr("Rounds"), self.tr("Awards")), self.views, strict=True
        ):
            box = QGroupBox(text)
            QVBoxLayout(box).addWidget(view)
            layout.addWidget(box, 1)
        layout.addWidget(final)

    def refresh(self) -> None:
        super().refresh()
        config = self.contest.config()
        self.title.setText(config.name)
        self.criteria.set_rows(config.criteria)
        self.rounds.set_rows(config.rounds)
        self.awards.set_rows(config.awards)
        for view in self.views:
            fit_columns(view, stretch=view.model().columnCount() - 1)
        rule = config.final
        self.formula.setText(
            self.tr("%1 × expert score (last round) + %2 × vote points")
            .replace("%1", str(rule.expert_weight))
            .replace("%2", str(rule.vote_weight))
        )
        method = VOTE_METHODS.get(rule.vote_method)
        self.vote_method.setText(self.tr(method) if method else rule.vote_method)
        self.decimals.setText(str(rule.decimals))
        self.tie_break.setText(" → ".join(rule.tie_break))

    def edit(self) -> SetupDialog:
        dialog = SetupDialog(self, self.contest)

        def saved() -> None:
            if dialog.changed:
                self.status(self.tr("Setup changed: %1").replace("%1", ", ".join(dialog.changed)))
                self.changed.emit()

        dialog.accepted.connect(saved)
        dialog.open()
        return dialog
