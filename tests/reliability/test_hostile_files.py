"""The hostile-file corpus (tests/data/hostile, made by its make_corpus.py): each file is refused
with a one-line message that leaves the contest unchanged, or imported exactly."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import dump, query, run
from tests.reliability.killing import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile"
VOTES = [("C1", 100), ("C2", 300), ("C3", 300), ("C4", 1500), ("C5", 600)]

REFUSED = {
    "entity_bomb.xlsx": "contains XML entity declarations (possibly an XML bomb)",
    "zip_bomb.xlsx": 'part "xl/worksheets/sheet1.xml" is compressed',
    "zip_lying_sizes.xlsx": "unpacks to more than 200 MB; refused as unsafe",
    "formula_never_calculated.xlsx": 'row 5, column "votes" (B5): the formula has no saved value',
    "merged_cells.xlsx": 'row 4, column "votes" (B4): the cell is empty',
    "password_protected.xlsx": "the workbook is password-protected or an old .xls file",
    "sqlite_file.xlsx": "not a valid xlsx workbook (not a zip archive)",
    "empty.xlsx": "not a valid xlsx workbook (not a zip archive)",
    "empty.csv": "the file is empty",
    "cp949_one_utf8_line.csv": "row 5: the text is neither UTF-8 nor CP949",
}
IMPORTED = ["lying_dimension.xlsx", "fullwidth_digits.csv", "thousands_separator.csv"]
PACKAGES = [
    "package_that_is_a_zip.jpkg",
    "package_that_is_empty.jpkg",
    "package_that_is_text.jpkg",
]


def refused(capsys: pytest.CaptureFixture[str], db: Path, *args: object) -> str:
    before = dump(db)
    capsys.readouterr()
    assert run(*args) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error and "unexpected" not in error
    assert dump(db) == before
    return error


def test_the_corpus_is_what_its_script_makes() -> None:
    sys.path.insert(0, str(HOSTILE))
    try:
        import make_corpus
    finally:
        sys.path.remove(str(HOSTILE))
    for name, data in make_corpus.corpus().items():
        if name == "sqlite_file.xlsx":  # SQLite writes its own version numbers in the header
            assert (HOSTILE / name).read_bytes()[:16] == data[:16]
        else:
            assert (HOSTILE / name).read_bytes() == data, name
    assert sum(p.stat().st_size for p in HOSTILE.iterdir()) < 100_000  # a small corpus


@pytest.mark.parametrize(("name", "message"), sorted(REFUSED.items()))
def test_a_hostile_table_is_refused_in_one_line(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    error = refused(capsys, small["db"], "import-votes", small["db"], HOSTILE / name)
    assert error.startswith(f"judging-app import-votes: {name}")
    assert message in error


@pytest.mark.parametrize("name", IMPORTED)
def test_a_table_that_only_looks_hostile_is_imported_exactly(
    small: dict[str, Path], name: str
) -> None:
    assert run("import-votes", small["db"], HOSTILE / name) == 0
    rows = query(
        small["db"],
        "SELECT c.case_id, v.votes FROM votes v JOIN cases c ON v.case_pk = c.id "
        "WHERE v.is_current ORDER BY c.case_id",
    )
    assert rows == VOTES


@pytest.mark.parametrize("name", PACKAGES)
def test_a_file_that_is_no_package_is_refused_in_one_line(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str], name: str
) -> None:
    error = refused(capsys, small["db"], "import-scores", small["db"], HOSTILE / name)
    assert error == f"judging-app import-scores: {name}: not a judge package (.jpkg)"


def test_a_contest_database_named_as_a_package_is_refused(
    small: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "written-J1.jpkg"
    shutil.copyfile(small["db"], other)
    error = refused(capsys, small["db"], "import-scores", small["db"], other)
    assert error.startswith("judging-app import-scores: written-J1.jpkg: ")


def test_a_package_named_as_a_table_is_refused(
    small: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    error = refused(
        capsys, small["db"], "import-votes", small["db"], HOSTILE / "package_that_is_text.jpkg"
    )
    assert "only .xlsx and .csv files can be read" in error


ROWS = 200_000
WRITE_SHEET = """
import sys, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[1], {"constant_memory": True})
sheet = book.add_worksheet("votes")
shaded = book.add_format({"num_format": "#,##0", "bg_color": "#FFFFCC"})
sheet.write_row(0, 0, ["case_id", "votes"])
votes = [("C1", 100), ("C2", 300), ("C3", 300), ("C4", 1500), ("C5", 600)]
for n in range(1, int(sys.argv[2]) + 1):
    if n <= len(votes):
        sheet.write_string(n, 0, votes[n - 1][0], shaded)
        sheet.write_number(n, 1, votes[n - 1][1], shaded)
    else:  # the whole column was formatted: a cell in every row, with nothing in it
        sheet.write_blank(n, 0, None, shaded)
        sheet.write_blank(n, 1, None, shaded)
book.close()
"""
MEASURE = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(result.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, sep="\\n")
print(result.stdout.strip())
"""
#: The bounds of reading a 200,000-row sheet: CPU seconds and peak memory (KB on Linux).
CPU_SECONDS = 40
PEAK_KB = 512 * 1024


@pytest.mark.skipif(sys.platform == "win32", reason="peak memory is measured with getrusage")
def test_a_200000_row_sheet_is_imported_exactly_within_bounds(
    small: dict[str, Path], tmp_path: Path
) -> None:
    """A sheet whose every row to 200,000 has cells (a whole column formatted, as Excel users do)
    and five rows of votes. Measured on this 2-core machine: about 10 s of CPU and 120 MB. (A sheet
    of 200,000 rows of data, each refused, took about 25 s and 330 MB: most of it openpyxl's.)"""
    sheet = tmp_path / "votes.xlsx"
    subprocess.run([sys.executable, "-c", WRITE_SHEET, sheet, str(ROWS)], check=True)
    command = [sys.executable, "-m", "judging_app.cli", "import-votes", small["db"], sheet]
    measured = subprocess.run(
        [sys.executable, "-c", MEASURE, *map(str, command)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout.splitlines()
    code, cpu, peak, out = int(measured[0]), float(measured[1]), int(measured[2]), measured[3:]
    assert code == 0 and out == ["votes.xlsx: 5 rows, 5 added, 0 changed"], out
    assert cpu < CPU_SECONDS, f"{cpu:.1f} s of CPU"
    assert peak < PEAK_KB, f"{peak / 1024:.0f} MB at the peak"
    rows = query(
        small["db"],
        "SELECT c.case_id, v.votes FROM votes v JOIN cases c ON v.case_pk = c.id "
        "WHERE v.is_current ORDER BY c.case_id",
    )
    assert rows == VOTES
