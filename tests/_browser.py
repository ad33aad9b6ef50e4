"""What the browser tests share besides the `browser` fixture (tests/conftest.py): a built
site or the web app served on loopback, and the check of a page's charts."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lionrock import Settings, Store
from lionrock.web import create_app
from lionrock.web import server as serve

CLIENT = "127.0.0.1"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # no access log
        pass


def free_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind((CLIENT, 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """`folder` (a built site) over HTTP on loopback; yields its base URL."""
    handler = functools.partial(_Quiet, directory=str(folder.resolve()))
    server = http.server.ThreadingHTTPServer((CLIENT, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{CLIENT}:{server.server_address[1]}/"
    finally:
        server.shutdown()


@contextmanager
def serve_app(
    store: Store, settings: Settings | None = None, *, log_level: str = "warning"
) -> Iterator[str]:
    """The web app over `store` on a real socket, as `lionrock serve` runs it (uvicorn);
    yields its base URL, without a trailing slash."""
    port = free_port()
    app = create_app(settings or Settings(database_url="sqlite://"), store=store)
    server = serve(app, host=CLIENT, port=port, log_level=log_level, log_config=None)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://{CLIENT}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def serve_store(store: Store) -> Iterator[str]:
    """The web app over `store`, as `serve_app`; its base URL ends with a slash."""
    with serve_app(store) as url:
        yield url + "/"


def check_charts(page: Any, screenshot: Path) -> None:
    """Nothing in an SVG chart reaches past the chart's edge; then a screenshot, for a
    person to look at."""
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('main svg')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].filter(t => {
                const r = t.getBoundingClientRect();
                return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1
                    || r.top < box.top - 1 || r.bottom > box.bottom + 1);
            }).map(t => t.textContent);
        })"""
    )
    assert clipped == [], clipped
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=True)
