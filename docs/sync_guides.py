"""Copy the user guides (docs/guide-*.md) and the screenshots they show into the package, where
the Help menu opens them: ``make guides`` after editing a guide or taking screenshots again.

    .venv/bin/python docs/sync_guides.py          copy
    .venv/bin/python docs/sync_guides.py --check  exit 1 if the package's copies are out of date
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
GUIDES = DOCS.parent / "judging_app" / "resources" / "guides"
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def wanted() -> dict[str, Path]:
    """{path inside the guides folder: source} for every guide and every image a guide shows."""
    files: dict[str, Path] = {}
    for guide in sorted(DOCS.glob("guide-*.md")):
        files[guide.name] = guide
        for target in IMAGE.findall(guide.read_text(encoding="utf-8")):
            source = DOCS / target
            if not source.is_file():
                raise SystemExit(f"{guide.name}: shows {target}, which is not in docs/")
            files[target] = source
    return files


def present() -> set[str]:
    return {p.relative_to(GUIDES).as_posix() for p in GUIDES.rglob("*") if p.is_file()}


def out_of_date() -> list[str]:
    files = wanted()
    stale = [
        name
        for name, source in files.items()
        if not (GUIDES / name).is_file() or (GUIDES / name).read_bytes() != source.read_bytes()
    ]
    return sorted(stale + sorted(present() - set(files)))


def sync() -> None:
    files = wanted()
    for name in present() - set(files):
        (GUIDES / name).unlink()
    for name, source in files.items():
        (GUIDES / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, GUIDES / name)


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        stale = out_of_date()
        if stale:
            print("out of date in judging_app/resources/guides (make guides):", *stale)
            sys.exit(1)
    else:
        sync()
