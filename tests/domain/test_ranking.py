"""The final ranking worked out by hand (DESIGN.md rules 5–9)."""

from decimal import Decimal as D

import pytest

from judging_app.domain.config import AwardTier, ContestConfig, Criterion, FinalRule, Round
from judging_app.domain.ranking import rank_final, vote_points
from judging_app.domain.scoring import CaseResult, RoundResult

CRITERIA = (Criterion("a", "가", D(60)), Criterion("b", "나", D(40)))
AWARDS = (AwardTier("최우수", 1), AwardTier("우수", 1), AwardTier("장려", 2))


def config(tie_break=("expert", "votes"), method="proportional_to_max", awards=AWARDS, decimals=2):
    return ContestConfig(
        "대회",
        CRITERIA,
        (Round("written", "서면", "mean", ("a", "b")), Round("final", "대면", "mean", ("a", "b"))),
        FinalRule(D("0.6"), D("0.4"), method, decimals, tuple(tie_break)),
        awards,
    )


def round_result(key, scores, means=None):
    """A round whose (already rounded) scores are given: {case: score}."""
    cases = tuple(
        CaseResult(
            case_id=case_id,
            rank=None,
            score=D(score),
            exact=D(score),
            totals={"J1": D(score)},
            trimmed=(),
            excluded=(),
            criterion_means=(means or {}).get(case_id, {}),
            advances=True,
        )
        for case_id, score in scores.items()
    )
    return RoundResult(key, cases, None, D(100))


def rounds(final_scores, written=None, means=None):
    written = written or {c: "50" for c in final_scores}
    return {
        "written": round_result("written", written),
        "final": round_result("final", final_scores, means),
    }


def table(result):
    return [(e.rank, e.case_id, e.expert, e.votes, e.vote_points, e.final, e.award) for e in result]


def test_weighted_final_score_with_proportional_to_max():
    # vote points: C1 100/300 = 33.333 → 33.33; C2 100.00; C3 200/300 = 66.667 → 66.67
    # C1: 0.6 × 90 + 0.4 × 33.33 = 54 + 13.332 = 67.332 → 67.33
    # C2: 0.6 × 80 + 0.4 × 100   = 48 + 40     = 88.00
    # C3: 0.6 × 70 + 0.4 × 66.67 = 42 + 26.668 = 68.668 → 68.67
    result = rank_final(
        config(), rounds({"C1": "90", "C2": "80", "C3": "70"}), {"C1": 100, "C2": 300, "C3": 200}
    )
    assert table(result.entries) == [
        (1, "C2", D("80"), 300, D("100.00"), D("88.00"), "최우수"),
        (2, "C3", D("70"), 200, D("66.67"), D("68.67"), "우수"),
        (3, "C1", D("90"), 100, D("33.33"), D("67.33"), "장려"),
    ]
    assert result.warnings == ()


def test_each_component_is_rounded_before_weighting():
    # vote points: 1 / 800 × 100 = 0.125 → 0.13 (half up), then × 0.4 = 0.052;
    # expert 10.04 × 0.6 = 6.024;  6.024 + 0.052 = 6.076 → 6.08.
    # Weighting the unrounded 0.125 would give 6.024 + 0.05 = 6.074 → 6.07.
    result = rank_final(config(), rounds({"X": "10.04", "Y": "1"}), {"X": 1, "Y": 800})
    assert result.entry("X").vote_points == D("0.13")
    assert result.entry("X").final == D("6.08")


def test_share_of_all_votes():
    # sum 400: C1 100/400 = 25.00, C2 300/400 = 75.00
    # C1: 54 + 10 = 64.00; C2: 48 + 30 = 78.00
    result = rank_final(
        config(method="share"), rounds({"C1": "90", "C2": "80"}), {"C1": 100, "C2": 300}
    )
    assert [(e.case_id, e.vote_points, e.final) for e in result.entries] == [
        ("C2", D("75.00"), D("78.00")),
        ("C1", D("25.00"), D("64.00")),
    ]


@pytest.mark.parametrize("method", ["share", "proportional_to_max"])
def test_no_votes_at_all_gives_zero_vote_points(method):
    points = vote_points({}, ["A", "B"], method, 2)
    assert points == {"A": D("0.00"), "B": D("0.00")}
    result = rank_final(config(method=method), rounds({"A": "90", "B": "80"}), {"A": 0, "B": 0})
    assert [(e.case_id, e.final) for e in result.entries] == [("A", D("54.00")), ("B", D("48.00"))]


def test_case_without_a_vote_row_counts_zero_votes_with_a_warning():
    result = rank_final(config(), rounds({"A": "90", "B": "80"}), {"A": 50})
    assert result.entry("B").votes == 0 and result.entry("B").vote_points == D("0.00")
    assert any("case B has no vote row" in w for w in result.warnings)


def test_votes_for_a_case_outside_the_field_are_kept_but_do_not_count():
    # Z has the most votes but is not a finalist: A's 50 votes are the maximum → 100 points.
    result = rank_final(config(), rounds({"A": "90"}), {"A": 50, "Z": 500})
    assert result.entry("A").vote_points == D("100.00")
    assert "1 cases are not in the final field (Z): their 500 votes" in "".join(result.warnings)


# Tied final scores: C1 expert 80, 100 votes → 50 points: 48 + 20 = 68.00
#                    C2 expert 70, 130 votes → 65 points: 42 + 26 = 68.00
#                    C3 expert 50, 200 votes → 100 points: 30 + 40 = 70.00
TIED = {"C1": "80", "C2": "70", "C3": "50"}
TIED_VOTES = {"C1": 100, "C2": 130, "C3": 200}


def order(result):
    return [(e.rank, e.case_id) for e in result.entries]


def test_tie_on_final_broken_by_expert():
    result = rank_final(config(("expert", "votes")), rounds(TIED), TIED_VOTES)
    assert [e.final for e in result.entries] == [D("70.00"), D("68.00"), D("68.00")]
    assert order(result) == [(1, "C3"), (2, "C1"), (3, "C2")]
    assert not any("share rank" in w for w in result.warnings)


def test_tie_on_final_broken_by_votes():
    result = rank_final(config(("votes",)), rounds(TIED), TIED_VOTES)
    assert order(result) == [(1, "C3"), (2, "C2"), (3, "C1")]


def test_tie_on_final_broken_by_a_round_score():
    written = {"C1": "60", "C2": "75", "C3": "10"}
    result = rank_final(config(("written",)), rounds(TIED, written=written), TIED_VOTES)
    assert order(result) == [(1, "C3"), (2, "C2"), (3, "C1")]


def test_tie_on_final_broken_by_a_criterion_mean_in_the_last_round():
    means = {"C1": {"a": D("40.5")}, "C2": {"a": D("40.75")}, "C3": {"a": D(1)}}
    result = rank_final(config(("a", "expert")), rounds(TIED, means=means), TIED_VOTES)
    assert order(result) == [(1, "C3"), (2, "C2"), (3, "C1")]


def test_tie_surviving_the_chain_shares_the_rank_and_the_better_tier():
    # W: 0.6 × 90 + 0.4 × 100 = 94.00 → rank 1, 최우수
    # X and Y: expert 80, 50 votes → 50 points: 48 + 20 = 68.00, equal on expert and votes
    #   → shared rank 2; 우수 covers position 2 only, but both take it (with a warning)
    # Z: expert 70, 0 votes: 42.00 → rank 4 (not 3), 장려 (positions 3–4)
    result = rank_final(
        config(),
        rounds({"W": "90", "X": "80", "Y": "80", "Z": "70"}),
        {"W": 100, "X": 50, "Y": 50, "Z": 0},
    )
    assert [(e.rank, e.case_id, e.final, e.award) for e in result.entries] == [
        (1, "W", D("94.00"), "최우수"),
        (2, "X", D("68.00"), "우수"),
        (2, "Y", D("68.00"), "우수"),
        (4, "Z", D("42.00"), "장려"),
    ]
    assert any("X, Y" in w and "share rank 2" in w for w in result.warnings)
    assert any("X, Y" in w and "우수" in w and "2 cases" in w for w in result.warnings)


def test_min_score_refuses_the_tier_without_rounding_it():
    # 장려 needs 60.005: Z's 60.01 passes, V's 60.00 does not (the threshold is not rounded).
    awards = (AwardTier("최우수", 1), AwardTier("장려", 3, min_score=D("60.005")))
    # W 100 votes (100 pts): 0.6 × 90 + 40 = 94.00; Z: 0.6 × 100.01 = 60.006 → 60.01;
    # V: 0.6 × 100 = 60.00
    result = rank_final(
        config(awards=awards), rounds({"W": "90", "Z": "100.01", "V": "100"}), {"W": 100}
    )
    assert [(e.case_id, e.final, e.award) for e in result.entries] == [
        ("W", D("94.00"), "최우수"),
        ("Z", D("60.01"), "장려"),
        ("V", D("60.00"), None),
    ]
    assert any("V" in w and "min_score" in w for w in result.warnings)


def test_cases_beyond_the_award_positions_get_nothing():
    awards = (AwardTier("최우수", 1),)
    result = rank_final(config(awards=awards), rounds({"A": "90", "B": "80"}), {})
    assert [e.award for e in result.entries] == ["최우수", None]
