"""`judging-app` alone opens the home screen; `open FILE` a contest or a judge package; `open
--demo` the demo."""

import pytest

from judging_app import cli
from tests.helpers import run


@pytest.fixture
def opened(monkeypatch):
    calls = []

    def fake_window(path=None, *, demo=False):
        calls.append((path, demo))
        return 0

    monkeypatch.setattr(cli, "_window", fake_window)
    return calls


def test_no_verb_opens_the_home_screen(opened):
    assert run() == 0
    assert opened == [(None, False)]


def test_open_a_file_or_the_demo(opened, tmp_path):
    assert run("open", tmp_path / "c.jdb") == 0
    assert run("open", "--demo") == 0
    assert opened == [(tmp_path / "c.jdb", False), (None, True)]


def test_open_a_judge_package(opened, tmp_path):
    assert run("open", tmp_path / "J01.jpkg") == 0  # the judge's window (tests/ui/judge)
    assert opened == [(tmp_path / "J01.jpkg", False)]


def test_open_without_a_file_opens_the_home_screen(opened):
    """What the desktop menu entry runs: `judging-app open %f` with no file given."""
    assert run("open") == 0
    assert opened == [(None, False)]
