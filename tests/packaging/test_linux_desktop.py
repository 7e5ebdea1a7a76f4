"""The Linux desktop integration: the menu entry and the file types validate, and the install
script puts them where the desktop finds them (and removes them again)."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "judging-app.desktop"
MIME = LINUX / "judging-app.xml"
NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
needs = pytest.mark.skipif


def tool(name: str) -> str | None:
    return shutil.which(name)


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))


def test_the_mime_types_name_both_files():
    root = ET.parse(MIME).getroot()
    types = {t.get("type"): t for t in root.findall("m:mime-type", NS)}
    assert set(types) == {"application/x-judging-app-package", "application/x-judging-app-contest"}
    package = types["application/x-judging-app-package"]
    assert [g.get("pattern") for g in package.findall("m:glob", NS)] == ["*.jpkg"]
    assert package.find("m:magic/m:match", NS).attrib == {
        "type": "string",
        "offset": "68",
        "value": "JPK1",  # judging_app.exchange.package.APPLICATION_ID
    }
    contest = types["application/x-judging-app-contest"]
    assert [g.get("pattern") for g in contest.findall("m:glob", NS)] == ["*.jdb"]
    assert contest.find("m:magic/m:match", NS).get("value") == "JDB1"
    korean = package.find("m:comment[@{http://www.w3.org/XML/1998/namespace}lang='ko']", NS)
    assert korean is not None and korean.text == "심사위원 패키지"


def test_the_application_ids_in_the_mime_types_are_the_apps():
    from judging_app.exchange.package import APPLICATION_ID, CONTEST_APPLICATION_ID

    assert APPLICATION_ID.to_bytes(4, "big") == b"JPK1"
    assert CONTEST_APPLICATION_ID.to_bytes(4, "big") == b"JDB1"


def test_the_menu_entry_opens_files_through_open():
    entry = desktop_entry(DESKTOP)
    assert entry["Exec"] == "judging-app open %f"
    assert entry["MimeType"] == (
        "application/x-judging-app-package;application/x-judging-app-contest;"
    )
    assert entry["Name[ko]"] == "심사 관리"
    assert entry["Icon"] == "judging-app"


@needs(tool("xmllint") is None, reason="xmllint (libxml2-utils) is not installed")
def test_xmllint_finds_the_mime_xml_well_formed():
    subprocess.run(["xmllint", "--noout", str(MIME)], check=True)


@needs(tool("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_the_menu_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout == "", result.stdout


@needs(tool("update-mime-database") is None, reason="shared-mime-info is not installed")
def test_the_install_script_registers_the_app_and_its_files(tmp_path):
    program = tmp_path / "my apps" / "judging-app"  # a path with a space, quoted in Exec
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    data = tmp_path / "share"
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    subprocess.run([LINUX / "install.sh", program], check=True, env=env, capture_output=True)

    installed = data / "applications" / "judging-app.desktop"
    assert desktop_entry(installed)["Exec"] == f'"{program}" open %f'
    if tool("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", installed], capture_output=True)
        assert result.returncode == 0 and result.stdout == b""
    # update-mime-database compiled our types: the glob and the magic are in its tables.
    globs = (data / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert "50:application/x-judging-app-package:*.jpkg" in globs
    assert "50:application/x-judging-app-contest:*.jdb" in globs
    compiled = data / "mime" / "application" / "x-judging-app-package.xml"
    assert "심사위원 패키지" in compiled.read_text(encoding="utf-8")
    assert b"JPK1" in (data / "mime" / "magic").read_bytes()
    icons = data / "icons" / "hicolor"
    for size in (16, 48, 256, 512):
        assert (icons / f"{size}x{size}" / "apps" / "judging-app.png").is_file()
        assert (
            icons / f"{size}x{size}" / "mimetypes" / "application-x-judging-app-package.png"
        ).is_file()
    assert (icons / "scalable" / "apps" / "judging-app.svg").is_file()

    subprocess.run([LINUX / "install.sh", "--uninstall"], check=True, env=env, capture_output=True)
    assert not installed.exists()
    assert not (data / "mime" / "packages" / "judging-app.xml").exists()
    assert not (icons / "48x48" / "apps" / "judging-app.png").exists()
    assert "judging-app" not in (data / "mime" / "globs2").read_text(encoding="utf-8")
