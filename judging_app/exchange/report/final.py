"""The final ranking: exactly the numbers that ``rank --json`` prints, award tiers shaded."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from judging_app.exchange.report.data import ReportData
from judging_app.exchange.report.layout import (
    AWARD_COLOURS,
    CENTRE,
    NOTE,
    NUMBER,
    TEXT,
    TITLE,
    Grid,
    Styles,
    fit,
    row_height,
    setup_page,
    wrapped_lines,
)
from judging_app.exchange.report.texts import percent, places_phrase, t

HEADER_ROW = 3
COLUMNS = (
    "rank",
    "award",
    "case_id",
    "title",
    "organization",
    "expert",
    "votes",
    "vote_points",
    "final",
)
EXPERT_COL, VOTES_COL, POINTS_COL, FINAL_COL = 5, 6, 7, 8


def write_final(
    book: Workbook, styles: Styles, data: ReportData, *, name: str, generated: str
) -> None:
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    config = data.config
    rule = config.final
    places = rule.decimals
    entries = data.final.entries
    titles = [data.case(e.case_id).title for e in entries]
    organizations = [data.case(e.case_id).organization for e in entries]
    headings = [t(f"col.{c}") for c in COLUMNS]
    widths = [
        fit([headings[0]], 6, 8),
        fit([headings[1], *(e.award or "" for e in entries)], 8, 14),
        fit([headings[2], *(e.case_id for e in entries)], 8, 12),
        fit([headings[3], *titles], 24, 46),
        fit([headings[4], *organizations], 12, 30),
        *(fit([h], 10, 12) for h in headings[5:]),
    ]
    grid.widths(widths)
    grid.text(0, 0, t("sheet.final"), TITLE)
    sheet.set_row(0, 24)
    grid.text(
        1,
        0,
        t(
            "note.final",
            expert=percent(rule.expert_weight),
            vote=percent(rule.vote_weight),
            places=places_phrase(places),
        ),
        NOTE,
    )
    if data.open_rounds:
        provisional = t("note.provisional", rounds=", ".join(data.open_rounds))
        grid.text(2, 0, provisional, {**NOTE, "font_color": "#C00000", "bold": True})
    grid.header(HEADER_ROW, headings)
    tiers = {
        tier.name: AWARD_COLOURS[i % len(AWARD_COLOURS)] for i, tier in enumerate(config.awards)
    }
    for offset, entry in enumerate(entries, start=1):
        row = HEADER_ROW + offset
        shade = {"bg_color": tiers[entry.award]} if entry.award in tiers else {}
        grid.number(row, 0, entry.rank, None, {**CENTRE, **shade})
        grid.text(row, 1, entry.award or "", {**CENTRE, **shade})
        grid.text(row, 2, entry.case_id, {**CENTRE, **shade})
        grid.text(row, 3, titles[offset - 1], {**TEXT, **shade})
        grid.text(row, 4, organizations[offset - 1], {**TEXT, **shade})
        grid.number(row, EXPERT_COL, entry.expert, places, {**NUMBER, **shade})
        grid.number(row, VOTES_COL, entry.votes, None, {**NUMBER, **shade, "num_format": "#,##0"})
        grid.number(row, POINTS_COL, entry.vote_points, places, {**NUMBER, **shade})
        grid.number(row, FINAL_COL, entry.final, places, {**NUMBER, **shade, "bold": True})
        lines = max(
            wrapped_lines(titles[offset - 1], widths[3]),
            wrapped_lines(organizations[offset - 1], widths[4]),
        )
        sheet.set_row(row, row_height(lines))
    last = HEADER_ROW + len(entries)
    if not entries:
        last += 1
        grid.text(last, 0, t("note.no_final", round=config.last_round.name), NOTE)
    write_warnings(grid, last + 2, data.final.warnings, widths)
    setup_page(
        sheet,
        contest=config.name,
        generated=generated,
        landscape=sum(widths) > 100,
        repeat=(HEADER_ROW, HEADER_ROW),
        freeze=(HEADER_ROW + 1, 4),
    )
    sheet.center_horizontally()


def write_warnings(grid: Grid, row: int, warnings: tuple[str, ...], widths: list[float]) -> int:
    """The warnings under a table, one per row across its columns; returns the next free row."""
    if not warnings:
        return row
    grid.text(row, 0, t("heading.warnings"), {**TITLE, "font_size": 11})
    for offset, warning in enumerate(warnings, start=1):
        line = f"• {warning}"
        grid.merged(row + offset, 0, len(widths) - 1, line, {**NOTE, "text_wrap": True})
        grid.sheet.set_row(row + offset, row_height(wrapped_lines(line, sum(widths)), 9))
    return row + len(warnings) + 1
