"""The demo contest, written for a newcomer to try every step."""

from __future__ import annotations

from pathlib import Path

from judging_app.exchange.demo import DemoFiles, write_demo


def write_demo_contest(directory: Path) -> DemoFiles:
    directory.mkdir(parents=True, exist_ok=True)
    return write_demo(directory)
