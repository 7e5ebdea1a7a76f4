"""A judge package dropped on a window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData

SUFFIX = ".jpkg"


def dropped_package(data: QMimeData) -> Path | None:
    """The first local ``.jpkg`` file in ``data``, or None."""
    if not data.hasUrls():
        return None
    for url in data.urls():
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() == SUFFIX:
                return path
    return None
