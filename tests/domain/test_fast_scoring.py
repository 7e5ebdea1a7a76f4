"""The fast round scoring gives the reference engine's numbers, digit for digit (hypothesis).

``score_round`` sums in integer units and works each distinct value out once; the reference
(``scoring_reference.score_round_reference``) is the rules written out in plain decimals. Random
contests: criteria with random maxima and steps (0.5 and 0.25 too), missing and incomplete
scores, conflicts, rows outside the field, many ties (few distinct values), every aggregate, and
``trim_min`` at, above and below a case's number of judges.
"""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from judging_app.domain.config import Criterion, Round
from judging_app.domain.scoring import ScoreRow, ScoreTable, score_round
from judging_app.domain.scoring_reference import score_round_reference

STEPS = (D(1), D("0.5"), D("0.25"), D(2))


@st.composite
def criteria(draw):
    count = draw(st.integers(1, 3))
    result = []
    for i in range(count):
        step = draw(st.sampled_from(STEPS))
        top = step * draw(st.integers(1, 12))
        result.append(Criterion(f"k{i}", f"기준{i}", top, step=step))
    return tuple(result)


@st.composite
def contests(draw):
    crits = draw(criteria())
    cases = [f"C{i:02}" for i in range(draw(st.integers(1, 8)))]
    judges = [f"J{i}" for i in range(draw(st.integers(1, 7)))]
    # few distinct values: ties between totals, between cases and at the cut-off are common
    levels = draw(st.integers(1, 4))
    rows = []
    for judge in judges:
        for case in [*cases, "OUTSIDE"]:
            if draw(st.integers(0, 4)) == 0:
                continue  # not scored at all
            scores = {}
            for c in crits:
                if draw(st.integers(0, 12)) == 0:
                    continue  # this criterion missing: the row is incomplete
                units = int(c.max / c.step)
                scores[c.key] = c.step * draw(st.integers(max(0, units - levels), units))
            rows.append(ScoreRow(judge, case, scores))
    excluded = {(judge, case) for judge in judges for case in cases if draw(st.integers(0, 6)) == 0}
    aggregate = draw(st.sampled_from(["mean", "trimmed_mean", "zscore"]))
    trim_min = draw(st.integers(3, 6))
    advance = draw(st.one_of(st.none(), st.integers(1, 5)))
    decimals = draw(st.integers(0, 4))
    round_ = Round("r", "심사", aggregate, tuple(c.key for c in crits), trim_min, advance)
    return round_, crits, cases, rows, excluded, decimals


@settings(max_examples=400, deadline=None)
@given(contests())
def test_fast_scoring_equals_the_reference_engine(contest):
    round_, crits, cases, rows, excluded, decimals = contest
    fast = score_round(round_, crits, cases, rows, excluded=excluded, decimals=decimals)
    reference = score_round_reference(
        round_, crits, cases, rows, excluded=excluded, decimals=decimals
    )
    assert fast == reference
    for mine, theirs in zip(fast.cases, reference.cases, strict=True):
        assert str(mine.score) == str(theirs.score)  # the same digits shown
        assert (mine.exact is None) == (theirs.exact is None)
        if mine.exact is not None:
            assert mine.exact.compare(theirs.exact) == 0


@settings(max_examples=100, deadline=None)
@given(contests())
def test_a_score_table_scores_as_its_rows(contest):
    round_, crits, cases, rows, excluded, decimals = contest
    table = ScoreTable.of(rows, [c.key for c in crits])
    assert list(table) == sorted(
        (ScoreRow(r.judge_id, r.case_id, r.scores) for r in rows),
        key=lambda r: (r.judge_id, r.case_id),
    )
    from_table = score_round(round_, crits, cases, table, excluded=excluded, decimals=decimals)
    from_rows = score_round(round_, crits, cases, rows, excluded=excluded, decimals=decimals)
    assert from_table == from_rows


def test_z_scores_whose_last_digits_decide_the_rounding_match_the_reference():
    # J1's totals 0, 0, 3 and J2's 3, 0, 0 (centre 1, spread √2), J3's 1, 2, 3 (centre 2, spread
    # √(2/3)): irrational z-scores, rounded at the 50th digit at every step; every digit agrees.
    crit = (Criterion("a", "가", D(3)),)
    rows = [
        ScoreRow(j, c, {"a": D(v)})
        for j, values in (("J1", (0, 0, 3)), ("J2", (3, 0, 0)), ("J3", (1, 2, 3)))
        for c, v in zip(("A", "B", "C"), values, strict=True)
    ]
    round_ = Round("r", "심사", "zscore", ("a",))
    for decimals in range(5):
        fast = score_round(round_, crit, "ABC", rows, decimals=decimals)
        assert fast == score_round_reference(round_, crit, "ABC", rows, decimals=decimals)
    # by hand: B's z-scores are −1/√2, −1/√2 and 0 → 50 + 10 × (−√2/3) = 45.286…
    assert score_round(round_, crit, "ABC", rows).case("B").score == D("45.29")


def test_scores_finer_than_the_database_units_are_summed_exactly():
    crit = (Criterion("a", "가", D(1), step=D("0.00001")),)
    rows = [ScoreRow("J1", "A", {"a": D("0.00001")}), ScoreRow("J2", "A", {"a": D("0.00002")})]
    result = score_round(Round("r", "심사", "mean", ("a",)), crit, ["A"], rows, decimals=5)
    assert result.case("A").totals == {"J1": D("0.00001"), "J2": D("0.00002")}
    assert result.case("A").score == D("0.00002")  # 0.000015 rounded half up


def test_a_trimmed_mean_with_nothing_left_fails_as_the_reference_does():
    crit = (Criterion("a", "가", D(10)),)
    rows = [ScoreRow("J1", "A", {"a": D(1)}), ScoreRow("J2", "A", {"a": D(2)})]
    round_ = Round("r", "심사", "trimmed_mean", ("a",), trim_min=2)
    with pytest.raises(ValueError, match="mean of no values"):
        score_round_reference(round_, crit, ["A"], rows)
    with pytest.raises(ValueError, match="mean of no values"):
        score_round(round_, crit, ["A"], rows)
