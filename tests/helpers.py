"""Helpers shared by the tests."""

import sqlite3
from pathlib import Path

from judging_app.cli import main


def run(*args: object) -> int:
    return main([str(a) for a in args])


def dump(db: Path) -> list[str]:
    """Every row of every table, to prove a refused action changed nothing."""
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.execute(sql))
    finally:
        connection.close()
