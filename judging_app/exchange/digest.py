"""The canonical form of what a judge signs, and its digest — computed the same on every machine.

Both sides use this module: the judge's app builds the payload from the package's tables when the
judge submits, and the secretariat rebuilds it from the returned file's tables and compares it
byte for byte with the payload that was signed.

Byte layout (format ``judging-app/signed-scores/1``)
----------------------------------------------------

The payload is one JSON object, encoded as UTF-8 with no BOM, written exactly as Python's
``json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)``
writes it: object keys sorted by code point, no whitespace, non-ASCII characters as themselves
(not ``\\u`` escapes), ``"`` ``\\`` and control characters below U+0020 escaped the way that
function escapes them. Keys and values::

    {"comments":  [{"case": str, "comment": str}, ...],          sorted by case
     "conflicts": [{"case": str, "reason": str}, ...],           sorted by case
     "contest":   str,        the contest's uid
     "format":    "judging-app/signed-scores/1",
     "judge":     str,        the judge's id
     "key":       str,        the fingerprint of the judge's public key (SHA-256 hex, 64 digits)
     "package":   str,        the uid of the issued package
     "pledge":    {"name": str, "signed_at": str, "text": str},
     "revision":  int,        1 for the first submission, +1 for each amendment
     "round":     str,        the round's key
     "scores":    [{"case": str, "criterion": str, "value": str}, ...],
                                      sorted by (case, criterion)
     "submitted_at": str}

- Every string is NFC-normalised first, so text typed on macOS (NFD) and on Windows (NFC) signs
  the same. Lists are sorted by the code points of the NFC keys.
- Scores are exact decimals written as strings in plain notation without trailing zeros or
  exponent: ``30``, ``12.5``, ``0`` (``30.0`` and ``3E+1`` are both ``30``; ``-0`` is ``0``).
  ``revision`` is the only JSON number; there are no floats anywhere.
- Times are UTC, to the second: ``2025-06-01T09:30:00Z``.
- A comment is listed only when it is not empty; a cleared score is not listed.

The **digest** is the SHA-256 of those bytes (64 lowercase hex digits). Its first 16 digits,
upper case in four groups (``1A2B 3C4D 5E6F 7A8B``), are short enough to read aloud: the printed
score sheet shows them beside the judge's signature. The Ed25519 signature is over the payload
bytes themselves.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

FORMAT = "judging-app/signed-scores/1"


class PayloadError(ValueError):
    """A payload that is not in the canonical form (the file was changed or is damaged)."""


@dataclass(frozen=True)
class Pledge:
    name: str
    signed_at: str
    text: str


@dataclass(frozen=True)
class SignedContent:
    """Everything a judge's signature covers. Build it with :func:`content`, which normalises."""

    contest: str
    round: str
    judge: str
    package: str
    key: str
    revision: int
    submitted_at: str
    pledge: Pledge
    scores: tuple[tuple[str, str, Decimal], ...] = ()
    """(case id, criterion key, value), sorted."""
    comments: tuple[tuple[str, str], ...] = ()
    """(case id, comment), sorted, none empty."""
    conflicts: tuple[tuple[str, str], ...] = ()
    """(case id, reason), sorted."""


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def decimal_text(value: Decimal) -> str:
    """A decimal in plain notation without trailing zeros: ``30``, ``12.5``, ``0``."""
    if not value.is_finite():
        raise PayloadError(f"not a finite number: {value}")
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")


def timestamp(moment: datetime) -> str:
    """UTC to the second, ``2025-06-01T09:30:00Z``; a naive time is refused (zone unknown)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content(
    *,
    contest: str,
    round: str,
    judge: str,
    package: str,
    key: str,
    revision: int,
    submitted_at: str,
    pledge: Pledge,
    scores: Iterable[tuple[str, str, Decimal]],
    comments: Iterable[tuple[str, str]],
    conflicts: Iterable[tuple[str, str]],
) -> SignedContent:
    """The content in canonical form: NFC text, sorted lists, empty comments left out."""
    return SignedContent(
        contest=nfc(contest),
        round=nfc(round),
        judge=nfc(judge),
        package=nfc(package),
        key=nfc(key),
        revision=revision,
        submitted_at=nfc(submitted_at),
        pledge=Pledge(nfc(pledge.name), nfc(pledge.signed_at), nfc(pledge.text)),
        scores=tuple(sorted((nfc(c), nfc(k), v) for c, k, v in scores)),
        comments=tuple(sorted((nfc(c), nfc(t)) for c, t in comments if t)),
        conflicts=tuple(sorted((nfc(c), nfc(r)) for c, r in conflicts)),
    )


def payload(signed: SignedContent) -> bytes:
    """The canonical bytes of ``signed`` (see the module docstring)."""
    signed = content(
        contest=signed.contest,
        round=signed.round,
        judge=signed.judge,
        package=signed.package,
        key=signed.key,
        revision=signed.revision,
        submitted_at=signed.submitted_at,
        pledge=signed.pledge,
        scores=signed.scores,
        comments=signed.comments,
        conflicts=signed.conflicts,
    )
    if type(signed.revision) is not int or signed.revision < 1:
        raise PayloadError(f"revision {signed.revision!r} is not a positive whole number")
    _unique("score", [(c, k) for c, k, _ in signed.scores])
    _unique("comment", [c for c, _ in signed.comments])
    _unique("conflict", [c for c, _ in signed.conflicts])
    document = {
        "comments": [{"case": c, "comment": t} for c, t in signed.comments],
        "conflicts": [{"case": c, "reason": r} for c, r in signed.conflicts],
        "contest": signed.contest,
        "format": FORMAT,
        "judge": signed.judge,
        "key": signed.key,
        "package": signed.package,
        "pledge": {
            "name": signed.pledge.name,
            "signed_at": signed.pledge.signed_at,
            "text": signed.pledge.text,
        },
        "revision": signed.revision,
        "round": signed.round,
        "scores": [
            {"case": c, "criterion": k, "value": decimal_text(v)} for c, k, v in signed.scores
        ],
        "submitted_at": signed.submitted_at,
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate
        raise PayloadError("text that is not valid Unicode") from error


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short_digest(full: str) -> str:
    """The first 16 hex digits in groups of four, to read aloud: ``1A2B 3C4D 5E6F 7A8B``."""
    head = full[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, 16, 4))


def parse(data: bytes) -> SignedContent:
    """Read a payload back, accepting only the exact canonical bytes :func:`payload` writes."""
    try:
        document = json.loads(data.decode("utf-8"), parse_float=_no_float, parse_constant=_no_float)
        signed = _from_document(document)
    except (ValueError, TypeError, KeyError, AttributeError, InvalidOperation) as error:
        raise PayloadError(f"not a signed payload ({error})") from error
    if payload(signed) != data:
        raise PayloadError("the payload is not in canonical form")
    return signed


def _unique(what: str, keys: list[object]) -> None:
    if len(set(keys)) != len(keys):
        raise PayloadError(f"a {what} listed twice")


def _no_float(text: str) -> object:
    raise PayloadError(f"a float in the payload: {text}")


def _from_document(document: object) -> SignedContent:
    doc = _mapping(document)
    if doc.get("format") != FORMAT:
        raise PayloadError(f"unknown payload format {doc.get('format')!r}")
    pledge = _mapping(doc["pledge"])
    revision = doc["revision"]
    if type(revision) is not int:
        raise PayloadError("revision is not a whole number")
    return content(
        contest=_text(doc["contest"]),
        round=_text(doc["round"]),
        judge=_text(doc["judge"]),
        package=_text(doc["package"]),
        key=_text(doc["key"]),
        revision=revision,
        submitted_at=_text(doc["submitted_at"]),
        pledge=Pledge(_text(pledge["name"]), _text(pledge["signed_at"]), _text(pledge["text"])),
        scores=[
            (_text(s["case"]), _text(s["criterion"]), Decimal(_text(s["value"])))
            for s in map(_mapping, _list(doc["scores"]))
        ],
        comments=[
            (_text(c["case"]), _text(c["comment"])) for c in map(_mapping, _list(doc["comments"]))
        ],
        conflicts=[
            (_text(c["case"]), _text(c["reason"])) for c in map(_mapping, _list(doc["conflicts"]))
        ],
    )


def _mapping(value: object) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise PayloadError("an object was expected")
    return value


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise PayloadError("a list was expected")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise PayloadError("text was expected")
    return value
