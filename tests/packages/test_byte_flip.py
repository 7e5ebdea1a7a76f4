"""Flip the bytes of a small return copy one at a time: every flip is refused, or it changes
nothing that is merged — never a silent change.

Reading a copy takes a few milliseconds, so the test cannot flip all ~57,000 bytes of even the
smallest copy (14 pages of 4 KiB, mostly empty) within a few seconds. It flips, one at a time:

- every byte of the 100-byte database header;
- every byte of every row of the tables whose content is signed — ``scores``, ``comments``,
  ``conflicts``, ``pledge`` — and of ``submission`` (the signed payload, the signature and the
  digest), for a fixture small enough that each table is one page;
- every 5th byte of the ``package`` row (the identity, the public key and the pledge text);
- the page header and the cell pointers of every page;
- every 251st byte of the rest (free space, the schema, the rubric, the cases, the indexes).

About 1,700 flips of 1–3 ms each (the byte is flipped in place and restored).

For each flip, :func:`read_return` (what the merge reads from the file, checked against its
signed payload) either refuses with a UserError, or returns exactly the original's signed
content and submission — payload, signature and digest — from which everything the merge does
after reading the file (the public key lookup, the signature, the writes) is determined; a flip
that passes the file checks but changes the submission is refused by the full verification
against the contest database. A few accepted flips are then merged for real and must give the
same scores as the original.
"""

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from judging_app.domain.messages import UserError
from judging_app.services.contest import Contest
from judging_app.services.judge_session import JudgeSession
from judging_app.services.package_returns import read_return, verify_return
from tests.helpers import query, run
from tests.packages.conftest import FAST

CONFIG = """
[contest]
name = "작은 시험"

[[criteria]]
key = "idea"
name = "아이디어"
max = 10
step = 0.5

[[rounds]]
key = "r"
name = "심사"
aggregate = "mean"

[final]
expert_weight = 1
vote_weight = 0

[[awards]]
name = "상"
count = 1
"""
#: Tables whose every byte in use is flipped: what the judge signs and the signature itself.
SIGNED_TABLES = ("scores", "comments", "conflicts", "pledge", "submission")
#: ``package`` (the identity, the public key and the long pledge text): every 5th byte.
IDENTITY_STRIDE = 5
#: Everything else: every 251st byte.
STRIDE = 251


def tiny_return(tmp_path: Path) -> tuple[Path, Path]:
    """A contest of one judge and two cases, and the judge's return copy: one case scored with
    a comment, a conflict declared for the other."""
    (tmp_path / "c.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "cases.csv").write_text("case_id,title,organization\nK1,가,갑\nK2,나,을\n")
    (tmp_path / "judges.csv").write_text("judge_id,name,affiliation,r\nJ1,김,병,A\n")
    db = tmp_path / "tiny.jdb"
    assert run("init", db, "--config", tmp_path / "c.toml") == 0
    assert run("import-cases", db, tmp_path / "cases.csv") == 0
    assert run("import-judges", db, tmp_path / "judges.csv") == 0
    contest = Contest.open(db)
    issued = contest.issue_packages("r", tmp_path / "out", kdf_cost=FAST).packages[0]
    contest.close()
    with JudgeSession.open(issued.file, data_dir=tmp_path / "data") as session:
        session.unlock(issued.pin)
        session.sign_pledge("김")
        session.set_score("K1", "idea", "7.5")
        session.set_comment("K1", "좋음")
        session.declare_conflict("K2", "친척")
        session.submit()
        return db, session.export_return(tmp_path / "r-J1-r1.jpkg").path


def positions(path: Path, data: bytes) -> list[int]:
    page_size = int.from_bytes(data[16:18], "big")
    roots = dict(query(path, "SELECT name, rootpage FROM sqlite_schema WHERE type = 'table'"))
    strides = {roots[name]: 1 for name in SIGNED_TABLES} | {roots["package"]: IDENTITY_STRIDE}
    chosen = set(range(100)) | set(range(0, len(data), STRIDE))
    for number, start in enumerate(range(0, len(data), page_size), start=1):
        header = start + (100 if number == 1 else 0)
        kind = data[header]
        if kind not in (2, 5, 10, 13):  # not a b-tree page
            continue
        cells = int.from_bytes(data[header + 3 : header + 5], "big")
        pointers_end = header + (12 if kind in (2, 5) else 8) + 2 * cells
        chosen |= set(range(header, pointers_end))
        if number in strides:
            assert kind == 13, "the fixture's signed tables fit on one leaf page each"
            content = int.from_bytes(data[header + 5 : header + 7], "big") or 65536
            chosen |= set(range(start + content, start + page_size, strides[number]))
    return sorted(chosen)


def test_every_flipped_byte_is_refused_or_changes_nothing(tmp_path):
    db, copy = tiny_return(tmp_path)
    original = read_return(copy)
    data = copy.read_bytes()
    flipped = tmp_path / "flipped.jpkg"
    flipped.write_bytes(data)
    accepted: list[int] = []
    refused = 0
    contest = Contest.open(db)
    try:
        with Session(contest.engine) as session, flipper(flipped) as flip:
            for position in positions(copy, data):
                with flip(position):
                    try:
                        found = read_return(flipped)
                    except UserError:
                        refused += 1
                        continue
                    if (found.signed, found.submission) == (original.signed, original.submission):
                        accepted.append(position)
                        continue
                    try:  # e.g. a flip in the signature
                        verify_return(session, flipped)
                    except UserError:
                        refused += 1
                    else:
                        raise AssertionError(f"byte {position}: a changed package verified")
    finally:
        contest.close()
    assert refused > 500 and accepted

    snapshot = tmp_path / "before.jdb"
    backup(db, snapshot)
    assert run("import-scores", db, copy) == 0
    expected = current_scores(db)
    assert expected == [("K1", "idea", 7.5)]
    for position in accepted[:: max(1, len(accepted) // 3)][:3]:
        target = tmp_path / f"merged-{position}.jdb"
        backup(snapshot, target)
        with flipper(flipped) as flip, flip(position):
            assert run("import-scores", target, flipped) == 0
        assert current_scores(target) == expected


@contextmanager
def flipper(path: Path) -> Iterator[Callable[[int], AbstractContextManager[None]]]:
    """``flip(position)``: a context in which that byte of ``path`` is inverted (in place: a
    one-byte write is much cheaper than writing the file again)."""
    fd = os.open(path, os.O_RDWR)

    @contextmanager
    def flip(position: int) -> Iterator[None]:
        byte = os.pread(fd, 1, position)
        os.pwrite(fd, bytes([byte[0] ^ 0xFF]), position)
        try:
            yield
        finally:
            os.pwrite(fd, byte, position)

    try:
        yield flip
    finally:
        os.close(fd)


def backup(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as copy:
        reader.backup(copy)


def current_scores(db: Path) -> list[tuple[object, ...]]:
    return query(
        db,
        "SELECT c.case_id, k.key, s.value FROM scores s JOIN cases c ON c.id = s.case_pk "
        "JOIN criteria k ON k.id = s.criterion_id WHERE s.is_current ORDER BY 1, 2",
    )
