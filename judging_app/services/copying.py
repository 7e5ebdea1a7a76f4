"""``judging-app copy SRC DST``: a whole contest moved between a file and a server, either way.

Every row of every table goes across with its id: the history (replaced and cleared values, not
only the current ones), the merged packages with their signed payloads, the imports, the reports
recorded and the append-only audit log. The destination is created empty by the same migrations
and filled in the same transaction, so a copy that fails leaves no half-filled contest; a
destination that exists (a file) or holds tables (a server's database) is refused. Afterwards the
copy is checked as ``verify`` checks a contest.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, insert, inspect, select

from judging_app.domain.messages import UserError, register
from judging_app.services import safekeeping
from judging_app.services.verification import Verification, verify_contest
from judging_app.store import models as m
from judging_app.store.address import ContestAddress

#: Rows read and written at a time.
BATCH = 2000
#: Tables of the database that are no contest data: Alembic's and the server's identity table.
_BOOKKEEPING = frozenset({"alembic_version", "judging_app_database"})

register(
    {
        "copy.unknown_tables": (
            "{file}: 이 앱이 모르는 테이블이 있어 복사하지 않습니다 ({tables})",
            "{file}: holds tables this app does not know ({tables}); it is not copied",
        ),
    }
)


@dataclass(frozen=True)
class CopyResult:
    source: ContestAddress
    target: ContestAddress
    #: Table name → rows copied, in the order written.
    rows: dict[str, int]
    verification: Verification


def copy_contest(source: ContestAddress | str, target: ContestAddress | str) -> CopyResult:
    """Copy the contest at ``source`` into a new contest database at ``target``, then verify it."""
    source = safekeeping.address(source)
    target = safekeeping.address(target)
    reading = safekeeping.open_access(source, read_only=True)
    rows: dict[str, int] = {}
    try:
        with reading.engine.connect() as origin:
            unknown = set(inspect(origin).get_table_names()) - _BOOKKEEPING
            unknown -= set(m.Base.metadata.tables)
            if unknown:
                raise UserError(
                    "copy.unknown_tables", file=source.name, tables=", ".join(sorted(unknown))
                )

            def fill(destination: Connection) -> None:
                for table in m.Base.metadata.sorted_tables:
                    result = origin.execute(
                        select(table).order_by(*table.primary_key.columns)
                    ).mappings()
                    count = 0
                    while batch := result.fetchmany(BATCH):
                        destination.execute(insert(table), [dict(row) for row in batch])
                        count += len(batch)
                    rows[table.name] = count

            safekeeping.create_access(target, fill=fill).close()
    finally:
        reading.close()
    return CopyResult(source, target, rows, verify_contest(target))
