"""The read-only web app, in-process and as `lionrock serve` runs it."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lionrock import Fact, Settings, Store
from lionrock.sanctions.gaps import SORTS, gap_matrix
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
                Fact("e1", "Event", "name", "SECRET draft event", "src-a", review="draft"),
                Fact("e1", "Event", "date", "2024-01-01", "src-a", review="draft"),
            ]
        )
        writer.put_entities({"src-a": "Article", "p1": "Person", "p2": "Person", "e1": "Event"})
    client = _client(memory_store)
    assert "SECRET" not in client.get("/entities/p1").text
    assert client.get("/entities/p2").status_code == 404
    assert client.get("/api/search", params={"q": "Draft Only"}).json()["results"] == []
    for path in ("/", "/api/stats", "/timeline", "/api/timeline", "/charts", "/api/charts"):
        assert "SECRET" not in client.get(path).text, path
    assert client.get("/api/stats").json()["schemata"] == {"Article": 1, "Person": 1}


def test_user_input_is_escaped(bundled_store: Store) -> None:
    page = _client(bundled_store).get("/search", params={"q": '<script>alert(1)</script>"'})
    assert "<script>alert(1)" not in page.text
    assert "&lt;script&gt;" in page.text


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize(
    ("workers", "stop"), [("1", signal.SIGTERM), ("2", signal.SIGTERM), ("2", signal.SIGKILL)]
)
def test_serve_runs_and_logs_no_client_address(
    tmp_path: Path, workers: str, stop: signal.Signals
) -> None:
    # SIGKILL: the supervisor cannot stop its workers, so they must die with it
    # (issue #18: workers must not outlive their parent)
    env = {**os.environ, "LIONROCK_HOME": str(tmp_path / "home"), "LIONROCK_WEB_WORKERS": workers}
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
            deadline = time.monotonic() + 90  # start-up reads the store: slow on a busy machine
            while time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                        assert json.load(response)["ok"]
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise AssertionError("the server did not start: " + log.read_text())
            query = urllib.parse.quote("家超")
            for _ in range(4):  # each answered by whichever worker takes the connection
                with urllib.request.urlopen(f"{base}/api/search?q={query}", timeout=5) as found:
                    assert json.load(found)["results"][0]["id"] == "ofac-29250"
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
            # uvicorn's supervisor spawns the workers (and multiprocessing its resource tracker)
            assert (len(children) >= 2) == (workers == "2"), children
        finally:
            server.send_signal(stop)
            server.wait(timeout=30)
    deadline = time.monotonic() + 10  # the workers stop too (the resource tracker just after)
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() for pid in children)
    assert "127.0.0.1:" + str(port) in log.read_text()  # it says where it serves...
    lines = [line for line in log.read_text().splitlines() if "serving" not in line]
    assert not any("127.0.0.1" in line for line in lines), lines  # ...but logs no client


def test_healthz_says_when_the_start_up_work_is_done(bundled_store: Store) -> None:
    from lionrock.web._duplicates import MATCHER_WARM, warm_up_matcher

    client = _client(bundled_store)
    first = client.get("/healthz").json()
    assert first["ok"] and first["facts"] > 0 and first["warm"] is MATCHER_WARM.is_set()
    warm_up_matcher()  # what the app starts in a thread; here, to its end
    assert client.get("/healthz").json()["warm"] is True


def test_search_facets_narrow_the_results(bundled_store: Store) -> None:
    client = _client(bundled_store)
    everything = client.get("/api/search", params={"limit": 5}).json()
    charges = [f["value"] for f in everything["facets"]["charge"]]
    assert "Conspiracy to commit subversion" in charges
    hk47 = client.get(
        "/api/search", params={"schema": "Person", "charge": "Conspiracy to commit subversion"}
    ).json()
    assert hk47["total"] == 47
    assert {r["schema"] for r in hk47["results"]} == {"Person"}
    org = client.get("/api/search", params={"org": "lr-org-apple-daily"}).json()
    assert org["total"] >= 2 and "lr-org-next-digital" in {r["id"] for r in org["results"]}
    dated = client.get(
        "/api/search", params={"schema": "Event", "from": "2021-06", "to": "2021-06"}
    ).json()
    assert dated["total"] >= 2
    assert client.get("/api/search", params={"q": "Apple", "lang": "zho"}).json()["total"] >= 1
    page = client.get("/search", params={"q": "Apple"})
    assert "Organisation" in page.text and "Type" in page.text and "Apple Daily" in page.text


def test_search_cursor_pages_through_every_result(bundled_store: Store) -> None:
    client = _client(bundled_store)
    params = {"schema": "Person", "charge": "Conspiracy to commit subversion", "limit": "10"}
    seen: list[str] = []
    cursor = None
    while True:
        page = client.get(
            "/api/search", params={**params, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [r["id"] for r in page["results"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 47


def test_entity_list_cursor_is_stable(bundled_store: Store) -> None:
    client = _client(bundled_store)
    ids: list[str] = []
    cursor = ""
    for _ in range(100):
        page = client.get("/api/entities", params={"limit": 100, "cursor": cursor}).json()
        ids += [r["id"] for r in page["results"]]
        if page["next_cursor"] is None:
            break
        cursor = page["next_cursor"]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert len(ids) == sum(1 for _ in bundled_store.iter_entities(published_only=True))
    again = client.get("/api/entities", params={"limit": 100}).json()
    assert [r["id"] for r in again["results"]] == ids[:100]
    statements = client.get("/api/entities/ofac-29250/statements").json()["statements"]
    assert statements and all(s["source_id"] for s in statements)


def test_timeline_prisoners_charts_network_and_sources(bundled_store: Store) -> None:
    client = _client(bundled_store)
    events = client.get("/api/timeline", params={"from": "2021", "to": "2021"}).json()["events"]
    assert events and all(e["date"].startswith("2021") for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert "Timeline" in client.get("/timeline").text
    prisoners = client.get("/api/prisoners", params={"view": "all"}).json()["prisoners"]
    assert len(prisoners) >= 47
    lai = next(p for p in prisoners if p["id"] == "lr-person-jimmy-lai")
    assert lai["status"] == "serving_sentence" and lai["remand_days"] is None
    assert lai["status_as_of"] == "2026-02-09"  # the date of the source the status cites
    assert "Days on remand" in client.get("/prisoners?view=remanded").text
    chart = client.get("/charts/events-per-year.svg")
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in chart.text and "2021" in chart.text
    assert client.get("/charts").text.count("<svg") == 4
    # a chart on its own speaks the language its page links it in (`?lang=`)
    assert 'charts/custody-status.svg?lang=ja"' in client.get("/ja/charts").text
    custody_ja = client.get("/charts/custody-status.svg", params={"lang": "ja"}).text
    assert "Persons by custody status" not in custody_ja and "<svg" in custody_ja
    custody_hans = client.get("/charts/custody-status.svg", params={"lang": "zh-hans"}).text
    custody_hant = client.get("/charts/custody-status.svg", params={"lang": "zh-hant"}).text
    assert custody_hans != custody_hant and "Persons by custody status" not in custody_hant
    english = client.get("/charts/custody-status.svg", params={"lang": "<script>"}).text
    assert "Persons by custody status" in english and "<script>" not in english
    graph = client.get("/api/entities/lr-org-apple-daily/network").json()
    assert {"lr-org-next-digital"} <= {n["id"] for n in graph["nodes"]}
    network = client.get("/entities/lr-org-apple-daily/network").text
    assert "<svg" in network and "Next Digital" in network
    sources = client.get("/api/sources").json()["sources"]
    assert sources and all(s["title"] and s["facts"] >= 1 for s in sources)
    assert "Sources" in client.get("/sources").text


def test_remand_duration_counts_days_since_arrest(memory_store: Store) -> None:
    from datetime import date

    from lionrock.record import CaseRecord
    from lionrock.render.prisoners import ListQuery, PrisonerIndex

    with memory_store.write() as writer:
        writer.put_facts(
            [
                Fact("src-a", "Article", "title", "T", "src-a", review="published"),
                Fact("src-a", "Article", "publisher", "P", "src-a", review="published"),
                Fact("src-a", "Article", "publishedAt", "2024", "src-a", review="published"),
                Fact("p1", "Person", "name", "Held Person", "src-a", review="published"),
                Fact("p1", "Person", "custodyStatus", "remanded", "src-a", review="published"),
                Fact("p1", "Person", "arrestDate", "2024-01-01", "src-a", review="published"),
            ]
        )
        writer.put_entities({"src-a": "Article", "p1": "Person"})
    record = CaseRecord.from_store(memory_store, published_only=True)
    index = PrisonerIndex.build(record, today=date(2024, 3, 1))
    [row] = index.page(ListQuery(view="remanded"))["rows"]
    assert row["status"]["value"] == "remanded" and row["remand"]["days"] == 60
    assert row["remand"]["basis"] == "arrest" and row["remand"]["days_as_of"] is None


def test_exports_carry_entity_urls_and_load_as_ftm(bundled_store: Store) -> None:
    client = _client(bundled_store)
    csv_text = client.get("/api/export.csv").text
    assert csv_text.startswith("id,schema,caption,url")
    assert "http://127.0.0.1:8000/entities/ofac-29250" in csv_text
    lines = client.get("/api/export.ftm").text.splitlines()
    assert lines and all(json.loads(line)["schema"] for line in lines)


def test_openapi_spec_and_match(bundled_store: Store) -> None:
    client = _client(bundled_store)
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/search",
        "/api/entities/{entity_id}",
        "/api/timeline",
        "/api/sources",
        "/api/changes",
        "/api/match",
        "/api/export.csv",
    ):
        assert path in spec["paths"], path
    assert client.post("/api/match", json={"queries": {}}).status_code == 400
    query = {"queries": {"q1": {"schema": "Person", "properties": {"name": ["李家超"]}}}}
    answer = client.post("/api/match", json=query).json()
    assert answer["responses"]["q1"]["results"][0]["id"] == "ofac-29250"


def test_sanctions_gap_matrix_view(bundled_store: Store) -> None:
    client = _client(bundled_store)
    data = client.get("/api/sanctions/gaps").json()
    assert data["summary"]["persons"] >= 42
    us_hk = [r for r in data["rows"] if "HK-EO13936" in json.dumps(r)]
    assert len(us_hk) == 48  # the OFAC extract's 42 and the record's 6 of 2025-03-31
    page = client.get("/sanctions/gaps")
    assert page.status_code == 200 and "HK-EO13936" in page.text
    assert "<script" not in page.text
    # the site's view and sort switch (issue #12): names, not list entries; each order
    # the site publishes as a page is a ?sort= link here
    for sort in SORTS:
        html = client.get(f"/sanctions/gaps?sort={sort}").text
        switch = html.split('<p class="sort">', 1)[1].split("</p>", 1)[0]
        assert [f"?sort={s}" in switch for s in SORTS] == [s != sort for s in SORTS]
        body = html.split('<table class="gaps">', 1)[1].split("</table>", 1)[0]
        rows = re.findall(r'<tr><td><a href="[^"]*entities/([^"/]+)"', body)
        assert rows == [r.entity_id for r in gap_matrix(bundled_store, published_only=True,
                                                         sort=sort)]  # fmt: skip
    zh = client.get("/zh-hant/sanctions/gaps").text
    assert "<strong>有記錄的行為</strong>" in zh and "李家超" in zh and "未核對任何名單" in zh
