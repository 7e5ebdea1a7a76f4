"""A seat's window shows what another seat changed: the contest on a PostgreSQL server."""

from pathlib import Path

import pytest

from judging_app.services import safekeeping
from judging_app.ui.contest_window import ContestWindow
from tests.cli.conftest import CASES, CONFIG, JUDGES, VOTES
from tests.helpers import run
from tests.pg_server import PgServer


def test_a_window_reloads_when_another_seat_changes_the_contest(
    qtbot, controller, pg_server: PgServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_server.create_database("window")
    for name, text in (("c.toml", CONFIG), ("cases.csv", CASES), ("judges.csv", JUDGES)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "votes.csv").write_text(VOTES, encoding="utf-8")
    assert run("init", url, "--config", tmp_path / "c.toml") == 0
    assert run("import-cases", url, tmp_path / "cases.csv") == 0
    monkeypatch.setattr(ContestWindow, "POLL_MS", 100)
    window = controller.open_contest(safekeeping.address(url))
    assert window is not None and window.poll.isActive()
    window.show_step("votes")
    votes = window.pages["votes"]
    assert votes.total.text() == "0 votes in all"
    audit = window.pages["audit"]
    before = window.contest.revision()

    # Another seat (its own process would do the same through the server) imports the judges
    # and the votes.
    assert run("import-judges", url, tmp_path / "judges.csv") == 0
    assert run("import-votes", url, tmp_path / "votes.csv") == 0

    qtbot.waitUntil(lambda: votes.total.text() == "2,800 votes in all", timeout=10000)
    assert "another seat" in window.statusBar().currentMessage()
    assert window.contest.revision() == before + 2
    window.show_step("audit")
    actions = [audit.model.index(r, 2).data() for r in range(audit.model.rowCount())]
    assert any("import-votes" in str(a) for a in actions), actions
