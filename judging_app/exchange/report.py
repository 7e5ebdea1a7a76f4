"""The Excel report (XlsxWriter): the final ranking and one sheet per round.

The numbers written are the domain's rounded decimals, written as numbers with a format of exactly
``decimals`` places, so that Excel shows what was ranked and can still sum them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from judging_app.domain.config import ContestConfig
from judging_app.domain.messages import language
from judging_app.domain.ranking import FinalResult
from judging_app.domain.scoring import RoundResult

FONT = "맑은 고딕"
AWARD_COLOURS = ("#F8CBAD", "#FFE699", "#C6E0B4", "#BDD7EE", "#D9D9D9")

HEADINGS = {
    "final": ("최종 순위", "Final ranking"),
    "rank": ("순위", "Rank"),
    "award": ("시상", "Award"),
    "case_id": ("사례 번호", "Case"),
    "title": ("사례명", "Title"),
    "organization": ("기관", "Organisation"),
    "expert": ("전문가 점수", "Expert"),
    "votes": ("득표수", "Votes"),
    "vote_points": ("투표 환산 점수", "Vote points"),
    "final_score": ("최종 점수", "Final score"),
    "score": ("단계 점수", "Round score"),
    "judges": ("심사위원 수", "Judges"),
    "advances": ("진출", "Advances"),
    "yes": ("진출", "yes"),
    "warnings": ("확인 사항", "Warnings"),
    "weights": (
        "전문가 {expert}% + 국민투표 {vote}%, 소수점 {decimals}자리 반올림",
        "experts {expert}% + votes {vote}%, rounded half up to {decimals} decimals",
    ),
    "mean_of": ("{name} 평균", "{name} mean"),
}


def heading(key: str, **params: object) -> str:
    korean, english = HEADINGS[key]
    return (korean if language() == "ko" else english).format(**params)


@dataclass(frozen=True)
class CaseInfo:
    title: str
    organization: str


@dataclass(frozen=True)
class ReportData:
    config: ContestConfig
    final: FinalResult
    rounds: Mapping[str, RoundResult]
    cases: Mapping[str, CaseInfo]


class _Formats:
    def __init__(self, book: Workbook, decimals: int) -> None:
        base = {"font_name": FONT, "font_size": 10, "border": 1, "valign": "vcenter"}
        self.title = book.add_format({"font_name": FONT, "font_size": 14, "bold": True})
        self.note = book.add_format({"font_name": FONT, "font_size": 9, "italic": True})
        self.header = book.add_format(
            {**base, "bold": True, "bg_color": "#D9E1F2", "align": "center", "text_wrap": True}
        )
        self.text = book.add_format({**base, "text_wrap": True})
        self.centre = book.add_format({**base, "align": "center"})
        places = "0." + "0" * decimals if decimals else "0"
        self.number = book.add_format({**base, "num_format": places})
        self.whole = book.add_format({**base, "num_format": "#,##0"})
        self.cutoff = book.add_format({"top": 2, "top_color": "#C00000"})
        self.book = book
        self.base = base
        self.places = places

    def shaded(self, colour: str, kind: str) -> object:
        extra = {"bg_color": colour}
        if kind == "number":
            extra["num_format"] = self.places
        elif kind == "whole":
            extra["num_format"] = "#,##0"
        return self.book.add_format({**self.base, **extra})


def write_report(path: Path, data: ReportData) -> Path:
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    formats = _Formats(book, data.config.final.decimals)
    _final_sheet(book, formats, data)
    for round_ in data.config.rounds:
        _round_sheet(book, formats, data, round_.key)
    book.close()
    return path


def _prepare(sheet: Worksheet, header_row: int, widths: list[int]) -> None:
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.7, bottom=0.7)
    sheet.set_footer("&C&P / &N")


def _final_sheet(book: Workbook, formats: _Formats, data: ReportData) -> None:
    sheet = book.add_worksheet(heading("final"))
    rule = data.config.final
    sheet.write(0, 0, data.config.name, formats.title)
    sheet.write(
        1,
        0,
        heading(
            "weights",
            expert=rule.expert_weight * 100,
            vote=rule.vote_weight * 100,
            decimals=rule.decimals,
        ),
        formats.note,
    )
    columns = [
        "rank",
        "award",
        "case_id",
        "title",
        "organization",
        "expert",
        "votes",
        "vote_points",
        "final_score",
    ]
    header_row = 3
    sheet.write_row(header_row, 0, [heading(c) for c in columns], formats.header)
    _prepare(sheet, header_row, [6, 8, 9, 40, 18, 11, 9, 12, 11])
    sheet.set_landscape()
    tiers = {
        tier.name: AWARD_COLOURS[i % len(AWARD_COLOURS)]
        for i, tier in enumerate(data.config.awards)
    }
    for offset, entry in enumerate(data.final.entries, start=1):
        row = header_row + offset
        colour = tiers.get(entry.award or "")
        number = formats.shaded(colour, "number") if colour else formats.number
        whole = formats.shaded(colour, "whole") if colour else formats.whole
        text = formats.shaded(colour, "text") if colour else formats.text
        info = data.cases.get(entry.case_id, CaseInfo("", ""))
        sheet.write_number(row, 0, entry.rank, text)
        sheet.write_string(row, 1, entry.award or "", text)
        sheet.write_string(row, 2, entry.case_id, text)
        sheet.write_string(row, 3, info.title, text)
        sheet.write_string(row, 4, info.organization, text)
        _decimal(sheet, row, 5, entry.expert, number)
        sheet.write_number(row, 6, entry.votes, whole)
        _decimal(sheet, row, 7, entry.vote_points, number)
        _decimal(sheet, row, 8, entry.final, number)
    _warnings(sheet, formats, header_row + len(data.final.entries) + 2, data.final.warnings)


def _decimal(sheet: Worksheet, row: int, column: int, value: Decimal | None, fmt: object) -> None:
    if value is None:
        sheet.write_blank(row, column, None, fmt)
    else:
        sheet.write_number(row, column, float(value), fmt)


def _warnings(sheet: Worksheet, formats: _Formats, row: int, warnings: tuple[str, ...]) -> None:
    if not warnings:
        return
    sheet.write(row, 0, heading("warnings"), formats.title)
    for offset, warning in enumerate(warnings, start=1):
        sheet.write_string(row + offset, 0, f"• {warning}", formats.note)


def _round_sheet(book: Workbook, formats: _Formats, data: ReportData, key: str) -> None:
    config = data.config
    round_ = config.round(key)
    result = data.rounds[key]
    sheet = book.add_worksheet(round_.name[:31])
    sheet.write(0, 0, f"{config.name} — {round_.name}", formats.title)
    judges = sorted(
        {j for case in result.cases for j in case.totals}
        | {j for case in result.cases for j in case.excluded}
    )
    criteria = config.round_criteria(key)
    header = [heading(c) for c in ("rank", "case_id", "title", "score", "judges", "advances")]
    header += judges + [heading("mean_of", name=c.name) for c in criteria]
    header_row = 2
    sheet.write_row(header_row, 0, header, formats.header)
    _prepare(sheet, header_row, [6, 9, 36, 10, 8, 7] + [7] * len(judges) + [10] * len(criteria))
    sheet.set_landscape()
    cut_drawn = False
    for offset, case in enumerate(result.cases, start=1):
        row = header_row + offset
        info = data.cases.get(case.case_id, CaseInfo("", ""))
        sheet.write(row, 0, case.rank if case.rank is not None else "", formats.centre)
        sheet.write_string(row, 1, case.case_id, formats.text)
        sheet.write_string(row, 2, info.title, formats.text)
        _decimal(sheet, row, 3, case.score, formats.number)
        sheet.write_number(row, 4, case.judges, formats.centre)
        sheet.write_string(row, 5, heading("yes") if case.advances else "", formats.centre)
        for index, judge_id in enumerate(judges, start=6):
            if judge_id in case.excluded:
                sheet.write_string(
                    row, index, "제척" if language() == "ko" else "excl.", formats.centre
                )
            elif judge_id in case.totals:
                value = case.totals[judge_id]
                label = f"({value})" if judge_id in case.trimmed else None
                if label:
                    sheet.write_string(row, index, label, formats.centre)
                else:
                    _decimal(sheet, row, index, value, formats.centre)
        for index, criterion in enumerate(criteria, start=6 + len(judges)):
            _decimal(sheet, row, index, case.criterion_means.get(criterion.key), formats.number)
        if result.advance is not None and not case.advances and not cut_drawn:
            sheet.set_row(row - 1, None, None)
            sheet.conditional_format(
                row,
                0,
                row,
                len(header) - 1,
                {"type": "formula", "criteria": "TRUE", "format": formats.cutoff},
            )
            cut_drawn = True
    _warnings(sheet, formats, header_row + len(result.cases) + 2, result.warnings)
