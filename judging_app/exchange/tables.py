"""Read the tables that the app imports (cases, judges, scores, votes) from xlsx or csv.

Every import goes through :func:`read_table`, so that every import refuses the same things in the
same words. The caller describes the columns it wants (:class:`Column`); the reader finds them in
the header row, converts each cell to text, a whole number or an exact decimal, and either returns
a :class:`Table` of typed rows or raises a :class:`TableError` listing *every* problem in the file
(``.problems``), each one line naming the file, the row (as the spreadsheet numbers it) and the
column (as the header spells it, with the cell reference such as ``C7``).

Decisions, where a user's file could be read more than one way:

- **Files.** ``.xlsx`` and ``.xlsm`` are workbooks, ``.csv`` is text; the extension decides
  (case-insensitive). ``.xls`` is refused with a hint to save as ``.xlsx``; anything else too.
- **Workbooks** are opened read-only with cached values (``data_only``); the first worksheet is
  read unless ``sheet`` names another. Before openpyxl sees the file, its zip directory is
  checked: more than :data:`MAX_UNCOMPRESSED_BYTES` in all, or a large part compressed more than
  :data:`MAX_COMPRESSION_RATIO` to 1, is refused as unsafe. XML entity declarations (XML bombs)
  are refused through defusedxml. The sheet's ``<dimension>`` tag is ignored, so a wrong one
  hides nothing. An OLE compound file (a password-protected workbook, or a renamed ``.xls``) is
  refused with a hint.
- **Formulas** are read by their saved value. A formula cell without one (written by a program
  that does not calculate) is refused naming the cell, in the header row and in the columns asked
  for; a formula whose saved value is empty text (``=IF(A2="","",A2)``) is an empty cell.
- **CSV encoding** is decided for the whole file, never per cell: a UTF-8 BOM means UTF-8; else
  strict UTF-8; else strict CP949 (what Korean Excel writes); anything else (UTF-16, Latin-1 that
  is not valid CP949, NUL bytes) is refused naming the first line neither encoding can read. The
  delimiter is the one of ``,`` ``\\t`` ``;`` found most often in the header line (``,`` when
  none is). Row numbers count records, blank lines included, as Excel numbers the file's rows.
- **Header** = the first row with anything in it. Names are matched after NFC, trimming spaces
  and case (``casefold``); columns not asked for are ignored, blank header cells too. A missing
  required column is refused; a column asked for that appears twice is refused (which one?).
- **Rows** whose cells are all empty are skipped (but counted). Text is NFC-normalised, trimmed,
  with line breaks as ``\\n``; an empty or all-space cell is blank, refused unless
  ``allow_blank``.
- **text** from an xlsx number: a whole number is accepted and written without a decimal point
  (``101`` or ``101.0`` → ``"101"``), because IDs typed as numbers in Excel are normal; a number
  with a fraction is refused ("a number where text is expected"). Dates and TRUE/FALSE are
  refused in every kind of column (a date in a text column is usually Excel converting ``3-1``
  behind the user's back).
- **int** accepts a whole number: an xlsx integer or integral float, or text such as ``1234``,
  ``1,234`` (thousands separators, as Korean Excel writes formatted numbers to csv), ``+5`` or
  ``12.0``; full-width digits count as digits (NFKC). ``12.5`` is "not a whole number", ``abc``
  "not a number". No exponents, currency signs or percent signs.
- **decimal** is exact: text via ``Decimal(text)``, an xlsx float via its shortest ``repr``
  (7.5 → ``Decimal('7.5')``, 0.1 → ``Decimal('0.1')``, never the binary expansion). Values are
  canonical, so a number reads the same from csv and xlsx: ``7.50`` → ``Decimal('7.5')``,
  ``8.0`` → ``Decimal('8')``. NaN and infinities are refused.
- **Keys**: ``key`` names the column(s) whose values must not repeat; values are compared as
  read (after trimming and NFC: ``C01`` and ``c01`` differ). A repeat is refused naming both rows.

Callers that find a problem of their own in a row (an unknown case, a closed round) build the
refusal with :meth:`Table.error_at`, registering templates that start with :data:`LOCATION_KO` /
:data:`LOCATION_EN`, so that every message about a table cell reads the same.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from itertools import compress
from operator import itemgetter
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, Literal, TypeAlias, TypeVar

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from judging_app.domain.messages import UserError, register, text

__all__ = [
    "LOCATION_EN",
    "LOCATION_KO",
    "MAX_COMPRESSION_RATIO",
    "MAX_UNCOMPRESSED_BYTES",
    "Column",
    "Columns",
    "HeaderCell",
    "Kind",
    "Row",
    "Table",
    "TableError",
    "Value",
    "read_columns",
    "read_table",
]

Kind: TypeAlias = Literal["text", "int", "decimal"]
Value: TypeAlias = str | int | Decimal | None
_T = TypeVar("_T", str, int, Decimal)

#: A workbook whose parts add up to more than this when unpacked is refused (zip bombs).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
#: A part larger than :data:`_RATIO_FLOOR_BYTES` compressed more than this to 1 is refused.
MAX_COMPRESSION_RATIO = 200
_RATIO_FLOOR_BYTES = 1024 * 1024

#: Templates for a message about one cell of a table start with these; fill them with
#: :meth:`Table.error_at`. ``{cell}`` is `` (C7)``.
LOCATION_KO = '{file} {row}행 "{column}" 열{cell}'
LOCATION_EN = '{file}, row {row}, column "{column}"{cell}'
_ROW_KO = "{file} {row}행"
_ROW_EN = "{file}, row {row}"
_RESAVE_KO = "Excel에서 열어 다시 계산한 뒤 저장하십시오"
_RESAVE_EN = "open the file in Excel, let it recalculate and save it"

register(
    {
        "table.file_missing": ("{file}: 파일이 없습니다", "{file}: no such file"),
        "table.unreadable": (
            "{file}: 파일을 읽을 수 없습니다 ({reason}). "
            "Excel에서 열려 있다면 닫고 다시 시도하십시오",
            "{file}: cannot be read ({reason}); if it is open in Excel, close it and try again",
        ),
        "table.unsupported": (
            "{file}: .xlsx 또는 .csv 파일만 읽을 수 있습니다",
            "{file}: only .xlsx and .csv files can be read",
        ),
        "table.xls": (
            "{file}: 예전 Excel 형식(.xls)은 읽을 수 없습니다. Excel에서 .xlsx로 저장하십시오",
            "{file}: the old Excel format (.xls) cannot be read; save it as .xlsx in Excel",
        ),
        "table.encrypted": (
            "{file}: 암호가 걸린 통합 문서이거나 예전 .xls 파일입니다. "
            "암호를 해제하고 .xlsx로 저장하십시오",
            "{file}: the workbook is password-protected or an old .xls file; "
            "remove the password and save it as .xlsx",
        ),
        "table.corrupt": (
            "{file}: 올바른 xlsx 통합 문서가 아닙니다 ({reason})",
            "{file}: not a valid xlsx workbook ({reason})",
        ),
        "table.too_big": (
            "{file}: 압축을 풀면 {limit} MB를 넘습니다. 안전하지 않아 읽지 않습니다",
            "{file}: unpacks to more than {limit} MB; refused as unsafe",
        ),
        "table.too_compressed": (
            '{file}: "{member}"의 압축률이 {ratio}:1로 비정상적입니다. 안전하지 않아 읽지 않습니다',
            '{file}: part "{member}" is compressed {ratio}:1, far beyond a real workbook; '
            "refused as unsafe",
        ),
        "table.unsafe_xml": (
            "{file}: XML 엔터티 선언(XML 폭탄일 수 있음)이 있어 안전하지 않아 읽지 않습니다",
            "{file}: contains XML entity declarations (possibly an XML bomb); refused as unsafe",
        ),
        "table.no_sheet": (
            '{file}: "{sheet}" 시트가 없습니다 (시트: {sheets})',
            '{file}: no sheet named "{sheet}" (sheets: {sheets})',
        ),
        "table.no_worksheet": (
            "{file}: 워크시트가 없습니다",
            "{file}: the workbook has no worksheet",
        ),
        "table.empty_sheet": (
            '{file}: "{sheet}" 시트가 비어 있습니다',
            '{file}: sheet "{sheet}" is empty',
        ),
        "table.empty_file": ("{file}: 파일이 비어 있습니다", "{file}: the file is empty"),
        "table.utf16": (
            '{file}: UTF-16 텍스트 파일입니다. Excel에서 "CSV UTF-8"로 저장하십시오',
            '{file}: the file is UTF-16 text; save it as "CSV UTF-8" in Excel',
        ),
        "table.encoding": (
            _ROW_KO
            + ': UTF-8도 CP949도 아닌 글자가 있습니다. Excel에서 "CSV UTF-8"로 저장하십시오',
            _ROW_EN
            + ': the text is neither UTF-8 nor CP949; save the file as "CSV UTF-8" in Excel',
        ),
        "table.nul": (
            _ROW_KO + ": NUL 바이트가 있습니다 (텍스트 CSV 파일이 아닙니다)",
            _ROW_EN + ": contains NUL bytes (not a text CSV file)",
        ),
        "table.csv_syntax": (
            _ROW_KO + ": CSV 형식 오류 ({reason})",
            _ROW_EN + ": malformed CSV ({reason})",
        ),
        "table.missing_column": (
            _ROW_KO + ': 머리글에 "{column}" 열이 없습니다 (있는 열: {found})',
            _ROW_EN + ': no column "{column}" in the header (columns found: {found})',
        ),
        "table.duplicate_column": (
            _ROW_KO + ': "{column}" 열이 두 번 있습니다 ({first}, {second})',
            _ROW_EN + ': column "{column}" appears twice ({first} and {second})',
        ),
        "table.header_formula": (
            _ROW_KO + "{cell}: 머리글이 계산된 값이 저장되지 않은 수식입니다. " + _RESAVE_KO,
            _ROW_EN + "{cell}: a header is a formula with no saved value; " + _RESAVE_EN,
        ),
        "table.blank": (LOCATION_KO + ": 값이 비어 있습니다", LOCATION_EN + ": the cell is empty"),
        "table.not_number": (
            LOCATION_KO + ': "{value}"은(는) 숫자가 아닙니다',
            LOCATION_EN + ': "{value}" is not a number',
        ),
        "table.not_whole": (
            LOCATION_KO + ': "{value}"은(는) 정수가 아닙니다',
            LOCATION_EN + ': "{value}" is not a whole number',
        ),
        "table.below_minimum": (
            LOCATION_KO + ': "{value}"은(는) 최솟값 {minimum}보다 작습니다',
            LOCATION_EN + ': "{value}" is less than the minimum {minimum}',
        ),
        "table.not_text": (
            LOCATION_KO + ': "{value}"은(는) 숫자입니다. 이 열에는 글자가 와야 합니다 '
            "(셀 서식을 텍스트로 하십시오)",
            LOCATION_EN + ': "{value}" is a number where text is expected '
            "(format the cell as text)",
        ),
        "table.date": (
            LOCATION_KO + ': "{value}"은(는) 날짜/시간이며 이 열에는 쓸 수 없습니다 '
            "(셀 서식을 확인하십시오)",
            LOCATION_EN + ': "{value}" is a date or time, which this column does not take '
            "(check the cell format)",
        ),
        "table.boolean": (
            LOCATION_KO + ": {value}은(는) 참/거짓 값이며 이 열에는 쓸 수 없습니다",
            LOCATION_EN + ": {value} is a TRUE/FALSE value, which this column does not take",
        ),
        "table.excel_error": (
            LOCATION_KO + ": 셀에 Excel 오류 {value}이(가) 있습니다",
            LOCATION_EN + ": the cell holds the Excel error {value}",
        ),
        "table.formula_uncached": (
            LOCATION_KO + ": 수식의 계산된 값이 저장되어 있지 않습니다. " + _RESAVE_KO,
            LOCATION_EN + ": the formula has no saved value; " + _RESAVE_EN,
        ),
        "table.duplicate_key": (
            LOCATION_KO + ': "{value}"이(가) {first_row}행과 겹칩니다',
            LOCATION_EN + ': "{value}" repeats row {first_row}',
        ),
        "table.duplicate_keys": (
            _ROW_KO + ": {keys} 조합이 {first_row}행과 겹칩니다",
            _ROW_EN + ": {keys} repeats row {first_row}",
        ),
        "table.and_more": (" 외 {count}건", " (and {count} more)"),
    }
)


# --------------------------------------------------------------------------------------------------
# Public types


@dataclass(frozen=True)
class Column:
    """One column the caller wants: ``name`` is the header as matched (trimmed, lower case)."""

    name: str
    kind: Kind
    required: bool = True
    allow_blank: bool = False
    minimum: int | Decimal | None = None

    def __post_init__(self) -> None:
        if not self.name or _header_key(self.name) != self.name:
            raise ValueError(f"column name must be trimmed and lower case: {self.name!r}")
        if self.kind not in ("text", "int", "decimal"):
            raise ValueError(f"unknown column kind: {self.kind!r}")
        if self.minimum is not None and self.kind == "text":
            raise ValueError(f"a text column has no minimum: {self.name!r}")


@dataclass(frozen=True)
class HeaderCell:
    """A header as found in the file: its matching ``key``, its ``title`` as written, its place."""

    key: str
    title: str
    index: int  # 0-based column index

    @property
    def letter(self) -> str:
        return str(_column_letter(self.index + 1))


@dataclass(frozen=True)
class Row:
    """One data row: ``number`` as the spreadsheet numbers it, ``values`` by column name.

    Every column asked for has a key; a blank cell, or an optional column the file lacks, is None.
    The typed accessors are for callers under strict typing; they raise TypeError on a programming
    error (asking ``text`` of an int column, or of a blank cell).
    """

    number: int
    values: Mapping[str, Value]

    def text(self, name: str) -> str:
        return _required(self, name, str)

    def optional_text(self, name: str) -> str | None:
        return _optional(self, name, str)

    def integer(self, name: str) -> int:
        return _required(self, name, int)

    def optional_integer(self, name: str) -> int | None:
        return _optional(self, name, int)

    def decimal(self, name: str) -> Decimal:
        return _required(self, name, Decimal)

    def optional_decimal(self, name: str) -> Decimal | None:
        return _optional(self, name, Decimal)


@dataclass(frozen=True)
class Table:
    """A table read without a problem.

    ``columns_present`` is every header key in the file (in file order, blanks left out), so that a
    caller can see which optional columns exist; ``header`` maps each key to its first header cell.
    """

    path: Path
    rows: tuple[Row, ...]
    columns_present: tuple[str, ...]
    header_row: int
    header: Mapping[str, HeaderCell]

    @property
    def file_name(self) -> str:
        return self.path.name

    def error_at(
        self, row: Row | int, column: str | None, message_id: str, **params: object
    ) -> UserError:
        """A refusal about a cell (or a whole row when ``column`` is None) of this table.

        Fills ``file``, ``row``, ``column`` (the header as the file spells it) and ``cell``
        (`` (C7)``) for a template that starts with :data:`LOCATION_KO` / :data:`LOCATION_EN`.
        """
        number = row.number if isinstance(row, Row) else row
        located: dict[str, object] = {"file": self.path.name, "row": number}
        if column is not None:
            found = self.header.get(column)
            located["column"] = _one_line(found.title if found is not None else column)
            located["cell"] = f" ({found.letter}{number})" if found is not None else ""
        return UserError(message_id, **(located | params))


class TableError(UserError):
    """Every problem found in a table; the message is the first one, plus "(and N more)"."""

    def __init__(self, problems: Sequence[UserError]) -> None:
        if not problems:
            raise ValueError("a TableError needs at least one problem")
        self.problems: tuple[UserError, ...] = tuple(problems)
        first = self.problems[0]
        super().__init__(first.message_id, **first.params)

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return first + text("table.and_more", count=more) if more else first


# --------------------------------------------------------------------------------------------------
# Reading


def read_table(
    path: str | PathLike[str],
    columns: Sequence[Column],
    *,
    key: str | tuple[str, ...] | None = None,
    extra_columns: Sequence[Column] = (),
    sheet: str | None = None,
) -> Table:
    """Read the table in ``path`` (xlsx, xlsm or csv) into typed rows, or raise :class:`TableError`.

    ``extra_columns`` are wanted too: the columns whose names the caller only knows at run time
    (one per criterion or round key). ``key`` names the column(s) whose values must not repeat.
    ``sheet`` picks a worksheet by name (default: the first); it is ignored for csv.
    """
    read = read_columns(path, columns, key=key, extra_columns=extra_columns, sheet=sheet)
    names = tuple(read.values)
    rows = tuple(
        Row(number, MappingProxyType(dict(zip(names, values, strict=True))))
        for number, *values in zip(read.numbers, *read.values.values(), strict=True)
    )
    table = read.table
    return Table(table.path, rows, table.columns_present, table.header_row, table.header)


@dataclass(frozen=True)
class Columns:
    """A table read column by column, for tables too large for a :class:`Row` object a row.

    ``numbers[i]`` is the spreadsheet's number of the i-th data row and ``values[name][i]`` its
    value in each column asked for (None: blank, or the column is absent). ``table`` has no rows;
    it names the file and the header for :meth:`Table.error_at`.
    """

    table: Table
    numbers: tuple[int, ...]
    values: Mapping[str, list[Value]]


def read_columns(
    path: str | PathLike[str],
    columns: Sequence[Column],
    *,
    key: str | tuple[str, ...] | None = None,
    extra_columns: Sequence[Column] = (),
    sheet: str | None = None,
) -> Columns:
    """:func:`read_table`'s reading and checks (the same refusals, in the same order), column by
    column: each distinct raw cell of a column is converted once, which is what makes a table of
    hundreds of thousands of rows of repeated ids and scores quick to read."""
    wanted = (*columns, *extra_columns)
    key_names = (key,) if isinstance(key, str) else tuple(key or ())
    _check_spec(wanted, key_names)
    path = Path(path)
    raw_rows, sheet_title = _read_raw(path, sheet)
    text_only = sheet_title is None  # a csv file: every cell is a str

    header_at = next((i for i, cells in enumerate(raw_rows) if not _is_blank_row(cells)), None)
    if header_at is None:
        if sheet_title is None:
            raise TableError([UserError("table.empty_file", file=path.name)])
        raise TableError([UserError("table.empty_sheet", file=path.name, sheet=sheet_title)])
    header_row = header_at + 1
    header = _read_header(path, header_row, raw_rows[header_at])
    first_cells: dict[str, HeaderCell] = {}
    for header_cell in header:
        first_cells.setdefault(header_cell.key, header_cell)
    table = Table(
        path=path,
        rows=(),
        columns_present=tuple(first_cells),
        header_row=header_row,
        header=MappingProxyType(first_cells),
    )

    header_problems = _header_problems(table, raw_rows[header_at], header, wanted)
    if header_problems:
        raise TableError(header_problems)

    below = raw_rows[header_at + 1 :]
    del raw_rows
    if text_only:  # a row of str cells is blank when its cells joined are
        filled: Iterable[object] = map(str.strip, map("".join, below))  # type: ignore[arg-type]
    else:
        filled = [not _is_blank_row(cells) for cells in below]
    flags = list(filled)
    numbers = list(compress(range(header_row + 1, header_row + 1 + len(below)), flags))
    data = list(compress(below, flags))
    del below

    # (row number, column position, problem): sorted at the end into the file's order, row by
    # row, the cells left to right and a repeated key after them.
    problems: list[tuple[int, int, UserError]] = []
    values: dict[str, list[Value]] = {}
    shortest = min(map(len, data), default=0)
    for position, column in enumerate(wanted):
        cell = first_cells.get(column.name)
        if cell is None:
            values[column.name] = [None] * len(data)
            continue
        at = cell.index
        if at < shortest:
            raws = list(map(itemgetter(at), data))
        else:
            raws = [cells[at] if at < len(cells) else None for cells in data]
        converted, refused = _convert_column(raws, column, text_only)
        for i in refused:
            raw, outcome = raws[i], converted[i]
            assert isinstance(outcome, _Refusal)
            params = {"value": _show(raw)} | outcome.params
            error = table.error_at(numbers[i], column.name, outcome.message_id, **params)
            problems.append((numbers[i], position, error))
            converted[i] = None
        values[column.name] = converted  # type: ignore[assignment]  # refusals replaced by None

    if key_names:
        problems += _duplicate_keys(table, numbers, values, key_names, len(wanted))
    if problems:
        problems.sort(key=lambda found: found[:2])
        raise TableError([error for _row, _position, error in problems])
    return Columns(table, tuple(numbers), MappingProxyType(values))


def _convert_column(
    raws: list[_Raw], column: Column, text_only: bool
) -> tuple[list[Value | _Refusal], list[int]]:
    """Each cell of a column converted (each distinct raw value once), and the indexes refused."""
    memo: dict[object, Value | _Refusal]
    if text_only:  # str and None only: the raw value is its own key
        memo = {raw: _outcome(raw, column) for raw in set(raws)}
        converted = list(map(memo.__getitem__, raws))
    else:
        # The type is in the key so that True, 1 and 1.0 (equal in Python) stay apart.
        memo = {}
        converted = []
        for raw in raws:
            memo_key = (raw.__class__, raw)
            outcome = memo.get(memo_key, _MISSING)
            if outcome is _MISSING:
                outcome = memo[memo_key] = _outcome(raw, column)
            converted.append(outcome)
    if not any(isinstance(outcome, _Refusal) for outcome in memo.values()):
        return converted, []
    return converted, [i for i, outcome in enumerate(converted) if isinstance(outcome, _Refusal)]


def _outcome(raw: _Raw, column: Column) -> Value | _Refusal:
    try:
        return _convert(raw, column)
    except _Refusal as refusal:
        return refusal


def _duplicate_keys(
    table: Table,
    numbers: list[int],
    values: Mapping[str, list[Value]],
    key_names: tuple[str, ...],
    position: int,
) -> list[tuple[int, int, UserError]]:
    """A refusal for each row whose key repeats an earlier row's (rows with a blank key cell,
    or one refused, are not compared)."""
    keys = list(zip(*(values[name] for name in key_names), strict=True))
    complete = not any(None in values[name] for name in key_names)
    if complete and len(set(keys)) == len(keys):
        return []
    found: list[tuple[int, int, UserError]] = []
    seen: dict[tuple[Value, ...], int] = {}
    for i, key_value in enumerate(keys):
        if None in key_value:
            continue
        first_row = seen.setdefault(key_value, numbers[i])
        if first_row != numbers[i]:
            row = Row(numbers[i], {name: values[name][i] for name in values})
            found.append((numbers[i], position, _duplicate_key(table, row, key_names, first_row)))
    return found


# --------------------------------------------------------------------------------------------------
# Raw cells: what a file holds, before the caller's columns give it a type


class _Uncached:
    """A formula cell without a saved value."""

    def __repr__(self) -> str:
        return "<formula without a saved value>"


_UNCACHED = _Uncached()
_MISSING: Any = object()  # not converted yet


@dataclass(frozen=True)
class _ExcelError:
    code: str  # "#DIV/0!", "#N/A", ...


_Raw: TypeAlias = (
    str | int | float | bool | dt.date | dt.time | dt.timedelta | _ExcelError | _Uncached | None
)
_RawRows: TypeAlias = list[list[_Raw]]


class _Refusal(Exception):
    """A cell-level problem before its location is known."""

    def __init__(self, message_id: str, **params: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params


def _column_letter(number: int) -> str:
    """Excel's column letters of a 1-based column number (A, …, Z, AA, …), as openpyxl spells
    them (kept here so that reading a csv never imports openpyxl)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _fail(message_id: str, **params: object) -> TableError:
    return TableError([UserError(message_id, **params)])


def _read_raw(path: Path, sheet: str | None) -> tuple[_RawRows, str | None]:
    """The cells of the file, row 1 first; and the sheet's title for a workbook."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise _fail("table.xls", file=path.name)
    if suffix not in (".xlsx", ".xlsm", ".csv"):
        raise _fail("table.unsupported", file=path.name)
    try:
        if suffix == ".csv":
            return _read_csv(path), None
        return _read_xlsx(path, sheet)
    except FileNotFoundError:
        raise _fail("table.file_missing", file=path.name) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _fail("table.unreadable", file=path.name, reason=reason) from exc


# -- csv ------------------------------------------------------------------------------------------


def _read_csv(path: Path) -> _RawRows:
    if path.stat().st_size > MAX_UNCOMPRESSED_BYTES:
        raise _fail("table.too_big", file=path.name, limit=_megabytes(MAX_UNCOMPRESSED_BYTES))
    content = _decode(path, path.read_bytes())
    if not content.strip():
        raise _fail("table.empty_file", file=path.name)
    nul = content.find("\x00")
    if nul >= 0:
        raise _fail("table.nul", file=path.name, row=content.count("\n", 0, nul) + 1)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=_delimiter(content))
    rows: _RawRows = []
    try:
        rows.extend(reader)  # type: ignore[arg-type]  # lists of str; on an error, those read stay
    except csv.Error as exc:
        raise _fail("table.csv_syntax", file=path.name, row=len(rows) + 1, reason=str(exc)) from exc
    return rows


def _decode(path: Path, data: bytes) -> str:
    """The whole file in one encoding: UTF-8 (with or without BOM), else CP949; else refused."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            offset = exc.start + len(codecs.BOM_UTF8)
            raise _fail("table.encoding", file=path.name, row=_line_at(data, offset)) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _fail("table.utf16", file=path.name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp949")
        except UnicodeDecodeError as cp949_error:
            # The encoding that read further is more likely the one meant: report where it stopped.
            offset = max(utf8_error.start, cp949_error.start)
            row = _line_at(data, offset)
            raise _fail("table.encoding", file=path.name, row=row) from cp949_error


def _megabytes(size: int) -> str:
    return f"{size / 2**20:g}"


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _delimiter(content: str) -> str:
    """The one of , TAB ; found most often in the first non-blank line (a comma when none is)."""
    for line in io.StringIO(content):
        if line.strip():
            counts = {candidate: line.count(candidate) for candidate in (",", "\t", ";")}
            best = max(counts, key=counts.__getitem__)
            return best if counts[best] else ","
    return ","


# -- xlsx -----------------------------------------------------------------------------------------

_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


@contextmanager
def _workbook_errors(path: Path) -> Iterator[None]:
    """Whatever openpyxl or the XML parser trips over in a bad file becomes one clean refusal."""
    try:
        yield
    except UserError:
        raise
    except Exception as exc:
        causes = list(_causes(exc))
        if any(isinstance(cause, DefusedXmlException) for cause in causes):
            raise _fail("table.unsafe_xml", file=path.name) from exc
        # openpyxl wraps the real cause in a message naming the whole path; the cause says more.
        root = causes[-1]
        detail = _one_line(str(root), limit=80)
        reason = f"{type(root).__name__}: {detail}" if detail else type(root).__name__
        raise _fail("table.corrupt", file=path.name, reason=reason) from exc


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and the ones it was raised from, outermost first."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _read_xlsx(path: Path, sheet: str | None) -> tuple[_RawRows, str]:
    # One handle of our own, closed on every way out: a refusal keeps its traceback (and with it
    # openpyxl's objects) alive, and on Windows an open handle would stop Excel saving the fix.
    with path.open("rb") as handle:
        head = handle.read(8)
        if head.startswith(_OLE_MAGIC):
            raise _fail("table.encrypted", file=path.name)
        if not head.startswith(_ZIP_MAGIC):
            raise _fail("table.corrupt", file=path.name, reason="not a zip archive")
        handle.seek(0)
        with _workbook_errors(path), zipfile.ZipFile(handle) as archive:
            _check_archive(path, archive)
            rows, title, member = _read_cells(path, handle, sheet)
            for row, column in _uncached_formulas(archive, member):
                while len(rows) < row:
                    rows.append([])
                cells = rows[row - 1]
                cells.extend([None] * (column - len(cells)))
                cells[column - 1] = _UNCACHED
    return rows, title


def _read_cells(path: Path, handle: IO[bytes], sheet: str | None) -> tuple[_RawRows, str, str]:
    """The sheet's cells by their saved values, its title, and its part's name in the zip."""
    with warnings.catch_warnings():
        # openpyxl warns about styles, extensions and dates it drops; none matters here.
        warnings.simplefilter("ignore")
        import openpyxl  # here: a csv import or a ranking never pays for loading it

        workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        try:
            worksheet = _pick_sheet(path, workbook, sheet)
            worksheet.reset_dimensions()
            rows: _RawRows = [
                [_raw_cell(cell) for cell in cells] for cells in worksheet.iter_rows()
            ]
            title = str(worksheet.title)
            member = str(worksheet._worksheet_path)  # no public name for it in read-only mode
        finally:
            workbook.close()
    return rows, title, member


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a zip bomb from its directory, before anything is unpacked."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _fail("table.too_big", file=path.name, limit=_megabytes(MAX_UNCOMPRESSED_BYTES))
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _fail(
                "table.too_compressed", file=path.name, member=_one_line(info.filename), ratio=ratio
            )


def _pick_sheet(path: Path, workbook: Any, sheet: str | None) -> Any:
    worksheets = list(workbook.worksheets)
    if sheet is None:
        if not worksheets:
            raise _fail("table.no_worksheet", file=path.name)
        return worksheets[0]
    for worksheet in worksheets:
        if worksheet.title == sheet:
            return worksheet
    names = ", ".join(f'"{worksheet.title}"' for worksheet in worksheets)
    raise _fail("table.no_sheet", file=path.name, sheet=sheet, sheets=names)


def _raw_cell(cell: object) -> _Raw:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", "n") == "e":
        return _ExcelError(str(value))
    if value is None or isinstance(value, str | int | float | dt.date | dt.time | dt.timedelta):
        return value
    return str(value)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _uncached_formulas(archive: zipfile.ZipFile, member: str) -> list[tuple[int, int]]:
    """(row, column) of every formula cell in the sheet that has no saved value.

    openpyxl in ``data_only`` mode reads such a cell as empty, exactly like a formula whose saved
    value is empty text, so the sheet's XML is scanned for them (through defusedxml). A formula
    has no saved value when it has no ``<v>``, or an empty one in a cell not typed as text
    (``t="str"``).
    """
    found: list[tuple[int, int]] = []
    if not _has_formula(archive, member):  # most tables: no second parse of a large sheet
        return found
    row = column = 0
    with archive.open(member) as source:
        for event, element in iterparse(source, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    number = element.get("r")
                    row = int(float(number)) if number else row + 1
                    column = 0
                continue
            if tag == "c":
                reference = element.get("r")
                if reference:
                    from openpyxl.utils.cell import coordinate_to_tuple

                    row, column = coordinate_to_tuple(reference)
                else:
                    column += 1
                children = {_local(child.tag): child for child in element}
                if "f" in children:
                    saved = children.get("v")
                    if saved is None or (not saved.text and element.get("t") != "str"):
                        found.append((row, column))
                element.clear()
            elif tag == "row":
                element.clear()
    return found


_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")


def _has_formula(archive: zipfile.ZipFile, member: str) -> bool:
    """Whether the sheet's XML has a formula element at all (a byte scan, chunk by chunk)."""
    tail = b""
    with archive.open(member) as source:
        for chunk in iter(lambda: source.read(1 << 20), b""):
            if _FORMULA_TAG.search(tail + chunk):
                return True
            tail = chunk[-64:]
    return False


# --------------------------------------------------------------------------------------------------
# Header and cells


def _header_key(title: str) -> str:
    return unicodedata.normalize("NFC", title).strip().casefold()


def _is_blank(raw: _Raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _is_blank_row(cells: Sequence[_Raw]) -> bool:
    return not any(raw is not None and (not isinstance(raw, str) or raw.strip()) for raw in cells)


def _read_header(path: Path, header_row: int, cells: Sequence[_Raw]) -> list[HeaderCell]:
    header: list[HeaderCell] = []
    for index, raw in enumerate(cells):
        if _is_blank(raw) or raw is _UNCACHED:
            continue
        title = _show(raw, limit=None)
        header.append(HeaderCell(key=_header_key(title), title=title, index=index))
    return header


def _header_problems(
    table: Table, cells: Sequence[_Raw], header: Sequence[HeaderCell], wanted: Sequence[Column]
) -> list[UserError]:
    problems: list[UserError] = []
    file, row = table.path.name, table.header_row
    for index, raw in enumerate(cells):
        if raw is _UNCACHED:
            cell = f" ({_column_letter(index + 1)}{row})"
            problems.append(UserError("table.header_formula", file=file, row=row, cell=cell))
    titles = [cell.title for cell in header]
    found = ", ".join(f'"{_one_line(title, limit=30)}"' for title in titles[:12])
    if len(titles) > 12:
        found += ", …"
    for column in wanted:
        matches = [cell for cell in header if cell.key == column.name]
        if not matches and column.required:
            problems.append(
                UserError(
                    "table.missing_column", file=file, row=row, column=column.name, found=found
                )
            )
        elif len(matches) > 1:
            first, second = (f"{cell.letter}{row}" for cell in matches[:2])
            problems.append(
                UserError(
                    "table.duplicate_column",
                    file=file,
                    row=row,
                    column=_one_line(matches[0].title),
                    first=first,
                    second=second,
                )
            )
    return problems


def _duplicate_key(table: Table, row: Row, key_names: tuple[str, ...], first_row: int) -> UserError:
    if len(key_names) == 1:
        value = _one_line(str(row.values[key_names[0]]))
        return table.error_at(
            row, key_names[0], "table.duplicate_key", value=value, first_row=first_row
        )
    keys = ", ".join(
        f'{_one_line(table.header[name].title)} "{_one_line(str(row.values[name]))}"'
        for name in key_names
    )
    return table.error_at(row, None, "table.duplicate_keys", keys=keys, first_row=first_row)


def _convert(raw: _Raw, column: Column) -> Value:
    """The cell as the column's kind, or a :class:`_Refusal` saying why it cannot be."""
    if isinstance(raw, _Uncached):
        raise _Refusal("table.formula_uncached")
    if isinstance(raw, _ExcelError):
        raise _Refusal("table.excel_error", value=raw.code)
    if isinstance(raw, str):
        raw = _clean_text(raw)
    if raw is None or raw == "":
        if column.allow_blank:
            return None
        raise _Refusal("table.blank")
    if isinstance(raw, bool):
        raise _Refusal("table.boolean")
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        raise _Refusal("table.date")
    if column.kind == "text":
        return _to_text(raw)
    number = _to_decimal(raw)
    value: int | Decimal = number
    if column.kind == "int":
        if number != number.to_integral_value():
            raise _Refusal("table.not_whole")
        value = int(number)
    if column.minimum is not None and value < column.minimum:
        raise _Refusal("table.below_minimum", minimum=column.minimum)
    return value


def _clean_text(raw: str) -> str:
    return unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _to_text(raw: str | int | float) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, int):
        return str(raw)
    if math.isfinite(raw) and raw.is_integer():
        return str(int(raw))
    raise _Refusal("table.not_text")


# Whole digits (plain or grouped by thousands with commas), an optional fraction; no exponent.
_NUMBER = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)", re.ASCII)
_NUMBER_MAX_LENGTH = 40
_EXACT = Context(prec=400)  # enough digits for any float's repr and any accepted text


def _to_decimal(raw: str | int | float) -> Decimal:
    if isinstance(raw, int):
        return _canonical(Decimal(raw))
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Refusal("table.not_number")
        return _canonical(Decimal(repr(raw)))
    candidate = unicodedata.normalize("NFKC", raw).strip()
    if len(candidate) > _NUMBER_MAX_LENGTH or not _NUMBER.fullmatch(candidate):
        raise _Refusal("table.not_number")
    try:
        return _canonical(Decimal(candidate.replace(",", "")))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid literals
        raise _Refusal("table.not_number") from exc


def _canonical(number: Decimal) -> Decimal:
    """One spelling per number: ``7.50`` → ``7.5``, ``8.0`` → ``8``, ``-0`` → ``0``."""
    if number.is_zero():
        return Decimal(0)
    if number == number.to_integral_value():
        return number.quantize(Decimal(1), context=_EXACT)
    return number.normalize(_EXACT)


def _one_line(value: str, limit: int | None = 60) -> str:
    flat = " ".join(value.split())
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1] + "…"
    return flat


def _show(raw: _Raw, limit: int | None = 60) -> str:
    """A cell as a message quotes it: one line, short."""
    if raw is None or raw is _UNCACHED:
        return ""
    if isinstance(raw, _ExcelError):
        return raw.code
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if math.isfinite(raw) and raw.is_integer() else repr(raw)
    if isinstance(raw, dt.datetime) and raw.time() == dt.time():
        return raw.date().isoformat()
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    text_value = unicodedata.normalize("NFC", str(raw))
    return _one_line(text_value, limit) if limit is not None else " ".join(text_value.split())


def _check_spec(wanted: Sequence[Column], key_names: tuple[str, ...]) -> None:
    names = [column.name for column in wanted]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"columns asked for twice: {repeated}")
    unknown = [name for name in key_names if name not in names]
    if unknown:
        raise ValueError(f"key columns not among the columns: {unknown}")


def _optional(row: Row, name: str, kind: type[_T]) -> _T | None:
    value = row.values[name]
    if value is None or isinstance(value, kind):
        return value
    raise TypeError(f"row {row.number}, column {name!r}: {value!r} is not {kind.__name__}")


def _required(row: Row, name: str, kind: type[_T]) -> _T:
    value = _optional(row, name, kind)
    if value is None:
        raise TypeError(f"row {row.number}, column {name!r} is blank")
    return value
