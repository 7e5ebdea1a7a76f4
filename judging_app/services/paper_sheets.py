"""The secretariat's actions on paper score sheets typed in twice, each in one transaction with
its audit log entry (the rules are in :mod:`judging_app.services.double_entry`).

A value typed in the entry grid is saved at once; it is not audited one by one (the entries
table keeps who typed what and when, with every earlier value), and it takes no backup. Whenever
cases become scores (or a paper score is withdrawn because its case fell into dispute again) the
audit log says so; typed files and resolutions are audited with who typed or settled them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig
from judging_app.domain.double_entry import Dispute
from judging_app.domain.messages import UserError, register
from judging_app.exchange.sheet_forms import SheetForms
from judging_app.services import double_entry, loading, packages
from judging_app.services.blank_sheets import sheet_forms
from judging_app.services.double_entry import EntryCounts, Place, RoundSheets
from judging_app.services.history import Provenance, WriteCounts
from judging_app.store.types import utcnow

if TYPE_CHECKING:
    from judging_app.services.contest import Contest

register(
    {
        "sheets.package_as_entry": (
            "{file}: 심사위원 패키지는 --entry로 입력할 수 없습니다 (점수표만 가능)",
            "{file}: a judge package cannot be typed in with --entry (score tables only)",
        ),
        "sheets.round_needed": (
            "{file}: --entry로 입력하려면 --round로 심사 단계를 지정해야 합니다",
            "{file}: give the round with --round to type a sheet in with --entry",
        ),
    }
)


@dataclass(frozen=True)
class EntryImport:
    file: str
    entry: str
    judges: int
    values: int
    changed: int
    scores: WriteCounts


@dataclass(frozen=True)
class Typed:
    """Values typed in the grid: how many changed, and whether the round's scores changed
    (cases agreed, or withdrawn because they fell into dispute again)."""

    counts: EntryCounts
    scores_changed: bool


@dataclass(frozen=True)
class Resolved:
    dispute: Dispute
    value: Decimal | None
    by: str
    scores: WriteCounts


def enter_values(
    contest: Contest,
    round_key: str,
    entry: str,
    values: Mapping[tuple[str, str, str], Decimal | None],
    *,
    by: str | None = None,
) -> Typed:
    """Save values typed in the entry grid ((judge, case, criterion) → value, None: blank)."""
    by = by or contest.actor
    with contest._action("enter-sheet-values") as session:
        config = loading.load_config(session)
        contest._open_round(session, config, round_key)
        now = utcnow()
        counts = double_entry.enter_values(
            session, config, round_key, entry, values, by=by, now=now
        )
        before = _paper_scores(session, round_key)
        scores = _settle(
            contest, session, config, round_key, Provenance("paper", "double entry", None, now)
        )
        changed = bool(scores.added or scores.changed) or before != _paper_scores(
            session, round_key
        )
    return Typed(counts, changed)


def import_entries(
    contest: Contest,
    paths: Sequence[Path],
    round_key: str | None,
    entry: str,
    *,
    by: str | None = None,
) -> list[EntryImport]:
    """Type score tables in as ``entry`` of the round's paper sheets, all in one transaction."""
    double_entry.check_entry(entry)
    by = by or contest.actor
    results = []
    with contest._action("import-sheet-entry") as session:
        config = loading.load_config(session)
        for path in paths:
            if round_key is None:
                raise UserError("sheets.round_needed", file=path.name)
            if packages.is_package(path):
                raise UserError("sheets.package_as_entry", file=path.name)
            round_ = contest._open_round(session, config, round_key)
            values = double_entry.table_values(session, config, path, round_key)
            record, digest = contest._record_import(session, "sheet-entry", path, round_)
            now = utcnow()
            counts = double_entry.enter_values(
                session, config, round_key, entry, values, by=by, import_id=record.id, now=now
            )
            record.rows = counts.values
            contest._audit(
                session,
                "import-sheet-entry",
                file=path.name,
                sha256=digest,
                round=round_key,
                entry=entry,
                typed_by=by,
                values=counts.values,
                changed=counts.changed,
            )
            ref = f"double entry; {path.name} sha256:{digest}"
            scores = _settle(
                contest, session, config, round_key, Provenance("paper", ref, record.id, now)
            )
            results.append(
                EntryImport(path.name, entry, counts.judges, counts.values, counts.changed, scores)
            )
    return results


def resolve(
    contest: Contest,
    round_key: str,
    place: tuple[str, str, str],
    value: Decimal | None,
    *,
    by: str | None = None,
) -> Resolved:
    """Settle the disagreement at (judge, case, criterion) with the value on the paper."""
    by = by or contest.actor
    with contest._action("resolve") as session:
        config = loading.load_config(session)
        contest._open_round(session, config, round_key)
        now = utcnow()
        dispute = double_entry.resolve(session, config, round_key, place, value, by=by, now=now)
        contest._audit(
            session,
            "resolve",
            round=round_key,
            judge=place[0],
            case=place[1],
            criterion=place[2],
            kind=dispute.kind,
            first=double_entry.plain(dispute.first),
            second=double_entry.plain(dispute.second),
            value=double_entry.plain(value),
            settled_by=by,
        )
        scores = _settle(
            contest, session, config, round_key, Provenance("paper", "double entry", None, now)
        )
    return Resolved(dispute, value, by, scores)


def _settle(
    contest: Contest,
    session: Session,
    config: ContestConfig,
    round_key: str,
    provenance: Provenance,
) -> WriteCounts:
    before = _paper_scores(session, round_key)
    counts = double_entry.settle(session, config, round_key, provenance)
    after = _paper_scores(session, round_key)
    if after != before:
        contest._audit(
            session,
            "double-entry-scores",
            round=round_key,
            agreed=sorted(f"{j}/{c}" for j, c in after - before),
            withdrawn=sorted(f"{j}/{c}" for j, c in before - after),
        )
    return counts


def _paper_scores(session: Session, round_key: str) -> set[tuple[str, str]]:
    return double_entry.paper_scored(session, loading.round_row(session, round_key))


def sheet_values(
    contest: Contest, round_key: str, judge_id: str, entry: str
) -> dict[Place, Decimal | None]:
    with contest._reading() as session:
        config = loading.load_config(session)
        contest._round(session, config, round_key)
        return double_entry.entry_values(session, round_key, judge_id, entry)


def compare(contest: Contest, round_key: str) -> RoundSheets:
    with contest._reading() as session:
        config = loading.load_config(session)
        contest._round(session, config, round_key)
        return double_entry.compare_round(session, config, round_key)


def forms(contest: Contest, round_key: str) -> SheetForms:
    """The round's sheets as printed: each judge's cases in order, the excluded ones marked."""
    with contest._reading() as session:
        config = loading.load_config(session)
        contest._round(session, config, round_key)
        return sheet_forms(session, config, round_key)
