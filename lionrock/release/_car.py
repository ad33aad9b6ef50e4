"""A CARv1 of a site as UnixFS, with the settings `ipfs-car pack` uses, and a reader.

Writing (issue #5, item 7): files are cut into 1 MiB raw leaves; a file of one chunk is
that raw leaf, a longer one a dag-pb File node over up to 1,024 leaves (a balanced tree
beyond); directories are dag-pb with links sorted by name, and a directory of more than 1,000
entries is sharded (HAMT, `lionrock.release._hamt`) as `ipfs-car pack` and kubo shard
it. All CIDs are v1, SHA-256. The same files give the same bytes and the same root CID,
which is the root CID `ipfs-car pack` gives.

Reading checks every block against its CID and walks the DAG from the root, so a
tampered CAR is caught however it was altered.
"""

from __future__ import annotations

import hashlib
import mmap
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import dag_cbor
from multiformats import CID

from lionrock.errors import LionRockError
from lionrock.release._hamt import SHARD_THRESHOLD, shard
from lionrock.release._manifest import safe_path
from lionrock.release._unixfs import (
    DAG_PB,
    DIRECTORY,
    FILE,
    HAMT_SHARD,
    RAW,
    Cid,
    Link,
    Node,
    UnixFSError,
    decode_node,
    encode_node,
    make_cid,
    read_varint,
    unixfs_directory,
    unixfs_file,
    varint,
)

CHUNK_SIZE = 1024 * 1024  # ipfs-car: withMaxChunkSize(1024 * 1024)
WIDTH = 1024  # ipfs-car: balanced layout withWidth(1024)
MAX_BLOCK = 8 * 1024 * 1024
MAX_DEPTH = 64
_DIRS = (DIRECTORY, HAMT_SHARD)


class CarError(LionRockError):
    """A CAR file is malformed, or a block does not match its CID."""


class _Writer:
    """Appends blocks to a CAR once each; the header is rewritten with the real root."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.seen: set[bytes] = set()
        self.out.write(_header(make_cid(DAG_PB, b"")))  # same length as any dag-pb root

    def block(self, codec: str, data: bytes) -> Cid:
        cid = make_cid(codec, data)
        raw = bytes(cid)
        if raw not in self.seen:
            self.seen.add(raw)
            self.out.write(varint(len(raw) + len(data)) + raw + data)
        return cid

    def finish(self, root: Cid) -> None:
        self.out.seek(0)
        self.out.write(_header(root))


def _header(root: Cid) -> bytes:
    header = dag_cbor.encode({"roots": [CID.decode(bytes(root))], "version": 1})
    return varint(len(header)) + header


def _add_file(writer: _Writer, path: Path) -> Link:
    """Write a file's blocks; return its link (with an empty name)."""
    leaves: list[tuple[Link, int]] = []
    with path.open("rb") as f:
        while chunk := f.read(CHUNK_SIZE):
            leaves.append((Link(writer.block(RAW, chunk), "", len(chunk)), len(chunk)))
    if not leaves:  # an empty file is one empty raw block, as ipfs-car writes it
        return Link(writer.block(RAW, b""), "", 0)
    level = leaves
    while len(level) > 1:
        level = [_file_node(writer, level[i : i + WIDTH]) for i in range(0, len(level), WIDTH)]
    return level[0][0]


def _file_node(writer: _Writer, children: list[tuple[Link, int]]) -> tuple[Link, int]:
    sizes = [size for _, size in children]
    data = encode_node([link for link, _ in children], unixfs_file(sizes))
    tsize = len(data) + sum(link.tsize for link, _ in children)
    return Link(writer.block(DAG_PB, data), "", tsize), sum(sizes)


def _add_dir(writer: _Writer, path: Path) -> Link:
    links: list[Link] = []
    for child in sorted(path.iterdir(), key=lambda p: p.name.encode("utf-8")):
        if child.is_symlink():
            raise CarError(f"{child}: symlinks cannot be put in a CAR")
        if child.is_dir():
            link = _add_dir(writer, child)
        elif child.is_file():
            link = _add_file(writer, child)
        else:
            continue
        links.append(Link(link.cid, child.name, link.tsize))
    if len(links) > SHARD_THRESHOLD:
        return shard(writer.block, links)
    data = encode_node(links, unixfs_directory())
    tsize = len(data) + sum(link.tsize for link in links)
    return Link(writer.block(DAG_PB, data), "", tsize)


def build_car(site_dir: Path, out: Path) -> str:
    """Write `site_dir` as a UnixFS CARv1 to `out`; return the root CID (base32).

    Example: `build_car(Path("site"), Path("site.car"))` returns `"bafybei..."`.
    """
    if not site_dir.is_dir():
        raise CarError(f"{site_dir}: not a folder")
    tmp = out.with_name(out.name + ".part")  # a killed run's part file is overwritten
    with tmp.open("w+b") as f:
        writer = _Writer(f)
        root = _add_dir(writer, site_dir)
        writer.finish(root.cid)
    os.replace(tmp, out)
    return str(root.cid)


@dataclass(frozen=True, slots=True)
class CarFile:
    """A file found in a CAR: its path under the root, SHA-256 and size."""

    path: str
    sha256: str
    size: int


class CarReader:
    """Random access to a CAR's blocks, each checked against its CID when read.

    Example: `for f in CarReader(Path("site.car")).files(): print(f.path, f.sha256)`
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.index: dict[bytes, tuple[int, int]] = {}
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            # Mapped, not read: a CAR of a large site need not fit in memory.
            self.data = memoryview(
                mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
            )
        try:
            self.root = self._read_index()
        except CarError:
            raise
        except Exception as exc:  # hostile bytes: any decoding failure means "not a CAR"
            raise CarError(f"{path.name}: not a CARv1 ({exc})") from exc

    def _read_index(self) -> Cid:
        length, pos = read_varint(self.data, 0)
        header = dag_cbor.decode(bytes(self.data[pos : pos + length]))
        if not isinstance(header, dict) or header.get("version") != 1:
            raise CarError(f"{self.path.name}: not a CAR version 1")
        roots = header.get("roots")
        if not isinstance(roots, list) or len(roots) != 1 or not isinstance(roots[0], CID):
            raise CarError(f"{self.path.name}: the header must name one root")
        pos += length
        while pos < len(self.data):
            size, start = read_varint(self.data, pos)
            if size > MAX_BLOCK or start + size > len(self.data):
                raise CarError(f"{self.path.name}: block at byte {pos} is too long")
            cid_len = _cid_length(self.data, start)
            self.index[bytes(self.data[start : start + cid_len])] = (start + cid_len, start + size)
            pos = start + size
        return Cid.from_bytes(bytes(roots[0]))

    def block(self, cid: Cid) -> bytes:
        """The bytes of block `cid`, after checking they hash to it."""
        where = self.index.get(bytes(cid))
        if where is None:
            raise CarError(f"block {cid} is missing")
        data = bytes(self.data[where[0] : where[1]])
        if hashlib.sha256(data).digest() != cid.digest:
            raise CarError(f"block {cid} does not match its CID")
        return data

    def files(self) -> Iterator[CarFile]:
        """Every file under the root directory, with its SHA-256 and size."""
        yield from self._walk(self.root, "", 0)

    def _walk(self, cid: Cid, prefix: str, depth: int) -> Iterator[CarFile]:
        for link in self.entries(cid, prefix, depth):
            path = safe_path(prefix + link.name)
            if link.cid.codec == DAG_PB and decode_node(self.block(link.cid)).kind in _DIRS:
                yield from self._walk(link.cid, path + "/", depth + 1)
                continue
            digest, size = hashlib.sha256(), 0
            try:
                for chunk in self._content(link.cid, 0):
                    digest.update(chunk)
                    size += len(chunk)
            except (CarError, UnixFSError) as exc:
                raise CarError(f"{path}: {exc}") from exc
            yield CarFile(path, digest.hexdigest(), size)

    def entries(self, cid: Cid, where: str = "", depth: int = 0) -> Iterator[Link]:
        """The entries of the directory `cid` (plain or sharded), named as in it."""
        if depth > MAX_DEPTH or cid.codec != DAG_PB:
            raise CarError(f"{where or '/'}: not a UnixFS directory")
        node = decode_node(self.block(cid))
        if node.kind == DIRECTORY:
            yield from node.links
        elif node.kind == HAMT_SHARD:
            yield from self._shard_entries(node, where, depth)
        else:
            raise CarError(f"{where or '/'}: not a UnixFS directory (type {node.kind})")

    def _shard_entries(self, node: Node, where: str, depth: int) -> Iterator[Link]:
        # a link named by its slot alone ("XX") is a child shard; "XX" + name, an entry
        for link in node.links:
            if len(link.name) < 2:
                raise CarError(f"{where or '/'}: bad HAMT link {link.name!r}")
            if len(link.name) > 2:
                yield Link(link.cid, link.name[2:], link.tsize)
                continue
            if depth > MAX_DEPTH or link.cid.codec != DAG_PB:
                raise CarError(f"{where or '/'}: bad HAMT shard")
            child = decode_node(self.block(link.cid))
            if child.kind != HAMT_SHARD:
                raise CarError(f"{where or '/'}: bad HAMT shard (type {child.kind})")
            yield from self._shard_entries(child, where, depth + 1)

    def _content(self, cid: Cid, depth: int) -> Iterator[bytes]:
        if depth > MAX_DEPTH:
            raise CarError(f"block {cid}: file tree too deep")
        if cid.codec == RAW:
            yield self.block(cid)
            return
        node = decode_node(self.block(cid))
        if node.kind != FILE:
            raise CarError(f"block {cid}: not a UnixFS file (type {node.kind})")
        yield node.data
        for link in node.links:
            yield from self._content(link.cid, depth + 1)


def _cid_length(data: memoryview, start: int) -> int:
    """The byte length of the CID at `start` (v0: a bare SHA-256 multihash)."""
    if data[start] == 0x12 and data[start + 1] == 0x20:
        return 34
    pos = start
    for _ in range(2):  # version, codec
        _, pos = read_varint(data, pos)
    _, pos = read_varint(data, pos)  # multihash code
    length, pos = read_varint(data, pos)
    return pos + length - start


def read_car_file(reader: CarReader, path: str, *, max_length: int) -> bytes:
    """The bytes of the file at `path` in the CAR, refused beyond `max_length` bytes.

    Example: `read_car_file(CarReader(p), "manifest.json", max_length=1 << 26)`
    """
    cid = reader.root
    parts = safe_path(path).split("/")
    for i, part in enumerate(parts):
        node = decode_node(reader.block(cid)) if cid.codec == DAG_PB else None
        if node is None or node.kind not in _DIRS:
            raise KeyError(path)
        match = [link for link in reader.entries(cid, path) if link.name == part]
        if not match:
            raise KeyError(path)
        cid = match[0].cid
        if i == len(parts) - 1:
            out = bytearray()
            for chunk in reader._content(cid, 0):
                out += chunk
                if len(out) > max_length:
                    raise CarError(f"{path}: larger than {max_length} bytes")
            return bytes(out)
    raise KeyError(path)  # pragma: no cover - the loop always returns or raises
