"""Blank paper score sheets of a round, one per judge (``judging-app sheets``): what each sheet
lists is read here, the file is drawn by :mod:`judging_app.exchange.sheet_forms`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.exchange.sheet_forms import (
    BlankSheet,
    SheetForms,
    SheetLine,
    check_suffix,
    write_sheet_forms,
)
from judging_app.services import loading
from judging_app.store import models as m


def sheet_cases(data: loading.RoundData, judge_id: str) -> tuple[tuple[str, bool], ...]:
    """The cases on a judge's sheet in sheet order (case id), each with whether the judge is
    excluded from it: the order of the printed sheet and of the entry grid."""
    label = data.judge_panel(judge_id)
    return tuple(
        (case_id, (judge_id, case_id) in data.excluded)
        for case_id, panel in sorted(data.field.items())
        if label is not None and panel == label
    )


def sheet_forms(session: Session, config: ContestConfig, round_key: str) -> SheetForms:
    data = loading.round_data(session, round_key)
    judges = {j.judge_id: j for j in session.scalars(select(m.Judge))}
    cases = loading.case_titles(session)
    sheets = []
    for label, members in sorted(data.panels.items()):
        for judge_id in members:
            judge = judges[judge_id]
            lines = tuple(
                SheetLine(
                    number,
                    case_id,
                    cases[case_id].title,
                    cases[case_id].organization,
                    excluded,
                )
                for number, (case_id, excluded) in enumerate(sheet_cases(data, judge_id), 1)
            )
            sheets.append(BlankSheet(judge_id, judge.name, judge.affiliation, label, lines))
    return SheetForms(
        config.name,
        round_key,
        config.round(round_key).name,
        config.round_criteria(round_key),
        tuple(sorted(sheets, key=lambda s: s.judge_id)),
    )


def write_blank_sheets(session: Session, config: ContestConfig, round_key: str, out: Path) -> int:
    """Write the round's blank sheets to ``out`` (.pdf or .xlsx); returns how many."""
    check_suffix(out)
    forms = sheet_forms(session, config, round_key)
    write_sheet_forms(out, forms)
    return len(forms.sheets)
