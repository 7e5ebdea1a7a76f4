"""The secretariat's use cases: one method per action, called by the CLI and the window alike.

Each action runs in one transaction: it either completes, with its audit log entry, or changes
nothing.
"""

from __future__ import annotations

import getpass
import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from judging_app.domain.config import ContestConfig, check_advance_against_field, parse_config
from judging_app.domain.messages import UserError, register
from judging_app.domain.ranking import FinalResult
from judging_app.domain.scoring import RoundResult
from judging_app.domain.stats import JudgeStats, judge_stats
from judging_app.exchange.files import read_utf8_text, sha256_of
from judging_app.exchange.package_keys import DEFAULT_COST, KdfCost
from judging_app.exchange.sheet_forms import SheetForms
from judging_app.exchange.tables import TableError
from judging_app.services import (
    blank_sheets,
    double_entry,
    importing,
    listing,
    loading,
    packages,
    paper_sheets,
    safekeeping,
    setup,
)
from judging_app.services.double_entry import RoundSheets
from judging_app.services.package_returns import (
    MergeContext,
    PackageImportResult,
    merge_return,
)
from judging_app.services.package_status import PackageStatus, package_status
from judging_app.services.progress import Cancelled, Progress
from judging_app.services.status import ContestStatus, contest_status
from judging_app.store import models as m
from judging_app.store.address import ContestAddress, ServerAddress
from judging_app.store.engine import session_factory, write_errors
from judging_app.store.location import Notice
from judging_app.store.types import utcnow

register(
    {
        "contest.unknown_round": (
            "심사 단계 {round}이(가) 없습니다 (있는 단계: {known})",
            "no round {round} (the rounds are: {known})",
        ),
        "contest.round_closed": (
            "{round}은(는) 이미 마감되었습니다",
            "round {round} is closed",
        ),
        "contest.round_needed": (
            "점수표 {file}: --round로 심사 단계를 지정해야 합니다",
            "score table {file}: give its round with --round",
        ),
        "contest.earlier_open": (
            "{round}을(를) 마감하려면 먼저 {earlier}을(를) 마감해야 합니다",
            "round {earlier} must be closed before round {round}",
        ),
        "contest.missing_scores": (
            "{round}: 점수 {count}건이 없습니다: {listing} "
            "(--allow-missing으로 강행할 수 있습니다)",
            "round {round}: {count} scores are missing: {listing} "
            "(use --allow-missing to close anyway)",
        ),
        "contest.no_cases": ("{round}에 심사 대상 사례가 없습니다", "round {round} has no cases"),
    }
)


@dataclass(frozen=True)
class ImportResult:
    file: str
    rows: int
    added: int
    changed: int


@dataclass(frozen=True)
class ImportCheck:
    """What an import would do (``results``: an :class:`ImportResult` per table, or a package's
    own result), or every refusal it would meet (``problems``)."""

    results: tuple[object, ...]
    problems: tuple[UserError, ...]


@dataclass(frozen=True)
class AdvanceResult:
    round_key: str
    advancing: tuple[str, ...]
    missing: int
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class RoundRanking:
    round_key: str
    result: RoundResult
    cases: dict[str, m.Case]


@dataclass(frozen=True)
class FinalRanking:
    name: str
    result: FinalResult
    rounds: dict[str, RoundResult]
    cases: dict[str, m.Case]
    config: ContestConfig


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


class Contest:
    """A contest database opened by the secretariat."""

    def __init__(
        self,
        engine: Engine,
        path: ContestAddress,
        actor: str | None = None,
        *,
        access: safekeeping.Access | None = None,
    ) -> None:
        self.engine = engine
        self.path = path
        #: Hears, once an action starts waiting, that another seat is changing the contest.
        self.on_wait: Callable[[str], None] | None = None
        self.actor = actor or os_user()
        self._sessions = session_factory(engine)
        self._guard = threading.local()
        self._access = access or safekeeping.Access(engine, None, ())

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def create(
        cls, path: ContestAddress | str, config_path: Path, actor: str | None = None
    ) -> Contest:
        """Create a contest database (a file, or an empty database on a server) from a config."""
        path = safekeeping.address(path)
        config_text = read_utf8_text(config_path)
        config = parse_config(config_text, source=config_path.name)
        access = safekeeping.create_access(path)
        contest = cls(access.engine, path, actor, access=access)
        with contest._action("init") as session:
            row = m.Contest(name=config.name, config_toml=config_text)
            session.add(row)
            session.flush()
            _write_rules(session, row, config)
            contest._audit(session, "init", config=config_path.name, sha256=sha256_of(config_path))
        return contest

    @classmethod
    def open(
        cls,
        path: ContestAddress | str,
        actor: str | None = None,
        *,
        read_only: bool | None = None,
        wait: float = 0.0,
    ) -> Contest:
        """Open a contest database; ``read_only`` None (the default) writes when no one else
        does and otherwise opens read-only with a notice, False refuses instead (after ``wait``
        seconds), True never writes. See :mod:`judging_app.services.safekeeping`."""
        path = safekeeping.address(path)
        access = safekeeping.open_access(path, read_only=read_only, wait=wait)
        return cls(access.engine, path, actor, access=access)

    @property
    def read_only(self) -> bool:
        """True when this contest was opened read-only: every action is refused."""
        return self._access.read_only

    @property
    def on_server(self) -> bool:
        """True when the contest is a database on a PostgreSQL server (several seats)."""
        return isinstance(self.path, ServerAddress)

    @property
    def notices(self) -> tuple[Notice, ...]:
        """Warnings from opening: a network or cloud-synced folder, opened read-only and why."""
        return self._access.notices

    def close(self) -> None:
        self._access.close()
        self.engine.dispose()

    @contextmanager
    def _action(self, kind: str | None = None) -> Iterator[Session]:
        """One user action in one transaction, after a backup of the file (named after ``kind``,
        by default the calling method); refused when the contest is open read-only."""
        dry_run = bool(getattr(self._guard, "dry_run", False))
        kind = kind or safekeeping.caller_action()
        safekeeping.before_change(self.path, self._access, kind, dry_run=dry_run)
        with (
            write_errors(self.path.name),
            self._sessions() as session,
            session.begin() as transaction,
        ):
            self._access.begin_action(session.connection(), self.on_wait)
            yield session
            progress: Progress | None = getattr(self._guard, "progress", None)
            if progress is not None:
                progress.check()  # a cancelled action raises here and rolls back
            if dry_run:
                transaction.rollback()

    @contextmanager
    def cancellable(self, progress: Progress) -> Iterator[None]:
        """Actions in this block (on this thread) roll back if ``progress`` is cancelled first."""
        self._guard.progress = progress
        try:
            yield
        finally:
            self._guard.progress = None

    def check(self, action: Callable[[], Sequence[object]]) -> ImportCheck:
        """Run ``action`` (this contest's imports) with every check they make, rolled back."""
        return self._check(action)

    def _check(self, action: Callable[[], Sequence[object]]) -> ImportCheck:
        """Run an import with every check it makes, and roll it back instead of committing."""
        self._guard.dry_run = True
        try:
            return ImportCheck(tuple(action()), ())
        except TableError as error:
            return ImportCheck((), error.problems)
        except Cancelled:
            raise
        except UserError as error:
            return ImportCheck((), (error,))
        finally:
            self._guard.dry_run = False

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    def _audit(
        self, session: Session, action: str, *, actor: str | None = None, **details: object
    ) -> None:
        """Append to the audit log; ``actor`` is who acted when it is not the user (a judge)."""
        contest = loading.contest_row(session)
        session.add(
            m.AuditEntry(
                contest_id=contest.id,
                actor=actor or self.actor,
                action=action,
                details=json.dumps(details, ensure_ascii=False, sort_keys=True, default=str),
            )
        )

    def _record_import(
        self, session: Session, kind: str, path: Path, round_: m.Round | None = None
    ) -> tuple[m.Import, str]:
        digest = sha256_of(path)
        record = m.Import(
            contest_id=loading.contest_row(session).id,
            kind=kind,
            file_name=path.name,
            sha256=digest,
            imported_by=self.actor,
            round_id=round_.id if round_ else None,
        )
        session.add(record)
        session.flush()
        return record, digest

    def config(self) -> ContestConfig:
        with self._reading() as session:
            return loading.load_config(session)

    def update_config(self, config: ContestConfig) -> tuple[str, ...]:
        """Change the rules (checked by the domain already): refused where scores or a closed
        round depend on what would change. Returns the keys changed (none: nothing written)."""
        text = setup.config_toml(config)
        new = parse_config(text, source="setup")
        with self._action() as session:
            old = loading.load_config(session)
            setup.check_change(session, old, new)
            changed = setup.write_rules(session, new, text)
            changed += [
                key for key in ("final", "awards") if getattr(old, key) != getattr(new, key)
            ]
            if changed:
                loading.contest_row(session).config_updated_at = utcnow()
                self._audit(session, "config", changed=changed)
            else:
                session.rollback()
        return tuple(changed)

    # -- imports ---------------------------------------------------------------------------------

    def check_cases(self, path: Path) -> ImportCheck:
        return self._check(lambda: [self.import_cases(path)])

    def check_judges(self, path: Path) -> ImportCheck:
        return self._check(lambda: [self.import_judges(path)])

    def check_score_tables(self, paths: Sequence[Path], round_key: str | None) -> ImportCheck:
        return self._check(lambda: self.import_score_tables(paths, round_key))

    def check_votes(self, path: Path) -> ImportCheck:
        return self._check(lambda: [self.import_votes(path)])

    def import_cases(self, path: Path) -> ImportResult:
        with self._action() as session:
            config = loading.load_config(session)
            record, digest = self._record_import(session, "cases", path)
            counts = importing.import_cases(session, config, path)
            record.rows = counts.rows
            self._audit(session, "import-cases", file=path.name, sha256=digest, rows=counts.rows)
        return ImportResult(path.name, counts.rows, counts.added, counts.changed)

    def import_judges(self, path: Path) -> ImportResult:
        with self._action() as session:
            config = loading.load_config(session)
            record, digest = self._record_import(session, "judges", path)
            counts = importing.import_judges(session, config, path)
            record.rows = counts.rows
            self._audit(session, "import-judges", file=path.name, sha256=digest, rows=counts.rows)
        return ImportResult(path.name, counts.rows, counts.added, counts.changed)

    def import_score_tables(
        self, paths: Sequence[Path], round_key: str | None
    ) -> list[ImportResult]:
        """Import transcribed score tables, all in one transaction: one refused file refuses all."""
        with self._action() as session:
            config = loading.load_config(session)
            return [self._import_score_table(session, config, p, round_key) for p in paths]

    def import_scores(
        self, paths: Sequence[Path], round_key: str | None = None
    ) -> list[ImportResult | PackageImportResult]:
        """Import returned judge packages (``.jpkg``, verified and merged; each knows its round)
        and transcribed score tables (which need ``round_key``), all in one transaction: one
        refused file refuses them all."""
        results: list[ImportResult | PackageImportResult] = []
        with self._action() as session:
            config = loading.load_config(session)
            context = MergeContext.load(session)
            for path in paths:
                if packages.is_package(path):
                    results.append(merge_return(self, session, config, path, round_key, context))
                else:
                    results.append(self._import_score_table(session, config, path, round_key))
        return results

    def _import_score_table(
        self, session: Session, config: ContestConfig, path: Path, round_key: str | None
    ) -> ImportResult:
        if round_key is None:
            raise UserError("contest.round_needed", file=path.name)
        round_ = self._open_round(session, config, round_key)
        record, digest = self._record_import(session, "scores", path, round_)
        counts = importing.import_score_table(
            session, config, path, round_key, f"{path.name} sha256:{digest}", record.id
        )
        record.rows = counts.rows
        self._audit(
            session,
            "import-scores",
            file=path.name,
            sha256=digest,
            round=round_key,
            rows=counts.rows,
            transcribed=True,
        )
        return ImportResult(path.name, counts.rows, counts.added, counts.changed)

    # -- judge packages --------------------------------------------------------------------------

    def issue_packages(
        self,
        round_key: str,
        out_dir: Path,
        *,
        kdf_cost: KdfCost = DEFAULT_COST,
        progress: Callable[[int, int], None] | None = None,
    ) -> packages.IssueResult:
        """One judge package per judge of the round in ``out_dir``, and the PIN list beside them;
        issuing again revokes each judge's earlier package for the round."""
        return packages.issue_packages(
            self, round_key, out_dir, kdf_cost=kdf_cost, progress=progress
        )

    def package_status(self, round_key: str) -> PackageStatus:
        """The round's judges holding a current package, those who returned it and the rest."""
        with self._reading() as session:
            return package_status(
                session, self._round(session, loading.load_config(session), round_key)
            )

    def import_votes(self, path: Path) -> ImportResult:
        with self._action() as session:
            record, digest = self._record_import(session, "votes", path)
            counts = importing.import_votes(session, path, record.id)
            record.rows = counts.rows
            self._audit(session, "import-votes", file=path.name, sha256=digest, rows=counts.rows)
        return ImportResult(path.name, counts.rows, counts.added, counts.changed)

    # -- paper score sheets typed in twice (services/paper_sheets.py) -----------------------------

    def enter_sheet_values(
        self,
        round_key: str,
        entry: str,
        values: Mapping[tuple[str, str, str], Decimal | None],
        *,
        by: str | None = None,
    ) -> paper_sheets.Typed:
        return paper_sheets.enter_values(self, round_key, entry, values, by=by)

    def import_sheet_entries(
        self, paths: Sequence[Path], round_key: str | None, entry: str, *, by: str | None = None
    ) -> list[paper_sheets.EntryImport]:
        return paper_sheets.import_entries(self, paths, round_key, entry, by=by)

    def sheet_values(
        self, round_key: str, judge_id: str, entry: str
    ) -> dict[tuple[str, str], Decimal | None]:
        """What ``entry`` typed of a judge's sheet: never the other entry's values."""
        return paper_sheets.sheet_values(self, round_key, judge_id, entry)

    def compare_sheets(self, round_key: str) -> RoundSheets:
        return paper_sheets.compare(self, round_key)

    def resolve_sheet(
        self,
        round_key: str,
        place: tuple[str, str, str],
        value: Decimal | None,
        *,
        by: str | None = None,
    ) -> paper_sheets.Resolved:
        return paper_sheets.resolve(self, round_key, place, value, by=by)

    def sheet_forms(self, round_key: str) -> SheetForms:
        """Each judge's paper sheet of the round: the cases in order, the excluded ones marked."""
        return paper_sheets.forms(self, round_key)

    def write_blank_sheets(self, round_key: str, out: Path) -> int:
        """Print-ready blank score sheets of the round, one per judge (.pdf or .xlsx)."""
        with self._reading() as session:
            config = loading.load_config(session)
            self._round(session, config, round_key)
            return blank_sheets.write_blank_sheets(session, config, round_key, out)

    # -- rounds ----------------------------------------------------------------------------------

    def _round(self, session: Session, config: ContestConfig, key: str) -> m.Round:
        if key not in {r.key for r in config.rounds}:
            known = ", ".join(r.key for r in config.rounds)
            raise UserError("contest.unknown_round", round=key, known=known)
        return loading.round_row(session, key)

    def _open_round(self, session: Session, config: ContestConfig, key: str) -> m.Round:
        round_ = self._round(session, config, key)
        if round_.state == "closed":
            raise UserError("contest.round_closed", round=key)
        return round_

    def status(self) -> ContestStatus:
        with self._reading() as session:
            return contest_status(session, loading.load_config(session))

    def advance(self, round_key: str, *, allow_missing: bool = False) -> AdvanceResult:
        """Close a round; the cases that advance become the next round's field."""
        with self._action() as session:
            config = loading.load_config(session)
            round_ = self._open_round(session, config, round_key)
            index = [r.key for r in config.rounds].index(round_key)
            for earlier in config.rounds[:index]:
                if loading.round_row(session, earlier.key).state != "closed":
                    raise UserError("contest.earlier_open", round=round_key, earlier=earlier.key)
            data = loading.round_data(session, round_key)
            if not data.field:
                raise UserError("contest.no_cases", round=round_key)
            if index == 0:
                check_advance_against_field(config, len(data.field))
            double_entry.check_no_open_disputes(session, config, round_key)
            missing = _missing(session, config, round_key)
            if missing and not allow_missing:
                raise UserError(
                    "contest.missing_scores",
                    round=round_key,
                    count=sum(len(cases) for cases in missing.values()),
                    listing=_listing(missing),
                )
            result = loading.round_result(session, config, round_key)
            round_.state = "closed"
            round_.closed_at = utcnow()
            round_.closed_by = self.actor
            round_.allow_missing = bool(missing)
            if index + 1 < len(config.rounds):
                _fill_next_round(session, config.rounds[index + 1].key, result.advancing)
            self._audit(
                session,
                "advance",
                round=round_key,
                advancing=list(result.advancing),
                allow_missing=allow_missing,
                missing=sum(len(cases) for cases in missing.values()),
            )
        return AdvanceResult(
            round_key,
            result.advancing,
            sum(len(c) for c in missing.values()),
            result.warnings,
        )

    # -- results ---------------------------------------------------------------------------------

    def round_ranking(self, round_key: str) -> RoundRanking:
        with self._reading() as session:
            config = loading.load_config(session)
            self._round(session, config, round_key)
            result = loading.round_result(session, config, round_key)
            return RoundRanking(round_key, result, loading.case_titles(session))

    def final_ranking(self, *, every_round: bool = True) -> FinalRanking:
        """The final ranking with every round's result and every case; ``every_round`` False
        gives only what the final ranking reads (the last round, any round a tie-break names,
        the finalists' cases): it does not score again an earlier round of thousands of cases."""
        with self._reading() as session:
            config = loading.load_config(session)
            result, rounds = loading.final_result(session, config, every_round=every_round)
            finalists = None if every_round else [e.case_id for e in result.entries]
            cases = loading.case_titles(session, finalists)
            return FinalRanking(config.name, result, rounds, cases, config)

    def judge_leniency(self, round_key: str) -> tuple[JudgeStats, ...]:
        """Each judge's mean, spread and offset against the panel in a round."""
        return judge_stats(self.round_ranking(round_key).result)

    # -- listings for the window -------------------------------------------------------------------

    def cases(self) -> tuple[listing.CaseRow, ...]:
        with self._reading() as session:
            return listing.case_rows(session, loading.load_config(session))

    def judges(self) -> tuple[listing.JudgeRow, ...]:
        with self._reading() as session:
            return listing.judge_rows(session, loading.load_config(session))

    def round_grid(self, round_key: str) -> listing.RoundGrid:
        with self._reading() as session:
            config = loading.load_config(session)
            self._round(session, config, round_key)
            return listing.round_grid(session, config, round_key)

    def revision(self) -> int:
        """A number that grows with every change to the contest (the newest audit entry's id):
        cheap enough for a window to poll, to notice what another seat changed."""
        with self._reading() as session:
            return session.scalar(select(func.max(m.AuditEntry.id))) or 0

    def audit_log(self) -> tuple[listing.AuditRow, ...]:
        with self._reading() as session:
            return listing.audit_rows(session)


def _write_rules(session: Session, contest: m.Contest, config: ContestConfig) -> None:
    criteria = {}
    for position, criterion in enumerate(config.criteria):
        row = m.Criterion(
            contest_id=contest.id,
            key=criterion.key,
            name=criterion.name,
            max=criterion.max,
            step=criterion.step,
            description=criterion.description,
            position=position,
        )
        session.add(row)
        criteria[criterion.key] = row
    for position, round_ in enumerate(config.rounds):
        session.add(
            m.Round(
                contest_id=contest.id,
                key=round_.key,
                name=round_.name,
                position=position,
                aggregate=round_.aggregate,
                trim_min=round_.trim_min,
                advance=round_.advance,
                criteria=[criteria[key] for key in round_.criteria],
            )
        )
    session.flush()


def _missing(session: Session, config: ContestConfig, round_key: str) -> dict[str, list[str]]:
    """Judge id → the assigned cases that the judge has not fully scored."""
    data = loading.round_data(session, round_key)
    criteria = {c.key for c in config.round_criteria(round_key)}
    complete = {(row.judge_id, row.case_id) for row in data.rows if criteria <= set(row.scores)}
    missing: dict[str, list[str]] = {}
    for judges in data.panels.values():
        for judge_id in judges:
            cases = [c for c in data.assigned(judge_id) if (judge_id, c) not in complete]
            if cases:
                missing[judge_id] = cases
    return missing


def _listing(missing: dict[str, list[str]], limit: int = 6) -> str:
    parts = [f"{judge_id}: {', '.join(cases)}" for judge_id, cases in sorted(missing.items())]
    shown = "; ".join(parts[:limit])
    return shown + (" …" if len(parts) > limit else "")


def _fill_next_round(session: Session, next_key: str, advancing: Sequence[str]) -> None:
    next_round = loading.round_row(session, next_key)
    cases = {c.case_id: c for c in session.scalars(select(m.Case))}
    present = set(
        session.scalars(select(m.RoundCase.case_pk).where(m.RoundCase.round_id == next_round.id))
    )
    for case_id in sorted(advancing):
        if cases[case_id].id not in present:
            session.add(m.RoundCase(round_id=next_round.id, case_pk=cases[case_id].id))
    session.flush()
    importing.spread_unassigned(session, next_round)
