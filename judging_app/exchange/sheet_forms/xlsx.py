"""The blank score sheets as an xlsx workbook: one worksheet per judge, each printing on one A4
page (portrait, fitted to the page), with the same content as the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from judging_app.exchange.sheet_forms.model import BlankSheet, SheetForms, SheetLine, number, t

FONT = "Malgun Gothic"
PAPER_A4 = 9
CASE_WIDTH = 46
BOX_WIDTH = 11


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base: dict[str, Any] = {"font_name": FONT, "valign": "vcenter", "font_size": 10}

        def add(**extra: Any) -> Any:
            return book.add_format({**base, **extra})

        self.contest = add(font_color="#666666", font_size=9)
        self.title = add(bold=True, font_size=18, align="center")
        self.label = add(bold=True, align="center", border=1, bg_color="#E6E6E6")
        self.value = add(border=1, indent=1)
        self.head = add(bold=True, align="center", border=2, bg_color="#E6E6E6", text_wrap=True)
        self.number = add(align="center", border=1)
        self.case = add(border=1, text_wrap=True, indent=1)
        self.box = add(border=2, align="right", valign="bottom", font_size=7, font_color="#888888")
        self.number_excluded = add(
            align="center", border=1, bg_color="#F4F4F4", font_strikeout=True
        )
        self.case_excluded = add(
            border=1, text_wrap=True, indent=1, bg_color="#F4F4F4", font_strikeout=True
        )
        self.excluded = add(
            bold=True, align="center", border=1, bg_color="#F4F4F4", font_color="#666666"
        )
        self.rule = add(font_color="#666666", font_size=9)
        self.pledge = add(align="center", font_size=11)
        self.signer = add(align="right", font_size=12)
        self.signature_line = add(bottom=1)
        self.signature = add(font_size=11)
        self.footer = add(font_color="#666666", font_size=8)


def write_xlsx(path: Path, forms: SheetForms) -> None:
    book = xlsxwriter.Workbook(str(path))
    try:
        formats = _Formats(book)
        for sheet in forms.sheets:
            _sheet(book.add_worksheet(sheet.judge_id[:31]), formats, forms, sheet)
    finally:
        book.close()


def _sheet(ws: Worksheet, f: _Formats, forms: SheetForms, sheet: BlankSheet) -> None:
    last = 2 + len(forms.criteria)  # number, case, criteria…, total
    ws.set_paper(PAPER_A4)
    ws.set_portrait()
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    footer = t("forms.footer", round=forms.round_name, judge=sheet.judge_id, page="&P", pages="&N")
    ws.set_footer(f"&C&8{footer}")
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, CASE_WIDTH)
    ws.set_column(2, last, BOX_WIDTH)
    ws.merge_range(0, 0, 0, last, forms.contest, f.contest)
    ws.merge_range(1, 0, 1, last, t("forms.title", round=forms.round_name), f.title)
    ws.set_row(1, 36)
    excluded = sum(1 for line in sheet.lines if line.excluded)
    info = [
        (t("forms.judge"), f"{sheet.name} ({sheet.judge_id})"),
        (t("forms.affiliation"), sheet.affiliation),
        (t("forms.panel"), sheet.panel),
        (t("forms.cases"), t("forms.cases_count", count=len(sheet.lines), excluded=excluded)),
    ]
    middle = 2 + len(forms.criteria) // 2
    for index, (label, value) in enumerate(info):
        row = 3 + index // 2
        if index % 2 == 0:
            ws.write_string(row, 0, label, f.label)
            ws.merge_range(row, 1, row, middle - 1, value, f.value)
        else:
            ws.write_string(row, middle, label, f.label)
            ws.merge_range(row, middle + 1, row, last, value, f.value)
        ws.set_row(row, 24)
    top = 6
    headings = [t("forms.number"), t("forms.case")]
    headings += [
        f"{c.name}\n{t('forms.max', max=number(c.max))}\n{t('forms.step', step=number(c.step))}"
        for c in forms.criteria
    ]
    headings.append(f"{t('forms.total')}\n{t('forms.max', max=number(forms.total_max))}")
    for column, heading in enumerate(headings):
        ws.write_string(top, column, heading, f.head)
    ws.set_row(top, 52)
    ws.repeat_rows(top)
    row = top + 1
    for line in sheet.lines:
        _line(ws, f, forms, row, line, last)
        row += 1
    _closing(ws, f, sheet, row + 1, last)


def _line(
    ws: Worksheet, f: _Formats, forms: SheetForms, row: int, line: SheetLine, last: int
) -> None:
    ws.set_row(row, 34)
    case = f"{line.case_id}  {line.title}\n{line.organization}"
    if line.excluded:
        ws.write_number(row, 0, line.number, f.number_excluded)
        ws.write_string(row, 1, case, f.case_excluded)
        ws.merge_range(row, 2, row, last, t("forms.excluded"), f.excluded)
        return
    ws.write_number(row, 0, line.number, f.number)
    ws.write_string(row, 1, case, f.case)
    for column, criterion in enumerate(forms.criteria, start=2):
        ws.write_string(row, column, f"/ {number(criterion.max)}", f.box)
    ws.write_string(row, last, f"/ {number(forms.total_max)}", f.box)


def _closing(ws: Worksheet, f: _Formats, sheet: BlankSheet, row: int, last: int) -> None:
    rules = [t("forms.rule.range"), t("forms.rule.all")]
    if any(line.excluded for line in sheet.lines):
        rules.append(t("forms.rule.excluded"))
    for rule in rules:
        ws.merge_range(row, 0, row, last, f"· {rule}", f.rule)
        row += 1
    row += 1
    ws.merge_range(row, 0, row, last, f"{t('forms.pledge')}      {t('forms.date')}", f.pledge)
    row += 2
    ws.set_row(row, 30)
    ws.write_string(row, 1, f"{t('forms.judge')}  {sheet.name}", f.signer)
    ws.merge_range(row, 2, row, last - 1, "", f.signature_line)
    ws.write_string(row, last, f"({t('forms.signature')})", f.signature)
    ws.print_area(0, 0, row, last)
