"""The contest as a sequence of steps, each with its state, for the window's sidebar."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QObject, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from judging_app.domain.config import ContestConfig
from judging_app.services.package_status import PackageStatus
from judging_app.services.status import ContestStatus
from judging_app.ui.table_model import Index

STATE_ROLE = Qt.ItemDataRole.UserRole + 2
STATE_COLOURS = {"done": "#2e7d32", "active": "#1565c0", "todo": "#9aa5b1", "info": "#6d4c41"}


@dataclass(frozen=True)
class Step:
    key: str
    """``setup``, ``cases``, ``judges``, ``round:KEY``, ``votes``, ``final``,
    ``report``, ``audit``"""
    title: str
    detail: str
    state: str
    """``done``, ``active`` (needs the user now), ``todo`` (later) or ``info``."""
    tooltip: str = ""
    """The whole state when ``detail`` shows only part of it (empty: ``detail``)."""


def _icon(state: str) -> QIcon:
    pixmap = QPixmap(18, 18)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS[state])
    painter.setPen(colour)
    if state in ("done", "active"):
        painter.setBrush(colour)
    painter.drawEllipse(2, 2, 14, 14)
    if state == "done":
        painter.setPen(QColor("white"))
        painter.drawLine(5, 9, 8, 12)
        painter.drawLine(8, 12, 13, 6)
    painter.end()
    return QIcon(pixmap)


class StepsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps: list[Step] = []
        self._icons = {state: _icon(state) for state in STATE_COLOURS}

    def steps(self) -> list[Step]:
        return list(self._steps)

    def update(
        self,
        config: ContestConfig,
        status: ContestStatus,
        audit_entries: int,
        packages: Mapping[str, PackageStatus] | None = None,
    ) -> None:
        """``packages``: each round's judge packages, by round key (none issued if absent)."""
        steps = self._build(config, status, audit_entries, packages or {})
        if [s.key for s in steps] == [s.key for s in self._steps]:
            self._steps = steps
            self.dataChanged.emit(self.index(0), self.index(len(steps) - 1))
        else:
            self.beginResetModel()
            self._steps = steps
            self.endResetModel()

    def _build(
        self,
        config: ContestConfig,
        status: ContestStatus,
        audit: int,
        packages: Mapping[str, PackageStatus],
    ) -> list[Step]:
        number = QLocale().toString
        steps = [
            Step(
                "setup",
                self.tr("Setup"),
                self.tr("%1 criteria, %2 rounds")
                .replace("%1", str(len(config.criteria)))
                .replace("%2", str(len(config.rounds))),
                "done",
            ),
            self._count_step("cases", self.tr("Cases"), status.cases, self.tr("%1 cases")),
            self._count_step("judges", self.tr("Judges"), status.judges, self.tr("%1 judges")),
        ]
        ready = status.cases > 0 and status.judges > 0
        for round_ in status.rounds:
            if round_.state == "closed":
                detail, state = self.tr("closed"), "done"
            elif round_.cases == 0 or not ready:
                detail, state = self.tr("waiting"), "todo"
            elif round_.missing:
                detail = self.tr("%1 scores missing").replace("%1", number(round_.missing))
                state = "active"
            else:
                detail, state = self.tr("every score in: close it"), "active"
            issued = packages.get(round_.key)
            tooltip = ""
            if issued is not None and issued.issued:
                counts = self.packages_text(issued)
                tooltip = f"{detail}\n{counts}"
                detail = detail if round_.state == "closed" else counts
            steps.append(Step(f"round:{round_.key}", round_.name, detail, state, tooltip))
        last_closed = status.rounds[-1].state == "closed"
        if status.votes:
            votes = Step(
                "votes",
                self.tr("Votes"),
                self.tr("%1 votes").replace("%1", number(status.votes)),
                "done",
            )
        else:
            votes = Step("votes", self.tr("Votes"), self.tr("not imported"), "todo")
        steps.append(votes)
        final_state = "done" if last_closed and status.votes else "todo"
        final_detail = self.tr("ranked") if final_state == "done" else self.tr("provisional")
        steps.append(Step("final", self.tr("Final ranking"), final_detail, final_state))
        steps.append(
            Step(
                "report",
                self.tr("Report"),
                self.tr("Excel"),
                "active" if final_state == "done" else "todo",
            )
        )
        steps.append(
            Step(
                "audit",
                self.tr("Audit log"),
                self.tr("%1 entries").replace("%1", number(audit)),
                "info",
            )
        )
        return steps

    def packages_text(self, packages: PackageStatus) -> str:
        """``Packages 10 issued · 7 returned · 3 missing``"""
        number = QLocale().toString
        return (
            self.tr("Packages %1 issued · %2 returned · %3 missing")
            .replace("%1", number(len(packages.issued)))
            .replace("%2", number(len(packages.returned)))
            .replace("%3", number(len(packages.missing)))
        )

    def _count_step(self, key: str, title: str, count: int, template: str) -> Step:
        if count:
            return Step(key, title, template.replace("%1", QLocale().toString(count)), "done")
        return Step(key, title, self.tr("import a table"), "active")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._steps)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._steps):
            return None
        step = self._steps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{step.title}\n{step.detail}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons[step.state]
        if role == Qt.ItemDataRole.ToolTipRole:
            return step.tooltip or step.detail
        if role == STATE_ROLE:
            return step.state
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(200, 48)
        return None
