"""A judge's signing key: Ed25519, kept in the package encrypted with a 6-digit PIN.

- The PIN is drawn with :mod:`secrets` (``000000``–``999999``).
- The key that encrypts is derived from the PIN with scrypt (:class:`KdfCost`, stored in the
  package beside a random 16-byte salt) and used with AES-256-GCM (random 12-byte nonce). The
  associated data binds the ciphertext to its package: ``b"judging-app key 1|" + package uid +
  b"|" + key fingerprint``, so a ciphertext moved into another package does not decrypt.
- The fingerprint of a public key is the SHA-256 of its 32 raw bytes, in hex.

A 6-digit PIN has a million values, so the scrypt cost is what makes guessing slow for someone
who holds the package file: at the default cost each guess costs about 0.2 s of one core and
64 MiB (see :data:`DEFAULT_COST`). The app itself also slows down repeated wrong PINs.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

# cryptography is imported where it is used: a ranking or a report never loads it (0.1 s).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

KDF = "scrypt"
PIN_DIGITS = 6
SALT_BYTES = 16
NONCE_BYTES = 12
_AAD_PREFIX = b"judging-app key 1|"


@dataclass(frozen=True)
class KdfCost:
    """scrypt's parameters: ``n`` (CPU/memory cost, a power of 2), ``r`` (block size), ``p``."""

    n: int
    r: int = 8
    p: int = 1

    def check(self) -> None:
        """Refuse parameters that are not scrypt's, or so large that a crafted package could make
        the app spend minutes or gigabytes on one try."""
        if self.n < 2 or self.n & (self.n - 1) or self.n > MAX_N:
            raise ValueError(f"scrypt n={self.n} is not a power of 2 up to {MAX_N}")
        if not (1 <= self.r <= 32 and 1 <= self.p <= 16):
            raise ValueError(f"scrypt r={self.r}, p={self.p} out of range")


#: n = 2**16, r = 8: 64 MiB and, measured on the development machine (AMD EPYC, cryptography 50
#: with OpenSSL), 0.19 s per derivation (2**15 took 0.095 s: below the 0.1 s the design asks for).
DEFAULT_COST = KdfCost(n=2**16, r=8, p=1)
MAX_N = 2**20


@dataclass(frozen=True)
class SealedKey:
    """A private key encrypted with a PIN, as stored in the package's ``secret`` table."""

    kdf: str
    salt: bytes
    cost: KdfCost
    nonce: bytes
    ciphertext: bytes


class WrongPin(Exception):
    """The PIN does not decrypt the key (or the sealed key was altered)."""


def new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def new_private_key() -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate()


def public_bytes(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def private_bytes(key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


def _aad(package_uid: str, key_fingerprint: str) -> bytes:
    return _AAD_PREFIX + package_uid.encode() + b"|" + key_fingerprint.encode()


def derive_key(pin: str, salt: bytes, cost: KdfCost) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    cost.check()
    kdf = Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p)
    return kdf.derive(pin.encode("ascii"))


def seal(
    key: Ed25519PrivateKey, pin: str, *, package_uid: str, cost: KdfCost = DEFAULT_COST
) -> SealedKey:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    aad = _aad(package_uid, fingerprint(public_bytes(key.public_key())))
    ciphertext = AESGCM(derive_key(pin, salt, cost)).encrypt(nonce, private_bytes(key), aad)
    return SealedKey(KDF, salt, cost, nonce, ciphertext)


def unseal(
    sealed: SealedKey, pin: str, *, package_uid: str, key_fingerprint: str
) -> Ed25519PrivateKey:
    """The private key, or :class:`WrongPin`. The key must match ``key_fingerprint``."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if sealed.kdf != KDF or not pin.isascii():
        raise WrongPin
    try:
        raw = AESGCM(derive_key(pin, sealed.salt, sealed.cost)).decrypt(
            sealed.nonce, sealed.ciphertext, _aad(package_uid, key_fingerprint)
        )
    except InvalidTag:
        raise WrongPin from None
    key = Ed25519PrivateKey.from_private_bytes(raw)
    if fingerprint(public_bytes(key.public_key())) != key_fingerprint:
        raise WrongPin
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    """Whether ``signature`` is ``public_key``'s signature of ``data`` (Ed25519, RFC 8032)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True
