"""The demo contest writer: files, contents, the designed cut-offs and determinism.

The rankings are recomputed here independently of the generator, with Decimal arithmetic following
DESIGN.md's scoring rules 3, 4 and 6-8.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

from judging_app.exchange.demo import DemoFiles, build_demo, write_demo

CRITERIA = {"creativity": 40, "utility": 30, "impact": 30}
CASE_HEADER = ["case_id", "title", "organization", "category", "summary", "body", "written"]
JUDGE_HEADER = ["judge_id", "name", "affiliation", "written", "presentation"]
SCORE_HEADER = ["judge_id", "case_id", "creativity", "utility", "impact", "comment"]
PRESENTATION_JUDGES = {"J01", "J02", "J03", "J06", "J07", "J08", "J09"}
CENT = Decimal("0.01")

Row = dict[str, object]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> DemoFiles:
    return write_demo(tmp_path_factory.mktemp("demo"))


def read_xlsx(path: Path) -> tuple[list[str], list[Row]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    workbook.close()
    header = [str(v) for v in values[0]]
    return header, [dict(zip(header, row, strict=True)) for row in values[1:]]


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 BOM"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def has_hangul(text: object) -> bool:
    return isinstance(text, str) and any("가" <= ch <= "힣" for ch in text)


def norm(text: object) -> str:
    return str(text or "").strip().casefold()


def half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def round_ranking(rows: list[Row]) -> list[tuple[str, Decimal]]:
    """(case_id, score) best first: trimmed mean (rule 3), ties by criterion means (rule 4)."""
    by_case: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_case[str(row["case_id"])].append(row)
    keyed = []
    for case_id, case_rows in by_case.items():
        totals = sorted(sum(int(str(r[k])) for k in CRITERIA) for r in case_rows)
        kept = totals[1:-1] if len(totals) >= 5 else totals
        score = half_up(Decimal(sum(kept)) / Decimal(len(kept)))
        means = [
            Decimal(sum(int(str(r[k])) for r in case_rows)) / Decimal(len(case_rows))
            for k in CRITERIA
        ]
        keyed.append(((-score, *(-m for m in means), case_id), case_id, score))
    keyed.sort()
    return [(case_id, score) for _key, case_id, score in keyed]


def final_ranking(
    expert: list[tuple[str, Decimal]], votes: dict[str, int]
) -> list[tuple[str, Decimal, Decimal, int]]:
    """(case_id, final, expert, votes) best first: 60 % expert + 40 % votes (rules 6-8)."""
    top = max(votes.get(case_id, 0) for case_id, _ in expert)
    rows = []
    for case_id, score in expert:
        count = votes.get(case_id, 0)
        points = half_up(Decimal(100 * count) / Decimal(top))
        final = half_up(Decimal("0.6") * score + Decimal("0.4") * points)
        rows.append((case_id, final, score, count))
    rows.sort(key=lambda r: (-r[1], -r[2], -r[3], r[0]))
    return rows


# ---------------------------------------------------------------------------------------- files


def test_every_file_is_written(files: DemoFiles) -> None:
    names = {path.name for path in files.paths()}
    assert names == {
        "contest.toml",
        "cases.xlsx",
        "cases.csv",
        "judges.xlsx",
        "judges.csv",
        "scores_written.xlsx",
        "scores_presentation.xlsx",
        "votes.xlsx",
        "votes.csv",
        "README.txt",
    }
    for path in files.paths():
        assert path.parent == files.directory
        assert path.is_file() and path.stat().st_size > 0


def test_xlsx_has_bold_frozen_header(files: DemoFiles) -> None:
    for path in (files.cases_xlsx, files.judges_xlsx, files.scores_written_xlsx, files.votes_xlsx):
        sheet = openpyxl.load_workbook(path).worksheets[0]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.column_dimensions["B"].width and sheet.column_dimensions["B"].width >= 8


@pytest.mark.parametrize(
    ("xlsx", "csv_name"),
    [("cases_xlsx", "cases_csv"), ("judges_xlsx", "judges_csv"), ("votes_xlsx", "votes_csv")],
)
def test_csv_holds_the_same_table_as_xlsx(files: DemoFiles, xlsx: str, csv_name: str) -> None:
    x_header, x_rows = read_xlsx(getattr(files, xlsx))
    c_header, c_rows = read_csv(getattr(files, csv_name))
    assert c_header == x_header
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in x_rows]
    assert c_rows == as_text


def test_config_matches_the_design(files: DemoFiles) -> None:
    config = tomllib.loads(files.config.read_text(encoding="utf-8"))
    assert config["contest"] == {"name": "2025 민원서비스 개선 우수사례 경진대회"}
    criteria = config["criteria"]
    assert [(c["key"], c["name"], c["max"], c["step"]) for c in criteria] == [
        ("creativity", "창의성", 40, 1),
        ("utility", "효용성", 30, 1),
        ("impact", "파급력", 30, 1),
    ]
    for criterion in criteria:
        assert has_hangul(criterion["description"])
        assert 1 <= criterion["description"].count("다.") <= 2
    assert config["rounds"] == [
        {
            "key": "written",
            "name": "서면심사",
            "aggregate": "trimmed_mean",
            "trim_min": 5,
            "advance": 18,
        },
        {
            "key": "presentation",
            "name": "대면심사",
            "aggregate": "trimmed_mean",
            "trim_min": 5,
            "advance": 9,
        },
    ]
    assert config["final"] == {
        "expert_weight": 0.6,
        "vote_weight": 0.4,
        "vote_method": "proportional_to_max",
        "decimals": 2,
        "tie_break": ["expert", "votes"],
    }
    assert config["awards"] == [
        {"name": "최우수", "count": 1},
        {"name": "우수", "count": 3},
        {"name": "장려", "count": 5},
    ]


def test_readme_gives_the_command_sequence(files: DemoFiles) -> None:
    text = files.readme.read_text(encoding="utf-8")
    assert has_hangul(text.split("Run the contest")[0])
    commands = [
        "judging-app init contest.jdb --config contest.toml",
        "judging-app import-cases contest.jdb cases.xlsx",
        "judging-app import-judges contest.jdb judges.xlsx",
        "judging-app import-scores contest.jdb scores_written.xlsx --round written",
        "judging-app advance contest.jdb --round written",
        "judging-app import-scores contest.jdb scores_presentation.xlsx --round presentation",
        "judging-app advance contest.jdb --round presentation",
        "judging-app import-votes contest.jdb votes.xlsx",
        "judging-app rank contest.jdb",
        "judging-app report contest.jdb --out report.xlsx",
    ]
    positions = [text.index(command) for command in commands]
    assert positions == sorted(positions)
    assert text.index("실행 순서") < text.index("Run the contest with")


# ------------------------------------------------------------------------------ cases, judges


def test_fifty_korean_cases(files: DemoFiles) -> None:
    header, rows = read_xlsx(files.cases_xlsx)
    assert header == CASE_HEADER
    assert [row["case_id"] for row in rows] == [f"C{n:02d}" for n in range(1, 51)]
    for row in rows:
        for column in ("title", "organization", "category", "summary", "body"):
            assert has_hangul(row[column]), (row["case_id"], column)
        paragraphs = [p for p in str(row["body"]).split("\n\n") if p.strip()]
        assert 3 <= len(paragraphs) <= 4, row["case_id"]
        assert any(ch.isdigit() for ch in paragraphs[2]), "results carry figures"
    assert len({row["title"] for row in rows}) == 50
    assert len({row["summary"] for row in rows}) == 50
    assert Counter(row["written"] for row in rows) == {"A": 25, "B": 25}
    assert len({row["category"] for row in rows}) >= 5


def test_judges_and_panels(files: DemoFiles) -> None:
    header, rows = read_xlsx(files.judges_xlsx)
    assert header == JUDGE_HEADER
    assert [row["judge_id"] for row in rows] == [f"J{n:02d}" for n in range(1, 11)]
    assert all(has_hangul(row["name"]) and has_hangul(row["affiliation"]) for row in rows)
    assert len({row["name"] for row in rows}) == 10
    panels = {str(row["judge_id"]): row["written"] for row in rows}
    assert panels == {f"J{n:02d}": "A" if n <= 5 else "B" for n in range(1, 11)}
    presentation = {str(row["judge_id"]): row["presentation"] for row in rows}
    assert {j for j, p in presentation.items() if p == "대면"} == PRESENTATION_JUDGES
    assert all(p in (None, "") for j, p in presentation.items() if j not in PRESENTATION_JUDGES)


def conflicts(files: DemoFiles) -> set[tuple[str, str]]:
    """(judge, case) pairs where the affiliation equals the organisation, in the same panel."""
    _, judges = read_xlsx(files.judges_xlsx)
    _, cases = read_xlsx(files.cases_xlsx)
    return {
        (str(j["judge_id"]), str(c["case_id"]))
        for j in judges
        for c in cases
        if norm(j["affiliation"]) == norm(c["organization"]) and j["written"] == c["written"]
    }


def test_exactly_one_real_conflict(files: DemoFiles) -> None:
    _, judges = read_xlsx(files.judges_xlsx)
    _, cases = read_xlsx(files.cases_xlsx)
    any_panel = {
        (j["judge_id"], c["case_id"])
        for j in judges
        for c in cases
        if norm(j["affiliation"]) == norm(c["organization"])
    }
    assert any_panel == {("J04", "C09")}
    assert conflicts(files) == {("J04", "C09")}


# --------------------------------------------------------------------------------------- scores


def test_written_scores_cover_each_panel_except_the_conflict(files: DemoFiles) -> None:
    header, rows = read_xlsx(files.scores_written_xlsx)
    assert header == SCORE_HEADER
    _, judges = read_xlsx(files.judges_xlsx)
    _, cases = read_xlsx(files.cases_xlsx)
    expected = {
        (str(j["judge_id"]), str(c["case_id"]))
        for j in judges
        for c in cases
        if j["written"] == c["written"]
    } - conflicts(files)
    pairs = Counter((str(r["judge_id"]), str(r["case_id"])) for r in rows)
    assert set(pairs) == expected
    assert all(count == 1 for count in pairs.values())
    assert ("J04", "C09") not in pairs
    assert len(rows) == 2 * 25 * 5 - 1


@pytest.mark.parametrize("table", ["scores_written_xlsx", "scores_presentation_xlsx"])
def test_scores_are_whole_numbers_within_the_maximum(files: DemoFiles, table: str) -> None:
    _, rows = read_xlsx(getattr(files, table))
    for row in rows:
        for key, maximum in CRITERIA.items():
            value = row[key]
            assert isinstance(value, int) and not isinstance(value, bool), (row, key)
            assert 0 <= value <= maximum, (row, key)
        assert row["comment"] is None or has_hangul(row["comment"])


def test_leniency_differs_between_panels_and_judges(files: DemoFiles) -> None:
    _, rows = read_xlsx(files.scores_written_xlsx)
    totals: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        totals[str(row["judge_id"])].append(sum(int(str(row[k])) for k in CRITERIA))
    mean = {judge: sum(t) / len(t) for judge, t in totals.items()}
    panel_a = [mean[f"J0{n}"] for n in range(1, 6)]
    panel_b = [mean[f"J{n:02d}"] for n in range(6, 11)]
    assert sum(panel_b) / 5 < sum(panel_a) / 5
    assert max(mean, key=lambda judge: mean[judge]) == "J03"


def test_presentation_covers_exactly_the_written_top_18(files: DemoFiles) -> None:
    _, written = read_xlsx(files.scores_written_xlsx)
    ranking = round_ranking(written)
    assert len(ranking) == 50
    top = {case_id for case_id, _ in ranking[:18]}
    cut, below = ranking[17][1], ranking[18][1]
    assert cut > below, "a tie at the written cut-off"
    assert cut - below >= 1, "the cut-off should be clear"
    assert sum(1 for r in written if r["case_id"] == "C09") == 4  # plain mean of 4 totals
    assert "C09" not in {ranking[17][0], ranking[18][0]}  # and not what decides the cut

    header, presentation = read_xlsx(files.scores_presentation_xlsx)
    assert header == SCORE_HEADER
    pairs = Counter((str(r["judge_id"]), str(r["case_id"])) for r in presentation)
    assert set(pairs) == {(judge, case) for judge in PRESENTATION_JUDGES for case in top}
    assert all(count == 1 for count in pairs.values())
    assert build_demo().advancing == tuple(case_id for case_id, _ in ranking[:18])


def test_votes_for_the_finalists_sum_to_the_voters(files: DemoFiles) -> None:
    header, rows = read_xlsx(files.votes_xlsx)
    assert header == ["case_id", "votes"]
    _, presentation = read_xlsx(files.scores_presentation_xlsx)
    assert {row["case_id"] for row in rows} == {row["case_id"] for row in presentation}
    assert len(rows) == 18
    assert all(isinstance(row["votes"], int) and int(str(row["votes"])) >= 0 for row in rows)
    assert sum(int(str(row["votes"])) for row in rows) == 6328


def test_presentation_selects_nine_and_votes_order_them(files: DemoFiles) -> None:
    """The presentation round has advance = 9: its top 9 by expert score are the final field
    (rule 5), ordered by 60 % expert + 40 % vote points over that field (rules 6-8)."""
    _, presentation = read_xlsx(files.scores_presentation_xlsx)
    _, vote_rows = read_xlsx(files.votes_xlsx)
    votes = {str(row["case_id"]): int(str(row["votes"])) for row in vote_rows}
    expert = round_ranking(presentation)
    assert len(expert) == 18
    assert expert[8][1] - expert[9][1] >= 1, "the presentation cut-off at 9 should be clear"

    ranking = final_ranking(expert[:9], votes)
    finals = [final for _, final, _, _ in ranking]
    assert len(set(finals)) == 9, "no ties on the final score"
    gaps = [finals[i] - finals[i + 1] for i in range(8)]
    assert min(gaps) < Decimal("0.5"), "a near-race inside the nine"
    winner, runner_up = ranking[0], ranking[1]
    assert winner[2] < runner_up[2] and winner[3] > runner_up[3], "the vote decides first place"

    expected = build_demo()
    assert [(r.case_id, r.final, r.expert, r.votes) for r in expected.final_ranking] == ranking
    assert [r.award for r in expected.final_ranking] == ["최우수"] + ["우수"] * 3 + ["장려"] * 5


def test_ranking_all_eighteen_by_votes_would_pick_the_same_nine(files: DemoFiles) -> None:
    _, presentation = read_xlsx(files.scores_presentation_xlsx)
    _, vote_rows = read_xlsx(files.votes_xlsx)
    votes = {str(row["case_id"]): int(str(row["votes"])) for row in vote_rows}
    expert = round_ranking(presentation)
    over_all = final_ranking(expert, votes)
    assert {case_id for case_id, *_ in over_all[:9]} == {case_id for case_id, _ in expert[:9]}
    assert over_all[8][1] - over_all[9][1] >= 1


# --------------------------------------------------------------------------------- determinism


def test_writing_twice_gives_identical_files(files: DemoFiles, tmp_path: Path) -> None:
    again = write_demo(tmp_path / "again")
    for first, second in zip(files.paths(), again.paths(), strict=True):
        assert first.name == second.name
        assert first.read_bytes() == second.read_bytes(), first.name


def test_writing_into_an_existing_directory_replaces_the_files(tmp_path: Path) -> None:
    (tmp_path / "votes.csv").write_text("stale", encoding="utf-8")
    written = write_demo(tmp_path)
    assert written.votes_csv.read_bytes().startswith(b"\xef\xbb\xbfcase_id,votes")


def test_the_module_imports_neither_qt_nor_sqlalchemy() -> None:
    code = (
        "import sys, judging_app.exchange.demo\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlalchemy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
