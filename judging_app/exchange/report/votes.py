"""The votes sheet: every case's votes, whether they count, and the vote points they give."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook

from judging_app.domain.ranking import FinalEntry
from judging_app.exchange.report.data import ReportData
from judging_app.exchange.report.layout import (
    CENTRE,
    HEADER,
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
from judging_app.exchange.report.texts import t

HEADER_ROW = 3
VOTES_COL = 3
WHOLE: dict[str, object] = {**NUMBER, "num_format": "#,##0"}


def write_votes(
    book: Workbook, styles: Styles, data: ReportData, *, name: str, generated: str
) -> None:
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    config = data.config
    places = config.final.decimals
    entries: dict[str, FinalEntry] = {e.case_id: e for e in data.final.entries}
    headings = [
        t(f"col.{c}")
        for c in ("case_id", "title", "organization", "votes", "finalist", "vote_points", "source")
    ]
    titles = [data.case(v.case_id).title for v in data.votes]
    organizations = [data.case(v.case_id).organization for v in data.votes]
    widths = [
        fit([headings[0], *(v.case_id for v in data.votes)], 8, 12),
        fit([headings[1], *titles], 22, 36),
        fit([headings[2], *organizations], 12, 22),
        fit([headings[3], f"{data.vote_total:,}"], 9, 12),
        fit([headings[4], t("mark.counted"), t("mark.not_counted")], 10, 14),
        fit([headings[5]], 10, 12),
        fit([headings[6], *(v.source for v in data.votes)], 10, 24),
    ]
    grid.widths(widths)
    grid.text(0, 0, name, TITLE)
    sheet.set_row(0, 24)
    grid.text(1, 0, t("note.votes", method=t(f"rule.{config.final.vote_method}")), NOTE)
    grid.header(HEADER_ROW, headings)
    row = HEADER_ROW
    for index, vote in enumerate(data.votes):
        row = HEADER_ROW + 1 + index
        entry = entries.get(vote.case_id)
        if vote.votes is None:
            state = t("mark.no_vote_row")
        else:
            state = t("mark.counted") if entry is not None else t("mark.not_counted")
        muted: dict[str, object] = {} if entry is not None else {"font_color": "#7F7F7F"}
        grid.text(row, 0, vote.case_id, {**CENTRE, **muted})
        grid.text(row, 1, titles[index], {**TEXT, **muted})
        grid.text(row, 2, organizations[index], {**TEXT, **muted})
        grid.number(row, VOTES_COL, vote.votes, None, {**WHOLE, **muted})
        grid.text(row, 4, state, {**CENTRE, **muted})
        grid.number(row, 5, entry.vote_points if entry else None, places, {**NUMBER, **muted})
        grid.text(row, 6, vote.source, {**TEXT, **muted, "font_size": 9})
        lines = max(
            wrapped_lines(titles[index], widths[1]),
            wrapped_lines(organizations[index], widths[2]),
            wrapped_lines(vote.source, widths[6]),
        )
        sheet.set_row(row, row_height(lines))
    total_row = row + 1
    grid.merged(total_row, 0, 2, t("col.total"), {**HEADER})
    grid.number(total_row, VOTES_COL, data.vote_total, None, {**WHOLE, "bold": True})
    for col in range(4, 7):
        grid.blank(total_row, col, HEADER)
    setup_page(
        sheet,
        contest=config.name,
        generated=generated,
        landscape=sum(widths) > 120,
        repeat=(HEADER_ROW, HEADER_ROW),
        freeze=(HEADER_ROW + 1, 2),
    )
    sheet.center_horizontally()
