"""Exporting the Excel report from the contest's current results."""

from __future__ import annotations

from pathlib import Path

from judging_app.exchange.report import CaseInfo, ReportData, write_report
from judging_app.services.contest import Contest


def export_report(contest: Contest, out: Path) -> Path:
    ranking = contest.final_ranking()
    cases = {
        case_id: CaseInfo(case.title, case.organization) for case_id, case in ranking.cases.items()
    }
    return write_report(out, ReportData(ranking.config, ranking.result, ranking.rounds, cases))
