"""Judge totals, conflicts of interest, round scores and advancing (DESIGN.md rules 1–5)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from judging_app.domain import score_units as units
from judging_app.domain.config import Criterion, Round
from judging_app.domain.messages import register, text
from judging_app.domain.numbers import round_half_up, total

T = TypeVar("T")

register(
    {
        "score.out_of_range": (
            "{value}은(는) {name}의 허용 범위 0~{max}을(를) 벗어납니다",
            "{value} is outside {name}'s range 0–{max}",
        ),
        "score.off_step": (
            "{value}은(는) {name}의 점수 단위 {step}에 맞지 않습니다",
            "{value} is not on {name}'s step of {step}",
        ),
        "score.not_a_number": ("{value}은(는) 숫자가 아닙니다", "{value} is not a number"),
        "round.no_scores": (
            "{round}: 사례 {case}에 점수가 하나도 없어 순위에서 빠졌습니다",
            "{round}: case {case} has no scores and is left out of the ranking",
        ),
        "round.tie_at_cutoff": (
            "{round}: 진출 경계에서 동점입니다. 사례 {cases}이(가) 공동 {rank}위로 모두 진출하여 "
            "{count}건이 진출합니다 (정원 {advance})",
            "{round}: tie at the cut-off: cases {cases} share rank {rank} and all go on, "
            "so {count} cases advance instead of {advance}",
        ),
        "round.shared_rank": (
            "{round}: 사례 {cases}이(가) 모든 동점 기준에서 같아 공동 {rank}위입니다",
            "{round}: cases {cases} are equal on every tie-break and share rank {rank}",
        ),
    }
)


@dataclass(frozen=True)
class ScoreRow:
    """One judge's current scores for one case in a round: criterion key → points."""

    judge_id: str
    case_id: str
    scores: Mapping[str, Decimal]


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    rank: int | None
    score: Decimal | None
    """The round score rounded half up to ``decimals``: what is shown is what is ranked."""
    exact: Decimal | None
    totals: Mapping[str, Decimal]
    """Judge id → total, for every judge with a total for the case (before any trimming)."""
    trimmed: tuple[str, ...]
    """Judges whose totals the trimmed mean dropped (lowest first)."""
    excluded: tuple[str, ...]
    criterion_means: Mapping[str, Decimal]
    """Criterion key → exact mean over every judge who scored the case, before trimming."""
    advances: bool

    @property
    def judges(self) -> int:
        return len(self.totals)


@dataclass(frozen=True)
class RoundResult:
    round_key: str
    cases: tuple[CaseResult, ...]
    """In ranking order: ranked cases first, then the unscored ones, each group by case id."""
    advance: int | None
    max_total: Decimal
    warnings: tuple[str, ...] = field(default=())

    def case(self, case_id: str) -> CaseResult:
        for case in self.cases:
            if case.case_id == case_id:
                return case
        raise KeyError(case_id)

    @property
    def advancing(self) -> tuple[str, ...]:
        return tuple(case.case_id for case in self.cases if case.advances)


def normalize_name(name: str) -> str:
    """Organisation and affiliation names as compared: NFC, outer spaces trimmed, runs of inner
    whitespace made one space, case folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def is_affiliation_conflict(affiliation: str, organization: str) -> bool:
    judge_side = normalize_name(affiliation)
    return bool(judge_side) and judge_side == normalize_name(organization)


def automatic_conflicts(
    judges: Mapping[str, str], cases: Mapping[str, str]
) -> frozenset[tuple[str, str]]:
    """(judge id, case id) pairs where the judge's affiliation is the case's organisation.

    ``judges`` maps judge id → affiliation, ``cases`` maps case id → organisation.
    """
    by_organization: dict[str, list[str]] = defaultdict(list)
    for case_id, organization in cases.items():
        by_organization[normalize_name(organization)].append(case_id)
    return frozenset(
        (judge_id, case_id)
        for judge_id, affiliation in judges.items()
        if normalize_name(affiliation)
        for case_id in by_organization.get(normalize_name(affiliation), ())
    )


def score_problem(criterion: Criterion, value: Decimal) -> str | None:
    """Why ``value`` cannot be a score for ``criterion`` (in the current language), or None."""
    if not value.is_finite():
        return text("score.not_a_number", value=value)
    if value < 0 or value > criterion.max:
        return text("score.out_of_range", value=value, name=criterion.name, max=criterion.max)
    if value % criterion.step != 0:
        return text("score.off_step", value=value, name=criterion.name, step=criterion.step)
    return None


def judge_total(criteria: Sequence[Criterion], scores: Mapping[str, Decimal]) -> Decimal | None:
    """The sum of a judge's criterion scores, or None unless every criterion is scored."""
    values = [scores.get(criterion.key) for criterion in criteria]
    if any(value is None for value in values):
        return None
    return total(value for value in values if value is not None)


def score_round(
    round_: Round,
    criteria: Sequence[Criterion],
    case_ids: Iterable[str],
    rows: Iterable[ScoreRow] | ScoreTable,
    *,
    excluded: Iterable[tuple[str, str]] = (),
    decimals: int = 2,
) -> RoundResult:
    """Score every case of a round's field, order them and mark which advance.

    Rows of judges excluded from a case, rows for cases outside the field and incomplete rows do
    not count (imports refuse the first two before they get here). The numbers are those of
    :mod:`judging_app.domain.scoring_reference`, to the last digit.
    """
    table = rows if isinstance(rows, ScoreTable) else ScoreTable.of(rows, [c.key for c in criteria])
    field_ids = sorted(set(case_ids))
    excluded_pairs = frozenset(excluded)
    columns = {key: i for i, key in enumerate(table.keys)}
    picks = [columns.get(c.key) for c in criteria]
    places = units.DEFAULT_PLACES
    while True:
        try:
            collected = units.collect(
                table.entries, picks, frozenset(field_ids), excluded_pairs, places
            )
            break
        except units.FinerUnits as finer:
            places = finer.places
    as_decimal = units.UnitDecimals(collected.places)
    if round_.aggregate == "zscore":
        exact = units.t_scores(collected, field_ids, as_decimal)
    else:
        trim_min = round_.trim_min if round_.aggregate == "trimmed_mean" else None
        exact = units.plain_means(collected, trim_min, as_decimal)
    means = units.criterion_means(collected, [c.key for c in criteria], as_decimal)
    drafts = [
        Draft.of(
            case_id,
            exact.get(case_id),
            round_half_up(exact[case_id], decimals) if case_id in exact else None,
            tuple(means.get(case_id, {}).get(c.key, Decimal(0)) for c in criteria),
        )
        for case_id in field_ids
    ]
    in_order = ordered(drafts)
    ranks, warnings = ranks_of(in_order, round_)
    advancing, cutoff_warnings = advancing_cases(drafts, ranks, round_)
    excluded_by_case: dict[str, list[str]] = defaultdict(list)
    for judge_id, case_id in sorted(excluded_pairs):
        excluded_by_case[case_id].append(judge_id)
    no_judges: dict[str, tuple[tuple[int, ...], int]] = {}
    results = []
    for draft in in_order:
        judges = collected.by_case.get(draft.case_id, no_judges)
        trimmed: tuple[str, ...] = ()
        if round_.aggregate == "trimmed_mean":
            trimmed = units.trimmed_judges(judges, round_.trim_min)
        results.append(
            CaseResult(
                case_id=draft.case_id,
                rank=ranks.get(draft.case_id),
                score=draft.score,
                exact=draft.exact,
                totals={judge_id: as_decimal[t] for judge_id, (_u, t) in judges.items()},
                trimmed=trimmed,
                excluded=tuple(excluded_by_case.get(draft.case_id, ())),
                criterion_means=means.get(draft.case_id, {}),
                advances=draft.case_id in advancing,
            )
        )
    max_total = total(c.max for c in criteria)
    return RoundResult(
        round_.key, tuple(results), round_.advance, max_total, tuple(warnings + cutoff_warnings)
    )


@dataclass(frozen=True)
class ScoreTable:
    """A round's current scores, compact: one entry per (judge, case), sorted by judge id then
    case id, holding the scores in the order of ``keys`` (None where there is none).

    What the database loader gives (no object per row); iterating it gives ScoreRow objects.
    """

    keys: tuple[str, ...]
    entries: Sequence[units.Entry]

    @classmethod
    def of(cls, rows: Iterable[ScoreRow], keys: Sequence[str]) -> ScoreTable:
        entries = sorted(
            ((row.judge_id, row.case_id, tuple(row.scores.get(k) for k in keys)) for row in rows),
            key=lambda entry: (entry[0], entry[1]),
        )
        return cls(tuple(keys), entries)

    def __iter__(self) -> Iterator[ScoreRow]:
        for judge_id, case_id, values in self.entries:
            scores = {k: v for k, v in zip(self.keys, values, strict=True) if v is not None}
            yield ScoreRow(judge_id, case_id, scores)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class Draft:
    """A case on its way to a :class:`CaseResult`: its score and its sort key."""

    case_id: str
    exact: Decimal | None
    score: Decimal | None
    means: tuple[Decimal, ...]
    key: tuple[Decimal, ...]
    """Higher score first, then each criterion mean in order (empty when unscored)."""

    @classmethod
    def of(
        cls, case_id: str, exact: Decimal | None, score: Decimal | None, means: tuple[Decimal, ...]
    ) -> Draft:
        key = () if score is None else (-score, *(-m for m in means))
        return cls(case_id, exact, score, means, key)

    def order_key(self) -> tuple[Decimal, ...]:
        return self.key


def ordered(drafts: Sequence[Draft]) -> list[Draft]:
    """Ranking order: scored cases by their key and case id, then the unscored by case id."""
    scored = sorted((d for d in drafts if d.score is not None), key=lambda d: (d.key, d.case_id))
    return scored + sorted((d for d in drafts if d.score is None), key=lambda d: d.case_id)


def ranks_of(in_order: Sequence[Draft], round_: Round) -> tuple[dict[str, int], list[str]]:
    """Competition ranks of drafts already in :func:`ordered` order, and the warnings."""
    ranks: dict[str, int] = {}
    warnings: list[str] = []
    for group_rank, group in shared_ranks(
        [d for d in in_order if d.score is not None], key=Draft.order_key
    ):
        for draft in group:
            ranks[draft.case_id] = group_rank
        if len(group) > 1:
            warnings.append(
                text(
                    "round.shared_rank",
                    round=round_.key,
                    cases=", ".join(d.case_id for d in group),
                    rank=group_rank,
                )
            )
    warnings.extend(
        text("round.no_scores", round=round_.key, case=d.case_id)
        for d in in_order
        if d.score is None
    )
    return ranks, warnings


def advancing_cases(
    drafts: Sequence[Draft], ranks: Mapping[str, int], round_: Round
) -> tuple[set[str], list[str]]:
    """The cases that advance (every ranked case when the round names no count)."""
    if round_.advance is None:
        return {d.case_id for d in drafts if d.case_id in ranks}, []
    advancing = {case_id for case_id, rank in ranks.items() if rank <= round_.advance}
    if len(advancing) <= round_.advance:
        return advancing, []
    last_rank = max(ranks[c] for c in advancing)
    tied = sorted(c for c in advancing if ranks[c] == last_rank)
    warning = text(
        "round.tie_at_cutoff",
        round=round_.key,
        cases=", ".join(tied),
        rank=last_rank,
        count=len(advancing),
        advance=round_.advance,
    )
    return advancing, [warning]


def shared_ranks(
    items: Sequence[T], *, key: Callable[[T], tuple[Decimal, ...]]
) -> list[tuple[int, list[T]]]:
    """Competition ranks (1, 2, 2, 4) over items already in order: equal keys share a rank."""
    groups: list[tuple[int, list[T]]] = []
    for position, item in enumerate(items, start=1):
        if groups and key(groups[-1][1][0]) == key(item):
            groups[-1][1].append(item)
        else:
            groups.append((position, [item]))
    return groups
