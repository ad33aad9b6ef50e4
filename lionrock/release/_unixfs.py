"""UnixFS v1 over dag-pb, as ipfs-car (`@ipld/unixfs`) writes it, encoded and decoded by
hand: the two protobuf schemas are tiny, and no maintained Python library writes them.

- dag-pb (https://ipld.io/specs/codecs/dag-pb/spec/): a node is its links (field 2),
  sorted by name bytes, then its data (field 1); a link is hash (1), name (2), tsize (3).
- UnixFS (https://specs.ipfs.tech/unixfs/): data is type (1), data (2), filesize (3),
  blocksizes (4, one varint each, not packed), then fields we never write.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field

RAW, DAG_PB = "raw", "dag-pb"
CODECS = {0x55: RAW, 0x70: DAG_PB}
CODES = {name: code for code, name in CODECS.items()}
SHA2_256 = 0x12
DIRECTORY, FILE, HAMT_SHARD = 1, 2, 5
MAX_VARINT_BYTES = 10


class UnixFSError(ValueError):
    """A block is not the UnixFS we read (hostile or foreign input)."""


def varint(n: int) -> bytes:
    """Unsigned LEB128, as protobuf and CAR use. Example: `varint(300) == b"\\xac\\x02"`."""
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def read_varint(data: bytes | memoryview, pos: int) -> tuple[int, int]:
    """Decode a varint at `pos`; return (value, next position)."""
    value = shift = 0
    for i in range(MAX_VARINT_BYTES):
        if pos + i >= len(data):
            raise UnixFSError("truncated varint")
        byte = data[pos + i]
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos + i + 1
        shift += 7
    raise UnixFSError("varint too long")


@dataclass(frozen=True, slots=True)
class Cid:
    """A content identifier (https://github.com/multiformats/cid), kept as its bytes.

    Only what UnixFS CARs use is accepted: CIDv1 raw or dag-pb, or CIDv0, with a
    SHA-256 multihash. (multiformats' `CID` validates types at run time and costs ~2 ms
    a CID, most of a CAR's build time; this is the same binary form, checked once.)
    """

    raw: bytes
    codec: str
    digest: bytes

    @classmethod
    def from_bytes(cls, raw: bytes) -> Cid:
        """Parse a binary CID. Example: `Cid.from_bytes(bytes(make_cid("raw", b"")))`."""
        if len(raw) == 34 and raw[:2] == b"\x12\x20":  # CIDv0: a bare multihash
            return cls(raw, DAG_PB, raw[2:])
        version, pos = read_varint(raw, 0)
        code, pos = read_varint(raw, pos)
        hashfun, pos = read_varint(raw, pos)
        length, pos = read_varint(raw, pos)
        if version != 1 or code not in CODECS or hashfun != SHA2_256 or length != 32:
            raise UnixFSError("not a CIDv1 raw or dag-pb with SHA-256")
        if len(raw) != pos + 32:
            raise UnixFSError("CID of the wrong length")
        return cls(raw, CODECS[code], raw[pos:])

    def __bytes__(self) -> bytes:
        return self.raw

    def __str__(self) -> str:
        """Multibase base32 (lowercase, unpadded), as IPFS tools print CIDv1."""
        return "b" + base64.b32encode(self.raw).decode("ascii").lower().rstrip("=")


def make_cid(codec: str, data: bytes) -> Cid:
    """CIDv1 with SHA-256 of `data`. Example: `str(make_cid("raw", b""))` starts `bafkrei`."""
    digest = hashlib.sha256(data).digest()
    return Cid(b"\x01" + varint(CODES[codec]) + b"\x12\x20" + digest, codec, digest)


def _field(number: int, payload: bytes) -> bytes:
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def _uint(number: int, value: int) -> bytes:
    return varint(number << 3) + varint(value)


@dataclass(frozen=True, slots=True)
class Link:
    """A dag-pb link: the child's CID, its name and its cumulative DAG size (Tsize)."""

    cid: Cid
    name: str
    tsize: int


def encode_node(links: list[Link], data: bytes) -> bytes:
    """A dag-pb node; links must already be in their final order."""
    out = bytearray()
    for link in links:
        body = _field(1, bytes(link.cid)) + _field(2, link.name.encode("utf-8"))
        out += _field(2, body + _uint(3, link.tsize))
    return bytes(out + _field(1, data))


def unixfs_directory() -> bytes:
    """UnixFS data of a plain directory (no mode, no mtime, as ipfs-car writes)."""
    return _uint(1, DIRECTORY)


def unixfs_file(blocksizes: list[int]) -> bytes:
    """UnixFS data of a file node whose content is all in its children."""
    out = _uint(1, FILE) + _uint(3, sum(blocksizes))
    return out + b"".join(_uint(4, size) for size in blocksizes)


@dataclass(slots=True)
class Node:
    """A decoded dag-pb node with its UnixFS data."""

    links: list[Link] = field(default_factory=list)
    kind: int = -1
    data: bytes = b""
    filesize: int | None = None
    blocksizes: list[int] = field(default_factory=list)


def _fields(buf: bytes) -> list[tuple[int, int | bytes]]:
    """Protobuf fields as (number, value): varints as int, length-delimited as bytes."""
    out: list[tuple[int, int | bytes]] = []
    pos = 0
    while pos < len(buf):
        key, pos = read_varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = read_varint(buf, pos)
            out.append((number, value))
        elif wire == 2:
            length, pos = read_varint(buf, pos)
            if pos + length > len(buf):
                raise UnixFSError("truncated field")
            out.append((number, buf[pos : pos + length]))
            pos += length
        else:
            raise UnixFSError(f"unexpected protobuf wire type {wire}")
    return out


def decode_node(block: bytes) -> Node:
    """Decode a dag-pb block holding UnixFS data. Raises UnixFSError if it is not one."""
    node = Node()
    unixfs = None
    for number, value in _fields(block):
        if number == 2 and isinstance(value, bytes):
            node.links.append(_decode_link(value))
        elif number == 1 and isinstance(value, bytes):
            unixfs = value
        else:
            raise UnixFSError("not a dag-pb node")
    if unixfs is None:
        raise UnixFSError("dag-pb node without UnixFS data")
    for number, value in _fields(unixfs):
        if number == 1 and isinstance(value, int):
            node.kind = value
        elif number == 2 and isinstance(value, bytes):
            node.data = value
        elif number == 3 and isinstance(value, int):
            node.filesize = value
        elif number == 4 and isinstance(value, int):
            node.blocksizes.append(value)
    return node


def _decode_link(buf: bytes) -> Link:
    cid: Cid | None = None
    name, tsize = "", 0
    for number, value in _fields(buf):
        if number == 1 and isinstance(value, bytes):
            cid = Cid.from_bytes(value)
        elif number == 2 and isinstance(value, bytes):
            name = value.decode("utf-8")
        elif number == 3 and isinstance(value, int):
            tsize = value
    if cid is None:
        raise UnixFSError("dag-pb link without a hash")
    return Link(cid, name, tsize)
