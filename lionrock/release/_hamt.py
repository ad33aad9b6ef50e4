"""Sharded UnixFS directories (HAMT), as `ipfs-car pack` (`@ipld/unixfs`) and kubo write
a directory of more than 1,000 entries, so that gateways can still read a large folder.

The layout (https://specs.ipfs.tech/unixfs/#hamt-directories): a shard node is a dag-pb
node whose UnixFS data is type 5 (HAMTShard), a bitfield of its used slots, hashType
0x22 (murmur3-x64-64) and fanout 256. An entry's slot at depth d is byte d of the
murmur3-x64-64 hash of its name (then of the name with a byte `d // 8` appended, past
the first 8 bytes). A slot used by one entry links to it as `XX` + name (XX: the slot
in upper-case hex); a slot used by several links to a child shard, named `XX`.

Example:
    link = shard(write_block, links)
"""

from __future__ import annotations

from collections.abc import Callable

from lionrock.release._unixfs import DAG_PB, HAMT_SHARD, Cid, Link, encode_node, varint

#: ipfs-car: a directory is sharded after more than this many entries
SHARD_THRESHOLD = 1000
FANOUT = 256
MURMUR3_X64_64 = 0x22
_MASK = (1 << 64) - 1
_C1, _C2 = 0x87C37B91114253D5, 0x4CF5AD432745937F


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (64 - r))) & _MASK


def _fmix(k: int) -> int:
    k ^= k >> 33
    k = (k * 0xFF51AFD7ED558CCD) & _MASK
    k ^= k >> 33
    k = (k * 0xC4CEB9FE1A85EC53) & _MASK
    return k ^ (k >> 33)


def murmur3_x64_64(data: bytes) -> bytes:
    """The first 64 bits (h1, big-endian) of MurmurHash3 x64 128 with seed 0.

    Example: `murmur3_x64_64(b"a").hex()` is `"85555565f6597889"`.
    """
    h1 = h2 = 0
    blocks = len(data) // 16
    for i in range(blocks):
        k1 = int.from_bytes(data[16 * i : 16 * i + 8], "little")
        k2 = int.from_bytes(data[16 * i + 8 : 16 * i + 16], "little")
        h1 ^= (_rotl((k1 * _C1) & _MASK, 31) * _C2) & _MASK
        h1 = (((_rotl(h1, 27) + h2) & _MASK) * 5 + 0x52DCE729) & _MASK
        h2 ^= (_rotl((k2 * _C2) & _MASK, 33) * _C1) & _MASK
        h2 = (((_rotl(h2, 31) + h1) & _MASK) * 5 + 0x38495AB5) & _MASK
    tail = data[blocks * 16 :]
    if len(tail) > 8:
        h2 ^= (_rotl((int.from_bytes(tail[8:], "little") * _C2) & _MASK, 33) * _C1) & _MASK
    if tail:
        h1 ^= (_rotl((int.from_bytes(tail[:8], "little") * _C1) & _MASK, 31) * _C2) & _MASK
    h1 ^= len(data)
    h2 ^= len(data)
    h1 = (h1 + h2) & _MASK
    h2 = (h2 + h1) & _MASK
    h1, h2 = _fmix(h1), _fmix(h2)
    return ((h1 + h2) & _MASK).to_bytes(8, "big")


def slot(name: str, depth: int) -> int:
    """The slot of entry `name` in a shard at `depth` (0: the directory's own node)."""
    key = name.encode("utf-8")
    frame, index = divmod(depth, 8)
    return murmur3_x64_64(key if frame == 0 else key + bytes([frame % 256]))[index]


def unixfs_shard(bitfield: bytes) -> bytes:
    """UnixFS data of a HAMT shard node: type, bitfield, hash type, fanout."""
    out = varint(1 << 3) + varint(HAMT_SHARD)
    if bitfield:
        out += varint(2 << 3 | 2) + varint(len(bitfield)) + bitfield
    return out + varint(5 << 3) + varint(MURMUR3_X64_64) + varint(6 << 3) + varint(FANOUT)


def shard(block: Callable[[str, bytes], Cid], links: list[Link], depth: int = 0) -> Link:
    """Write the shard nodes of a directory whose entries are `links` (name, CID, Tsize)
    with `block(codec, data)`; return the link (no name) to its root shard."""
    slots: dict[int, list[Link]] = {}
    for link in links:
        slots.setdefault(slot(link.name, depth), []).append(link)
    entries: list[Link] = []
    bits = 0
    for index in sorted(slots):  # "XX" names sort as their slots do
        bits |= 1 << index
        prefix = f"{index:02X}"
        found = slots[index]
        if len(found) == 1:
            entries.append(Link(found[0].cid, prefix + found[0].name, found[0].tsize))
        else:
            child = shard(block, found, depth + 1)
            entries.append(Link(child.cid, prefix, child.tsize))
    bitfield = bits.to_bytes(FANOUT // 8, "big").lstrip(b"\0")
    data = encode_node(entries, unixfs_shard(bitfield))
    return Link(block(DAG_PB, data), "", len(data) + sum(e.tsize for e in entries))
