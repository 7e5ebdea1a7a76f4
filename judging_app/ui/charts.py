"""Two small bar charts painted with QPainter (Qt Charts is not among the app's dependencies).

Both are horizontal bars, one row per item, so that Korean labels read on the left.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ROW = 26
TOP = 34
LEFT = 150  # the label column, wider in a wide window (up to MAX_LEFT)
MAX_LEFT = 320
RIGHT = 70

LENIENT = QColor("#e8833a")
HARSH = QColor("#3a78c2")
EVEN = QColor("#9aa5b1")
EXPERT = QColor("#2f6db3")
VOTES = QColor("#f0a33a")


@dataclass(frozen=True)
class Lean:
    label: str
    offset: float
    leaning: str


@dataclass(frozen=True)
class Stack:
    label: str
    expert: float
    votes: float
    total: str


class _BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._rows = 0

    def sizeHint(self) -> QSize:
        return QSize(600, TOP + ROW * max(self._rows, 1) + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, TOP + ROW * max(self._rows, 1) + 16)

    def left(self) -> int:
        return max(LEFT, min(MAX_LEFT, self.width() // 5))

    def _label(self, painter: QPainter, row: int, text: str) -> None:
        left = self.left()
        rect = QRectF(4, TOP + row * ROW, left - 12, ROW)
        elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, left - 12)
        painter.setPen(self.palette().text().color())
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, elided)

    def _legend(self, painter: QPainter, items: list[tuple[QColor, str]]) -> None:
        x = float(self.left())
        for colour, text in items:
            painter.fillRect(QRectF(x, 10, 12, 12), colour)
            painter.setPen(self.palette().text().color())
            width = painter.fontMetrics().horizontalAdvance(text)
            painter.drawText(QRectF(x + 18, 4, width + 4, 24), Qt.AlignmentFlag.AlignVCenter, text)
            x += width + 44


class LeniencyChart(_BarChart):
    """Each judge's offset against the panel on the same cases: left harsher, right more lenient."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leniencyChart")
        self._leans: list[Lean] = []
        self._threshold = 1.0

    def set_data(self, leans: list[Lean], threshold: float) -> None:
        self._leans = leans
        self._rows = len(leans)
        self._threshold = threshold
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._legend(
            painter,
            [(HARSH, self.tr("harsher than the panel")), (LENIENT, self.tr("more lenient"))],
        )
        if not self._leans:
            return
        left = self.left()
        width = self.width() - left - RIGHT
        centre = left + width / 2
        scale = max(max(abs(lean.offset) for lean in self._leans), self._threshold * 1.5)
        half = width / 2 - 8
        bottom = TOP + ROW * len(self._leans)
        painter.setPen(QPen(QColor("#c0c6cc"), 1, Qt.PenStyle.DashLine))
        for sign in (-1, 1):
            x = centre + sign * half * self._threshold / scale
            painter.drawLine(int(x), TOP, int(x), bottom)
        painter.setPen(QPen(self.palette().text().color(), 1))
        painter.drawLine(int(centre), TOP - 4, int(centre), bottom)
        for row, lean in enumerate(self._leans):
            self._label(painter, row, lean.label)
            length = half * lean.offset / scale
            colour = {"lenient": LENIENT, "harsh": HARSH}.get(lean.leaning, EVEN)
            top = TOP + row * ROW + 5
            rect = QRectF(min(centre, centre + length), top, abs(length), ROW - 10)
            painter.fillRect(rect, colour)
            painter.setPen(self.palette().text().color())
            text = f"{lean.offset:+.1f}"
            align = Qt.AlignmentFlag.AlignLeft if length >= 0 else Qt.AlignmentFlag.AlignRight
            box = (
                QRectF(rect.right() + 4, top - 5, 60, ROW)
                if length >= 0
                else QRectF(rect.left() - 64, top - 5, 60, ROW)
            )
            painter.drawText(box, align | Qt.AlignmentFlag.AlignVCenter, text)


class FinalChart(_BarChart):
    """The final score of each case as its weighted expert part plus its weighted vote part."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finalChart")
        self._stacks: list[Stack] = []
        self._legend_texts = ("", "")

    def set_data(self, stacks: list[Stack], expert_legend: str, vote_legend: str) -> None:
        self._stacks = stacks
        self._rows = len(stacks)
        self._legend_texts = (expert_legend, vote_legend)
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._legend(painter, [(EXPERT, self._legend_texts[0]), (VOTES, self._legend_texts[1])])
        if not self._stacks:
            return
        left = self.left()
        width = self.width() - left - RIGHT
        scale = max(100.0, max(s.expert + s.votes for s in self._stacks))
        for row, stack in enumerate(self._stacks):
            self._label(painter, row, stack.label)
            top = TOP + row * ROW + 5
            expert = width * stack.expert / scale
            votes = width * stack.votes / scale
            painter.fillRect(QRectF(left, top, expert, ROW - 10), EXPERT)
            painter.fillRect(QRectF(left + expert, top, votes, ROW - 10), VOTES)
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(left + expert + votes + 6, top - 5, RIGHT + 40, ROW),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                stack.total,
            )
