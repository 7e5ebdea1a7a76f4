"""`verify` re-checks every merged package from the signed bytes and public keys kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers import run
from tests.packages.conftest import issue, make_contest, return_copy


@pytest.fixture(scope="module")
def merged_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-worked contest with the three judges' written-round packages merged."""
    folder = tmp_path_factory.mktemp("merged")
    db = make_contest(folder / "contest")
    issued = issue(db, folder / "packages")
    returns = [
        return_copy(issued, judge, folder / "judge-data", folder / "returns")
        for judge in ("J1", "J2", "J3")
    ]
    assert run("import-scores", db, *returns) == 0
    return db


@pytest.fixture
def merged(merged_template: Path, tmp_path: Path) -> Path:
    db = tmp_path / "contest.jdb"
    with (
        closing(sqlite3.connect(merged_template)) as source,
        closing(sqlite3.connect(db)) as target,
    ):
        source.backup(target)
    return db


def _verify(capsys: pytest.CaptureFixture[str], db: Path) -> tuple[int, str]:
    capsys.readouterr()
    code = run("verify", db)
    (line,) = [line for line in capsys.readouterr().out.splitlines() if "packages:" in line]
    return code, line


def _sql(db: Path, statement: str, *params: object) -> None:
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute(statement, params)


def test_every_merged_signature_and_score_holds(
    merged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, line = _verify(capsys, merged)
    assert code == 0
    assert line.startswith("ok    packages: 3 merged revisions of 3 judges, every signature valid")
    assert "the 39 current scores they wrote are the values signed" in line  # 13 cases × 3


J1_REVISION = (
    "(SELECT r.id FROM package_revisions r JOIN issued_packages i ON r.issued_package_id = i.id "
    "JOIN judges j ON i.judge_pk = j.id WHERE j.judge_id = 'J1')"
)


@pytest.mark.parametrize(
    ("tampering", "message"),
    [
        (
            "UPDATE scores SET value = 40 WHERE source = 'package' AND is_current AND case_pk = "
            "(SELECT id FROM cases WHERE case_id = 'C1') AND criterion_id = "
            "(SELECT id FROM criteria WHERE key = 'creativity') AND judge_pk = "
            "(SELECT id FROM judges WHERE judge_id = 'J2')",
            "J2's revision 1 for round written: the score for C1 creativity is 40 in the "
            "database but 32 as signed",
        ),
        (
            "UPDATE package_revisions SET signed_payload = "
            "CAST(replace(CAST(signed_payload AS TEXT), '\"30\"', '\"31\"') AS BLOB) "
            f"WHERE id = {J1_REVISION}",
            "J1's revision 1 for round written: the signature does not verify",
        ),
        (
            "UPDATE issued_packages SET public_key = (SELECT public_key FROM issued_packages i "
            "JOIN judges j ON i.judge_pk = j.id WHERE j.judge_id = 'J3') WHERE judge_pk = "
            "(SELECT id FROM judges WHERE judge_id = 'J1')",
            "J1's revision 1 for round written: the signature does not verify",
        ),
        (
            f"UPDATE package_revisions SET digest = '{'0' * 64}' WHERE id = {J1_REVISION}",
            "J1's revision 1 for round written: the stored digest is not the SHA-256",
        ),
    ],
    ids=["score", "payload", "public key", "digest"],
)
def test_a_change_behind_the_apps_back_fails_naming_the_package(
    merged: Path, capsys: pytest.CaptureFixture[str], tampering: str, message: str
) -> None:
    _sql(merged, tampering)
    code, line = _verify(capsys, merged)
    assert code == 1
    assert line.startswith(f"FAIL  packages: {message}")
