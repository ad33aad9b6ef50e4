"""The read-only web app, in-process and as `lionrock serve` runs it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from starlette.testclient import TestClient

from lionrock import Fact, Settings, Store
from lionrock.web import create_app


def _client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(database_url="sqlite://"), store=store))


def test_pages_and_json_twins(bundled_store: Store) -> None:
    client = _client(bundled_store)
    home = client.get("/")
    assert home.status_code == 200
    assert "National Security Law" in home.text
    assert "default-src 'self'" in home.headers["content-security-policy"]
    page = client.get("/search", params={"q": "家超"})
    assert "John Lee Ka-chiu" in page.text
    api = client.get("/api/search", params={"q": "家超"}).json()
    assert api["results"][0]["id"] == "ofac-29250"
    entity = client.get("/entities/ofac-29250")
    assert entity.status_code == 200 and "李家超" in entity.text
    assert "Specially Designated Nationals" in entity.text  # the citation
    twin = client.get("/api/entities/ofac-29250").json()
    assert all(f["source"]["title"] for f in twin["facts"])
    assert client.get("/api/entities/nobody").status_code == 404
    assert client.get("/static/lionrock.css").status_code == 200
    assert client.get("/api/stats").json()["facts_without_source"] == 0


def test_pages_make_no_third_party_references(bundled_store: Store) -> None:
    client = _client(bundled_store)
    for url in ("/", "/search?q=Apple", "/entities/lr-org-apple-daily"):
        html = client.get(url).text
        for tag in ("<script", 'src="http', 'href="http', "@import", "url(http"):
            assert tag not in html, (url, tag)


def test_drafts_never_reach_the_public_app(memory_store: Store) -> None:
    with memory_store.write() as writer:
        writer.put_facts(
            [
                Fact("src-a", "Article", "title", "T", "src-a", review="published"),
                Fact("src-a", "Article", "publisher", "P", "src-a", review="published"),
                Fact("src-a", "Article", "publishedAt", "2024", "src-a", review="published"),
                Fact("p1", "Person", "name", "Public Person", "src-a", review="published"),
                Fact("p1", "Person", "notes", "SECRET draft note", "src-a", review="draft"),
                Fact("p2", "Person", "name", "Draft Only", "src-a", review="draft"),
            ]
        )
        writer.put_entities({"src-a": "Article", "p1": "Person", "p2": "Person"})
    client = _client(memory_store)
    assert "SECRET" not in client.get("/entities/p1").text
    assert client.get("/entities/p2").status_code == 404
    assert client.get("/api/search", params={"q": "Draft Only"}).json()["results"] == []


def test_user_input_is_escaped(bundled_store: Store) -> None:
    page = _client(bundled_store).get("/search", params={"q": '<script>alert(1)</script>"'})
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;" in page.text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_runs_and_logs_no_client_address(tmp_path: Path) -> None:
    env = {**os.environ, "LIONROCK_HOME": str(tmp_path / "home")}
    env.pop("LIONROCK_DATABASE_URL", None)
    cli = [sys.executable, "-m", "lionrock.cli"]
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True)
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [*cli, "serve", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                        assert json.load(response)["ok"]
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                raise AssertionError("the server did not start: " + log.read_text())
            query = urllib.parse.quote("家超")
            with urllib.request.urlopen(f"{base}/api/search?q={query}", timeout=5) as response:
                assert json.load(response)["results"][0]["id"] == "ofac-29250"
        finally:
            server.terminate()
            server.wait(timeout=10)
    assert "127.0.0.1:" + str(port) in log.read_text()  # it says where it serves...
    lines = [line for line in log.read_text().splitlines() if "serving" not in line]
    assert not any("127.0.0.1" in line for line in lines), lines  # ...but logs no client
