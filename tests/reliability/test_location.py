"""A contest database on a network share or in a cloud-synced folder is warned about."""

from __future__ import annotations

from pathlib import Path

import pytest

from judging_app.services.contest import Contest
from judging_app.store.location import location_notices
from tests.helpers import run

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//fileserver/심사 /mnt/office cifs rw,vers=3.0 0 0
nas:/export/contests /srv/contests nfs4 rw 0 0
me@host:/home/me /home/me/remote fuse.sshfs rw 0 0
tmpfs /srv/contests/local tmpfs rw 0 0
/dev/sdb1 /media/usb\\040stick vfat rw 0 0
//nas/share\\040two /mnt/share\\040two smb3 rw 0 0
"""


def _notices(path: str, **kwargs: object) -> list[str]:
    options: dict[str, object] = {"mounts": MOUNTS, "environ": {}, "platform": "linux"}
    options.update(kwargs)
    return [str(n) for n in location_notices(Path(path), **options)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/mnt/office/2025/contest.jdb", "cifs //fileserver/심사"),
        ("/srv/contests/contest.jdb", "nfs4 nas:/export/contests"),
        ("/home/me/remote/contest.jdb", "fuse.sshfs me@host:/home/me"),
        ("/mnt/share two/contest.jdb", "smb3 //nas/share two"),
    ],
)
def test_a_network_mount_is_named_with_its_type(path: str, reason: str) -> None:
    (notice,) = _notices(path)
    assert notice == (
        f"contest.jdb: lies on a network share ({reason}), where locking and saving are not "
        "reliable and the file can be damaged; move it to a local folder of this computer"
    )


@pytest.mark.parametrize(
    "path",
    ["/home/me/contest.jdb", "/srv/contests/local/contest.jdb", "/media/usb stick/contest.jdb"],
)
def test_a_local_folder_is_not_warned_about(path: str) -> None:
    assert _notices(path) == []  # the longest mount point decides: tmpfs inside an nfs mount


@pytest.mark.parametrize(
    "path",
    [r"\\fileserver\심사\contest.jdb", "//fileserver/share/contest.jdb", r"\\?\UNC\srv\s\c.jdb"],
)
def test_a_unc_path_is_a_network_share(path: str) -> None:
    (notice,) = _notices(path, platform="win32")
    assert "lies on a network share (UNC " in notice


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/Users/kim/Library/CloudStorage/OneDrive-Personal/contest.jdb", "OneDrive"),
        ("C:/Users/kim/OneDrive - 서울특별시/심사/contest.jdb", "OneDrive"),
        ("/home/kim/Dropbox/contest.jdb", "Dropbox"),
        ("/home/kim/Dropbox (Personal)/contest.jdb", "Dropbox"),
        ("G:/My Drive/contest.jdb", "Google Drive"),
        ("/Users/kim/Library/CloudStorage/GoogleDrive-kim@example.com/contest.jdb", "Google Drive"),
        ("/Users/kim/Library/Mobile Documents/com~apple~CloudDocs/contest.jdb", "iCloud"),
        ("C:/Users/kim/iCloudDrive/contest.jdb", "iCloud"),
    ],
)
def test_a_cloud_synced_folder_is_named(path: str, service: str) -> None:
    notices = _notices(path, mounts="")
    assert notices == [
        f"contest.jdb: lies in a folder that {service} synchronises, which can upload the file "
        "half-written or bring back an older copy over it; move it to a local folder that is "
        "not synchronised"
    ]


def test_a_onedrive_folder_is_found_from_its_environment_variable(tmp_path: Path) -> None:
    synced = tmp_path / "회사 문서"
    assert _notices(str(synced / "contest.jdb"), mounts="") == []
    (notice,) = _notices(str(synced / "contest.jdb"), mounts="", environ={"OneDrive": str(synced)})
    assert "OneDrive synchronises" in notice


def test_a_file_named_like_a_service_is_not_a_synced_folder() -> None:
    assert _notices("/home/kim/dropbox-export.jdb", mounts="") == []


def test_opening_says_it_on_stderr_and_to_the_window(
    small: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = small["db"]
    fake = f"{small['db'].parent}/x nfs rw 0 0\n//server/share {db.parent} cifs rw 0 0\n"
    real_read_text = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if str(self) == "/proc/mounts":
            return fake
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    capsys.readouterr()
    assert run("status", db) == 0
    err = capsys.readouterr().err
    assert err.startswith("warning: contest.jdb: lies on a network share (cifs //server/share)")
    contest = Contest.open(db)
    try:
        assert [n.message_id for n in contest.notices] == ["location.network"]
    finally:
        contest.close()
