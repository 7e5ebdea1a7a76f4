"""Where a contest database lives: a network share or a cloud-synced folder is warned about.

SQLite's locking and ``fsync`` are only as good as the file system under it. On a network share
(SMB/CIFS, NFS, SSHFS) locks can be lost and two offices can corrupt the file together; a folder
that OneDrive, Dropbox, Google Drive or iCloud synchronises may upload a half-written file, or
bring back an older copy over a newer one ("conflicted copy"). The app still opens such a file,
but says why it should be moved to a local folder.

Found by: a UNC path (``\\\\server\\share``), a mapped network drive on Windows, the mount type
of the folder on Linux (``/proc/mounts``), and the folder names and environment variables the sync
clients use on Windows, macOS and Linux. macOS network volumes are not recognised by mount type.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from judging_app.domain.messages import register, text

#: Linux mount types of network file systems (``fuse.*`` types of network clients included).
NETWORK_MOUNT_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smbfs",
        "smb3",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "davfs",
        "fuse.sshfs",
        "fuse.rclone",
        "fuse.davfs2",
        "fuse.gvfsd-fuse",
        "fuse.s3fs",
    }
)

#: Folder names of sync clients, as they appear in a path (compared case-insensitively).
_CLOUD_FOLDERS: tuple[tuple[str, str], ...] = (
    ("onedrive", "OneDrive"),
    ("dropbox", "Dropbox"),
    ("google drive", "Google Drive"),
    ("googledrive", "Google Drive"),
    ("my drive", "Google Drive"),
    ("내 드라이브", "Google Drive"),
    ("icloud drive", "iCloud"),
    ("iclouddrive", "iCloud"),
    ("mobile documents", "iCloud"),
    ("box sync", "Box"),
    ("naver mybox", "NAVER MYBOX"),
)
_CLOUD_ENVIRONMENT = {"OneDrive", "OneDriveConsumer", "OneDriveCommercial"}

register(
    {
        "location.network": (
            "{file}: 네트워크 공유 폴더({detail})에 있습니다. 잠금과 저장이 믿을 만하지 않아 "
            "파일이 손상될 수 있으니 이 컴퓨터의 로컬 폴더로 옮겨 쓰십시오",
            "{file}: lies on a network share ({detail}), where locking and saving are not "
            "reliable and the file can be damaged; move it to a local folder of this computer",
        ),
        "location.cloud": (
            "{file}: {service}가 동기화하는 폴더에 있습니다. 동기화가 쓰는 도중의 파일을 "
            "올리거나 이전 사본으로 덮어쓸 수 있으니 동기화되지 않는 로컬 폴더로 옮겨 쓰십시오",
            "{file}: lies in a folder that {service} synchronises, which can upload the file "
            "half-written or bring back an older copy over it; move it to a local folder that "
            "is not synchronised",
        ),
    }
)


@dataclass(frozen=True)
class Notice:
    """A warning for the user, rendered in the current language when shown."""

    message_id: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return text(self.message_id, **self.params)


def location_notices(
    path: Path,
    *,
    shown: object = None,
    mounts: str | None = None,
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
) -> list[Notice]:
    """Warnings about where ``path`` lives (none for a local, unsynchronised folder).

    ``mounts`` (the text of ``/proc/mounts``), ``environ`` and ``platform`` are for the tests.
    """
    shown = path.name if shown is None else shown
    notices = []
    network = _network_reason(path, mounts, platform)
    if network:
        notices.append(Notice("location.network", {"file": shown, "detail": network}))
    service = _cloud_service(path, os.environ if environ is None else environ)
    if service:
        notices.append(Notice("location.cloud", {"file": shown, "service": service}))
    return notices


def _network_reason(path: Path, mounts: str | None, platform: str) -> str:
    raw = str(path)
    if raw.startswith(("\\\\", "//")) and not raw.startswith(("\\\\?\\", "\\\\.\\", "//?/")):
        return "UNC " + raw.replace("/", "\\").split("\\")[2]
    if raw.startswith("\\\\?\\UNC\\"):
        return "UNC " + raw.split("\\")[4]
    absolute = _absolute(path)
    if platform == "win32":
        return _windows_drive_reason(absolute)
    if platform.startswith("linux"):
        if mounts is None:
            try:
                mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
            except OSError:
                return ""
        return _mount_reason(absolute, mounts)
    return ""


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _mount_reason(path: PurePath, mounts: str) -> str:
    """The mount type of the longest mount point containing ``path``, if it is a network one."""
    best: tuple[int, str, str] = (-1, "", "")
    for line in mounts.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        source, point, kind = _unescape(parts[0]), _unescape(parts[1]), parts[2]
        if _contains(PurePath(point), path) and len(point) > best[0]:
            best = (len(point), kind, source)
    _, kind, source = best
    return f"{kind} {source}" if kind in NETWORK_MOUNT_TYPES else ""


def _contains(folder: PurePath, path: PurePath) -> bool:
    return folder == path or folder in path.parents


def _unescape(field_text: str) -> str:
    """``/proc/mounts`` writes a space as ``\\040`` (octal escapes)."""
    return (
        field_text.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
    )


def _windows_drive_reason(path: Path) -> str:  # pragma: no cover - Windows only
    drive = path.drive
    if not drive or sys.platform != "win32":
        return ""
    import ctypes

    drive_remote = 4
    if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:
        return f"{drive} (network drive)"
    return ""


def _cloud_service(path: Path, environ: Mapping[str, str]) -> str:
    absolute = _absolute(path)
    for variable in sorted(_CLOUD_ENVIRONMENT):
        root = environ.get(variable)
        if root and _contains(PurePath(root), absolute):
            return "OneDrive"
    return _cloud_folder(absolute.parts[:-1])


def _cloud_folder(folders: Sequence[str]) -> str:
    for folder in folders:
        name = folder.casefold()
        for marker, service in _CLOUD_FOLDERS:
            # "OneDrive - Company", "Dropbox (Personal)", "GoogleDrive-me@example.com"
            if name == marker or name.startswith((marker + " ", marker + "-", marker + " (")):
                return service
        if name == "com~apple~clouddocs":
            return "iCloud"
    return ""
