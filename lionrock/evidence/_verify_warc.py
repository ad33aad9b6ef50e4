"""Check WARC files: every record's block and payload digest, and CDXJ index entries
against the records they point at. Broken input (truncated, bad gzip, wrong chunks) gives
a problem naming the file and offset, never an exception.

Example:
    problems, records = check_warc_bytes("data.warc.gz", data)
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
import zlib
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator

MAX_RECORDS = 1_000_000
HASH_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class WarcRecord:
    """What the verifier and the importer need from one record."""

    offset: int
    length: int
    rec_type: str
    uri: str
    date: str
    payload_sha256: str  # hex, of the payload (HTTP body for responses)
    status: int | None
    mime: str


def _payload_digests(stream: Any) -> tuple[dict[str, bytes], int]:
    hashers = {name: hashlib.new(name) for name in ("sha1", "sha256")}
    size = 0
    while chunk := stream.read(HASH_CHUNK):
        size += len(chunk)
        for hasher in hashers.values():
            hasher.update(chunk)
    return {name: h.digest() for name, h in hashers.items()}, size


def iter_warc(name: str, data: bytes, problems: list[str]) -> list[WarcRecord]:
    """Read every record of a WARC (gzip or not), checking payload digests; problems go to
    `problems` with the file name and record offset."""
    records: list[WarcRecord] = []
    stream = io.BytesIO(data)
    chatter = io.StringIO()  # warcio prints some findings to stderr: keep them as problems
    try:
        with contextlib.redirect_stderr(chatter):
            _read_records(name, stream, records, problems)
    except Exception as exc:  # warcio raises many kinds on broken input; report, never crash
        at = records[-1].offset + records[-1].length if records else 0
        problems.append(f"{name}: unreadable after offset {max(at, 0)}: {_describe(exc)}")
    for line in chatter.getvalue().splitlines():
        if line.strip().startswith("WARNING"):
            problems.append(f"{name}: {line.strip()}")
        elif line.strip().startswith("Offset:") and problems:
            problems[-1] += f" (at offset {line.split(':', 1)[1].strip()})"
    return records


def _read_records(
    name: str, stream: io.BytesIO, records: list[WarcRecord], problems: list[str]
) -> None:
    iterator = ArchiveIterator(stream, check_digests=True, ensure_http_headers=False)
    for record in iterator:
        if len(records) >= MAX_RECORDS:
            problems.append(f"{name}: more than {MAX_RECORDS} records; stopped")
            break
        headers = record.rec_headers
        # the payload as stored (after any HTTP headers), as warcio digests it
        digests, _size = _payload_digests(record.raw_stream)
        offset = iterator.get_record_offset()  # reads to the end: digests are checked
        length = iterator.get_record_length()
        where = f"{name} at offset {offset} ({headers.get_header('WARC-Type')})"
        if record.digest_checker.problems:
            problems += [f"{where}: {p}" for p in record.digest_checker.problems]
        status = record.http_headers.get_statuscode() if record.http_headers else None
        mime = record.http_headers.get_header("Content-Type") if record.http_headers else ""
        records.append(
            WarcRecord(
                offset=offset,
                length=length,
                rec_type=str(record.rec_type),
                uri=str(headers.get_header("WARC-Target-URI") or ""),
                date=str(headers.get_header("WARC-Date") or ""),
                payload_sha256=digests["sha256"].hex(),
                status=int(status) if status and str(status).isdigit() else None,
                mime=(mime or "").split(";")[0].strip(),
            )
        )


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = {
        "ArchiveLoadFailed": "not a valid WARC record",
        "ChunkedDataException": "bad chunked encoding",
        "BadGzipFile": "bad gzip data",
        "error": "bad compressed data",
        "EOFError": "file ends in the middle of a record (truncated)",
    }.get(type(exc).__name__, type(exc).__name__)
    return f"{kind}: {text[:200]}" if text else kind


def read_cdxj(name: str, data: bytes, problems: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """Parse a CDXJ index (plain or gzip blocks); check that it is sorted as LC_ALL=C."""
    if name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            problems.append(f"{name}: {_describe(exc)}")
            return []
    entries: list[tuple[str, dict[str, Any]]] = []
    previous = b""
    for number, raw in enumerate(data.splitlines(), 1):
        if not raw.strip() or raw.startswith(b"!"):
            continue
        if raw < previous:
            problems.append(f"{name}:{number}: index is not sorted (LC_ALL=C byte order)")
        previous = raw
        key, _, rest = raw.decode("utf-8", "replace").partition(" ")
        _ts, _, blob = rest.partition(" ")
        try:
            fields = json.loads(blob)
        except ValueError:
            problems.append(f"{name}:{number}: not a CDXJ line")
            continue
        if isinstance(fields, dict):
            entries.append((key, fields))
    return entries


def check_cdxj_entry(index: str, fields: dict[str, Any], warcs: dict[str, bytes]) -> str | None:
    """Check that a CDXJ entry's offset and length frame exactly the record for its URL."""
    filename = str(fields.get("filename", ""))
    data = warcs.get(filename) or warcs.get("archive/" + filename)
    label = f"{index}: entry for {str(fields.get('url', ''))[:200]}"
    if data is None:
        return f"{label}: names {filename!r}, which is not in the package"
    try:
        offset, length = int(fields["offset"]), int(fields["length"])
    except (KeyError, ValueError):
        return f"{label}: no valid offset/length"
    if offset < 0 or length <= 0 or offset + length > len(data):
        return f"{label}: offset {offset}+{length} lies outside {filename}"
    chunk = data[offset : offset + length]
    if chunk[:2] == b"\x1f\x8b":
        try:
            unzipper = zlib.decompressobj(16 + zlib.MAX_WBITS)
            chunk = unzipper.decompress(chunk)
            if not unzipper.eof or unzipper.unused_data:
                return f"{label}: offset {offset}+{length} does not frame one gzip member"
        except zlib.error:
            return f"{label}: offset {offset} is not the start of a record"
    if not chunk.startswith(b"WARC/"):
        return f"{label}: offset {offset} is not the start of a WARC record"
    head = chunk.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    uri = next((line.split(":", 1)[1].strip() for line in head.split("\r\n")
                if line.lower().startswith("warc-target-uri:")), "")  # fmt: skip
    if uri.strip("<>") != str(fields.get("url", "")):
        return f"{label}: the record at offset {offset} is for {uri[:200]!r}"
    return None
