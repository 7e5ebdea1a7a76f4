"""The charts sheet: the finalists' final score split into its expert and vote parts, each round's
scores in rank order (the advancing ones dark), and each round's judge leniency.

Charts are two to an A4 portrait page. They read their numbers from the other sheets, except the
weighted parts, which are in a small table beside the charts (outside the print area).
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.chart import Chart
from xlsxwriter.workbook import Workbook

from judging_app.exchange.report.data import ReportData
from judging_app.exchange.report.layout import (
    FONT,
    HEADER,
    NUMBER,
    TEXT,
    TITLE,
    Grid,
    Styles,
    display_width,
    fit,
    number_format,
    setup_page,
)
from judging_app.exchange.report.texts import percent, t

CHART_COLUMNS = 9
COLUMN_WIDTH = 8.43
ROW_POINTS = 15.0
CHART_ROWS = 22
ROWS_PER_PAGE = 48
CHART_WIDTH = CHART_COLUMNS * 64 - 8
"""Pixels: the nine columns of 64 pixels, less a margin. LibreOffice draws the columns (and the
charts anchored to them) wider than Excel when it substitutes a wider font for Malgun Gothic:
narrow columns leave room for that on the page."""
CHART_HEIGHT = CHART_ROWS * 20
DATA_COL = CHART_COLUMNS + 1
DARK = "#2F5597"
LIGHT = "#BFBFBF"
EXPERT = "#2F5597"
VOTE = "#F4B183"
LABEL_LIMIT = 30


@dataclass(frozen=True)
class Span:
    """Rows ``first``..``last`` of column ``col`` on sheet ``sheet``."""

    sheet: str
    first: int
    last: int

    def column(self, col: int) -> list[object]:
        return [self.sheet, self.first, col, self.last, col]


@dataclass(frozen=True)
class RoundSpans:
    round_key: str
    cases: Span
    case_col: int
    score_col: int
    judges: Span | None
    judge_col: int
    offset_col: int


def write_charts(
    book: Workbook,
    styles: Styles,
    data: ReportData,
    *,
    name: str,
    generated: str,
    rounds: list[RoundSpans],
) -> int:
    """Write the charts sheet; returns how many charts it holds."""
    sheet = book.add_worksheet(name)
    grid = Grid(sheet, styles)
    sheet.set_default_row(ROW_POINTS)
    sheet.set_column(0, CHART_COLUMNS - 1, COLUMN_WIDTH)
    charts: list[Chart] = []
    final_chart = _final_chart(book, grid, data, name)
    if final_chart is not None:
        charts.append(final_chart)
    for spans in rounds:
        charts.append(_distribution_chart(book, data, spans))
        if spans.judges is not None:
            charts.append(_leniency_chart(book, data, spans))
    for index, chart in enumerate(charts):
        row = (index // 2) * ROWS_PER_PAGE + (index % 2) * (CHART_ROWS + 2) + 1
        sheet.insert_chart(row, 0, chart, {"object_position": 3})
    pages = max(1, (len(charts) + 1) // 2)
    sheet.set_h_pagebreaks([ROWS_PER_PAGE * page for page in range(1, pages)])
    sheet.print_area(0, 0, ROWS_PER_PAGE * pages - 1, CHART_COLUMNS - 1)
    setup_page(sheet, contest=data.config.name, generated=generated, landscape=False, scale=100)
    sheet.center_horizontally()
    return len(charts)


def _fonts(size: float, bold: bool = False) -> dict[str, object]:
    return {"name": FONT, "size": size, "bold": bold}


def _base(chart: Chart, title: str) -> None:
    chart.set_title({"name": title, "name_font": _fonts(11, True), "overlay": False})
    chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
    chart.set_legend({"position": "bottom", "font": _fonts(9)})
    chart.set_chartarea({"border": {"color": "#BFBFBF"}})


def _short(label: str) -> str:
    if display_width(label) <= LABEL_LIMIT:
        return label
    out = ""
    for ch in label:
        if display_width(out + ch) > LABEL_LIMIT - 1:
            break
        out += ch
    return out + "…"


def _final_chart(book: Workbook, grid: Grid, data: ReportData, sheet_name: str) -> Chart | None:
    if not data.parts:
        return None
    rule = data.config.final
    places = rule.decimals
    labels = [
        _short(f"{entry.rank}. {data.case(entry.case_id).title}") for entry in data.final.entries
    ]
    expert_name = f"{t('col.expert_part')} ({percent(rule.expert_weight)}%)"
    vote_name = f"{t('col.vote_part')} ({percent(rule.vote_weight)}%)"
    grid.text(0, DATA_COL, t("heading.charts_data"), {**TITLE, "font_size": 11})
    headings = [t("col.title"), expert_name, vote_name, t("col.final")]
    for offset, heading in enumerate(headings):
        grid.text(1, DATA_COL + offset, heading, HEADER)
    grid.sheet.set_column(DATA_COL, DATA_COL, fit(labels, 16, 34))
    grid.sheet.set_column(DATA_COL + 1, DATA_COL + 3, 14)
    part_places = places + 2
    parts = {part.case_id: part for part in data.parts}
    for index, entry in enumerate(data.final.entries):
        row = 2 + index
        part = parts[entry.case_id]
        grid.text(row, DATA_COL, labels[index], TEXT)
        grid.number(row, DATA_COL + 1, part.expert_part, part_places, NUMBER)
        grid.number(row, DATA_COL + 2, part.vote_part, part_places, NUMBER)
        grid.number(row, DATA_COL + 3, entry.final, places, NUMBER)
    span = Span(sheet_name, 2, 1 + len(data.final.entries))
    chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    assert chart is not None
    label_format = number_format(places)
    for col, colour, series_name in ((1, EXPERT, expert_name), (2, VOTE, vote_name)):
        chart.add_series(
            {
                "name": series_name,
                "categories": span.column(DATA_COL),
                "values": span.column(DATA_COL + col),
                "fill": {"color": colour},
                "gap": 40,
                "data_labels": {
                    "value": True,
                    "num_format": label_format,
                    "font": _fonts(8),
                },
            }
        )
    _base(
        chart,
        t("chart.final", expert=percent(rule.expert_weight), vote=percent(rule.vote_weight)),
    )
    chart.set_y_axis({"reverse": True, "num_font": _fonts(8)})
    chart.set_x_axis(
        {
            "min": 0,
            "max": 100,
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            "num_font": _fonts(8),
        }
    )
    return chart


def _distribution_chart(book: Workbook, data: ReportData, spans: RoundSpans) -> Chart:
    round_ = data.config.round(spans.round_key)
    result = data.rounds[spans.round_key]
    chart = book.add_chart({"type": "column"})
    assert chart is not None
    points = [{"fill": {"color": DARK if case.advances else LIGHT}} for case in result.cases]
    chart.add_series(
        {
            "name": t("chart.points"),
            "categories": spans.cases.column(spans.case_col),
            "values": spans.cases.column(spans.score_col),
            "points": points,
            "gap": 30,
        }
    )
    title = "chart.distribution" if round_.advance is not None else "chart.ranked"
    _base(chart, t(title, round=round_.name))
    chart.set_legend({"none": True})
    many = len(result.cases) > 20
    chart.set_x_axis({"num_font": {**_fonts(7 if many else 8), "rotation": -90 if many else 0}})
    scores = [case.score for case in result.cases if case.score is not None]
    axis: dict[str, object] = {
        "num_font": _fonts(8),
        "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
    }
    if scores and round_.aggregate != "zscore":
        axis["min"] = max(0, int(min(scores)) // 10 * 10 - 10)
        axis["max"] = float(result.max_total)
    chart.set_y_axis(axis)
    return chart


def _leniency_chart(book: Workbook, data: ReportData, spans: RoundSpans) -> Chart:
    assert spans.judges is not None
    round_ = data.config.round(spans.round_key)
    chart = book.add_chart({"type": "bar"})
    assert chart is not None
    stats = data.info(spans.round_key).judge_stats
    points = [{"fill": {"color": VOTE if s.offset > 0 else DARK}} for s in stats]
    chart.add_series(
        {
            "name": t("col.offset"),
            "categories": spans.judges.column(spans.judge_col),
            "values": spans.judges.column(spans.offset_col),
            "points": points,
            "gap": 50,
            "data_labels": {"value": True, "num_format": "+0.0;-0.0;0.0", "font": _fonts(8)},
        }
    )
    _base(chart, t("chart.leniency", round=round_.name))
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True, "num_font": _fonts(8), "label_position": "low"})
    chart.set_x_axis(
        {
            "num_font": _fonts(8),
            "num_format": "+0;-0;0",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
        }
    )
    return chart
