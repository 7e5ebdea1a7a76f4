"""Blank paper score sheets (``sheets``) on the hand-worked contest of test_pipeline.py: one per
judge of the round, the judge's cases in order, the excluded one struck through, a box per
criterion with its maximum and step, the signature line. Korean, as the app runs in Korea."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from judging_app.domain.messages import set_language
from tests.cli.test_pipeline import cli
from tests.helpers import run

POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


@pytest.fixture
def korean(monkeypatch):
    monkeypatch.setenv("LC_ALL", "ko_KR.UTF-8")  # the command line takes its language from it
    yield
    set_language("en")


def test_the_xlsx_has_one_sheet_per_judge_with_boxes_conflicts_and_signature(ready, korean):
    out = ready["config"].parent / "sheets.xlsx"
    assert run("sheets", ready["db"], "--round", "written", "--out", out) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["J1", "J2", "J3"]
    j3 = book["J3"]
    rows = [[cell.value for cell in row] for row in j3.iter_rows()]
    assert rows[0][0] == "작은 경진대회"
    assert rows[1][0] == "서면심사 평가표"
    assert rows[3][1] == "박철수 (J3)"
    assert rows[4][4] == "5건 (제척 1건)"
    assert rows[6] == [
        "번호",
        "사례",
        "창의성\n최고 40점\n1점 단위",
        "효용성\n최고 30점\n1점 단위",
        "파급력\n최고 30점\n1점 단위",
        "합계\n최고 100점",
    ]
    cases = [(r[0], r[1].split("\n")[0]) for r in rows[7:12]]
    assert cases == [
        (1, "C1  무인민원발급기 다국어 안내"),
        (2, "C2  찾아가는 복지상담 버스"),
        (3, "C3  공공자전거 고장 신고 간소화"),
        (4, "C4  민원서류 한 번에 떼기"),
        (5, "C5  어르신 키오스크 교실"),
    ]
    assert rows[7][2:] == ["/ 40", "/ 30", "/ 30", "/ 100"]
    assert j3.cell(12, 2).font.strike and not j3.cell(11, 2).font.strike  # C5, J3's conflict
    assert rows[11][2] == "제척 (이해충돌)"
    assert rows[-1][1] == "심사위원  박철수" and rows[-1][-1] == "(서명)"
    assert j3.page_setup.paperSize == 9  # A4
    assert [r[0] for r in book["J1"].iter_rows(min_row=12, max_row=12, values_only=True)] == [5]


@pytest.mark.skipif(not POPPLER, reason="poppler-utils reads the PDF back")
def test_the_pdf_is_one_a4_page_per_judge_in_korean(ready, korean):
    out = ready["config"].parent / "sheets.pdf"
    assert run("sheets", ready["db"], "--round", "written", "--out", out) == 0
    info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
    assert "Pages:           3" in info and "595 x 842 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", out], capture_output=True, text=True).stdout
    assert "CJK" in fonts or "Gothic" in fonts  # a Korean font is embedded
    pages = []
    for page in (1, 2, 3):
        pages.append(
            subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), "-layout", out, "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    assert all("서면심사 평가표" in page and "서명" in page for page in pages)
    assert "김민수" in pages[0] and "이영희" in pages[1] and "박철수" in pages[2]
    # (poppler reads Qt's embedded CJK font without its ASCII punctuation: the words are checked)
    assert "이해충돌" in pages[2] and "이해충돌" not in pages[0]
    assert "최고 40점" in pages[0] and "어르신 키오스크 교실" in pages[0]


def test_a_file_of_another_kind_is_refused(ready):
    result = cli(
        "sheets", ready["db"], "--round", "written", "--out", ready["config"].parent / "s.docx"
    )
    assert result.returncode == 1
    assert "s.docx: the score sheets are written as .pdf or .xlsx" in result.stderr
    assert not Path(ready["config"].parent / "s.docx").exists()
