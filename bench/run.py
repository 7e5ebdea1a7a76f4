"""The benchmark of issue 10: a national-scale contest, each operation beside its baseline.

    .venv/bin/python bench/run.py [--quick] [--repeats N] [--out bench/results.md] [--keep DIR]

Generates the large contest deterministically (``random.Random(SEED)``) into a temporary
directory, prepares the contest databases through the app itself (not timed), then runs every
operation several times, each in a fresh process, beside a baseline that stands for the physical
limit of the same work on this machine, measured in the same run. Prints and writes a table with
min and median seconds, the peak RSS of the child process (from ``os.wait4``'s rusage) and the
ratio of medians. ``--quick`` uses a tiny contest and one repeat (the test of this script).

A timed child is this script run as ``--child OP WORKDIR``: it does its imports, then times the
operation alone and prints the seconds on its last line. ``rank --json`` and its baseline are
timed from process start to exit instead (the target is about the whole process).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SEED = 2026
HERE = Path(__file__).resolve().parent
CRITERIA = (("creativity", 40), ("utility", 30), ("impact", 30))


@dataclass(frozen=True)
class Scale:
    cases: int
    import_judges: int  # one panel: cases × import_judges score rows in the imported table
    rank_judges: int  # the ranked round: cases × rank_judges × 3 criteria
    finalists: int  # cases that advance from the written round
    commits: int  # judge's score commits timed for the p99
    repeats: int


FULL = Scale(
    cases=10_000, import_judges=50, rank_judges=30, finalists=1_000, commits=1_000, repeats=3
)
QUICK = Scale(cases=60, import_judges=5, rank_judges=6, finalists=20, commits=50, repeats=1)


# -- generating ----------------------------------------------------------------------------------


CONFIG = """\
[contest]
name = "Bench contest"

[[criteria]]
key = "creativity"
name = "Creativity"
max = 40

[[criteria]]
key = "utility"
name = "Utility"
max = 30

[[criteria]]
key = "impact"
name = "Impact"
max = 30

[[rounds]]
key = "written"
name = "Written"
aggregate = "zscore"
advance = {finalists}

[[rounds]]
key = "presentation"
name = "Presentation"
aggregate = "trimmed_mean"
advance = 9

[final]
expert_weight = 0.6
vote_weight = 0.4
vote_method = "proportional_to_max"
decimals = 2
tie_break = ["expert", "votes"]

[[awards]]
name = "Grand"
count = 1

[[awards]]
name = "Excellence"
count = 3

[[awards]]
name = "Encouragement"
count = 5
"""


def _write_csv(path: Path, header: list[str], rows: object) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)  # type: ignore[arg-type]


def case_ids(scale: Scale) -> list[str]:
    return [f"C{i:05d}" for i in range(1, scale.cases + 1)]


def judge_ids(count: int) -> list[str]:
    return [f"J{i:03d}" for i in range(1, count + 1)]


def score_rows(rng: random.Random, judges: list[str], cases: list[str]) -> list[list[object]]:
    quality = {c: rng.random() for c in cases}
    rows: list[list[object]] = []
    for judge in judges:
        bias = rng.uniform(-0.1, 0.1)
        for case in cases:
            q = min(1.0, max(0.0, quality[case] + bias + rng.uniform(-0.15, 0.15)))
            rows.append([judge, case, *(round(q * top) for _key, top in CRITERIA)])
    return rows


def generate(work: Path, scale: Scale) -> None:
    rng = random.Random(SEED)
    (work / "contest.toml").write_text(CONFIG.format(finalists=scale.finalists), encoding="utf-8")
    cases = case_ids(scale)
    _write_csv(
        work / "cases.csv",
        ["case_id", "title", "organization", "category", "summary", "body", "written"],
        (
            [c, f"Case {c}", f"Org {i % 700}", "service", "A summary.", "A body. " * 40, "A"]
            for i, c in enumerate(cases)
        ),
    )
    for name, count in (("import", scale.import_judges), ("rank", scale.rank_judges)):
        _write_csv(
            work / f"judges_{name}.csv",
            ["judge_id", "name", "affiliation", "written", "presentation"],
            ([j, f"Judge {j}", f"University {j}", "A", "P"] for j in judge_ids(count)),
        )
    header = ["judge_id", "case_id", *(key for key, _top in CRITERIA)]
    _write_csv(
        work / "scores_import.csv", header, score_rows(rng, judge_ids(scale.import_judges), cases)
    )
    _write_csv(
        work / "scores_written.csv", header, score_rows(rng, judge_ids(scale.rank_judges), cases)
    )


def prepare(work: Path, scale: Scale) -> None:
    """The contest databases the timed operations start from (made through the app, not timed)."""
    from judging_app.exchange.package_keys import KdfCost
    from judging_app.services.contest import Contest
    from judging_app.services.demo import write_demo_contest

    contest = Contest.create(work / "import.jdb", work / "contest.toml")
    contest.import_cases(work / "cases.csv")
    contest.import_judges(work / "judges_import.csv")
    contest.close()

    contest = Contest.create(work / "rank.jdb", work / "contest.toml")
    contest.import_cases(work / "cases.csv")
    contest.import_judges(work / "judges_rank.csv")
    contest.import_score_tables([work / "scores_written.csv"], "written")
    contest.advance("written")
    field = sorted(line.case_id for line in contest.round_ranking("presentation").result.cases)
    rng = random.Random(SEED + 1)
    header = ["judge_id", "case_id", *(key for key, _top in CRITERIA)]
    _write_csv(
        work / "scores_presentation.csv",
        header,
        score_rows(rng, judge_ids(scale.rank_judges), field),
    )
    _write_csv(work / "votes.csv", ["case_id", "votes"], ([c, rng.randint(0, 5000)] for c in field))
    contest.import_score_tables([work / "scores_presentation.csv"], "presentation")
    contest.import_votes(work / "votes.csv")
    contest.close()

    # The judge's package for the score-commit timing: the demo contest's written round.
    files = write_demo_contest(work / "demo")
    contest = Contest.create(work / "demo.jdb", files.config)
    contest.import_cases(files.cases_xlsx)
    contest.import_judges(files.judges_xlsx)
    issued = contest.issue_packages("written", work / "packages", kdf_cost=KdfCost(n=2**10))
    contest.close()
    package = issued.packages[0]
    (work / "judge.txt").write_text(f"{package.file}\n{package.pin}\n", encoding="utf-8")


# -- the timed operations (run in a child process) -----------------------------------------------


def op_import(work: Path) -> float:
    from judging_app.services.contest import Contest

    db = work / "import-run.jdb"
    shutil.copyfile(work / "import.jdb", db)
    start = time.perf_counter()
    contest = Contest.open(db)
    contest.import_score_tables([work / "scores_import.csv"], "written")
    contest.close()
    elapsed = time.perf_counter() - start
    db.unlink()
    return elapsed


def base_import(work: Path) -> float:
    db = work / "import-base.db"
    db.unlink(missing_ok=True)
    start = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE scores (id INTEGER PRIMARY KEY, round_id INT, judge_pk INT, case_pk INT,"
        " criterion_id INT, value NUMERIC, source TEXT, source_ref TEXT, entered_at TEXT,"
        " is_current INT, replaced_at TEXT, import_id INT)"
    )
    conn.execute(
        "CREATE INDEX ix ON scores (round_id, judge_pk, case_pk, criterion_id, is_current)"
    )
    conn.execute(
        "CREATE UNIQUE INDEX uq ON scores (round_id, judge_pk, case_pk, criterion_id)"
        " WHERE is_current"
    )
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
        conn.executemany(
            "INSERT INTO scores (round_id, judge_pk, case_pk, criterion_id, value, source,"
            " source_ref, entered_at, is_current, replaced_at, import_id)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
    conn.close()
    elapsed = time.perf_counter() - start
    db.unlink()
    return elapsed


def _rank(work: Path, aggregate: str) -> float:
    from dataclasses import replace

    from judging_app.domain.scoring import score_round
    from judging_app.services import loading
    from judging_app.services.contest import Contest

    start = time.perf_counter()
    contest = Contest.open(work / "rank.jdb", read_only=True)
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


def op_report(work: Path) -> float:
    from judging_app.services.contest import Contest
    from judging_app.services.reporting import export_report

    db = work / "report-run.jdb"
    shutil.copyfile(work / "rank.jdb", db)
    start = time.perf_counter()
    contest = Contest.open(db)
    export_report(contest, work / "report.xlsx")
    contest.close()
    elapsed = time.perf_counter() - start
    db.unlink()
    return elapsed


def base_report(work: Path) -> float:
    import xlsxwriter

    conn = sqlite3.connect(f"file:{work / 'rank.jdb'}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT case_pk, judge_pk, criterion_id, value FROM scores WHERE is_current"
    ).fetchall()
    conn.close()
    start = time.perf_counter()
    book = xlsxwriter.Workbook(str(work / "base.xlsx"), {"constant_memory": True})
    sheet = book.add_worksheet("scores")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return time.perf_counter() - start


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
    return _p99(times)


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
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return _p99(times)


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


CHILD_OPS: dict[str, Callable[[Path], float]] = {
    "import": op_import,
    "base_import": base_import,
    "rank_zscore": op_rank_zscore,
    "base_rank_zscore": base_rank_zscore,
    "rank_trimmed": op_rank_trimmed,
    "base_rank_trimmed": base_rank_trimmed,
    "report": op_report,
    "base_report": base_report,
    "commit": op_commit,
    "base_commit": base_commit,
}


# -- measuring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_child(argv: list[str], env: dict[str, str], *, wall: bool) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    err = proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()}")
    seconds = elapsed if wall else float(out.decode().strip().splitlines()[-1])
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return Run(seconds, peak)


@dataclass(frozen=True)
class Line:
    name: str
    target: str
    runs: list[Run]
    base_name: str
    base: list[Run]

    @staticmethod
    def median(runs: list[Run]) -> float:
        return statistics.median(r.seconds for r in runs)

    def row(self, unit: str) -> str:
        scale = 1000.0 if unit == "ms" else 1.0
        mine = [r.seconds * scale for r in self.runs]
        base = [r.seconds * scale for r in self.base]
        ratio = self.median(self.runs) / max(self.median(self.base), 1e-9)
        return (
            f"| {self.name} | {self.target} | {min(mine):.3f}"
            f" | {statistics.median(mine):.3f} {unit}"
            f" | {max(r.peak_mb for r in self.runs):.0f} | {self.base_name} | {min(base):.3f}"
            f" | {statistics.median(base):.3f} {unit}"
            f" | {max(r.peak_mb for r in self.base):.0f} | {ratio:.1f}× |"
        )


def measure(work: Path, scale: Scale) -> list[tuple[Line, str]]:
    env = dict(os.environ, BENCH_COMMITS=str(scale.commits), QT_QPA_PLATFORM="offscreen")
    me = [sys.executable, str(Path(__file__).resolve()), "--child"]

    def child(op: str) -> list[Run]:
        if op.startswith("base_rank") and importlib.util.find_spec("numpy") is None:
            return [Run(float("nan"), 0.0)]  # numpy is not installed: no baseline
        return [run_child([*me, op, str(work)], env, wall=False) for _ in range(scale.repeats)]

    def process(argv: list[str]) -> list[Run]:
        return [run_child(argv, env, wall=True) for _ in range(scale.repeats)]

    lines: list[tuple[Line, str]] = []

    def add(
        name: str, target: str, runs: list[Run], base_name: str, base: list[Run], unit: str = "s"
    ) -> None:
        line = Line(name, target, runs, base_name, base)
        print(line.row(unit), flush=True)
        lines.append((line, unit))

    rows = scale.cases * scale.import_judges
    add(
        f"import a {rows:,}-row score table (csv)",
        "≤ 5 s, ≤ 2.5×",
        child("import"),
        "csv.reader + sqlite3.executemany",
        child("base_import"),
    )
    shape = f"{scale.cases:,} cases × {scale.rank_judges} judges × 3"
    add(
        f"rank a round, zscore ({shape})",
        "≤ 1 s, ≤ 500 MB",
        child("rank_zscore"),
        "numpy",
        child("base_rank_zscore"),
    )
    add(
        f"rank a round, trimmed mean ({shape})",
        "≤ 1 s, ≤ 500 MB",
        child("rank_trimmed"),
        "numpy",
        child("base_rank_trimmed"),
    )
    cli = [sys.executable, "-m", "judging_app.cli", "rank", str(work / "rank.jdb"), "--json"]
    add(
        "`rank --json` (final), process start to exit",
        "≤ 0.3 s",
        process(cli),
        "python -c 'import judging_app'",
        process([sys.executable, "-c", "import judging_app"]),
    )
    add(
        f"write the report ({scale.cases:,} cases)",
        "≤ 3 s, ≤ 200 MB",
        child("report"),
        "XlsxWriter plain cells (every current score)",
        child("base_report"),
    )
    add(
        f"one judge score commit, p99 of {scale.commits}",
        "≤ 2 ms",
        child("commit"),
        "raw sqlite3 commit, WAL, FULL",
        child("base_commit"),
        unit="ms",
    )
    return lines


def write_results(out: Path, lines: list[tuple[Line, str]], scale: Scale) -> None:
    uname = platform.uname()
    header = (
        "| operation | target | min | median | peak RSS MB | baseline | base min | base median"
        " | base RSS MB | ratio |\n|---|---|---|---|---|---|---|---|---|---|\n"
    )
    text = (
        "# Benchmark results\n\n"
        f"Written by `bench/run.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.\n"
        f"Machine: {uname.system} {uname.release} {uname.machine}, {os.cpu_count()} CPUs,"
        f" Python {platform.python_version()}.\n"
        f"Scale: {scale.cases:,} cases, {scale.repeats} runs each in fresh processes"
        " (seconds of the operation inside the child unless it says process start to exit;"
        " peak RSS is the child's maximum resident set).\n\n"
        + header
        + "".join(line.row(unit) + "\n" for line, unit in lines)
    )
    out.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a tiny contest, one run each")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    parser.add_argument("--child", nargs=2, metavar=("OP", "WORKDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", type=Path, metavar="WORKDIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scale = QUICK if args.quick else FULL
    if args.child:
        op, work = args.child
        print(CHILD_OPS[op](Path(work)))
        return
    if args.prepare:
        generate(args.prepare, scale)
        prepare(args.prepare, scale)
        return
    if args.repeats:
        scale = Scale(**{**scale.__dict__, "repeats": args.repeats})
    work = args.keep or Path(tempfile.mkdtemp(prefix="judging-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        # In a child of its own: the children timed later inherit this process's peak RSS on
        # Linux (it survives fork and exec), so this one stays small.
        quick = ["--quick"] if args.quick else []
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--prepare", str(work), *quick],
            check=True,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        print(f"prepared in {time.perf_counter() - start:.1f} s ({work})", flush=True)
        lines = measure(work, scale)
        write_results(args.out, lines, scale)
        print(f"written {args.out}")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
