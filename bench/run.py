"""The benchmark of issue 10: a national-scale contest, each operation beside its baseline.

    .venv/bin/python bench/run.py [--quick] [--only OP[,OP...]] [--repeats N]
                                  [--out bench/results.md] [--keep DIR] [--list]

Generates the contests deterministically (``random.Random(SEED)``, see ``scenario.py``) into a
temporary directory (or ``--keep DIR``, reused when run again), prepares them through the app
itself (not timed), then runs each operation several times, each in a fresh process, beside a
baseline that stands for the physical limit of the same work on this machine, measured in the
same run. Prints and writes a table with min and median seconds, the peak RSS of the child process
(from ``os.wait4``'s rusage) and the ratio of medians. ``--quick`` uses a tiny contest and one run
each (the test of this script); ``--only`` runs the rows named (``--list`` names them) and writes
the table only where ``--out`` says.

A timed child is this script run as ``--child OP WORKDIR`` (``ops.py``): it does its imports, then
times the operation alone and prints the seconds on its last line. The rows that say "process
start" time the whole process from outside instead.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scenario import FULL, QUICK, Scale, prepare  # noqa: E402

FIRST_PAINT_ENV = "JUDGING_APP_EXIT_AT_FIRST_PAINT"
"""Set for the window row: the app exits as soon as its first window has painted."""


@dataclass(frozen=True)
class Op:
    """One row of the table. ``mine`` and ``base`` say how each side runs: ("child", OP) is this
    script's ``--child OP``, ("process", NAME) and ("window", NAME) a whole process from
    :func:`processes`, timed from outside (the window one until its first paint)."""

    key: str
    name: str
    target: str
    scenarios: tuple[str, ...]
    mine: tuple[str, str]
    base_name: str = "—"
    base: tuple[str, str] | None = None
    unit: str = "s"

    def title(self, s: Scale) -> str:
        return self.name.format(
            s=s, rows=s.cases * s.import_judges, pairs=s.package_judges * s.package_cases
        )


SHAPE = "{s.cases:,} cases × {s.panel_judges} judges × 3"
OPS = (
    Op(
        "import",
        "import a {rows:,}-row score table (csv)",
        "≤ 5 s, ≤ 2.5×",
        ("import",),
        ("child", "import"),
        "csv.reader + sqlite3.executemany",
        ("child", "base_import"),
    ),
    Op(
        "merge",
        "merge {s.package_judges} returned packages ({pairs:,} case-judge rows),"
        " signatures checked",
        "≤ 5 s, ≤ 3×",
        ("packages",),
        ("child", "merge"),
        "sqlite3: the rows read out of the files, executemany",
        ("child", "base_merge"),
    ),
    Op(
        "rank-zscore",
        "rank a round, zscore (" + SHAPE + ")",
        "≤ 1 s, ≤ 500 MB",
        ("rank",),
        ("child", "rank_zscore"),
        "numpy",
        ("child", "base_rank_zscore"),
    ),
    Op(
        "rank-trimmed",
        "rank a round, trimmed mean (" + SHAPE + ")",
        "≤ 1 s, ≤ 500 MB",
        ("rank",),
        ("child", "rank_trimmed"),
        "numpy",
        ("child", "base_rank_trimmed"),
    ),
    Op(
        "rank-json",
        "`rank --json` (final), process start to exit",
        "≤ 0.3 s",
        ("rank",),
        ("process", "rank-json"),
        "python -c 'import judging_app'",
        ("process", "import-app"),
    ),
    Op(
        "report",
        "write the report ({s.cases:,} cases)",
        "≤ 3 s, ≤ 200 MB",
        ("rank",),
        ("child", "report"),
        "XlsxWriter: the same values, no styles or charts",
        ("child", "base_report"),
    ),
    Op(
        "commit",
        "one score saved in the judge's window, p99 of {s.commits:,}",
        "≤ 2 ms",
        ("judge",),
        ("child", "commit"),
        "raw sqlite3 commit, WAL, FULL",
        ("child", "base_commit"),
        unit="ms",
    ),
    Op(
        "unlock",
        "unlock a package with its PIN (scrypt)",
        "0.1–0.5 s",
        ("judge",),
        ("child", "unlock"),
    ),
    Op(
        "issue",
        "issue {s.package_judges} packages",
        "≤ 60 s",
        ("packages",),
        ("child", "issue"),
    ),
    Op(
        "window",
        "the secretariat's window on the {s.cases:,}-case contest, process start to first paint",
        "≤ 1.2 s",
        ("rank",),
        ("window", "open-rank"),
        "python -c 'import PySide6.QtWidgets'",
        ("process", "import-qt"),
    ),
    Op(
        "next-case",
        "move to the next case in the judge's window, p95 of {s.moves} moves",
        "≤ 16 ms",
        (),
        ("child", "next_case"),
        unit="ms",
    ),
    # On a PostgreSQL server (bench/pg.py), beside the same operation on SQLite.
    Op(
        "merge-pg",
        "merge {s.package_judges} returned packages on PostgreSQL",
        "—",
        ("packages",),
        ("child", "merge_pg"),
        "the same merge on SQLite",
        ("child", "merge"),
    ),
    Op(
        "rank-pg",
        "rank a round, zscore, on PostgreSQL (" + SHAPE + ")",
        "≤ 1 s, ≤ 500 MB",
        ("rank",),
        ("child", "rank_pg"),
        "the same ranking on SQLite",
        ("child", "rank_zscore"),
    ),
)


def processes(work: Path) -> dict[str, list[str]]:
    python = sys.executable
    return {
        "rank-json": [python, "-m", "judging_app.cli", "rank", str(work / "rank.jdb"), "--json"],
        "import-app": [python, "-c", "import judging_app"],
        "open-rank": [python, "-m", "judging_app.cli", "open", str(work / "rank.jdb")],
        "import-qt": [python, "-c", "import PySide6.QtWidgets"],
    }


# -- measuring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def run_child(argv: list[str], env: dict[str, str], *, wall: bool) -> Run:
    """Run ``argv`` to its end: the seconds it printed last (or its wall time), its peak RSS."""
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
    unit: str
    runs: list[Run]
    base_name: str = "—"
    base: list[Run] | None = None

    def row(self) -> str:
        scale = 1000.0 if self.unit == "ms" else 1.0
        mine = [r.seconds * scale for r in self.runs]
        cells = [
            self.name,
            self.target,
            f"{min(mine):.3f}",
            f"{statistics.median(mine):.3f} {self.unit}",
            f"{max(r.peak_mb for r in self.runs):.0f}",
            self.base_name,
        ]
        if self.base:
            base = [r.seconds * scale for r in self.base]
            ratio = statistics.median(mine) / max(statistics.median(base), 1e-9)
            cells += [
                f"{min(base):.3f}",
                f"{statistics.median(base):.3f} {self.unit}",
                f"{max(r.peak_mb for r in self.base):.0f}",
                f"{ratio:.1f}×",
            ]
        else:
            cells += ["—", "—", "—", "—"]
        return "| " + " | ".join(cells) + " |"


class Runner:
    """Runs each side of a row ``repeats`` times in fresh processes."""

    def __init__(self, work: Path, scale: Scale) -> None:
        self.work = work
        self.scale = scale
        self.env = dict(
            os.environ,
            BENCH_COMMITS=str(scale.commits),
            BENCH_MOVES=str(scale.moves),
            QT_QPA_PLATFORM="offscreen",
            # The window's settings, recent files and logs stay in the work directory.
            XDG_CONFIG_HOME=str(work / "config"),
            XDG_DATA_HOME=str(work / "data"),
            XDG_STATE_HOME=str(work / "state"),
        )
        self.processes = processes(work)

    def runs(self, how: tuple[str, str]) -> list[Run]:
        kind, name = how
        if name.startswith("base_rank") and not _has_numpy():
            return [Run(float("nan"), 0.0)]  # numpy is not installed: no baseline
        if kind == "child":
            argv = [sys.executable, str(HERE / "run.py"), "--child", name, str(self.work)]
            return [run_child(argv, self.env, wall=False) for _ in range(self.scale.repeats)]
        env = dict(self.env, **{FIRST_PAINT_ENV: "1"}) if kind == "window" else self.env
        return [run_child(self.processes[name], env, wall=True) for _ in range(self.scale.repeats)]

    def line(self, op: Op) -> Line:
        name = op.title(self.scale)
        mine = self.runs(op.mine)
        base = self.runs(op.base) if op.base else None
        return Line(name, op.target, op.unit, mine, op.base_name, base)


def _has_numpy() -> bool:
    import importlib.util

    return importlib.util.find_spec("numpy") is not None


def load() -> str:
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


HEADER = (
    "| operation | target | min | median | peak RSS MB | baseline | base min | base median"
    " | base RSS MB | ratio |\n|---|---|---|---|---|---|---|---|---|---|\n"
)


def write_results(out: Path, lines: list[Line], scale: Scale, loads: tuple[str, str]) -> None:
    uname = platform.uname()
    text = (
        "# Benchmark results\n\n"
        f"Written by `bench/run.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.\n"
        f"Machine: {uname.system} {uname.release} {uname.machine}, {os.cpu_count()} CPUs,"
        f" Python {platform.python_version()}; load average (1, 5, 15 min) {loads[0]} at the"
        f" start, {loads[1]} at the end.\n"
        f"Scale: {scale.cases:,} cases, {scale.repeats} runs each in fresh processes"
        " (seconds of the operation inside the child unless it says process start;"
        " peak RSS is the child's maximum resident set; the ratio is of the medians).\n\n"
        + HEADER
        + "".join(line.row() + "\n" for line in lines)
    )
    out.write_text(text, encoding="utf-8")


# -- the command ---------------------------------------------------------------------------------


def _selected(only: str | None) -> list[Op]:
    if not only:
        return list(OPS)
    keys = [key.strip() for key in only.split(",") if key.strip()]
    known = {op.key: op for op in OPS}
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise SystemExit(f"unknown operation(s): {', '.join(unknown)} (known: {', '.join(known)})")
    return [known[key] for key in keys]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a tiny contest, one run each")
    parser.add_argument("--only", metavar="OP[,OP...]", help="run only these rows (see --list)")
    parser.add_argument("--list", action="store_true", help="name the rows and exit")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--out", type=Path, help="where to write the table")
    parser.add_argument("--keep", type=Path, help="generate into DIR and keep it (reused)")
    parser.add_argument("--child", nargs=2, metavar=("OP", "WORKDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--prepare", nargs="+", metavar="X", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scale = QUICK if args.quick else FULL
    if args.list:
        for op in OPS:
            print(f"{op.key:14} {op.title(scale)}")
        return
    if args.child:
        from ops import CHILD_OPS

        op, work = args.child
        print(CHILD_OPS[op](Path(work)))
        return
    if args.prepare:
        prepare(Path(args.prepare[0]), scale, args.prepare[1:])
        return
    ops = _selected(args.only)
    out = args.out or (None if args.only else HERE / "results.md")
    if args.repeats:
        scale = replace(scale, repeats=args.repeats)
    work = args.keep or Path(tempfile.mkdtemp(prefix="judging-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = load()
    stack = ExitStack()
    try:
        start = time.perf_counter()
        scenarios = sorted({name for op in ops for name in op.scenarios})
        # In a child of its own: the children timed later inherit this process's peak RSS on
        # Linux (it survives fork and exec), so this one stays small.
        subprocess.run(
            [sys.executable, str(HERE / "run.py"), "--prepare", str(work), *scenarios]
            + (["--quick"] if args.quick else []),
            check=True,
            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        )
        print(f"prepared in {time.perf_counter() - start:.1f} s ({work})", flush=True)
        runner = Runner(work, scale)
        if any(op.key.endswith("-pg") for op in ops):
            import pg

            server = pg.start()
            stack.callback(server.stop)  # type: ignore[attr-defined]
            runner.env[pg.ENV] = server.url("").rstrip("/")  # type: ignore[attr-defined]
            pg.prepare(server, work, runner.env)
        print(HEADER, end="", flush=True)
        lines = []
        for op in ops:
            line = runner.line(op)
            print(line.row(), flush=True)
            lines.append(line)
            if out is not None:  # after each row: a long run stopped early keeps what it has
                write_results(out, lines, scale, (started, load()))
        if out is not None:
            print(f"written {out}")
    finally:
        stack.close()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
