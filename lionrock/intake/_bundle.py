"""The export bundle (issue #15 §3): what goes from the intake server to the offline
machine on a USB stick.

A bundle is an uncompressed POSIX tar (ciphertext does not compress), every member dated
1970-01-01 and owned by no one:

```
LIONROCK-INTAKE-BUNDLE     "lionrock intake bundle 1"
manifest.lrx               the manifest, sealed to the recipients like any item
manifest.sig               {"key", "signature"}: the server's Ed25519 signature over
                           the SHA-256 of manifest.lrx
items/<submission>/<item>.lrx   the sealed items, byte for byte as received
```

The manifest lists each submission (ID, day, status) and each item's file, size and
SHA-256. Sealing hides even that from whoever finds the stick; the signature (the intake
server's own key, `LIONROCK_INTAKE_DIR/keys/`) lets the offline machine refuse a bundle
someone else made with the recipients' public keys. The offline machine trusts the first
server key it sees, or the one given with `--server-key`, and refuses another after that.

Example:
    report = export_bundle(settings=settings, db=db, out=Path("/media/usb/x.lrb"))
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from nacl.exceptions import BadSignatureError
from nacl.public import PrivateKey
from nacl.signing import SigningKey, VerifyKey

from lionrock.errors import LionRockError
from lionrock.intake._db import IntakeDB, Submission, new_id, today
from lionrock.intake._format import NotARecipient, SealedItemError, open_bytes, seal_bytes
from lionrock.intake._keys import read_recipients
from lionrock.intake._receive import stamp_day
from lionrock.settings import IntakeSettings

MARK = "LIONROCK-INTAKE-BUNDLE"
MARK_TEXT = b"lionrock intake bundle 1\n"
FORMAT = "lionrock-intake-bundle"


class BundleError(LionRockError):
    """A bundle cannot be made or opened; the message says why and what to do."""


@dataclass
class ExportReport:
    path: Path
    submissions: int = 0
    items: int = 0
    bytes: int = 0


def server_key(home: Path) -> SigningKey:
    """The intake server's Ed25519 signing key, made (mode 0600) on first use."""
    path = home / "keys" / "server-ed25519.key"
    if path.exists():
        return SigningKey(bytes.fromhex(path.read_text().strip()))
    path.parent.mkdir(parents=True, exist_ok=True)
    key = SigningKey.generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(bytes(key).hex() + "\n")
    return key


def server_public_key(home: Path) -> str:
    """The server key's public half (base64), to give to `open --server-key`."""
    return base64.b64encode(bytes(server_key(home).verify_key)).decode()


def item_path(home: Path, submission_id: str, item_id: str) -> Path:
    return home / "submissions" / submission_id / f"{item_id}.lrx"


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _member(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, 0, 0o600
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def orphans(home: Path, db: IntakeDB) -> list[Path]:
    """Submission folders with no row: uploads the server was receiving when it stopped
    (a crash, a kill), whose sealed parts were never recorded."""
    folder = home / "submissions"
    if not folder.is_dir():
        return []
    known = {s.id for s in db.submissions()}
    return sorted(
        p for p in folder.iterdir() if p.is_dir() and p.name not in known and any(p.glob("*.lrx"))
    )


def adopt_orphans(*, settings: IntakeSettings, db: IntakeDB) -> int:
    """Record orphaned uploads as `interrupted` submissions of no known source, so they are
    exported too: nothing that arrived is lost. `open` recovers each part as far as it was
    sealed. Returns how many were adopted."""
    found = orphans(settings.home, db)
    for folder in found:
        day = datetime.fromtimestamp(folder.stat().st_mtime, UTC).date().isoformat()
        items = [(p.stem, p.stat().st_size) for p in sorted(folder.glob("*.lrx"))]
        db.add_submission(
            Submission(id=folder.name, source_id="", day=day, status="interrupted", items=items)
        )
        for path in [*folder.glob("*.lrx"), folder]:
            stamp_day(path, day)
    return len(found)


def export_bundle(
    *, settings: IntakeSettings, db: IntakeDB, out: Path, include_exported: bool = False
) -> ExportReport:
    """Write every submission not yet exported (or all, with `include_exported`) into one
    bundle at `out`, then mark them exported. Nothing is deleted from the server.

    Example: `export_bundle(settings=s, db=db, out=Path("intake-2026-12-06.lrb"))`.
    """
    recipients = [r.public for r in read_recipients(settings.recipients_file)]
    if not recipients:
        raise BundleError(f"no recipients in {settings.recipients_file}: nothing can be sealed")
    adopt_orphans(settings=settings, db=db)
    submissions = db.submissions(pending_only=not include_exported)
    if not submissions:
        raise BundleError("nothing to export: every submission was exported before (--all)")
    entries, files = [], []
    for sub in submissions:
        items = []
        for item_id, _size in sub.items:
            path = item_path(settings.home, sub.id, item_id)
            if not path.is_file():
                raise BundleError(f"submission {sub.id}: item {item_id} is missing from {path}")
            name = f"items/{sub.id}/{item_id}.lrx"
            items.append({"file": name, "bytes": path.stat().st_size, "sha256": _sha256_file(path)})
            files.append((name, path))
        entries.append({"id": sub.id, "day": sub.day, "status": sub.status, "items": items})
    manifest = {
        "format": FORMAT,
        "version": 1,
        "bundle": new_id(),
        "day": today(),
        "submissions": entries,
    }
    sealed = seal_bytes(
        recipients=recipients,
        meta={"kind": "manifest"},
        content=json.dumps(manifest, sort_keys=True).encode(),
    )
    key = server_key(settings.home)
    signature = {
        "key": base64.b64encode(bytes(key.verify_key)).decode(),
        "signature": base64.b64encode(key.sign(hashlib.sha256(sealed).digest()).signature).decode(),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    part = out.with_name(out.name + ".part")
    with (
        open(part, "wb") as raw,
        tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name, data in (
            (MARK, MARK_TEXT),
            ("manifest.lrx", sealed),
            ("manifest.sig", json.dumps(signature).encode()),
        ):
            tar.addfile(_member(name, len(data)), io.BytesIO(data))
        for name, path in files:
            with open(path, "rb") as fh:
                tar.addfile(_member(name, path.stat().st_size), fh)
        tar.close()
        raw.flush()
        os.fsync(raw.fileno())
    os.replace(part, out)
    db.mark_exported([s.id for s in submissions], today())
    return ExportReport(
        path=out, submissions=len(submissions), items=len(files), bytes=out.stat().st_size
    )


# -- the offline side ------------------------------------------------------------------


@dataclass
class Bundle:
    """An opened bundle's manifest, with the tar it came from."""

    path: Path
    tar: tarfile.TarFile
    manifest: dict[str, Any]
    server_key: str
    notes: list[str] = field(default_factory=list)
    seen: dict[str, tarfile.TarInfo] = field(default_factory=dict)
    cut: str = ""  # why reading the tar stopped early, if it did

    def submissions(self) -> list[dict[str, Any]]:
        return list(self.manifest.get("submissions", []))

    def member(self, name: str) -> tarfile.TarInfo:
        """Find a member, reading the tar in order (items are written in manifest order),
        so a bundle cut short still gives every item before the cut."""
        while name not in self.seen and not self.cut:
            try:
                info = self.tar.next()
            except (tarfile.TarError, OSError) as exc:
                self.cut = f"the bundle is cut short or damaged here ({exc})"
                break
            if info is None:
                self.cut = "end of bundle"
                break
            self.seen[info.name] = info
        if name in self.seen:
            return self.seen[name]
        if self.cut == "end of bundle":
            raise BundleError(f"{name} is missing from the bundle")
        raise BundleError(f"{name}: {self.cut}")


def _read_member(tar: tarfile.TarFile, name: str, limit: int = 64 << 20) -> bytes:
    """The next member, which must be `name` (the bundle's first three are in order)."""
    info = tar.next()
    if info is None or info.name != name:
        raise BundleError(f"{name} is missing")
    if not info.isfile() or info.size > limit:
        raise BundleError(f"{name} is not a regular file of a sane size")
    handle = tar.extractfile(info)
    assert handle is not None
    data = handle.read()
    if len(data) != info.size:
        raise BundleError(f"{name} is cut short")
    return data


def _check_trust(key: str, *, pinned: str | None, trust_file: Path | None) -> list[str]:
    if pinned:
        if key != pinned.strip():
            raise BundleError(f"signed by server key {key}, not by the key given ({pinned})")
        return []
    if trust_file is None:
        return [f"server key {key} not pinned"]
    if trust_file.exists():
        trusted = trust_file.read_text().strip()
        if trusted != key:
            raise BundleError(
                f"signed by server key {key}, but this machine trusts {trusted} "
                f"({trust_file}); if the server's key was replaced on purpose, give the new "
                "one with --server-key"
            )
        return []
    trust_file.parent.mkdir(parents=True, exist_ok=True)
    trust_file.write_text(key + "\n")
    return [f"first bundle from this server: its key {key} is now trusted ({trust_file})"]


@contextmanager
def read_bundle(
    path: Path, secret: PrivateKey, *, pinned: str | None = None, trust_file: Path | None = None
) -> Iterator[Bundle]:
    """Open a bundle: check the mark, the signature and the trusted key, and unseal the
    manifest. A wrong key, an altered or cut bundle each raise a `BundleError` that says so.

    Example: `with read_bundle(Path("x.lrb"), key) as bundle: bundle.submissions()`.
    """
    if not path.is_file():
        raise BundleError(f"{path}: no such file")
    try:
        tar = tarfile.open(path, mode="r:")  # noqa: SIM115 - closed in the finally below
    except (tarfile.TarError, OSError) as exc:
        raise BundleError(f"{path}: not a Lion Rock intake bundle, or damaged ({exc})") from exc
    try:
        try:
            if _read_member(tar, MARK) != MARK_TEXT:
                raise BundleError("not a Lion Rock intake bundle (unknown mark)")
            sealed = _read_member(tar, "manifest.lrx")
            signature = json.loads(_read_member(tar, "manifest.sig"))
            key = str(signature["key"])
            VerifyKey(base64.b64decode(key)).verify(
                hashlib.sha256(sealed).digest(), base64.b64decode(signature["signature"])
            )
        except BadSignatureError as exc:
            raise BundleError(
                "the manifest's signature does not match: the bundle was altered"
            ) from exc
        except (tarfile.TarError, ValueError, KeyError, TypeError) as exc:
            raise BundleError(f"damaged or cut short ({type(exc).__name__}: {exc})") from exc
        notes = _check_trust(key, pinned=pinned, trust_file=trust_file)
        try:
            meta, content = open_bytes(sealed, secret)
        except NotARecipient as exc:
            raise BundleError("this key is not one of the bundle's recipients") from exc
        except SealedItemError as exc:
            raise BundleError(f"the manifest does not open: {exc}") from exc
        manifest = json.loads(content)
        if meta.get("kind") != "manifest" or manifest.get("format") != FORMAT:
            raise BundleError("the sealed manifest is not a bundle manifest")
        yield Bundle(path=path, tar=tar, manifest=manifest, server_key=key, notes=notes)
    except BundleError as exc:
        raise BundleError(f"{path}: {exc}") from exc
    finally:
        tar.close()


class HashingReader:
    """Reads a member while hashing it, so the item's SHA-256 is checked in the same pass."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.digest = hashlib.sha256()
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.digest.update(data)
        self.count += len(data)
        return data


def member_reader(bundle: Bundle, entry: dict[str, Any]) -> HashingReader:
    """A hashing reader over one item's member; `BundleError` if it is missing."""
    info = bundle.member(str(entry["file"]))
    handle = bundle.tar.extractfile(info)
    if handle is None:
        raise BundleError(f"{entry['file']} is not a file")
    return HashingReader(handle)


def check_member(reader: HashingReader, entry: dict[str, Any]) -> None:
    """After reading: the bytes must be exactly those the manifest lists."""
    rest = reader.read()
    if rest or reader.digest.hexdigest() != entry["sha256"] or reader.count != entry["bytes"]:
        raise SealedItemError("its bytes differ from the manifest's SHA-256 (altered)")


def as_binary(reader: HashingReader) -> BinaryIO:
    return reader  # type: ignore[return-value]


def purge_exported(*, settings: IntakeSettings, db: IntakeDB) -> int:
    """Delete from the server every submission already exported (its sealed files, then
    its rows); return how many. Replies and sources stay, so sources can still read
    replies and send more.

    Example: `purge_exported(settings=s, db=db)`.
    """
    done = [s for s in db.submissions() if s.exported]
    for sub in done:
        shutil.rmtree(settings.home / "submissions" / sub.id, ignore_errors=True)
    db.delete_submissions([s.id for s in done])
    return len(done)
