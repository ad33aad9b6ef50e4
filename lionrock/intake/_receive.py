"""Receiving a submission: multipart/form-data parsed as it streams in, each part sealed
on arrival and written as ciphertext only (issue #15 §1-2).

Nothing is spooled: Starlette's own form parsing would write uploads to temporary files in
clear, so the body is read chunk by chunk through a sans-IO parser (`multipart`'s
`PushMultipartParser`) into one `Sealer` per part. At most a few chunks of plaintext are in
memory at any time, whatever the file's size.

An upload cut short (the connection drops, the body ends mid-part, the size limit is
reached) loses nothing that arrived: the part being received is sealed with the
"interrupted" flag and its byte count, earlier parts are kept whole, and the submission is
recorded as `interrupted`.

Example:
    received = await receive_upload(request.stream(), content_type=..., folder=...,
                                    recipients=[pk], limit=500_000_000)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import unicodedata
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import anyio
from multipart import MultipartError, MultipartSegment, PushMultipartParser, parse_options_header
from starlette.requests import ClientDisconnect

from lionrock.errors import LionRockError
from lionrock.intake._db import new_id
from lionrock.intake._format import Sealer

FLUSH_BYTES = 1 << 20  # plaintext is sealed and written in 1 MiB batches, off the loop
MAX_MESSAGE = 1 << 20  # a message's text: 1 MiB
MAX_FILES = 100
MAX_FIELD = 1024
MAX_FIELDS = 16
FIELDS = ("message", "files")


class UploadRefused(LionRockError):
    """The request is not a submission at all; nothing was stored."""


def day_start(day: str) -> float:
    """Midnight UTC of an ISO day, as a POSIX time."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp()


def stamp_day(path: Path, day: str) -> None:
    """Set a path's access and modification times to the day's midnight (UTC), so the file
    system does not keep the time of arrival either. (Its ctime, which no program can set,
    still does: see docs/intake-threat-model.md.)"""
    when = day_start(day)
    os.utime(path, (when, when))


def clean_filename(name: str) -> str:
    """The file's own name, without any folder, control character or leading dot; at
    most 200 characters. Example: `clean_filename("../../etc/passwd")` == `"passwd"`."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    return name[:200] or "file"


def _write_all(fd: int, parts: list[bytes]) -> None:
    for data in parts:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]


class _SealedFile:
    """One part being sealed into `<folder>/<item ID>.lrx`.

    Plaintext is gathered into 1 MiB batches; each batch is sealed and written in a worker
    thread (libsodium and `os.write` release the GIL) while the event loop receives and
    parses the next one. At most two batches are in memory, whatever the file's size."""

    def __init__(self, folder: Path, recipients: Sequence[bytes], meta: dict[str, object]):
        self.id = new_id()
        self.path = folder / f"{self.id}.lrx"
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        self.sealer = Sealer(recipients=recipients, meta=meta)
        self.batch = bytearray()
        self.size = 0
        self.inflight: asyncio.Future[int] | None = None
        _write_all(self.fd, [self.sealer.header])
        self.size = len(self.sealer.header)

    def _seal_and_write(self, data: bytes, final: bool, interrupted: bool) -> int:
        parts = self.sealer.feed_chunks(data) if data else []
        if final:
            parts.append(self.sealer.finish(interrupted=interrupted))
        _write_all(self.fd, parts)
        if final:
            os.fsync(self.fd)
        return sum(len(p) for p in parts)

    async def _dispatch(self, *, final: bool = False, interrupted: bool = False) -> None:
        if self.inflight is not None:
            self.size += await self.inflight
            self.inflight = None
        data, self.batch = bytes(self.batch), bytearray()
        loop = asyncio.get_running_loop()
        self.inflight = loop.run_in_executor(None, self._seal_and_write, data, final, interrupted)
        if final:
            self.size += await self.inflight
            self.inflight = None

    async def feed(self, data: bytes | bytearray | memoryview) -> None:
        self.batch += data
        if len(self.batch) >= FLUSH_BYTES:
            await self._dispatch()

    async def finish(self, *, interrupted: bool, day: str) -> tuple[str, int]:
        await self._dispatch(final=True, interrupted=interrupted)
        os.close(self.fd)
        stamp_day(self.path, day)
        return self.id, self.size


@dataclass
class Received:
    """What arrived: sealed items, and why the upload stopped early, if it did."""

    submission_id: str
    folder: Path
    items: list[tuple[str, int]] = field(default_factory=list)
    files: int = 0
    message: bool = False
    interrupted: str = ""  # "" | "disconnected" | "malformed" | "too-large"
    content_bytes: int = 0
    fields: dict[str, str] = field(default_factory=dict)


class _Upload:
    def __init__(self, received: Received, recipients: Sequence[bytes], limit: int, day: str):
        self.received = received
        self.recipients = recipients
        self.limit = limit
        self.day = day
        self.part: _SealedFile | None = None
        self.segment: MultipartSegment | None = None
        self.field: bytearray | None = None
        self.message_bytes = 0

    def _meta(self, segment: MultipartSegment) -> dict[str, object] | None:
        sid = self.received.submission_id
        if segment.name == "message":
            return {"kind": "message", "submission": sid}
        if segment.filename:  # an empty file input sends filename="": nothing chosen
            if self.received.files >= MAX_FILES:
                raise MultipartError(f"more than {MAX_FILES} files")
            return {
                "kind": "file",
                "submission": sid,
                "index": self.received.files + 1,
                "name": clean_filename(segment.filename),
                "type": (segment.content_type or "")[:200],
            }
        return None

    async def begin(self, segment: MultipartSegment) -> None:
        self.segment = segment
        if segment.filename is None and segment.name not in FIELDS:
            if len(self.received.fields) >= MAX_FIELDS:
                raise MultipartError("too many fields")
            self.field = bytearray()

    async def data(self, chunk: bytes | bytearray | memoryview) -> None:
        if self.field is not None:
            self.field += chunk
            if len(self.field) > MAX_FIELD:
                raise MultipartError("a form field is too long")
            return
        if self.part is None:
            assert self.segment is not None
            meta = self._meta(self.segment)
            if meta is None:
                return
            # the folder exists only once something arrives
            self.received.folder.mkdir(parents=True, exist_ok=True)
            self.part = _SealedFile(self.received.folder, self.recipients, meta)
            if meta["kind"] == "file":
                self.received.files += 1
            else:
                self.received.message = True
        room = self.limit - self.received.content_bytes
        if self.segment is not None and self.segment.name == "message":
            room = min(room, MAX_MESSAGE - self.message_bytes)
        if len(chunk) > room:
            await self.part.feed(chunk[:room])
            self.received.content_bytes += room
            raise _TooLarge()
        await self.part.feed(chunk)
        self.received.content_bytes += len(chunk)
        if self.segment is not None and self.segment.name == "message":
            self.message_bytes += len(chunk)

    async def end(self) -> None:
        segment, self.segment = self.segment, None
        if self.field is not None and segment is not None and segment.name:
            self.received.fields[segment.name] = self.field.decode("utf-8", "replace")
        self.field = None
        if self.part is not None:
            self.received.items.append(await self.part.finish(interrupted=False, day=self.day))
            self.part = None
        elif segment is not None and segment.filename and segment.name != "message":
            await self._empty_file(segment)

    async def _empty_file(self, segment: MultipartSegment) -> None:
        """A chosen file of 0 bytes is still a file the source sent."""
        meta = self._meta(segment)
        if meta is None:
            return
        self.received.folder.mkdir(parents=True, exist_ok=True)
        part = _SealedFile(self.received.folder, self.recipients, meta)
        self.received.files += 1
        self.received.items.append(await part.finish(interrupted=False, day=self.day))

    async def stop(self, reason: str) -> None:
        """Seal what arrived of the part being received, flagged as interrupted."""
        self.received.interrupted = reason
        if self.part is not None:
            self.received.items.append(await self.part.finish(interrupted=True, day=self.day))
            self.part = None


class _TooLarge(Exception):
    pass


def boundary_of(content_type: str) -> str:
    kind, options = parse_options_header(content_type or "")
    if kind != "multipart/form-data" or not options.get("boundary"):
        raise UploadRefused("a submission is sent as multipart/form-data")
    return str(options["boundary"])


async def receive_upload(
    chunks: AsyncIterator[bytes],
    *,
    content_type: str,
    folder: Path,
    recipients: Sequence[bytes],
    limit: int,
    day: str,
) -> Received:
    """Stream a multipart body into sealed items under `folder` (created only if something
    arrives). Never raises for a body cut short: the result says so.

    Example: `await receive_upload(request.stream(), content_type=ct, folder=f, ...)`.
    """
    if not recipients:
        raise UploadRefused("intake has no recipients: nothing can be sealed")
    parser = PushMultipartParser(
        boundary_of(content_type), max_segment_count=MAX_FILES + 64, strict=False
    )
    received = Received(submission_id=folder.name, folder=folder)
    upload = _Upload(received, recipients, limit, day)
    try:
        async for chunk in chunks:
            if not chunk:
                continue
            for event in parser.parse(chunk):
                if isinstance(event, MultipartSegment):
                    await upload.begin(event)
                elif event is None:
                    await upload.end()
                else:
                    await upload.data(event)
        parser.close()  # raises if the body ended before its closing boundary
    except ClientDisconnect:
        await upload.stop("disconnected")
    except _TooLarge:
        await upload.stop("too-large")
    except MultipartError:
        await upload.stop("malformed")
    except BaseException:
        if upload.part is not None:  # cancelled: still seal what arrived
            with anyio.CancelScope(shield=True):
                await upload.stop("disconnected")
        raise
    if received.folder.exists():
        if not received.items:
            shutil.rmtree(received.folder)
        else:
            stamp_day(received.folder, day)
    return received
