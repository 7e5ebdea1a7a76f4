"""Several secretariat seats on one contest on a PostgreSQL server, at the same time.

Two processes merge disjoint halves of 100 returned packages into the same contest, package by
package (one action each, so that their actions interleave); the result must equal a single seat
merging all 100: no score lost, none doubled. The single seat works on a copy of the contest taken
before any merge (``CREATE DATABASE ... TEMPLATE``: the same issued keys and identities).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from tests.cli.conftest import VOTES
from tests.helpers import query, run
from tests.pg_server import PgServer
from tests.reliability.conftest import fifty_returns

#: One seat: merge each file given, one action per file, as a secretariat would one by one.
SEAT = """
import sys
from pathlib import Path
from judging_app.services.contest import Contest

contest = Contest.open(sys.argv[1], actor=sys.argv[2])
waited = []
contest.on_wait = waited.append
try:
    for name in sys.argv[3:]:
        contest.import_scores([Path(name)])
finally:
    contest.close()
print(len(waited))
"""


def _copy_database(server: PgServer, url: str) -> str:
    """A new database on ``server`` that starts as a copy of the one at ``url``."""
    name = url.rsplit("/", 1)[1]
    copy = f"{name}_copy"
    with server.admin() as connection:  # type: ignore[attr-defined]
        connection.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    server.created.append(copy)
    return server.url(copy)


def _outcome(url: str) -> dict[str, object]:
    """What a merge leaves: every score row with its history, the merged revisions, the imports
    and the audit log's actions (ids, times and who imported aside)."""
    scores = query(
        url,
        "SELECT j.judge_id, c.case_id, k.key, s.value, s.is_current, s.source_ref "
        "FROM scores s JOIN judges j ON j.id = s.judge_pk JOIN cases c ON c.id = s.case_pk "
        "JOIN criteria k ON k.id = s.criterion_id ORDER BY 1, 2, 3, 5, 6",
    )
    revisions = query(
        url,
        "SELECT j.judge_id, r.revision, r.digest FROM package_revisions r "
        "JOIN issued_packages p ON p.id = r.issued_package_id "
        "JOIN judges j ON j.id = p.judge_pk ORDER BY 1, 2",
    )
    imports = query(url, "SELECT kind, file_name, sha256, rows FROM imports ORDER BY 2, 1")
    audit = sorted(
        (action, json.dumps({**json.loads(str(details)), "imported_by": None}, sort_keys=True))
        for action, details in query(url, "SELECT action, details FROM audit_log")
    )
    return {"scores": scores, "revisions": revisions, "imports": imports, "audit": audit}


def _ranking(url: str, capsys: pytest.CaptureFixture[str]) -> object:
    capsys.readouterr()
    assert run("rank", url, "--round", "written", "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_two_seats_merging_halves_at_once_equal_one_seat_merging_all(
    pg_server: PgServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = pg_server.create_database("seats")
    returned = fifty_returns(tmp_path / "contest", judges=100, db=url)
    assert len(returned.returns) == 100
    single = _copy_database(pg_server, url)

    first, second = returned.returns[0::2], returned.returns[1::2]  # disjoint halves
    seats = [
        subprocess.Popen(
            [sys.executable, "-c", SEAT, url, actor, *map(str, half)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parents[2],
        )
        for actor, half in (("seat-1", first), ("seat-2", second))
    ]
    outputs = [seat.communicate(timeout=600) for seat in seats]
    for seat, (_, err) in zip(seats, outputs, strict=True):
        assert seat.returncode == 0, err
    assert run("import-scores", single, *returned.returns) == 0

    both, one = _outcome(url), _outcome(single)
    assert both == one
    scores = both["scores"]
    assert isinstance(scores, list)
    assert len(scores) == 100 * 2 * 3  # each judge: 2 cases x 3 criteria, once, all current
    assert all(row[4] for row in scores)
    assert len(both["revisions"]) == 100  # type: ignore[arg-type]
    assert _ranking(url, capsys) == _ranking(single, capsys)
    waits = sum(int(out.strip() or 0) for out, _ in outputs)
    print(f"two seats: {waits} waits for the other seat")


@pytest.mark.postgresql_only
def test_a_seat_waits_while_another_changes_the_contest_and_says_so(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another seat holds the contest (its lock taken by hand here): an import waits, says
    "another seat is importing or merging", and goes through once that seat is done."""
    url = str(db)
    votes = tmp_path / "votes.csv"
    votes.write_text(VOTES, encoding="utf-8")
    holder = psycopg.connect(url, autocommit=True)
    holder.execute("SELECT pg_advisory_lock(%s)", (0x4A444231,))
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(run("import-votes", url, votes)))
    worker.start()
    deadline = time.monotonic() + 30
    while "another seat" not in capsys.readouterr().err and time.monotonic() < deadline:
        time.sleep(0.05)  # pragma: no branch
    assert worker.is_alive()  # still waiting
    assert query(url, "SELECT count(*) FROM votes") == [(0,)]
    holder.execute("SELECT pg_advisory_unlock(%s)", (0x4A444231,))
    holder.close()
    worker.join(60)
    assert result == [0]
    assert query(url, "SELECT count(*) FROM votes WHERE is_current") == [(5,)]
