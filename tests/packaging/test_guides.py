"""The user guides that the Help menu shows are the ones in docs/, with every screenshot."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from judging_app.ui.help import GUIDES, READERS, guide_file

ROOT = Path(__file__).resolve().parents[2]
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def test_the_packaged_guides_are_the_docs_ones():
    result = subprocess.run(
        [sys.executable, ROOT / "docs" / "sync_guides.py", "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_each_guide_shows_screenshots_that_exist(reader, language):
    guide = guide_file(reader, language)
    images = IMAGE.findall(guide.read_text(encoding="utf-8"))
    assert images, f"{guide.name} shows no screenshot"
    for image in images:
        assert (GUIDES / image).is_file(), image


@pytest.mark.parametrize("reader", READERS)
def test_the_korean_and_english_guides_have_the_same_sections(reader):
    def outline(language: str) -> list[str]:
        text = guide_file(reader, language).read_text(encoding="utf-8")
        headings = [line.split(" ", 2)[:2] for line in text.splitlines() if line.startswith("#")]
        numbered = [line[:3] for line in text.splitlines() if re.match(r"^\d+\. ", line)]
        return [h[0] + (h[1] if h[1][:1].isdigit() else "") for h in headings] + numbered

    assert outline("ko") == outline("en")
    assert IMAGE.findall(guide_file(reader, "ko").read_text(encoding="utf-8")) == IMAGE.findall(
        guide_file(reader, "en").read_text(encoding="utf-8")
    )
