"""The Excel report that the secretariat prints, signs and files (XlsxWriter).

One module per sheet; :func:`write_report` writes them all from a :class:`ReportData` that the
services fill. Numbers are the domain's decimals, written as numbers rounded half up to the places
they are shown with, so that what is printed is what was ranked and Excel can still sum them.
"""

from judging_app.exchange.report.data import (
    AuditLine,
    CaseInfo,
    FinalPart,
    JudgeInfo,
    ReportData,
    RoundInfo,
    ScoreSheet,
    SheetLine,
    VoteLine,
)
from judging_app.exchange.report.workbook import sheet_names, write_report

__all__ = [
    "AuditLine",
    "CaseInfo",
    "FinalPart",
    "JudgeInfo",
    "ReportData",
    "RoundInfo",
    "ScoreSheet",
    "SheetLine",
    "VoteLine",
    "sheet_names",
    "write_report",
]
