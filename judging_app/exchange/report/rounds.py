"""One sheet per round: ranking, every judge's total per case, criterion means, the cut-off line."""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from judging_app.domain.numbers import round_half_up
from judging_app.domain.scoring import CaseResult, RoundResult
from judging_app.exchange.report.data import ReportData, RoundInfo
from judging_app.exchange.report.final import write_warnings
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
from judging_app.exchange.report.summary import advance_text, method_text
from judging_app.exchange.report.texts import t

HEADER_ROW = 3
SCORE_COL = 4
CUT_OFF: dict[str, object] = {"bottom": 5, "bottom_color": "#C00000"}
OFF_PANEL: dict[str, object] = {**CENTRE, "bg_color": "#F2F2F2"}
EXCLUDED: dict[str, object] = {**CENTRE, "bg_color": "#D9D9D9", "font_size": 9}
MISSING: dict[str, object] = {**CENTRE, "font_color": "#C00000", "bold": True, "font_size": 9}


def round_judges(result: RoundResult, info: RoundInfo) -> list[str]:
    """Every judge of the round: on one of its panels or with a total in it (a judge excluded
    from a case of a round they do not judge is not one)."""
    found = set(info.judge_panels)
    for case in result.cases:
        found |= set(case.totals)
    return sorted(found)


def write_round(
    book: Workbook,
    styles: Styles,
    data: ReportData,
    key: str,
    *,
    name: str,
    generated: str,
    score_places: int,
) -> tuple[int, int]:
    """Write the round's sheet; returns the rows (first, last) of its cases, for the charts."""
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    config = data.config
    round_ = config.round(key)
    result = data.rounds[key]
    info = data.info(key)
    places = config.final.decimals
    criteria = config.round_criteria(key)
    judges = round_judges(result, info)
    titles = [data.case(c.case_id).title for c in result.cases]
    panels = [info.case_panels.get(c.case_id) or "" for c in result.cases]
    headings = [
        t("col.rank"),
        t("col.case_id"),
        t("col.title"),
        t("col.panel"),
        t("col.score"),
        t("col.judge_count"),
        t("col.advances"),
        *(f"{j}\n{data.judge(j).name}" for j in judges),
        *(t("col.mean_of", name=c.name) for c in criteria),
    ]
    widths = [
        6.0,
        fit([headings[1], *(c.case_id for c in result.cases)], 8, 12),
        fit([headings[2], *titles], 22, 34),
        fit([headings[3], *panels], 6, 10),
        fit([headings[4]], 9, 11),
        fit([headings[5]], 8, 11),
        fit([headings[6], t("mark.advances")], 6, 8),
        *(fit([h], 7, 10) for h in headings[7 : 7 + len(judges)]),
        *(fit([h], 9, 12) for h in headings[7 + len(judges) :]),
    ]
    grid.widths(widths)
    grid.text(0, 0, round_.name, TITLE)
    sheet.set_row(0, 24)
    note = t("note.round", method=method_text(round_), advance=advance_text(round_))
    grid.text(1, 0, note, NOTE)
    cut = _cut_off_row(result)
    notes = [t("note.round_open")] if info.state != "closed" else []
    if cut is not None:
        notes.append(t("note.cutoff"))
    if notes:
        grid.text(2, 0, " · ".join(notes), {**NOTE, "font_color": "#C00000"})
    grid.header(HEADER_ROW, headings)
    cells = _JudgeCells(grid, info, score_places)
    for index, case in enumerate(result.cases):
        row = HEADER_ROW + 1 + index
        line = CUT_OFF if index == cut else {}
        _case_row(grid, row, case, titles[index], panels[index], line, places)
        cells.write(row, judges, case, panels[index], index == cut)
        for col, criterion in enumerate(criteria, start=7 + len(judges)):
            grid.number(
                row, col, case.criterion_means.get(criterion.key), places, {**NUMBER, **line}
            )
        sheet.set_row(row, row_height(wrapped_lines(titles[index], widths[2])))
    first = HEADER_ROW + 1
    last = HEADER_ROW + len(result.cases)
    write_warnings(grid, last + 2, result.warnings, widths)
    setup_page(
        sheet,
        contest=config.name,
        generated=generated,
        landscape=sum(widths) > 100,
        repeat=(HEADER_ROW, HEADER_ROW),
        freeze=(HEADER_ROW + 1, 3),
    )
    return first, last


def _cut_off_row(result: RoundResult) -> int | None:
    """The index of the last case that advances, when some case does not."""
    if result.advance is None or all(c.advances for c in result.cases):
        return None
    advancing = [i for i, c in enumerate(result.cases) if c.advances]
    return advancing[-1] if advancing else None


def _case_row(
    grid: Grid,
    row: int,
    case: CaseResult,
    title: str,
    panel: str,
    line: dict[str, object],
    places: int,
) -> None:
    grid.number(row, 0, case.rank, None, {**CENTRE, **line})
    grid.text(row, 1, case.case_id, {**CENTRE, **line})
    grid.text(row, 2, title, {**TEXT, **line})
    grid.text(row, 3, panel, {**CENTRE, **line})
    grid.number(row, SCORE_COL, case.score, places, {**NUMBER, **line, "bold": True})
    grid.number(row, 5, case.judges, None, {**CENTRE, **line})
    grid.text(row, 6, t("mark.advances") if case.advances else "", {**CENTRE, **line})


class _JudgeCells:
    """Each judge's cell in a case's row: the total (in brackets where trimmed), excluded,
    missing (a judge of the case's panel without a total) or off the panel. The formats are made
    once, not per cell: a national round has millions of these cells."""

    def __init__(self, grid: Grid, info: RoundInfo, score_places: int) -> None:
        self.sheet = grid.sheet
        self.styles = grid.styles
        self.judge_panels = info.judge_panels
        self.places = score_places
        self.excluded_text = t("mark.excluded")
        self.missing_text = t("mark.missing")
        self._formats: dict[tuple[str, bool], Format] = {}

    def _format(self, kind: str, cut: bool) -> Format:
        found = self._formats.get((kind, cut))
        if found is None:
            line = CUT_OFF if cut else {}
            props: dict[str, object]
            if kind == "excluded":
                props = {**EXCLUDED, **line}
            elif kind == "missing":
                props = {**MISSING, **line}
            elif kind == "off":
                props = {**OFF_PANEL, **line}
            else:
                props = {**CENTRE, **line, "num_format": number_format(self.places)}
                if kind == "trimmed":
                    shown = number_format(self.places)
                    props |= {"num_format": f"({shown})", "font_color": "#7F7F7F", "italic": True}
            found = self._formats[(kind, cut)] = self.styles.get(props)
        return found

    def write(self, row: int, judges: list[str], case: CaseResult, panel: str, cut: bool) -> None:
        sheet, totals = self.sheet, case.totals
        for col, judge_id in enumerate(judges, start=7):
            if judge_id in case.excluded:
                sheet.write_string(row, col, self.excluded_text, self._format("excluded", cut))
            elif judge_id in totals:
                kind = "trimmed" if judge_id in case.trimmed else "total"
                value = float(round_half_up(totals[judge_id], self.places))
                sheet.write_number(row, col, value, self._format(kind, cut))
            elif panel and self.judge_panels.get(judge_id) == panel:
                sheet.write_string(row, col, self.missing_text, self._format("missing", cut))
            else:
                sheet.write_blank(row, col, None, self._format("off", cut))
