"""The demo contest: a complete, realistic contest written into a directory.

Modelled on a Korean city's contest of public-service improvement cases (민원서비스 개선 우수사례):
50 cases, two written-review panels of five judges, a presentation review of seven judges for the
18 cases that advance, 6,328 citizens' votes for them, 9 awards.

Everything is deterministic: the texts come from `demo_texts`, the scores from each case's latent
quality (hand-set below) plus noise drawn from `random.Random(2025)`. `build_demo()` is pure and
returns the data; `write_demo()` writes the files. The generator computes the rankings itself with
exact decimal arithmetic (DESIGN scoring rules 3-9) and refuses data whose cut-offs would be
ambiguous, so the 18 that advance from the written review, the 9 that the presentation review
selects (by expert score: that round has `advance = 9`, so it defines the final field) and their
final order (60 % expert + 40 % votes among those 9) are stable facts of the demo. Votes are given
for all 18 presentation cases, as the citizens' vote covered them; the app keeps the votes of the 9
outside the final field without counting them (with a warning). The data are also chosen so that
ranking all 18 by 60/40 would select the same 9.
"""

from __future__ import annotations

import csv
import io
import math
import random
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from judging_app.domain.config import ContestConfig, parse_config
from judging_app.domain.ranking import FinalEntry, rank_final
from judging_app.domain.scoring import CaseResult, RoundResult, score_round
from judging_app.domain.scoring import ScoreRow as DomainScoreRow
from judging_app.exchange import demo_texts as texts

SEED = 2025
TOTAL_VOTERS = 6328
DECIMALS = 2
EXPERT_WEIGHT = Decimal("0.6")
VOTE_WEIGHT = Decimal("0.4")
TRIM_MIN = 5
WRITTEN_ADVANCE = 18
FINAL_ADVANCE = 9
AWARDS: tuple[tuple[str, int], ...] = (("최우수", 1), ("우수", 3), ("장려", 5))

CRITERION_KEYS: tuple[str, ...] = tuple(key for key, _name, _rubric in texts.CRITERIA)
CRITERION_MAX: tuple[int, ...] = (40, 30, 30)

WRITTEN_PANELS: dict[str, tuple[str, ...]] = {
    "A": ("J01", "J02", "J03", "J04", "J05"),
    "B": ("J06", "J07", "J08", "J09", "J10"),
}
PRESENTATION_PANEL = "대면"
PRESENTATION_JUDGES: tuple[str, ...] = ("J01", "J02", "J03", "J06", "J07", "J08", "J09")
# J04 (affiliation 성동구) sits on panel A, which reviews C09 (organisation 성동구): the app
# excludes J04 from C09 automatically, so the score table has no row for that pair.
CONFLICT: tuple[str, str] = ("J04", "C09")

# Leniency in points on the 100-point total: panel B is harsher, J03 noticeably lenient.
PANEL_BIAS: dict[str, float] = {"A": 0.0, "B": -3.0}
JUDGE_BIAS_WRITTEN: dict[str, float] = {
    "J01": 0.0,
    "J02": -1.0,
    "J03": 6.0,
    "J04": 1.0,
    "J05": -2.0,
    "J06": 1.0,
    "J07": -1.0,
    "J08": -3.0,
    "J09": 0.0,
    "J10": 2.0,
}
JUDGE_BIAS_PRESENTATION: dict[str, float] = {
    "J01": 0.0,
    "J02": -1.0,
    "J03": 4.0,
    "J06": 0.5,
    "J07": -0.5,
    "J08": -2.0,
    "J09": 0.5,
}

# Latent quality of each case in the written review (points out of 100, before leniency). The 18
# cases that advance sit well above the rest, allowing for panel B's harshness.
WRITTEN_QUALITY: dict[str, float] = {
    # panel A (odd ids)
    "C01": 80, "C03": 90, "C05": 71, "C07": 66, "C09": 85, "C11": 63, "C13": 82, "C15": 68,
    "C17": 88, "C19": 81, "C21": 84, "C23": 83, "C25": 70, "C27": 67, "C29": 69, "C31": 71,
    "C33": 65, "C35": 60, "C37": 64, "C39": 58, "C41": 66, "C43": 70, "C45": 62, "C47": 69,
    "C49": 61,
    # panel B (even ids)
    "C02": 88, "C04": 92, "C06": 83, "C08": 90, "C10": 72, "C12": 93, "C14": 70, "C16": 73,
    "C18": 85, "C20": 83, "C22": 74, "C24": 69, "C26": 63, "C28": 84, "C30": 86, "C32": 66,
    "C34": 71, "C36": 68, "C38": 61, "C40": 72, "C42": 85, "C44": 65, "C46": 60, "C48": 73,
    "C50": 67,
}  # fmt: skip

# For the 18 presentation cases: latent quality in the presentation review and relative popularity
# in the citizens' vote (turned into whole votes summing to TOTAL_VOTERS).
PRESENTATION_QUALITY: dict[str, float] = {
    "C01": 79, "C02": 87, "C03": 90, "C04": 89, "C06": 80, "C08": 88, "C09": 81, "C12": 87,
    "C13": 80, "C17": 87, "C18": 83, "C19": 80, "C20": 78, "C21": 85, "C23": 84, "C28": 81,
    "C30": 81, "C42": 80,
}  # fmt: skip
VOTE_WEIGHT_BY_CASE: dict[str, int] = {
    "C01": 130, "C02": 520, "C03": 610, "C04": 715, "C06": 180, "C08": 560, "C09": 170, "C12": 760,
    "C13": 200, "C17": 450, "C18": 300, "C19": 220, "C20": 110, "C21": 240, "C23": 280, "C28": 230,
    "C30": 250, "C42": 150,
}  # fmt: skip

NOISE_SD = 0.04  # per criterion, as a fraction of the criterion's maximum
TILT = 0.03  # a case's own strength or weakness on one criterion, same scale
COMMENT_RATE = 0.55
MIN_GAP_WRITTEN = Decimal("2")  # required gap between the 18th and 19th written-round score
MIN_GAP_PRESENTATION = Decimal("1")  # required gap between the 9th and 10th presentation score


@dataclass(frozen=True)
class DemoCase:
    case_id: str
    title: str
    organization: str
    category: str
    summary: str
    body: str
    written: str  # panel label of the written review


@dataclass(frozen=True)
class DemoJudge:
    judge_id: str
    name: str
    affiliation: str
    written: str  # panel label, "" when not judging that round
    presentation: str


@dataclass(frozen=True)
class ScoreRow:
    judge_id: str
    case_id: str
    scores: tuple[int, ...]  # in CRITERION_KEYS order
    comment: str

    @property
    def total(self) -> int:
        return sum(self.scores)


@dataclass(frozen=True)
class DemoContest:
    cases: tuple[DemoCase, ...]
    judges: tuple[DemoJudge, ...]
    written_scores: tuple[ScoreRow, ...]
    presentation_scores: tuple[ScoreRow, ...]
    votes: tuple[tuple[str, int], ...]
    written_ranking: tuple[CaseResult, ...]  # all 50, best first (the domain's own ranking)
    presentation_ranking: tuple[CaseResult, ...]  # the 18 presentation cases, best first
    final_ranking: tuple[FinalEntry, ...]  # the final field (top 9 of the presentation)

    @property
    def advancing(self) -> tuple[str, ...]:
        """The cases that advance from the written review, best first."""
        return tuple(r.case_id for r in self.written_ranking[:WRITTEN_ADVANCE])


@dataclass(frozen=True)
class DemoFiles:
    directory: Path
    config: Path
    cases_xlsx: Path
    cases_csv: Path
    judges_xlsx: Path
    judges_csv: Path
    scores_written_xlsx: Path
    scores_presentation_xlsx: Path
    votes_xlsx: Path
    votes_csv: Path
    readme: Path

    def paths(self) -> tuple[Path, ...]:
        return (
            self.config,
            self.cases_xlsx,
            self.cases_csv,
            self.judges_xlsx,
            self.judges_csv,
            self.scores_written_xlsx,
            self.scores_presentation_xlsx,
            self.votes_xlsx,
            self.votes_csv,
            self.readme,
        )


# ---------------------------------------------------------------------------------------- text


def _has_final_consonant(word: str) -> bool | None:
    last = word.rstrip()[-1:]
    if not last or not "가" <= last <= "힣":
        return None
    return (ord(last) - ord("가")) % 28 != 0


def _topic(word: str) -> str:
    """The word with the topic particle 은/는."""
    batchim = _has_final_consonant(word)
    if batchim is None:
        return f"{word}은(는)"
    return f"{word}{'은' if batchim else '는'}"


def _is_district(organization: str) -> bool:
    return organization.endswith("구") and " " not in organization


def _compose_body(index: int, case: texts.CaseText) -> str:
    org_topic = _topic(case.organization)
    start = f"2023년 {(index * 5) % 12 + 1}월"
    opening = texts.OPENINGS[index % len(texts.OPENINGS)].format(
        background=case.background, org_topic=org_topic, start=start, title=case.title
    )
    variant = index % len(texts.MEASURE_INTROS)
    count = {2: "두", 3: "세"}[len(case.measures)]
    ordinals = texts.MEASURE_ORDINALS[variant]
    measures = " ".join(
        f"{ordinal} {measure}" for ordinal, measure in zip(ordinals, case.measures, strict=False)
    )
    intro = texts.MEASURE_INTROS[variant].format(count=count)
    results = texts.RESULT_LEADS[(index // 2) % len(texts.RESULT_LEADS)].format(
        results=case.results
    )
    closings = (
        texts.PLAN_CLOSINGS_DISTRICT
        if _is_district(case.organization)
        else texts.PLAN_CLOSINGS_CITY
    )
    plan = closings[(index // 3) % len(closings)].format(plan=case.plan, org_topic=org_topic)
    return "\n\n".join((opening, f"{intro} {measures}", results, plan))


def _cases() -> tuple[DemoCase, ...]:
    return tuple(
        DemoCase(
            case_id=case.case_id,
            title=case.title,
            organization=case.organization,
            category=case.category,
            summary=case.summary,
            body=_compose_body(index, case),
            written="A" if int(case.case_id[1:]) % 2 == 1 else "B",
        )
        for index, case in enumerate(texts.CASES)
    )


def _judges() -> tuple[DemoJudge, ...]:
    panel_of = {judge: panel for panel, judges in WRITTEN_PANELS.items() for judge in judges}
    return tuple(
        DemoJudge(
            judge_id=judge.judge_id,
            name=judge.name,
            affiliation=judge.affiliation,
            written=panel_of.get(judge.judge_id, ""),
            presentation=PRESENTATION_PANEL if judge.judge_id in PRESENTATION_JUDGES else "",
        )
        for judge in texts.JUDGES
    )


# -------------------------------------------------------------------------------------- scores


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def _score_case(rng: random.Random, level: float, tilt: Sequence[float]) -> tuple[int, ...]:
    scores = []
    for maximum, lean in zip(CRITERION_MAX, tilt, strict=True):
        fraction = level / 100 + lean + rng.gauss(0.0, NOISE_SD)
        scores.append(min(maximum, max(0, _half_up(fraction * maximum))))
    return tuple(scores)


def _written_comment(rng: random.Random, total: int) -> str:
    if rng.random() >= COMMENT_RATE:
        return ""
    if total >= 85:
        pool = texts.WRITTEN_COMMENTS_HIGH
    elif total >= 72:
        pool = texts.WRITTEN_COMMENTS_MIDDLE
    else:
        pool = texts.WRITTEN_COMMENTS_LOW
    return rng.choice(pool)


def _presentation_comment(rng: random.Random) -> str:
    if rng.random() >= COMMENT_RATE:
        return ""
    return rng.choice(texts.PRESENTATION_COMMENTS)


def _tilts(rng: random.Random, case_ids: Sequence[str]) -> dict[str, tuple[float, ...]]:
    return {case_id: tuple(rng.uniform(-TILT, TILT) for _ in CRITERION_MAX) for case_id in case_ids}


def _written_scores(
    rng: random.Random, cases: Sequence[DemoCase], tilts: dict[str, tuple[float, ...]]
) -> tuple[ScoreRow, ...]:
    rows = []
    for panel, judge_ids in WRITTEN_PANELS.items():
        for judge_id in judge_ids:
            for case in cases:
                if case.written != panel or (judge_id, case.case_id) == CONFLICT:
                    continue
                level = (
                    WRITTEN_QUALITY[case.case_id] + PANEL_BIAS[panel] + JUDGE_BIAS_WRITTEN[judge_id]
                )
                scores = _score_case(rng, level, tilts[case.case_id])
                comment = _written_comment(rng, sum(scores))
                rows.append(ScoreRow(judge_id, case.case_id, scores, comment))
    return tuple(rows)


def _presentation_scores(
    rng: random.Random, finalists: Sequence[str], tilts: dict[str, tuple[float, ...]]
) -> tuple[ScoreRow, ...]:
    rows = []
    for judge_id in PRESENTATION_JUDGES:
        for case_id in sorted(finalists):
            level = PRESENTATION_QUALITY[case_id] + JUDGE_BIAS_PRESENTATION[judge_id]
            scores = _score_case(rng, level, tilts[case_id])
            rows.append(ScoreRow(judge_id, case_id, scores, _presentation_comment(rng)))
    return tuple(rows)


def _allocate_votes(weights: dict[str, int], total: int) -> tuple[tuple[str, int], ...]:
    """Whole votes proportional to the weights, summing to `total` (largest remainder)."""
    weight_sum = sum(weights.values())
    shares = {case_id: Fraction(total * w, weight_sum) for case_id, w in weights.items()}
    votes = {case_id: math.floor(share) for case_id, share in shares.items()}
    left = total - sum(votes.values())
    by_remainder = sorted(shares, key=lambda c: (-(shares[c] - votes[c]), c))
    for case_id in by_remainder[:left]:
        votes[case_id] += 1
    return tuple(sorted(votes.items()))


# ------------------------------------------------------------------------------------- ranking


def _domain_rows(rows: Sequence[ScoreRow]) -> list[DomainScoreRow]:
    return [
        DomainScoreRow(
            row.judge_id,
            row.case_id,
            {key: Decimal(value) for key, value in zip(CRITERION_KEYS, row.scores, strict=True)},
        )
        for row in rows
    ]


def _gap(above: CaseResult, below: CaseResult) -> Decimal:
    if above.score is None or below.score is None:
        raise AssertionError(f"demo: an unscored case at a cut-off: {above} / {below}")
    return above.score - below.score


def rank_round(config: ContestConfig, key: str, rows: Sequence[ScoreRow]) -> RoundResult:
    """The round as the app ranks it: the domain's own rules, so the demo cannot drift."""
    return score_round(
        config.round(key),
        config.round_criteria(key),
        {row.case_id for row in rows},
        _domain_rows(rows),
        excluded=[CONFLICT],
        decimals=config.final.decimals,
    )


# ------------------------------------------------------------------------------------ building


def build_demo() -> DemoContest:
    """The demo contest's data, computed deterministically (no files touched)."""
    rng = random.Random(SEED)
    config = parse_config(contest_toml())
    cases = _cases()
    judges = _judges()
    tilts = _tilts(rng, [case.case_id for case in cases])
    written = _written_scores(rng, cases, tilts)
    written_result = rank_round(config, "written", written)
    written_ranking = written_result.cases
    cut, below = written_ranking[WRITTEN_ADVANCE - 1], written_ranking[WRITTEN_ADVANCE]
    if _gap(cut, below) < MIN_GAP_WRITTEN:
        raise AssertionError(f"demo: written cut-off {cut} / {below} is too close")
    finalists = tuple(r.case_id for r in written_ranking[:WRITTEN_ADVANCE])
    if set(finalists) != set(PRESENTATION_QUALITY):
        raise AssertionError(f"demo: unexpected finalists {sorted(finalists)}")
    presentation = _presentation_scores(rng, finalists, tilts)
    presentation_result = rank_round(config, "presentation", presentation)
    presentation_ranking = presentation_result.cases
    ninth, tenth = presentation_ranking[FINAL_ADVANCE - 1], presentation_ranking[FINAL_ADVANCE]
    if _gap(ninth, tenth) < MIN_GAP_PRESENTATION:
        raise AssertionError(f"demo: presentation cut-off {ninth} / {tenth} is too close")
    votes = _allocate_votes(VOTE_WEIGHT_BY_CASE, TOTAL_VOTERS)
    rounds = {"written": written_result, "presentation": presentation_result}
    final_ranking = rank_final(config, rounds, dict(votes)).entries
    if len({row.final for row in final_ranking}) != len(final_ranking):
        raise AssertionError(f"demo: a tie on the final score {final_ranking}")
    return DemoContest(
        cases=cases,
        judges=judges,
        written_scores=written,
        presentation_scores=presentation,
        votes=votes,
        written_ranking=written_ranking,
        presentation_ranking=presentation_ranking,
        final_ranking=final_ranking,
    )


# ------------------------------------------------------------------------------------- writing

Cell = str | int | None

_FIXED_TIME = datetime(2025, 1, 1)
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def _display_width(value: Cell) -> int:
    text = "" if value is None else str(value)
    line = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


def _column_widths(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> list[float]:
    widths = []
    for i, name in enumerate(header):
        widest = max([_display_width(name), *(_display_width(row[i]) for row in rows)])
        widths.append(float(min(max(widest + 2, 8), 60)))
    return widths


def _xlsx_bytes(title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for i, width in enumerate(_column_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    workbook.properties.creator = "judging-app demo"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(workbook, archive).save()  # closes the archive
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same archive with fixed timestamps, so that writing twice gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            stable = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = 0o644 << 16
            target.writestr(stable, source.read(info.filename))
    return out.getvalue()


def _csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def contest_toml() -> str:
    """The contest configuration in the TOML format of DESIGN.md."""
    lines = ["[contest]", f"name = {_toml_string(texts.CONTEST_NAME)}", ""]
    for (key, name, rubric), maximum in zip(texts.CRITERIA, CRITERION_MAX, strict=True):
        lines += [
            "[[criteria]]",
            f"key = {_toml_string(key)}",
            f"name = {_toml_string(name)}",
            f"max = {maximum}",
            "step = 1",
            f"description = {_toml_string(rubric)}",
            "",
        ]
    for key, advance in (("written", WRITTEN_ADVANCE), ("presentation", FINAL_ADVANCE)):
        lines += [
            "[[rounds]]",
            f"key = {_toml_string(key)}",
            f"name = {_toml_string(texts.ROUND_NAMES[key])}",
            'aggregate = "trimmed_mean"',
            f"trim_min = {TRIM_MIN}",
            f"advance = {advance}",
            "",
        ]
    lines += [
        "[final]",
        f"expert_weight = {EXPERT_WEIGHT}",
        f"vote_weight = {VOTE_WEIGHT}",
        'vote_method = "proportional_to_max"',
        f"decimals = {DECIMALS}",
        'tie_break = ["expert", "votes"]',
        "",
    ]
    for name, count in AWARDS:
        lines += ["[[awards]]", f"name = {_toml_string(name)}", f"count = {count}", ""]
    return "\n".join(lines)


def readme_text() -> str:
    commands = "\n".join(f"  {command}" for command in texts.COMMANDS)
    korean = texts.README_KO.format(name=texts.CONTEST_NAME, commands=commands)
    english = texts.README_EN.format(name=texts.CONTEST_NAME, commands=commands)
    return f"{korean}\n{'-' * 72}\n\n{english}"


CASE_HEADER = ("case_id", "title", "organization", "category", "summary", "body", "written")
JUDGE_HEADER = ("judge_id", "name", "affiliation", "written", "presentation")
SCORE_HEADER = ("judge_id", "case_id", *CRITERION_KEYS, "comment")
VOTE_HEADER = ("case_id", "votes")


def _score_rows(rows: Sequence[ScoreRow]) -> list[list[Cell]]:
    return [[r.judge_id, r.case_id, *r.scores, r.comment or None] for r in rows]


def write_demo(directory: Path) -> DemoFiles:
    """Write the complete demo contest into `directory` (created if missing; files replaced)."""
    demo = build_demo()
    directory.mkdir(parents=True, exist_ok=True)
    files = DemoFiles(
        directory=directory,
        config=directory / "contest.toml",
        cases_xlsx=directory / "cases.xlsx",
        cases_csv=directory / "cases.csv",
        judges_xlsx=directory / "judges.xlsx",
        judges_csv=directory / "judges.csv",
        scores_written_xlsx=directory / "scores_written.xlsx",
        scores_presentation_xlsx=directory / "scores_presentation.xlsx",
        votes_xlsx=directory / "votes.xlsx",
        votes_csv=directory / "votes.csv",
        readme=directory / "README.txt",
    )
    case_rows: list[list[Cell]] = [
        [c.case_id, c.title, c.organization, c.category, c.summary, c.body, c.written]
        for c in demo.cases
    ]
    judge_rows: list[list[Cell]] = [
        [j.judge_id, j.name, j.affiliation, j.written or None, j.presentation or None]
        for j in demo.judges
    ]
    vote_rows: list[list[Cell]] = [[case_id, count] for case_id, count in demo.votes]

    files.config.write_bytes(contest_toml().encode("utf-8"))
    files.cases_xlsx.write_bytes(_xlsx_bytes("cases", CASE_HEADER, case_rows))
    files.cases_csv.write_bytes(_csv_bytes(CASE_HEADER, case_rows))
    files.judges_xlsx.write_bytes(_xlsx_bytes("judges", JUDGE_HEADER, judge_rows))
    files.judges_csv.write_bytes(_csv_bytes(JUDGE_HEADER, judge_rows))
    files.scores_written_xlsx.write_bytes(
        _xlsx_bytes("written", SCORE_HEADER, _score_rows(demo.written_scores))
    )
    files.scores_presentation_xlsx.write_bytes(
        _xlsx_bytes("presentation", SCORE_HEADER, _score_rows(demo.presentation_scores))
    )
    files.votes_xlsx.write_bytes(_xlsx_bytes("votes", VOTE_HEADER, vote_rows))
    files.votes_csv.write_bytes(_csv_bytes(VOTE_HEADER, vote_rows))
    files.readme.write_bytes(readme_text().encode("utf-8"))
    return files
