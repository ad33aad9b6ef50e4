"""Fixtures for the release tests: a synthetic trilingual site, keys, loopback servers.

The site is clearly synthetic (example.org); its Chinese text is a public figure's name
used as a search term, no fact is stated.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from lionrock.release import generate_keys, sign_site, write_manifest
from lionrock.release._png import illustration
from lionrock.release._zim import KIWIX_ENV
from tests.conftest import ROOT

IPFS_CAR = ROOT / "node_modules" / ".bin" / "ipfs-car"
PAGES = {
    "en": ("John Lee Ka-chiu", "People: John Lee Ka-chiu, Chief Executive (synthetic page)"),
    "zh-hant": ("李家超", "人物：李家超，行政長官（測試頁）"),
    "ja": ("李家超", "人物：李家超、行政長官（テストページ）"),
}


def _page(lang: str, title: str, body: str, links: str = "") -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<title>{title}</title><link rel="stylesheet" href="../css/site.css"></head>'
        f"<body><main><h1>{title}</h1><p>{body}</p>{links}"
        f'<img src="../img/lion.png" alt=""></main></body></html>\n'
    )


def make_site(root: Path, *, edition: str = "1") -> Path:
    """A small static site: an index, /en/, /zh-hant/, /ja/, CSS, an image."""
    (root / "css").mkdir(parents=True)
    (root / "img").mkdir()
    (root / "css" / "site.css").write_text("body{font-family:sans-serif;max-width:40em}\n")
    (root / "img" / "lion.png").write_bytes(illustration(48))
    langs = "".join(f'<a href="{lang}/index.html" hreflang="{lang}">{lang}</a> ' for lang in PAGES)
    (root / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lion Rock '
        f"(test site {edition})</title></head><body><p>{langs}</p></body></html>\n",
        encoding="utf-8",
    )
    for lang, (name, text) in PAGES.items():
        folder = root / lang / "people"
        folder.mkdir(parents=True)
        link = '<a href="people/john-lee.html">→</a>'
        (root / lang / "index.html").write_text(
            _page(lang, f"Lion Rock {lang} {edition}", "https://example.org/", link),
            encoding="utf-8",
        )
        (folder / "john-lee.html").write_text(
            _page(lang, name, text).replace("../css", "../../css").replace("../img", "../../img"),
            encoding="utf-8",
        )
    return root


@dataclass(frozen=True)
class Keys:
    secret: Path
    public: Path

    @property
    def line(self) -> str:
        """The base64 public key, as `minisign -P` takes it."""
        return self.public.read_text(encoding="utf-8").splitlines()[1]


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    secret, public = generate_keys(tmp_path_factory.mktemp("keys"))
    return Keys(secret, public)


@pytest.fixture(scope="session")
def other_keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    secret, public = generate_keys(tmp_path_factory.mktemp("other-keys"))
    return Keys(secret, public)


def signed_site(root: Path, keys: Keys, *, edition: str, built: datetime) -> Path:
    """A site built at `built` and signed then."""
    make_site(root, edition=edition)
    write_manifest(root, version=edition, built_at=built)
    sign_site(root, secret_key=keys.secret, now=built)
    return root


NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="session")
def release_v1(tmp_path_factory: pytest.TempPathFactory, keys: Keys) -> Path:
    """An older signed release (two days old, still within its TUF expiry)."""
    return signed_site(
        tmp_path_factory.mktemp("v1") / "site", keys, edition="1", built=NOW - timedelta(days=2)
    )


@pytest.fixture(scope="session")
def release_v2(tmp_path_factory: pytest.TempPathFactory, keys: Keys) -> Path:
    """The current signed release."""
    return signed_site(tmp_path_factory.mktemp("v2") / "site", keys, edition="2", built=NOW)


@pytest.fixture
def site(tmp_path: Path, release_v2: Path) -> Path:
    """A fresh copy of the current release, free to tamper with."""
    return Path(shutil.copytree(release_v2, tmp_path / "site"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # no client IP logged
        pass


class Server:
    """A loopback HTTP server of a folder; `root` may be switched while it runs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        handler = partial(self._handle)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def _handle(self, *args: object) -> None:
        _Quiet(*args, directory=str(self.root))  # type: ignore[arg-type]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[object]:
    """`serve(folder)` starts a loopback HTTP server of it; all stop after the test."""
    servers: list[Server] = []

    def start(root: Path) -> Server:
        servers.append(Server(root))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def kiwix_serve(zim: Path) -> Iterator[str]:
    """kiwix-serve on loopback, as docs/release.md says to run it (`KIWIX_ENV`), serving
    `zim`; yields its base URL. Its pages are at /<zim stem>/<path> (TOOLCHAIN gotcha 4)."""
    port = free_port()
    proc = subprocess.Popen(
        ["kiwix-serve", "--address", "127.0.0.1", "--port", str(port), "--nosearchbar", str(zim)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **KIWIX_ENV},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    pytest.fail("kiwix-serve did not start")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fetch(url: str) -> str:
    """The text at `url` (a loopback server's page)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def require_ipfs_car() -> Path:
    """The ipfs-car CLI from package-lock.json; the test set-up installs it."""
    if not os.access(IPFS_CAR, os.X_OK):
        pytest.fail(f"{IPFS_CAR} is missing: run .ci/deps.d/release.sh (npm ci)")
    return IPFS_CAR
