"""The judges' score sheets of a round returned in signed packages: each page carries the digest
of that judge's latest merged return, the one the judge's app showed when the judge submitted."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from judging_app.exchange.digest import short_digest
from judging_app.services.judge_session import JudgeSession
from tests.helpers import query, run
from tests.packages.conftest import issue, make_contest, package, return_copy
from tests.report.conftest import export


def page_texts(report: Path) -> list[list[str]]:
    """The texts of each printed page of the score sheets (split at the manual page breaks)."""
    sheet = load_workbook(report)["개인별 평가표"]
    breaks = [b.id for b in sheet.row_breaks.brk]  # a break after row id (1-based)
    pages: list[list[str]] = [[] for _ in range(len(breaks) + 1)]
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None:
                page = sum(1 for b in breaks if cell.row > b)
                pages[page].append(str(cell.value))
    return pages


def test_each_page_shows_the_digest_of_the_judges_latest_return(tmp_path):
    db = make_contest(tmp_path / "contest")
    issued = issue(db, tmp_path / "packages")
    laptops, stick = tmp_path / "laptops", tmp_path / "stick"
    returns = [return_copy(issued, judge, laptops, stick) for judge in ("J1", "J2", "J3")]
    assert run("import-scores", db, *returns) == 0
    first = dict(query(db, "SELECT revision, digest FROM package_revisions"))
    # J1 amends C2 on the laptop and returns revision 2.
    path, pin = package(issued, "J1")
    with JudgeSession.open(path, data_dir=laptops) as session:
        session.unlock(pin)
        session.amend()
        session.set_score("C2", "creativity", "30")
        amended = session.submit()
        session.export_return(stick / "J1-2.jpkg")
    assert run("import-scores", db, stick / "J1-2.jpkg") == 0

    pages = page_texts(export(db, tmp_path / "report.xlsx"))
    assert len(pages) == 3  # the written round's three judges; the final round has no cases yet
    j1, j2, j3 = pages
    assert short_digest(amended.digest) in j1
    assert short_digest(first[1]) not in j1  # revision 1, replaced
    assert any(v.startswith("전자 제출본 2차") for v in j1)
    assert "회피 신청: 자문위원으로 참여한 사업" in j1  # J1 declared a conflict for C4
    assert "다국어 안내가 돋보임" in j1
    digests = {d for (d,) in query(db, "SELECT digest FROM package_revisions")}
    for page in (j2, j3):
        shown = [v for v in page if any(v == short_digest(d) for d in digests)]
        assert len(shown) == 1
        assert "종이 평가표" not in page
    assert "제척 (소속 기관): 서울특별시 성동구" in j3
    assert "우수함" in j3


def test_scores_transcribed_after_the_return_are_pointed_out(tmp_path):
    db = make_contest(tmp_path / "contest")
    issued = issue(db, tmp_path / "packages")
    laptops, stick = tmp_path / "laptops", tmp_path / "stick"
    # J2's scores come from paper first; the package that follows confirms them (same values).
    table = tmp_path / "paper.csv"
    table.write_text(
        "judge_id,case_id,creativity,utility,impact\nJ2,C1,32,24,24\n", encoding="utf-8"
    )
    assert run("import-scores", db, table, "--round", "written") == 0
    returns = [return_copy(issued, judge, laptops, stick) for judge in ("J1", "J2", "J3")]
    assert run("import-scores", db, *returns) == 0
    fix = tmp_path / "fix.csv"
    fix.write_text("judge_id,case_id,creativity,utility,impact\nJ3,C2,30,21,21\n", encoding="utf-8")
    assert run("import-scores", db, fix, "--round", "written") == 0  # after J3's return

    j1, j2, j3 = page_texts(export(db, tmp_path / "report.xlsx"))
    note = "전자 제출 이후 옮겨 적은 점수가 있음 (확인 코드는 전자 제출본의 것)"
    assert note in j3
    assert note not in j1 and note not in j2
    assert "72" in j3  # the transcribed total of C2
