"""Every number in the report is the domain's: the final ranking is exactly ``rank --json``, the
round sheets are ``rank --round --json`` plus the judges' totals and criterion means, formatted to
``decimals`` places."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from judging_app.domain.numbers import round_half_up
from judging_app.domain.stats import judge_stats
from judging_app.services.contest import Contest
from tests.cli.conftest import CONFIG
from tests.report.conftest import build_hand_contest, export, rank_json

HEADER_ROW = 4  # 1-based: the row of column headings on the table sheets


def table(sheet: Worksheet, width: int) -> list[tuple[object, ...]]:
    """The rows under the heading row until the first empty row."""
    rows = []
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=width, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(row)
    return rows


def final_rows(report: Path) -> list[tuple[object, ...]]:
    book = load_workbook(report)
    return table(book["최종 순위"], 9)


@pytest.mark.parametrize("which", ["hand", "demo"])
def test_the_final_ranking_is_exactly_what_rank_json_prints(which, request, capsys):
    db = request.getfixturevalue(f"{which}_db")
    report = request.getfixturevalue(f"{which}_report")
    expected = rank_json(db, capsys)
    rows = final_rows(report)
    assert [(r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[8]) for r in rows] == [
        (
            e["rank"],
            e["award"],
            e["case_id"],
            e["title"],
            e["expert"],
            e["votes"],
            e["vote_points"],
            e["final"],
        )
        for e in expected["ranking"]
    ]


def test_the_hand_worked_final_ranking(hand_report):
    assert [(r[0], r[2], r[5], r[6], r[7], r[8], r[1]) for r in final_rows(hand_report)] == [
        (1, "C5", 40.0, 600, 100.0, 64.0, "최우수"),
        (2, "C3", 50.0, 300, 50.0, 50.0, "우수"),
        (3, "C2", 50.0, 300, 50.0, 50.0, "우수"),
        (4, "C1", 56.67, 100, 16.67, 40.67, None),
    ]


@pytest.mark.parametrize("which", ["hand", "demo"])
def test_each_round_sheet_is_what_rank_round_json_prints(which, request, capsys):
    db = request.getfixturevalue(f"{which}_db")
    book = load_workbook(request.getfixturevalue(f"{which}_report"))
    contest = Contest.open(db)
    rounds = contest.config().rounds
    contest.close()
    for round_ in rounds:
        expected = rank_json(db, capsys, "--round", round_.key)
        rows = table(book[round_.name], 7)
        assert [(r[0], r[1], r[2], r[4], r[5], r[6] == "진출") for r in rows] == [
            (e["rank"], e["case_id"], e["title"], e["score"], e["judges"], e["advances"])
            for e in expected["ranking"]
        ]


@pytest.mark.parametrize("which", ["hand", "demo"])
def test_judge_totals_and_criterion_means_are_the_domains(which, request):
    db = request.getfixturevalue(f"{which}_db")
    book = load_workbook(request.getfixturevalue(f"{which}_report"))
    contest = Contest.open(db)
    ranking = contest.final_ranking()
    contest.close()
    config = ranking.config
    decimals = config.final.decimals
    for round_ in config.rounds:
        sheet = book[round_.name]
        headings = [c.value for c in sheet[HEADER_ROW]]
        judge_cols = {
            str(h).split("\n")[0]: i for i, h in enumerate(headings) if h and "\n" in str(h)
        }
        criteria = config.round_criteria(round_.key)
        mean_cols = [headings.index(f"{c.name} 평균") for c in criteria]
        rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1))
        for case, row in zip(ranking.rounds[round_.key].cases, rows, strict=False):
            assert row[1].value == case.case_id
            for judge_id, col in judge_cols.items():
                cell = row[col]
                if judge_id in case.excluded:
                    assert cell.value == "제외"
                elif judge_id in case.totals:
                    assert Decimal(str(cell.value)) == case.totals[judge_id]
                    assert cell.number_format == ("(0)" if judge_id in case.trimmed else "0")
                else:
                    assert cell.value in (None, "누락")
            for criterion, col in zip(criteria, mean_cols, strict=True):
                exact = case.criterion_means.get(criterion.key)
                shown = row[col].value
                assert (shown is None) == (exact is None)
                if exact is not None:
                    assert Decimal(str(shown)) == round_half_up(exact, decimals)
                    assert row[col].number_format == "0.00"


def test_trimmed_and_excluded_judges_are_marked_in_the_demo(demo_report):
    sheet = load_workbook(demo_report)["서면심사"]
    formats = [c.number_format for row in sheet.iter_rows(min_row=5) for c in row]
    values = [c.value for row in sheet.iter_rows(min_row=5) for c in row]
    # Two totals dropped per case, but C09 has 4 judges (J04 excluded): fewer than trim_min 5.
    assert formats.count("(0)") == 2 * 49
    assert values.count("제외") == 1


@pytest.mark.parametrize("which", ["hand", "demo"])
def test_the_judges_sheet_is_the_domains_judge_statistics(which, request):
    db = request.getfixturevalue(f"{which}_db")
    sheet = load_workbook(request.getfixturevalue(f"{which}_report"))["심사위원 분석"]
    contest = Contest.open(db)
    ranking = contest.final_ranking()
    contest.close()
    expected = [
        (
            round_.name,
            stats.judge_id,
            stats.cases,
            round_half_up(stats.mean, 2),
            round_half_up(stats.spread, 2),
            round_half_up(stats.offset, 2),
        )
        for round_ in ranking.config.rounds
        for stats in judge_stats(ranking.rounds[round_.key])
    ]
    rows = table(sheet, 10)
    assert [
        (r[0], r[1], r[5], Decimal(str(r[6])), Decimal(str(r[7])), Decimal(str(r[8]))) for r in rows
    ] == expected


def test_number_formats_follow_decimals(tmp_path, capsys):
    db = build_hand_contest(tmp_path, config=CONFIG.replace("decimals = 2", "decimals = 1"))
    report = export(db, tmp_path / "report.xlsx")
    expected = rank_json(db, capsys)
    sheet = load_workbook(report)["최종 순위"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 4, max_col=9))
    assert [(r[2].value, r[5].value, r[7].value, r[8].value) for r in rows] == [
        (e["case_id"], e["expert"], e["vote_points"], e["final"]) for e in expected["ranking"]
    ]
    assert {r[col].number_format for r in rows for col in (5, 7, 8)} == {"0.0"}
    assert {r[6].number_format for r in rows} == {"#,##0"}
    round_sheet = load_workbook(report)["대면심사"]
    assert round_sheet.cell(HEADER_ROW + 1, 5).number_format == "0.0"
    assert round_sheet.cell(HEADER_ROW + 1, 5).value == 56.7
