"""Capture pages into signed, timestamped WACZ evidence (issue #4 §1-3).

Fetches run concurrently, but never more than `per_host` at once on one host, with at
least `delay` seconds between request starts on a host (politeness). Each page, with its
redirects and its requisites (images, stylesheets, icons; bounded in count and bytes),
becomes one WACZ, stored once by content hash and linked to its source.

Example:
    results = capture(targets=[Target("https://example.org/")], store=store,
                      settings=settings, options=CaptureOptions())
"""

from __future__ import annotations

import getpass
import platform
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from lionrock.evidence._digest import sha256_hex
from lionrock.evidence._fetch import Fetched, fetch
from lionrock.evidence._sign import SOFTWARE
from lionrock.evidence._storage import Captured, CaptureResult, PageRow, Vault
from lionrock.evidence._wacz import WARC_PATH, Signing, build_wacz
from lionrock.evidence._warc import PageCapture, warc_date, write_warc
from lionrock.settings import Settings

MAX_REDIRECTS = 10
BATCH = 50


@dataclass(frozen=True, slots=True)
class Target:
    """A URL to capture, and the source it is evidence for (if any)."""

    url: str
    source_id: str | None = None


@dataclass(frozen=True, slots=True)
class CaptureOptions:
    """Limits for one capture run."""

    timeout: float = 20.0
    max_bytes: int = 50 << 20  # one response
    requisite_bytes: int = 20 << 20  # all requisites of one page together
    max_requisites: int = 100
    concurrency: int = 8
    per_host: int = 2
    delay: float = 0.5


class HostGate:
    """Per-host politeness: at most `per_host` requests in flight, `delay` apart."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.per_host, self.delay = max(1, per_host), max(0.0, delay)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next: dict[str, float] = {}

    def fetch(self, url: str, options: CaptureOptions, max_bytes: int) -> Fetched:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with slot:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, now))
                self._next[host] = start + self.delay
            if start > now:
                time.sleep(start - now)
            return fetch(url, timeout=options.timeout, max_bytes=max_bytes)


class _Requisites(HTMLParser):
    """Collects image, stylesheet and icon URLs from a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("img", "source", "input") and values.get("src"):
            self.urls.append(values["src"])
        if tag in ("img", "source") and values.get("srcset"):
            self.urls += [c.strip().split(" ")[0] for c in values["srcset"].split(",")]
        rel = values.get("rel", "").lower().split()
        if tag == "link" and values.get("href") and {"stylesheet", "icon"} & set(rel):
            self.urls.append(values["href"])


def requisite_urls(html: bytes, base: str, limit: int) -> list[str]:
    """The http(s) requisites of a page, absolute, deduplicated, at most `limit`.

    Example: `requisite_urls(b'<img src="a.png">', "http://h/p/", 10)` is
    `["http://h/p/a.png"]`.
    """
    parser = _Requisites()
    try:
        parser.feed(html[: 8 << 20].decode("utf-8", "replace"))
        parser.close()
    except Exception:  # html.parser is lenient; a hostile page must not stop a capture
        pass
    found: dict[str, None] = {}
    for raw in parser.urls:
        url = urljoin(base, raw.strip()).split("#")[0]
        if urlsplit(url).scheme in ("http", "https") and url != base:
            found.setdefault(url)
    return list(found)[:limit]


def fetch_page(url: str, gate: HostGate, options: CaptureOptions) -> PageCapture:
    """A page with its redirect chain and requisites."""
    page = PageCapture(url=url)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        hop = gate.fetch(current, options, options.max_bytes)
        page.hops.append(hop)
        if not hop.location or hop.location in {h.url for h in page.hops}:
            break
        current = hop.location
    final = page.final
    if final is None or not final.ok or "html" not in final.content_type:
        return page
    budget = options.requisite_bytes
    for req_url in requisite_urls(final.body, final.url, options.max_requisites):
        if budget <= 0:
            page.skipped.append(req_url)
            continue
        got = gate.fetch(req_url, options, min(budget, options.max_bytes))
        budget -= len(got.body)
        page.requisites.append(got)
    return page


def _title(page: PageCapture) -> str | None:
    final = page.final
    if final is None or "html" not in final.content_type:
        return None
    text = final.body[:65536].decode("utf-8", "replace")
    start = text.lower().find("<title")
    if start < 0:
        return None
    start = text.find(">", start) + 1
    end = text.lower().find("</title", start)
    return " ".join(text[start:end].split())[:300] or None if end > start else None


def package_page(
    page: PageCapture, *, operator: str, signing: Signing, tsa_url: str
) -> tuple[bytes, PageRow]:
    """One page's WACZ bytes and its index row."""
    started = page.hops[0].started
    warc, cdxj = write_warc([page], operator=operator, filename="data.warc.gz")
    final = page.final
    ts = started.strftime("%Y-%m-%dT%H:%M:%SZ")
    title = _title(page)
    row = PageRow(
        url=page.url,
        ts=ts,
        final_url=final.url if final else None,
        status=final.status if final else None,
        payload_sha256=sha256_hex(final.body) if final and final.ok else None,
        title=title,
    )
    page_json = {"id": sha256_hex(page.url.encode())[:16], "url": page.url, "ts": ts,
                 "title": title or page.url, "status": row.status}  # fmt: skip
    custody = {
        "custody_version": 1,
        "collector": {"operator": operator, "host": platform.node(), "tool": SOFTWARE},
        "method": "HTTP GET by lionrock's capturer; requisites up to the size limit",
        "started": warc_date(started),
        "finished": warc_date(datetime.now(UTC)),
        "timestampUrl": tsa_url or None,
        "pages": [
            {
                "url": page.url,
                "final_url": row.final_url,
                "status": row.status,
                "outcome": page.outcome,
                "payload_sha256": row.payload_sha256,
                "tls_sha256": final.tls_sha256 if final and final.tls_sha256 else None,
                "redirects": [h.url for h in page.hops[:-1]],
            }
        ],
    }
    data = build_wacz(
        warcs={WARC_PATH: warc},
        cdxj=cdxj,
        pages=[page_json],
        custody=custody,
        created=datetime.now(UTC),
        signing=signing,
    )
    return data, row


def default_operator(settings: Settings) -> str:
    if settings.operator:
        return settings.operator
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def capture(
    *,
    targets: Iterable[Target],
    vault: Vault,
    signing: Signing,
    operator: str,
    options: CaptureOptions | None = None,
    on_done: Callable[[CaptureResult], None] | None = None,
) -> list[CaptureResult]:
    """Capture every target; each result is recorded in the Store, failures included.

    Example: `capture(targets=[Target(url)], vault=vault, signing=Signing(key=key),
    operator="alice")[0].outcome`.
    """
    options = options or CaptureOptions()
    gate = HostGate(options.per_host, options.delay)
    targets = list(targets)
    results: list[CaptureResult | None] = [None] * len(targets)
    batch: list[Captured] = []

    def flush() -> None:
        # one transaction per batch: the Store's single writer is not the bottleneck
        vault.put_captures(batch, operator=operator, signed=signing.key is not None,
                           timestamped=bool(signing.tsa_url))  # fmt: skip
        for item in batch:
            if on_done is not None:
                on_done(item.result)
        batch.clear()

    def one(index: int) -> tuple[int, Captured]:
        page = fetch_page(targets[index].url, gate, options)
        return index, _package(page, targets[index], signing, operator)

    try:
        with ThreadPoolExecutor(max_workers=max(1, options.concurrency)) as pool:
            for future in as_completed([pool.submit(one, i) for i in range(len(targets))]):
                index, captured = future.result()
                results[index] = captured.result
                batch.append(captured)
                if len(batch) >= BATCH:
                    flush()
        flush()
    finally:
        vault.sync()
    return [r for r in results if r is not None]


def _package(page: PageCapture, target: Target, signing: Signing, operator: str) -> Captured:
    final = page.final
    result = CaptureResult(
        url=target.url,
        source_id=target.source_id,
        outcome=page.outcome,
        status=final.status if final else None,
        final_url=final.url if final else None,
        error=page.error,
        requisites=sum(1 for r in page.requisites if r.ok),
    )
    if final is None or not final.ok:
        return Captured(result)
    try:
        data, row = package_page(page, operator=operator, signing=signing, tsa_url=signing.tsa_url)
    except Exception as exc:  # a TSA failure is this target's result, not the run's
        result.outcome, result.error = "package-error", str(exc)[:500]
        return Captured(result)
    return Captured(result, data, row)
