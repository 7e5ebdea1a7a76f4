"""A throwaway PostgreSQL server for the tests: a fresh cluster in a temporary folder.

The server comes from Debian's ``postgresql`` package (``.ci/run`` installs it): ``initdb`` and
``postgres`` from ``/usr/lib/postgresql/*/bin`` (or ``JUDGING_APP_PG_BIN``). The cluster listens on
127.0.0.1 at a free port, with fsync off (it is thrown away) and ``trust`` authentication for its
one role. As root (PostgreSQL refuses to run as root) the cluster belongs to the ``postgres`` user
and is started through ``runuser``.

``JUDGING_APP_TEST_PG=postgresql://user@host:port/dbname`` uses an existing server instead; its
role must be allowed to create databases.

A server that cannot start raises :class:`ServerUnavailable`: the tests that need it fail, loudly.

Run as a script (``python tests/pg_server.py``) it starts a cluster, prints its URL and keeps it
running until interrupted, for trying the app by hand.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROLE = "judging"


class ServerUnavailable(RuntimeError):
    """The PostgreSQL server for the tests could not be found or started."""


def _binaries() -> Path:
    given = os.environ.get("JUDGING_APP_PG_BIN")
    if given:
        return Path(given)
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    if not found:
        raise ServerUnavailable(
            "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin "
            "(apt-get install postgresql, or set JUDGING_APP_PG_BIN or JUDGING_APP_TEST_PG)"
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner() -> list[str]:
    """The command prefix that runs the server as a user other than root."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class PgServer:
    """A running server: ``url(name)`` for a database on it; ``stop()`` removes the cluster."""

    host: str
    port: int
    user: str
    admin_database: str = "postgres"
    folder: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    created: list[str] = field(default_factory=list)

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{database}"

    def admin(self) -> object:
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname=self.admin_database,
            autocommit=True,
        )

    def create_database(self, prefix: str = "t") -> str:
        """A new, empty database; its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self.admin() as connection:  # type: ignore[attr-defined]
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        self.created.append(name)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with self.admin() as connection:  # type: ignore[attr-defined]
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    def stop(self) -> None:
        if self.process is not None:
            # The server's own process group (runuser does not pass signals on): fast shutdown.
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        else:
            for name in list(self.created):
                self.drop_database(self.url(name))
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def start_server() -> PgServer:
    """The server of ``JUDGING_APP_TEST_PG``, or a new throwaway cluster."""
    given = os.environ.get("JUDGING_APP_TEST_PG")
    if given:
        return _existing(given)
    return _throwaway()


def _existing(url: str) -> PgServer:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    server = PgServer(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        admin_database=parsed.database or "postgres",
    )
    try:
        server.admin().close()  # type: ignore[attr-defined]
    except Exception as error:
        raise ServerUnavailable(f"JUDGING_APP_TEST_PG={url}: {error}") from error
    return server


def _throwaway() -> PgServer:
    binaries = _binaries()
    folder = Path(tempfile.mkdtemp(prefix="judging-app-pg-"))
    data = folder / "data"
    prefix = _as_owner()
    if prefix:
        shutil.chown(folder, "postgres", "postgres")
    run = {"check": True, "capture_output": True}
    try:
        subprocess.run(
            [
                *prefix,
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                ROLE,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            **run,  # type: ignore[call-overload]
        )
    except (OSError, subprocess.CalledProcessError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(error, "stderr", b"") or b""
        output = detail.decode(errors="replace")
        raise ServerUnavailable(f"initdb failed: {error} {output}") from error
    port = _free_port()
    log = folder / "server.log"
    options = [
        "-c", "listen_addresses=127.0.0.1",
        "-c", f"port={port}",
        "-c", f"unix_socket_directories={folder}",
        "-c", "fsync=off",
        "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off",
        "-c", "max_connections=200",
    ]  # fmt: skip
    with open(log, "wb") as log_file:
        if prefix:
            shutil.chown(log, "postgres", "postgres")
        process = subprocess.Popen(
            [*prefix, str(binaries / "postgres"), "-D", str(data), *options],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = PgServer("127.0.0.1", port, ROLE, folder=folder, process=process)
    deadline = time.monotonic() + 30
    while True:
        try:
            server.admin().close()  # type: ignore[attr-defined]
            return server
        except Exception as error:
            if process.poll() is not None or time.monotonic() > deadline:
                output = log.read_text(errors="replace")[-2000:]
                server.stop()
                raise ServerUnavailable(f"PostgreSQL did not start: {error}\n{output}") from error
            time.sleep(0.1)


if __name__ == "__main__":
    started = start_server()
    url = started.create_database("contest")
    print(url, flush=True)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        started.stop()
    sys.exit(0)
