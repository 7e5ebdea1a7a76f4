"""Writing values that keep their history: scores, comments and votes.

Nothing is deleted. A new value marks the current row ``is_current = False`` with ``replaced_at``
and adds a new current row; a value equal to the current one writes nothing, so importing the same
file twice changes nothing. The writes are set-based (one UPDATE of the superseded rows, then one
multi-row INSERT), because a national contest imports hundreds of thousands of rows at once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from judging_app.store import models as m
from judging_app.store.types import utcnow

#: Rows per statement: below SQLite's default limit of 32,766 bound parameters.
CHUNK = 2000


@dataclass(frozen=True)
class ScoreEntry:
    """One judge's values for one case, as checked by an import (``row`` is the file's row)."""

    row: int
    judge_id: str
    case_id: str
    values: dict[str, Decimal]
    comment: str | None


@dataclass(frozen=True)
class WriteCounts:
    rows: int
    added: int
    changed: int


@dataclass(frozen=True)
class Provenance:
    """Where new values come from: recorded on every row they write."""

    source: str
    source_ref: str
    import_id: int | None
    entered_at: datetime

    def columns(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_ref": self.source_ref,
            "import_id": self.import_id,
            "entered_at": self.entered_at,
            "is_current": True,
        }


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _table(model: type[m.Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def supersede(session: Session, model: type[m.Base], ids: Sequence[int], now: datetime) -> None:
    """Mark rows as no longer current (they stay in the history)."""
    table = _table(model)
    for chunk in _chunks(ids):
        session.execute(
            update(table).where(table.c.id.in_(chunk)).values(is_current=False, replaced_at=now)
        )


def insert_rows(session: Session, model: type[m.Base], rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) as one prepared statement run many times.

    The statement is compiled once for the connection's dialect and each column's bind processor
    (the one SQLAlchemy itself would apply: Decimal to the backend's number, aware datetimes to UTC)
    is looked up once, so that a row costs a few function calls instead of SQLAlchemy's generic
    per-row parameter processing. The stored values are exactly those of ``insert(table)``; rows
    of another shape, or a table with Python-side defaults left out, take that generic path.
    """
    if not rows:
        return
    table = _table(model)
    names = tuple(rows[0])
    defaulted = any(
        c.default is not None and c.name not in names for c in table.columns if not c.primary_key
    )
    if defaulted or any(tuple(row) != names for row in rows):
        for chunk in _chunks(rows):
            session.execute(insert(table), list(chunk))
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    order = compiled.positiontup if compiled.positional else None
    keys = tuple(order) if order is not None else names
    first = rows[0]
    columns: list[list[Any]] = []
    for key in keys:
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if all(row[key] is first[key] for row in rows):  # the provenance: one object for all
            columns.append([first[key] if process is None else process(first[key])] * len(rows))
        elif process is None:
            columns.append([row[key] for row in rows])
        else:
            columns.append([process(row[key]) for row in rows])
    params: list[Any] = list(zip(*columns, strict=True))
    if order is None:
        params = [dict(zip(keys, values, strict=True)) for values in params]
    connection.exec_driver_sql(compiled.string, params)


def _apply(
    session: Session,
    model: type[m.Base],
    current: Mapping[Any, tuple[int, object]],
    wanted: Mapping[Any, tuple[object, dict[str, Any]]],
    now: datetime,
) -> tuple[int, int]:
    """Write each wanted value that differs from the current one; returns (added, changed)."""
    replaced: list[int] = []
    rows: list[dict[str, Any]] = []
    for key, (value, row) in wanted.items():
        old = current.get(key)
        if old is not None and old[1] == value:
            continue
        if old is not None:
            replaced.append(old[0])
        rows.append(row)
    supersede(session, model, replaced, now)
    insert_rows(session, model, rows)
    return len(rows) - len(replaced), len(replaced)


def write_scores(
    session: Session,
    round_: m.Round,
    entries: Sequence[ScoreEntry],
    provenance: Provenance,
) -> WriteCounts:
    judges = dict(session.execute(select(m.Judge.judge_id, m.Judge.id)).all())
    cases = dict(session.execute(select(m.Case.case_id, m.Case.id)).all())
    criteria = dict(session.execute(select(m.Criterion.key, m.Criterion.id)).all())
    score = m.Score.__table__.c
    current_scores = {
        (judge_pk, case_pk, criterion_id): (row_id, value)
        for row_id, judge_pk, case_pk, criterion_id, value in session.execute(
            select(score.id, score.judge_pk, score.case_pk, score.criterion_id, score.value).where(
                score.round_id == round_.id, score.is_current
            )
        )
    }
    comment = m.ScoreComment.__table__.c
    current_comments = {
        (judge_pk, case_pk): (row_id, text)
        for row_id, judge_pk, case_pk, text in session.execute(
            select(comment.id, comment.judge_pk, comment.case_pk, comment.comment).where(
                comment.round_id == round_.id, comment.is_current
            )
        )
    }
    history = provenance.columns()
    wanted_scores: dict[Hashable, tuple[object, dict[str, Any]]] = {}
    wanted_comments: dict[Hashable, tuple[object, dict[str, Any]]] = {}
    for entry in entries:
        judge_pk, case_pk = judges[entry.judge_id], cases[entry.case_id]
        place = {"round_id": round_.id, "judge_pk": judge_pk, "case_pk": case_pk}
        for key, value in entry.values.items():
            row = {**place, "criterion_id": criteria[key], "value": value, **history}
            wanted_scores[(judge_pk, case_pk, criteria[key])] = (value, row)
        if entry.comment is not None:
            row = {**place, "comment": entry.comment, **history}
            wanted_comments[(judge_pk, case_pk)] = (entry.comment, row)
    added, changed = _apply(session, m.Score, current_scores, wanted_scores, provenance.entered_at)
    _apply(session, m.ScoreComment, current_comments, wanted_comments, provenance.entered_at)
    return WriteCounts(len(entries), added, changed)


def write_votes(session: Session, votes: Mapping[str, int], import_id: int | None) -> WriteCounts:
    """Case id → votes; the cases must exist (the import checked them)."""
    contest_id = session.scalars(select(m.Contest.id)).one()
    cases = dict(session.execute(select(m.Case.case_id, m.Case.id)).all())
    vote = m.Vote.__table__.c
    current = {
        case_pk: (row_id, count)
        for row_id, case_pk, count in session.execute(
            select(vote.id, vote.case_pk, vote.votes).where(vote.is_current)
        )
    }
    now = utcnow()
    wanted: dict[Hashable, tuple[object, dict[str, Any]]] = {
        cases[case_id]: (
            count,
            {
                "contest_id": contest_id,
                "case_pk": cases[case_id],
                "votes": count,
                "import_id": import_id,
                "entered_at": now,
                "is_current": True,
            },
        )
        for case_id, count in votes.items()
    }
    added, changed = _apply(session, m.Vote, current, wanted, now)
    return WriteCounts(len(votes), added, changed)
