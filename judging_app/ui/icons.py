"""The application's icon (``judging_app/resources/icons/``, rendered from its SVG source by
``packaging/render_icons.py``): PNG sizes, so that no SVG plugin is needed to show it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_file(name: str, size: int) -> Path:
    return ICONS / "png" / f"{name}-{size}.png"


def app_icon() -> QIcon:
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(icon_file("judging-app", size)))
    return icon
