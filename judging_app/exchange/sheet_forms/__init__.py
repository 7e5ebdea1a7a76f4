"""Blank paper score sheets to print (평가표): one per judge of a round, as PDF or xlsx.

Each sheet names the contest, the round (its title: "대면심사 평가표") and the judge, lists the
judge's cases in the order the entry grid follows (the cases the judge is excluded from struck
through and greyed, not to be scored), a box per criterion with its maximum and step, a total box,
the rules in one line each, and the signature line (서명).
"""

from __future__ import annotations

from pathlib import Path

from judging_app.domain.messages import UserError, register
from judging_app.exchange.sheet_forms.model import BlankSheet, SheetForms, SheetLine

__all__ = ["BlankSheet", "SheetForms", "SheetLine", "write_sheet_forms"]

SUFFIXES = (".pdf", ".xlsx")

register(
    {
        "forms.bad_suffix": (
            "{file}: 평가표는 .pdf 또는 .xlsx로 씁니다",
            "{file}: the score sheets are written as .pdf or .xlsx",
        ),
        "forms.no_judges": (
            "{round}에 배정된 심사위원이 없어 평가표를 만들 수 없습니다",
            "round {round} has no judges on a panel: there is no sheet to print",
        ),
    }
)


def check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise UserError("forms.bad_suffix", file=path.name)


def write_sheet_forms(path: Path, forms: SheetForms) -> None:
    """Write ``forms`` to ``path`` (.pdf through Qt's PDF writer, .xlsx through XlsxWriter),
    under a temporary name first: a failed write leaves no half-written file."""
    check_suffix(path)
    if not forms.sheets:
        raise UserError("forms.no_judges", round=forms.round_key)
    temporary = path.with_name(f".{path.name}.partial")
    try:
        if path.suffix.lower() == ".pdf":
            from judging_app.exchange.sheet_forms.pdf import write_pdf

            write_pdf(temporary, forms)
        else:
            from judging_app.exchange.sheet_forms.xlsx import write_xlsx

            write_xlsx(temporary, forms)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
