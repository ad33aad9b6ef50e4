"""The sealed item format: round trips, padding, and every kind of damage caught."""

from __future__ import annotations

import io
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.public import PrivateKey

from lionrock.intake import NotARecipient, SealedItemError, Sealer, open_bytes, open_item, padme
from lionrock.intake._format import CHUNK, padded_size, sealed_size

KEYS = [PrivateKey.generate() for _ in range(3)]
PUBLIC = [bytes(k.public_key) for k in KEYS[:2]]


def seal(content: bytes, meta: dict[str, object] | None = None) -> bytes:
    sealer = Sealer(recipients=PUBLIC, meta=meta or {"kind": "file", "name": "報告.pdf"})
    # fed in uneven pieces, as a network delivers them
    out = [sealer.header]
    for start in range(0, len(content), 7919):
        out.append(sealer.feed(content[start : start + 7919]))
    return b"".join([*out, sealer.finish()])


@pytest.mark.parametrize("size", [0, 1, 1000, CHUNK - 100, CHUNK, 3 * CHUNK + 5, 1_000_003])
def test_every_recipient_reads_the_exact_bytes(size: int) -> None:
    content = os.urandom(size)
    sealed = seal(content)
    for key in KEYS[:2]:
        meta, opened = open_bytes(sealed, key)
        assert opened == content and meta["name"] == "報告.pdf"
    meta = json.dumps({"kind": "file", "name": "報告.pdf"}, ensure_ascii=False, sort_keys=True)
    assert len(sealed) == sealed_size(len(content) + 4 + len(meta.encode()), 2)


@given(st.binary(max_size=300_000))
@settings(max_examples=25, deadline=None)
def test_round_trip_any_content(content: bytes) -> None:
    assert open_bytes(seal(content), KEYS[0])[1] == content


def test_lengths_are_padded() -> None:
    # every message under one chunk has the same size on disk
    sizes = {len(seal(os.urandom(n), {"kind": "message"})) for n in (0, 1, 500, 20_000, 60_000)}
    assert len(sizes) == 1
    # large sizes are rounded (Padmé): at most 12% more, and nearby sizes look alike
    assert padme(500_000_000) == 503_316_480
    assert padded_size(10_000_000) == padded_size(10_100_000)
    for n in (10, 1000, 77_777, 10**6, 10**8):
        assert n <= padme(n) <= n * 1.12 + 1


def test_the_server_cannot_read_it() -> None:
    content = b"CANARY-never-on-disk " * 100
    sealed = seal(content)
    assert b"CANARY" not in sealed and "報告".encode() not in sealed
    with pytest.raises(NotARecipient):
        open_bytes(sealed, KEYS[2])


def _flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


@pytest.mark.parametrize(
    "where", ["magic", "recipients", "stream header", "first chunk", "last chunk"]
)
def test_any_altered_byte_is_caught(where: str) -> None:
    sealed = seal(os.urandom(3 * CHUNK))
    header = 6 + 2 * 88 + 24
    at = {
        "magic": 0,
        "recipients": 6 + 3,
        "stream header": header - 5,
        "first chunk": header + 100,
        "last chunk": len(sealed) - 3,
    }[where]
    with pytest.raises(SealedItemError):
        open_bytes(_flip(sealed, at), KEYS[0])


def test_cut_reordered_or_extended_streams_are_caught() -> None:
    sealed = seal(os.urandom(3 * CHUNK))
    header, step = 6 + 2 * 88 + 24, CHUNK + 17
    chunks = [sealed[i : i + step] for i in range(header, len(sealed), step)]
    with pytest.raises(SealedItemError, match="no final chunk"):
        open_bytes(sealed[: header + step * 2], KEYS[0])  # whole chunks missing
    with pytest.raises(SealedItemError, match="cut short"):
        open_bytes(sealed[:-10], KEYS[0])
    with pytest.raises(SealedItemError):
        open_bytes(sealed[:header] + chunks[1] + chunks[0] + b"".join(chunks[2:]), KEYS[0])
    with pytest.raises(SealedItemError, match="after the final chunk"):
        open_bytes(sealed + chunks[-1], KEYS[0])


def test_an_unfinished_item_gives_back_what_was_sealed() -> None:
    """A server stopped mid-upload leaves no final chunk: `allow_partial` recovers every
    authenticated chunk before the cut, flagged as cut short."""
    sealer = Sealer(recipients=PUBLIC, meta={"kind": "file", "name": "big.bin"})
    content = os.urandom(5 * CHUNK)
    partial = sealer.header + sealer.feed(content)  # never finished
    out = io.BytesIO()
    opened = open_item(io.BytesIO(partial), KEYS[0], out, allow_partial=True)
    assert opened.cut_short and opened.interrupted
    recovered = out.getvalue()
    assert len(recovered) >= 3 * CHUNK and content.startswith(recovered)


def test_the_interrupted_flag_is_sealed_inside() -> None:
    sealer = Sealer(recipients=PUBLIC, meta={"kind": "file"})
    sealed = sealer.header + sealer.feed(b"half") + sealer.finish(interrupted=True)
    out = io.BytesIO()
    opened = open_item(io.BytesIO(sealed), KEYS[1], out)
    assert (
        opened.interrupted and not opened.cut_short and out.getvalue()[: opened.length] == b"half"
    )
