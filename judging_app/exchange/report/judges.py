"""The judges sheet: per judge and round, cases scored, mean and spread of totals, offset."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from judging_app.exchange.report.data import ReportData
from judging_app.exchange.report.layout import (
    CENTRE,
    NOTE,
    NUMBER,
    TEXT,
    TITLE,
    Grid,
    Styles,
    fit,
    number_format,
    row_height,
    setup_page,
    wrapped_lines,
)
from judging_app.exchange.report.texts import t

HEADER_ROW = 3
NAME_COL = 2
OFFSET_COL = 8
LEANING_COLOURS = {"lenient": "#FCE4D6", "harsh": "#DDEBF7", "even": None}


def write_judges(
    book: Workbook, styles: Styles, data: ReportData, *, name: str, generated: str
) -> dict[str, tuple[int, int]]:
    """Write the sheet; returns each round's rows (first, last), for the leniency charts."""
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    config = data.config
    places = config.final.decimals
    rows = [
        (round_, stats) for round_ in config.rounds for stats in data.info(round_.key).judge_stats
    ]
    headings = [
        t(f"col.{c}")
        for c in (
            "round",
            "judge_id",
            "name",
            "affiliation",
            "panel",
            "cases_scored",
            "mean_total",
            "spread",
            "offset",
            "leaning",
        )
    ]
    affiliations = [data.judge(s.judge_id).affiliation for _, s in rows]
    widths = [
        fit([headings[0], *(r.name for r, _ in rows)], 10, 16),
        fit([headings[1], *(s.judge_id for _, s in rows)], 8, 10),
        fit([headings[2], *(data.judge(s.judge_id).name for _, s in rows)], 8, 16),
        fit([headings[3], *affiliations], 14, 30),
        fit([headings[4]], 6, 8),
        *(fit([h], 9, 12) for h in headings[5:9]),
        fit([headings[9], t("mark.lenient"), t("mark.harsh")], 8, 12),
    ]
    grid.widths(widths)
    grid.text(0, 0, name, TITLE)
    sheet.set_row(0, 24)
    grid.text(1, 0, t("note.judges"), NOTE)
    grid.header(HEADER_ROW, headings)
    spans: dict[str, tuple[int, int]] = {}
    signed = f"+{number_format(places)};-{number_format(places)};{number_format(places)}"
    for index, (round_, stats) in enumerate(rows):
        row = HEADER_ROW + 1 + index
        first, _ = spans.get(round_.key, (row, row))
        spans[round_.key] = (first, row)
        colour = LEANING_COLOURS.get(stats.leaning)
        shade: dict[str, object] = {"bg_color": colour} if colour else {}
        grid.text(row, 0, round_.name, CENTRE)
        grid.text(row, 1, stats.judge_id, CENTRE)
        grid.text(row, NAME_COL, data.judge(stats.judge_id).name, CENTRE)
        grid.text(row, 3, affiliations[index], TEXT)
        grid.text(row, 4, data.info(round_.key).judge_panels.get(stats.judge_id, ""), CENTRE)
        grid.number(row, 5, stats.cases, None, CENTRE)
        grid.number(row, 6, stats.mean, places, NUMBER)
        grid.number(row, 7, stats.spread, places, NUMBER)
        grid.number(
            row, OFFSET_COL, stats.offset, places, {**NUMBER, **shade, "num_format": signed}
        )
        grid.text(row, 9, t(f"mark.{stats.leaning}"), {**CENTRE, **shade})
        sheet.set_row(row, row_height(wrapped_lines(affiliations[index], widths[3])))
    setup_page(
        sheet,
        contest=config.name,
        generated=generated,
        landscape=sum(widths) > 100,
        repeat=(HEADER_ROW, HEADER_ROW),
        freeze=(HEADER_ROW + 1, 3),
    )
    sheet.center_horizontally()
    return spans
