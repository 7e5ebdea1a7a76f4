"""The judge package file (``*.jpkg``): an SQLite database of its own kind.

A package is stamped ``PRAGMA application_id = 0x4A504B31`` ("JPK1"; a contest database is
"JDB1") and ``PRAGMA user_version = 1`` (:data:`FORMAT_VERSION`); a file from a newer app is
refused. Three kinds of file share this format:

- the **issued package**, written by the secretariat: everything below, no scores, rollback
  journal;
- the judge's **working copy**, a copy of it in the judge's data directory, where every action is
  committed at once (WAL, ``synchronous = FULL``);
- the **sealed return copy** that the judge hands back (``package_io.seal_return``): the working
  copy without the ``secret`` and ``local_state`` tables, vacuumed, so that not one byte of the
  key, encrypted or not, is in it — not in a free page either.

Tables (text is UTF-8; times are ``YYYY-MM-DDTHH:MM:SSZ`` UTC; scores are exact decimals as text)::

    package      one row: package_uid, contest_uid, contest_name, round_key, round_name, judge_id,
                 judge_name, judge_affiliation, panel, public_key (32 bytes), key_fingerprint,
                 pledge_text, issued_at, app_version
    criteria     position, key, name, max, step, description        (the round's criteria, rubric)
    cases        position, case_id, title, organization, category, summary, body,
                 excluded_reason (not NULL: an automatic conflict, the judge does not score it)
    scores       case_id, criterion, value, entered_at               (a cleared score has no row)
    comments     case_id, comment, entered_at                        (an empty comment has no row)
    conflicts    case_id, reason, declared_at                        (conflicts the judge declared)
    pledge       one row or none: name, signed_at
    submission   one row or none: revision, submitted_at, payload, signature, digest
    secret       one row: kdf, salt, n, r, p, nonce, ciphertext      (not in a return copy)
    local_state  one row: status (draft | submitted), revision, failed_unlocks, last_failed_at
                                                                     (not in a return copy)

``submission.payload`` is the canonical payload of :mod:`judging_app.exchange.digest` that
``signature`` (Ed25519) signs; it must equal the payload rebuilt from the tables
(:meth:`PackageFile.signed_content`). ``package.public_key`` lets the judge's app check its own
return copy; the secretariat verifies with the key in the contest database, never this one.

This module reads and checks packages and writes the judge's entries; writing whole files
(issuing, the working copy, the sealed return copy) is :mod:`judging_app.exchange.package_io`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from judging_app.domain.messages import UserError, register
from judging_app.exchange import digest
from judging_app.exchange.package_keys import KdfCost, SealedKey

APPLICATION_ID = 0x4A504B31  # "JPK1"
CONTEST_APPLICATION_ID = 0x4A444231  # "JDB1", to tell the user which file they picked
FORMAT_VERSION = 1
SQLITE_HEADER = b"SQLite format 3\x00"
PACKAGE_SUFFIX = ".jpkg"

register(
    {
        "pkgfile.missing": ("{file}: 파일이 없습니다", "{file}: no such file"),
        "pkgfile.unreadable": (
            "{file}: 파일을 읽을 수 없습니다 ({detail})",
            "{file}: cannot be read ({detail})",
        ),
        "pkgfile.not_package": (
            "{file}: 심사위원 패키지(.jpkg)가 아닙니다",
            "{file}: not a judge package (.jpkg)",
        ),
        "pkgfile.contest_db": (
            "{file}: 대회 데이터베이스입니다. 심사위원 패키지가 아닙니다",
            "{file}: a contest database, not a judge package",
        ),
        "pkgfile.newer": (
            "{file}: 더 새로운 버전의 앱이 만든 패키지입니다 (형식 {found}, 이 앱은 {supported}"
            "까지 읽습니다). 앱을 업데이트하십시오",
            "{file}: made by a newer version of the app (package format {found}; this app reads "
            "up to {supported}); update the app",
        ),
        "pkgfile.damaged": (
            "{file}: 패키지가 손상되었습니다 ({detail})",
            "{file}: the package is damaged ({detail})",
        ),
        "pkgfile.cannot_write": (
            "{file}: 파일을 쓸 수 없습니다 ({detail})",
            "{file}: cannot be written ({detail})",
        ),
    }
)


class FormatError(ValueError):
    """A value in the file that the format does not allow (caught and reported as damage)."""


@dataclass(frozen=True)
class PackageMeta:
    package_uid: str
    contest_uid: str
    contest_name: str
    round_key: str
    round_name: str
    judge_id: str
    judge_name: str
    judge_affiliation: str
    panel: str
    public_key: bytes
    key_fingerprint: str
    pledge_text: str
    issued_at: str
    app_version: str


@dataclass(frozen=True)
class CriterionInfo:
    key: str
    name: str
    max: Decimal
    step: Decimal
    description: str


@dataclass(frozen=True)
class CaseInfo:
    case_id: str
    title: str
    organization: str
    category: str
    summary: str
    body: str
    excluded_reason: str | None = None
    """Not None: an automatic conflict (the judge's affiliation), so the judge does not score it."""


@dataclass(frozen=True)
class Submission:
    revision: int
    submitted_at: str
    payload: bytes
    signature: bytes
    digest: str


@dataclass(frozen=True)
class Entries:
    """What a judge has entered: scores (case, criterion) → value, comments and declared conflicts
    (case → text). A package can be issued with entries already in it."""

    scores: Mapping[tuple[str, str], Decimal] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)
    conflicts: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LocalState:
    status: str
    revision: int
    failed_unlocks: int
    last_failed_at: str | None


SCHEMA = """
CREATE TABLE package (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    package_uid TEXT NOT NULL, contest_uid TEXT NOT NULL, contest_name TEXT NOT NULL,
    round_key TEXT NOT NULL, round_name TEXT NOT NULL,
    judge_id TEXT NOT NULL, judge_name TEXT NOT NULL, judge_affiliation TEXT NOT NULL,
    panel TEXT NOT NULL, public_key BLOB NOT NULL, key_fingerprint TEXT NOT NULL,
    pledge_text TEXT NOT NULL, issued_at TEXT NOT NULL, app_version TEXT NOT NULL
);
CREATE TABLE criteria (
    position INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    max TEXT NOT NULL, step TEXT NOT NULL, description TEXT NOT NULL
);
CREATE TABLE cases (
    position INTEGER PRIMARY KEY, case_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    organization TEXT NOT NULL, category TEXT NOT NULL, summary TEXT NOT NULL,
    body TEXT NOT NULL, excluded_reason TEXT
);
CREATE TABLE scores (
    case_id TEXT NOT NULL, criterion TEXT NOT NULL, value TEXT NOT NULL,
    entered_at TEXT NOT NULL, PRIMARY KEY (case_id, criterion)
);
CREATE TABLE comments (
    case_id TEXT PRIMARY KEY, comment TEXT NOT NULL, entered_at TEXT NOT NULL
);
CREATE TABLE conflicts (
    case_id TEXT PRIMARY KEY, reason TEXT NOT NULL, declared_at TEXT NOT NULL
);
CREATE TABLE pledge (
    id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, signed_at TEXT NOT NULL
);
CREATE TABLE submission (
    id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL, submitted_at TEXT NOT NULL,
    payload BLOB NOT NULL, signature BLOB NOT NULL, digest TEXT NOT NULL
);
CREATE TABLE secret (
    id INTEGER PRIMARY KEY CHECK (id = 1), kdf TEXT NOT NULL, salt BLOB NOT NULL,
    n INTEGER NOT NULL, r INTEGER NOT NULL, p INTEGER NOT NULL,
    nonce BLOB NOT NULL, ciphertext BLOB NOT NULL
);
CREATE TABLE local_state (
    id INTEGER PRIMARY KEY CHECK (id = 1), status TEXT NOT NULL, revision INTEGER NOT NULL,
    failed_unlocks INTEGER NOT NULL, last_failed_at TEXT
);
"""

#: Tables that only the judge's own copies have; a sealed return copy has neither.
LOCAL_TABLES = ("secret", "local_state")


# -- names and kinds of file -----------------------------------------------------------------------


def package_file_name(round_key: str, judge_id: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", judge_id).strip("._") or "judge"
    return f"{round_key}-{safe}{PACKAGE_SUFFIX}"


def sniff(path: Path) -> bool:
    """Whether ``path`` looks like a judge package (SQLite header and our application id)."""
    try:
        with path.open("rb") as file:
            head = file.read(72)
    except OSError:
        return False
    return (
        len(head) == 72
        and head[:16] == SQLITE_HEADER
        and int.from_bytes(head[68:72], "big") == APPLICATION_ID
    )


# -- opening ---------------------------------------------------------------------------------------


def check_file(path: Path, shown: str | None = None) -> None:
    """Refuse, naming the file, anything that is not an intact package this app can read."""
    _open_checked(path, shown or path.name).close()


def _open_checked(path: Path, shown: str) -> sqlite3.Connection:
    if not path.is_file():
        raise UserError("pkgfile.missing", file=shown)
    try:
        connection = connect_readonly(path)
    except sqlite3.Error as error:
        raise UserError("pkgfile.unreadable", file=shown, detail=why(error)) from error
    try:
        _check_connection(connection, shown, ours=sniff(path))
    except BaseException:
        connection.close()
        raise
    return connection


def _check_connection(connection: sqlite3.Connection, shown: str, *, ours: bool) -> None:
    """``ours``: the file's header says it is a package (so an unreadable one is damaged)."""
    try:
        application_id = _pragma(connection, "application_id")
        version = _pragma(connection, "user_version")
    except sqlite3.Error as error:  # "file is not a database", or a damaged one
        if ours:
            raise UserError("pkgfile.damaged", file=shown, detail=why(error)) from error
        raise UserError("pkgfile.not_package", file=shown) from error
    if application_id == CONTEST_APPLICATION_ID:
        raise UserError("pkgfile.contest_db", file=shown)
    if application_id != APPLICATION_ID or version < 1:
        raise UserError("pkgfile.not_package", file=shown)
    if version > FORMAT_VERSION:
        raise UserError("pkgfile.newer", file=shown, found=version, supported=FORMAT_VERSION)
    try:
        rows = connection.execute("PRAGMA quick_check(3)").fetchall()
        lines = [line.strip() for row in rows for line in str(row[0]).splitlines()]
        problem = "; ".join(line for line in lines if line and not line.startswith("***"))
    except (sqlite3.Error, ValueError) as error:  # a damaged page can make the report undecodable
        problem = why(error)
    if problem != "ok":
        raise UserError("pkgfile.damaged", file=shown, detail=problem)


def connect_readonly(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    connection.execute("PRAGMA trusted_schema = OFF")  # a crafted file runs no functions of ours
    return connection


def _pragma(connection: sqlite3.Connection, name: str) -> int:
    return int(connection.execute(f"PRAGMA {name}").fetchone()[0])


def why(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


# -- reading and writing a package -----------------------------------------------------------------


class PackageFile:
    """An open package. :meth:`open_readonly` for a file handed in (untrusted: every value is
    checked, and anything unexpected is reported as damage); :meth:`open_working` for the judge's
    working copy, where each write is its own durable transaction."""

    def __init__(self, connection: sqlite3.Connection, path: Path, shown: str) -> None:
        self._db = connection
        self.path = path
        self.shown = shown

    @classmethod
    def open_readonly(cls, path: Path, shown: str | None = None) -> PackageFile:
        shown = shown or path.name
        return cls(_open_checked(path, shown), path, shown)

    @classmethod
    def open_working(cls, path: Path) -> PackageFile:
        check_file(path)
        try:
            connection = sqlite3.connect(path, isolation_level=None)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA busy_timeout = 5000")
            connection.execute("PRAGMA trusted_schema = OFF")
        except sqlite3.Error as error:
            raise UserError("pkgfile.unreadable", file=path.name, detail=why(error)) from error
        return cls(connection, path, path.name)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> PackageFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Report anything unreadable or out of format inside the block as a damaged package."""
        try:
            yield
        except (sqlite3.Error, FormatError, InvalidOperation, ValueError, TypeError) as error:
            raise UserError("pkgfile.damaged", file=self.shown, detail=why(error)) from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One durable write: committed (and on disk) when the block ends, or rolled back."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- reads (checked) ---------------------------------------------------------------------------

    def tables(self) -> set[str]:
        rows = self._db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
        return {_text(row[0]) for row in rows}

    @property
    def is_sealed(self) -> bool:
        """A return copy: no key, no local state."""
        return not (set(LOCAL_TABLES) & self.tables())

    def meta(self) -> PackageMeta:
        row = self._one("SELECT * FROM package")
        if row is None:
            raise FormatError("no package row")
        names = PackageMeta.__dataclass_fields__
        values = {key: row[key] for key in row.keys() if key in names}  # noqa: SIM118
        for key, value in values.items():
            if key == "public_key":
                _blob(value, 32)
            else:
                _text(value)
        return PackageMeta(**values)

    def criteria(self) -> tuple[CriterionInfo, ...]:
        rows = self._db.execute(
            "SELECT key, name, max, step, description FROM criteria ORDER BY position"
        )
        return tuple(
            CriterionInfo(_text(k), _text(n), _decimal(mx), _decimal(st), _text(d))
            for k, n, mx, st, d in rows
        )

    def cases(self) -> tuple[CaseInfo, ...]:
        rows = self._db.execute(
            "SELECT case_id, title, organization, category, summary, body, excluded_reason "
            "FROM cases ORDER BY position"
        )
        return tuple(
            CaseInfo(
                case_id=_text(case_id),
                title=_text(title),
                organization=_text(organization),
                category=_text(category),
                summary=_text(summary),
                body=_text(body),
                excluded_reason=None if excluded is None else _text(excluded),
            )
            for case_id, title, organization, category, summary, body, excluded in rows
        )

    def scores(self) -> dict[tuple[str, str], Decimal]:
        rows = self._db.execute("SELECT case_id, criterion, value FROM scores")
        return {(_text(c), _text(k)): _decimal(v) for c, k, v in rows}

    def comments(self) -> dict[str, str]:
        rows = self._db.execute("SELECT case_id, comment FROM comments")
        return {_text(c): _text(t) for c, t in rows}

    def conflicts(self) -> dict[str, str]:
        rows = self._db.execute("SELECT case_id, reason FROM conflicts")
        return {_text(c): _text(r) for c, r in rows}

    def pledge(self) -> tuple[str, str] | None:
        row = self._one("SELECT name, signed_at FROM pledge")
        return None if row is None else (_text(row[0]), _text(row[1]))

    def submission(self) -> Submission | None:
        row = self._one("SELECT revision, submitted_at, payload, signature, digest FROM submission")
        if row is None:
            return None
        return Submission(_int(row[0]), _text(row[1]), _blob(row[2]), _blob(row[3]), _text(row[4]))

    def sealed_key(self) -> SealedKey:
        row = self._one("SELECT kdf, salt, n, r, p, nonce, ciphertext FROM secret")
        if row is None:
            raise FormatError("no key")
        cost = KdfCost(_int(row[2]), _int(row[3]), _int(row[4]))
        cost.check()
        return SealedKey(_text(row[0]), _blob(row[1]), cost, _blob(row[5]), _blob(row[6]))

    def local_state(self) -> LocalState:
        row = self._one("SELECT status, revision, failed_unlocks, last_failed_at FROM local_state")
        if row is None:
            raise FormatError("no local state")
        last = None if row[3] is None else _text(row[3])
        return LocalState(_text(row[0]), _int(row[1]), _int(row[2]), last)

    def signed_content(self, revision: int, submitted_at: str) -> digest.SignedContent:
        """What a signature of ``revision`` covers, read from the tables."""
        meta = self.meta()
        pledge = self.pledge()
        name, signed_at = pledge if pledge is not None else ("", "")
        return digest.content(
            contest=meta.contest_uid,
            round=meta.round_key,
            judge=meta.judge_id,
            package=meta.package_uid,
            key=meta.key_fingerprint,
            revision=revision,
            submitted_at=submitted_at,
            pledge=digest.Pledge(name, signed_at, meta.pledge_text),
            scores=[(c, k, v) for (c, k), v in self.scores().items()],
            comments=self.comments().items(),
            conflicts=self.conflicts().items(),
        )

    def _one(self, sql: str) -> sqlite3.Row | None:
        cursor = self._db.execute(sql)
        cursor.row_factory = sqlite3.Row
        rows = cursor.fetchmany(2)
        if len(rows) > 1:
            raise FormatError(f"more than one row: {sql}")
        return rows[0] if rows else None

    # -- writes (working copy) ---------------------------------------------------------------------

    def set_score(self, case_id: str, criterion: str, value: Decimal, at: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO scores (case_id, criterion, value, entered_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (case_id, criterion) DO UPDATE SET value = excluded.value, "
                "entered_at = excluded.entered_at",
                (case_id, criterion, digest.decimal_text(value), at),
            )

    def clear_score(self, case_id: str, criterion: str) -> None:
        with self.transaction() as db:
            db.execute(
                "DELETE FROM scores WHERE case_id = ? AND criterion = ?", (case_id, criterion)
            )

    def set_comment(self, case_id: str, comment: str, at: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM comments WHERE case_id = ?", (case_id,))
            if comment:
                db.execute(
                    "INSERT INTO comments (case_id, comment, entered_at) VALUES (?, ?, ?)",
                    (case_id, comment, at),
                )

    def declare_conflict(self, case_id: str, reason: str, at: str) -> None:
        """Declare a conflict and clear the case's scores and comment, in one transaction."""
        with self.transaction() as db:
            db.execute("DELETE FROM scores WHERE case_id = ?", (case_id,))
            db.execute("DELETE FROM comments WHERE case_id = ?", (case_id,))
            db.execute(
                "INSERT OR REPLACE INTO conflicts (case_id, reason, declared_at) VALUES (?, ?, ?)",
                (case_id, reason, at),
            )

    def withdraw_conflict(self, case_id: str) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM conflicts WHERE case_id = ?", (case_id,))

    def sign_pledge(self, name: str, at: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO pledge (id, name, signed_at) VALUES (1, ?, ?)", (name, at)
            )

    def record_failed_unlock(self, at: str) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE local_state SET failed_unlocks = failed_unlocks + 1, last_failed_at = ?",
                (at,),
            )

    def reset_failed_unlocks(self) -> None:
        with self.transaction() as db:
            db.execute("UPDATE local_state SET failed_unlocks = 0, last_failed_at = NULL")

    def record_submission(self, submission: Submission) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO submission "
                "(id, revision, submitted_at, payload, signature, digest) "
                "VALUES (1, ?, ?, ?, ?, ?)",
                (
                    submission.revision,
                    submission.submitted_at,
                    submission.payload,
                    submission.signature,
                    submission.digest,
                ),
            )
            db.execute(
                "UPDATE local_state SET status = 'submitted', revision = ?", (submission.revision,)
            )

    def reopen(self) -> None:
        """Back to draft after a submission: the next submission is a new revision."""
        with self.transaction() as db:
            db.execute("UPDATE local_state SET status = 'draft'")


# -- checked values --------------------------------------------------------------------------------


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise FormatError(f"text expected, found {type(value).__name__}")
    return value


def _int(value: object) -> int:
    if type(value) is not int:
        raise FormatError(f"a whole number expected, found {type(value).__name__}")
    return value


def _blob(value: object, size: int | None = None) -> bytes:
    if not isinstance(value, bytes) or (size is not None and len(value) != size):
        raise FormatError("binary data of the wrong kind or size")
    return value


def _decimal(value: object) -> Decimal:
    number = Decimal(_text(value))
    if not number.is_finite():
        raise FormatError(f"not a number: {value!r}")
    return number
