"""Property-based fuzzing of the table reader and the package reader: random bytes and mutated
real files. No exception but the app's own refusal (``UserError``) may escape, and a refused import
changes nothing."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from judging_app.domain.messages import UserError
from judging_app.exchange.tables import Column, read_table
from judging_app.services.contest import Contest
from judging_app.services.package_returns import read_return
from tests.helpers import dump
from tests.reliability.conftest import Returned

COLUMNS = [Column("case_id", "text"), Column("votes", "int", minimum=0)]
FUZZ = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproducible in CI
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_names = count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def real_workbook() -> bytes:
    """A vote table as Excel would save it (openpyxl: shared strings, styles, a number format)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "투표"
    sheet.append(["case_id", "votes", "비고"])
    for number in range(1, 6):
        sheet.append([f"C{number}", number * 1234, "온라인 투표 결과"])
    sheet["B3"].number_format = "#,##0"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


REAL = {
    ".xlsx": real_workbook(),
    ".csv": 'case_id,votes,비고\r\nC1,"1,234",종로구\r\nC2,２４６８,중구\r\n'.encode("cp949"),
}


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with a few bytes flipped, a slice cut out or repeated, or cut short."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "repeat", "truncate", "byte"]))
        width = draw(st.integers(1, 64))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "byte":
            data[at] = draw(st.sampled_from([0x00, 0x22, 0x2C, 0x3C, 0x3E, 0xFF]))
        elif kind == "cut":
            del data[at : at + width]
        elif kind == "repeat":
            data[at:at] = data[at : at + width]
        else:
            del data[at:]
    return bytes(data)


def write(folder: Path, data: bytes, suffix: str) -> Path:
    path = folder / f"{next(_names)}{suffix}"
    path.write_bytes(data)
    return path


def only_refusals(path: Path) -> None:
    """Read ``path`` as a table: a table or a refusal, nothing else (one line each)."""
    try:
        read_table(path, COLUMNS, key="case_id")
    except UserError as error:
        assert "\n" not in str(error), str(error)


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_random_bytes_are_a_table_or_a_refusal(folder: Path, data: bytes, suffix: str) -> None:
    only_refusals(write(folder, data, suffix))


@FUZZ
@given(data=mutated(REAL[".xlsx"]))
def test_a_mutated_workbook_is_a_table_or_a_refusal(folder: Path, data: bytes) -> None:
    only_refusals(write(folder, data, ".xlsx"))


@FUZZ
@given(data=mutated(REAL[".csv"]))
def test_a_mutated_csv_is_a_table_or_a_refusal(folder: Path, data: bytes) -> None:
    only_refusals(write(folder, data, ".csv"))


@pytest.fixture(scope="module")
def contest_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.reliability.conftest import CASES, CONFIG

    folder = tmp_path_factory.mktemp("contest")
    (folder / "contest.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "cases.csv").write_text(CASES, encoding="utf-8")
    contest = Contest.create(folder / "contest.jdb", folder / "contest.toml")
    contest.import_cases(folder / "cases.csv")
    contest.close()
    return folder / "contest.jdb"


@pytest.fixture(scope="module")
def contest(contest_template: Path, folder: Path) -> Iterator[Contest]:
    """One contest for every example: a refused import must leave it exactly as it was."""
    db = folder / "contest.jdb"
    shutil.copyfile(contest_template, db)
    opened = Contest.open(db, read_only=False)
    yield opened
    opened.close()


@settings(FUZZ, max_examples=40)
@given(
    data=mutated(REAL[".xlsx"]) | mutated(REAL[".csv"]), suffix=st.sampled_from([".xlsx", ".csv"])
)
def test_a_refused_import_changes_nothing(
    contest: Contest, folder: Path, data: bytes, suffix: str
) -> None:
    before = dump(contest.path)
    try:
        contest.import_votes(write(folder, data, suffix))
    except UserError:
        assert dump(contest.path) == before  # (an import that went through may change it)


@pytest.fixture(scope="module")
def returned(fifty: Returned) -> bytes:
    return fifty.returns[0].read_bytes()


def only_package_refusals(path: Path) -> None:
    try:
        read_return(path)
    except UserError as error:
        assert "\n" not in str(error), str(error)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_no_package(folder: Path, data: bytes) -> None:
    only_package_refusals(write(folder, data, ".jpkg"))


@settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_a_mutated_return_copy_is_read_or_refused(
    folder: Path, returned: bytes, data: st.DataObject
) -> None:
    only_package_refusals(write(folder, data.draw(mutated(returned)), ".jpkg"))


@pytest.fixture(scope="module")
def merging(fifty: Returned, folder: Path) -> Iterator[Contest]:
    db = folder / "merging.jdb"
    shutil.copyfile(fifty.db, db)
    opened = Contest.open(db, read_only=False)
    yield opened
    opened.close()


@settings(FUZZ, max_examples=30)
@given(data=st.data())
def test_a_refused_merge_changes_nothing(
    merging: Contest, folder: Path, returned: bytes, data: st.DataObject
) -> None:
    path = write(folder, data.draw(mutated(returned)), ".jpkg")
    before = dump(merging.path)
    try:
        merging.import_scores([path])
    except UserError as error:
        assert "\n" not in str(error), str(error)
        assert dump(merging.path) == before
