"""The benchmark's contests, generated deterministically and prepared through the app (not timed).

Four scenarios, each prepared once into the work directory (a ``NAME-CASES.ready`` file marks it
done, so that ``--keep DIR`` reuses it):

- ``import``: 10,000 cases and 50 judges on one panel, and a 500,000-row score table to import.
- ``rank``: the national contest. 10,000 cases; 300 judges in 10 panels of 30, each judge scoring
  the 1,000 cases of their panel (so each case has 30 judges: 10,000 × 30 × 3 criteria scores), the
  round closed with 1,000 finalists, who are scored by the 30 judges of the presentation round;
  votes for the finalists. Ranked, reported, and opened in the secretariat's window.
- ``packages``: 2,000 cases and 200 judges in 20 panels of 10; each judge scores the 100 cases of
  their panel in their judge package, signs and returns it (20,000 case-judge rows to merge).
- ``judge``: the demo contest's packages, for the judge's window (score commits, unlocking with the
  PIN at the real cost, moving between cases).
"""

from __future__ import annotations

import csv
import random
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from judging_app.services.contest import Contest

SEED = 2026
CRITERIA = (("creativity", 40), ("utility", 30), ("impact", 30))
FAST_KDF_N = 2**10
"""The KDF cost of the packages the benchmark fills itself (the PIN's real cost is timed apart)."""


@dataclass(frozen=True)
class Scale:
    cases: int
    import_judges: int  # one panel: cases × import_judges score rows in the imported table
    panels: int  # the written round of the rank contest
    panel_judges: int  # judges per panel: each case has this many judges
    finalists: int  # cases that advance from the written round
    final_judges: int
    package_judges: int
    package_panel: int  # judges per panel in the package scenario
    package_cases: int  # cases each package holds
    commits: int  # judge's score commits timed for the p99
    moves: int  # moves to the next case in the judge's window
    repeats: int


FULL = Scale(
    cases=10_000,
    import_judges=50,
    panels=10,
    panel_judges=30,
    finalists=1_000,
    final_judges=30,
    package_judges=200,
    package_panel=10,
    package_cases=100,
    commits=1_000,
    moves=200,
    repeats=3,
)
QUICK = Scale(
    cases=60,
    import_judges=5,
    panels=2,
    panel_judges=3,
    finalists=20,
    final_judges=4,
    package_judges=4,
    package_panel=2,
    package_cases=5,
    commits=50,
    moves=4,
    repeats=1,
)


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

CASE_HEADER = ["case_id", "title", "organization", "category", "summary", "body", "written"]
JUDGE_HEADER = ["judge_id", "name", "affiliation", "written", "presentation"]
SCORE_HEADER = ["judge_id", "case_id", *(key for key, _top in CRITERIA)]


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def case_ids(count: int) -> list[str]:
    return [f"C{i:05d}" for i in range(1, count + 1)]


def judge_ids(count: int) -> list[str]:
    return [f"J{i:03d}" for i in range(1, count + 1)]


def panel_label(index: int) -> str:
    return f"P{index + 1:02d}"


def score_rows(rng: random.Random, panels: list[tuple[list[str], list[str]]]) -> list[list[object]]:
    """(judges, cases) per panel → one row per judge and case: three scores around a case's
    quality, with a lenience per judge."""
    rows: list[list[object]] = []
    for judges, cases in panels:
        quality = {c: rng.random() for c in cases}
        for judge in judges:
            bias = rng.uniform(-0.1, 0.1)
            for case in cases:
                q = min(1.0, max(0.0, quality[case] + bias + rng.uniform(-0.15, 0.15)))
                rows.append([judge, case, *(round(q * top) for _key, top in CRITERIA)])
    return rows


def write_contest_files(
    work: Path,
    name: str,
    *,
    cases: int,
    judges: int,
    panel_judges: int,
    finalists: int,
    final_judges: int = 0,
) -> list[tuple[list[str], list[str]]]:
    """``NAME.toml``, ``NAME-cases.csv`` and ``NAME-judges.csv``: cases spread over panels of
    ``panel_judges`` judges in the written round (in blocks, so each panel's cases are
    contiguous), the first ``final_judges`` judges on the presentation round's one panel.
    Returns (judges, cases) per panel."""
    (work / f"{name}.toml").write_text(CONFIG.format(finalists=finalists), encoding="utf-8")
    all_cases, all_judges = case_ids(cases), judge_ids(judges)
    count = judges // panel_judges
    per_panel = -(-cases // count)
    panels = [
        (
            all_judges[p * panel_judges : (p + 1) * panel_judges],
            all_cases[p * per_panel : (p + 1) * per_panel],
        )
        for p in range(count)
    ]
    label = {c: panel_label(p) for p, (_j, cs) in enumerate(panels) for c in cs}
    write_csv(
        work / f"{name}-cases.csv",
        CASE_HEADER,
        (
            [c, f"Case {c}", f"Org {i % 700}", "service", "A summary.", "A body. " * 40, label[c]]
            for i, c in enumerate(all_cases)
        ),
    )
    panel_of = {j: panel_label(p) for p, (js, _c) in enumerate(panels) for j in js}
    write_csv(
        work / f"{name}-judges.csv",
        JUDGE_HEADER,
        (
            [j, f"Judge {j}", f"University {j}", panel_of[j], "F" if i < final_judges else ""]
            for i, j in enumerate(all_judges)
        ),
    )
    return panels


def _new_contest(work: Path, name: str) -> Contest:
    from judging_app.services.contest import Contest

    contest = Contest.create(work / f"{name}.jdb", work / f"{name}.toml")
    contest.import_cases(work / f"{name}-cases.csv")
    contest.import_judges(work / f"{name}-judges.csv")
    return contest


# -- the scenarios -------------------------------------------------------------------------------


def prepare_import(work: Path, scale: Scale) -> None:
    rng = random.Random(SEED)
    write_contest_files(
        work,
        "import",
        cases=scale.cases,
        judges=scale.import_judges,
        panel_judges=scale.import_judges,
        finalists=scale.finalists,
    )
    judges, cases = judge_ids(scale.import_judges), case_ids(scale.cases)
    write_csv(work / "scores_import.csv", SCORE_HEADER, score_rows(rng, [(judges, cases)]))
    _new_contest(work, "import").close()


def prepare_rank(work: Path, scale: Scale) -> None:
    rng = random.Random(SEED + 1)
    panels = write_contest_files(
        work,
        "rank",
        cases=scale.cases,
        judges=scale.panels * scale.panel_judges,
        panel_judges=scale.panel_judges,
        finalists=scale.finalists,
        final_judges=scale.final_judges,
    )
    write_csv(work / "scores_written.csv", SCORE_HEADER, score_rows(rng, panels))
    contest = _new_contest(work, "rank")
    contest.import_score_tables([work / "scores_written.csv"], "written")
    contest.advance("written")
    field = sorted(c.case_id for c in contest.round_ranking("presentation").result.cases)
    final_judges = judge_ids(scale.final_judges)
    write_csv(
        work / "scores_presentation.csv", SCORE_HEADER, score_rows(rng, [(final_judges, field)])
    )
    write_csv(work / "votes.csv", ["case_id", "votes"], ([c, rng.randint(0, 5000)] for c in field))
    contest.import_score_tables([work / "scores_presentation.csv"], "presentation")
    contest.import_votes(work / "votes.csv")
    contest.close()


def prepare_packages(work: Path, scale: Scale) -> None:
    """``packages.jdb`` (the contest before issuing, for timing the issue), ``merge.jdb`` (the
    same contest with the packages issued) and ``returns/``: every judge's signed return copy."""
    from judging_app.exchange import digest
    from judging_app.exchange.package import PackageFile
    from judging_app.exchange.package_keys import KdfCost
    from judging_app.services.contest import Contest
    from judging_app.services.judge_session import JudgeSession

    rng = random.Random(SEED + 2)
    panels = write_contest_files(
        work,
        "packages",
        cases=scale.package_judges // scale.package_panel * scale.package_cases,
        judges=scale.package_judges,
        panel_judges=scale.package_panel,
        finalists=scale.package_cases,
    )
    _new_contest(work, "packages").close()
    shutil.copyfile(work / "packages.jdb", work / "merge.jdb")
    contest = Contest.open(work / "merge.jdb")
    issued = contest.issue_packages("written", work / "issued", kdf_cost=KdfCost(n=FAST_KDF_N))
    contest.close()
    rows = score_rows(rng, panels)
    by_judge: dict[str, list[list[object]]] = {}
    for row in rows:
        by_judge.setdefault(str(row[0]), []).append(row)
    returns = work / "returns"
    returns.mkdir(exist_ok=True)
    at = digest.timestamp(datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
    for package in issued.packages:
        session = JudgeSession.open(package.file, data_dir=work / "judges")
        session.unlock(package.pin)
        session.sign_pledge(package.name)
        # The judge's keystrokes, in one transaction here (each is its own commit in the window).
        scores = [
            (case_id, key, digest.decimal_text(Decimal(value)), at)
            for _judge, case_id, *values in by_judge[package.judge_id]
            for (key, _top), value in zip(CRITERIA, values, strict=True)
        ]
        comments = [(r[1], f"Comment on {r[1]}.", at) for r in by_judge[package.judge_id][::10]]
        with PackageFile.open_working(session.working_path) as raw, raw.transaction() as db:
            db.executemany(
                "INSERT INTO scores (case_id, criterion, value, entered_at) VALUES (?, ?, ?, ?)",
                scores,
            )
            db.executemany(
                "INSERT INTO comments (case_id, comment, entered_at) VALUES (?, ?, ?)", comments
            )
        session.submit()
        session.export_return(returns / session.suggested_return_name())
        session.close()
    shutil.rmtree(work / "judges")


def prepare_judge(work: Path, scale: Scale) -> None:
    """The demo contest's written round issued twice: cheaply (``judge.txt``: a package and its
    PIN, for the score commits) and at the PIN's real cost (``unlock.txt``)."""
    from judging_app.exchange.package_keys import DEFAULT_COST, KdfCost
    from judging_app.services.contest import Contest
    from judging_app.services.demo import write_demo_contest

    files = write_demo_contest(work / "demo")
    contest = Contest.create(work / "demo.jdb", files.config)
    contest.import_cases(files.cases_xlsx)
    contest.import_judges(files.judges_xlsx)
    for name, cost in (("judge", KdfCost(n=FAST_KDF_N)), ("unlock", DEFAULT_COST)):
        issued = contest.issue_packages("written", work / f"{name}-packages", kdf_cost=cost)
        package = issued.packages[0]
        (work / f"{name}.txt").write_text(f"{package.file}\n{package.pin}\n", encoding="utf-8")
    contest.close()


SCENARIOS: dict[str, Callable[[Path, Scale], None]] = {
    "import": prepare_import,
    "rank": prepare_rank,
    "packages": prepare_packages,
    "judge": prepare_judge,
}


def prepare(work: Path, scale: Scale, names: Iterable[str]) -> None:
    """Prepare the scenarios named (those not prepared in ``work`` already)."""
    for name in names:
        ready = work / f"{name}-{scale.cases}.ready"
        if not ready.exists():
            SCENARIOS[name](work, scale)
            ready.write_text("ok\n", encoding="utf-8")
