"""Every refusal: a non-zero exit, one line naming the file, row and column (or the key and the
rule), and a database exactly as it was before."""

import pytest
from openpyxl import Workbook

from tests.helpers import dump, on_server, query, run


def refused(capsys, db, *args) -> str:
    """Run a verb that must be refused; return its message after proving nothing changed."""
    capsys.readouterr()
    before = dump(db)
    assert run(*args) == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error
    assert dump(db) == before
    return error


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


HEADER = "judge_id,case_id,creativity,utility,impact\n"


@pytest.mark.parametrize(
    ("row", "column", "rule"),
    [
        ("J1,C1,41,20,20", "creativity", "outside"),
        ("J1,C1,30,20.5,20", "utility", "step"),
        ("J1,C1,-1,20,20", "creativity", "outside"),
        ("J1,C1,30,,20", "utility", "every criterion or none"),
        ("J9,C1,30,20,20", "judge_id", "no judge J9"),
        ("J1,C9,30,20,20", "case_id", "no case C9"),
        ("J1,C1,thirty,20,20", "creativity", "not a number"),
    ],
)
def test_a_bad_score_row_is_refused_naming_row_and_column(
    ready, tmp_path, capsys, row, column, rule
):
    table = write(tmp_path, "scores.csv", HEADER + "J2,C2,28,21,21\n" + row + "\n")
    error = refused(capsys, ready["db"], "import-scores", ready["db"], table, "--round", "written")
    assert "scores.csv" in error and "row 3" in error and f'"{column}"' in error
    assert rule in error


def test_a_score_by_an_excluded_judge_names_the_row_the_judge_and_the_case(ready, tmp_path, capsys):
    table = write(tmp_path, "scores.csv", HEADER + "J1,C1,28,21,21\nJ3,C5,30,20,20\n")
    error = refused(capsys, ready["db"], "import-scores", ready["db"], table, "--round", "written")
    assert "scores.csv, row 3" in error and "J3" in error and "C5" in error
    assert "excluded" in error


def test_a_score_for_a_closed_round_is_refused_naming_the_round(ready, capsys):
    db = ready["db"]
    assert run("import-scores", db, ready["written"], "--round", "written") == 0
    assert run("advance", db, "--round", "written") == 0
    error = refused(capsys, db, "import-scores", db, ready["written"], "--round", "written")
    assert "written" in error and "closed" in error


def test_a_score_for_a_case_on_another_panel_is_refused(files, tmp_path, capsys):
    db = files["db"]
    run("init", db, "--config", files["config"])
    run("import-cases", db, files["cases"])
    judges = "judge_id,name,affiliation,written,final\nJ1,김,대학,A,F\nJ2,이,연구원,B,F\n"
    run("import-judges", db, write(tmp_path, "judges2.csv", judges))
    # cases are spread evenly over A and B in case id order: C1 A, C2 B, C3 A, C4 B, C5 A
    table = write(tmp_path, "scores.csv", HEADER + "J1,C2,28,21,21\n")
    error = refused(capsys, db, "import-scores", db, table, "--round", "written")
    assert "row 2" in error and "C2" in error and "panel" in error


def test_a_score_for_a_case_outside_the_round_is_refused(ready, tmp_path, capsys):
    db = ready["db"]
    run("import-scores", db, ready["written"], "--round", "written")
    run("advance", db, "--round", "written")
    table = write(tmp_path, "late.csv", HEADER + "J1,C4,30,20,20\n")
    error = refused(capsys, db, "import-scores", db, table, "--round", "final")
    assert "late.csv, row 2" in error and "C4" in error and "not in round final" in error


def test_a_score_table_without_a_round_is_refused(ready, capsys):
    error = refused(capsys, ready["db"], "import-scores", ready["db"], ready["written"])
    assert "written.csv" in error and "--round" in error


def test_one_refused_file_among_several_refuses_them_all(ready, tmp_path, capsys):
    good = write(tmp_path, "good.csv", HEADER + "J1,C1,30,20,20\n")
    bad = write(tmp_path, "bad.csv", HEADER + "J1,C2,99,20,20\n")
    error = refused(
        capsys, ready["db"], "import-scores", ready["db"], good, bad, "--round", "written"
    )
    assert "bad.csv" in error


def test_advance_with_missing_scores_lists_them(ready, tmp_path, capsys):
    db = ready["db"]
    partial = write(tmp_path, "partial.csv", HEADER + "J1,C1,30,20,20\n")
    run("import-scores", db, partial, "--round", "written")
    error = refused(capsys, db, "advance", db, "--round", "written")
    assert "13 scores are missing" in error
    assert "J1: C2, C3, C4, C5" in error and "J3: C1, C2, C3, C4" in error


def test_advance_larger_than_the_field_is_refused(files, tmp_path, capsys):
    db = files["db"]
    config = files["config"].read_text(encoding="utf-8").replace("advance = 3", "advance = 8")
    run("init", db, "--config", write(tmp_path, "big.toml", config))
    run("import-cases", db, files["cases"])
    run("import-judges", db, files["judges"])
    run("import-scores", db, files["written"], "--round", "written")
    error = refused(capsys, db, "advance", db, "--round", "written")
    assert "rounds[0].advance" in error and "8" in error and "5" in error


def test_advance_of_a_later_round_before_the_earlier_one_is_refused(ready, capsys):
    error = refused(capsys, ready["db"], "advance", ready["db"], "--round", "final")
    assert "written" in error and "closed before" in error


def test_an_unknown_round_is_refused_listing_the_rounds(ready, capsys):
    error = refused(capsys, ready["db"], "advance", ready["db"], "--round", "semifinal")
    assert "semifinal" in error and "written, final" in error


@pytest.mark.parametrize(
    ("text", "column", "rule"),
    [
        ("case_id,votes\nC1,10\nC7,5\n", "case_id", "no case C7"),
        ("case_id,votes\nC1,10\nC2,-3\n", "votes", ""),
        ("case_id,votes\nC1,10\nC2,12.5\n", "votes", "not a whole number"),
        ("case_id,votes\nC1,10\nC1,12\n", "case_id", ""),
    ],
)
def test_a_bad_vote_row_is_refused(ready, tmp_path, capsys, text, column, rule):
    votes = write(tmp_path, "votes.csv", text)
    error = refused(capsys, ready["db"], "import-votes", ready["db"], votes)
    assert "votes.csv" in error and "row 3" in error and f'"{column}"' in error
    assert rule in error


def test_a_table_missing_a_column_is_refused_naming_it(ready, tmp_path, capsys):
    votes = write(tmp_path, "votes.csv", "case_id,count\nC1,10\n")
    error = refused(capsys, ready["db"], "import-votes", ready["db"], votes)
    assert "votes.csv" in error and "votes" in error


def test_a_judges_table_missing_a_round_column_is_refused(ready, tmp_path, capsys):
    judges = write(tmp_path, "judges.csv", "judge_id,name,affiliation,written\nJ4,최,대학,A\n")
    error = refused(capsys, ready["db"], "import-judges", ready["db"], judges)
    assert "judges.csv" in error and '"final"' in error


def test_moving_a_judge_of_a_closed_round_to_another_panel_is_refused(ready, tmp_path, capsys):
    db = ready["db"]
    run("import-scores", db, ready["written"], "--round", "written")
    run("advance", db, "--round", "written")
    text = (
        ready["judges"]
        .read_text(encoding="utf-8")
        .replace("J1,김민수,서울대학교 행정대학원,A", "J1,김민수,서울대학교 행정대학원,B")
    )
    error = refused(capsys, db, "import-judges", db, write(tmp_path, "judges2.csv", text))
    assert "judges2.csv, row 2" in error and '"written"' in error and "closed" in error


def test_a_broken_config_is_refused_naming_the_key_and_creates_nothing(files, tmp_path, capsys):
    config = (
        files["config"]
        .read_text(encoding="utf-8")
        .replace("vote_weight = 0.4", "vote_weight = 0.5")
    )
    bad = write(tmp_path, "bad.toml", config)
    assert run("init", files["db"], "--config", bad) == 1
    error = capsys.readouterr().err
    assert "final.vote_weight" in error and "exactly 1" in error
    if on_server(files["db"]):
        assert dump(files["db"]) == []  # the database stays empty
    else:
        assert not files["db"].exists()


def test_a_file_that_is_not_a_contest_database_is_refused(tmp_path, capsys, files):
    fake = write(tmp_path, "fake.jdb", "hello")
    assert run("status", fake) == 1
    error = capsys.readouterr().err.strip()
    assert "fake.jdb" in error and "\n" not in error


CASE_ROWS = """
    SELECT c.case_id, c.title, c.organization, c.category, c.summary, c.body, p.label
    FROM cases c JOIN round_cases rc ON rc.case_pk = c.id LEFT JOIN panels p ON rc.panel_id = p.id
    ORDER BY c.case_id
"""
CONFLICT_ROWS = """
    SELECT j.judge_id, c.case_id, x.kind FROM conflicts x
    JOIN judges j ON x.judge_pk = j.id JOIN cases c ON x.case_pk = c.id WHERE x.is_current
"""


def test_cp949_csv_utf8_bom_csv_and_xlsx_give_the_same_database(files, tmp_path):
    text = files["cases"].read_text(encoding="utf-8")
    inputs = {
        "cp949": write(tmp_path, "cases_cp949.csv", text, "cp949"),
        "bom": write(tmp_path, "cases_bom.csv", text, "utf-8-sig"),
        "xlsx": tmp_path / "cases.xlsx",
    }
    book = Workbook()
    for line in text.splitlines():
        book.active.append(line.split(","))
    book.save(inputs["xlsx"])
    contents = {}
    for name, path in inputs.items():
        db = tmp_path / f"{name}.jdb"
        assert run("init", db, "--config", files["config"]) == 0
        assert run("import-cases", db, path) == 0
        assert run("import-judges", db, files["judges"]) == 0
        contents[name] = (query(db, CASE_ROWS), query(db, CONFLICT_ROWS))
    assert len(contents["cp949"][0]) == 5
    assert contents["cp949"][0][0][1] == "무인민원발급기 다국어 안내"
    assert contents["cp949"][1] == [("J3", "C5", "automatic")]
    assert contents["cp949"] == contents["bom"] == contents["xlsx"]


@pytest.mark.parametrize(
    ("text", "row", "column"),
    [
        ("case_id,title,organization\nC6,새 사례,중구\nC6,또 다른 사례,중구\n", 3, "case_id"),
        ("case_id,title,organization\nC6,새 사례,중구\nC7,,중구\n", 3, "title"),
    ],
)
def test_a_bad_cases_table_is_refused(ready, tmp_path, capsys, text, row, column):
    cases = write(tmp_path, "more_cases.csv", text)
    error = refused(capsys, ready["db"], "import-cases", ready["db"], cases)
    assert f"more_cases.csv, row {row}" in error and f'"{column}"' in error


def test_an_unexpected_error_prints_one_line_and_logs_the_traceback(
    ready, capsys, monkeypatch, tmp_path
):
    from judging_app.services.contest import Contest

    def broken(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(Contest, "status", broken)
    capsys.readouterr()
    assert run("status", ready["db"]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Traceback" not in error and "judging-app.log" in error
    log = next((tmp_path / "data").rglob("judging-app.log")).read_text(encoding="utf-8")
    assert "Traceback" in log and "disk on fire" in log
