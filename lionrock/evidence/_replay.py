"""Replay archived pages from a WACZ with no live network request (issue #4 §6).

Every URL in an archived HTML page or stylesheet is rewritten to point back into the
archive (`{mount}/{id}/{url}`); anything not in the archive is a 404, never a live fetch.
Archived content is served under its own path with a strict Content-Security-Policy whose
`sandbox` directive gives it an opaque origin, with scripts, forms, plugins and outside
connections off (ArchiveBox served archived scripts same-origin: CVE-2023-45815).
`allow_scripts` exists for a separate-origin local replay only.

A file is named by its full sha256, never a prefix: pages and `lionrock evidence show`
link the full ID, so a prefix only ever served guessing (a 6-hex prefix is 16.7 million
tries). Who may replay which file is the caller's `may_replay`: the web app lets the
public replay only files backing a published source (issue #6); `evidence show --serve`,
with no login, on 127.0.0.1 for the editor's own machine, allows the one file it shows.
An unknown file, a prefix and a refused file get the same 404, so no answer reveals that
a file exists.

Example:
    app = replay_app(vault, mount="/evidence/replay", may_replay=lambda _, sha: sha in public)
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from warcio.archiveiterator import ArchiveIterator

from lionrock.evidence._storage import EvidenceNotFound, Vault
from lionrock.evidence._verify_warc import read_cdxj
from lionrock.evidence._warc import url_key

STRICT = (
    "sandbox; default-src 'none'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; font-src 'self' data:; media-src 'self'; "
    "script-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'; "
    "frame-src 'self'; frame-ancestors 'self'"
)
WITH_SCRIPTS = STRICT.replace("sandbox;", "sandbox allow-scripts;").replace(
    "script-src 'none'", "script-src 'self' 'unsafe-inline'"
)
ATTR_RE = re.compile(
    r"""(\s(?:src|href|poster|action|background|data)\s*=\s*)("[^"]*"|'[^']*'|[^\s>"']+)""",
    re.I,
)
SRCSET_RE = re.compile(r"""(\ssrcset\s*=\s*)("[^"]*"|'[^']*')""", re.I)
CSS_URL_RE = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""", re.I)
CSS_IMPORT_RE = re.compile(r"""@import\s+(["'])([^"']+)\1""", re.I)
DROP_HEADERS = frozenset(
    {
        "content-encoding",
        "transfer-encoding",
        "content-length",
        "content-security-policy",
        "set-cookie",
        "x-archive-orig-transfer-encoding",
        "strict-transport-security",
        "link",
        "refresh",
    }
)
CACHE = 32
SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Decides whether this request may replay the file with this sha256 (see the docstring).
MayReplay = Callable[[Request, str], bool]


class Archive:
    """One WACZ opened for replay: its index and WARC members."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, list[dict[str, Any]]] = {}
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("indexes/") and not name.endswith(".idx"):
                    for key, fields in read_cdxj(name, archive.read(name), []):
                        self.entries.setdefault(key, []).append(fields)
            self.pages = _pages(archive)

    def lookup(self, url: str) -> dict[str, Any] | None:
        found = self.entries.get(url_key(url)) or self.entries.get(url_key(url.rstrip("/")))
        if not found:
            return None
        exact = [f for f in found if f.get("url") == url]
        return (exact or found)[-1]

    def record(self, fields: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """The archived status, headers and decoded body an index entry points at."""
        name = str(fields.get("filename", ""))
        with zipfile.ZipFile(self.path) as archive:
            member = name if name.startswith("archive/") else f"archive/{name}"
            with archive.open(member) as fh:
                fh.seek(int(fields["offset"]))
                chunk = fh.read(int(fields["length"]))
        for record in ArchiveIterator(io.BytesIO(chunk)):
            if record.http_headers is not None and record.rec_type == "response":
                status = int(record.http_headers.get_statuscode() or 200)
                return status, list(record.http_headers.headers), record.content_stream().read()
            return 200, [("Content-Type", str(fields.get("mime", "")))], record.raw_stream.read()
        raise EvidenceNotFound("empty record")


def _pages(archive: zipfile.ZipFile) -> list[dict[str, Any]]:
    pages = []
    if "pages/pages.jsonl" in archive.namelist():
        for line in archive.read("pages/pages.jsonl").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and row.get("url"):
                pages.append(row)
    return pages


def rewrite_html(text: str, *, base: str, prefix: str) -> str:
    """Point every URL in a page back into the archive under `prefix`.

    Example: `rewrite_html('<img src="a.png">', base="http://h/", prefix="/r/ab")` gives
    `'<img src="/r/ab/http://h/a.png">'`.
    """

    def into(url: str) -> str:
        url = html.unescape(url.strip())
        if url.startswith(("#", "data:", "about:")):
            return url
        absolute = urljoin(base, url)
        if urlsplit(absolute).scheme not in ("http", "https"):
            return "about:blank"  # javascript:, file:, ... never reach the reader
        return f"{prefix}/{absolute}"

    def attr(match: re.Match[str]) -> str:
        value = match.group(2)
        quote = value[0] if value[0] in "\"'" else '"'
        inner = value[1:-1] if value[0] in "\"'" else value
        return f"{match.group(1)}{quote}{html.escape(into(inner), quote=True)}{quote}"

    def srcset(match: re.Match[str]) -> str:
        value = match.group(2)
        parts = []
        for candidate in value[1:-1].split(","):
            bits = candidate.strip().split(None, 1)
            if bits:
                parts.append(" ".join([html.escape(into(bits[0]), quote=True), *bits[1:]]))
        return f"{match.group(1)}{value[0]}{', '.join(parts)}{value[0]}"

    text = SRCSET_RE.sub(srcset, ATTR_RE.sub(attr, text))
    return rewrite_css(text, base=base, prefix=prefix)


def rewrite_css(text: str, *, base: str, prefix: str) -> str:
    """Point `url(...)` and `@import` in CSS back into the archive."""

    def into(url: str) -> str:
        if url.startswith(("data:", "#")):
            return url
        absolute = urljoin(base, url.strip())
        return f"{prefix}/{absolute}" if urlsplit(absolute).scheme in ("http", "https") else ""

    text = CSS_URL_RE.sub(lambda m: f'url("{into(m.group(2))}")', text)
    return CSS_IMPORT_RE.sub(lambda m: f'@import "{into(m.group(2))}"', text)


def _charset(headers: list[tuple[str, str]]) -> str:
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    match = re.search(r"charset=([\w-]+)", content_type, re.I)
    return match.group(1) if match else "utf-8"


def replay_app(
    vault: Vault, *, mount: str = "", allow_scripts: bool = False, may_replay: MayReplay | None
) -> Starlette:
    """The replay ASGI app; mount it at `mount` (its URLs include that prefix).

    `may_replay(request, sha256)` is asked before a file is opened; None lets every
    request replay every file, which is for a loopback-only local server alone. It is a
    required argument so that no caller opens every file to everyone by omission.

    Example: `Mount("/evidence/replay", replay_app(vault, mount="/evidence/replay",
    may_replay=gate))`.
    """
    csp = WITH_SCRIPTS if allow_scripts else STRICT
    archives: OrderedDict[str, Archive] = OrderedDict()

    def archive_for(request: Request) -> tuple[str, Archive]:
        evidence_id = request.path_params["evidence_id"]
        if not SHA256.match(evidence_id):
            raise EvidenceNotFound("not a full sha256")
        if may_replay is not None and not may_replay(request, evidence_id):
            raise EvidenceNotFound("not for this reader")  # the same 404 as unknown
        if evidence_id in archives:  # opened already: no query, no re-reading the index
            archives.move_to_end(evidence_id)
            return evidence_id, archives[evidence_id]
        row = vault.get(evidence_id)
        if row is None:
            raise EvidenceNotFound("no such evidence")
        path = (vault.root / row["path"]).resolve()
        if not path.is_relative_to(vault.root.resolve()) or not path.is_file():
            raise EvidenceNotFound("no such file")  # an index row never points elsewhere
        archives[evidence_id] = Archive(path)
        while len(archives) > CACHE:
            archives.popitem(last=False)
        return evidence_id, archives[evidence_id]

    def headers(extra: dict[str, str] | None = None) -> dict[str, str]:
        return {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "no-referrer", "Cache-Control": "private, max-age=3600",
                **(extra or {})}  # fmt: skip

    def not_found() -> Response:
        # one answer for unknown, refused and malformed IDs; not cached, so a reader who
        # logs in (or a source that is published) gets the file at once
        return HTMLResponse(
            "<p>no such evidence</p>",
            status_code=404,
            headers=headers({"Cache-Control": "no-store"}),
        )

    async def index(request: Request) -> Response:
        try:
            full_id, archive = archive_for(request)
        except EvidenceNotFound:
            return not_found()
        items = "".join(
            f'<li><a href="{mount}/{full_id}/{html.escape(p["url"], quote=True)}">'
            f"{html.escape(str(p.get('title') or p['url']))}</a> ({html.escape(str(p.get('ts')))})"
            "</li>"
            for p in archive.pages
        )
        body = (f"<!doctype html><meta charset=utf-8><title>Evidence {full_id[:12]}</title>"
                f"<h1>Evidence {full_id[:12]}</h1><ul>{items}</ul>")  # fmt: skip
        return HTMLResponse(body, headers=headers())

    async def resource(request: Request) -> Response:
        target = request.path_params["url"]
        if request.url.query:
            target += "?" + request.url.query
        try:
            full_id, archive = archive_for(request)
        except EvidenceNotFound:
            return not_found()
        fields = archive.lookup(target)
        if fields is None:
            message = f"<p>{html.escape(target)} is not in this archive.</p>"
            return HTMLResponse(message, status_code=404, headers=headers())
        status, archived, body = archive.record(fields)
        prefix = f"{mount}/{full_id}"
        kept = {k: v for k, v in archived if k.lower() not in DROP_HEADERS}
        location = next((v for k, v in archived if k.lower() == "location"), None)
        if location:
            kept = {k: v for k, v in kept.items() if k.lower() != "location"}
            kept["Location"] = f"{prefix}/{urljoin(target, location)}"
        content_type = next((v for k, v in archived if k.lower() == "content-type"), "")
        if "html" in content_type.lower() or "css" in content_type.lower():
            text = body.decode(_charset(archived), "replace")
            if "html" in content_type.lower():
                text = rewrite_html(text, base=target, prefix=prefix)
            else:
                text = rewrite_css(text, base=target, prefix=prefix)
            body = text.encode("utf-8")
            kept = {k: v for k, v in kept.items() if k.lower() != "content-type"}
            kind = "text/html" if "html" in content_type.lower() else "text/css"
            kept["Content-Type"] = f"{kind}; charset=utf-8"
        return Response(body, status_code=status, headers=headers(kept))

    return Starlette(
        routes=[
            Route("/{evidence_id}/", index),
            Route("/{evidence_id}/{url:path}", resource),
        ]
    )
