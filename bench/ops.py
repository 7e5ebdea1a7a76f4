"""The timed operations and their baselines, each run in a child process of its own.

A child op takes the work directory and returns seconds (or, for a p99 or p95, the seconds of
that percentile); it does its imports first, so that they are not timed unless the row says
"process start".
"""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pg import op_merge_pg, op_rank_pg
from scenario import CRITERIA

BASE_SCHEMA = (
    "CREATE TABLE scores (id INTEGER PRIMARY KEY, round_id INT, judge_pk INT, case_pk INT,"
    " criterion_id INT, value NUMERIC, source TEXT, source_ref TEXT, entered_at TEXT,"
    " is_current INT, replaced_at TEXT, import_id INT)",
    "CREATE INDEX ix ON scores (round_id, judge_pk, case_pk, criterion_id, is_current)",
    "CREATE UNIQUE INDEX uq ON scores (round_id, judge_pk, case_pk, criterion_id) WHERE is_current",
)
BASE_INSERT = (
    "INSERT INTO scores (round_id, judge_pk, case_pk, criterion_id, value, source,"
    " source_ref, entered_at, is_current, replaced_at, import_id)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?)"
)


def _fresh_base(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    for statement in BASE_SCHEMA:
        conn.execute(statement)
    return conn


def _run_copy(work: Path, name: str, tag: str) -> Path:
    db = work / f"{tag}-{os.getpid()}.jdb"
    shutil.copyfile(work / name, db)
    return db


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


# -- import a score table ------------------------------------------------------------------------


def op_import(work: Path) -> float:
    from judging_app.services.contest import Contest

    db = _run_copy(work, "import.jdb", "import-run")
    start = time.perf_counter()
    contest = Contest.open(db)
    contest.import_score_tables([work / "scores_import.csv"], "written")
    contest.close()
    elapsed = time.perf_counter() - start
    _remove(db)
    return elapsed


def base_import(work: Path) -> float:
    db = work / "import-base.db"
    start = time.perf_counter()
    conn = _fresh_base(db)
    stamp = datetime.now(UTC).isoformat()
    with (work / "scores_import.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        judges: dict[str, int] = {}
        cases: dict[str, int] = {}
        rows = []
        for judge, case, *values in reader:
            j = judges.setdefault(judge, len(judges) + 1)
            c = cases.setdefault(case, len(cases) + 1)
            for k, v in enumerate(values, 1):
                rows.append((1, j, c, k, v, "table", "scores.csv", stamp, 1, None, 1))
    with conn:
        conn.executemany(BASE_INSERT, rows)
    conn.close()
    elapsed = time.perf_counter() - start
    db.unlink()
    return elapsed


# -- merge returned packages ---------------------------------------------------------------------


def op_merge(work: Path) -> float:
    from judging_app.services.contest import Contest

    files = sorted((work / "returns").glob("*.jpkg"))
    db = _run_copy(work, "merge.jdb", "merge-run")
    start = time.perf_counter()
    contest = Contest.open(db)
    contest.import_scores(files)
    contest.close()
    elapsed = time.perf_counter() - start
    _remove(db)
    return elapsed


def base_merge(work: Path) -> float:
    files = sorted((work / "returns").glob("*.jpkg"))
    db = work / "merge-base.db"
    start = time.perf_counter()
    conn = _fresh_base(db)
    stamp = datetime.now(UTC).isoformat()
    cases: dict[str, int] = {}
    criteria = {key: k for k, (key, _top) in enumerate(CRITERIA, 1)}
    rows = []
    for j, path in enumerate(files, 1):
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        for case, criterion, value in source.execute(
            "SELECT case_id, criterion, value FROM scores"
        ):
            c = cases.setdefault(case, len(cases) + 1)
            rows.append(
                (1, j, c, criteria[criterion], value, "package", path.name, stamp, 1, None, j)
            )
        source.close()
    with conn:
        conn.executemany(BASE_INSERT, rows)
    conn.close()
    elapsed = time.perf_counter() - start
    db.unlink()
    return elapsed


# -- ranking (the rows of the ranking helper) ----------------------------------------------------


def _rank(work: Path, aggregate: str) -> float:
    return rank_at(work / "rank.jdb", aggregate)


def rank_at(database: Path | str, aggregate: str) -> float:
    """Open the contest (a file, or a server's URL) and rank its written round."""
    from dataclasses import replace

    from judging_app.domain.scoring import score_round
    from judging_app.services import loading
    from judging_app.services.contest import Contest

    start = time.perf_counter()
    contest = Contest.open(database, read_only=True)
    with contest._reading() as session:
        config = loading.load_config(session)
        data = loading.round_data(session, "written")
        round_ = replace(config.round("written"), aggregate=aggregate)
        result = score_round(
            round_,
            config.round_criteria("written"),
            data.field,
            data.rows,
            excluded=data.excluded,
            decimals=config.final.decimals,
        )
    contest.close()
    assert len(result.cases) == len(data.field)
    return time.perf_counter() - start


def op_rank_zscore(work: Path) -> float:
    return _rank(work, "zscore")


def op_rank_trimmed(work: Path) -> float:
    return _rank(work, "trimmed_mean")


def _numpy_rows(work: Path) -> tuple[object, object, object]:
    import numpy as np

    conn = sqlite3.connect(f"file:{work / 'rank.jdb'}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT judge_pk, case_pk, SUM(value) FROM scores s JOIN rounds r ON s.round_id = r.id"
        " WHERE r.key = 'written' AND s.is_current GROUP BY judge_pk, case_pk"
    ).fetchall()
    conn.close()
    array = np.array(rows, dtype=np.float64)
    return array[:, 0].astype(np.int64), array[:, 1].astype(np.int64), array[:, 2]


def base_rank_zscore(work: Path) -> float:
    import numpy as np

    start = time.perf_counter()
    judges, cases, totals = _numpy_rows(work)
    j = np.asarray(judges)
    c = np.asarray(cases)
    t = np.asarray(totals)
    nj = int(j.max()) + 1
    count = np.bincount(j, minlength=nj)
    mean = np.bincount(j, t, nj) / np.maximum(count, 1)
    var = np.bincount(j, (t - mean[j]) ** 2, nj) / np.maximum(count, 1)
    sd = np.sqrt(var)
    z = np.where(sd[j] > 0, (t - mean[j]) / np.where(sd[j] > 0, sd[j], 1), 0.0)
    nc = int(c.max()) + 1
    score = 50 + 10 * np.bincount(c, z, nc) / np.maximum(np.bincount(c, minlength=nc), 1)
    np.argsort(-score, kind="stable")
    return time.perf_counter() - start


def base_rank_trimmed(work: Path) -> float:
    import numpy as np

    start = time.perf_counter()
    _judges, cases, totals = _numpy_rows(work)
    c = np.asarray(cases)
    t = np.asarray(totals)
    nc = int(c.max()) + 1
    count = np.bincount(c, minlength=nc)
    total = np.bincount(c, t, nc)
    high = np.full(nc, -np.inf)
    low = np.full(nc, np.inf)
    np.maximum.at(high, c, t)
    np.minimum.at(low, c, t)
    trimmed = np.where(
        count >= 5, (total - high - low) / np.maximum(count - 2, 1), total / np.maximum(count, 1)
    )
    np.argsort(-trimmed, kind="stable")
    return time.perf_counter() - start


# -- the report ----------------------------------------------------------------------------------


def op_report(work: Path) -> float:
    from judging_app.services.contest import Contest
    from judging_app.services.reporting import export_report

    db = _run_copy(work, "rank.jdb", "report-run")
    out = work / f"report-{os.getpid()}.xlsx"
    start = time.perf_counter()
    contest = Contest.open(db)
    export_report(contest, out)
    contest.close()
    elapsed = time.perf_counter() - start
    _remove(db)
    out.unlink()
    return elapsed


def base_report(work: Path) -> float:
    """The cells the report holds a value in, without styles, charts or layout: each round's
    sheet (case, title, panel, each judge's total in the judge's column) and each judge's score
    sheet (case, title, the criterion scores, the total). Read out of the database untimed."""
    import xlsxwriter

    conn = sqlite3.connect(f"file:{work / 'rank.jdb'}?mode=ro", uri=True)
    totals = conn.execute(
        "SELECT s.round_id, j.judge_id, c.case_id, c.title, p.label, SUM(s.value),"
        " GROUP_CONCAT(s.value) FROM scores s JOIN judges j ON s.judge_pk = j.id"
        " JOIN cases c ON s.case_pk = c.id"
        " JOIN round_cases rc ON rc.case_pk = c.id AND rc.round_id = s.round_id"
        " LEFT JOIN panels p ON rc.panel_id = p.id WHERE s.is_current"
        " GROUP BY s.round_id, j.judge_id, c.case_id"
    ).fetchall()
    conn.close()
    out = work / f"base-{os.getpid()}.xlsx"
    start = time.perf_counter()
    book = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    for round_id in sorted({r[0] for r in totals}):
        lines = [r for r in totals if r[0] == round_id]
        columns = {j: 7 + i for i, j in enumerate(sorted({r[1] for r in lines}))}
        by_case: dict[str, list[tuple[object, ...]]] = {}
        for line in lines:
            by_case.setdefault(line[2], []).append(line)
        sheet = book.add_worksheet(f"round {round_id}")
        for row, (case, cells) in enumerate(sorted(by_case.items())):
            sheet.write_string(row, 1, case)
            sheet.write_string(row, 2, cells[0][3])
            sheet.write_string(row, 3, cells[0][4] or "")
            for cell in sorted(cells, key=lambda c: columns[c[1]]):
                sheet.write_number(row, columns[cell[1]], cell[5])
        sheet = book.add_worksheet(f"score sheets {round_id}")
        for row, (_r, judge, case, title, _p, total, values) in enumerate(lines):
            sheet.write_string(row, 0, judge)
            sheet.write_string(row, 1, case)
            sheet.write_string(row, 2, title)
            for col, value in enumerate(values.split(","), start=3):
                sheet.write_number(row, col, float(value))
            sheet.write_number(row, 6, total)
    book.close()
    elapsed = time.perf_counter() - start
    out.unlink()
    return elapsed


# -- the judge's window --------------------------------------------------------------------------


def _p(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def op_commit(work: Path) -> float:
    from judging_app.services.judge_session import JudgeSession

    path, pin = (work / "judge.txt").read_text(encoding="utf-8").split()
    data = work / f"judge-data-{os.getpid()}"
    session = JudgeSession.open(Path(path), data_dir=data)
    session.unlock(pin)
    session.sign_pledge("Bench Judge")
    case = session.cases[0].case_id
    criterion = session.criteria[0].key
    times = []
    for i in range(int(os.environ.get("BENCH_COMMITS", "1000"))):
        start = time.perf_counter()
        session.set_score(case, criterion, i % 10)
        times.append(time.perf_counter() - start)
    session.close()
    shutil.rmtree(data)
    return _p(times, 0.99)


def base_commit(work: Path) -> float:
    db = work / f"commit-base-{os.getpid()}.db"
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v INT)")
    conn.execute("INSERT INTO t VALUES (1, 0)")
    times = []
    for i in range(int(os.environ.get("BENCH_COMMITS", "1000"))):
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("UPDATE t SET v = ? WHERE k = 1", (i,))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    _remove(db)
    return _p(times, 0.99)


def op_unlock(work: Path) -> float:
    """Unlocking a package issued at the PIN's real cost (scrypt), in a fresh working copy."""
    from judging_app.services.judge_session import JudgeSession

    path, pin = (work / "unlock.txt").read_text(encoding="utf-8").split()
    data = work / f"unlock-data-{os.getpid()}"
    session = JudgeSession.open(Path(path), data_dir=data)
    start = time.perf_counter()
    session.unlock(pin)
    elapsed = time.perf_counter() - start
    session.close()
    shutil.rmtree(data)
    return elapsed


def op_next_case(work: Path) -> float:
    """The 95th percentile of moving to the next case (the key handler, layout and paint)."""
    from judge_next_case import measure_moves

    moves = measure_moves(int(os.environ.get("BENCH_MOVES", "200")), work)
    return _p(moves.painted, 0.95) / 1000  # milliseconds to seconds


# -- issuing packages ----------------------------------------------------------------------------


def op_issue(work: Path) -> float:
    from judging_app.services.contest import Contest

    db = _run_copy(work, "packages.jdb", "issue-run")
    out = work / f"issue-{os.getpid()}"
    start = time.perf_counter()
    contest = Contest.open(db)
    contest.issue_packages("written", out)
    contest.close()
    elapsed = time.perf_counter() - start
    _remove(db)
    shutil.rmtree(out)
    return elapsed


CHILD_OPS: dict[str, Callable[[Path], float]] = {
    "import": op_import,
    "base_import": base_import,
    "merge": op_merge,
    "base_merge": base_merge,
    "rank_zscore": op_rank_zscore,
    "base_rank_zscore": base_rank_zscore,
    "rank_trimmed": op_rank_trimmed,
    "base_rank_trimmed": base_rank_trimmed,
    "report": op_report,
    "base_report": base_report,
    "commit": op_commit,
    "base_commit": base_commit,
    "unlock": op_unlock,
    "issue": op_issue,
    "next_case": op_next_case,
    "merge_pg": op_merge_pg,
    "rank_pg": op_rank_pg,
}
