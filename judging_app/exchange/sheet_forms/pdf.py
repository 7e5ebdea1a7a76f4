"""The blank score sheets as a PDF (A4 portrait), drawn with Qt's QPdfWriter and QPainter.

Coordinates are tenths of a millimetre (the writer's resolution is 254 dots per inch). Korean text
is set in the system's CJK font (Noto Sans CJK KR where installed, Malgun Gothic on Windows, Apple
SD Gothic Neo on macOS), embedded in the file. A sheet with more cases than a page holds goes on
over the next pages with the table's header repeated; the signature is on its last page.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from judging_app.exchange.sheet_forms.model import BlankSheet, SheetForms, SheetLine, number, t

FAMILIES = ["Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic", "sans-serif"]
PAGE_WIDTH, PAGE_HEIGHT = 2100, 2970
MARGIN = 150
WIDTH = PAGE_WIDTH - 2 * MARGIN
NUMBER_WIDTH = 110
HEADER_HEIGHT = 170
ROW_HEIGHT = 140
"""A row's height when the sheet has room; rows shrink to fit one page, down to MIN_ROW_HEIGHT."""
MIN_ROW_HEIGHT = 90
SIGNATURE_HEIGHT = 330
FOOTER_Y = PAGE_HEIGHT - 110
GREY = QColor("#E6E6E6")
LIGHT = QColor("#F4F4F4")
MUTED = QColor("#666666")

_application: list[QGuiApplication] = []


def _ensure_application() -> None:
    """QPainter needs a Gui application for its fonts: the window's, or an offscreen one (a
    QApplication, so that a window opened later in the same process can use it too)."""
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application.append(QApplication([]))


def _font(points: float, *, bold: bool = False, strike: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setStrikeOut(strike)
    return font


@dataclass(frozen=True)
class _Columns:
    """x positions of the table: number, case, each criterion, total."""

    case_x: int
    case_width: int
    box_width: int
    boxes: tuple[int, ...]
    total_x: int


def _columns(criteria: int) -> _Columns:
    box = min(230, (WIDTH - NUMBER_WIDTH - 620) // (criteria + 1))
    case_width = WIDTH - NUMBER_WIDTH - box * (criteria + 1)
    case_x = MARGIN + NUMBER_WIDTH
    first_box = case_x + case_width
    boxes = tuple(first_box + i * box for i in range(criteria))
    return _Columns(case_x, case_width, box, boxes, first_box + criteria * box)


def write_pdf(path: Path, forms: SheetForms) -> None:
    _ensure_application()
    writer = QPdfWriter(str(path))
    writer.setResolution(254)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(t("forms.title", round=forms.round_name))
    writer.setCreator("judging-app")
    painter = QPainter(writer)
    try:
        for index, sheet in enumerate(forms.sheets):
            if index:
                writer.newPage()
            _Sheet(painter, writer, forms, sheet).draw()
    finally:
        painter.end()


class _Sheet:
    def __init__(
        self, painter: QPainter, writer: QPdfWriter, forms: SheetForms, sheet: BlankSheet
    ) -> None:
        self.painter = painter
        self.writer = writer
        self.forms = forms
        self.sheet = sheet
        self.columns = _columns(len(forms.criteria))

    def draw(self) -> None:
        room = FOOTER_Y - 60 - SIGNATURE_HEIGHT - HEADER_HEIGHT - self._table_top(1)
        fitted = room // max(1, len(self.sheet.lines))
        self.row_height = max(MIN_ROW_HEIGHT, min(ROW_HEIGHT, fitted))
        pages = self._pages()
        for page, lines in enumerate(pages, start=1):
            if page > 1:
                self.writer.newPage()
            y = self._heading(page)
            y = self._table_header(y)
            for line in lines:
                self._row(y, line)
                y += self.row_height
            if page == len(pages):
                self._closing(y + 30)
            self._footer(page, len(pages))

    def _pages(self) -> list[tuple[SheetLine, ...]]:
        room = FOOTER_Y - 60 - SIGNATURE_HEIGHT - HEADER_HEIGHT
        first = (room - self._table_top(1)) // self.row_height
        later = (room - self._table_top(2)) // self.row_height
        lines = self.sheet.lines
        pages = [lines[:first]]
        rest = lines[first:]
        while rest:
            pages.append(rest[:later])
            rest = rest[later:]
        return pages

    @staticmethod
    def _table_top(page: int) -> int:
        return 600 if page == 1 else 460

    # -- drawing ------------------------------------------------------------------------------

    def _text(
        self,
        rect: QRectF,
        text: str,
        font: QFont,
        flags: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        colour: QColor | None = None,
    ) -> None:
        self.painter.setFont(font)
        self.painter.setPen(QPen(colour or QColor("black")))
        self.painter.drawText(rect, int(flags), text)

    def _box(self, rect: QRectF, *, fill: QColor | None = None, width: float = 3) -> None:
        self.painter.setPen(QPen(QColor("black"), width))
        if fill is not None:
            self.painter.fillRect(rect, fill)
        self.painter.drawRect(rect)

    def _heading(self, page: int) -> int:
        forms, sheet = self.forms, self.sheet
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        self._text(QRectF(MARGIN, MARGIN, WIDTH, 60), forms.contest, _font(10), left, MUTED)
        title = t("forms.title", round=forms.round_name)
        if page > 1:
            title = f"{title} {t('forms.continued')}"
        self._text(QRectF(MARGIN, MARGIN + 60, WIDTH, 140), title, _font(22, bold=True))
        if page > 1:
            judge = f"{t('forms.judge')}: {sheet.name} ({sheet.judge_id})"
            self._text(QRectF(MARGIN, MARGIN + 200, WIDTH, 60), judge, _font(11), left)
            return self._table_top(page)
        top, height = MARGIN + 240, 90
        label_width, half = 220, WIDTH // 2
        excluded = sum(1 for line in sheet.lines if line.excluded)
        cells = [
            (t("forms.judge"), f"{sheet.name} ({sheet.judge_id})"),
            (t("forms.affiliation"), sheet.affiliation),
            (t("forms.panel"), sheet.panel),
            (
                t("forms.cases"),
                t("forms.cases_count", count=len(sheet.lines), excluded=excluded),
            ),
        ]
        for index, (label, value) in enumerate(cells):
            x = MARGIN + (index % 2) * half
            y = top + (index // 2) * height
            self._box(QRectF(x, y, label_width, height), fill=GREY)
            self._text(QRectF(x, y, label_width, height), label, _font(10, bold=True))
            self._box(QRectF(x + label_width, y, half - label_width, height))
            inner = QRectF(x + label_width + 30, y, half - label_width - 60, height)
            self._text(inner, self._elided(value, _font(11), inner.width()), _font(11), left)
        return self._table_top(page)

    def _table_header(self, y: int) -> int:
        c = self.columns
        cells = [
            (MARGIN, NUMBER_WIDTH, t("forms.number"), ""),
            (c.case_x, c.case_width, t("forms.case"), ""),
        ]
        for x, criterion in zip(c.boxes, self.forms.criteria, strict=True):
            detail = f"{t('forms.max', max=number(criterion.max))}\n"
            detail += t("forms.step", step=number(criterion.step))
            cells.append((x, c.box_width, criterion.name, detail))
        total = t("forms.max", max=number(self.forms.total_max))
        cells.append((c.total_x, c.box_width, t("forms.total"), total))
        for x, width, name, detail in cells:
            rect = QRectF(x, y, width, HEADER_HEIGHT)
            self._box(rect, fill=GREY, width=5)
            if detail:
                self._text(QRectF(x, y + 10, width, 70), name, _font(11, bold=True))
                self._text(QRectF(x, y + 75, width, 90), detail, _font(8), colour=MUTED)
            else:
                self._text(rect, name, _font(11, bold=True))
        return y + HEADER_HEIGHT

    def _row(self, y: int, line: SheetLine) -> None:
        c = self.columns
        fill = LIGHT if line.excluded else None
        self._box(QRectF(MARGIN, y, NUMBER_WIDTH, self.row_height), fill=fill)
        self._text(QRectF(MARGIN, y, NUMBER_WIDTH, self.row_height), str(line.number), _font(11))
        self._box(QRectF(c.case_x, y, c.case_width, self.row_height), fill=fill)
        strike = line.excluded
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        inner = c.case_width - 50
        title_font = _font(10.5, bold=True, strike=strike)
        heading = self._elided(f"{line.case_id}  {line.title}", title_font, inner)
        half = self.row_height / 2
        self._text(QRectF(c.case_x + 25, y + 5, inner, half), heading, title_font, left)
        small = _font(8.5, strike=strike)
        organization = self._elided(line.organization, small, inner)
        self._text(
            QRectF(c.case_x + 25, y + half, inner, half - 8), organization, small, left, MUTED
        )
        if line.excluded:
            span = QRectF(c.boxes[0], y, c.total_x + c.box_width - c.boxes[0], self.row_height)
            self._box(span, fill=LIGHT)
            self._text(span, t("forms.excluded"), _font(11, bold=True), colour=MUTED)
            return
        for x, criterion in zip(c.boxes, self.forms.criteria, strict=True):
            self._score_box(x, y, number(criterion.max))
        self._score_box(c.total_x, y, number(self.forms.total_max))

    def _score_box(self, x: int, y: int, maximum: str) -> None:
        rect = QRectF(x, y, self.columns.box_width, self.row_height)
        self._box(rect, width=5)
        corner = QRectF(x, y + self.row_height - 45, self.columns.box_width - 20, 40)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self._text(corner, f"/ {maximum}", _font(7.5), right, MUTED)

    def _closing(self, y: int) -> None:
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        rules = [t("forms.rule.range"), t("forms.rule.all")]
        if any(line.excluded for line in self.sheet.lines):
            rules.append(t("forms.rule.excluded"))
        for rule in rules:
            self._text(QRectF(MARGIN, y, WIDTH, 45), f"· {rule}", _font(9), left, MUTED)
            y += 45
        y += 25
        pledge = f"{t('forms.pledge')}      {t('forms.date')}"
        self._text(QRectF(MARGIN, y, WIDTH, 60), pledge, _font(11), Qt.AlignmentFlag.AlignCenter)
        y += 80
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        label = f"{t('forms.judge')}  {self.sheet.name}"
        signature = f"({t('forms.signature')})"
        signature_width = QFontMetricsF(_font(11), self.writer).horizontalAdvance(signature) + 10
        line_end = MARGIN + WIDTH - signature_width - 10
        line_start = line_end - 410
        self._text(QRectF(MARGIN, y, line_start - MARGIN - 40, 80), label, _font(12), right)
        self.painter.setPen(QPen(QColor("black"), 4))
        self.painter.drawLine(QPointF(line_start, y + 75), QPointF(line_end, y + 75))
        box = QRectF(MARGIN + WIDTH - signature_width, y, signature_width, 80)
        self._text(box, signature, _font(11), left)

    def _footer(self, page: int, pages: int) -> None:
        footer = t(
            "forms.footer",
            round=self.forms.round_name,
            judge=self.sheet.judge_id,
            page=page,
            pages=pages,
        )
        self._text(QRectF(MARGIN, FOOTER_Y, WIDTH, 50), footer, _font(8), colour=MUTED)

    def _elided(self, text: str, font: QFont, width: float) -> str:
        metrics = QFontMetricsF(font, self.writer)
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
