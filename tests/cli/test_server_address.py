"""A contest on a server is named by a URL; its password never is part of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run

ROOT = Path(__file__).resolve().parents[2]


def test_a_url_with_a_password_is_refused_and_the_password_never_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("status", "postgresql://secretariat:s3cret@db.example.org/contest") == 1
    error = capsys.readouterr().err
    assert "s3cret" not in error
    assert "postgresql://secretariat:***@db.example.org/contest" in error
    assert "PGPASSWORD, ~/.pgpass or a service file" in error


def test_a_url_without_a_database_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("rank", "postgresql://secretariat@db.example.org") == 1
    assert "no database name" in capsys.readouterr().err


def test_a_server_out_of_reach_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("status", "postgresql://nobody@127.0.0.1:1/contest") == 1
    error = capsys.readouterr().err.strip()
    assert "postgresql://nobody@127.0.0.1:1/contest: cannot connect to the server" in error
    assert "\n" not in error


@pytest.mark.sqlite_only
def test_rank_json_on_a_file_does_not_load_the_postgresql_driver(
    ready: dict[str, Path],
) -> None:
    """The driver is loaded for a server only: ``rank --json`` on a file stays quick."""
    code = (
        "import sys; from judging_app.cli import main; "
        f"main(['rank', {str(ready['db'])!r}, '--json']); "
        "print('psycopg' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    ).stdout
    assert out.strip().splitlines()[-1] == "False"
