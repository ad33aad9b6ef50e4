"""Replay: the archived page renders in headless Chromium from the WACZ alone, sandboxed,
with scripts off and not one request leaving the replay server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser
from starlette.testclient import TestClient

from lionrock.evidence import Signing, Target, Vault, capture, replay_app, rewrite_html
from lionrock.settings import Settings
from lionrock.sources import Defaults, load_paths
from lionrock.store import Store
from lionrock.web import create_app
from tests.conftest import write
from tests.evidence.conftest import FAST, Site, sources_yaml


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def captured(
    site: Site, vault: Vault, signing: Signing, store: Store, tmp_path: Path
) -> Iterator[tuple[str, str]]:
    urls = (site.url("/"), site.url("/zh"))
    # the web app replays a file to the public only while it backs a published source
    path = write(tmp_path / "s.yaml", sources_yaml({"src-en": urls[0], "src-zh": urls[1]}))
    load_paths(store, [path], defaults=Defaults(review="published"))
    results = capture(targets=[Target(urls[0], "src-en"), Target(urls[1], "src-zh")],
                      vault=vault, signing=signing, operator="t", options=FAST)  # fmt: skip
    ids = [r.evidence_id or "" for r in results]
    site.stop()  # the original is gone: replay must not need it
    yield ids[0] + " " + urls[0], ids[1] + " " + urls[1]


def _serve(settings: Settings, store: Store) -> Iterator[str]:
    port = _free_port()
    app = create_app(settings, store=store)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


def test_replay_headers_and_offline_lookup(
    captured: tuple[str, str], evidence_settings: Settings, store: Store
) -> None:
    evidence_id, url = captured[0].split(" ")
    client = TestClient(create_app(evidence_settings, store=store))
    response = client.get(f"/evidence/replay/{evidence_id}/{url}")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert csp.startswith("sandbox;") and "script-src 'none'" in csp
    assert "allow-scripts" not in csp and "allow-same-origin" not in csp
    assert f"/evidence/replay/{evidence_id}/{url}pixel.png" in response.text
    assert client.get(f"/evidence/replay/{evidence_id}/https://example.org/nope").status_code == 404
    assert client.get("/evidence/replay/abcdef12/x").status_code == 404
    # full IDs only: a prefix, however long, is the same 404 as an unknown file
    assert client.get(f"/evidence/replay/{evidence_id[:63]}/").status_code == 404
    index = client.get(f"/evidence/replay/{evidence_id}/")
    assert index.status_code == 200 and "Synthetic report" in index.text


def test_standalone_replay_serves_what_its_caller_allows(
    site: Site, vault: Vault, signing: Signing
) -> None:
    # `evidence show --serve`: no login, loopback only; here a capture backing no source
    [result] = capture(targets=[Target(site.url("/zh"))], vault=vault, signing=signing,
                       operator="t", options=FAST)  # fmt: skip
    sha = result.evidence_id or ""
    site.stop()
    open_all = TestClient(replay_app(vault, may_replay=None))
    assert "測試頁" in open_all.get(f"/{sha}/").text
    assert open_all.get(f"/{sha[:6]}/").status_code == 404  # prefixes are for the CLI only
    refused = TestClient(replay_app(vault, may_replay=lambda _, evidence_id: False))
    for path in (f"/{sha}/", f"/{sha}/{site.url('/zh')}", f"/{'0' * 64}/"):
        response = refused.get(path)
        assert response.status_code == 404 and response.text == "<p>no such evidence</p>"
        assert response.headers["cache-control"] == "no-store"


def test_rewrite_html_never_lets_urls_escape() -> None:
    page = (
        '<a href="javascript:alert(1)">x</a>'
        '<img srcset="a.png 1x, https://cdn.example.org/b.png 2x">'
        "<div style=\"background: url('//cdn.example.org/c.png')\"></div>"
    )
    out = rewrite_html(page, base="http://h.example.org/p/", prefix="/r/ab")
    assert 'href="about:blank"' in out
    assert "/r/ab/http://h.example.org/p/a.png 1x" in out
    assert "/r/ab/https://cdn.example.org/b.png 2x" in out
    assert 'url("/r/ab/http://cdn.example.org/c.png")' in out


@pytest.mark.slow
def test_replay_in_chromium_makes_no_outside_request(
    captured: tuple[str, str], evidence_settings: Settings, store: Store, browser: Browser
) -> None:
    served = _serve(evidence_settings, store)
    base = next(served)
    requests: list[str] = []
    try:
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        for item in captured:
            evidence_id, url = item.split(" ")
            page.goto(f"{base}/evidence/replay/{evidence_id}/{url}")
            page.wait_for_load_state("networkidle")
            if url.endswith("/zh"):
                assert page.inner_text("#zh") == "這是一個合成的測試頁面。"
            else:
                # the archived script did not run: the captured text is intact
                assert page.inner_text("#text") == (
                    "This page is a synthetic fixture on example.org."
                )
                assert page.eval_on_selector("#pic", "img => img.naturalWidth") == 1
                color = page.eval_on_selector("h1", "h => getComputedStyle(h).color")
                assert color == "rgb(1, 2, 3)"  # the archived stylesheet applied
        page.close()
    finally:
        next(served, None)
    origin = urlsplit(base).netloc
    assert requests and all(urlsplit(u).netloc == origin for u in requests), requests
