"""The PostgreSQL rows of the benchmark: the merge and the ranking on a server, beside SQLite.

``bench/run.py`` starts a throwaway server (``tests/pg_server.py``) when a PostgreSQL row is
selected and passes its address to the children in ``JUDGING_BENCH_PG``. The prepared contests
are copied onto it once with ``judging-app copy`` (not timed): ``bench_merge`` (issued, nothing
merged) and ``bench_rank`` (scored). Each merge run works on a fresh database made from
``bench_merge`` as a template, dropped afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "JUDGING_BENCH_PG"
ROOT = Path(__file__).resolve().parents[1]


def start() -> object:
    """A running throwaway server (``tests/pg_server.PgServer``); stop() it when done."""
    sys.path.insert(0, str(ROOT))
    from tests.pg_server import start_server

    return start_server()


def prepare(server: object, work: Path, env: dict[str, str]) -> None:
    """Copy the prepared contests onto the server, through the app's own ``copy``."""
    for name, database in (("merge.jdb", "bench_merge"), ("rank.jdb", "bench_rank")):
        if not (work / name).exists():
            continue
        with _admin(env[ENV]) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{database}" TEMPLATE template0')
        subprocess.run(
            [
                sys.executable,
                "-m",
                "judging_app.cli",
                "copy",
                str(work / name),
                _url(env, database),
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )


def _url(env: dict[str, str] | os._Environ[str], database: str) -> str:
    return f"{env[ENV]}/{database}"


@contextmanager
def _admin(base: str) -> Iterator[object]:
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        yield connection


def op_merge_pg(work: Path) -> float:
    from judging_app.services.contest import Contest

    files = sorted((work / "returns").glob("*.jpkg"))
    database = f"merge_run_{uuid.uuid4().hex[:8]}"
    with _admin(os.environ[ENV]) as connection:
        connection.execute(f'CREATE DATABASE "{database}" TEMPLATE "bench_merge"')  # type: ignore[attr-defined]
    try:
        start = time.perf_counter()
        contest = Contest.open(_url(os.environ, database))
        contest.import_scores(files)
        contest.close()
        return time.perf_counter() - start
    finally:
        with _admin(os.environ[ENV]) as connection:
            connection.execute(f'DROP DATABASE "{database}" WITH (FORCE)')  # type: ignore[attr-defined]


def op_rank_pg(work: Path) -> float:
    from ops import rank_at

    return rank_at(_url(os.environ, "bench_rank"), "zscore")
