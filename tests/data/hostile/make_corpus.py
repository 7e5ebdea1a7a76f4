"""Write the hostile-file corpus of this folder (``python tests/data/hostile/make_corpus.py``).

Each file is a vote table (``case_id, votes``) for the hand-worked contest of tests/cli (cases C1
to C5), or a file pretending to be something it is not. The workbooks are built from raw XML, so
that each one is exactly as hostile as its name says; the files are kept small (a few KB each).
``tests/reliability/test_hostile_files.py`` says what must happen to each. The 200,000-row sheet
is made at test time instead of being kept here.
"""

from __future__ import annotations

import io
import sqlite3
import struct
import sys
import zipfile
from contextlib import closing
from pathlib import Path

HERE = Path(__file__).resolve().parent

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="votes" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="worksheets/sheet1.xml"/>
</Relationships>"""
SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<dimension ref="{dimension}"/>
<sheetData>{rows}</sheetData>{after}
</worksheet>"""


def text_cell(ref: str, value: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def number_cell(ref: str, value: int) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def row(number: int, *cells: str) -> str:
    return f'<row r="{number}">{"".join(cells)}</row>'


def vote_rows(votes: dict[str, int]) -> list[str]:
    rows = [row(1, text_cell("A1", "case_id"), text_cell("B1", "votes"))]
    for number, (case_id, count) in enumerate(votes.items(), start=2):
        rows.append(row(number, text_cell(f"A{number}", case_id), number_cell(f"B{number}", count)))
    return rows


VOTES = {"C1": 100, "C2": 300, "C3": 300, "C4": 1500, "C5": 600}


def workbook(
    rows: list[str],
    *,
    dimension: str | None = None,
    doctype: str = "",
    after: str = "",
    sheet_xml: str | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    if sheet_xml is None:
        sheet_xml = SHEET.format(
            doctype=doctype,
            dimension=dimension or f"A1:B{len(rows)}",
            rows="".join(rows),
            after=after,
        )
    buffer = io.BytesIO()
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():  # a fixed time: the same bytes on every run
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            archive.writestr(info, text, compress_type=compression)
    return buffer.getvalue()


def entity_bomb() -> bytes:
    """The billion laughs: ten levels of entities, each ten of the one below."""
    levels = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    doctype = f"\n<!DOCTYPE worksheet [{''.join(levels)}]>"
    rows = vote_rows(VOTES)
    rows[1] = row(2, text_cell("A2", "&lol9;"), number_cell("B2", 1))
    return workbook(rows, doctype=doctype)


def zip_bomb() -> bytes:
    """A sheet part of 8 MB of blank rows that compresses about 1,000 to 1."""
    padding = "<row/>" * (8 * 1024 * 1024 // 6)
    sheet = SHEET.format(
        doctype="", dimension="A1:B6", rows="".join(vote_rows(VOTES)) + padding, after=""
    )
    return workbook([], sheet_xml=sheet)


def lying_sizes() -> bytes:
    """A small workbook whose zip directory claims each part unpacks to 1 GB."""
    data = bytearray(workbook(vote_rows(VOTES)))
    at = data.find(b"PK\x01\x02")
    while at != -1:  # every central directory entry: the uncompressed size at offset 24
        data[at + 24 : at + 28] = struct.pack("<I", 1 << 30)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def lying_dimension() -> bytes:
    """``<dimension>`` says one cell; the sheet has a header and five rows."""
    return workbook(vote_rows(VOTES), dimension="A1:A1")


def formula_never_calculated() -> bytes:
    """C4's votes are a formula written by a program that does not calculate: no cached value."""
    rows = vote_rows(VOTES)
    rows[4] = row(5, text_cell("A5", "C4"), '<c r="B5"><f>SUM(1000,500)</f></c>')
    return workbook(rows)


def merged_cells() -> bytes:
    """C2 and C3 share one merged votes cell (B3:B4): only B3 holds the value."""
    rows = vote_rows(VOTES)
    rows[3] = row(4, text_cell("A4", "C3"))
    return workbook(rows, after='<mergeCells count="1"><mergeCell ref="B3:B4"/></mergeCells>')


def ole_file() -> bytes:
    """The start of an OLE compound file: a password-protected workbook or an old .xls."""
    return bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504


def sqlite_file() -> bytes:
    buffer = HERE / ".sqlite.tmp"
    buffer.unlink(missing_ok=True)
    with closing(sqlite3.connect(buffer)) as connection, connection:
        connection.execute("CREATE TABLE votes (case_id TEXT, votes INTEGER)")
        connection.executemany("INSERT INTO votes VALUES (?, ?)", VOTES.items())
    data = buffer.read_bytes()
    buffer.unlink()
    return data


def cp949_with_one_utf8_line() -> bytes:
    lines = ["case_id,votes,비고", "C1,100,종로구", "C2,300,중구", "C3,300,교통정책과"]
    data = "\r\n".join(lines).encode("cp949") + b"\r\n"
    data += "C4,1500,용산구\r\n".encode()  # this line was pasted from a UTF-8 file
    return data + "C5,600,성동구\r\n".encode("cp949")


CSV = {
    "fullwidth_digits.csv": (
        "case_id,votes\nC1,１００\nC2,３００\nC3,３００\nC4,１５００\nC5,６００\n"
    ),
    "thousands_separator.csv": 'case_id,votes\nC1,100\nC2,300\nC3,300\nC4,"1,500"\nC5,600\n',
}


def corpus() -> dict[str, bytes]:
    files = {
        "entity_bomb.xlsx": entity_bomb(),
        "zip_bomb.xlsx": zip_bomb(),
        "zip_lying_sizes.xlsx": lying_sizes(),
        "lying_dimension.xlsx": lying_dimension(),
        "formula_never_calculated.xlsx": formula_never_calculated(),
        "merged_cells.xlsx": merged_cells(),
        "password_protected.xlsx": ole_file(),
        "sqlite_file.xlsx": sqlite_file(),
        "empty.csv": b"",
        "empty.xlsx": b"",
        "cp949_one_utf8_line.csv": cp949_with_one_utf8_line(),
        "package_that_is_a_zip.jpkg": workbook(vote_rows(VOTES)),
        "package_that_is_empty.jpkg": b"",
        "package_that_is_text.jpkg": b"judge_id,case_id\nJ1,C1\n",
    }
    files.update({name: text.encode("utf-8") for name, text in CSV.items()})
    return files


def main() -> None:
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")


if __name__ == "__main__":
    sys.exit(main())
