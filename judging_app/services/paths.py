"""Where the app keeps its own files: the user's data directory (logs, working copies)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "judging-app"


def data_dir() -> Path:
    path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return data_dir() / "judging-app.log"
