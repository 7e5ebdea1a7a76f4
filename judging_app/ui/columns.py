"""The columns of the window's tables, one function per kind of row."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from judging_app.domain.config import AwardTier, ContestConfig, Criterion, Round
from judging_app.domain.ranking import FinalEntry
from judging_app.domain.scoring import CaseResult
from judging_app.domain.stats import JudgeStats
from judging_app.services.listing import AuditRow, CaseRow, JudgeRow
from judging_app.ui.table_model import Column
from judging_app.ui.translate import QT_TRANSLATE_NOOP

ADVANCING = QColor("#e6f4ea")
#: Award tiers, best first; later tiers reuse the last colour.
TIER_COLOURS = (QColor("#f9e08b"), QColor("#dde3ea"), QColor("#f1d3b8"), QColor("#e3eefc"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("Columns", text)


def _panel_of(key: str) -> Callable[[CaseRow | JudgeRow], str]:
    return lambda row: row.panels.get(key, "")


def case_columns(config: ContestConfig) -> list[Column[CaseRow]]:
    columns: list[Column[CaseRow]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "ID"), lambda c: c.case_id),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda c: c.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda c: c.organization),
        Column(QT_TRANSLATE_NOOP("Columns", "Category"), lambda c: c.category),
    ]
    for round_ in config.rounds:
        columns.append(Column(round_.name, _panel_of(round_.key), translate=False))
    columns.append(Column(QT_TRANSLATE_NOOP("Columns", "Votes"), lambda c: c.votes, numeric=True))
    return columns


def judge_columns(config: ContestConfig) -> list[Column[JudgeRow]]:
    columns: list[Column[JudgeRow]] = [
        Column(QT_TRANSLATE_NOOP("Columns", "ID"), lambda j: j.judge_id),
        Column(QT_TRANSLATE_NOOP("Columns", "Name"), lambda j: j.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Affiliation"), lambda j: j.affiliation),
    ]
    for round_ in config.rounds:
        columns.append(Column(round_.name, _panel_of(round_.key), translate=False))
    return columns


def vote_columns(final_field: frozenset[str]) -> list[Column[CaseRow]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "ID"), lambda c: c.case_id),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda c: c.title),
        Column(QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda c: c.organization),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Final field"),
            lambda c: "✓" if c.case_id in final_field else "",
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Votes"), lambda c: c.votes, numeric=True),
    ]


def round_ranking_columns(titles: dict[str, tuple[str, str]]) -> list[Column[CaseResult]]:
    """``titles``: case id → (title, organisation)."""
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Rank"), lambda c: c.rank, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "ID"), lambda c: c.case_id),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda c: titles.get(c.case_id, ("", ""))[0]),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Organisation"),
            lambda c: titles.get(c.case_id, ("", ""))[1],
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Score"), lambda c: c.score, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Judges"), lambda c: c.judges, numeric=True),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Advances"),
            lambda c: _tr(QT_TRANSLATE_NOOP("Columns", "advances")) if c.advances else "",
            background=lambda c: ADVANCING if c.advances else None,
        ),
    ]


def leniency_columns() -> list[Column[JudgeStats]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Judge"), lambda s: s.judge_id),
        Column(QT_TRANSLATE_NOOP("Columns", "Cases"), lambda s: s.cases, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Mean total"), lambda s: _q(s.mean), numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Spread (SD)"), lambda s: _q(s.spread), numeric=True),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Against the panel"), lambda s: _q(s.offset), numeric=True
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Leaning"), lambda s: leaning_text(s.leaning)),
    ]


def leaning_text(leaning: str) -> str:
    words = {
        "lenient": QT_TRANSLATE_NOOP("Columns", "lenient"),
        "harsh": QT_TRANSLATE_NOOP("Columns", "harsh"),
        "even": QT_TRANSLATE_NOOP("Columns", "even"),
    }
    return _tr(words.get(leaning, leaning))


def final_columns(
    titles: dict[str, tuple[str, str]], tiers: dict[str, int]
) -> list[Column[FinalEntry]]:
    """``tiers``: award name → its position (0 = best), for the colour."""

    def tier_colour(entry: FinalEntry) -> QColor | None:
        if entry.award is None:
            return None
        return TIER_COLOURS[min(tiers.get(entry.award, 0), len(TIER_COLOURS) - 1)]

    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Rank"), lambda e: e.rank, numeric=True),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Award"), lambda e: e.award or "", background=tier_colour
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "ID"), lambda e: e.case_id),
        Column(QT_TRANSLATE_NOOP("Columns", "Title"), lambda e: titles.get(e.case_id, ("", ""))[0]),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Organisation"),
            lambda e: titles.get(e.case_id, ("", ""))[1],
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Expert"), lambda e: e.expert, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Votes"), lambda e: e.votes, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Vote points"), lambda e: e.vote_points, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Final score"), lambda e: e.final, numeric=True),
    ]


def audit_columns() -> list[Column[AuditRow]]:
    return [
        Column(
            QT_TRANSLATE_NOOP("Columns", "When"),
            lambda a: a.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            sort=lambda a: a.at.isoformat(),
        ),
        Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda a: a.actor),
        Column(QT_TRANSLATE_NOOP("Columns", "Action"), lambda a: action_text(a.action)),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Details"),
            lambda a: ", ".join(f"{k}: {_detail(v)}" for k, v in sorted(a.details.items())),
            tooltip=lambda a: "\n".join(f"{k}: {_detail(v)}" for k, v in sorted(a.details.items())),
        ),
    ]


ACTIONS = {
    "init": QT_TRANSLATE_NOOP("Columns", "contest created"),
    "import-cases": QT_TRANSLATE_NOOP("Columns", "cases imported"),
    "import-judges": QT_TRANSLATE_NOOP("Columns", "judges imported"),
    "import-scores": QT_TRANSLATE_NOOP("Columns", "score table imported"),
    "import-votes": QT_TRANSLATE_NOOP("Columns", "votes imported"),
    "advance": QT_TRANSLATE_NOOP("Columns", "round closed"),
}


def action_text(action: str) -> str:
    """The audit log's action in words, with its key (as the report and the CLI name it)."""
    return f"{_tr(ACTIONS[action])} ({action})" if action in ACTIONS else action


def _detail(value: object) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 64:
        return value[:16] + "…"  # a SHA-256: its first 16 digits identify the file
    return str(value)


def criterion_columns() -> list[Column[Criterion]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Key"), lambda c: c.key),
        Column(QT_TRANSLATE_NOOP("Columns", "Criterion"), lambda c: c.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Maximum"), lambda c: c.max, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Step"), lambda c: c.step, numeric=True),
        Column(
            QT_TRANSLATE_NOOP("Columns", "Rubric"),
            lambda c: c.description,
            tooltip=lambda c: c.description,
        ),
    ]


def award_columns() -> list[Column[AwardTier]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Award"), lambda a: a.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Cases"), lambda a: a.count, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Minimum score"), lambda a: a.min_score, numeric=True),
    ]


def round_columns() -> list[Column[Round]]:
    return [
        Column(QT_TRANSLATE_NOOP("Columns", "Key"), lambda r: r.key),
        Column(QT_TRANSLATE_NOOP("Columns", "Round"), lambda r: r.name),
        Column(QT_TRANSLATE_NOOP("Columns", "Aggregate"), lambda r: aggregate_text(r)),
        Column(QT_TRANSLATE_NOOP("Columns", "Advance"), lambda r: r.advance, numeric=True),
        Column(QT_TRANSLATE_NOOP("Columns", "Criteria"), lambda r: ", ".join(r.criteria)),
    ]


def aggregate_text(round_: Round) -> str:
    if round_.aggregate == "trimmed_mean":
        return _tr(
            QT_TRANSLATE_NOOP("Columns", "mean without the highest and lowest (from %1 judges)")
        ).replace("%1", str(round_.trim_min))
    words = {
        "mean": QT_TRANSLATE_NOOP("Columns", "mean"),
        "zscore": QT_TRANSLATE_NOOP("Columns", "T-score (z)"),
    }
    return _tr(words.get(round_.aggregate, round_.aggregate))


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
