"""``judging-app copy SRC DST``: a whole contest between a file and a server, either way.

The contest copied has history (a merged package's score replaced by a score table), merged
packages, votes, a closed round, a recorded report and its audit log.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from judging_app.store import models as m
from judging_app.store.engine import open_contest_database
from tests.helpers import dump, query, run
from tests.packages.conftest import issue, make_contest, return_copy
from tests.pg_server import PgServer

FIX = "judge_id,case_id,creativity,utility,impact\nJ2,C4,21,16,16\n"


def ok(*args: object) -> None:
    assert run(*args) == 0, args


def _contest_with_history(folder: Path) -> Path:
    from tests.cli.conftest import VOTES

    db = make_contest(folder)
    issued = issue(db, folder / "packages")
    returned = [
        return_copy(issued, j, folder / "judge-data", folder / "returns") for j in ("J1", "J2")
    ]
    ok("import-scores", db, *returned)
    (folder / "fix.csv").write_text(FIX, encoding="utf-8")
    (folder / "votes.csv").write_text(VOTES, encoding="utf-8")
    ok("import-scores", db, folder / "fix.csv", "--round", "written")  # replaces J2's C4
    ok("advance", db, "--round", "written", "--allow-missing")  # J1 never returned
    ok("import-votes", db, folder / "votes.csv")
    ok("report", db, "--out", folder / "report.xlsx")
    return db


def _contents(db: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, read through the models (the same Python values on both back
    ends: exact decimals, aware UTC times, bytes)."""
    engine = open_contest_database(db, read_only=True)
    try:
        with engine.connect() as connection:
            return {
                table.name: [
                    tuple(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    )
                ]
                for table in m.Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _contest_with_history(tmp_path_factory.mktemp("copy-source"))


def test_a_file_goes_to_a_server_and_back_with_all_its_history(
    source: Path, pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.create_database("copy")
    capsys.readouterr()
    assert run("copy", source, url) == 0
    out = capsys.readouterr().out
    assert f"contest.jdb → {url}:" in out and "rows of" in out
    assert "ok    database on the server: a contest database" in out
    assert "ok    packages: 2 merged revisions of 2 judges, every signature valid" in out
    assert "FAIL" not in out

    original = _contents(source)
    assert _contents(url) == original
    replaced = "SELECT count(*) FROM scores WHERE NOT is_current"
    assert query(url, replaced) == query(source, replaced) != [(0,)]  # the history came along
    assert len(original["audit_log"]) == len(query(url, "SELECT id FROM audit_log"))
    assert run("rank", url, "--json") == 0
    on_server = capsys.readouterr().out
    assert run("rank", source, "--json") == 0
    assert capsys.readouterr().out == on_server

    back = tmp_path / "back.jdb"
    assert run("copy", url, back) == 0
    assert "ok    file: intact" in capsys.readouterr().out
    assert _contents(back) == original
    # The round trip SQLite → PostgreSQL → SQLite, row for row (in key order: a table without an
    # id of its own, round_criteria, comes back in its key's order rather than as first written).
    assert sorted(dump(back)) == sorted(dump(source))

    # The server's contest carries on: new rows get new ids after the copied ones.
    (tmp_path / "votes.csv").write_text("case_id,votes\nC1,101\n", encoding="utf-8")
    assert run("import-votes", url, tmp_path / "votes.csv") == 0


def test_a_copy_never_goes_over_a_contest(
    source: Path, pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.create_database("copy")
    assert run("copy", source, url) == 0
    before = dump(url)
    capsys.readouterr()
    assert run("copy", source, url) == 1
    error = capsys.readouterr().err
    assert "the database already holds tables" in error and "\n" not in error.strip()
    assert dump(url) == before
    existing = tmp_path / "existing.jdb"
    existing.write_bytes(b"mine")
    assert run("copy", url, existing) == 1
    assert "a file of this name already exists" in capsys.readouterr().err
    assert existing.read_bytes() == b"mine"
