"""개인별 평가표: one printed page per judge and round, to be signed by the judge.

Each page lists every case of the judge's panel with the judge's scores, total and comment, the
digest of the judge's signed electronic return (grouped hex, read aloud to compare) or a paper-sheet
marker, and a signature line. The pages are one sheet with manual page breaks; its print scale is
chosen so that the widest and the longest page each fit on one A4 page.
"""

from __future__ import annotations

import re

from xlsxwriter.workbook import Workbook

from judging_app.domain.config import Criterion
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


def grouped_digest(digest: str, digits: int = 16) -> str:
    """The first ``digits`` hex digits of a digest, upper case, in groups of four."""
    hexits = re.sub(r"[^0-9A-Fa-f]", "", digest.split(":", 1)[-1]).upper()[:digits]
    return " ".join(hexits[i : i + 4] for i in range(0, len(hexits), 4))


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


def _page(
    grid: Grid,
    top: int,
    data: ReportData,
    page: ScoreSheet,
    widths: list[float],
    score_places: int,
) -> tuple[int, float]:
    """Write one judge's page from row ``top``; returns the next free row and the page height."""
    sheet = grid.sheet
    config = data.config
    criteria = config.round_criteria(page.round_key)
    last = len(widths) - 1
    total_col = last - 1
    judge = data.judge(page.judge_id)
    round_name = config.round(page.round_key).name
    heights: dict[int, float] = {}

    def height(row: int, points: float) -> None:
        sheet.set_row(row, points)
        heights[row] = points

    grid.merged(top, 0, last, t("sheet_page.title"), {**PLAIN, "font_size": 18, "bold": True})
    height(top, 34)
    grid.merged(top + 1, 0, last, config.name, {**PLAIN, "font_size": 11})
    height(top + 1, 20)
    height(top + 2, 8)
    scored = sum(1 for line in page.lines if line.total is not None)
    excluded = sum(1 for line in page.lines if line.conflict)
    round_text = (
        t("sheet_page.panel", round=round_name, panel=page.panel) if page.panel else round_name
    )
    _info(
        grid,
        top + 3,
        last,
        t("sheet_page.judge"),
        f"{judge.name} ({page.judge_id})",
        t("sheet_page.affiliation"),
        judge.affiliation,
    )
    _info(
        grid,
        top + 4,
        last,
        t("sheet_page.round"),
        round_text,
        t("sheet_page.count"),
        t("sheet_page.count_value", scored=scored, excluded=excluded)
        if excluded
        else t("sheet_page.count_scored", scored=scored),
    )
    height(top + 3, row_height(1) + 4)
    height(top + 4, row_height(1) + 4)
    height(top + 5, 8)
    header = top + 6
    grid.header(
        header,
        [
            t("col.number"),
            t("col.case_id"),
            t("col.title"),
            *(t("col.criterion", name=c.name, max=c.max) for c in criteria),
            *([""] * (total_col - 3 - len(criteria))),
            t("col.criterion", name=t("col.total"), max=sum(c.max for c in criteria)).replace(
                "\n", "\n"
            ),
            t("col.comment"),
        ],
    )
    heights[header] = row_height(2) + 2
    row = header + 1
    for number, line in enumerate(page.lines, start=1):
        height(row, _line(grid, row, number, line, data, criteria, widths, score_places))
        row += 1
    height(row, 12)
    row += 1
    row = _digest(grid, row, page, last, height)
    height(row, 16)
    grid.merged(row + 1, 0, last, t("sheet_page.pledge"), {**PLAIN, "font_size": 11})
    height(row + 1, 22)
    grid.merged(row + 2, 0, last, t("sheet_page.date"), {**PLAIN, "font_size": 11})
    height(row + 2, 26)
    height(row + 3, 10)
    grid.merged(
        row + 4,
        0,
        total_col,
        t("sheet_page.signature", name=judge.name),
        {"align": "right", "valign": "bottom", "font_size": 12, "bold": True},
    )
    grid.text(
        row + 4,
        last,
        t("sheet_page.sign_here"),
        {"align": "right", "valign": "bottom", "bottom": 1, "font_size": 10},
    )
    height(row + 4, 36)
    return row + 6, sum(heights.values()) + 14


def _info(
    grid: Grid, row: int, last: int, label: str, value: str, label2: str, value2: str
) -> None:
    grid.merged(row, 0, 1, label, LABEL)
    grid.text(row, 2, value, VALUE)
    grid.merged(row, 3, last - 2, label2, LABEL)
    grid.merged(row, last - 1, last, value2, VALUE)


def _line(
    grid: Grid,
    row: int,
    number: int,
    line: SheetLine,
    data: ReportData,
    criteria: tuple[Criterion, ...],
    widths: list[float],
    score_places: int,
) -> float:
    last = len(widths) - 1
    title = data.case(line.case_id).title
    grid.number(row, 0, number, None, CENTRE)
    grid.text(row, 1, line.case_id, CENTRE)
    grid.text(row, 2, title, TEXT)
    for col in range(3, last - 1):
        index = col - 3
        if line.conflict or index >= len(criteria):
            grid.blank(row, col, GREY if line.conflict else CENTRE)
        else:
            value = line.scores.get(criteria[index].key)
            grid.number(row, col, value, score_places, {**NUMBER, "align": "center"})
    if line.conflict:
        grid.text(row, last - 1, t("mark.excluded"), GREY)
        reason = t(f"sheet_page.{line.conflict}")
        detail = " ".join(line.conflict_reason.split())
        comment = f"{reason}: {detail}" if detail else reason
    else:
        grid.number(
            row, last - 1, line.total, score_places, {**NUMBER, "align": "center", "bold": True}
        )
        comment = line.comment
    grid.text(row, last, comment, {**TEXT, "font_size": 9})
    lines = max(wrapped_lines(title, widths[2]), wrapped_lines(comment, widths[last] * 10 / 9))
    return row_height(lines)


def _digest(grid: Grid, row: int, page: ScoreSheet, last: int, height: object) -> int:
    assert callable(height)
    if page.digest:
        code = grouped_digest(page.digest)
        at = page.returned_at.strftime("%Y-%m-%d %H:%M UTC") if page.returned_at else ""
        note = t("sheet_page.digest_note", revision=page.revision or "", at=at)
        grid.merged(row, 0, 2, t("sheet_page.digest"), LABEL)
        grid.merged(row, 3, last - 1, code, DIGEST)
    else:
        note = t("sheet_page.paper_note")
        grid.merged(row, 0, 2, t("sheet_page.digest"), LABEL)
        grid.merged(
            row, 3, last - 1, t("sheet_page.paper"), {**CENTRE, "font_size": 12, "bold": True}
        )
    grid.text(row, last, note, {**TEXT, "font_size": 9})
    height(row, 30)
    row += 1
    if page.digest and page.transcribed:
        grid.merged(
            row,
            0,
            last,
            t("sheet_page.transcribed_after"),
            {**TEXT, "font_size": 9, "font_color": "#C00000"},
        )
        height(row, 18)
        row += 1
    return row
