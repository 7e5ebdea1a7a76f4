"""Round scores worked out by hand (DESIGN.md rules 1–4)."""

from decimal import Decimal as D

from judging_app.domain.config import Criterion, Round
from judging_app.domain.scoring import (
    ScoreRow,
    automatic_conflicts,
    is_affiliation_conflict,
    judge_total,
    score_problem,
    score_round,
)

A = Criterion("a", "가", D(60))
B = Criterion("b", "나", D(40), step=D("0.5"))
CRITERIA = (A, B)


def rows(table: dict[tuple[str, str], tuple[str, str]]) -> list[ScoreRow]:
    """{(judge, case): (a, b)} → score rows."""
    return [
        ScoreRow(judge, case, {"a": D(a), "b": D(b)}) for (judge, case), (a, b) in table.items()
    ]


def mean_round(advance=None):
    return Round("r", "심사", "mean", ("a", "b"), advance=advance)


def test_judge_total_is_the_sum_and_needs_every_criterion():
    assert judge_total(CRITERIA, {"a": D(30), "b": D("20.5")}) == D("50.5")
    assert judge_total(CRITERIA, {"a": D(30)}) is None


def test_score_range_and_step():
    assert score_problem(B, D("39.5")) is None
    assert "outside" in score_problem(B, D("40.5"))
    assert "outside" in score_problem(B, D(-1))
    assert "step" in score_problem(B, D("20.25"))
    assert "step" in score_problem(A, D("0.5"))


def test_mean_of_judge_totals():
    # J1: 30 + 20 = 50; J2: 40 + 30 = 70; J3: 45 + 35 = 80 → 200 / 3 = 66.666… → 66.67
    result = score_round(
        mean_round(),
        CRITERIA,
        ["X"],
        rows({("J1", "X"): ("30", "20"), ("J2", "X"): ("40", "30"), ("J3", "X"): ("45", "35")}),
    )
    case = result.case("X")
    assert case.score == D("66.67")
    assert case.judges == 3
    assert case.totals == {"J1": D(50), "J2": D(70), "J3": D(80)}
    # criterion means, exact: a = 115/3, b = 85/3
    assert case.criterion_means["a"].quantize(D("0.0001")) == D("38.3333")
    assert case.criterion_means["b"].quantize(D("0.0001")) == D("28.3333")


def trimmed(trim_min=5):
    return Round("r", "서면", "trimmed_mean", ("a", "b"), trim_min=trim_min)


def test_trimmed_mean_at_trim_min_drops_one_highest_and_one_lowest():
    # totals 50, 70, 80, 60, 90 (5 = trim_min): drop 50 and 90 → (70 + 80 + 60) / 3 = 70.00
    table = {
        ("J1", "X"): ("30", "20"),
        ("J2", "X"): ("40", "30"),
        ("J3", "X"): ("45", "35"),
        ("J4", "X"): ("35", "25"),
        ("J5", "X"): ("55", "35"),
    }
    case = score_round(trimmed(), CRITERIA, ["X"], rows(table)).case("X")
    assert case.score == D("70.00")
    assert case.trimmed == ("J1", "J5")
    assert case.judges == 5


def test_trimmed_mean_below_trim_min_is_the_plain_mean():
    # totals 50, 70, 80, 60 (4 < 5): (50 + 70 + 80 + 60) / 4 = 65.00
    table = {
        ("J1", "X"): ("30", "20"),
        ("J2", "X"): ("40", "30"),
        ("J3", "X"): ("45", "35"),
        ("J4", "X"): ("35", "25"),
    }
    case = score_round(trimmed(), CRITERIA, ["X"], rows(table)).case("X")
    assert case.score == D("65.00")
    assert case.trimmed == ()


def eight_after_trimming(kept: list[str]) -> dict:
    """Ten judges: one at 60, one at 90 (both trimmed), and the eight ``kept`` totals."""
    table = {("J00", "X"): ("30", "30"), ("J99", "X"): ("50", "40")}
    for i, value in enumerate(kept, start=1):
        table[(f"J{i:02}", "X")] = (str(int(value) - 30), "30")
    return table


def test_trimmed_mean_ending_in_125_rounds_half_up():
    # kept: seven 70s and one 71 → 561 / 8 = 70.125 → 70.13 (half even would give 70.12)
    table = eight_after_trimming(["70"] * 7 + ["71"])
    case = score_round(trimmed(), CRITERIA, ["X"], rows(table)).case("X")
    assert case.exact == D("70.125")
    assert case.score == D("70.13")
    assert round(70.125, 2) == 70.12  # what binary floats would have shown


def test_trimmed_mean_ending_in_625_rounds_half_up():
    # kept: three 70s and five 71s → (210 + 355) / 8 = 565 / 8 = 70.625 → 70.63
    table = eight_after_trimming(["70"] * 3 + ["71"] * 5)
    case = score_round(trimmed(), CRITERIA, ["X"], rows(table)).case("X")
    assert case.exact == D("70.625")
    assert case.score == D("70.63")


def test_zscore_with_a_judge_of_one_total_and_a_judge_with_no_spread():
    # J1 scores A 60, B 80, C 70: mean 70, population sd = √(200/3); z = −√1.5, +√1.5, 0
    # J2 scores only A (one total): z = 0.   J3 scores A 50, B 50 (no spread): z = 0, 0.
    # A: 50 + 10 × (−√1.5 + 0 + 0) / 3 = 50 − 4.0825 = 45.9175 → 45.92
    # B: 50 + 10 × (+√1.5 + 0) / 2 = 50 + 6.1237 = 56.1237 → 56.12
    # C: 50 + 10 × 0 = 50.00
    table = {
        ("J1", "A"): ("40", "20"),
        ("J1", "B"): ("50", "30"),
        ("J1", "C"): ("45", "25"),
        ("J2", "A"): ("55", "35"),
        ("J3", "A"): ("30", "20"),
        ("J3", "B"): ("25", "25"),
    }
    result = score_round(
        Round("r", "대면", "zscore", ("a", "b")), CRITERIA, ["A", "B", "C"], rows(table)
    )
    assert result.case("A").score == D("45.92")
    assert result.case("B").score == D("56.12")
    assert result.case("C").score == D("50.00")
    assert [c.case_id for c in result.cases] == ["B", "C", "A"]
    assert result.case("A").judges == 3


def test_affiliation_conflict_ignores_outer_spaces_and_case():
    assert is_affiliation_conflict("  서울특별시   성동구 ", "서울특별시 성동구")
    assert is_affiliation_conflict("Seoul National Univ.", "seoul national univ.")
    assert not is_affiliation_conflict("서울특별시 중구", "서울특별시 성동구")
    assert not is_affiliation_conflict("", "")
    assert automatic_conflicts({"J1": "성동구 ", "J2": "서울대"}, {"X": "성동구", "Y": "중구"}) == {
        ("J1", "X")
    }


def test_excluded_judge_has_no_total_and_the_others_are_aggregated():
    # J2 is excluded from X: X = (50 + 80) / 2 = 65.00 even though J2 has a row.
    table = {("J1", "X"): ("30", "20"), ("J2", "X"): ("60", "40"), ("J3", "X"): ("45", "35")}
    case = score_round(mean_round(), CRITERIA, ["X"], rows(table), excluded=[("J2", "X")]).case("X")
    assert case.score == D("65.00")
    assert case.excluded == ("J2",)
    assert set(case.totals) == {"J1", "J3"}


def test_tie_at_the_cut_off_sends_every_tied_case_on_with_a_warning():
    # A 80; B and C both 70 with equal criterion means; D 60. advance = 2 → A, B, C go on.
    table = {
        ("J1", "A"): ("50", "30"),
        ("J1", "B"): ("40", "30"),
        ("J1", "C"): ("40", "30"),
        ("J1", "D"): ("30", "30"),
    }
    result = score_round(mean_round(advance=2), CRITERIA, ["D", "C", "B", "A"], rows(table))
    assert [(c.case_id, c.rank, c.advances) for c in result.cases] == [
        ("A", 1, True),
        ("B", 2, True),
        ("C", 2, True),
        ("D", 4, False),
    ]
    assert any("cut-off" in w and "B, C" in w for w in result.warnings)


def test_equal_round_scores_are_ordered_by_the_criteria_means():
    # B and C both total 70, but B's mean on the first criterion (a) is higher: B 2nd, C 3rd.
    table = {
        ("J1", "A"): ("50", "30"),
        ("J1", "B"): ("45", "25"),
        ("J1", "C"): ("40", "30"),
        ("J1", "D"): ("30", "30"),
    }
    result = score_round(mean_round(advance=2), CRITERIA, ["A", "B", "C", "D"], rows(table))
    assert [(c.case_id, c.rank, c.advances) for c in result.cases][:3] == [
        ("A", 1, True),
        ("B", 2, True),
        ("C", 3, False),
    ]
    assert not any("cut-off" in w for w in result.warnings)


def test_criterion_tie_break_uses_every_judge_before_trimming():
    # Both cases have trimmed mean 70 from totals (60, 70, 70, 70, 80) and (65, 70, 70, 70, 75);
    # X's a-mean over all five judges is (40+40+40+40+40)/5 = 40, Y's is (45+40+40+40+35)/5 = 40,
    # so a ties; b-mean: X (20+30+30+30+40)/5 = 30, Y (20+30+30+30+40)/5 = 30 → shared rank.
    table = {
        ("J1", "X"): ("40", "20"),
        ("J2", "X"): ("40", "30"),
        ("J3", "X"): ("40", "30"),
        ("J4", "X"): ("40", "30"),
        ("J5", "X"): ("40", "40"),
        ("J1", "Y"): ("45", "20"),
        ("J2", "Y"): ("40", "30"),
        ("J3", "Y"): ("40", "30"),
        ("J4", "Y"): ("40", "30"),
        ("J5", "Y"): ("35", "40"),
    }
    result = score_round(trimmed(), CRITERIA, ["Y", "X"], rows(table))
    assert [(c.case_id, c.rank) for c in result.cases] == [("X", 1), ("Y", 1)]
    assert any("share rank 1" in w for w in result.warnings)


def test_case_without_scores_is_listed_last_unranked_with_a_warning():
    table = {("J1", "A"): ("50", "30")}
    result = score_round(mean_round(advance=1), CRITERIA, ["A", "B"], rows(table))
    assert [(c.case_id, c.rank, c.score, c.advances) for c in result.cases] == [
        ("A", 1, D("80.00"), True),
        ("B", None, None, False),
    ]
    assert any("B has no scores" in w for w in result.warnings)


def test_partial_row_and_row_outside_the_field_do_not_count():
    partial = [ScoreRow("J1", "A", {"a": D(10)}), ScoreRow("J2", "Z", {"a": D(1), "b": D(1)})]
    full = rows({("J3", "A"): ("40", "30")})
    case = score_round(mean_round(), CRITERIA, ["A"], partial + full).case("A")
    assert case.totals == {"J3": D(70)}
