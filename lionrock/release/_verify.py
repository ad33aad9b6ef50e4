"""`lionrock verify`: the reader's check of a site copy (folder, URL, ZIM or CAR).

1. `manifest.json` must carry a valid prehashed minisign signature by the release key.
2. For a folder or URL, the TUF client workflow must pass: it catches a copy that rolls
   back to an older release than the reader saw before, and a frozen copy whose TUF
   timestamp has expired; TUF's targets must list this very manifest.
3. Every file must have the signed size and SHA-256; a folder, ZIM or CAR must hold no
   file the manifest does not list.
4. A copy older than the newest release this reader verified (by the signed build time)
   is a rollback, for offline copies too.
5. Every byte of the files the manifest does not list (the TUF metadata, the signatures,
   `mirrors.json`) is covered by a signature that is checked (`_verify_meta`).

Every problem names the file. Example:
    report = verify("site", pubkey=Path("lionrock.pub"), state_dir=Path("state"))
    assert report.ok, report.problems
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import minisign
from securesystemslib.signer import SSlibKey
from tuf.api import exceptions

from lionrock.errors import LionRockError, Location, Problem
from lionrock.release._car import CarError, CarReader, read_car_file
from lionrock.release._fetch import DEFAULT_TIMEOUT, Fetcher, folder_url
from lionrock.release._keys import load_public_key, tuf_public_key
from lionrock.release._manifest import (
    MANIFEST,
    MAX_MANIFEST_BYTES,
    SIGNATURE,
    Manifest,
    ManifestError,
    is_signing_metadata,
    iter_site_files,
    read_manifest,
    sha256_file,
)
from lionrock.release._tuf import ROLES, TufError, check_offline_tuf, refresh_tuf
from lionrock.release._verify_meta import MAX_META_BYTES, signing_problems

MAX_SIGNATURE_BYTES = 16 * 1024


class Missing(Exception):
    """The copy has no such file."""


@dataclass(slots=True)
class VerifyReport:
    """What `verify` found: the manifest read, and each problem with the file it names."""

    target: str
    kind: str
    manifest: Manifest | None = None
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    tuf_version: int | None = None

    @property
    def ok(self) -> bool:
        """True when the copy is exactly the signed release."""
        return not self.problems

    def add(self, path: str, message: str) -> None:
        """Record a problem with `path`."""
        self.problems.append(Problem(Location(path=path), message))


class _Copy:
    """A site copy: read small files, digest listed ones, list all (where possible)."""

    kind = "folder"
    base_url: str | None = None

    def read(self, path: str, *, max_length: int) -> bytes:
        raise NotImplementedError

    def digest(self, path: str, *, size: int) -> tuple[str, int]:
        data = self.read(path, max_length=size + 1)
        return hashlib.sha256(data).hexdigest(), len(data)

    def listing(self) -> set[str] | None:
        return None


class _Folder(_Copy):
    def __init__(self, root: Path, fetcher: Fetcher) -> None:
        self.root, self.base_url = root, folder_url(root)

    def _file(self, path: str) -> Path:
        full = self.root / path
        if full.is_symlink() or not full.is_file():
            raise Missing(path)
        return full

    def read(self, path: str, *, max_length: int) -> bytes:
        full = self._file(path)
        if full.stat().st_size > max_length:
            raise ManifestError(f"{path}: larger than {max_length} bytes")
        return full.read_bytes()

    def digest(self, path: str, *, size: int) -> tuple[str, int]:
        full = self._file(path)
        return sha256_file(full), full.stat().st_size

    def listing(self) -> set[str]:
        return {rel for rel, _ in iter_site_files(self.root)}


class _Url(_Copy):
    kind = "url"

    def __init__(self, url: str, fetcher: Fetcher) -> None:
        self.url = url.rstrip("/") + "/"
        self.base_url, self.fetcher = self.url, fetcher

    def _url(self, path: str) -> str:
        return self.url + urllib.parse.quote(path)

    def read(self, path: str, *, max_length: int) -> bytes:
        try:
            return self.fetcher.get(self._url(path), max_length=max_length)
        except exceptions.DownloadHTTPError as exc:
            raise Missing(f"HTTP {exc.status_code}") from exc
        except exceptions.DownloadLengthMismatchError as exc:
            raise ManifestError(f"{path}: larger than {max_length} bytes") from exc


class _Zim(_Copy):
    kind = "zim"

    def __init__(self, path: Path, fetcher: Fetcher) -> None:
        from libzim.reader import Archive  # type: ignore[import-untyped]

        try:
            self.archive = Archive(str(path))
        except RuntimeError as exc:
            raise ManifestError(f"{path.name}: not a readable ZIM ({exc})") from exc
        # The manifest covers the site's files, not the ZIM's own indexes and metadata:
        # byte flips there went unnoticed (issue #18 tamper trials). The ZIM's MD5 covers
        # every byte before it.
        if not self.archive.has_checksum or not self.archive.check():
            raise ManifestError(f"{path.name}: the ZIM checksum does not match (altered?)")

    def _entries(self) -> Iterator[tuple[str, object]]:
        for i in range(self.archive.entry_count):
            entry = self.archive._get_entry_by_id(i)
            if not entry.is_redirect:
                yield entry.path, entry

    def read(self, path: str, *, max_length: int) -> bytes:
        if not self.archive.has_entry_by_path(path):
            raise Missing(path)
        entry = self.archive.get_entry_by_path(path)
        if entry.is_redirect:
            raise Missing(path)
        item = entry.get_item()
        if item.size > max_length:
            raise ManifestError(f"{path}: larger than {max_length} bytes")
        return bytes(item.content)

    def listing(self) -> set[str]:
        return {p for p, _ in self._entries()}


class _Car(_Copy):
    kind = "car"

    def __init__(self, path: Path, fetcher: Fetcher) -> None:
        self.reader = CarReader(path)
        try:
            self.files = {f.path: f for f in self.reader.files()}
        except (ValueError, KeyError) as exc:  # UnixFSError, bad CIDs or names
            raise CarError(f"{path.name}: not a UnixFS CAR ({exc})") from exc

    def read(self, path: str, *, max_length: int) -> bytes:
        if path not in self.files:
            raise Missing(path)
        return read_car_file(self.reader, path, max_length=max_length)

    def digest(self, path: str, *, size: int) -> tuple[str, int]:
        if path not in self.files:
            raise Missing(path)
        return self.files[path].sha256, self.files[path].size

    def listing(self) -> set[str]:
        return set(self.files)


def open_copy(target: str, *, timeout: float = DEFAULT_TIMEOUT) -> _Copy:
    """A folder, an http(s) URL, or a `.zim` / `.car` file, by what `target` is."""
    fetcher = Fetcher(timeout=timeout)
    if target.startswith(("http://", "https://")):
        return _Url(target, fetcher)
    path = Path(target)
    if path.is_dir():
        return _Folder(path, fetcher)
    if path.is_file() and path.suffix.lower() in (".zim", ".car"):
        return (_Zim if path.suffix.lower() == ".zim" else _Car)(path, fetcher)
    raise LionRockError(f"{target}: not a folder, an http(s) URL, a .zim or a .car file")


def check_signature(copy: _Copy, report: VerifyReport, pub: minisign.PublicKey) -> bytes | None:
    try:
        data = copy.read(MANIFEST, max_length=MAX_MANIFEST_BYTES)
    except Missing:
        report.add(MANIFEST, "missing: this copy carries no signed manifest")
        return None
    try:
        signature = minisign.Signature.from_bytes(
            copy.read(SIGNATURE, max_length=MAX_SIGNATURE_BYTES)
        )
        if not signature.is_prehashed():
            raise minisign.VerifyError("not a prehashed (ED) signature")
        pub.verify(data, signature)
    except Missing:
        report.add(SIGNATURE, "missing: the manifest is not signed")
        return None
    except (minisign.Error, ValueError) as exc:
        report.add(MANIFEST, f"altered or not signed by this key: the signature fails ({exc})")
        return None
    return data


def _check_tuf(
    copy: _Copy, report: VerifyReport, data: bytes, state: Path, key: SSlibKey, timeout: float
) -> None:
    try:
        if copy.base_url is None:  # an offline copy: signatures only, no freshness
            files = {}
            for role in ROLES:
                with contextlib.suppress(Missing):
                    files[f"tuf/{role}.json"] = copy.read(f"tuf/{role}.json", max_length=1 << 22)
            check_offline_tuf(files, data, key=key)
            return
        info, version = refresh_tuf(
            state_dir=state / "tuf",
            base_url=copy.base_url,
            fetcher=Fetcher(timeout=timeout),
            key=key,
        )
        info.verify_length_and_hashes(data)
        report.tuf_version = version
    except TufError as exc:
        report.add(exc.path, exc.message)
    except exceptions.LengthOrHashMismatchError:
        report.add(MANIFEST, "differs from the manifest that TUF's targets.json lists")


def _check_rollback(report: VerifyReport, manifest: Manifest, state: Path) -> None:
    seen = _newest_seen(state)
    if seen is not None and manifest.built_at < seen:
        report.add(
            MANIFEST,
            f"rollback: this release was built {manifest.built_at:%Y-%m-%d %H:%M:%SZ}, "
            f"older than the release built {seen:%Y-%m-%d %H:%M:%SZ} verified before",
        )


def _newest_seen(state: Path) -> datetime | None:
    try:
        raw = json.loads((state / "seen.json").read_text(encoding="utf-8"))
        return datetime.fromisoformat(raw["built_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remember(manifest: Manifest, state: Path) -> None:
    seen = _newest_seen(state)
    if seen is None or manifest.built_at > seen:
        state.mkdir(parents=True, exist_ok=True)
        data = {"built_at": manifest.built_at.isoformat(), "version": manifest.version}
        (state / "seen.json").write_text(json.dumps(data) + "\n", encoding="utf-8")


def check_files(copy: _Copy, report: VerifyReport, manifest: Manifest) -> None:
    for entry in manifest.files:
        try:
            sha256, size = copy.digest(entry.path, size=entry.size)
        except Missing:
            report.add(entry.path, "missing: listed in the signed manifest")
            continue
        except (ManifestError, CarError) as exc:
            report.add(entry.path, f"altered: {exc}")
            continue
        except exceptions.DownloadError as exc:
            report.add(entry.path, f"unreadable: {exc}")
            continue
        report.checked += 1
        if size != entry.size or sha256 != entry.sha256:
            report.add(entry.path, "altered: its SHA-256 differs from the signed manifest")
    listed = {f.path for f in manifest.files}
    try:
        found = copy.listing() or set()
    except ManifestError as exc:  # a symlink in a folder copy
        report.add(exc.path or ".", "a symlink: a release holds plain files only")
        return
    for path in sorted(found - listed):
        if not is_signing_metadata(path):
            report.add(path, "added: not in the signed manifest")


def check_signing_files(
    copy: _Copy, report: VerifyReport, pub: minisign.PublicKey, key: SSlibKey
) -> None:
    """The files the manifest does not list must each pass a signature check, byte for
    byte (`_verify_meta`): `tuf/root.json` replaced or deleted fails (issue #18 §5)."""

    def read(path: str) -> bytes | None:
        try:
            return copy.read(path, max_length=MAX_META_BYTES)
        except Missing:
            return None

    try:
        names = copy.listing()
        found = signing_problems(read, names, pub=pub, key=key)
    except (ManifestError, CarError, exceptions.DownloadError) as exc:
        report.add("tuf/", f"unreadable signing metadata: {exc}")
        return
    already = {p.location.path for p in report.problems}  # TUF's own check named it first
    for path, problem in found:
        if path not in already:
            report.add(path, problem)


def verify(
    target: str,
    *,
    pubkey: str | Path,
    state_dir: Path,
    timeout: float = DEFAULT_TIMEOUT,
) -> VerifyReport:
    """Check a site copy (folder, http(s) URL, `.zim` or `.car`) against the release key.

    `state_dir` keeps what this reader trusted before (TUF metadata, the newest release
    seen), one subfolder per key, so later checks catch rollback and freeze.

    Example: `verify("https://mirror.example.org/", pubkey="RWQ...", state_dir=p).ok`
    """
    pub = load_public_key(pubkey)
    key = tuf_public_key(pub)
    state = state_dir / key.keyid[:16]
    try:
        copy = open_copy(target, timeout=timeout)
    except (ManifestError, CarError) as exc:
        report = VerifyReport(target=target, kind="file")
        report.add(Path(target).name, str(exc))
        return report
    report = VerifyReport(target=target, kind=copy.kind)
    try:
        data = check_signature(copy, report, pub)
    except exceptions.DownloadError as exc:
        report.add(MANIFEST, f"unreachable: {exc}")
        return report
    if data is None:
        return report
    try:
        report.manifest = manifest = read_manifest(data)
    except ManifestError as exc:
        report.add(MANIFEST, str(exc))
        return report
    _check_tuf(copy, report, data, state, key, timeout)
    _check_rollback(report, manifest, state)
    check_files(copy, report, manifest)
    check_signing_files(copy, report, pub, key)
    if report.ok:
        _remember(manifest, state)
    return report
