"""The contest configuration: parsed from TOML into frozen dataclasses, every rule checked.

A broken rule raises :class:`ConfigError`, whose message names the key (as a TOML path such as
``rounds[1].advance``) and the rule. Numbers that take part in scores (maxima, steps, weights,
``min_score``) become :class:`~decimal.Decimal` through their text, never through a binary float, so
``0.6 + 0.4`` is exactly 1.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from judging_app.domain.messages import UserError, register

AGGREGATES = ("mean", "trimmed_mean", "zscore")
VOTE_METHODS = ("proportional_to_max", "share")
TIE_BREAK_WORDS = ("expert", "votes")
KEY_PATTERN = re.compile(r"[a-z0-9_]+")
DEFAULT_TRIM_MIN = 5
MIN_TRIM_MIN = 3

register(
    {
        "config.syntax": (
            "설정 파일 {source}: TOML 문법 오류입니다 ({detail})",
            "config file {source}: not valid TOML ({detail})",
        ),
        "config.rule": ("설정 {source}, 키 {key}: {rule}", "config {source}, key {key}: {rule}"),
        "config.advance_too_large": (
            "설정 키 {key}: 진출 수 {advance}이(가) 대상 사례 수 {size}보다 많습니다",
            "config key {key}: advance {advance} is larger than the field of {size} cases",
        ),
    }
)

_RULES_KO = {
    "unknown key": "알 수 없는 키입니다",
    "missing": "꼭 있어야 하는 키가 없습니다",
    "must be a table": "표([...])여야 합니다",
    "must be a list of tables": "표의 목록([[...]])이어야 합니다",
    "must be text": "문자열이어야 합니다",
    "must not be empty": "비어 있으면 안 됩니다",
    "must be a whole number": "정수여야 합니다",
    "must be a number": "숫자여야 합니다",
    "must be a list of text": "문자열 목록이어야 합니다",
    "must match [a-z0-9_]+": "영문 소문자, 숫자, 밑줄([a-z0-9_]+)만 쓸 수 있습니다",
    "duplicate key": "키가 중복되었습니다",
    "must be positive": "0보다 커야 합니다",
    "step must divide max": "step이 max를 나누어떨어지게 해야 합니다",
    "unknown aggregate (mean, trimmed_mean, zscore)": (
        "알 수 없는 집계 방식입니다 (mean, trimmed_mean, zscore)"
    ),
    "must be at least 3": "3 이상이어야 합니다",
    "must be at least 1": "1 이상이어야 합니다",
    "names no criterion": "그런 평가항목이 없습니다",
    "expert_weight + vote_weight must be exactly 1": (
        "expert_weight + vote_weight가 정확히 1이어야 합니다"
    ),
    "weights must lie in [0, 1]": "가중치는 0과 1 사이여야 합니다",
    "unknown vote_method (proportional_to_max, share)": (
        "알 수 없는 투표 환산 방식입니다 (proportional_to_max, share)"
    ),
    "must be between 0 and 4": "0에서 4 사이여야 합니다",
    "names nothing (expert, votes, a round key or a criterion key)": (
        "가리키는 것이 없습니다 (expert, votes, 심사 단계 키 또는 평가항목 키)"
    ),
    "must not be negative": "음수일 수 없습니다",
    "at least one is required": "하나 이상 있어야 합니다",
    "repeated": "중복되었습니다",
    "must be absent or at least 1": "없거나 1 이상이어야 합니다",
}


class ConfigError(UserError):
    """A configuration rule is broken; ``key`` is the TOML path of the offending key."""

    def __init__(self, key: str, rule: str, source: str = "contest.toml") -> None:
        self.key = key
        self.rule = rule
        super().__init__("config.rule", source=source, key=key, rule=_RuleText(rule))


class _RuleText(str):
    """A rule rendered in the catalogue's language when formatted."""

    def __format__(self, spec: str) -> str:
        from judging_app.domain.messages import language

        text = _RULES_KO.get(str(self), str(self)) if language() == "ko" else str(self)
        return format(text, spec)


@dataclass(frozen=True)
class Criterion:
    key: str
    name: str
    max: Decimal
    step: Decimal = Decimal(1)
    description: str = ""


@dataclass(frozen=True)
class Round:
    key: str
    name: str
    aggregate: str
    criteria: tuple[str, ...]
    trim_min: int = DEFAULT_TRIM_MIN
    advance: int | None = None


@dataclass(frozen=True)
class FinalRule:
    expert_weight: Decimal
    vote_weight: Decimal
    vote_method: str = "proportional_to_max"
    decimals: int = 2
    tie_break: tuple[str, ...] = ("expert", "votes")


@dataclass(frozen=True)
class AwardTier:
    name: str
    count: int
    min_score: Decimal | None = None


@dataclass(frozen=True)
class ContestConfig:
    name: str
    criteria: tuple[Criterion, ...]
    rounds: tuple[Round, ...]
    final: FinalRule
    awards: tuple[AwardTier, ...]

    def criterion(self, key: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)

    def round(self, key: str) -> Round:
        for round_ in self.rounds:
            if round_.key == key:
                return round_
        raise KeyError(key)

    def round_criteria(self, round_key: str) -> tuple[Criterion, ...]:
        return tuple(self.criterion(key) for key in self.round(round_key).criteria)

    @property
    def last_round(self) -> Round:
        return self.rounds[-1]


def parse_config(text: str, source: str = "contest.toml") -> ContestConfig:
    """Parse and check a contest's TOML text; ``source`` names the file in messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UserError("config.syntax", source=source, detail=str(error)) from None
    return config_from_mapping(data, source)


def config_from_mapping(data: Mapping[str, Any], source: str = "contest.toml") -> ContestConfig:
    return _Parser(source).contest(data)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, rule: str) -> ConfigError:
        return ConfigError(key, rule, self.source)

    def contest(self, data: Mapping[str, Any]) -> ContestConfig:
        self.only(data, "", ("contest", "criteria", "rounds", "final", "awards"))
        contest = self.table(data, "contest")
        self.only(contest, "contest", ("name",))
        name = self.text(contest, "contest", "name")
        criteria = tuple(
            self.criterion(item, f"criteria[{i}]")
            for i, item in enumerate(self.tables(data, "criteria"))
        )
        self.no_duplicates([c.key for c in criteria], "criteria")
        known_criteria = tuple(c.key for c in criteria)
        rounds = tuple(
            self.round(item, f"rounds[{i}]", known_criteria)
            for i, item in enumerate(self.tables(data, "rounds"))
        )
        self.no_duplicates([r.key for r in rounds], "rounds")
        for i, round_ in enumerate(rounds):
            if round_.key in known_criteria:
                raise self.fail(f"rounds[{i}].key", "duplicate key")
        final = self.final(self.table(data, "final"), known_criteria + tuple(r.key for r in rounds))
        awards = tuple(
            self.award(item, f"awards[{i}]") for i, item in enumerate(self.tables(data, "awards"))
        )
        return ContestConfig(name, criteria, rounds, final, awards)

    def criterion(self, item: Mapping[str, Any], path: str) -> Criterion:
        self.only(item, path, ("key", "name", "max", "step", "description"))
        key = self.key(item, path)
        maximum = self.number(item, path, "max")
        if maximum <= 0:
            raise self.fail(f"{path}.max", "must be positive")
        step = self.number(item, path, "step") if "step" in item else Decimal(1)
        if step <= 0:
            raise self.fail(f"{path}.step", "must be positive")
        if maximum % step != 0:
            raise self.fail(f"{path}.step", "step must divide max")
        description = self.text(item, path, "description", required=False, allow_empty=True)
        return Criterion(key, self.text(item, path, "name"), maximum, step, description)

    def round(self, item: Mapping[str, Any], path: str, known: tuple[str, ...]) -> Round:
        self.only(item, path, ("key", "name", "aggregate", "trim_min", "advance", "criteria"))
        key = self.key(item, path)
        aggregate = self.text(item, path, "aggregate")
        if aggregate not in AGGREGATES:
            raise self.fail(f"{path}.aggregate", "unknown aggregate (mean, trimmed_mean, zscore)")
        trim_min = self.whole(item, path, "trim_min") if "trim_min" in item else DEFAULT_TRIM_MIN
        if trim_min < MIN_TRIM_MIN:
            raise self.fail(f"{path}.trim_min", "must be at least 3")
        advance = self.whole(item, path, "advance") if "advance" in item else None
        if advance is not None and advance < 1:
            raise self.fail(f"{path}.advance", "must be at least 1")
        criteria = known
        if "criteria" in item:
            criteria = self.text_list(item, path, "criteria")
            if not criteria:
                raise self.fail(f"{path}.criteria", "must not be empty")
            for i, criterion in enumerate(criteria):
                if criterion not in known:
                    raise self.fail(f"{path}.criteria[{i}]", "names no criterion")
            self.no_duplicates(list(criteria), f"{path}.criteria")
        name = self.text(item, path, "name")
        return Round(key, name, aggregate, criteria, trim_min, advance)

    def final(self, item: Mapping[str, Any], known: tuple[str, ...]) -> FinalRule:
        path = "final"
        self.only(
            item,
            path,
            ("expert_weight", "vote_weight", "vote_method", "decimals", "tie_break"),
        )
        expert = self.number(item, path, "expert_weight")
        vote = self.number(item, path, "vote_weight")
        for key, weight in (("expert_weight", expert), ("vote_weight", vote)):
            if not 0 <= weight <= 1:
                raise self.fail(f"final.{key}", "weights must lie in [0, 1]")
        if expert + vote != 1:
            raise self.fail("final.vote_weight", "expert_weight + vote_weight must be exactly 1")
        method = self.text(item, path, "vote_method") if "vote_method" in item else VOTE_METHODS[0]
        if method not in VOTE_METHODS:
            raise self.fail("final.vote_method", "unknown vote_method (proportional_to_max, share)")
        decimals = self.whole(item, path, "decimals") if "decimals" in item else 2
        if not 0 <= decimals <= 4:
            raise self.fail("final.decimals", "must be between 0 and 4")
        tie_break = (
            self.text_list(item, path, "tie_break") if "tie_break" in item else TIE_BREAK_WORDS
        )
        for i, word in enumerate(tie_break):
            if word not in TIE_BREAK_WORDS and word not in known:
                raise self.fail(
                    f"final.tie_break[{i}]",
                    "names nothing (expert, votes, a round key or a criterion key)",
                )
        self.no_duplicates(list(tie_break), "final.tie_break")
        return FinalRule(expert, vote, method, decimals, tie_break)

    def award(self, item: Mapping[str, Any], path: str) -> AwardTier:
        self.only(item, path, ("name", "count", "min_score"))
        count = self.whole(item, path, "count")
        if count < 1:
            raise self.fail(f"{path}.count", "must be at least 1")
        min_score = self.number(item, path, "min_score") if "min_score" in item else None
        if min_score is not None and min_score < 0:
            raise self.fail(f"{path}.min_score", "must not be negative")
        return AwardTier(self.text(item, path, "name"), count, min_score)

    # -- typed getters -----------------------------------------------------------------------

    def only(self, item: Mapping[str, Any], path: str, allowed: tuple[str, ...]) -> None:
        for key in item:
            if key not in allowed:
                raise self.fail(f"{path}.{key}" if path else key, "unknown key")

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        if key not in data:
            raise self.fail(key, "missing")
        value = data[key]
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        return value

    def tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        if key not in data:
            raise self.fail(key, "missing")
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(key, "must be a list of tables")
        if not value:
            raise self.fail(key, "at least one is required")
        return value

    def text(
        self,
        item: Mapping[str, Any],
        path: str,
        key: str,
        *,
        required: bool = True,
        allow_empty: bool = False,
    ) -> str:
        if key not in item:
            if required:
                raise self.fail(f"{path}.{key}", "missing")
            return ""
        value = item[key]
        if not isinstance(value, str):
            raise self.fail(f"{path}.{key}", "must be text")
        if not allow_empty and not value.strip():
            raise self.fail(f"{path}.{key}", "must not be empty")
        return value.strip()

    def key(self, item: Mapping[str, Any], path: str) -> str:
        key = self.text(item, path, "key")
        if not KEY_PATTERN.fullmatch(key):
            raise self.fail(f"{path}.key", "must match [a-z0-9_]+")
        return key

    def number(self, item: Mapping[str, Any], path: str, key: str) -> Decimal:
        if key not in item:
            raise self.fail(f"{path}.{key}", "missing")
        value = item[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{path}.{key}", "must be a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self.fail(f"{path}.{key}", "must be a number") from None
        if not number.is_finite():
            raise self.fail(f"{path}.{key}", "must be a number")
        return number

    def whole(self, item: Mapping[str, Any], path: str, key: str) -> int:
        value = item[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{path}.{key}", "must be a whole number")
        return value

    def text_list(self, item: Mapping[str, Any], path: str, key: str) -> tuple[str, ...]:
        value = item[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{path}.{key}", "must be a list of text")
        return tuple(value)

    def no_duplicates(self, keys: list[str], path: str) -> None:
        seen: set[str] = set()
        for i, key in enumerate(keys):
            if key in seen:
                if path in ("criteria", "rounds"):
                    raise self.fail(f"{path}[{i}].key", "duplicate key")
                raise self.fail(f"{path}[{i}]", "repeated")
            seen.add(key)


def check_advance_against_field(config: ContestConfig, field_size: int) -> None:
    """Refuse an ``advance`` that is larger than the field it selects from.

    Only the first round's field is known before scoring (the number of cases); each later round's
    field is the previous round's ``advance``.
    """
    size = field_size
    for i, round_ in enumerate(config.rounds):
        if round_.advance is not None:
            if round_.advance > size:
                raise UserError(
                    "config.advance_too_large",
                    key=f"rounds[{i}].advance",
                    advance=round_.advance,
                    size=size,
                )
            size = round_.advance
