"""The models against a real contest database: types, history, integrity, the append-only log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from judging_app.store.engine import (
    create_contest_database,
    open_contest_database,
    session_factory,
)
from judging_app.store.models import (
    AppendOnlyError,
    AuditEntry,
    Case,
    Contest,
    Criterion,
    IssuedPackage,
    Judge,
    PackageRevision,
    Panel,
    PanelJudge,
    Round,
    RoundCase,
    Score,
)


@pytest.fixture
def engine(backend: str, db_path, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The migrated, empty contest database: a copy of the template file, or a new database
    created on the PostgreSQL server."""
    if backend == "sqlite":
        engine = open_contest_database(db_path)
    else:
        server = request.getfixturevalue("pg_server")
        url = server.create_database()
        request.addfinalizer(lambda: server.drop_database(url))
        engine = create_contest_database(url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def contest(session: Session) -> Contest:
    contest = Contest(name="2025 민원서비스 개선 우수사례", config_toml="[contest]\n")
    creativity = Criterion(key="creativity", name="창의성", max=Decimal(40), step=Decimal("0.5"))
    creativity.position = 0
    written = Round(key="written", name="서면심사", position=0, aggregate="trimmed_mean")
    written.criteria.append(creativity)
    contest.criteria.append(creativity)
    contest.rounds.append(written)
    contest.cases.append(Case(case_id="C01", title="민원 개선", organization="시청"))
    contest.judges.append(Judge(judge_id="J01", name="김심사", affiliation="대학교"))
    session.add(contest)
    session.commit()
    return contest


def _score(contest: Contest, value: str | None) -> Score:
    return Score(
        round_id=contest.rounds[0].id,
        judge_pk=contest.judges[0].id,
        case_pk=contest.cases[0].id,
        criterion_id=contest.criteria[0].id,
        value=None if value is None else Decimal(value),
        source="table",
        source_ref="scores.xlsx sha256:00",
    )


def test_defaults_and_relationships(session: Session, contest: Contest) -> None:
    session.expire_all()
    loaded = session.scalars(select(Contest)).one()
    assert len(loaded.uid) == 32
    assert loaded.rounds[0].state == "open"
    assert loaded.rounds[0].allow_missing is False
    assert [criterion.key for criterion in loaded.rounds[0].criteria] == ["creativity"]


def test_scores_come_back_as_exact_decimals(session: Session, contest: Contest) -> None:
    session.add(_score(contest, "37.5"))
    session.commit()
    session.expire_all()
    score = session.scalars(select(Score)).one()
    assert score.value == Decimal("37.5")
    assert isinstance(score.value, Decimal)
    assert session.scalars(select(Criterion.step)).one() == Decimal("0.5")


def test_timestamps_are_aware_utc(session: Session, contest: Contest) -> None:
    seoul = timezone(timedelta(hours=9))
    contest.rounds[0].closed_at = datetime(2025, 3, 1, 18, 0, tzinfo=seoul)
    session.commit()
    session.expire_all()
    closed_at = session.scalars(select(Round.closed_at)).one()
    assert closed_at == datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
    assert closed_at is not None and closed_at.tzinfo is UTC
    created_at = session.scalars(select(Contest.created_at)).one()
    assert created_at.tzinfo is UTC


def test_naive_timestamps_are_refused(session: Session, contest: Contest) -> None:
    contest.rounds[0].closed_at = datetime(2025, 3, 1, 18, 0)
    with pytest.raises(Exception, match="naive datetime"):
        session.commit()


def test_a_replaced_score_stays_in_the_history(session: Session, contest: Contest) -> None:
    first = _score(contest, "30")
    session.add(first)
    session.commit()
    first.is_current = False
    first.replaced_at = datetime.now(UTC)
    session.add(_score(contest, "35"))
    session.commit()  # the update is flushed before the insert: the partial index holds
    rows = session.execute(select(Score.value, Score.is_current).order_by(Score.id)).all()
    assert rows == [(Decimal("30"), False), (Decimal("35"), True)]


def test_only_one_current_score_per_key(session: Session, contest: Contest) -> None:
    session.add_all([_score(contest, "30"), _score(contest, "35")])
    with pytest.raises(IntegrityError):
        session.commit()


def test_a_cleared_score_is_a_current_row_without_value(session: Session, contest: Contest) -> None:
    session.add(_score(contest, None))
    session.commit()
    assert session.scalars(select(Score.value).where(Score.is_current)).one() is None


def test_foreign_keys_are_enforced(session: Session) -> None:
    session.add(Case(contest_id=999, case_id="C99", title="orphan"))
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
        session.commit()


def test_a_panel_member_belongs_to_the_panel_s_round(session: Session, contest: Contest) -> None:
    written = contest.rounds[0]
    final = Round(key="final", name="대면심사", position=1, aggregate="mean", contest=contest)
    panel = Panel(label="A", round=written)
    session.add_all([final, panel])
    session.flush()
    judge = contest.judges[0]
    session.add(PanelJudge(panel=panel, round_id=final.id, judge_pk=judge.id))
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
        session.commit()


def test_a_judge_sits_on_one_panel_per_round(session: Session, contest: Contest) -> None:
    written, judge = contest.rounds[0], contest.judges[0]
    panels = [Panel(label=label, round=written) for label in ("A", "B")]
    session.add_all(panels)
    session.flush()
    for panel in panels:
        session.add(PanelJudge(panel=panel, round_id=written.id, judge_pk=judge.id))
    with pytest.raises(IntegrityError, match=r"(?i)unique"):
        session.commit()


def test_cases_are_placed_on_panels(session: Session, contest: Contest) -> None:
    written = contest.rounds[0]
    panel = Panel(label="A", round=written)
    session.add(RoundCase(round_id=written.id, case=contest.cases[0], panel=panel))
    session.commit()
    session.expire_all()
    assert [entry.case.case_id for entry in written.panels[0].cases] == ["C01"]
    assert [entry.panel_id for entry in written.field] == [panel.id]


def test_package_revisions_are_unique_per_package(session: Session, contest: Contest) -> None:
    package = IssuedPackage(
        round_id=contest.rounds[0].id,
        judge_pk=contest.judges[0].id,
        public_key=bytes(32),
        key_fingerprint="ab:cd",
    )
    for _ in range(2):
        package.revisions.append(
            PackageRevision(revision=1, digest="00", signature=b"s", signed_payload=b"p")
        )
    session.add(package)
    with pytest.raises(IntegrityError, match=r"(?i)unique"):
        session.commit()


@pytest.fixture
def entry(session: Session, contest: Contest) -> AuditEntry:
    entry = AuditEntry(contest_id=contest.id, actor="secretariat", action="init")
    session.add(entry)
    session.commit()
    return entry


def test_the_orm_refuses_to_change_an_audit_entry(session: Session, entry: AuditEntry) -> None:
    entry.action = "something else"
    with pytest.raises(AppendOnlyError):
        session.commit()


def test_the_orm_refuses_to_delete_an_audit_entry(session: Session, entry: AuditEntry) -> None:
    session.delete(entry)
    with pytest.raises(AppendOnlyError):
        session.commit()


def test_bulk_statements_on_the_audit_log_are_refused(session: Session, entry: AuditEntry) -> None:
    with pytest.raises(AppendOnlyError):
        session.execute(update(AuditEntry).values(actor="someone"))
    with pytest.raises(AppendOnlyError):
        session.execute(delete(AuditEntry))


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone'", "DELETE FROM audit_log"]
)
def test_the_database_refuses_to_change_the_audit_log(
    engine: Engine, entry: AuditEntry, statement: str
) -> None:
    # SQLite's trigger aborts with a constraint error, PostgreSQL's raises an exception.
    with engine.begin() as connection, pytest.raises(DBAPIError, match="append-only"):
        connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT actor FROM audit_log")).all() == [("secretariat",)]
