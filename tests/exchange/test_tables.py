"""The one table reader: xlsx and csv in, typed rows or one-line refusals out.

Every input file is generated in ``tmp_path``; every refusal test checks that the message names the
file, the row and the column (where the refusal is about a cell).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from judging_app.domain import messages
from judging_app.domain.messages import UserError, set_language
from judging_app.exchange import tables
from judging_app.exchange.tables import (
    LOCATION_EN,
    LOCATION_KO,
    Column,
    Row,
    TableError,
    read_table,
)

CASES = [Column("case_id", "text"), Column("title", "text"), Column("votes", "int", minimum=0)]
SHEET = "xl/worksheets/sheet1.xml"

# -- helpers ---------------------------------------------------------------------------------------


def write_xlsx(path: Path, rows: Sequence[Any], title: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title is not None:
        sheet.title = title
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def csv_text(rows: Sequence[Any], delimiter: str = ",") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def write_csv(
    path: Path,
    rows: Sequence[Any],
    encoding: str = "utf-8",
    *,
    bom: bool = False,
    delimiter: str = ",",
) -> Path:
    data = csv_text(rows, delimiter).encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    assert member in {name for name, _ in parts}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, change(data) if name == member else data)


def refusal(path: Path, columns: Sequence[Column] = CASES, **kwargs: object) -> TableError:
    with pytest.raises(TableError) as caught:
        read_table(path, columns, **kwargs)  # type: ignore[arg-type]
    error = caught.value
    assert "\n" not in str(error)
    for problem in error.problems:
        assert "\n" not in str(problem)
    return error


def assert_names(
    error: UserError, file: str, row: int | None = None, column: str | None = None
) -> None:
    message = str(error)
    assert message.startswith(file), message
    if row is not None:
        assert f"{file}, row {row}" in message, message
    if column is not None:
        assert f'column "{column}"' in message, message


# -- one table, three encodings, two formats -------------------------------------------------------

HEADER = ["case_id", "title", "organization", "votes", "score"]
KOREAN_ROWS = [
    ["101", "민원 서류 간소화", "민원봉사과", "6,328", "87.5"],
    ["102", "찾아가는 복지 상담", "복지정책과", "1,024", "90"],
    ["103", "야간 민원실 운영", "행정지원과", "0", "0.1"],
]
XLSX_ROWS = [
    [101, "민원 서류 간소화", "민원봉사과", 6328, 87.5],
    [102, "찾아가는 복지 상담", "복지정책과", 1024, 90],
    [103, "야간 민원실 운영", "행정지원과", 0, 0.1],
]
FULL = [
    Column("case_id", "text"),
    Column("title", "text"),
    Column("organization", "text"),
    Column("votes", "int", minimum=0),
    Column("score", "decimal"),
]


def test_cp949_utf8_bom_utf8_and_xlsx_read_into_identical_rows(tmp_path: Path) -> None:
    files = [
        write_csv(tmp_path / "cp949.csv", [HEADER, *KOREAN_ROWS], "cp949"),
        write_csv(tmp_path / "bom.csv", [HEADER, *KOREAN_ROWS], bom=True),
        write_csv(tmp_path / "plain.csv", [HEADER, *KOREAN_ROWS]),
        write_xlsx(tmp_path / "book.xlsx", [HEADER, *XLSX_ROWS]),
    ]
    tables_read = [read_table(path, FULL, key="case_id") for path in files]
    first = tables_read[0]
    for table in tables_read[1:]:
        assert table.rows == first.rows
    assert [row.number for row in first.rows] == [2, 3, 4]
    assert dict(first.rows[0].values) == {
        "case_id": "101",
        "title": "민원 서류 간소화",
        "organization": "민원봉사과",
        "votes": 6328,
        "score": Decimal("87.5"),
    }
    assert str(first.rows[1].values["score"]) == "90"
    assert str(first.rows[2].values["score"]) == "0.1"


# -- header ----------------------------------------------------------------------------------------


def test_header_is_matched_after_trimming_and_case_and_other_columns_are_ignored(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path / "cases.csv",
        [[" Case_ID ", "TITLE", "note", "Votes"], ["C1", "Title", "ignored", "5"]],
    )
    table = read_table(path, CASES)
    assert table.columns_present == ("case_id", "title", "note", "votes")
    assert table.header["case_id"].title == "Case_ID"
    assert dict(table.rows[0].values) == {"case_id": "C1", "title": "Title", "votes": 5}


def test_header_is_the_first_non_empty_row_and_row_numbers_count_blank_lines(
    tmp_path: Path,
) -> None:
    content = "\r\n,,\r\ncase_id,title,votes\r\nC1,A,1\r\n\r\n,,\r\nC2,B,2\r\n"
    path = tmp_path / "cases.csv"
    path.write_text(content, encoding="utf-8")
    table = read_table(path, CASES)
    assert table.header_row == 3
    assert [(row.number, row.values["case_id"]) for row in table.rows] == [(4, "C1"), (7, "C2")]


def test_xlsx_rows_are_numbered_as_the_sheet_numbers_them(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B2"], sheet["C2"], sheet["D2"] = "case_id", "title", "votes"
    sheet["B3"], sheet["C3"], sheet["D3"] = "C1", "A", 1
    sheet["B7"], sheet["C7"], sheet["D7"] = "C2", "B", 2  # rows 4-6 are absent from the file
    path = tmp_path / "gaps.xlsx"
    workbook.save(path)
    table = read_table(path, CASES)
    assert table.header_row == 2
    assert [row.number for row in table.rows] == [3, 7]
    assert table.header["case_id"].letter == "B"


def test_a_quoted_multi_line_cell_is_one_row_as_in_excel(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text('case_id,title,votes\r\nC1,"two\r\nlines",1\r\nC2,B,x\r\n', encoding="utf-8")
    error = refusal(path)
    assert_names(error, "cases.csv", 3, "votes")
    path.write_text('case_id,title,votes\r\nC1,"two\r\nlines",1\r\n', encoding="utf-8")
    assert read_table(path, CASES).rows[0].values["title"] == "two\nlines"


def test_missing_required_column_is_refused_naming_file_row_and_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "votes.csv", [["case_id", "title"], ["C1", "A"]])
    error = refusal(path)
    assert_names(error, "votes.csv", 1, "votes")
    assert '"case_id", "title"' in str(error)  # the columns that are there


def test_every_missing_column_is_listed(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "votes.csv", [["case_id"], ["C1"]])
    error = refusal(path)
    assert len(error.problems) == 2
    assert str(error).endswith("(and 1 more)")


def test_optional_column_may_be_absent_and_reads_as_none(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cases.csv", [["case_id", "title", "votes"], ["C1", "A", "3"]])
    table = read_table(path, CASES, extra_columns=[Column("written", "text", required=False)])
    assert "written" not in table.columns_present
    assert table.rows[0].values["written"] is None


def test_extra_columns_are_read_like_the_others(tmp_path: Path) -> None:
    rows = [["judge_id", "case_id", "creativity", "utility"], ["J1", "C1", "35", "27.5"]]
    path = write_xlsx(tmp_path / "scores.xlsx", rows)
    criteria = [Column(key, "decimal", minimum=0) for key in ("creativity", "utility")]
    table = read_table(
        path,
        [Column("judge_id", "text"), Column("case_id", "text")],
        key=("judge_id", "case_id"),
        extra_columns=criteria,
    )
    assert table.rows[0].decimal("creativity") == Decimal(35)
    assert table.rows[0].decimal("utility") == Decimal("27.5")


def test_duplicate_header_of_a_wanted_column_is_refused(tmp_path: Path) -> None:
    rows = [["case_id", "title", "Votes", "votes "], ["C1", "A", "1", "2"]]
    error = refusal(write_csv(tmp_path / "votes.csv", rows))
    assert_names(error, "votes.csv", 1, "Votes")
    assert "C1 and D1" in str(error)


def test_duplicate_header_of_an_ignored_column_is_fine(tmp_path: Path) -> None:
    rows = [["case_id", "note", "title", "note", "votes"], ["C1", "x", "A", "y", "1"]]
    table = read_table(write_csv(tmp_path / "votes.csv", rows), CASES)
    assert table.rows[0].values["votes"] == 1


# -- cells -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1234", 1234),
        ("1,234", 1234),
        ("6,328,000", 6328000),
        ("+5", 5),
        ("12.0", 12),
        (" 7 ", 7),
        ("１２", 12),
        ("0", 0),
    ],
)
def test_int_cells_from_text(tmp_path: Path, cell: str, expected: int) -> None:
    path = write_csv(tmp_path / "votes.csv", [["case_id", "title", "votes"], ["C1", "A", cell]])
    value = read_table(path, CASES).rows[0].values["votes"]
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ("12.5", '"12.5" is not a whole number'),
        ("abc", '"abc" is not a number'),
        ("1,23", '"1,23" is not a number'),
        ("1e3", '"1e3" is not a number'),
        ("NaN", '"NaN" is not a number'),
        ("-1", '"-1" is less than the minimum 0'),
        ("", "the cell is empty"),
    ],
)
def test_bad_int_cells_are_refused_naming_file_row_and_column(
    tmp_path: Path, cell: str, rule: str
) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", "1"], ["C2", "B", cell]]
    error = refusal(write_csv(tmp_path / "cases.csv", rows))
    assert str(error) == f'cases.csv, row 3, column "votes" (C3): {rule}'


def test_xlsx_numbers_in_an_int_column(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", 12.0], ["C2", "B", 12.5], ["C3", "C", True]]
    error = refusal(write_xlsx(tmp_path / "votes.xlsx", rows))
    assert [str(problem) for problem in error.problems] == [
        'votes.xlsx, row 3, column "votes" (C3): "12.5" is not a whole number',
        'votes.xlsx, row 4, column "votes" (C4): TRUE is a TRUE/FALSE value, '
        "which this column does not take",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("7.5", "7.5"),
        ("7.50", "7.5"),
        ("8.0", "8"),
        ("100", "100"),
        ("-0.0", "0"),
        ("1,234.5", "1234.5"),
        (".5", "0.5"),
        (7.5, "7.5"),
        (0.1, "0.1"),
        (90, "90"),
        (1e-05, "0.00001"),
        (33.3, "33.3"),
    ],
)
def test_decimal_cells_are_exact_and_canonical(
    tmp_path: Path, cell: str | float, expected: str
) -> None:
    rows = [["case_id", "score"], ["C1", cell]]
    columns = [Column("case_id", "text"), Column("score", "decimal")]
    path = (
        write_csv(tmp_path / "s.csv", rows)
        if isinstance(cell, str)
        else write_xlsx(tmp_path / "s.xlsx", rows)
    )
    value = read_table(path, columns).rows[0].decimal("score")
    assert str(value) == expected


@pytest.mark.parametrize("cell", ["NaN", "Infinity", "inf", "7,5", "1e3", "7.5점", "--1"])
def test_bad_decimal_text_is_refused(tmp_path: Path, cell: str) -> None:
    rows = [["case_id", "score"], ["C1", cell]]
    columns = [Column("case_id", "text"), Column("score", "decimal")]
    error = refusal(write_csv(tmp_path / "s.csv", rows), columns)
    assert str(error) == f's.csv, row 2, column "score" (B2): "{cell}" is not a number'


def test_decimal_minimum(tmp_path: Path) -> None:
    rows = [["case_id", "score"], ["C1", "-0.5"]]
    columns = [Column("case_id", "text"), Column("score", "decimal", minimum=Decimal(0))]
    error = refusal(write_csv(tmp_path / "s.csv", rows), columns)
    assert str(error) == 's.csv, row 2, column "score" (B2): "-0.5" is less than the minimum 0'


def test_integral_numbers_are_accepted_as_text_and_fractions_refused(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], [101, 2025.0, 1]]
    table = read_table(write_xlsx(tmp_path / "ok.xlsx", rows), CASES)
    assert table.rows[0].text("case_id") == "101"
    assert table.rows[0].text("title") == "2025"
    rows = [["case_id", "title", "votes"], [101.5, "A", 1]]
    error = refusal(write_xlsx(tmp_path / "cases.xlsx", rows))
    assert_names(error, "cases.xlsx", 2, "case_id")
    assert '"101.5" is a number where text is expected' in str(error)


def test_dates_are_refused_in_every_kind_of_column(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], [dt.datetime(2025, 3, 1), "A", dt.date(2025, 1, 2)]]
    error = refusal(write_xlsx(tmp_path / "cases.xlsx", rows))
    assert [str(problem) for problem in error.problems] == [
        'cases.xlsx, row 2, column "case_id" (A2): "2025-03-01" is a date or time, '
        "which this column does not take (check the cell format)",
        'cases.xlsx, row 2, column "votes" (C2): "2025-01-02" is a date or time, '
        "which this column does not take (check the cell format)",
    ]


def test_excel_error_cells_are_refused(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", "#DIV/0!"]]
    error = refusal(write_xlsx(tmp_path / "cases.xlsx", rows))
    assert (
        str(error)
        == 'cases.xlsx, row 2, column "votes" (C2): the cell holds the Excel error #DIV/0!'
    )


def test_text_is_trimmed_and_nfc_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "민원")
    assert decomposed != "민원"
    rows = [["case_id", "title", "votes"], ["  C1 ", f" {decomposed}\r\n개선 ", "1"]]
    table = read_table(write_csv(tmp_path / "cases.csv", rows), CASES)
    assert table.rows[0].values == {"case_id": "C1", "title": "민원\n개선", "votes": 1}


def test_blank_cells_are_refused_unless_allowed(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "   ", "1"]]
    path = write_csv(tmp_path / "cases.csv", rows)
    error = refusal(path)
    assert str(error) == 'cases.csv, row 2, column "title" (B2): the cell is empty'
    columns = [CASES[0], Column("title", "text", allow_blank=True), CASES[2]]
    assert read_table(path, columns).rows[0].optional_text("title") is None


def test_blank_rows_are_skipped(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", 1], [None, " ", None], ["C2", "B", 2]]
    table = read_table(write_xlsx(tmp_path / "cases.xlsx", rows), CASES)
    assert [row.number for row in table.rows] == [2, 4]


# -- keys ------------------------------------------------------------------------------------------


def test_a_repeated_key_is_refused_naming_both_rows(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", "1"], ["C2", "B", "2"], [" C1", "C", "3"]]
    error = refusal(write_csv(tmp_path / "votes.csv", rows), key="case_id")
    assert str(error) == 'votes.csv, row 4, column "case_id" (A4): "C1" repeats row 2'


def test_a_repeated_composite_key_is_refused_naming_both_rows(tmp_path: Path) -> None:
    rows = [["Judge_ID", "case_id"], ["J1", "C1"], ["J1", "C2"], ["J2", "C1"], ["J1", "C1"]]
    columns = [Column("judge_id", "text"), Column("case_id", "text")]
    path = write_csv(tmp_path / "scores.csv", rows)
    error = refusal(path, columns, key=("judge_id", "case_id"))
    assert str(error) == 'scores.csv, row 5: Judge_ID "J1", case_id "C1" repeats row 2'


def test_xlsx_integral_id_and_text_id_are_the_same_key(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], [101, "A", 1], ["101", "B", 2]]
    error = refusal(write_xlsx(tmp_path / "votes.xlsx", rows), key="case_id")
    assert_names(error, "votes.xlsx", 3, "case_id")


# -- collecting every problem ----------------------------------------------------------------------


def test_every_problem_is_collected_first_one_is_the_message(tmp_path: Path) -> None:
    rows = [
        ["case_id", "title", "votes"],
        ["C1", "A", "x"],
        ["", "B", "2"],
        ["C3", "C", "-4"],
        ["C4", "D", "4"],
    ]
    error = refusal(write_csv(tmp_path / "votes.csv", rows))
    assert [(problem.message_id, problem.params["row"]) for problem in error.problems] == [
        ("table.not_number", 2),
        ("table.blank", 3),
        ("table.below_minimum", 4),
    ]
    assert str(error) == ('votes.csv, row 2, column "votes" (C2): "x" is not a number (and 2 more)')
    assert isinstance(error, UserError)
    assert error.message_id == "table.not_number"


def test_messages_render_in_korean(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", "1"], ["C2", "B", "12.5"], ["C3", "", "1"]]
    error = refusal(write_csv(tmp_path / "cases.csv", rows))
    set_language("ko")
    assert str(error.problems[0]) == 'cases.csv 3행 "votes" 열 (C3): "12.5"은(는) 정수가 아닙니다'
    assert str(error).endswith(" 외 1건")


def test_every_table_message_has_korean_and_english_with_the_same_fields() -> None:
    ids = [key for key in messages._catalogue if key.startswith("table.")]
    assert len(ids) > 20
    for message_id in ids:
        message = messages._catalogue[message_id]
        fields_ko = set(re.findall(r"\{(\w+)\}", message.ko))
        fields_en = set(re.findall(r"\{(\w+)\}", message.en))
        assert fields_ko == fields_en, message_id
        if message_id != "table.and_more":
            assert "file" in fields_en, message_id


# -- formulas and the workbook's own metadata ------------------------------------------------------


def test_formula_without_a_saved_value_is_refused_naming_the_cell(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", 1], ["C2", "B", "=C2*2"]]
    error = refusal(write_xlsx(tmp_path / "votes.xlsx", rows))
    assert str(error) == (
        'votes.xlsx, row 3, column "votes" (C3): the formula has no saved value; '
        "open the file in Excel, let it recalculate and save it"
    )


def test_formula_without_a_saved_value_in_an_ignored_column_is_harmless(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes", "total"], ["C1", "A", 1, "=C2*2"]]
    table = read_table(write_xlsx(tmp_path / "votes.xlsx", rows), CASES)
    assert table.rows[0].values["votes"] == 1


def test_formula_without_a_saved_value_in_the_header_is_refused(tmp_path: Path) -> None:
    rows = [["case_id", "title", '="vo"&"tes"'], ["C1", "A", 1]]
    error = refusal(write_xlsx(tmp_path / "votes.xlsx", rows))
    assert error.problems[0].message_id == "table.header_formula"
    assert str(error.problems[0]).startswith("votes.xlsx, row 1 (C1): a header is a formula")


def test_formulas_with_saved_values_are_read_by_their_values(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "=A2", "=1+1"]]
    path = write_xlsx(tmp_path / "votes.xlsx", rows)

    def cache(xml: bytes) -> bytes:
        xml = xml.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
        # What Excel writes for a formula whose result is empty text: t="str" and an empty <v>.
        return xml.replace(b'<c r="B2"><f>A2</f><v />', b'<c r="B2" t="str"><f>A2</f><v></v>')

    rewrite_member(path, SHEET, cache)
    columns = [CASES[0], Column("title", "text", allow_blank=True), CASES[2]]
    assert read_table(path, columns).rows[0].values == {
        "case_id": "C1",
        "title": None,
        "votes": 2,
    }


def test_a_lying_dimension_tag_hides_no_rows(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", 1], ["C2", "B", 2], ["C3", "C", 3]]
    path = write_xlsx(tmp_path / "votes.xlsx", rows)

    def lie(xml: bytes) -> bytes:
        changed = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:A1"', xml)
        assert changed != xml
        return changed

    rewrite_member(path, SHEET, lie)
    table = read_table(path, CASES)
    assert [row.values["votes"] for row in table.rows] == [1, 2, 3]


def test_sheet_by_name_and_first_sheet_by_default(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "안내"
    first.append(["read me"])
    second = workbook.create_sheet("투표")
    for row in [["case_id", "title", "votes"], ["C1", "A", 7]]:
        second.append(row)
    path = tmp_path / "votes.xlsx"
    workbook.save(path)
    assert read_table(path, CASES, sheet="투표").rows[0].values["votes"] == 7
    assert_names(refusal(path), "votes.xlsx", 1, "case_id")
    error = refusal(path, sheet="없음")
    assert str(error) == 'votes.xlsx: no sheet named "없음" (sheets: "안내", "투표")'


# -- files that are refused whole ------------------------------------------------------------------


def test_empty_sheet_and_empty_csv_are_refused(tmp_path: Path) -> None:
    assert str(refusal(write_xlsx(tmp_path / "e.xlsx", [], title="Cases"))) == (
        'e.xlsx: sheet "Cases" is empty'
    )
    (tmp_path / "e.csv").write_bytes(b"")
    assert str(refusal(tmp_path / "e.csv")) == "e.csv: the file is empty"
    (tmp_path / "blank.csv").write_bytes(codecs.BOM_UTF8 + b"\r\n \r\n")
    assert str(refusal(tmp_path / "blank.csv")) == "blank.csv: the file is empty"
    (tmp_path / "commas.csv").write_bytes(b",,\r\n,,\r\n")
    assert str(refusal(tmp_path / "commas.csv")) == "commas.csv: the file is empty"


def test_header_only_table_has_no_rows(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "cases.csv", [["case_id", "title", "votes"]]), CASES)
    assert table.rows == ()


def test_encrypted_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "locked.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504)
    error = refusal(path)
    assert str(error).startswith("locked.xlsx: the workbook is password-protected")


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not really a zip", b"hello, world", b""],
    ids=["bad-zip", "text", "empty"],
)
def test_corrupt_workbook_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    error = refusal(path)
    assert error.problems[0].message_id == "table.corrupt"
    assert str(error).startswith("broken.xlsx: not a valid xlsx workbook")


def test_truncated_workbook_and_zip_without_workbook_are_refused(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["case_id", "title", "votes"], ["C1", "A", 1]])
    data = good.read_bytes()
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(data[: len(data) // 2])
    assert refusal(truncated).problems[0].message_id == "table.corrupt"
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert str(refusal(other)).startswith("other.xlsx: not a valid xlsx workbook")


def test_garbled_sheet_xml_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "garbled.xlsx", [["case_id", "title", "votes"], ["C1", "A", 1]])
    rewrite_member(path, SHEET, lambda xml: xml.replace(b"</sheetData>", b"<row><c>"))
    assert refusal(path).problems[0].message_id == "table.corrupt"


def test_highly_compressed_part_is_refused_as_a_zip_bomb(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", [["case_id", "title", "votes"], ["C1", "A", 1]])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (20 * 2**20))
    error = refusal(path)
    assert error.problems[0].message_id == "table.too_compressed"
    assert str(error).startswith('bomb.xlsx: part "xl/media/padding.bin" is compressed')


def test_too_big_workbook_and_csv_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = write_xlsx(tmp_path / "big.xlsx", [["case_id", "title", "votes"], ["C1", "A", 1]])
    text_file = write_csv(tmp_path / "big.csv", [["case_id", "title", "votes"], ["C1", "A", 1]])
    monkeypatch.setattr(tables, "MAX_UNCOMPRESSED_BYTES", 20)
    for path in (book, text_file):
        error = refusal(path)
        assert error.problems[0].message_id == "table.too_big"
        assert str(error).startswith(f"{path.name}: unpacks to more than")


@pytest.mark.parametrize("member", [SHEET, "xl/workbook.xml"])
def test_xml_entity_declarations_are_refused(tmp_path: Path, member: str) -> None:
    path = write_xlsx(tmp_path / "laughs.xlsx", [["case_id", "title", "votes"], ["C1", "A", 1]])
    dtd = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )

    def bomb(xml: bytes) -> bytes:
        declaration_end = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:declaration_end] + dtd + xml[declaration_end:]

    rewrite_member(path, member, bomb)
    error = refusal(path)
    assert str(error) == (
        "laughs.xlsx: contains XML entity declarations (possibly an XML bomb); refused as unsafe"
    )


@pytest.mark.parametrize("name", ["cases.txt", "cases.ods", "cases", "cases.xlsb"])
def test_other_file_types_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("case_id,title,votes\n", encoding="utf-8")
    assert str(refusal(path)) == f"{name}: only .xlsx and .csv files can be read"


def test_old_xls_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.XLS"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1"))
    assert str(refusal(path)) == (
        "old.XLS: the old Excel format (.xls) cannot be read; save it as .xlsx in Excel"
    )


def test_extension_is_case_insensitive_and_xlsm_is_a_workbook(tmp_path: Path) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A", 1]]
    for name in ("UPPER.XLSX", "macro.xlsm"):
        assert read_table(write_xlsx(tmp_path / name, rows), CASES).rows[0].values["votes"] == 1
    assert read_table(write_csv(tmp_path / "UPPER.CSV", rows), CASES).rows[0].text("case_id")


def test_missing_file_and_directory_are_refused_cleanly(tmp_path: Path) -> None:
    assert str(refusal(tmp_path / "nowhere.csv")) == "nowhere.csv: no such file"
    assert str(refusal(tmp_path / "nowhere.xlsx")) == "nowhere.xlsx: no such file"
    (tmp_path / "folder.csv").mkdir()
    assert str(refusal(tmp_path / "folder.csv")).startswith("folder.csv: cannot be read (")


# -- csv encodings and delimiters ------------------------------------------------------------------


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes(csv_text([["case_id", "title", "votes"], ["C1", "가", 1]]).encode("utf-16"))
    assert str(refusal(path)) == (
        'unicode.csv: the file is UTF-16 text; save it as "CSV UTF-8" in Excel'
    )


def test_utf16_without_bom_is_refused_for_its_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes(csv_text([["case_id", "title", "votes"]]).encode("utf-16-le"))
    assert str(refusal(path)) == "unicode.csv, row 1: contains NUL bytes (not a text CSV file)"


def test_bytes_neither_utf8_nor_cp949_are_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    content = csv_text([["case_id", "title", "votes"], ["C1", "A", 1], ["C2", "café,", 2]])
    path.write_bytes(content.encode("latin-1"))
    assert str(refusal(path)) == (
        "latin.csv, row 3: the text is neither UTF-8 nor CP949; "
        'save the file as "CSV UTF-8" in Excel'
    )


def test_bom_file_with_invalid_utf8_is_refused_not_guessed(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    good = csv_text([["case_id", "title", "votes"], ["C1", "가", 1]]).encode("utf-8")
    path.write_bytes(codecs.BOM_UTF8 + good + "C2,나,2\r\n".encode("cp949"))
    assert str(refusal(path)).startswith("mixed.csv, row 3: the text is neither UTF-8 nor CP949")


def test_the_encoding_is_decided_for_the_whole_file(tmp_path: Path) -> None:
    # UTF-8 but for one CP949 cell: not UTF-8 (row 3 is invalid), nor CP949 (the UTF-8 bytes of
    # "가", EA B0 80, are not), so refused rather than decoded cell by cell.
    path = tmp_path / "mixed.csv"
    good = csv_text([["case_id", "title", "votes"], ["C1", "가", 1]]).encode("utf-8")
    path.write_bytes(good + "C2,나,2\r\n".encode("cp949"))
    assert str(refusal(path)).startswith("mixed.csv, row 3: the text is neither UTF-8 nor CP949")


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(tmp_path: Path, delimiter: str) -> None:
    rows = [["case_id", "title", "votes"], ["C1", "A, B", "1,234"]]
    path = write_csv(tmp_path / "cases.csv", rows, delimiter=delimiter)
    assert dict(read_table(path, CASES).rows[0].values) == {
        "case_id": "C1",
        "title": "A, B",
        "votes": 1234,
    }


def test_csv_syntax_errors_are_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text(
        "case_id,title,votes\r\nC1,A,1\r\nC2," + "x" * (csv.field_size_limit() + 1) + ",2\r\n",
        encoding="utf-8",
    )
    error = refusal(path)
    assert str(error).startswith("huge.csv, row 3: malformed CSV (")


# -- the typed API ---------------------------------------------------------------------------------


def test_row_accessors() -> None:
    row = Row(5, {"a": "x", "n": 3, "d": Decimal("1.5"), "blank": None})
    assert row.text("a") == "x"
    assert row.integer("n") == 3
    assert row.decimal("d") == Decimal("1.5")
    assert row.optional_text("blank") is None
    assert row.optional_integer("blank") is None
    assert row.optional_decimal("blank") is None
    with pytest.raises(TypeError):
        row.text("n")
    with pytest.raises(TypeError):
        row.integer("blank")
    with pytest.raises(KeyError):
        row.text("missing")


def test_error_at_builds_located_refusals_for_callers(tmp_path: Path) -> None:
    messages.register(
        {
            "test_tables.unknown_case": (
                LOCATION_KO + ': "{value}" 사례가 없습니다',
                LOCATION_EN + ': no case "{value}"',
            )
        }
    )
    rows = [["Case_ID", "votes"], ["C9", "1"]]
    table = read_table(
        write_csv(tmp_path / "votes.csv", rows),
        [Column("case_id", "text"), Column("votes", "int")],
    )
    row = table.rows[0]
    error = table.error_at(row, "case_id", "test_tables.unknown_case", value=row.text("case_id"))
    assert str(error) == 'votes.csv, row 2, column "Case_ID" (A2): no case "C9"'
    set_language("ko")
    assert str(error) == 'votes.csv 2행 "Case_ID" 열 (A2): "C9" 사례가 없습니다'


@pytest.mark.parametrize(
    "make",
    [
        lambda: Column("Case_ID", "text"),
        lambda: Column(" case_id", "text"),
        lambda: Column("", "text"),
        lambda: Column("x", "float"),  # type: ignore[arg-type]
        lambda: Column("x", "text", minimum=0),
    ],
)
def test_column_spec_mistakes_are_programming_errors(make: Callable[[], Column]) -> None:
    with pytest.raises(ValueError):
        make()


def test_spec_mistakes_in_read_table_are_programming_errors(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["case_id", "title", "votes"]])
    with pytest.raises(ValueError, match="twice"):
        read_table(path, CASES, extra_columns=[Column("votes", "int")])
    with pytest.raises(ValueError, match="key"):
        read_table(path, CASES, key="judge_id")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_no_handle_stays_open_after_a_refusal(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "garbled.xlsx", [["case_id", "title", "votes"], ["C1", "A", 1]])
    rewrite_member(path, SHEET, lambda xml: xml.replace(b"</sheetData>", b"<row><c>"))
    error = refusal(path)  # kept alive, traceback and all
    open_files = {os.path.realpath(fd.path) for fd in os.scandir("/proc/self/fd")}
    assert os.path.realpath(path) not in open_files
    assert error.problems
