"""The release manifest: the path, SHA-256 and size of every file of a built site.

`manifest.json` is what gets signed (issue #5, item 8). Its shape:
`{"version": str, "built_at": "YYYY-MM-DDTHH:MM:SSZ", "files": [{"path", "sha256", "size"}]}`,
files sorted by path. It lists every file of the site except the signing metadata, which
is verified on its own: the manifest and its signature, the TUF metadata under `tuf/`, and
the separately signed `mirrors.json`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from lionrock import __version__
from lionrock.errors import LionRockError

MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
MIRRORS = "mirrors.json"
TUF_DIR = "tuf"
# Bounds for hostile input: a manifest of more files or bytes than this is refused.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_FILES = 1_000_000
_TUF_NAME = re.compile(r"^tuf/(?:(?:\d+\.)?root|targets|snapshot|timestamp)\.json$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(LionRockError):
    """A manifest is missing, malformed or names an unsafe path; `path` names the file
    at fault when there is one."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True, slots=True)
class FileEntry:
    """One file of a release: its site-relative POSIX path, SHA-256 (hex) and size."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Manifest:
    """A parsed manifest. Example: `read_manifest(data).files[0].path`."""

    version: str
    built_at: datetime
    files: tuple[FileEntry, ...]

    def by_path(self) -> dict[str, FileEntry]:
        """The entries keyed by path."""
        return {f.path: f for f in self.files}


def is_signing_metadata(path: str) -> bool:
    """Whether `path` is verified apart from the manifest (so not listed in it).

    Example: `is_signing_metadata("tuf/timestamp.json")` is True.
    """
    return path in (MANIFEST, SIGNATURE, MIRRORS, MIRRORS + ".minisig") or bool(
        _TUF_NAME.match(path)
    )


def sha256_file(path: Path) -> str:
    """The hex SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def iter_site_files(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """Every regular file under `site_dir` as (POSIX relative path, path), sorted.

    Symlinks are refused: a release holds plain files only, so that its copies (ZIM,
    CAR, mirrors) hold the same bytes.
    """
    found: list[tuple[str, Path]] = []
    for path in site_dir.rglob("*"):
        rel = path.relative_to(site_dir).as_posix()
        if path.is_symlink():
            raise ManifestError(f"{rel}: symlinks cannot be released", path=rel)
        if path.is_file():
            found.append((rel, path))
    found.sort(key=lambda item: item[0].encode("utf-8"))
    yield from found


def write_manifest(
    site_dir: Path, *, version: str = __version__, built_at: datetime | None = None
) -> Path:
    """Write `site_dir/manifest.json` listing every file's path, SHA-256 and size.

    Example: `write_manifest(Path("site"))` returns `Path("site/manifest.json")`.
    """
    when = (built_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    files = [
        {"path": rel, "sha256": sha256_file(path), "size": path.stat().st_size}
        for rel, path in iter_site_files(site_dir)
        if not is_signing_metadata(rel)
    ]
    data = {"version": version, "built_at": when.strftime("%Y-%m-%dT%H:%M:%SZ"), "files": files}
    out = site_dir / MANIFEST
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def safe_path(path: object) -> str:
    """Check a manifest path is a plain relative POSIX path; return it.

    Example: `safe_path("en/index.html")`; `safe_path("../x")` raises ManifestError.
    """
    if not isinstance(path, str) or not path or len(path) > 4096:
        raise ManifestError(f"bad path {path!r}")
    pure = PurePosixPath(path)
    if (
        pure.is_absolute()
        or "\\" in path
        or "\x00" in path
        or any(part in ("", ".", "..") for part in path.split("/"))
    ):
        raise ManifestError(f"unsafe path {path!r}")
    return path


def read_manifest(data: bytes) -> Manifest:
    """Parse and check a manifest (hostile input: bounded and strictly typed).

    Example: `read_manifest(Path("site/manifest.json").read_bytes()).version`.
    """
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"{MANIFEST}: larger than {MAX_MANIFEST_BYTES} bytes")
    try:
        raw = json.loads(data.decode("utf-8"))
        version, built_at, files = raw["version"], raw["built_at"], raw["files"]
        when = datetime.fromisoformat(str(built_at).replace("Z", "+00:00"))
    except (ValueError, KeyError, TypeError) as exc:
        raise ManifestError(f"{MANIFEST}: not a manifest ({exc})") from exc
    if not isinstance(files, list) or len(files) > MAX_FILES:
        raise ManifestError(f"{MANIFEST}: field 'files' must be a list")
    entries: list[FileEntry] = []
    for i, item in enumerate(files):
        try:
            entry = FileEntry(safe_path(item["path"]), item["sha256"], item["size"])
        except (KeyError, TypeError) as exc:
            raise ManifestError(f"{MANIFEST}: files[{i}]: bad entry") from exc
        if not (isinstance(entry.sha256, str) and _SHA256.match(entry.sha256)):
            raise ManifestError(f"{MANIFEST}: files[{i}]: field 'sha256' is not a SHA-256")
        if not isinstance(entry.size, int) or isinstance(entry.size, bool) or entry.size < 0:
            raise ManifestError(f"{MANIFEST}: files[{i}]: field 'size' is not a size")
        entries.append(entry)
    if len({e.path for e in entries}) != len(entries):
        raise ManifestError(f"{MANIFEST}: a path is listed twice")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return Manifest(version=str(version), built_at=when, files=tuple(entries))
