"""Writing judge package files: issuing one, copying it to the judge's working copy, sealing the
return copy — each flushed to disk and renamed into place, so a file is whole or absent.

The format itself is described in :mod:`judging_app.exchange.package`.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from contextlib import closing, suppress
from pathlib import Path

from judging_app.domain.messages import UserError
from judging_app.exchange import digest
from judging_app.exchange.package import (
    APPLICATION_ID,
    FORMAT_VERSION,
    LOCAL_TABLES,
    SCHEMA,
    CaseInfo,
    CriterionInfo,
    Entries,
    PackageMeta,
    check_file,
    connect_readonly,
    why,
)
from judging_app.exchange.package_keys import SealedKey

# -- writing an issued package ---------------------------------------------------------------------


def write_package(
    path: Path,
    meta: PackageMeta,
    criteria: tuple[CriterionInfo, ...],
    cases: tuple[CaseInfo, ...],
    sealed: SealedKey,
    entries: Entries | None = None,
) -> None:
    """Write a new issued package at ``path`` (which must not exist) and flush it to disk."""
    try:
        connection = sqlite3.connect(path, isolation_level=None)
        with closing(connection):
            connection.execute("PRAGMA journal_mode = DELETE")
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
            connection.execute("BEGIN")
            for statement in SCHEMA.split(";"):
                if statement.strip():
                    connection.execute(statement)
            _insert(connection, "package", {"id": 1, **meta.__dict__})
            for position, criterion in enumerate(criteria):
                _insert(
                    connection,
                    "criteria",
                    {
                        "position": position,
                        "key": criterion.key,
                        "name": criterion.name,
                        "max": digest.decimal_text(criterion.max),
                        "step": digest.decimal_text(criterion.step),
                        "description": criterion.description,
                    },
                )
            for position, case in enumerate(cases):
                _insert(connection, "cases", {"position": position, **case.__dict__})
            _insert(
                connection,
                "secret",
                {
                    "id": 1,
                    "kdf": sealed.kdf,
                    "salt": sealed.salt,
                    "n": sealed.cost.n,
                    "r": sealed.cost.r,
                    "p": sealed.cost.p,
                    "nonce": sealed.nonce,
                    "ciphertext": sealed.ciphertext,
                },
            )
            _insert_entries(connection, entries or Entries(), meta.issued_at)
            _insert(
                connection,
                "local_state",
                {"id": 1, "status": "draft", "revision": 0, "failed_unlocks": 0},
            )
            connection.execute("COMMIT")
        fsync_file(path)
    except (sqlite3.Error, OSError) as error:
        raise UserError("pkgfile.cannot_write", file=path.name, detail=why(error)) from error


def _insert_entries(connection: sqlite3.Connection, entries: Entries, at: str) -> None:
    for (case_id, criterion), value in sorted(entries.scores.items()):
        row = {"case_id": case_id, "criterion": criterion, "value": digest.decimal_text(value)}
        _insert(connection, "scores", {**row, "entered_at": at})
    for case_id, comment in sorted(entries.comments.items()):
        if comment:
            _insert(
                connection, "comments", {"case_id": case_id, "comment": comment, "entered_at": at}
            )
    for case_id, reason in sorted(entries.conflicts.items()):
        _insert(connection, "conflicts", {"case_id": case_id, "reason": reason, "declared_at": at})


def _insert(connection: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


# -- files on disk ---------------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_directory(path: Path) -> None:
    """Make a rename in ``path`` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(source: Path, target: Path) -> None:
    """Rename ``source`` over ``target`` (same directory) and make the rename durable."""
    os.replace(source, target)
    fsync_directory(target.parent)


def temporary_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.partial")


def copy_to_working(source: Path, target: Path) -> None:
    """Copy the package at ``source`` (read-only: a stick is never written) to ``target``, durably,
    and switch the copy to WAL. The copy is readable by its owner only (it holds the sealed key;
    SQLite gives its WAL files the same permissions)."""
    check_file(source)
    partial = temporary_name(target)
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        reader = connect_readonly(source)
        with closing(reader), closing(sqlite3.connect(partial)) as copy:
            reader.backup(copy)
            copy.execute("PRAGMA journal_mode = WAL")
            copy.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        fsync_file(partial)
        replace_durably(partial, target)
    except (sqlite3.Error, OSError) as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserError("pkgfile.cannot_write", file=target.name, detail=why(error)) from error


# -- the sealed return copy ------------------------------------------------------------------------


def seal_return(working: Path, target: Path, staging_dir: Path) -> None:
    """Write the sealed return copy of ``working`` at ``target``.

    In ``staging_dir`` (the judge's own disk, so that no byte of the key is ever written to the
    stick, not even in a journal): ``VACUUM INTO`` a temporary file, switch it to a rollback
    journal, drop the key and the local state with ``secure_delete`` on, ``VACUUM`` again so no
    free page is left, and ``integrity_check``. Then copy it next to ``target`` under a temporary
    name, fsync, rename over ``target`` and fsync the directory. The caller reads ``target``
    back and compares the digest.
    """
    staging = staging_dir / f".seal-{uuid.uuid4().hex}.jpkg"
    partial = temporary_name(target)
    try:
        with closing(sqlite3.connect(working, isolation_level=None)) as source:
            source.execute("VACUUM INTO ?", (str(staging),))
        with closing(sqlite3.connect(staging, isolation_level=None)) as copy:
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute("PRAGMA secure_delete = ON")
            copy.execute("BEGIN")
            for table in LOCAL_TABLES:
                copy.execute(f"DROP TABLE IF EXISTS {table}")
            copy.execute("COMMIT")
            copy.execute("VACUUM")
            rows = copy.execute("PRAGMA integrity_check").fetchall()
            if [row[0] for row in rows] != ["ok"]:
                raise sqlite3.DatabaseError(f"integrity_check: {rows[:3]}")
        data = staging.read_bytes()
        with partial.open("xb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        replace_durably(partial, target)
    except (sqlite3.Error, OSError) as error:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserError("pkgfile.cannot_write", file=target.name, detail=why(error)) from error
    finally:
        for suffix in ("", "-journal"):
            with suppress(OSError):
                Path(f"{staging}{suffix}").unlink(missing_ok=True)
