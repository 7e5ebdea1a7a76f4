"""What the report holds and how it prints: sheets, print settings, charts, the judges' score
sheets, the audit log, text that is never a formula, English headings."""

from __future__ import annotations

import json
import re
import zipfile

from openpyxl import load_workbook
from sqlalchemy import select, update

from judging_app.domain.messages import set_language
from judging_app.exchange.report import AuditLine
from judging_app.exchange.report.audit import action_text, details_text
from judging_app.services.contest import Contest
from judging_app.store import models as m
from judging_app.store.engine import session_factory
from tests.cli.conftest import CASES, CONFIG
from tests.helpers import query, run
from tests.report.conftest import GENERATED, build_hand_contest, export

KOREAN_SHEETS = [
    "요약",
    "최종 순위",
    "서면심사",
    "대면심사",
    "심사위원 분석",
    "차트",
    "국민투표",
    "개인별 평가표",
    "감사 기록",
]
TABLE_SHEETS = {  # sheet → (orientation, frozen at)
    "최종 순위": ("landscape", "E5"),
    "서면심사": (None, "D5"),
    "대면심사": (None, "D5"),
    "심사위원 분석": (None, "D5"),
    "국민투표": ("portrait", "C5"),
    "감사 기록": ("portrait", "A5"),
}


def texts(sheet) -> list[str]:
    return [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]


def test_the_sheets_in_korean(hand_report):
    assert load_workbook(hand_report).sheetnames == KOREAN_SHEETS


def test_english_headings_when_the_app_runs_in_english(hand_db, tmp_path):
    book = load_workbook(export(hand_db, tmp_path / "en.xlsx", language="en"))
    assert book.sheetnames == [
        "Summary",
        "Final ranking",
        "서면심사",  # round names come from the contest's configuration
        "대면심사",
        "Judges",
        "Charts",
        "Votes",
        "Score sheets",
        "Audit log",
    ]
    headings = [c.value for c in book["Final ranking"][4]]
    assert headings == [
        "Rank",
        "Award",
        "Case",
        "Title",
        "Organisation",
        "Expert score",
        "Votes",
        "Vote points",
        "Final score",
    ]
    assert "Judging report" in texts(book["Summary"])
    assert book["Final ranking"].oddFooter.center.text == "Page &P of &N"
    sheets = texts(book["Score sheets"])
    assert sheets.count("Individual score sheet") == 6
    assert not any(re.search("[가-힣]", h) for h in headings)


def test_every_sheet_prints_on_a4_with_the_contest_and_page_numbers(hand_report):
    book = load_workbook(hand_report)
    for sheet in book.worksheets:
        assert int(sheet.page_setup.paperSize) == 9, sheet.title
        assert sheet.oddHeader.right.text.endswith("작은 경진대회"), sheet.title
        assert sheet.oddFooter.center.text == "&P / &N 쪽", sheet.title
        assert sheet.oddFooter.left.text == "&A", sheet.title


def test_tables_repeat_their_header_row_freeze_it_and_fit_the_page_width(hand_report):
    book = load_workbook(hand_report)
    for name, (orientation, frozen) in TABLE_SHEETS.items():
        sheet = book[name]
        assert sheet.print_title_rows == "$4:$4", name
        assert sheet.freeze_panes == frozen, name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
        assert sheet.page_setup.fitToWidth in (None, 1), name  # absent means 1
        assert sheet.page_setup.fitToHeight == 0, name
        if orientation:
            assert sheet.page_setup.orientation == orientation, name


def test_wide_round_sheets_print_landscape(demo_report):
    book = load_workbook(demo_report)
    assert book["서면심사"].page_setup.orientation == "landscape"


def test_charts_final_parts_round_scores_and_judge_leniency(hand_report):
    with zipfile.ZipFile(hand_report) as archive:
        charts = sorted(
            n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        )
        xml = [archive.read(n).decode("utf-8") for n in charts]
    assert len(charts) == 5  # the final + per round (2): the scores and the judges' leniency
    assert '<c:grouping val="stacked"/>' in xml[0] and "전문가 반영분 (60%)" in xml[0]
    assert "차트!$L$3:$L$6" in xml[0] and "차트!$M$3:$M$6" in xml[0]
    assert "서면심사!$E$5:$E$9" in xml[1] and "서면심사 점수 분포" in xml[1]
    assert "'심사위원 분석'!$I$5:$I$7" in xml[2]
    assert "대면심사!$E$5:$E$8" in xml[3]
    assert "'심사위원 분석'!$I$8:$I$10" in xml[4]


def test_the_chart_parts_add_up_to_the_final_score(hand_report):
    sheet = load_workbook(hand_report)["차트"]
    rows = list(sheet.iter_rows(min_row=3, max_row=6, min_col=11, max_col=14, values_only=True))
    assert [r[0] for r in rows] == [
        "1. 어르신 키오스크 교실",
        "2. 공공자전거 고장 신고 간소화",
        "3. 찾아가는 복지상담 버스",
        "4. 무인민원발급기 다국어 안내",
    ]
    assert rows[0][1:] == (24.0, 40.0, 64.0)
    assert rows[3][1:] == (34.002, 6.668, 40.67)  # 0.6 × 56.67 + 0.4 × 16.67 = 40.67


def test_one_score_sheet_page_per_judge_and_round_with_comments_and_signature(hand_report):
    sheet = load_workbook(hand_report)["개인별 평가표"]
    values = texts(sheet)
    assert values.count("개인별 평가표") == 6  # 3 judges × 2 rounds
    assert len(sheet.row_breaks.brk) == 5
    assert sheet.page_setup.scale is not None and 40 <= sheet.page_setup.scale <= 100
    assert sheet.print_area is not None
    assert "우수함" in values  # J3's comment on C1 in the written round
    assert values.count("(서명)") == 6
    assert values.count("심사위원  박철수") == 2
    assert values.count("종이 평가표") == 6  # no package returned: scores transcribed from paper
    assert "제척" in values and "제척 (소속 기관): 서울특별시 성동구" in values


def test_the_digest_of_the_judges_latest_return_is_on_their_page(tmp_path):
    db = build_hand_contest(tmp_path)
    contest = Contest.open(db)
    with session_factory(contest.engine)() as session, session.begin():
        written = session.scalars(select(m.Round).where(m.Round.key == "written")).one()
        judges = {j.judge_id: j for j in session.scalars(select(m.Judge))}
        for judge_id, digests in (("J1", ["00" * 32, "3f2a9c0177b4e0d2" + "ab" * 24]),):
            issued = m.IssuedPackage(
                round_id=written.id,
                judge_pk=judges[judge_id].id,
                public_key=bytes(32),
                key_fingerprint="cd" * 32,
            )
            session.add(issued)
            session.flush()
            for revision, digest in enumerate(digests, start=1):
                session.add(
                    m.PackageRevision(
                        issued_package_id=issued.id,
                        revision=revision,
                        digest=digest,
                        signature=b"",
                        signed_payload=b"{}",
                    )
                )
        session.execute(
            update(m.Score)
            .where(m.Score.round_id == written.id, m.Score.judge_pk == judges["J1"].id)
            .values(source="package")
        )
    contest.close()
    values = texts(load_workbook(export(db, tmp_path / "report.xlsx"))["개인별 평가표"])
    assert "3F2A 9C01 77B4 E0D2" in values
    assert "0000 0000 0000 0000" not in values  # an earlier revision
    assert any(v.startswith("전자 제출본 2차") for v in values)
    assert values.count("종이 평가표") == 5


def test_the_audit_log_sheet_is_the_database_audit_log(hand_db, hand_report):
    sheet = load_workbook(hand_report)["감사 기록"]
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    entries = query(hand_db, "select id, at, actor, action, details from audit_log order by id")
    assert len(rows) == 8
    # Writing a report may itself be logged, after the report was written.
    assert {entry[3] for entry in entries[len(rows) :]} <= {"report"}
    for row, (number, at, actor, action, details) in zip(rows, entries, strict=False):
        assert row[0] == number
        assert row[1] == str(at)[:19]
        assert row[2] == actor
        assert f"({action})" in row[3]
        for value in json.loads(details).values():
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            if isinstance(value, bool):
                shown = "예" if value else "아니요"
            assert shown in row[4], (action, value)
    assert "단계 마감\n(advance)" in [r[3] for r in rows]


def test_audit_details_in_words():
    line = AuditLine(
        1,
        GENERATED,
        "J01 김정훈",
        "issue-packages",
        {
            "round": "written",
            "packages": [{"judge": "J01", "file": "J01.jpkg", "replaces": False}],
            "revision": 1200,
            "replaces": None,
        },
    )
    set_language("ko")
    assert details_text(line, {"written": "서면심사"}) == (
        "심사 단계: 서면심사 (written)\n"
        "발급 패키지: \n  · 심사위원: J01, 파일: J01.jpkg, 대체한 제출본: 아니요\n"
        "대체한 제출본: —\n"
        "제출본 차수: 1200"
    )
    assert action_text("issue-packages") == "평가 패키지 발급\n(issue-packages)"
    assert action_text("something-new") == "something-new"


def test_the_summary_states_the_rules_counts_and_warnings(hand_report):
    values = "\n".join(texts(load_workbook(hand_report)["요약"]))
    assert "작은 경진대회" in values
    assert "사례 5건 · 심사위원 3명 · 국민투표 2,800표" in values
    assert "창의성 (40점)" in values and "합계\n100점" in values
    assert "표준점수(T점수)" in values and "심사위원 총점의 산술평균" in values
    assert "상위 3건 진출" in values
    assert "전문가 점수(대면심사) × 60% + 국민투표 환산 점수 × 40%" in values
    assert "소수점 둘째 자리까지 반올림(사사오입)" in values
    assert "전문가 점수가 높은 순 → 득표수가 많은 순 → 서면심사 점수가 높은 순" in values
    assert "최우수 1건 (1위)" in values and "우수 2건 (2~3위)" in values
    assert (
        "C4" in values and "진출 경계에서 동점" in values
    )  # warnings of every round and the final


def test_the_final_ranking_states_its_formula(hand_report):
    assert (
        "최종 점수 = 전문가 점수 × 60% + 투표 환산 점수 × 40% · 소수점 둘째 자리까지 반올림 · "
        "음영: 시상 등급"
    ) in texts(load_workbook(hand_report)["최종 순위"])


def test_the_votes_sheet(hand_report):
    sheet = load_workbook(hand_report)["국민투표"]
    rows = list(sheet.iter_rows(min_row=5, max_col=6, values_only=True))
    assert [(r[0], r[3], r[4], r[5]) for r in rows[:5]] == [
        ("C1", 100, "반영", 16.67),
        ("C2", 300, "반영", 50.0),
        ("C3", 300, "반영", 50.0),
        ("C4", 1500, "미반영", None),
        ("C5", 600, "반영", 100.0),
    ]
    assert rows[5][0] == "합계" and rows[5][3] == 2800


def test_a_title_that_looks_like_a_formula_is_plain_text(tmp_path):
    title = '=HYPERLINK("http://x","y")'
    cases = CASES.replace("찾아가는 복지상담 버스", '"=HYPERLINK(""http://x"",""y"")"')
    db = build_hand_contest(tmp_path, cases=cases)
    report = export(db, tmp_path / "report.xlsx")
    book = load_workbook(report)
    found = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value == title
    ]
    assert len(found) >= 4  # final ranking, both rounds, votes, score sheets
    assert all(cell.data_type == "s" for cell in found)
    with zipfile.ZipFile(report) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = [archive.read(n).decode() for n in sheets]
        # Written row by row (constant memory), text is inline in the sheets: never a formula.
        assert not any(re.search(r"<f[ >][^<]*HYPERLINK", x) for x in xml)
        assert any('t="inlineStr"><is><t>=HYPERLINK(' in x for x in xml)


def test_a_report_before_the_rounds_close_says_it_is_provisional(tmp_path):
    db = tmp_path / "contest.jdb"
    directory = tmp_path / "files"
    build_hand_contest(directory)  # only for its files
    for args in (
        ("init", db, "--config", directory / "contest.toml"),
        ("import-cases", db, directory / "cases.csv"),
        ("import-judges", db, directory / "judges.csv"),
        ("import-scores", db, directory / "written.csv", "--round", "written"),
    ):
        assert run(*args) == 0
    book = load_workbook(export(db, tmp_path / "report.xlsx"))
    final = texts(book["최종 순위"])
    assert "잠정 결과: 서면심사, 대면심사 마감 전" in final
    assert "아직 최종 순위가 없습니다: 대면심사 점수가 없습니다" in final
    assert "잠정 결과: 서면심사, 대면심사 마감 전" in texts(book["요약"])
    written = texts(book["서면심사"])
    assert any(v.startswith("진행 중: 진출 표시는 지금 마감할 경우의 결과") for v in written)
    assert written.count("진출") == 1 + 4  # the heading and the four that would go on


def test_sheet_names_are_valid_and_unique_whatever_the_rounds_are_called():
    from judging_app.domain.config import parse_config
    from judging_app.domain.ranking import FinalResult
    from judging_app.exchange.report import ReportData, sheet_names

    config = parse_config(
        CONFIG.replace('name = "서면심사"', 'name = "최종 순위"').replace(
            'name = "대면심사"', 'name = "[2차] 대면심사: 발표/질의응답 및 현장 확인 평가"'
        )
    )
    set_language("ko")
    names = sheet_names(ReportData(config, FinalResult((), ()), {}, {}))
    assert names["final"] == "최종 순위"
    assert names["round:written"] == "최종 순위 (2)"
    assert names["round:final"] == "2차 대면심사 발표 질의응답 및 현장 확인 평가"
    assert all(len(name) <= 31 for name in names.values())
