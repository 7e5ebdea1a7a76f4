"""Cell formats, column widths, row heights and print settings shared by every sheet."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from judging_app.domain.numbers import round_half_up
from judging_app.exchange.report.texts import t

FONT = "맑은 고딕"
"""Malgun Gothic, Windows' Korean UI font; LibreOffice substitutes a CJK font where it is absent."""
HANGUL_CHARSET = 129
"""The font's character set: tells Excel to fall back to a Hangul font if the name is missing."""
FONT_SIZE = 10
LINE_POINTS = 14.5
"""The height of one line of 10-point Korean text."""
PAPER_A4 = 9
FORMULA_STARTS = ("=", "+", "-", "@")

BASE: dict[str, object] = {
    "font_name": FONT,
    "font_size": FONT_SIZE,
    "font_charset": HANGUL_CHARSET,
    "font_family": 2,
    "valign": "vcenter",
}
CELL: dict[str, object] = {"border": 1, "border_color": "#808080"}
HEADER: dict[str, object] = {
    **CELL,
    "bold": True,
    "bg_color": "#DDEBF7",
    "align": "center",
    "text_wrap": True,
}
TEXT: dict[str, object] = {**CELL, "text_wrap": True}
CENTRE: dict[str, object] = {**CELL, "align": "center", "text_wrap": True}
NUMBER: dict[str, object] = {**CELL, "align": "right"}
TITLE: dict[str, object] = {"font_size": 14, "bold": True, "valign": "vcenter"}
NOTE: dict[str, object] = {"font_size": 9, "font_color": "#404040"}
AWARD_COLOURS = ("#F8CBAD", "#FFE699", "#E2EFDA", "#DDEBF7", "#EDEDED")


def number_format(places: int) -> str:
    return "0." + "0" * places if places else "0"


def display_width(value: str) -> int:
    """Columns a text takes: East Asian wide and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in value)


def fit(values: Iterable[str], minimum: float, maximum: float) -> float:
    """A column width for these texts (each line of each), between ``minimum`` and ``maximum``."""
    widest = max((display_width(line) for value in values for line in value.split("\n")), default=0)
    return min(max(widest + 2.0, minimum), maximum)


def wrapped_lines(value: str, width: float) -> int:
    """How many lines ``value`` takes in a wrapping column of ``width`` (estimated generously:
    wrapping at spaces leaves ragged ends)."""
    count = 0
    for line in value.split("\n"):
        needed = display_width(line)
        if needed <= width - 1:
            count += 1
        else:
            count += math.ceil(needed * 1.1 / max(width - 1.5, 1.0))
    return max(1, count)


def row_height(lines: int, font_size: float = FONT_SIZE) -> float:
    return round(lines * LINE_POINTS * font_size / FONT_SIZE + 3.5, 1)


def places_of(values: Iterable[Decimal]) -> int:
    """The decimal places needed to show every value (e.g. 1 for a step of 0.5)."""
    places = 0
    for value in values:
        exponent = value.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < 0:
            places = max(places, -exponent)
    return places


class Styles:
    """Formats made on demand from property sets, one per distinct set."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._cache: dict[tuple[tuple[str, object], ...], Format] = {}

    def get(self, props: dict[str, object]) -> Format:
        key = tuple(sorted(props.items()))
        found = self._cache.get(key)
        if found is None:
            found = self.book.add_format({**BASE, **props})
            self._cache[key] = found
        return found


class Grid:
    """A worksheet written cell by cell with the report's rules: text is always text (a title that
    starts with ``=`` is never a formula), decimals are rounded half up for display."""

    def __init__(self, sheet: Worksheet, styles: Styles) -> None:
        self.sheet = sheet
        self.styles = styles

    def text(self, row: int, col: int, value: str, props: dict[str, object] = TEXT) -> None:
        """A text cell (an empty text: a blank cell with the format)."""
        if not value:
            self.sheet.write_blank(row, col, None, self.styles.get(props))
            return
        if value.startswith(FORMULA_STARTS):
            props = {**props, "quote_prefix": True}
        self.sheet.write_string(row, col, value, self.styles.get(props))

    def number(
        self,
        row: int,
        col: int,
        value: Decimal | int | None,
        places: int | None = None,
        props: dict[str, object] = NUMBER,
    ) -> None:
        """A number; a Decimal is rounded half up to ``places`` and shown with that many."""
        if places is not None and "num_format" not in props:
            props = {**props, "num_format": number_format(places)}
        fmt = self.styles.get(props)
        if value is None:
            self.sheet.write_blank(row, col, None, fmt)
        elif isinstance(value, Decimal):
            shown = round_half_up(value, places) if places is not None else value
            self.sheet.write_number(row, col, float(shown), fmt)
        else:
            self.sheet.write_number(row, col, value, fmt)

    def blank(self, row: int, col: int, props: dict[str, object] = TEXT) -> None:
        self.sheet.write_blank(row, col, None, self.styles.get(props))

    def merged(
        self, row: int, first: int, last: int, value: str, props: dict[str, object] = TEXT
    ) -> None:
        if value.startswith(FORMULA_STARTS):
            props = {**props, "quote_prefix": True}
        if last > first:
            self.sheet.merge_range(row, first, row, last, "", self.styles.get(props))
        self.sheet.write_string(row, first, value, self.styles.get(props))

    def header(self, row: int, headings: list[str], props: dict[str, object] = HEADER) -> None:
        for col, heading in enumerate(headings):
            self.text(row, col, heading, props)
        lines = max((h.count("\n") + 1 for h in headings), default=1)
        self.sheet.set_row(row, row_height(lines) + 2)

    def widths(self, widths: list[float]) -> None:
        for col, width in enumerate(widths):
            self.sheet.set_column(col, col, width)


def _escape(value: str) -> str:
    return value.replace("&", "&&")


def setup_page(
    sheet: Worksheet,
    *,
    contest: str,
    generated: str,
    landscape: bool,
    repeat: tuple[int, int] | None = None,
    freeze: tuple[int, int] | None = None,
    scale: int | None = None,
) -> None:
    """A4, orientation, margins, the contest in the page header, page x of y in the footer, the
    header rows repeated and frozen; fit to the page width unless a ``scale`` is given (a sheet
    with manual page breaks needs one: fitting would override the breaks)."""
    sheet.set_paper(PAPER_A4)
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.7)
    # The font code ends the size code: a name that starts with a digit would otherwise extend it.
    sheet.set_header(f'&R&9&"-,Regular"{_escape(contest)[:200]}', {"margin": 0.3})
    sheet.set_footer(
        f"&L&8&A&C&9{t('page.footer')}&R&8{_escape(t('page.generated', at=generated))}",
        {"margin": 0.3},
    )
    if repeat is not None:
        sheet.repeat_rows(*repeat)
    if freeze is not None:
        sheet.freeze_panes(*freeze)
    if scale is None:
        sheet.fit_to_pages(1, 0)
    else:
        sheet.set_print_scale(scale)
    sheet.hide_gridlines(1)
