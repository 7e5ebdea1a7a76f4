"""개인별 평가표: one printed page per judge and round, to be signed by the judge.

Each page lists every case of the judge's panel with the judge's scores, total and comment, the
digest of the judge's signed electronic return (grouped hex, read aloud to compare) or a paper-sheet
marker, and a signature line. The pages are one sheet with manual page breaks; its print scale is
chosen so that the widest and the longest page each fit on one A4 page.
"""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from judging_app.domain.config import Criterion
from judging_app.exchange.digest import short_digest
from judging_app.exchange.report.data import ReportData, ScoreSheet, SheetLine
from judging_app.exchange.report.layout import (
    CENTRE,
    NUMBER,
    TEXT,
    Grid,
    Styles,
    row_height,
    setup_page,
    wrapped_lines,
)
from judging_app.exchange.report.texts import t

TITLE_WIDTH = 30.0
COMMENT_WIDTH = 40.0
CRITERION_WIDTH = 7.5
WIDER_ELSEWHERE = 1.2
"""LibreOffice draws columns up to this much wider than Excel where it substitutes a wider font
for Malgun Gothic: the scale leaves room for that, so that no page is split across two sheets."""
PAGE_WIDTH_POINTS = (8.27 - 0.8) * 72
PAGE_HEIGHT_POINTS = (11.69 - 1.45) * 72
LABEL: dict[str, object] = {**CENTRE, "bold": True, "bg_color": "#F2F2F2"}
VALUE: dict[str, object] = {**TEXT}
GREY: dict[str, object] = {**CENTRE, "bg_color": "#D9D9D9", "font_size": 9}
DIGEST: dict[str, object] = {
    **CENTRE,
    "font_name": "Consolas",
    "font_size": 14,
    "bold": True,
    "font_charset": 0,
}
PLAIN: dict[str, object] = {"align": "center", "valign": "vcenter"}


def write_score_sheets(
    book: Workbook,
    styles: Styles,
    data: ReportData,
    *,
    name: str,
    generated: str,
    score_places: int,
) -> list[int]:
    """Write every judge's pages; returns the first row of each page."""
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    criteria_count = max(
        (len(data.config.round_criteria(s.round_key)) for s in data.score_sheets), default=0
    )
    widths = [
        4.5,
        7.0,
        TITLE_WIDTH,
        *([CRITERION_WIDTH] * criteria_count),
        CRITERION_WIDTH,
        COMMENT_WIDTH,
    ]
    grid.widths(widths)
    starts: list[int] = []
    heights: list[float] = []
    row = 0
    for score_sheet in data.score_sheets:
        starts.append(row)
        row, height = _page(grid, row, data, score_sheet, widths, score_places)
        heights.append(height)
    last_col = len(widths) - 1
    if starts:
        sheet.set_h_pagebreaks(starts[1:])
        sheet.print_area(0, 0, row - 1, last_col)
    setup_page(
        sheet,
        contest=data.config.name,
        generated=generated,
        landscape=False,
        scale=print_scale(widths, max(heights, default=0.0)),
    )
    sheet.center_horizontally()
    return starts


def print_scale(widths: list[float], tallest: float) -> int:
    """The largest scale (%) at which every column and the tallest page fit one A4 page."""
    width_points = sum((int(w * 7 + 0.5) + 5) * 0.75 for w in widths) * WIDER_ELSEWHERE
    fits = min(PAGE_WIDTH_POINTS / width_points, PAGE_HEIGHT_POINTS / tallest if tallest else 1.0)
    return max(10, min(100, int(fits * 100)))


class _Page:
    """One judge's page, written row by row from ``top``; it adds up the heights of its rows."""

    def __init__(self, grid: Grid, top: int, widths: list[float]) -> None:
        self.grid = grid
        self.row = top
        self.widths = widths
        self.last = len(widths) - 1
        self.height = 0.0

    def next(self, points: float) -> int:
        """The current row, given ``points`` of height; moves to the next row."""
        row = self.row
        self.grid.sheet.set_row(row, points)
        self.height += points
        self.row += 1
        return row

    def banner(self, value: str, points: float, props: dict[str, object]) -> None:
        self.grid.merged(self.next(points), 0, self.last, value, props)

    def info(self, label: str, value: str, label2: str, value2: str) -> None:
        row = self.next(row_height(1) + 4)
        self.grid.merged(row, 0, 1, label, LABEL)
        self.grid.text(row, 2, value, VALUE)
        self.grid.merged(row, 3, self.last - 2, label2, LABEL)
        self.grid.merged(row, self.last - 1, self.last, value2, VALUE)


def _page(
    grid: Grid,
    top: int,
    data: ReportData,
    sheet: ScoreSheet,
    widths: list[float],
    score_places: int,
) -> tuple[int, float]:
    """Write one judge's page from row ``top``; returns the next free row and the page height."""
    config = data.config
    criteria = config.round_criteria(sheet.round_key)
    judge = data.judge(sheet.judge_id)
    round_name = config.round(sheet.round_key).name
    page = _Page(grid, top, widths)
    page.banner(t("sheet_page.title"), 34, {**PLAIN, "font_size": 18, "bold": True})
    page.banner(config.name, 20, {**PLAIN, "font_size": 11})
    page.next(8)
    scored = sum(1 for line in sheet.lines if line.total is not None)
    excluded = sum(1 for line in sheet.lines if line.conflict)
    page.info(
        t("sheet_page.judge"),
        f"{judge.name} ({sheet.judge_id})",
        t("sheet_page.affiliation"),
        judge.affiliation,
    )
    page.info(
        t("sheet_page.round"),
        t("sheet_page.panel", round=round_name, panel=sheet.panel) if sheet.panel else round_name,
        t("sheet_page.count"),
        t("sheet_page.count_value", scored=scored, excluded=excluded)
        if excluded
        else t("sheet_page.count_scored", scored=scored),
    )
    page.next(8)
    fillers = page.last - 4 - len(criteria)
    headings = [
        t("col.number"),
        t("col.case_id"),
        t("col.title"),
        *(t("col.criterion", name=c.name, max=c.max) for c in criteria),
        *([""] * fillers),
        t("col.criterion", name=t("col.total"), max=sum(c.max for c in criteria)),
        t("col.comment"),
    ]
    header = page.next(row_height(2) + 2)
    grid.header(header, headings)
    for number, line in enumerate(sheet.lines, start=1):
        _line(page, number, line, data, criteria, score_places)
    page.next(12)
    _digest(page, sheet)
    page.next(16)
    page.banner(t("sheet_page.pledge"), 22, {**PLAIN, "font_size": 11})
    page.banner(t("sheet_page.date"), 26, {**PLAIN, "font_size": 11})
    page.next(10)
    row = page.next(36)
    bottom = {"align": "right", "valign": "bottom"}
    signature = t("sheet_page.signature", name=judge.name)
    grid.merged(row, 0, page.last - 1, signature, {**bottom, "font_size": 12, "bold": True})
    grid.text(row, page.last, t("sheet_page.sign_here"), {**bottom, "bottom": 1})
    page.next(14)
    return page.row, page.height


def _line(
    page: _Page,
    number: int,
    line: SheetLine,
    data: ReportData,
    criteria: tuple[Criterion, ...],
    score_places: int,
) -> None:
    grid, last, widths = page.grid, page.last, page.widths
    title = data.case(line.case_id).title
    if line.conflict:
        reason = t(f"sheet_page.{line.conflict}")
        detail = " ".join(line.conflict_reason.split())
        comment = f"{reason}: {detail}" if detail else reason
    else:
        comment = line.comment
    lines = max(wrapped_lines(title, widths[2]), wrapped_lines(comment, widths[last] * 10 / 9))
    row = page.next(row_height(lines))
    grid.number(row, 0, number, None, CENTRE)
    grid.text(row, 1, line.case_id, CENTRE)
    grid.text(row, 2, title, TEXT)
    score: dict[str, object] = {**NUMBER, "align": "center"}
    for col in range(3, last - 1):
        index = col - 3
        if line.conflict:
            grid.blank(row, col, GREY)
        elif index >= len(criteria):
            grid.blank(row, col, CENTRE)
        else:
            grid.number(row, col, line.scores.get(criteria[index].key), score_places, score)
    if line.conflict:
        grid.text(row, last - 1, t(f"mark.{line.conflict}"), GREY)
    else:
        grid.number(row, last - 1, line.total, score_places, {**score, "bold": True})
    grid.text(row, last, comment, {**TEXT, "font_size": 9})


def _digest(page: _Page, sheet: ScoreSheet) -> None:
    """The digest of the judge's signed return beside the signature, or the paper-sheet marker."""
    grid, last = page.grid, page.last
    row = page.next(30)
    grid.merged(row, 0, 2, t("sheet_page.digest"), LABEL)
    if sheet.digest:
        at = sheet.returned_at.strftime("%Y-%m-%d %H:%M UTC") if sheet.returned_at else ""
        note = t("sheet_page.digest_note", revision=sheet.revision or "", at=at)
        grid.merged(row, 3, last - 1, short_digest(sheet.digest), DIGEST)
    else:
        note = t("sheet_page.paper_note")
        paper: dict[str, object] = {**CENTRE, "font_size": 12, "bold": True}
        grid.merged(row, 3, last - 1, t("sheet_page.paper"), paper)
    grid.text(row, last, note, {**TEXT, "font_size": 9})
    if sheet.digest and sheet.transcribed:
        warning: dict[str, object] = {**TEXT, "font_size": 9, "font_color": "#C00000"}
        grid.merged(page.next(18), 0, last, t("sheet_page.transcribed_after"), warning)
