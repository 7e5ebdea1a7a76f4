"""The canonical payload that a judge signs: its exact bytes, and what it refuses to read."""

import hashlib
import json
import unicodedata
from decimal import Decimal

import pytest

from judging_app.exchange import digest


def content(**changes):
    fields = {
        "contest": "c0ffee",
        "round": "written",
        "judge": "J1",
        "package": "p1",
        "key": "ab" * 32,
        "revision": 1,
        "submitted_at": "2025-06-02T09:00:00Z",
        "pledge": digest.Pledge("김민수", "2025-06-02T08:55:00Z", "서약"),
        "scores": [("C2", "utility", Decimal("21.0")), ("C1", "impact", Decimal("3E+1"))],
        "comments": [("C2", "좋음"), ("C1", "")],
        "conflicts": [("C4", "자문")],
    }
    return digest.content(**{**fields, **changes})


def test_the_documented_byte_layout():
    expected = (
        '{"comments":[{"case":"C2","comment":"좋음"}],'
        '"conflicts":[{"case":"C4","reason":"자문"}],'
        '"contest":"c0ffee","format":"judging-app/signed-scores/1","judge":"J1",'
        f'"key":"{"ab" * 32}","package":"p1",'
        '"pledge":{"name":"김민수","signed_at":"2025-06-02T08:55:00Z","text":"서약"},'
        '"revision":1,"round":"written",'
        '"scores":[{"case":"C1","criterion":"impact","value":"30"},'
        '{"case":"C2","criterion":"utility","value":"21"}],'
        '"submitted_at":"2025-06-02T09:00:00Z"}'
    ).encode()
    data = digest.payload(content())
    assert data == expected
    assert digest.digest(data) == hashlib.sha256(expected).hexdigest()
    assert digest.parse(data) == content()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("30", "30"),
        ("30.00", "30"),
        ("3E+1", "30"),
        ("12.50", "12.5"),
        ("0.0", "0"),
        ("-0", "0"),
        ("0.5", "0.5"),
        ("1E-2", "0.01"),
        ("100", "100"),
    ],
)
def test_decimals_are_plain_and_without_trailing_zeros(value, text):
    assert digest.decimal_text(Decimal(value)) == text


def test_text_is_nfc_so_the_normalisation_typed_does_not_matter():
    nfd = {
        "pledge": digest.Pledge(
            unicodedata.normalize("NFD", "김민수"), "2025-06-02T08:55:00Z", "서약"
        ),
        "comments": [("C2", unicodedata.normalize("NFD", "좋음"))],
        "conflicts": [("C4", unicodedata.normalize("NFD", "자문"))],
    }
    assert digest.payload(content(**nfd)) == digest.payload(content())
    assert digest.short_digest("0123456789abcdef" + "0" * 48) == "0123 4567 89AB CDEF"


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace('"revision":1', '"revision": 1'),  # whitespace
        lambda text: text.replace('"revision":1', '"revision":1.0'),  # a float
        lambda text: text.replace('"value":"30"', '"value":"30.0"'),  # not canonical
        lambda text: text.replace('"value":"30"', '"value":30'),  # a number
        lambda text: text.replace("judging-app/signed-scores/1", "judging-app/signed-scores/2"),
        lambda text: text.replace('"contest":"c0ffee",', ""),  # a key missing
        lambda text: text.replace('{"comments"', '{"aaa":1,"comments"'),  # a key added
        lambda text: text.replace("김민수", unicodedata.normalize("NFD", "김민수")),
        lambda text: text[:-1],
        lambda text: "[]",
    ],
)
def test_anything_but_the_canonical_bytes_is_refused(change):
    text = digest.payload(content()).decode()
    with pytest.raises(digest.PayloadError):
        digest.parse(change(text).encode())


def test_a_score_listed_twice_is_refused():
    document = json.loads(digest.payload(content()))
    document["scores"].append(document["scores"][0])
    document["scores"].sort(key=lambda s: (s["case"], s["criterion"]))
    data = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with pytest.raises(digest.PayloadError):
        digest.parse(data.encode())
