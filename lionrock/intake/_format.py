"""The sealed item: one message, file, reply or manifest, encrypted as a stream to the
recipients' public keys (issue #15 §2, GlobaLeaks' scheme).

A fresh 256-bit key encrypts the content with libsodium's secretstream
(XChaCha20-Poly1305, 64 KiB chunks); that key is sealed (crypto_box_seal, X25519) to each
recipient. Whoever holds no recipient's secret key, the server included, reads nothing.

```
"LRX1"  chunk exponent (16)  recipient count (n)
n x ( key ID: BLAKE2b-64 of the public key | sealed file key: 80 bytes )
secretstream header (24 bytes)
chunks of 2^16 + 17 bytes; the first authenticates the header above as additional data,
the last carries TAG_FINAL
```

The plaintext stream is `u32 meta length | meta (JSON) | content | zeros | trailer`, the
trailer being `u64 content length | u8 flags (1 = interrupted) | 7 zeros`. Its length is
Padmé-padded (Nikitin et al., PETS 2019: at most 12% larger, leaking O(log log L) bits of
the length) and then rounded up to whole chunks, so every message under 64 KiB has the same
size and a file's size is known only to within a few percent. A missing final chunk, a
reordered, altered or extra chunk, or an altered header fails authentication.

Example:
    sealer = Sealer(recipients=[public_key], meta={"kind": "file", "name": "a.pdf"})
    out.write(sealer.header + sealer.feed(data) + sealer.finish())
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from nacl import bindings as sodium
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from lionrock.errors import LionRockError

MAGIC = b"LRX1"
CHUNK_EXP = 16
CHUNK = 1 << CHUNK_EXP
ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
STREAM_HEADER = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
KEY_ID_BYTES = 8
SEALED_KEY_BYTES = 32 + 48  # crypto_box_seal adds an ephemeral key and a MAC
TRAILER = 16
FLAG_INTERRUPTED = 1
MAX_META = 16 * 1024
TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL


class SealedItemError(LionRockError):
    """A sealed item could not be opened: damaged, altered, cut short or not for us."""


class NotARecipient(SealedItemError):
    """The item is not sealed to the key given."""


def key_id(public: bytes) -> bytes:
    """The 8-byte ID a header names a recipient by (BLAKE2b of the public key)."""
    return hashlib.blake2b(public, digest_size=KEY_ID_BYTES).digest()


def padme(length: int) -> int:
    """Padmé: round `length` up so that only O(log log L) bits of it remain.

    Example: `padme(1000) == 1024`, `padme(500_000_000) == 503_316_480`.
    """
    if length < 2:
        return length
    exponent = length.bit_length() - 1
    significant = exponent.bit_length()
    mask = (1 << (exponent - significant)) - 1
    return (length + mask) & ~mask


def padded_size(plain: int) -> int:
    """The plaintext stream length for `plain` bytes of meta and content: Padmé-padded
    with the trailer, in whole chunks."""
    return -(-padme(plain + TRAILER) // CHUNK) * CHUNK


def sealed_size(plain: int, recipients: int) -> int:
    """The size on disk of an item of `plain` bytes of meta and content."""
    header = len(MAGIC) + 2 + recipients * (KEY_ID_BYTES + SEALED_KEY_BYTES) + STREAM_HEADER
    chunks = padded_size(plain) // CHUNK
    return header + chunks * (CHUNK + ABYTES)


class Sealer:
    """Encrypts one item as it arrives: `header`, then `feed()` as often as needed, then
    `finish()`. Nothing but ciphertext leaves it; it holds at most two chunks.

    Example: `Sealer(recipients=[pk], meta={"kind": "message"})`.
    """

    def __init__(self, *, recipients: Sequence[bytes], meta: dict[str, Any]) -> None:
        if not recipients:
            raise LionRockError("no recipients: add a recipient's public key first")
        if len(recipients) > 255:
            raise LionRockError("at most 255 recipients")
        key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        stream_header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        parts = [MAGIC, bytes([CHUNK_EXP, len(recipients)])]
        for public in recipients:
            parts += [key_id(public), SealedBox(PublicKey(public)).encrypt(key)]
        #: the item's cleartext header, to be written first
        self.header = b"".join([*parts, stream_header])
        self._ad: bytes | None = self.header
        self._buffer = bytearray()
        self._fed = 0
        self.content_bytes = 0
        self.finished = False
        encoded = json.dumps(meta, ensure_ascii=False, sort_keys=True).encode()
        if len(encoded) > MAX_META:
            raise LionRockError("item metadata too large")
        early = self._take(struct.pack(">I", len(encoded)) + encoded)
        assert not early, "the metadata fits in the first chunk (MAX_META < CHUNK)"

    def _push(self, chunk: bytes, tag: int) -> bytes:
        ad, self._ad = self._ad, None
        return sodium.crypto_secretstream_xchacha20poly1305_push(self._state, chunk, ad, tag)

    def _take(self, data: bytes | bytearray | memoryview) -> list[bytes]:
        """Encrypt every full chunk but the last (only `finish` knows which one is final),
        straight from the input where it can: one copy per byte, not five."""
        self._fed += len(data)
        view = memoryview(data).cast("B")
        out: list[bytes] = []
        if self._buffer:
            room = CHUNK - len(self._buffer)
            self._buffer += view[:room]
            view = view[room:]
            if not view:
                return out
            out.append(self._push(bytes(self._buffer), TAG_MESSAGE))
            self._buffer.clear()
        while len(view) > CHUNK:
            out.append(self._push(view[:CHUNK].tobytes(), TAG_MESSAGE))
            view = view[CHUNK:]
        self._buffer += view
        return out

    def feed_chunks(self, data: bytes | bytearray | memoryview) -> list[bytes]:
        """Encrypt more content; return the ciphertext ready so far, as chunks."""
        self.content_bytes += len(data)
        return self._take(data)

    def feed(self, data: bytes | bytearray | memoryview) -> bytes:
        """Encrypt more content; return the ciphertext ready so far (maybe empty)."""
        return b"".join(self.feed_chunks(data))

    def finish(self, *, interrupted: bool = False) -> bytes:
        """Pad, write the trailer and the final chunk; return the last ciphertext."""
        total = padded_size(self._fed)
        zeros = total - self._fed - TRAILER
        out: list[bytes] = []
        while zeros:
            step = min(zeros, CHUNK)
            out += self._take(bytes(step))
            zeros -= step
        flags = FLAG_INTERRUPTED if interrupted else 0
        out += self._take(struct.pack(">QB7x", self.content_bytes, flags))
        assert len(self._buffer) == CHUNK, "the plaintext stream ends on a chunk boundary"
        out.append(self._push(bytes(self._buffer), TAG_FINAL))
        self._buffer.clear()
        self.finished = True
        return b"".join(out)


@dataclass(frozen=True, slots=True)
class Opened:
    """What an opened item said about itself."""

    meta: dict[str, Any]
    length: int
    interrupted: bool
    cut_short: bool = False


def _read_exact(src: BinaryIO, size: int) -> bytes:
    data = src.read(size)
    return data if isinstance(data, bytes) else bytes(data or b"")


def read_header(src: BinaryIO) -> tuple[bytes, list[tuple[bytes, bytes]], bytes]:
    """The cleartext header: its bytes, the (key ID, sealed key) pairs, the stream header."""
    fixed = _read_exact(src, len(MAGIC) + 2)
    if len(fixed) < len(MAGIC) + 2 or fixed[:4] != MAGIC:
        raise SealedItemError("not a Lion Rock sealed item (bad magic)")
    if fixed[4] != CHUNK_EXP:
        raise SealedItemError(f"unsupported chunk size 2^{fixed[4]}")
    entry = KEY_ID_BYTES + SEALED_KEY_BYTES
    table = _read_exact(src, fixed[5] * entry)
    stream_header = _read_exact(src, STREAM_HEADER)
    if len(table) < fixed[5] * entry or len(stream_header) < STREAM_HEADER:
        raise SealedItemError("cut short inside its header")
    pairs = [
        (table[i : i + KEY_ID_BYTES], table[i + KEY_ID_BYTES : i + entry])
        for i in range(0, len(table), entry)
    ]
    return fixed + table + stream_header, pairs, stream_header


def open_item(
    src: BinaryIO, secret: PrivateKey, out: BinaryIO, *, allow_partial: bool = False
) -> Opened:
    """Decrypt one item from `src`, writing its content to `out` (a seekable file opened
    for writing and reading, positioned at 0). Raise `SealedItemError` on any damage: then
    `out` holds no trustworthy byte and the caller discards it.

    With `allow_partial`, an item whose sealing never finished (the server stopped during
    the upload) yields every authenticated chunk before the cut, flagged `cut_short`.

    Example: `open_item(open("x.lrx", "rb"), key, open("x.part", "w+b"))`.
    """
    header, pairs, stream_header = read_header(src)
    mine = key_id(bytes(secret.public_key))
    sealed = next((s for kid, s in pairs if kid == mine), None)
    if sealed is None:
        raise NotARecipient("not sealed to this key")
    try:
        key = SealedBox(secret).decrypt(sealed)
    except CryptoError as exc:
        raise SealedItemError("its sealed key does not open with this key (altered)") from exc
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, stream_header, key)
    ad: bytes | None = header
    meta: dict[str, Any] | None = None
    prefix = b""
    written = 0
    tail = b""
    index = 0
    while True:
        chunk = _read_exact(src, CHUNK + ABYTES)
        if len(chunk) != CHUNK + ABYTES:
            if allow_partial and meta is not None:
                out.flush()
                return Opened(meta=meta, length=written, interrupted=True, cut_short=True)
            where = f"inside chunk {index}" if chunk else f"after {index} chunks"
            raise SealedItemError(f"cut short {where} (no final chunk)")
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, chunk, ad)
        except (CryptoError, RuntimeError) as exc:
            raise SealedItemError(f"chunk {index} fails authentication (altered)") from exc
        ad = None
        index += 1
        if meta is None:
            prefix += plain
            (size,) = struct.unpack(">I", prefix[:4])
            if size > MAX_META or len(prefix) < 4 + size:
                raise SealedItemError("bad item metadata")
            meta = json.loads(prefix[4 : 4 + size])
            plain = prefix[4 + size :]
        out.write(plain)
        written += len(plain)
        tail = plain[-TRAILER:] if len(plain) >= TRAILER else (tail + plain)[-TRAILER:]
        if tag == TAG_FINAL:
            if src.read(1):
                raise SealedItemError("data after the final chunk (altered)")
            break
    length, flags = struct.unpack(">QB7x", tail)
    if length > written - TRAILER:
        raise SealedItemError("its trailer is inconsistent (altered)")
    out.truncate(length)
    out.flush()
    assert meta is not None
    return Opened(meta=meta, length=length, interrupted=bool(flags & FLAG_INTERRUPTED))


def seal_bytes(*, recipients: Sequence[bytes], meta: dict[str, Any], content: bytes) -> bytes:
    """Seal a small item held in memory (a manifest, a reply).

    Example: `seal_bytes(recipients=[pk], meta={"kind": "reply"}, content=b"thanks")`.
    """
    sealer = Sealer(recipients=recipients, meta=meta)
    return sealer.header + sealer.feed(content) + sealer.finish()


def open_bytes(data: bytes, secret: PrivateKey) -> tuple[dict[str, Any], bytes]:
    """Open a small sealed item held in memory: its meta and its content."""
    out = io.BytesIO()
    opened = open_item(io.BytesIO(data), secret, out)
    return opened.meta, out.getvalue()[: opened.length]
