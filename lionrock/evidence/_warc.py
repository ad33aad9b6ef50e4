"""Write a capture's exchanges as WARC 1.1 records with warcio, and index them as CDXJ.

Each exchange becomes a `request` and a `response` record (WARC 1.1 §6.6, §6.7); the page
gets a `metadata` record (§6.8) with its redirect chain, final URL, status and TLS
certificate fingerprint. Every record is its own gzip member, so the CDXJ offsets point
at records a reader can decompress alone.

Example:
    warc, lines = write_warc([page], operator="alice", filename="data.warc.gz")
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import surt
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from lionrock.evidence._digest import sha256_hex
from lionrock.evidence._fetch import Fetched
from lionrock.evidence._sign import SOFTWARE


@dataclass(slots=True)
class PageCapture:
    """A page: its redirect chain (the last hop is the page), its requisites, and the
    outcome a user sees (`ok`, `http-error`, `oversize` or a network failure kind)."""

    url: str
    hops: list[Fetched] = field(default_factory=list)
    requisites: list[Fetched] = field(default_factory=list)
    source_id: str | None = None
    skipped: list[str] = field(default_factory=list)

    @property
    def final(self) -> Fetched | None:
        return self.hops[-1] if self.hops else None

    @property
    def outcome(self) -> str:
        final = self.final
        if final is None:
            return "error"
        if not final.ok:
            return final.kind or "error"
        if final.truncated:
            return "oversize"
        if final.status is not None and final.status >= 400:
            return "http-error"
        if final.location:
            return "redirect-loop"
        return "ok"

    @property
    def error(self) -> str:
        final = self.final
        if final is None:
            return "nothing fetched"
        if final.error:
            return final.error
        if final.status is not None and final.status >= 400:
            return f"HTTP {final.status} {final.reason}".strip()
        if final.location:
            return "too many redirects"
        return ""

    @property
    def recorded(self) -> list[Fetched]:
        """Every exchange that got an HTTP response, in capture order."""
        return [f for f in [*self.hops, *self.requisites] if f.ok]


def warc_date(when: datetime) -> str:
    return str(datetime_to_iso_date(when.replace(tzinfo=None), use_micros=True))


def cdx_timestamp(when: datetime) -> str:
    return when.strftime("%Y%m%d%H%M%S")


def url_key(url: str) -> str:
    """The SURT form CDXJ sorts by.

    Example: `url_key("https://Example.org/a?b=1")` returns `"org,example)/a?b=1"`.
    """
    try:
        return str(surt.surt(url))
    except Exception:  # surt rejects some hostile URLs; index them verbatim
        return url


def _write(writer: WARCWriter, buf: io.BytesIO, record: Any) -> tuple[int, int]:
    start = buf.tell()
    writer.write_record(record)
    return start, buf.tell() - start


def _exchange(
    writer: WARCWriter, buf: io.BytesIO, fetched: Fetched, filename: str
) -> tuple[str, str]:
    """Write one request/response pair; return the response record ID and its CDXJ line."""
    date = warc_date(fetched.started)
    http_headers = StatusAndHeaders(
        f"{fetched.status} {fetched.reason}".strip(),
        fetched.headers,
        protocol=fetched.http_version,
    )
    extra = {"WARC-Date": date}
    if fetched.peer_ip:
        extra["WARC-IP-Address"] = fetched.peer_ip
    if fetched.truncated:
        extra["WARC-Truncated"] = "length"
    response = writer.create_warc_record(
        fetched.url,
        "response",
        payload=io.BytesIO(fetched.body),
        length=len(fetched.body),
        http_headers=http_headers,
        warc_headers_dict=extra,
    )
    record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
    request = writer.create_warc_record(
        fetched.url,
        "request",
        payload=io.BytesIO(fetched.request_head),
        length=len(fetched.request_head),
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
    )
    request.rec_headers.replace_header("Content-Type", "application/http; msgtype=request")
    offset, length = _write(writer, buf, response)
    _write(writer, buf, request)
    fields: dict[str, Any] = {
        "url": fetched.url,
        "mime": fetched.content_type or "unk",
        "status": str(fetched.status),
        "digest": "sha256:" + sha256_hex(fetched.body),
        "length": str(length),
        "offset": str(offset),
        "filename": filename,
    }
    if fetched.location:
        fields["redirect"] = fetched.location
    line = f"{url_key(fetched.url)} {cdx_timestamp(fetched.started)} " + json.dumps(
        fields, ensure_ascii=False, separators=(", ", ": ")
    )
    return record_id, line


def page_metadata(page: PageCapture, operator: str) -> dict[str, Any]:
    """What the page's metadata record and the custody record say about it."""
    final = page.final
    return {
        "url": page.url,
        "final_url": final.url if final else None,
        "status": final.status if final else None,
        "outcome": page.outcome,
        "error": page.error or None,
        "redirects": [
            {"url": h.url, "status": h.status, "location": h.location} for h in page.hops[:-1]
        ],
        "tls_sha256": final.tls_sha256 if final and final.tls_sha256 else None,
        "peer_ip": final.peer_ip if final else None,
        "started": warc_date(page.hops[0].started) if page.hops else None,
        "payload_sha256": sha256_hex(final.body) if final and final.ok else None,
        "requisites": [
            {
                "url": r.url,
                "status": r.status,
                "error": r.error or None,
                "payload_sha256": sha256_hex(r.body) if r.ok else None,
            }
            for r in page.requisites
        ],
        "skipped": page.skipped,
        "tool": SOFTWARE,
        "operator": operator,
    }


def write_warc(
    pages: list[PageCapture], *, operator: str, filename: str
) -> tuple[bytes, list[str]]:
    """The gzipped WARC 1.1 of `pages` and its CDXJ lines (LC_ALL=C sorted).

    Example: `data, cdxj = write_warc(pages, operator="alice", filename="data.warc.gz")`.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True, warc_version="1.1")
    info = writer.create_warcinfo_record(
        filename,
        {"software": SOFTWARE, "format": "WARC File Format 1.1", "operator": operator,
         "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"},
    )  # fmt: skip
    _write(writer, buf, info)
    lines: list[str] = []
    for page in pages:
        response_id = None
        for fetched in page.recorded:
            record_id, line = _exchange(writer, buf, fetched, filename)
            lines.append(line)
            if fetched is page.final:
                response_id = record_id
        meta = json.dumps(page_metadata(page, operator), ensure_ascii=False, indent=1)
        extra = {"WARC-Date": warc_date(page.hops[0].started if page.hops else datetime.now())}
        if response_id:
            extra["WARC-Refers-To"] = response_id
        record = writer.create_warc_record(
            page.url,
            "metadata",
            payload=io.BytesIO(meta.encode("utf-8")),
            warc_content_type="application/json",
            warc_headers_dict=extra,
        )
        _write(writer, buf, record)
    lines.sort(key=lambda s: s.encode("utf-8"))
    return buf.getvalue(), lines
