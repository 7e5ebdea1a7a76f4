"""The final ranking: vote points, weighted final score, tie-breaks and awards (rules 5–9)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from judging_app.domain.config import AwardTier, ContestConfig
from judging_app.domain.messages import register, text
from judging_app.domain.numbers import CONTEXT, divide, multiply, round_half_up
from judging_app.domain.scoring import RoundResult, shared_ranks

HUNDRED = Decimal(100)

register(
    {
        "final.no_vote_row": (
            "사례 {case}의 투표 결과가 없어 0표로 계산했습니다",
            "case {case} has no vote row: counted as 0 votes",
        ),
        "final.votes_outside_field": (
            "최종 대상이 아닌 사례 {count}건({cases})의 투표 {votes:,}표는 보관되지만 "
            "반영되지 않습니다",
            "{count} cases are not in the final field ({cases}): their {votes:,} votes are kept "
            "but do not count",
        ),
        "final.shared_rank": (
            "최종 순위: 사례 {cases}이(가) 최종 점수와 모든 동점 기준에서 같아 공동 {rank}위입니다",
            "final ranking: cases {cases} are equal on the final score and every tie-break "
            "and share rank {rank}",
        ),
        "final.shared_tier": (
            "시상: 공동 {rank}위인 사례 {cases}이(가) 모두 {award}을(를) 받아 {award}이(가) "
            "{given}건이 됩니다 (정원 {count})",
            "awards: cases {cases} share rank {rank} and all take {award}, "
            "so {given} cases get {award} (count {count})",
        ),
        "final.below_min_score": (
            "시상: 사례 {case}의 최종 점수 {score}이(가) {award} 최저 점수 {min_score}에 못 미쳐 "
            "수상하지 않습니다",
            "awards: case {case} scores {score}, below {award}'s min_score {min_score}: no award",
        ),
    }
)


@dataclass(frozen=True)
class FinalEntry:
    rank: int
    case_id: str
    expert: Decimal
    votes: int
    vote_points: Decimal
    final: Decimal
    award: str | None


@dataclass(frozen=True)
class FinalResult:
    entries: tuple[FinalEntry, ...]
    warnings: tuple[str, ...]

    def entry(self, case_id: str) -> FinalEntry:
        for entry in self.entries:
            if entry.case_id == case_id:
                return entry
        raise KeyError(case_id)


def final_field(last_round: RoundResult) -> tuple[str, ...]:
    """The cases that advance from the last round, or every case scored in it (rule 5)."""
    if last_round.advance is not None:
        return last_round.advancing
    return tuple(case.case_id for case in last_round.cases if case.score is not None)


def vote_points(
    votes: Mapping[str, int], field: Sequence[str], method: str, decimals: int
) -> dict[str, Decimal]:
    """Each finalist's vote points, rounded half up; 0 for everyone when nobody voted."""
    counts = {case_id: Decimal(votes.get(case_id, 0)) for case_id in field}
    if method == "share":
        base = sum(counts.values(), Decimal(0))
    elif method == "proportional_to_max":
        base = max(counts.values(), default=Decimal(0))
    else:
        raise ValueError(f"unknown vote method {method}")
    if base == 0:
        return {case_id: round_half_up(Decimal(0), decimals) for case_id in field}
    return {
        case_id: round_half_up(divide(multiply(HUNDRED, count), base), decimals)
        for case_id, count in counts.items()
    }


def rank_final(
    config: ContestConfig, rounds: Mapping[str, RoundResult], votes: Mapping[str, int]
) -> FinalResult:
    """Rank the final field by ``expert_weight × expert + vote_weight × vote points``."""
    rule = config.final
    last = rounds[config.last_round.key]
    field = final_field(last)
    warnings = [text("final.no_vote_row", case=c) for c in field if c not in votes]
    outside = {c: n for c, n in sorted(votes.items()) if c not in field}
    if outside:
        warnings.append(
            text(
                "final.votes_outside_field",
                count=len(outside),
                cases=", ".join(outside),
                votes=sum(outside.values()),
            )
        )
    points = vote_points(votes, field, rule.vote_method, rule.decimals)
    drafts = []
    for case_id in field:
        expert = last.case(case_id).score
        assert expert is not None
        weighted = CONTEXT.add(
            multiply(rule.expert_weight, expert), multiply(rule.vote_weight, points[case_id])
        )
        drafts.append(
            _Draft(
                case_id,
                expert,
                votes.get(case_id, 0),
                points[case_id],
                round_half_up(weighted, rule.decimals),
            )
        )
    tie_keys = {d.case_id: _tie_key(d, config, rounds) for d in drafts}
    drafts.sort(key=lambda d: (tie_keys[d.case_id], d.case_id))
    groups = shared_ranks(drafts, key=lambda d: tie_keys[d.case_id])
    for rank, group in groups:
        if len(group) > 1:
            cases = ", ".join(d.case_id for d in group)
            warnings.append(text("final.shared_rank", cases=cases, rank=rank))
    awards, award_warnings = _awards(groups, config.awards)
    entries = tuple(
        FinalEntry(
            rank,
            d.case_id,
            d.expert,
            d.votes,
            d.vote_points,
            d.final,
            awards.get(d.case_id),
        )
        for rank, group in groups
        for d in group
    )
    return FinalResult(entries, tuple(warnings + award_warnings))


@dataclass(frozen=True)
class _Draft:
    case_id: str
    expert: Decimal
    votes: int
    vote_points: Decimal
    final: Decimal


_LOWEST = (Decimal(1), Decimal(0))


def _tie_key(
    draft: _Draft, config: ContestConfig, rounds: Mapping[str, RoundResult]
) -> tuple[Decimal, ...]:
    """Sort key: higher final score first, then each ``tie_break`` in order (higher first).

    A value that a case lacks (no score in a round) sorts below every present value.
    """
    key: list[Decimal] = [-draft.final]
    criterion_keys = {c.key for c in config.criteria}
    last = rounds[config.last_round.key].case(draft.case_id)
    for word in config.final.tie_break:
        if word == "expert":
            key += [Decimal(0), -draft.expert]
        elif word == "votes":
            key += [Decimal(0), -Decimal(draft.votes)]
        elif word in criterion_keys:
            value = last.criterion_means.get(word)
            key += [Decimal(0), -value] if value is not None else list(_LOWEST)
        else:
            result = rounds.get(word)
            score = _round_score(result, draft.case_id)
            key += [Decimal(0), -score] if score is not None else list(_LOWEST)
    return tuple(key)


def _round_score(result: RoundResult | None, case_id: str) -> Decimal | None:
    if result is None:
        return None
    try:
        return result.case(case_id).score
    except KeyError:
        return None


def _awards(
    groups: Sequence[tuple[int, list[_Draft]]], tiers: Sequence[AwardTier]
) -> tuple[dict[str, str], list[str]]:
    """Tiers fill consecutive positions; a case takes the tier covering its (shared) rank."""
    spans: list[tuple[int, int]] = []
    start = 1
    for tier in tiers:
        spans.append((start, start + tier.count - 1))
        start += tier.count
    awards: dict[str, str] = {}
    warnings: list[str] = []
    overflowing: list[tuple[int, list[_Draft], int]] = []
    for rank, group in groups:
        index = next((i for i, (first, last) in enumerate(spans) if first <= rank <= last), None)
        if index is None:
            continue
        tier = tiers[index]
        for draft in group:
            if tier.min_score is not None and draft.final < tier.min_score:
                warnings.append(
                    text(
                        "final.below_min_score",
                        case=draft.case_id,
                        score=draft.final,
                        award=tier.name,
                        min_score=tier.min_score,
                    )
                )
            else:
                awards[draft.case_id] = tier.name
        if len(group) > 1 and rank + len(group) - 1 > spans[index][1]:
            overflowing.append((rank, group, index))
    for rank, group, index in overflowing:
        tier = tiers[index]
        warnings.append(
            text(
                "final.shared_tier",
                rank=rank,
                cases=", ".join(d.case_id for d in group),
                award=tier.name,
                given=sum(1 for name in awards.values() if name == tier.name),
                count=tier.count,
            )
        )
    return awards, warnings
