"""Attach existing archives (WARC, WARC.gz or WACZ) to sources by URL (issue #4 §5).

A WACZ is verified (unsigned ones are accepted: volunteers' backups rarely are) and stored
as it is. A WARC is verified record by record, then packaged unchanged into a WACZ with a
custody record of the import (who imported what file, with which hash, when), signed and
timestamped like a capture. Either way the file is stored once, by content hash, and each
source whose URL the archive holds gets a link.

Example:
    report = import_archive(Path("backup.warc.gz"), vault=vault, signing=signing,
                            operator="alice")
"""

from __future__ import annotations

import json
import platform
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from lionrock.errors import LionRockError
from lionrock.evidence._digest import sha256_hex
from lionrock.evidence._sign import SOFTWARE
from lionrock.evidence._storage import PageRow, Vault, source_urls
from lionrock.evidence._verify import Trust, verify_file
from lionrock.evidence._verify_warc import WarcRecord, iter_warc
from lionrock.evidence._wacz import Signing, build_wacz
from lionrock.evidence._warc import url_key

MAX_IMPORT = 4 << 30


class ImportRefused(LionRockError):
    """The archive is broken or not a WARC/WACZ; nothing was stored."""


@dataclass
class ImportReport:
    """What an import stored and linked."""

    path: str
    evidence_id: str = ""
    pages: int = 0
    linked: list[tuple[str, str]] = field(default_factory=list)  # (source ID, URL)
    notes: list[str] = field(default_factory=list)


def url_variants(url: str) -> set[str]:
    """Keys under which a URL names the same page: scheme, `www.`, case of the host, an
    empty path and a trailing slash do not matter; the query does.

    Example: `url_variants("http://www.Example.org/a/") == url_variants("https://example.org/a")`.
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return {url}
    path = parts.path.rstrip("/") or "/"
    return {f"{host}{port}{path}" + (f"?{parts.query}" if parts.query else "")}


def _records_to_pages(records: list[WarcRecord]) -> list[PageRow]:
    pages: dict[str, PageRow] = {}
    for rec in records:
        if rec.rec_type not in ("response", "resource") or not rec.uri:
            continue
        if rec.rec_type == "response" and rec.status is None:
            continue
        if "html" not in rec.mime and rec.uri in pages:
            continue
        ts = rec.date[:19] + "Z" if len(rec.date) >= 19 else rec.date
        pages.setdefault(
            rec.uri,
            PageRow(url=rec.uri, ts=ts, final_url=rec.uri, status=rec.status,
                    payload_sha256=rec.payload_sha256),
        )  # fmt: skip
    return list(pages.values())


def _cdxj(records: list[WarcRecord], filename: str) -> list[str]:
    lines = []
    for rec in records:
        if rec.rec_type not in ("response", "resource", "revisit") or not rec.uri:
            continue
        stamp = re.sub(r"\D", "", rec.date)[:14]
        fields = {"url": rec.uri, "mime": rec.mime or "unk", "status": str(rec.status or ""),
                  "digest": "sha256:" + rec.payload_sha256, "length": str(rec.length),
                  "offset": str(rec.offset), "filename": filename}  # fmt: skip
        lines.append(f"{url_key(rec.uri)} {stamp} {json.dumps(fields, ensure_ascii=False)}")
    return lines


def _package_warc(
    path: Path, data: bytes, *, signing: Signing, operator: str
) -> tuple[bytes, list[PageRow]]:
    problems: list[str] = []
    records = iter_warc(path.name, data, problems)
    if problems:
        raise ImportRefused("\n".join(problems[:20]))
    if not records or records[0].rec_type not in ("warcinfo", "response", "request",
                                                   "resource", "metadata", "revisit"):  # fmt: skip
        raise ImportRefused(f"{path.name}: no WARC records (ARC files are not supported)")
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", path.name)[:100]
    gz = data[:2] == b"\x1f\x8b"
    name = re.sub(r"(\.warc)?(\.gz)?$", "", stem) + (".warc.gz" if gz else ".warc")
    pages = _records_to_pages(records)
    now = datetime.now(UTC)
    custody = {
        "custody_version": 1,
        "collector": {"operator": operator, "host": platform.node(), "tool": SOFTWARE},
        "method": "import of an existing archive; records are stored unchanged",
        "imported": {"file": path.name, "sha256": sha256_hex(data), "bytes": len(data)},
        "timestampUrl": signing.tsa_url or None,
    }
    pages_json = [{"id": sha256_hex(p.url.encode())[:16], "url": p.url,
                   "ts": p.ts, "title": p.url} for p in pages]  # fmt: skip
    wacz = build_wacz(
        warcs={f"archive/{name}": data},
        cdxj=_cdxj(records, name),
        pages=pages_json,
        custody=custody,
        created=now,
        signing=signing,
        title=f"Imported from {path.name}",
    )
    return wacz, pages


def _wacz_pages(data: Path) -> list[PageRow]:
    pages: list[PageRow] = []
    with zipfile.ZipFile(data) as archive:
        warcs = [n for n in archive.namelist() if n.startswith("archive/")]
        problems: list[str] = []
        for name in warcs:
            pages += _records_to_pages(iter_warc(name, archive.read(name), problems))
    return pages


def import_archive(path: Path, *, vault: Vault, signing: Signing, operator: str) -> ImportReport:
    """Import one archive; raise `ImportRefused` (nothing stored) if it is broken.

    Example: `import_archive(Path("iana.warc.gz"), vault=vault, signing=s, operator="a")`.
    """
    if not path.is_file():
        raise ImportRefused(f"{path}: no such file")
    if path.stat().st_size > MAX_IMPORT:
        raise ImportRefused(f"{path}: larger than {MAX_IMPORT} bytes")
    report = ImportReport(str(path))
    raw = path.read_bytes()
    input_sha = sha256_hex(raw)
    existing = vault.imported(input_sha)
    if existing is not None:  # the same file again: stored once, links refreshed
        report.evidence_id = existing
        report.pages = len(vault.pages(existing))
        report.notes.append("already imported")
        _link(report, vault, [PageRow(url=p["url"], ts=p["ts"]) for p in vault.pages(existing)])
        return report
    if zipfile.is_zipfile(path):
        checked = verify_file(path, trust=Trust(allow_unsigned=True))
        if not checked.ok:
            raise ImportRefused("\n".join(checked.problems[:20]))
        report.notes += checked.notes
        data, pages = raw, _wacz_pages(path)
        signed = checked.signer is not None
        timestamped = checked.timestamp is not None
    else:
        data, pages = _package_warc(path, raw, signing=signing, operator=operator)
        signed, timestamped = signing.key is not None, bool(signing.tsa_url)
    report.evidence_id = vault.put(
        data, origin="import", operator=operator, pages=pages, signed=signed,
        timestamped=timestamped, note=f"imported from {path.name}", input_sha256=input_sha,
    )  # fmt: skip
    vault.sync()
    report.pages = len(pages)
    _link(report, vault, pages)
    return report


def _link(report: ImportReport, vault: Vault, pages: list[PageRow]) -> None:
    """Link the evidence to every source whose URL one of its pages has."""
    by_url: dict[str, str] = {}
    for page in pages:
        for form in url_variants(page.url):
            by_url.setdefault(form, page.url)
    for source_id, urls in source_urls(vault.store).items():
        for url in urls:
            match = next((by_url[f] for f in url_variants(url) if f in by_url), None)
            if match and vault.link(report.evidence_id, source_id, url):
                report.linked.append((source_id, url))
