"""The report converts to PDF with LibreOffice and prints the pages expected of each sheet.

Each page's footer names its sheet (``&A``), so the pages are counted per sheet from the PDF's text.
LibreOffice and poppler-utils are installed where CI runs; without them these tests are skipped.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are needed to print the report",
)
FOOTER = re.compile(r"^\s*(\S.*?)\s+(\d+) / (\d+) 쪽")


def to_pdf(xlsx: Path) -> Path:
    """Convert with a profile of our own, so that a running LibreOffice does not interfere."""
    assert SOFFICE is not None
    profile = xlsx.parent / "libreoffice-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = xlsx.with_suffix(".pdf")
    assert pdf.exists()
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert match
    return int(match.group(1))


def pages_per_sheet(pdf: Path) -> Counter[str]:
    sheets: Counter[str] = Counter()
    for page in range(1, page_count(pdf) + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        footers = [m for line in text.splitlines() if (m := FOOTER.match(line))]
        assert footers, f"page {page} has no footer"
        name, number, _total = footers[-1].groups()
        assert int(number) == page
        sheets[name] += 1
    return sheets


def test_the_hand_worked_contest_prints_one_page_per_sheet_and_per_judge_sheet(hand_report):
    pdf = to_pdf(hand_report)
    assert pages_per_sheet(pdf) == {
        "요약": 1,
        "최종 순위": 1,
        "서면심사": 1,
        "대면심사": 1,
        "심사위원 분석": 1,
        "차트": 3,  # five charts, two to a page
        "국민투표": 1,
        "개인별 평가표": 6,  # three judges, two rounds
        "감사 기록": 1,
    }
    assert page_count(pdf) == 16


def test_the_demo_prints_one_score_sheet_page_per_judge_and_round(demo_report):
    pdf = to_pdf(demo_report)
    sheets = pages_per_sheet(pdf)
    assert sheets["개인별 평가표"] == 10 + 7  # ten written-round judges, seven presentation judges
    assert sheets["차트"] == 3
    assert sheets["최종 순위"] == 1
    assert sheets["대면심사"] == 1
    assert sheets["심사위원 분석"] == 1
    assert set(sheets) == {
        "요약",
        "최종 순위",
        "서면심사",
        "대면심사",
        "심사위원 분석",
        "차트",
        "국민투표",
        "개인별 평가표",
        "감사 기록",
    }
    assert page_count(pdf) == sum(sheets.values())
