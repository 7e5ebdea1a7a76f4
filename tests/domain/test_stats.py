"""Judge leniency and case spread, worked by hand."""

from decimal import Decimal as D

from judging_app.domain.config import Criterion, Round
from judging_app.domain.scoring import ScoreRow, score_round
from judging_app.domain.stats import case_spreads, judge_stats

CRITERIA = (Criterion("p", "점수", D(100)),)


def test_offset_compares_each_judge_with_the_others_on_the_same_cases():
    # X: J1 80, J2 60, J3 70 (mean 70) → J1 +10, J2 −10, J3 0
    # Y: J1 90, J2 70          (mean 80) → J1 +10, J2 −10
    rows = [
        ScoreRow(j, c, {"p": D(v)})
        for j, c, v in [
            ("J1", "X", 80),
            ("J2", "X", 60),
            ("J3", "X", 70),
            ("J1", "Y", 90),
            ("J2", "Y", 70),
        ]
    ]
    result = score_round(Round("r", "서면", "mean", ("p",)), CRITERIA, ["X", "Y"], rows)
    stats = {s.judge_id: s for s in judge_stats(result)}
    assert (stats["J1"].cases, stats["J1"].mean, stats["J1"].offset) == (2, D(85), D(10))
    assert stats["J1"].spread == D(5)
    assert stats["J1"].leaning == "lenient"  # +10 > 5 % of 100
    assert stats["J2"].leaning == "harsh"
    assert (stats["J3"].offset, stats["J3"].leaning) == (D(0), "even")
    spreads = {s.case_id: s for s in case_spreads(result)}
    assert (spreads["X"].lowest, spreads["X"].highest, spreads["X"].range) == (D(60), D(80), D(20))
    # population sd of 80, 60, 70 = √(200/3) = 8.1650
    assert spreads["X"].spread.quantize(D("0.0001")) == D("8.1650")
