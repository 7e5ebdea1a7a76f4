"""Render the icons from their SVG sources: PNG sizes, a Windows .ico and a macOS .icns.

    .venv/bin/python packaging/render_icons.py      (make icons)

Each ``judging_app/resources/icons/NAME.svg`` (the application and the two file types) becomes
``png/NAME-SIZE.png`` for SIZE in 16…512, ``NAME.ico`` (16…256, PNG entries, Windows Vista on) and
``NAME.icns`` (16…1024, PNG entries, macOS 10.7 on). Qt's SVG renderer draws them, offscreen; the
.ico and .icns containers are written here, their formats being a header and a table of PNGs.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "judging_app" / "resources" / "icons"
NAMES = ("judging-app", "contest-database", "judge-package")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: The .icns entry types that hold a PNG, by pixel size (the @2x types share a size).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (a width or height of 256 is written as 0)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
        images += pngs[size]
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: the magic, the total length, then (type, length, PNG) per entry."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def render_all(directory: Path = ICONS) -> list[Path]:
    written = []
    (directory / "png").mkdir(exist_ok=True)
    for name in NAMES:
        svg = directory / f"{name}.svg"
        sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
        pngs = {size: render(svg, size) for size in sizes}
        for size in PNG_SIZES:
            path = directory / "png" / f"{name}-{size}.png"
            path.write_bytes(pngs[size])
            written.append(path)
        for path, data in (
            (directory / f"{name}.ico", ico({s: pngs[s] for s in ICO_SIZES})),
            (directory / f"{name}.icns", icns(pngs)),
        ):
            path.write_bytes(data)
            written.append(path)
    return written


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    for path in render_all():
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
