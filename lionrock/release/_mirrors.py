"""Mirrors: a signed `mirrors.json` listing known copies, and a check of each copy.

`mirrors.json` is `{"updated": "...Z", "mirrors": [{"url", "kind", "note"}]}`, with kind
one of https, onion, ipfs-gateway, cdn, signed like the manifest (`mirrors.json.minisig`).
`check_mirrors` fetches each mirror's `manifest.json` and signature (bounded timeouts)
and reports it up-to-date, stale (validly signed but older than the current release),
tampered (the signature or, with `deep`, a file fails) or unreachable.
"""

from __future__ import annotations

import json
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import minisign
from tuf.api import exceptions

from lionrock.errors import LionRockError
from lionrock.release._fetch import DEFAULT_TIMEOUT, Fetcher
from lionrock.release._keys import load_public_key
from lionrock.release._manifest import Manifest, ManifestError, read_manifest
from lionrock.release._sign import sign_file
from lionrock.release._verify import VerifyReport, check_files, check_signature, open_copy

KINDS = ("https", "onion", "ipfs-gateway", "cdn")
MAX_MIRRORS = 1000
MAX_MIRRORS_BYTES = 1024 * 1024
UP_TO_DATE, STALE, TAMPERED, UNREACHABLE = "up-to-date", "stale", "tampered", "unreachable"


class MirrorsError(LionRockError):
    """`mirrors.json` is malformed, unsigned, or not signed by the release key."""


@dataclass(frozen=True, slots=True)
class Mirror:
    """A known copy of the site. Example: `Mirror("https://m.example.org/", "https")`."""

    url: str
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class MirrorStatus:
    """One mirror's state (up-to-date, stale, tampered, unreachable) and why."""

    mirror: Mirror
    state: str
    detail: str
    built_at: datetime | None = None


def _parse_mirror(item: Any, where: str) -> Mirror:
    if not isinstance(item, dict):
        raise MirrorsError(f"{where}: must be an object with url and kind")
    url, kind, note = item.get("url"), item.get("kind"), item.get("note", "")
    if kind not in KINDS:
        raise MirrorsError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}")
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    if (
        not isinstance(url, str)
        or parts is None
        or parts.scheme not in ("http", "https")
        or not parts.hostname
    ):
        raise MirrorsError(f"{where}: field 'url' must be an http(s) URL")
    if (kind == "onion") != parts.hostname.endswith(".onion"):
        raise MirrorsError(f"{where}: field 'url' must be a .onion address exactly for onion")
    if not isinstance(note, str) or len(note) > 500:
        raise MirrorsError(f"{where}: field 'note' must be a short text")
    return Mirror(url=url, kind=kind, note=note)


def parse_mirrors(data: Any, *, source: str = "mirrors") -> list[Mirror]:
    """Check a mirror list (a list, or `{"mirrors": [...]}`) and return its mirrors.

    Example: `parse_mirrors([{"url": "https://m.example.org/", "kind": "cdn"}])`
    """
    items = data.get("mirrors") if isinstance(data, dict) else data
    if not isinstance(items, list) or len(items) > MAX_MIRRORS:
        raise MirrorsError(f"{source}: expected a list of at most {MAX_MIRRORS} mirrors")
    return [_parse_mirror(item, f"{source}: mirror {i + 1}") for i, item in enumerate(items)]


def write_mirrors(
    out: Path, mirrors: list[Mirror], *, secret_key: Path, password: str | None = None
) -> Path:
    """Write `mirrors.json` and its minisign signature; return the JSON's path.

    Example: `write_mirrors(Path("site/mirrors.json"), [m], secret_key=Path("k/lionrock.key"))`
    """
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = {"updated": now, "mirrors": [vars_of(m) for m in mirrors]}
    parse_mirrors(data, source=str(out))
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sign_file(out, secret_key=secret_key, password=password)
    return out


def vars_of(mirror: Mirror) -> dict[str, str]:
    """A mirror as JSON fields (the note left out when empty)."""
    out = {"url": mirror.url, "kind": mirror.kind}
    return {**out, "note": mirror.note} if mirror.note else out


def read_mirrors(
    source: str, *, pubkey: str | Path, timeout: float = DEFAULT_TIMEOUT
) -> list[Mirror]:
    """Read a signed `mirrors.json` (a path or URL; its signature beside it) and check
    the signature against the release key.

    Example: `read_mirrors("site/mirrors.json", pubkey=Path("keys/lionrock.pub"))`
    """
    fetcher = Fetcher(timeout=timeout)
    url = source if source.startswith(("http://", "https://")) else Path(source).resolve().as_uri()
    try:
        data = fetcher.get(url, max_length=MAX_MIRRORS_BYTES)
        signature = minisign.Signature.from_bytes(fetcher.get(url + ".minisig", max_length=16384))
        load_public_key(pubkey).verify(data, signature)
        raw = json.loads(data.decode("utf-8"))
    except exceptions.DownloadError as exc:
        raise MirrorsError(f"{source}: cannot read it or its .minisig ({exc})") from exc
    except (minisign.Error, ValueError) as exc:
        raise MirrorsError(f"{source}: not signed by the release key ({exc})") from exc
    return parse_mirrors(raw, source=source)


def _signed_manifest(url: str, pubkey: str | Path, timeout: float) -> tuple[Manifest, str]:
    """The verified manifest at a copy; raises on failure with the state to report."""
    copy = open_copy(url, timeout=timeout)
    report = VerifyReport(target=url, kind=copy.kind)
    data = check_signature(copy, report, load_public_key(pubkey))
    if data is None:
        state = UNREACHABLE if "missing" in report.problems[0].message else TAMPERED
        raise _Failed(state, str(report.problems[0]))
    return read_manifest(data), data.decode("utf-8", "replace")


class _Failed(Exception):
    def __init__(self, state: str, detail: str) -> None:
        super().__init__(detail)
        self.state, self.detail = state, detail


def _check_one(
    mirror: Mirror, pubkey: str | Path, timeout: float, deep: bool
) -> tuple[MirrorStatus, Manifest | None]:
    try:
        manifest, _ = _signed_manifest(mirror.url, pubkey, timeout)
        if deep:
            copy = open_copy(mirror.url, timeout=timeout)
            report = VerifyReport(target=mirror.url, kind=copy.kind)
            check_files(copy, report, manifest)
            if not report.ok:
                detail = "; ".join(str(p) for p in report.problems[:5])
                return MirrorStatus(mirror, TAMPERED, detail, manifest.built_at), None
    except _Failed as exc:
        return MirrorStatus(mirror, exc.state, exc.detail), None
    except exceptions.DownloadError as exc:
        return MirrorStatus(mirror, UNREACHABLE, str(exc)), None
    except ManifestError as exc:
        return MirrorStatus(mirror, TAMPERED, str(exc)), None
    return MirrorStatus(mirror, UP_TO_DATE, "", manifest.built_at), manifest


def check_mirrors(
    mirrors: list[Mirror],
    *,
    pubkey: str | Path,
    current: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    deep: bool = False,
) -> list[MirrorStatus]:
    """Check every mirror's signed manifest, in parallel, each fetch bounded by `timeout`.

    The current release is `current` (a folder or URL of the canonical site) if given,
    else the newest validly signed release any mirror serves.

    Example: `check_mirrors(read_mirrors("site/mirrors.json", pubkey=k), pubkey=k)`
    """
    newest: datetime | None = None
    if current is not None:
        try:
            newest = _signed_manifest(current, pubkey, timeout)[0].built_at
        except (_Failed, exceptions.DownloadError, ManifestError) as exc:
            message = f"{current}: the current release cannot be verified ({exc})"
            raise MirrorsError(message) from exc
    with ThreadPoolExecutor(max_workers=min(16, max(1, len(mirrors)))) as pool:
        results = list(pool.map(lambda m: _check_one(m, pubkey, timeout, deep), mirrors))
    if newest is None:
        newest = max((m.built_at for _, m in results if m is not None), default=None)
    out: list[MirrorStatus] = []
    for status, manifest in results:
        if manifest is not None and newest is not None and manifest.built_at < newest:
            detail = f"serves the release built {manifest.built_at:%Y-%m-%d %H:%M:%SZ}"
            status = MirrorStatus(status.mirror, STALE, detail, manifest.built_at)
        out.append(status)
    return out
