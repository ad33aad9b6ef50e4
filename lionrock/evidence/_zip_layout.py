"""A strict check of a ZIP file's own structure (issue #18 §5, evidence integrity).

Python's `zipfile` reads a ZIP leniently: it finds the end record by searching backwards,
so bytes appended after it or prepended before the first entry are accepted; it never
compares a local header with its central-directory entry (so a flipped CRC copy or time
in the local header goes unnoticed); and it ignores the central directory's attributes.
A signed WACZ signs its datapackage, not these bytes, so an evidence file could change
while still "verifying". Here the layout must be exact (APPNOTE.TXT 6.3.10):

- the entries start at byte 0 and follow one another with no gap, each local header
  agreeing with its central-directory entry (version needed, flags, method, time, date,
  CRC, sizes, name), a data descriptor (flag bit 3) agreeing too (§4.3.9);
- the central directory follows the last entry, the end records follow it, and the file
  ends where the end record's comment ends (§4.3.16);
- the attributes are what a data file can have: no encryption, disk 0, internal attributes
  0 or 1 (§4.4.14), external attributes a plain non-executable file (§4.4.15), and a
  "version made by" that exists (§4.4.2).

Example:
    problems = check_zip_layout(Path("x.wacz"))
"""

from __future__ import annotations

import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
END = b"PK\x05\x06"
END64 = b"PK\x06\x06"
LOCATOR64 = b"PK\x06\x07"
DESCRIPTOR = b"PK\x07\x08"
MAX_ENTRIES = 100_000
#: "version made by" host systems of APPNOTE 4.4.2.2 (0 MS-DOS ... 19 OS X).
HOSTS = range(20)
#: DOS attribute bits a data file may carry: read-only, archive.
DOS_FILE_BITS = 0x01 | 0x20


@dataclass(frozen=True, slots=True)
class _Entry:
    name: bytes
    version_needed: int
    flags: int
    method: int
    time: int
    date: int
    crc: int
    csize: int
    usize: int
    offset: int


def _zip64(extra: bytes, want: list[bool]) -> list[int]:
    """The ZIP64 extra field's values, in order, for the fields that overflowed."""
    values: list[int] = []
    at = 0
    while at + 4 <= len(extra):
        tag, size = struct.unpack_from("<HH", extra, at)
        if tag == 0x0001:
            body = extra[at + 4 : at + 4 + size]
            count = sum(want)
            if len(body) < 8 * count:
                raise ValueError("short ZIP64 extra field")
            values = list(struct.unpack_from(f"<{count}Q", body))
            break
        at += 4 + size
    return values


def _comment_len(tail: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", tail, at + 20)[0])


def _end_records(fh: BinaryIO, size: int, problems: list[str]) -> tuple[int, int, int] | None:
    """(entries, central directory offset, its size), with the end records checked to
    fill the file's tail exactly."""
    tail_len = min(size, 22 + 0xFFFF)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)

    def fills_tail(at: int) -> bool:
        return at + 22 <= len(tail) and at + 22 + _comment_len(tail, at) == len(tail)

    at = tail.rfind(END)
    while at >= 0 and not fills_tail(at):
        at = tail.rfind(END, 0, at)
    if at < 0:
        found = tail.rfind(END, 0, max(0, len(tail) - 21))
        if found >= 0:
            extra = len(tail) - found - 22 - _comment_len(tail, found)
            problems.append(f"{extra} byte(s) after the ZIP's end record (appended data)")
        else:
            problems.append("no ZIP end record")
        return None
    end_at = size - tail_len + at
    disk, cd_disk, here, total, cd_size, cd_offset, _comment = struct.unpack_from(
        "<HHHHIIH", tail, at + 4
    )
    if disk or cd_disk or here != total:
        problems.append("the end record names other disks (a split archive)")
        return None
    limit = end_at
    if 0xFFFF in (here, total) or 0xFFFFFFFF in (cd_size, cd_offset):
        if end_at < 20:
            problems.append("ZIP64 end locator missing")
            return None
        fh.seek(end_at - 20)
        locator = fh.read(20)
        if locator[:4] != LOCATOR64:
            problems.append("ZIP64 end locator missing")
            return None
        disk64, record_at, disks = struct.unpack_from("<IQI", locator, 4)
        fh.seek(record_at)
        record = fh.read(56)
        if disk64 or disks != 1 or record[:4] != END64 or len(record) < 56:
            problems.append("ZIP64 end record is not where its locator says")
            return None
        rest = struct.unpack_from("<QHHIIQQQQ", record, 4)
        if record_at + 12 + rest[0] != end_at - 20:
            problems.append("bytes between the ZIP64 end record and its locator")
            return None
        total, cd_size, cd_offset = rest[6], rest[7], rest[8]
        limit = record_at
    if cd_offset + cd_size != limit:
        problems.append(
            f"the central directory ({cd_offset}+{cd_size}) does not end where the end "
            f"record starts ({limit})"
        )
        return None
    if total > MAX_ENTRIES:
        problems.append(f"more than {MAX_ENTRIES} ZIP entries")
        return None
    return total, cd_offset, cd_size


def _central(directory: bytes, count: int, problems: list[str]) -> list[_Entry]:
    entries: list[_Entry] = []
    at = 0
    for number in range(count):
        if directory[at : at + 4] != CENTRAL or at + 46 > len(directory):
            problems.append(f"central directory entry {number}: bad signature")
            return []
        (made_by, needed, flags, method, time, date, crc, csize, usize, name_len, extra_len,
         comment_len, disk, internal, external, offset) = struct.unpack_from(
            "<HHHHHHIIIHHHHHII", directory, at + 4)  # fmt: skip
        name = directory[at + 46 : at + 46 + name_len]
        extra = directory[at + 46 + name_len : at + 46 + name_len + extra_len]
        where = f"{name.decode('utf-8', 'replace')}: central directory"
        version, host = made_by & 0xFF, made_by >> 8
        if host not in HOSTS or version > 63 or needed & 0xFF > 63 or needed >> 8:
            problems.append(f"{where}: impossible version fields ({made_by:#06x}, {needed:#06x})")
        if flags & 0x0001 or flags & 0x0040 or flags & 0x2000:
            problems.append(f"{where}: encrypted entries are not evidence")
        if disk != 0:
            problems.append(f"{where}: on disk {disk} of a single-file archive")
        if internal > 1:
            problems.append(f"{where}: internal attributes {internal:#x} are not 0 or 1")
        problem = _external(external, host)
        if problem:
            problems.append(f"{where}: {problem}")
        want = [usize == 0xFFFFFFFF, csize == 0xFFFFFFFF, offset == 0xFFFFFFFF]
        if any(want):
            try:
                big = iter(_zip64(extra, want))
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                return []
            usize = next(big, usize) if want[0] else usize
            csize = next(big, csize) if want[1] else csize
            offset = next(big, offset) if want[2] else offset
        entries.append(_Entry(name, needed, flags, method, time, date, crc, csize, usize,
                              offset))  # fmt: skip
        at += 46 + name_len + extra_len + comment_len
    if at != len(directory):
        problems.append(f"{len(directory) - at} stray byte(s) in the central directory")
    return entries


def _external(external: int, host: int) -> str | None:
    """What is wrong with an entry's external attributes, if anything: a data file is
    not a directory, link or device, and not executable (APPNOTE 4.4.15)."""
    dos, mode = external & 0xFFFF, external >> 16
    if dos & ~DOS_FILE_BITS:
        return f"DOS attributes {dos:#06x} are not a plain file's"
    if host == 0 and mode:
        return f"MS-DOS entry with Unix attributes {mode:#o}"
    kind = stat.S_IFMT(mode)
    if kind not in (0, stat.S_IFREG):
        return f"file type {kind:#o} is not a regular file"
    if mode & 0o7111:
        return f"mode {stat.S_IMODE(mode):#o} is executable or setuid/setgid/sticky"
    if mode and not mode & stat.S_IRUSR:
        return f"mode {stat.S_IMODE(mode):#o} is not readable by its owner"
    return None


def _local(fh: BinaryIO, entry: _Entry, at: int, problems: list[str]) -> int | None:
    """Check the entry's local header at `at` against the central directory; return where
    the next entry starts."""
    label = entry.name.decode("utf-8", "replace")
    if entry.offset != at:
        problems.append(
            f"{label}: starts at byte {entry.offset}, expected {at}"
            + (" (data before the first entry)" if at == 0 else " (a gap between entries)")
        )
        return None
    fh.seek(at)
    head = fh.read(30)
    if len(head) < 30 or head[:4] != LOCAL:
        problems.append(f"{label}: no local header at byte {at}")
        return None
    needed, flags, method, time, date, crc, csize, usize, name_len, extra_len = struct.unpack_from(
        "<HHHHHIIIHH", head, 4
    )
    name = fh.read(name_len)
    extra = fh.read(extra_len)
    described = bool(entry.flags & 0x0008)
    if 0xFFFFFFFF in (csize, usize) and not described:
        try:
            big = _zip64(extra, [usize == 0xFFFFFFFF, csize == 0xFFFFFFFF])
        except ValueError as exc:
            problems.append(f"{label}: local header: {exc}")
            return None
        values = iter(big)
        usize = next(values, usize) if usize == 0xFFFFFFFF else usize
        csize = next(values, csize) if csize == 0xFFFFFFFF else csize
    mine = (needed, flags, method, time, date, name)
    theirs = (entry.version_needed, entry.flags, entry.method, entry.time, entry.date, entry.name)
    fields = ("version needed", "flags", "method", "time", "date", "name")
    for field, a, b in zip(fields, mine, theirs, strict=True):
        if a != b:
            problems.append(f"{label}: local header {field} differs from the central directory")
    if not described:
        for field, a, b in (("CRC", crc, entry.crc), ("compressed size", csize, entry.csize),
                            ("size", usize, entry.usize)):  # fmt: skip
            if a != b:
                problems.append(f"{label}: local header {field} differs from the central directory")
    end = at + 30 + name_len + extra_len + entry.csize
    if described:  # APPNOTE 4.3.9: CRC and sizes follow the data
        local = (crc, csize, usize)
        if any(local) and local != (entry.crc, entry.csize, entry.usize):
            problems.append(f"{label}: local header differs from the central directory")
        fh.seek(end)
        tail = fh.read(24)
        skip = 4 if tail[:4] == DESCRIPTOR else 0
        wide = entry.csize >= 0xFFFFFFFF or entry.usize >= 0xFFFFFFFF
        fmt = "<IQQ" if wide else "<III"
        if len(tail) < skip + struct.calcsize(fmt):
            problems.append(f"{label}: data descriptor cut short")
            return None
        if struct.unpack_from(fmt, tail, skip) != (entry.crc, entry.csize, entry.usize):
            problems.append(f"{label}: data descriptor differs from the central directory")
        end += skip + struct.calcsize(fmt)
    return int(end)


def check_zip_layout(path: Path) -> list[str]:
    """Every way the ZIP's structure departs from an exact, plain layout; empty if none.
    Reads only the headers, never the members' data.

    Example: `check_zip_layout(Path("x.wacz"))` is `[]` for a file we wrote.
    """
    problems: list[str] = []
    size = path.stat().st_size
    with path.open("rb") as fh:
        found = _end_records(fh, size, problems)
        if found is None:
            return problems
        count, cd_offset, cd_size = found
        fh.seek(cd_offset)
        entries = _central(fh.read(cd_size), count, problems)
        if len(entries) != count:
            return problems or ["the central directory holds fewer entries than it says"]
        at = 0
        for entry in sorted(entries, key=lambda e: e.offset):
            next_at = _local(fh, entry, at, problems)
            if next_at is None:
                return problems
            at = next_at
        if at != cd_offset:
            problems.append(
                f"{cd_offset - at} byte(s) between the last entry and the central directory"
            )
    return problems
