"""Digests: our manifests use lowercase hex sha256; WARCs from anywhere may carry sha1 or
sha256 in base32 (warcio, Heritrix), base16 or base64. `parse_digest` reads them all.

Example:
    parse_digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")  # -> ("sha1", b"...")
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from typing import BinaryIO

from lionrock.errors import LionRockError

CHUNK = 1 << 16
SIZES = {"sha1": 20, "sha256": 32, "sha512": 64, "md5": 16}


class DigestError(LionRockError):
    """A digest string we cannot read."""


def sha256_hex(data: bytes) -> str:
    """Lowercase hex sha256 of `data`.

    Example: `sha256_hex(b"")` starts with `"e3b0c442"`.
    """
    return hashlib.sha256(data).hexdigest()


def sha256_stream(stream: BinaryIO) -> tuple[str, int]:
    """The lowercase hex sha256 of a stream read to its end, and its size in bytes."""
    hasher = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        hasher.update(chunk)
        size += len(chunk)
    return hasher.hexdigest(), size


def parse_digest(value: str) -> tuple[str, bytes]:
    """Split `ALGO:VALUE` and decode VALUE from base32, hex or base64 (by its length).

    Example: `parse_digest("sha256:" + "00" * 32)` returns `("sha256", bytes(32))`.
    """
    algo, sep, text = value.strip().partition(":")
    algo = algo.lower().replace("-", "")
    if not sep or algo not in SIZES:
        raise DigestError(f"unknown digest {value[:80]!r}")
    size = SIZES[algo]
    decoders: tuple[Callable[[str], bytes], ...] = (
        bytes.fromhex,
        lambda t: base64.b32decode(t.upper() + "=" * (-len(t) % 8)),
        lambda t: base64.b64decode(t + "=" * (-len(t) % 4), validate=True),
    )
    for decode in decoders:
        try:
            raw = decode(text)
        except (ValueError, binascii.Error):
            continue
        if len(raw) == size:
            return algo, raw
    raise DigestError(f"cannot decode digest {value[:80]!r}")


def normalize_digest(value: str) -> str:
    """A digest as `algo:lowercasehex`, whatever encoding it came in.

    Example: `normalize_digest("sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ")`
    returns `"sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709"`.
    """
    algo, raw = parse_digest(value)
    return f"{algo}:{raw.hex()}"


def digest_matches(value: str, data: bytes) -> bool:
    """Whether a digest string (any encoding) is the digest of `data`."""
    algo, raw = parse_digest(value)
    return hashlib.new(algo, data).digest() == raw
