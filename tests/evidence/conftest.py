"""Fixtures for the evidence tests: a local website and a local RFC 3161 TSA, both on
127.0.0.1 only, and an evidence vault over each store backend."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from lionrock.evidence import CaptureOptions, Signing, Vault, open_signing, open_vault
from lionrock.settings import Settings
from lionrock.store import Store
from tests.evidence.local_tsa import LocalTSA

# A 1x1 PNG
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a7e5a1a70000000049454e44ae426082"
)
ENGLISH = (
    b"<!doctype html><html><head><meta charset='utf-8'><title>Synthetic report</title>"
    b"<link rel='stylesheet' href='/style.css'></head><body><h1>Synthetic test page</h1>"
    b"<p id='text'>This page is a synthetic fixture on example.org.</p>"
    b"<img id='pic' src='/pixel.png' alt='pixel'>"
    b"<script>document.getElementById('text').textContent = 'SCRIPT RAN';</script>"
    b"</body></html>"
)
CHINESE = (
    "<!doctype html><html lang='zh-Hant'><head><meta charset='utf-8'><title>測試頁</title>"
    "</head><body><p id='zh'>這是一個合成的測試頁面。</p><img src='pixel.png'></body></html>"
).encode()


@dataclass
class Route:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


def default_routes() -> dict[str, Route]:
    return {
        "/": Route(200, ENGLISH),
        "/zh": Route(200, CHINESE),
        "/pixel.png": Route(200, PNG, "image/png"),
        "/style.css": Route(200, b"h1 { color: rgb(1, 2, 3); }", "text/css"),
        "/old": Route(302, b"", headers=(("Location", "/moved"),)),
        "/moved": Route(301, b"", headers=(("Location", "/zh"),)),
        "/missing": Route(404, b"<p>not here</p>"),
        "/broken": Route(500, b"<p>server error</p>"),
        "/large": Route(200, b"x" * 300_000, "application/octet-stream"),
    }


class Site:
    """A small website on 127.0.0.1 whose routes tests can change."""

    def __init__(self) -> None:
        self.routes = default_routes()
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append(self.path)
                route = site.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Route(404, b"<p>no such page</p>")
                self.send_response(route.status)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Content-Length", str(len(route.body)))
                for name, value in route.headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def tsa() -> Iterator[LocalTSA]:
    with LocalTSA() as local:
        yield local


@pytest.fixture
def evidence_settings(tmp_path: Path, tsa: LocalTSA, store: Store) -> Settings:
    ca = tmp_path / "tsa-root.pem"
    ca.write_bytes(tsa.root_pem)
    return Settings(home=tmp_path / "home", database_url=store.url, tsa_url=tsa.url,
                    tsa_ca=ca, operator="test-operator")  # fmt: skip


@pytest.fixture
def vault(evidence_settings: Settings, store: Store) -> Vault:
    return open_vault(evidence_settings, store)


@pytest.fixture
def signing(evidence_settings: Settings) -> Signing:
    return open_signing(evidence_settings)


FAST = CaptureOptions(delay=0.0, per_host=4, concurrency=4, timeout=5.0, max_bytes=200_000)

SOURCES_YAML = """
defaults:
  review: published
sources:
{items}
"""


def sources_yaml(urls: dict[str, str]) -> str:
    items = "".join(
        f"  - id: {sid}\n    publisher: Synthetic Publisher\n    title: Synthetic page {sid}\n"
        f"    date: 2024-05-30\n    url: {url}\n"
        for sid, url in urls.items()
    )
    return SOURCES_YAML.format(items=items)
