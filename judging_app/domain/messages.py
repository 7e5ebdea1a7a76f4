"""One Qt-free catalogue of the messages that the services, the CLI and the window share.

Each module registers its own messages (Korean and English) with :func:`register`, and renders
them with :func:`text`. The language is chosen once by the front end (``set_language``); Korean is
the default for Korean locales, English otherwise. Parameters are filled with ``str.format``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("ko", "en")


@dataclass(frozen=True)
class Message:
    ko: str
    en: str


_catalogue: dict[str, Message] = {}
_language = ["en"]


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add ``{id: (korean, english)}`` to the catalogue; an id may be registered only once."""
    for message_id, (ko, en) in messages.items():
        existing = _catalogue.get(message_id)
        if existing is not None and existing != Message(ko, en):
            raise ValueError(f"message id registered twice: {message_id}")
        _catalogue[message_id] = Message(ko, en)


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language: {language}")
    _language[0] = language


def language() -> str:
    return _language[0]


def language_for_locale(locale_name: str | None) -> str:
    """'ko' for a Korean locale name such as ``ko_KR.UTF-8`` or ``Korean_Korea``, else 'en'."""
    name = (locale_name or "").lower()
    return "ko" if name.startswith(("ko", "korean")) else "en"


def text(message_id: str, **params: object) -> str:
    message = _catalogue[message_id]
    template = message.ko if _language[0] == "ko" else message.en
    return template.format(**params)


class UserError(Exception):
    """A refusal meant for the user: one line naming the file, row and column, or the config key.

    ``message_id`` and ``params`` let a front end re-render it in another language.
    """

    def __init__(self, message_id: str, **params: object) -> None:
        self.message_id = message_id
        self.params = params
        super().__init__(text(message_id, **params))

    def __str__(self) -> str:
        return text(self.message_id, **self.params)
