"""Edit the contest's rules in a form, checked by the same domain rules as the TOML file.

Each refusal is shown beside the field its key names (``criteria[0].max``). The keys of criteria
and rounds, and which criteria a round uses, stay as the contest was created; the service refuses
what existing scores or closed rounds depend on.
"""

from __future__ import annotations

import dataclasses
import tomllib
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from judging_app.domain.config import (
    AGGREGATES,
    VOTE_METHODS,
    ConfigError,
    config_from_mapping,
)
from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from judging_app.ui.alerts import show_error
from judging_app.ui.columns import aggregate_text
from judging_app.ui.translate import QT_TRANSLATE_NOOP

VOTE_METHOD_TEXT = {
    "proportional_to_max": QT_TRANSLATE_NOOP("SetupPage", "100 × votes ÷ the most votes"),
    "share": QT_TRANSLATE_NOOP("SetupPage", "100 × votes ÷ all votes"),
}


def toml_value(text: str) -> object:
    """A field's text read as TOML reads a value (40 → int, 0.6 → float); else the text itself,
    which the domain then refuses as 'must be a number'."""
    try:
        return tomllib.loads(f"v = {text.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        return text


class SetupDialog(QDialog):
    def __init__(self, parent: QWidget, contest: Contest) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("Edit the setup"))
        self.resize(860, 640)
        self.contest = contest
        self.config = contest.config()
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.changed: tuple[str, ...] = ()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self._contest_box())
        layout.addWidget(self._criteria_box())
        layout.addWidget(self._rounds_box())
        layout.addWidget(self._final_box())
        layout.addWidget(self._awards_box())
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.summary = QLabel()
        self.summary.setObjectName("setupSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #b3261e;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveSetup")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(
            QLabel(
                self.tr(
                    "Keys stay as the contest was created. A criterion's maximum and step are "
                    "fixed once it has scores, a round's rules once it is closed."
                )
            )
        )
        outer.addWidget(scroll, 1)
        outer.addWidget(self.summary)
        outer.addWidget(self.buttons)

    # -- building the form -------------------------------------------------------------------------

    def _row(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> None:
        error = QLabel()
        error.setStyleSheet("color: #b3261e;")
        error.setWordWrap(True)
        error.hide()
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget, 1)
        row.addWidget(error, 1)
        form.addRow(label, cell)
        self.fields[key] = widget
        self.errors[key] = error

    def _line(self, text: object) -> QLineEdit:
        line = QLineEdit("" if text is None else str(text))
        line.setCursorPosition(0)  # a long rubric shows its beginning
        return line

    def _contest_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contest"))
        form = QFormLayout(box)
        self._row(form, self.tr("Name"), "contest.name", self._line(self.config.name))
        return box

    def _criteria_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Criteria"))
        form = QFormLayout(box)
        for i, criterion in enumerate(self.config.criteria):
            path = f"criteria[{i}]"
            form.addRow(QLabel(f"<b>{criterion.key}</b>"))
            self._row(form, self.tr("Name"), f"{path}.name", self._line(criterion.name))
            self._row(form, self.tr("Maximum"), f"{path}.max", self._line(criterion.max))
            self._row(form, self.tr("Step"), f"{path}.step", self._line(criterion.step))
            self._row(
                form, self.tr("Rubric"), f"{path}.description", self._line(criterion.description)
            )
        return box

    def _rounds_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rounds"))
        form = QFormLayout(box)
        for i, round_ in enumerate(self.config.rounds):
            path = f"rounds[{i}]"
            form.addRow(QLabel(f"<b>{round_.key}</b> ({', '.join(round_.criteria)})"))
            self._row(form, self.tr("Name"), f"{path}.name", self._line(round_.name))
            aggregate = QComboBox()
            for key in AGGREGATES:
                aggregate.addItem(aggregate_text(dataclasses.replace(round_, aggregate=key)), key)
            aggregate.setCurrentIndex(AGGREGATES.index(round_.aggregate))
            self._row(form, self.tr("Aggregate"), f"{path}.aggregate", aggregate)
            trim = QSpinBox()
            trim.setRange(0, 999)
            trim.setValue(round_.trim_min)
            self._row(form, self.tr("Trim from (judges)"), f"{path}.trim_min", trim)
            advance = QSpinBox()
            advance.setRange(0, 99999)
            advance.setSpecialValueText(self.tr("all are ranked"))
            advance.setValue(round_.advance or 0)
            self._row(form, self.tr("Advance"), f"{path}.advance", advance)
        return box

    def _final_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Final score"))
        form = QFormLayout(box)
        final = self.config.final
        self._row(
            form, self.tr("Expert weight"), "final.expert_weight", self._line(final.expert_weight)
        )
        self._row(form, self.tr("Vote weight"), "final.vote_weight", self._line(final.vote_weight))
        method = QComboBox()
        for key in VOTE_METHODS:
            method.addItem(
                QCoreApplication.translate("SetupPage", VOTE_METHOD_TEXT.get(key, key)), key
            )
        method.setCurrentIndex(VOTE_METHODS.index(final.vote_method))
        self._row(form, self.tr("Vote points"), "final.vote_method", method)
        decimals = QSpinBox()
        decimals.setRange(-1, 9)
        decimals.setValue(final.decimals)
        self._row(form, self.tr("Decimals"), "final.decimals", decimals)
        self._row(
            form,
            self.tr("Ties broken by (comma-separated)"),
            "final.tie_break",
            self._line(", ".join(final.tie_break)),
        )
        return box

    def _awards_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Awards"))
        form = QFormLayout(box)
        for i, award in enumerate(self.config.awards):
            path = f"awards[{i}]"
            self._row(form, self.tr("Name"), f"{path}.name", self._line(award.name))
            count = QSpinBox()
            count.setRange(0, 9999)
            count.setValue(award.count)
            self._row(form, self.tr("Cases"), f"{path}.count", count)
            self._row(
                form, self.tr("Minimum score"), f"{path}.min_score", self._line(award.min_score)
            )
        return box

    # -- reading and saving ------------------------------------------------------------------------

    def _value(self, key: str, *, number: bool = False) -> Any:
        widget = self.fields[key]
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return toml_value(widget.text()) if number else widget.text().strip()

    def mapping(self) -> dict[str, Any]:
        """The form as the TOML file would give it to the domain."""
        config = self.config
        criteria = [
            {
                "key": c.key,
                "name": self._value(f"criteria[{i}].name"),
                "max": self._value(f"criteria[{i}].max", number=True),
                "step": self._value(f"criteria[{i}].step", number=True),
                "description": self._value(f"criteria[{i}].description"),
            }
            for i, c in enumerate(config.criteria)
        ]
        rounds = []
        for i, r in enumerate(config.rounds):
            item: dict[str, Any] = {
                "key": r.key,
                "name": self._value(f"rounds[{i}].name"),
                "aggregate": self._value(f"rounds[{i}].aggregate"),
                "trim_min": self._value(f"rounds[{i}].trim_min"),
                "criteria": list(r.criteria),
            }
            if self._value(f"rounds[{i}].advance"):
                item["advance"] = self._value(f"rounds[{i}].advance")
            rounds.append(item)
        awards = []
        for i in range(len(config.awards)):
            award: dict[str, Any] = {
                "name": self._value(f"awards[{i}].name"),
                "count": self._value(f"awards[{i}].count"),
            }
            if self._value(f"awards[{i}].min_score"):
                award["min_score"] = self._value(f"awards[{i}].min_score", number=True)
            awards.append(award)
        tie_break = [t.strip() for t in self._value("final.tie_break").split(",") if t.strip()]
        return {
            "contest": {"name": self._value("contest.name")},
            "criteria": criteria,
            "rounds": rounds,
            "final": {
                "expert_weight": self._value("final.expert_weight", number=True),
                "vote_weight": self._value("final.vote_weight", number=True),
                "vote_method": self._value("final.vote_method"),
                "decimals": self._value("final.decimals"),
                "tie_break": tie_break,
            },
            "awards": awards,
        }

    def save(self) -> None:
        for label in self.errors.values():
            label.hide()
        self.summary.clear()
        try:
            config = config_from_mapping(self.mapping(), source=self.tr("form"))
        except ConfigError as error:
            self._show(error.key, error)
            return
        try:
            self.changed = self.contest.update_config(config)
        except UserError as error:
            self._show(str(error.params.get("key", "")), error)
            return
        except Exception as error:
            show_error(self, self.windowTitle(), error)
            return
        self.accept()

    def _show(self, key: str, error: UserError) -> None:
        """The message beside the field its key names (``final.tie_break[1]``: the tie-break
        field), and in full under the form."""
        self.summary.setText(str(error))
        prefixes = [k for k in self.errors if key == k or key.startswith((k + ".", k + "["))]
        if not prefixes:
            return
        field = max(prefixes, key=len)
        self.errors[field].setText(str(error).rpartition(": ")[2] or str(error))
        self.errors[field].show()
        self.fields[field].setFocus()
        self.scroll_area.ensureWidgetVisible(self.fields[field])
