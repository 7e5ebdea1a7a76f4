"""Fixtures of the store tests: one migrated template database per session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from judging_app.store.engine import create_contest_database, open_contest_database


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.jdb"
    create_contest_database(path).dispose()
    return path


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "contest.jdb"
    shutil.copyfile(template_db, path)
    return path


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = open_contest_database(db_path)
    yield engine
    engine.dispose()
