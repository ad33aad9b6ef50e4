"""The site's manifest: every file with its SHA-256 and size, the build time and the
version. Signing (`lionrock.release.sign_site`) signs this file, so a reader can check
that no mirror altered any file (issue #5, item 8).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from lionrock import __version__
from lionrock.publish.state import file_list
from lionrock.release import is_signing_metadata
from lionrock.store import utcnow

MANIFEST = "manifest.json"
FORMAT = "lionrock-manifest/1"


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def site_files(site_dir: Path) -> list[str]:
    """Every file under `site_dir` but the manifest and the signing metadata that is
    verified apart from it (one rule, `lionrock.release.is_signing_metadata`), as sorted
    POSIX paths relative to it."""
    found = []
    for folder, dirs, files in os.walk(site_dir):
        dirs.sort()
        rel = os.path.relpath(folder, site_dir)
        for name in files:
            path = name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")
            if not is_signing_metadata(path):
                found.append(path)
    return sorted(found)


def write_manifest(
    site_dir: Path,
    *,
    known: Mapping[str, tuple[str, int]] | None = None,
    complete: bool = False,
    built: str = "",
) -> Path:
    """Write `site_dir/manifest.json` and return its path.

    `known` gives the SHA-256 and size of files the caller wrote (so they are not read
    again); every other file is hashed. With `complete`, `known` is the whole site (the
    builder knows every file it holds) and the folder is not walked.

    Example: `write_manifest(Path("site"))`.
    """
    site_dir = Path(site_dir)
    known = known or {}
    files = {}
    for rel in sorted(known) if complete else site_files(site_dir):
        files[rel] = known.get(rel) or _sha256(site_dir / rel)
    path = site_dir / MANIFEST
    tmp = site_dir / f".{MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(manifest_text(file_list(files), built=built), encoding="utf-8")
    os.replace(tmp, path)
    return path


def manifest_text(files: str, *, built: str = "") -> str:
    """The manifest around a file list (`lionrock.publish.state.file_list`), as compact
    JSON: the same bytes as `json.dumps` of the whole, with `files` last.

    Example: `manifest_text(file_list({"index.html": (sha, 120)}), built=utcnow())`.
    """
    head = {
        "format": FORMAT,
        "generator": "lionrock",
        "version": __version__,
        "built_at": built or utcnow(),
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))
    return f'{text[:-1]},"files":[{files}]}}'
