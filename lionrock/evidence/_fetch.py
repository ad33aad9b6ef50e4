"""One HTTP exchange, recorded exactly enough to write WARC records: the request we sent,
the status line, headers and body we received, the peer's TLS certificate, and the time.

Failures (DNS, refused, timeout, TLS, oversize) come back as a `Fetched` with `error` set,
never as an exception: a failed capture is a result (issue #4 §1).

Example:
    fetched = fetch("http://127.0.0.1:8080/", timeout=10, max_bytes=1 << 20)
    fetched.status, fetched.body[:20]
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import socket
import ssl
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from lionrock import __version__

USER_AGENT = f"lionrock/{__version__} (evidence capture; +https://example.org/lionrock)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
MAX_HEADER_BYTES = 64 * 1024


@dataclass(slots=True)
class Fetched:
    """One request and its response (or the error that stopped it)."""

    url: str
    started: datetime
    request_head: bytes = b""
    status: int | None = None
    reason: str = ""
    http_version: str = "HTTP/1.1"
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    truncated: bool = False
    peer_ip: str = ""
    tls_sha256: str = ""
    error: str = ""
    kind: str = ""  # dns | connect | timeout | tls | protocol | oversize | bad-url

    @property
    def ok(self) -> bool:
        return self.status is not None

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    @property
    def location(self) -> str | None:
        """The absolute redirect target, for a redirect status."""
        target = self.header("location") if self.status in REDIRECTS else None
        return urljoin(self.url, target) if target else None

    @property
    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def response_head(self) -> bytes:
        """The status line and headers as received (transfer coding renamed, see below)."""
        lines = [f"{self.http_version} {self.status} {self.reason}"]
        lines += [f"{k}: {v}" for k, v in self.headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1", "replace")


def _connection(url: str, timeout: float) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    if parts.scheme == "https":
        context = ssl.create_default_context()
        return http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=context
        ), target
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout), target


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 50 << 20) -> Fetched:
    """GET one URL without following redirects; read at most `max_bytes` of body.

    Example: `fetch("http://127.0.0.1:8080/missing").status` is 404.
    """
    result = Fetched(url=url, started=datetime.now(UTC))
    try:
        conn, target = _connection(url, timeout)
    except ValueError as exc:
        result.error, result.kind = str(exc), "bad-url"
        return result
    host = urlsplit(url).netloc
    request_headers = [
        ("Host", host),
        ("User-Agent", USER_AGENT),
        ("Accept", "*/*"),
        ("Accept-Encoding", "identity"),
        ("Connection", "close"),
    ]
    head = f"GET {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in request_headers)
    result.request_head = (head + "\r\n").encode("ascii", "replace")
    try:
        conn.putrequest("GET", target, skip_host=True, skip_accept_encoding=True)
        for name, value in request_headers:
            conn.putheader(name, value)
        conn.endheaders()
        _read_peer(conn, result)
        response = conn.getresponse()
        _read_response(response, result, max_bytes)
    except socket.gaierror as exc:
        result.error, result.kind = f"DNS lookup failed: {exc}", "dns"
    except TimeoutError:
        result.error, result.kind = f"timed out after {timeout:g}s", "timeout"
    except ssl.SSLError as exc:
        result.error, result.kind = f"TLS error: {exc}", "tls"
    except ConnectionError as exc:
        result.error, result.kind = f"connection failed: {exc}", "connect"
    except (http.client.HTTPException, OSError) as exc:
        result.error, result.kind = f"protocol error: {exc}", "protocol"
    finally:
        conn.close()
    return result


def _read_peer(conn: http.client.HTTPConnection, result: Fetched) -> None:
    sock = conn.sock
    if sock is None:
        return
    with contextlib.suppress(OSError):
        result.peer_ip = str(sock.getpeername()[0])
    if isinstance(sock, ssl.SSLSocket):
        der = sock.getpeercert(binary_form=True)
        if der:
            result.tls_sha256 = hashlib.sha256(der).hexdigest()


def _read_response(response: http.client.HTTPResponse, result: Fetched, max_bytes: int) -> None:
    result.status = response.status
    result.reason = response.reason or ""
    result.http_version = "HTTP/1.0" if response.version == 10 else "HTTP/1.1"
    headers = list(response.getheaders())
    if sum(len(k) + len(v) for k, v in headers) > MAX_HEADER_BYTES:
        raise http.client.HTTPException("response headers too large")
    # http.client undoes chunked transfer coding, so the body we hold is the payload. The
    # header is renamed so no reader tries to de-chunk it again (WARC 1.1 §6.3 notes that
    # the payload digest is over the transfer-decoded entity).
    result.headers = [
        ("X-Archive-Orig-Transfer-Encoding" if k.lower() == "transfer-encoding" else k, v)
        for k, v in headers
    ]
    body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        result.body, result.truncated = body[:max_bytes], True
        result.error, result.kind = f"larger than the limit of {max_bytes} bytes", "oversize"
    else:
        result.body = body
