"""Write the whole report: the sheets in order, their names, the workbook's defaults."""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

import xlsxwriter

from judging_app.exchange.report.audit import write_audit
from judging_app.exchange.report.charts import RoundSpans, Span, write_charts
from judging_app.exchange.report.data import ReportData
from judging_app.exchange.report.final import write_final
from judging_app.exchange.report.judges import NAME_COL, OFFSET_COL, write_judges
from judging_app.exchange.report.layout import BASE, Styles, places_of
from judging_app.exchange.report.rounds import SCORE_COL, write_round
from judging_app.exchange.report.score_sheets import write_score_sheets
from judging_app.exchange.report.summary import write_summary
from judging_app.exchange.report.texts import t
from judging_app.exchange.report.votes import write_votes

SHEET_NAME_LIMIT = 31
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_names(data: ReportData) -> dict[str, str]:
    """Every sheet's name by role ('summary', 'final', 'round:KEY', ...), valid and unique."""
    roles = ["summary", "final", *(f"round:{r.key}" for r in data.config.rounds)]
    roles += ["judges", "charts", "votes", "score_sheets", "audit"]
    names: dict[str, str] = {}
    taken: set[str] = set()
    for role in roles:
        wanted = (
            data.config.round(role[6:]).name if role.startswith("round:") else t(f"sheet.{role}")
        )
        cleaned = " ".join(FORBIDDEN.sub(" ", wanted).split()).strip("'")
        base = cleaned[:SHEET_NAME_LIMIT].strip() or role[:SHEET_NAME_LIMIT]
        name, number = base, 2
        while name.casefold() in taken:
            suffix = f" ({number})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
            number += 1
        taken.add(name.casefold())
        names[role] = name
    return names


def when(at: datetime | None) -> str:
    moment = at or datetime.now().astimezone()
    zone = moment.tzname() or ""
    return f"{moment:%Y-%m-%d %H:%M} {zone}".strip()


def write_report(path: Path, data: ReportData) -> Path:
    """Write the report to ``path`` (replaced if present) and return it.

    The workbook is written under a temporary name beside ``path``, flushed to disk and renamed into
    place, so that a full disk or a crash never leaves a half-written report under the real name.
    """
    partial = path.with_name(f".{path.stem}.writing-{os.getpid()}.xlsx")
    try:
        _write_workbook(partial, data)
        with partial.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _write_workbook(path: Path, data: ReportData) -> None:
    names = sheet_names(data)
    generated = when(data.generated_at)
    score_places = places_of(c.step for c in data.config.criteria)
    book = xlsxwriter.Workbook(
        str(path),
        {
            # Each sheet is written row by row and each row goes to disk once the next one starts:
            # memory stays flat however many cases and judges the contest has.
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_format_properties": {
                "font_name": BASE["font_name"],
                "font_size": BASE["font_size"],
            },
        },
    )
    book.set_properties({"title": f"{data.config.name} — {t('summary.title')}"})
    styles = Styles(book)
    contents = {names["final"]: t("summary.contents.final")}
    for round_ in data.config.rounds:
        contents[names[f"round:{round_.key}"]] = t("summary.contents.round")
    for role in ("judges", "charts", "votes", "score_sheets", "audit"):
        contents[names[role]] = t(f"summary.contents.{role}")
    common = {"generated": generated}
    write_summary(book, styles, data, name=names["summary"], sheets=contents, **common)
    write_final(book, styles, data, name=names["final"], **common)
    cases: dict[str, tuple[int, int]] = {}
    for round_ in data.config.rounds:
        role = f"round:{round_.key}"
        cases[round_.key] = write_round(
            book, styles, data, round_.key, name=names[role], score_places=score_places, **common
        )
    judges = write_judges(book, styles, data, name=names["judges"], **common)
    spans = [
        RoundSpans(
            round_key=round_.key,
            cases=Span(names[f"round:{round_.key}"], *cases[round_.key]),
            case_col=1,
            score_col=SCORE_COL,
            judges=Span(names["judges"], *judges[round_.key]) if round_.key in judges else None,
            judge_col=NAME_COL,
            offset_col=OFFSET_COL,
        )
        for round_ in data.config.rounds
        if data.rounds[round_.key].cases
    ]
    write_charts(book, styles, data, name=names["charts"], rounds=spans, **common)
    write_votes(book, styles, data, name=names["votes"], **common)
    write_score_sheets(
        book, styles, data, name=names["score_sheets"], score_places=score_places, **common
    )
    write_audit(book, styles, data, name=names["audit"], **common)
    book.close()
