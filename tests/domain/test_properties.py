"""Properties that hold for any contest (hypothesis)."""

import random
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from judging_app.domain.config import AwardTier, ContestConfig, Criterion, FinalRule, Round
from judging_app.domain.ranking import rank_final
from judging_app.domain.scoring import ScoreRow, score_round

CRITERIA = (Criterion("a", "가", D(10)), Criterion("b", "나", D(5), step=D("0.5")))
AWARDS = (AwardTier("최우수", 1), AwardTier("우수", 2), AwardTier("장려", 3))

scores_a = st.integers(0, 10).map(D)
scores_b = st.integers(0, 10).map(lambda n: D(n) / 2)


@st.composite
def contests(draw):
    cases = [f"C{i:02}" for i in range(draw(st.integers(1, 9)))]
    judges = [f"J{i}" for i in range(draw(st.integers(1, 6)))]
    rows = [
        ScoreRow(judge, case, {"a": draw(scores_a), "b": draw(scores_b)})
        for judge in judges
        for case in cases
        if draw(st.booleans()) or judge == judges[0]
    ]
    votes = {case: draw(st.integers(0, 50)) for case in cases if draw(st.booleans())}
    aggregate = draw(st.sampled_from(["mean", "trimmed_mean", "zscore"]))
    tie_break = tuple(draw(st.permutations(["expert", "votes", "a", "first"])))[:2]
    return cases, rows, votes, aggregate, tie_break


def rank(cases, rows, votes, aggregate, tie_break, shuffle=None):
    rounds_ = (
        Round("first", "서면", aggregate, ("a", "b"), trim_min=3),
        Round("last", "대면", aggregate, ("a", "b"), trim_min=3),
    )
    config = ContestConfig(
        "대회", CRITERIA, rounds_, FinalRule(D("0.7"), D("0.3"), "share", 2, tie_break), AWARDS
    )
    if shuffle is not None:
        cases, rows = list(cases), list(rows)
        votes = dict(sorted(votes.items(), key=lambda _: shuffle.random()))
        shuffle.shuffle(cases)
        shuffle.shuffle(rows)
    results = {r.key: score_round(r, CRITERIA, cases, rows) for r in rounds_}
    return results, rank_final(config, results, votes)


@settings(max_examples=60, deadline=None)
@given(contests(), st.randoms(use_true_random=False))
def test_ranking_does_not_depend_on_the_order_of_cases_judges_or_rows(contest, rnd):
    cases, rows, votes, aggregate, tie_break = contest
    first = rank(cases, rows, votes, aggregate, tie_break)
    second = rank(cases, rows, votes, aggregate, tie_break, shuffle=random.Random(rnd.random()))
    assert first[1].entries == second[1].entries
    assert first[0]["first"].cases == second[0]["first"].cases


@settings(max_examples=60, deadline=None)
@given(contests())
def test_mean_and_trimmed_mean_lie_within_the_judges_totals(contest):
    cases, rows, votes, aggregate, tie_break = contest
    if aggregate == "zscore":  # a T-score is not on the scale of the totals
        aggregate = "mean"
    results, _ = rank(cases, rows, votes, aggregate, tie_break)
    for case in results["first"].cases:
        if case.totals:
            assert min(case.totals.values()) <= case.exact <= max(case.totals.values())


@settings(max_examples=60, deadline=None)
@given(contests())
def test_ranks_never_decrease_down_the_list(contest):
    results, final = rank(*contest)
    ranks = [e.rank for e in final.entries]
    assert ranks == sorted(ranks)
    assert ranks[:1] in ([], [1])
    round_ranks = [c.rank for c in results["first"].cases if c.rank is not None]
    assert round_ranks == sorted(round_ranks)


@settings(max_examples=60, deadline=None)
@given(contests())
def test_no_tier_gets_more_cases_than_its_count_unless_ranks_are_shared(contest):
    _, final = rank(*contest)
    for tier in AWARDS:
        winners = [e for e in final.entries if e.award == tier.name]
        if len(winners) > tier.count:
            ranks = [e.rank for e in final.entries]
            assert any(ranks.count(e.rank) > 1 for e in winners)
