"""Small file helpers shared by the imports: digests and text files such as the contest TOML."""

from __future__ import annotations

import hashlib
from pathlib import Path

from judging_app.domain.messages import UserError, register

register(
    {
        "file.missing": ("파일 {file}을(를) 찾을 수 없습니다", "file {file} does not exist"),
        "file.unreadable": (
            "파일 {file}을(를) 읽을 수 없습니다: {reason}",
            "cannot read {file}: {reason}",
        ),
        "file.not_utf8": (
            "파일 {file}은(는) UTF-8 텍스트가 아닙니다 ({line}행)",
            "{file} is not UTF-8 text (line {line})",
        ),
    }
)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_utf8_text(path: Path) -> str:
    """A UTF-8 text file (a BOM is allowed), refused cleanly when missing or not UTF-8."""
    if not path.is_file():
        raise UserError("file.missing", file=path.name)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError("file.unreadable", file=path.name, reason=error.strerror) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError("file.not_utf8", file=path.name, line=line) from None
