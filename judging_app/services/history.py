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
from itertools import chain, compress, repeat
from operator import is_, is_not
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
class ScoreBatch:
    """Values for many (judge, case) places of one round, column by column (a large table's rows
    cost no object each): place ``i`` is (``judge_ids[i]``, ``case_ids[i]``), ``values[key][i]``
    its value for criterion ``key`` and ``comments[i]`` its comment; None is "not given": what the
    contest holds there stays as it is."""

    judge_ids: Sequence[str]
    case_ids: Sequence[str]
    values: Mapping[str, Sequence[Decimal | None]]
    comments: Sequence[str | None]

    @classmethod
    def of(cls, entries: Sequence[ScoreEntry]) -> ScoreBatch:
        keys = sorted({key for entry in entries for key in entry.values})
        return cls(
            [entry.judge_id for entry in entries],
            [entry.case_id for entry in entries],
            {key: [entry.values.get(key) for entry in entries] for key in keys},
            [entry.comment for entry in entries],
        )


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
    is applied once per distinct value, so that a row costs a few function calls instead of
    SQLAlchemy's generic per-row parameter processing. The stored values are exactly those of
    ``insert(table)``; rows of another shape, or a table with Python-side defaults left out, take
    that generic path.
    """
    if not rows:
        return
    table = _table(model)
    names = tuple(rows[0])
    if _defaulted(table, names) or any(tuple(row) != names for row in rows):
        for chunk in _chunks(rows):
            session.execute(insert(table), list(chunk))
        return
    first = rows[0]
    columns: dict[str, list[Any] | Same] = {}
    for key in names:
        if all(row[key] is first[key] for row in rows):  # the provenance: one object for all
            columns[key] = Same(first[key])
        else:
            columns[key] = [row[key] for row in rows]
    insert_columns(session, model, columns, len(rows))


@dataclass(frozen=True)
class Same:
    """One value for every row of :func:`insert_columns`."""

    value: Any


#: Rows per executemany of :func:`insert_columns`: a bounded batch of parameter tuples in memory.
BATCH = 20_000


def insert_columns(
    session: Session, model: type[m.Base], columns: Mapping[str, Sequence[Any] | Same], count: int
) -> None:
    """Insert ``count`` rows given column by column (a :class:`Same` for a value every row
    shares), through the statement SQLAlchemy compiles for the connection's dialect, with the
    bind processor of each column applied once per distinct value."""
    if not count:
        return
    table = _table(model)
    names = tuple(columns)
    if _defaulted(table, names):
        raise ValueError(f"{table.name}: columns with defaults left out: use insert_rows")
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(names))
    order = compiled.positiontup if compiled.positional else None
    keys = tuple(order) if order is not None else names
    ready: list[Sequence[Any]] = []
    for key in keys:
        column = columns[key]
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if isinstance(column, Same):
            value = column.value if process is None else process(column.value)
            ready.append(_Repeat(value, count))
        elif process is None:
            ready.append(column)
        else:  # a column of one type: equal values are processed alike
            memo = {value: process(value) for value in set(column)}
            ready.append(list(map(memo.__getitem__, column)))
    for start in range(0, count, BATCH):
        params: list[Any] = list(
            zip(*(column[start : start + BATCH] for column in ready), strict=True)
        )
        if order is None:
            params = [dict(zip(keys, values, strict=True)) for values in params]
        connection.exec_driver_sql(compiled.string, params)


class _Repeat(Sequence[Any]):
    """``count`` times one value, sliced without copying it into a list first."""

    def __init__(self, value: Any, size: int) -> None:
        self.value, self.size = value, size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return repeat(self.value, len(range(*index.indices(self.size))))
        return self.value


def _defaulted(table: Table, names: Sequence[str]) -> bool:
    """Whether a column with a Python-side default is left out (insert() would fill it in)."""
    return any(
        c.default is not None and c.name not in names for c in table.columns if not c.primary_key
    )


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


@dataclass(frozen=True)
class IdMaps:
    """The database ids of the judges, cases and criteria, by the users' ids and keys."""

    judges: dict[str, int]
    cases: dict[str, int]
    criteria: dict[str, int]

    @classmethod
    def load(cls, session: Session) -> IdMaps:
        return cls(
            {key: pk for key, pk in session.execute(select(m.Judge.judge_id, m.Judge.id))},
            {key: pk for key, pk in session.execute(select(m.Case.case_id, m.Case.id))},
            {key: pk for key, pk in session.execute(select(m.Criterion.key, m.Criterion.id))},
        )


def write_scores(
    session: Session,
    round_: m.Round,
    entries: Sequence[ScoreEntry],
    provenance: Provenance,
) -> WriteCounts:
    counts = write_score_batch(session, round_, ScoreBatch.of(entries), provenance)
    return WriteCounts(len(entries), counts.added, counts.changed)


#: A batch from fewer judges than this reads only those judges' current values.
FEW_JUDGES = 100


def write_score_batch(
    session: Session,
    round_: m.Round,
    batch: ScoreBatch,
    provenance: Provenance,
    *,
    ids: IdMaps | None = None,
) -> WriteCounts:
    """Write the batch's values and comments (each place at most once in it) that differ from
    the current ones; ``rows`` counts its places. ``ids``: read already by the caller."""
    ids = ids or IdMaps.load(session)
    judges, cases, criteria = ids.judges, ids.cases, ids.criteria
    judge_pks = list(map(judges.__getitem__, batch.judge_ids))
    case_pks = list(map(cases.__getitem__, batch.case_ids))
    places = len(judge_pks)
    few = sorted(set(judge_pks)) if len(set(judge_pks)) < FEW_JUDGES else None

    # Row by row, criterion by criterion (the order of the unique index), built by C loops.
    keys = list(batch.values)
    width = len(keys)
    judge_col = list(chain.from_iterable(zip(*[judge_pks] * width, strict=True)))
    case_col = list(chain.from_iterable(zip(*[case_pks] * width, strict=True)))
    criterion_col = [criteria[key] for key in keys] * places
    value_col: list[Decimal | None] = list(
        chain.from_iterable(zip(*(batch.values[key] for key in keys), strict=True))
    )
    if has_none(value_col):  # places given for some criteria only (or a comment alone)
        given = list(map(is_not, value_col, repeat(None)))
        judge_col, case_col, criterion_col, value_col = (
            list(compress(column, given))
            for column in (judge_col, case_col, criterion_col, value_col)
        )
    score = m.Score.__table__.c
    current = _current(
        session,
        select(score.id, score.judge_pk, score.case_pk, score.criterion_id, score.value),
        score,
        round_.id,
        few,
    )
    added, changed = _write_changed(
        session,
        m.Score,
        current,
        list(zip(judge_col, case_col, criterion_col, strict=True)),
        value_col,
        {"judge_pk": judge_col, "case_pk": case_col, "criterion_id": criterion_col},
        "value",
        round_.id,
        provenance,
    )

    commented = [text is not None for text in batch.comments]
    comment_judges = list(compress(judge_pks, commented))
    comment_cases = list(compress(case_pks, commented))
    comment = m.ScoreComment.__table__.c
    _write_changed(
        session,
        m.ScoreComment,
        _current(
            session,
            select(comment.id, comment.judge_pk, comment.case_pk, comment.comment),
            comment,
            round_.id,
            few,
        ),
        list(zip(comment_judges, comment_cases, strict=True)),
        list(compress(batch.comments, commented)),
        {"judge_pk": comment_judges, "case_pk": comment_cases},
        "comment",
        round_.id,
        provenance,
    )
    return WriteCounts(places, added, changed)


def has_none(values: Iterable[object]) -> bool:
    """Whether ``values`` holds None (by identity, in C: ``None in values`` would compare each
    Decimal with None through the numbers ABCs, a hundred times slower)."""
    return any(map(is_, values, repeat(None)))


def _current(
    session: Session, query: Any, columns: Any, round_id: int, judge_pks: Sequence[int] | None
) -> dict[tuple[int, ...], tuple[int, object]]:
    """(judge pk, case pk[, criterion id]) → (row id, value) of the current rows of the round
    (of the judges given, when they are few)."""
    query = query.where(columns.round_id == round_id, columns.is_current)
    if judge_pks is not None:
        query = query.where(columns.judge_pk.in_(judge_pks))
    return {tuple(place): (row_id, value) for row_id, *place, value in session.execute(query)}


def _write_changed(
    session: Session,
    model: type[m.Base],
    current: Mapping[tuple[int, ...], tuple[int, object]],
    places: list[tuple[int, ...]],
    values: list[Any],
    columns: dict[str, list[Any]],
    value_name: str,
    round_id: int,
    provenance: Provenance,
) -> tuple[int, int]:
    """Supersede and insert where ``values`` differ from ``current``; (added, changed)."""
    replaced: list[int] = []
    if current:
        keep: list[bool] = []
        for old, value in zip(map(current.get, places), values, strict=True):
            if old is None:
                keep.append(True)
            elif old[1] == value:
                keep.append(False)
            else:
                replaced.append(old[0])
                keep.append(True)
        if not all(keep):
            values = list(compress(values, keep))
            columns = {name: list(compress(column, keep)) for name, column in columns.items()}
    supersede(session, model, replaced, provenance.entered_at)
    history = {key: Same(value) for key, value in provenance.columns().items()}
    insert_columns(
        session,
        model,
        {"round_id": Same(round_id), **columns, value_name: values, **history},
        len(values),
    )
    return len(values) - len(replaced), len(replaced)


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
