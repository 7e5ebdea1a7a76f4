"""Where a contest database is: a file (a :class:`~pathlib.Path`) or a PostgreSQL database on a
server (a :class:`ServerAddress`), as the user gives it to a verb or the window.

A server is named by a URL, ``postgresql://user@host:port/dbname`` (``postgres://`` too; query
parameters such as ``?sslmode=require`` or ``?service=contest`` go to libpq as they are). The
password never appears in it: libpq takes it from ``PGPASSWORD``, ``~/.pgpass`` or a service
file, so the app never stores or prints it. A URL that holds a password is refused, with the
password masked in the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from judging_app.domain.messages import UserError, register

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")

register(
    {
        "address.password": (
            "{url}: 비밀번호를 URL에 넣지 마십시오. PGPASSWORD 환경 변수, ~/.pgpass 또는 서비스 "
            "파일에 두십시오 (앱은 비밀번호를 저장하지 않습니다)",
            "{url}: do not put the password in the URL; give it through PGPASSWORD, ~/.pgpass "
            "or a service file (the app never stores a password)",
        ),
        "address.bad_url": (
            "{url}: 데이터베이스 URL을 읽을 수 없습니다 ({detail}). 형식: "
            "postgresql://사용자@서버:포트/데이터베이스",
            "{url}: not a database URL ({detail}); the form is postgresql://user@host:port/dbname",
        ),
        "address.no_database": (
            "{url}: 데이터베이스 이름이 없습니다 (postgresql://사용자@서버/데이터베이스)",
            "{url}: no database name (postgresql://user@host/dbname)",
        ),
    }
)


@dataclass(frozen=True)
class ServerAddress:
    """A contest database on a PostgreSQL server. ``name`` and ``str()`` are what messages show."""

    url: URL

    @property
    def name(self) -> str:
        return _shown(self.url)

    def __str__(self) -> str:
        return self.name

    def engine_url(self) -> URL:
        """The SQLAlchemy URL with the psycopg 3 driver."""
        return self.url.set(drivername="postgresql+psycopg")


#: A contest database as the services take it.
ContestAddress = Path | ServerAddress


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


def parse_address(text: str | Path | ServerAddress) -> ContestAddress:
    """A path as given, or the server a ``postgresql://`` URL names (refusing one with a
    password in it)."""
    if isinstance(text, ServerAddress):
        return text
    if isinstance(text, Path) or not is_server_url(text):
        return Path(text)
    try:
        url = make_url(text.strip())
    except ArgumentError as error:
        raise UserError("address.bad_url", url=_masked_text(text), detail=str(error)) from error
    if url.password is not None:
        raise UserError("address.password", url=_shown(url))
    if not url.database and "service" not in url.query:
        raise UserError("address.no_database", url=_shown(url))
    return ServerAddress(url.set(drivername="postgresql"))


def _shown(url: URL) -> str:
    shown = url.set(drivername="postgresql")
    return shown.render_as_string(hide_password=True)


def _masked_text(text: str) -> str:
    """``text`` with whatever stands between ``user:`` and ``@`` replaced by ``***``."""
    scheme, _, rest = text.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}://{credentials}{at}{host}" if at else text
