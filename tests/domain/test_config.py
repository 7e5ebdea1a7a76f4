"""Every rule of the contest configuration, refused with the key named."""

from decimal import Decimal

import pytest

from judging_app.domain.config import ConfigError, check_advance_against_field, parse_config
from judging_app.domain.messages import UserError, set_language

VALID = """
[contest]
name = "2025 민원서비스 개선 우수사례"

[[criteria]]
key = "creativity"
name = "창의성"
max = 40
description = "새로운 발상인가"

[[criteria]]
key = "utility"
name = "효용성"
max = 30
step = 0.5

[[criteria]]
key = "impact"
name = "파급력"
max = 30

[[rounds]]
key = "written"
name = "서면심사"
aggregate = "trimmed_mean"
advance = 18

[[rounds]]
key = "presentation"
name = "대면심사"
aggregate = "zscore"
advance = 9
criteria = ["creativity", "utility"]

[final]
expert_weight = 0.6
vote_weight = 0.4
vote_method = "proportional_to_max"
decimals = 2
tie_break = ["expert", "votes", "written", "impact"]

[[awards]]
name = "최우수"
count = 1

[[awards]]
name = "우수"
count = 3
min_score = 70.5
"""


def refused(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    return caught.value


def test_valid_config_is_parsed_into_exact_numbers():
    config = parse_config(VALID)
    assert config.name == "2025 민원서비스 개선 우수사례"
    assert [c.key for c in config.criteria] == ["creativity", "utility", "impact"]
    assert config.criterion("utility").step == Decimal("0.5")
    assert config.criterion("creativity").step == Decimal(1)
    assert config.round("written").trim_min == 5
    assert config.round("written").criteria == ("creativity", "utility", "impact")
    assert config.round("presentation").criteria == ("creativity", "utility")
    assert config.final.expert_weight + config.final.vote_weight == 1
    assert config.final.expert_weight == Decimal("0.6")
    assert config.awards[1].min_score == Decimal("70.5")
    assert config.last_round.key == "presentation"


def test_broken_toml_is_refused_naming_the_file():
    with pytest.raises(UserError, match=r"contest\.toml"):
        parse_config("[contest\nname=1")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('name = "서면심사"', 'name = "서면심사"\ncolour = "red"', "rounds[0].colour"),
        ('[contest]\nname = "2025', '[contest]\nyear = 2025\nname = "2025', "contest.year"),
        ("[final]", "[final]\nbonus = 1", "final.bonus"),
    ],
)
def test_unknown_key_is_refused(old, new, key):
    error = refused(VALID.replace(old, new, 1))
    assert error.key == key
    assert key in str(error) and "unknown key" in str(error)


def test_key_off_pattern_is_refused():
    error = refused(VALID.replace('key = "creativity"', 'key = "Creativity"', 1))
    assert error.key == "criteria[0].key"
    assert "[a-z0-9_]+" in str(error)


def test_duplicate_criterion_key_is_refused():
    error = refused(VALID.replace('key = "impact"', 'key = "utility"', 1))
    assert error.key == "criteria[2].key" and "duplicate" in str(error)


def test_duplicate_round_key_is_refused():
    error = refused(VALID.replace('key = "presentation"', 'key = "written"', 1))
    assert error.key == "rounds[1].key" and "duplicate" in str(error)


def test_max_not_positive_is_refused():
    error = refused(VALID.replace("max = 40", "max = 0", 1))
    assert error.key == "criteria[0].max" and "positive" in str(error)


def test_step_not_dividing_max_is_refused():
    error = refused(VALID.replace("max = 40", "max = 40\nstep = 3", 1))
    assert error.key == "criteria[0].step" and "divide" in str(error)


def test_unknown_aggregate_is_refused():
    error = refused(VALID.replace('"trimmed_mean"', '"median"', 1))
    assert error.key == "rounds[0].aggregate"


def test_trim_min_below_three_is_refused():
    error = refused(VALID.replace("advance = 18", "advance = 18\ntrim_min = 2", 1))
    assert error.key == "rounds[0].trim_min" and "at least 3" in str(error)


def test_round_naming_unknown_criterion_is_refused():
    error = refused(VALID.replace('["creativity", "utility"]', '["creativity", "novelty"]'))
    assert error.key == "rounds[1].criteria[1]" and "criterion" in str(error)


@pytest.mark.parametrize(("expert", "vote"), [("0.6", "0.5"), ("0.7", "0.2"), ("0.35", "0.6")])
def test_weights_not_adding_up_to_exactly_one_are_refused(expert, vote):
    text = VALID.replace("expert_weight = 0.6", f"expert_weight = {expert}").replace(
        "vote_weight = 0.4", f"vote_weight = {vote}"
    )
    error = refused(text)
    assert error.key == "final.vote_weight" and "exactly 1" in str(error)


def test_weights_in_binary_floats_that_add_to_one_only_in_decimal_are_accepted():
    # 0.1 + 0.2 != 0.3 in binary floats; 0.7 + 0.3 == 1 must hold in decimals.
    text = VALID.replace("expert_weight = 0.6", "expert_weight = 0.7").replace(
        "vote_weight = 0.4", "vote_weight = 0.3"
    )
    assert parse_config(text).final.vote_weight == Decimal("0.3")


def test_unknown_vote_method_is_refused():
    error = refused(VALID.replace('"proportional_to_max"', '"borda"'))
    assert error.key == "final.vote_method"


@pytest.mark.parametrize("decimals", [-1, 5])
def test_decimals_outside_zero_to_four_are_refused(decimals):
    error = refused(VALID.replace("decimals = 2", f"decimals = {decimals}"))
    assert error.key == "final.decimals" and "0 and 4" in str(error)


def test_tie_break_naming_nothing_is_refused():
    error = refused(VALID.replace('"written", "impact"]', '"written", "luck"]'))
    assert error.key == "final.tie_break[3]" and "names nothing" in str(error)


def test_award_count_below_one_is_refused():
    error = refused(VALID.replace("count = 3", "count = 0"))
    assert error.key == "awards[1].count" and "at least 1" in str(error)


def test_advance_below_one_is_refused():
    error = refused(VALID.replace("advance = 9", "advance = 0"))
    assert error.key == "rounds[1].advance" and "at least 1" in str(error)


def test_advance_larger_than_the_field_is_refused_where_the_field_is_known():
    config = parse_config(VALID)
    check_advance_against_field(config, 50)
    with pytest.raises(UserError, match=r"rounds\[0\]\.advance.*18.*12"):
        check_advance_against_field(config, 12)


def test_missing_section_is_refused():
    error = refused(VALID.replace("[final]", "[finale]"))
    assert error.key in ("finale", "final")


def test_message_in_korean_names_the_key():
    set_language("ko")
    error = refused(VALID.replace("max = 40", "max = -5", 1))
    assert "criteria[0].max" in str(error) and "0보다 커야" in str(error)
