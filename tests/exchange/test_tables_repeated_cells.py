"""The reader converts each distinct cell of a column once (issue 10): a property test that the
rows and refusals it gives are those of converting every cell on its own."""

from __future__ import annotations

import csv
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from judging_app.exchange import tables
from judging_app.exchange.tables import Column, TableError, read_table

COLUMNS = (
    Column("who", "text"),
    Column("n", "int", minimum=0),
    Column("x", "decimal", allow_blank=True, minimum=Decimal(0)),
)
CELLS = st.sampled_from(
    [
        "7", " 7 ", "7.0", "7.50", "007", "-0", "-3", "1,000", "１００", "2.5", "abc",
        "", " ", "J01", "TRUE", "1e3", "0.000", "3.", ".5", "٣",
    ]
)  # fmt: skip


def _expected(grid: list[list[str]]) -> tuple[list[dict[str, object]], int]:
    rows: list[dict[str, object]] = []
    refused = 0
    for cells in grid:
        if all(not cell.strip() for cell in cells):
            continue
        values: dict[str, object] = {}
        ok = True
        for column, cell in zip(COLUMNS, cells, strict=True):
            try:
                values[column.name] = tables._convert(cell, column)
            except tables._Refusal:
                ok = False
                refused += 1
        if ok:
            rows.append(values)
    return rows, refused


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELLS, min_size=3, max_size=3), min_size=1, max_size=25))
def test_each_cell_reads_as_if_converted_alone(grid: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([["who", "n", "x"], *grid])
        rows, refused = _expected(grid)
        try:
            table = read_table(path, COLUMNS)
        except TableError as error:
            assert refused == len(error.problems)
            return
        assert refused == 0
        got = [dict(row.values) for row in table.rows]
        assert got == rows
        for mine, theirs in zip(got, rows, strict=True):  # same types too (7 is not 7.0)
            assert [type(v) for v in mine.values()] == [type(v) for v in theirs.values()]
            assert [str(v) for v in mine.values()] == [str(v) for v in theirs.values()]
