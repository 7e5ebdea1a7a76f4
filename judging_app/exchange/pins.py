"""The PIN list that goes with a round's judge packages: a csv, and an xlsx of slips to cut out.

The csv (UTF-8 with a BOM, so that Korean Excel reads it) has one row per judge: ``judge_id,
name, affiliation, panel, file, pin, key``. PINs are text: open the csv in a text editor or the
xlsx, not by double-clicking the csv (Excel would drop a PIN's leading zeros).

The xlsx is print-ready: A4 portrait, four slips a page separated by dashed cut lines, each slip
with the contest, the round, the judge, the package's file name, the PIN in large type and the
first digits of the key's fingerprint (which the judge's app shows too, so that the judge can
check they hold the right package). A second sheet lists every PIN, for the secretariat.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from judging_app.domain.messages import register, text

if TYPE_CHECKING:
    import xlsxwriter
    import xlsxwriter.worksheet

SLIPS_PER_PAGE = 4
_ROWS_PER_SLIP = 9
_A4 = 9

register(
    {
        "pins.title": ("심사위원 패키지 PIN", "Judge package PIN"),
        "pins.judge": ("심사위원", "Judge"),
        "pins.file": ("패키지 파일", "Package file"),
        "pins.pin": ("PIN", "PIN"),
        "pins.key": ("키 확인 번호", "Key check"),
        "pins.note": (
            "앱에서 패키지를 열고 이 PIN을 입력하십시오. PIN은 패키지와 따로 보관하십시오.",
            "Open the package in the app and enter this PIN. Keep the PIN apart from the package.",
        ),
        "pins.cut": (
            "✂ - - - - - - - - - - - - - 자르는 선 - - - - - - - - - - - - -",
            "✂ - - - - - - - - - - - - - cut here - - - - - - - - - - - - -",
        ),
        "pins.slips": ("PIN 쪽지", "PIN slips"),
        "pins.list": ("PIN 목록", "PIN list"),
    }
)

CSV_HEADER = ("judge_id", "name", "affiliation", "panel", "file", "pin", "key")


@dataclass(frozen=True)
class PinSlip:
    judge_id: str
    name: str
    affiliation: str
    panel: str
    file_name: str
    pin: str
    key: str
    """The key fingerprint's first digits, as the judge's app shows them."""


def write_pin_csv(path: Path, slips: Sequence[PinSlip]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(CSV_HEADER)
        for s in slips:
            writer.writerow((s.judge_id, s.name, s.affiliation, s.panel, s.file_name, s.pin, s.key))


def write_pin_slips(
    path: Path, slips: Sequence[PinSlip], *, contest: str, round_name: str, issued_at: str
) -> None:
    """The print-ready slips (see the module docstring)."""
    import xlsxwriter  # here: only issuing packages writes slips

    book = xlsxwriter.Workbook(str(path))
    try:
        fmt = _formats(book)
        sheet = book.add_worksheet(text("pins.slips"))
        sheet.set_paper(_A4)
        sheet.set_portrait()
        sheet.set_margins(left=0.6, right=0.6, top=0.6, bottom=0.6)
        sheet.center_horizontally()
        sheet.hide_gridlines(2)
        sheet.fit_to_pages(1, 0)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 1, 54)
        sheet.set_footer(f"&L{contest} · {round_name}&R{issued_at} · &P / &N")
        breaks = []
        for index, slip in enumerate(slips):
            top = index * _ROWS_PER_SLIP
            if index and index % SLIPS_PER_PAGE == 0:
                breaks.append(top)
            _slip(sheet, fmt, top, slip, contest=contest, round_name=round_name)
        sheet.set_h_pagebreaks(breaks)
        last_row = max(len(slips) * _ROWS_PER_SLIP - 1, 0)
        sheet.print_area(0, 0, last_row, 1)
        _list_sheet(book, fmt, slips, text("pins.list"))
    finally:
        book.close()


def _formats(book: xlsxwriter.Workbook) -> dict[str, object]:
    base = {"font_name": "Malgun Gothic", "valign": "vcenter"}
    return {
        "cut": book.add_format({**base, "font_color": "#808080", "top": 3, "font_size": 8}),
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "label": book.add_format({**base, "font_color": "#404040", "font_size": 10}),
        "value": book.add_format({**base, "font_size": 11}),
        "pin": book.add_format(
            {**base, "bold": True, "font_size": 28, "font_name": "Consolas", "num_format": "@"}
        ),
        "note": book.add_format({**base, "font_size": 9, "text_wrap": True, "italic": True}),
        "header": book.add_format({**base, "bold": True, "bottom": 1}),
        "text": book.add_format({**base, "num_format": "@"}),
    }


def _slip(
    sheet: xlsxwriter.worksheet.Worksheet,
    fmt: dict[str, object],
    top: int,
    slip: PinSlip,
    *,
    contest: str,
    round_name: str,
) -> None:
    sheet.merge_range(top, 0, top, 1, text("pins.cut"), fmt["cut"])
    sheet.merge_range(top + 1, 0, top + 1, 1, f"{text('pins.title')} — {contest}", fmt["title"])
    sheet.write_string(top + 2, 0, round_name, fmt["label"])
    sheet.write_string(top + 3, 0, text("pins.judge"), fmt["label"])
    judge = f"{slip.name} ({slip.judge_id})" + (
        f" · {slip.affiliation}" if slip.affiliation else ""
    )
    sheet.write_string(top + 3, 1, judge, fmt["value"])
    sheet.write_string(top + 4, 0, text("pins.file"), fmt["label"])
    sheet.write_string(top + 4, 1, slip.file_name, fmt["value"])
    sheet.write_string(top + 5, 0, text("pins.pin"), fmt["label"])
    sheet.write_string(top + 5, 1, " ".join((slip.pin[:3], slip.pin[3:])), fmt["pin"])
    sheet.set_row(top + 5, 40)
    sheet.write_string(top + 6, 0, text("pins.key"), fmt["label"])
    sheet.write_string(top + 6, 1, slip.key, fmt["value"])
    sheet.merge_range(top + 7, 0, top + 7, 1, text("pins.note"), fmt["note"])
    sheet.set_row(top + 7, 30)


def _list_sheet(
    book: xlsxwriter.Workbook, fmt: dict[str, object], slips: Sequence[PinSlip], name: str
) -> None:
    sheet = book.add_worksheet(name)
    sheet.set_paper(_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.freeze_panes(1, 0)
    widths = (10, 14, 24, 8, 28, 10, 22)
    for column, (title, width) in enumerate(zip(CSV_HEADER, widths, strict=True)):
        sheet.set_column(column, column, width)
        sheet.write_string(0, column, title, fmt["header"])
    for row, s in enumerate(slips, start=1):
        values = (s.judge_id, s.name, s.affiliation, s.panel, s.file_name, s.pin, s.key)
        for column, value in enumerate(values):
            sheet.write_string(row, column, value, fmt["text"])
