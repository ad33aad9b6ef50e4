"""Entity pages show, for each citation, the evidence the evidence stage captured: the
WACZ file's sha256, the capture time, and links to replay and download it, all read from
the Store's evidence index. The captures here are real: the evidence stage's own `capture`
against the local site, signed and timestamped by the local TSA (tests/evidence)."""

from __future__ import annotations

import hashlib
import html

import jsonschema
from starlette.testclient import TestClient

from lionrock import Fact, Settings, Store
from lionrock.evidence import Signing, Target, Vault, capture
from lionrock.web import create_app
from tests.evidence.conftest import FAST, Site
from tests.web.conftest import client_for, login, make_account

PAYLOAD_PATH = '/?q="><script>alert(1)</script>'


def _source(source_id: str, url: str, review: str) -> list[Fact]:
    facts = [("title", f"Synthetic page {source_id}"), ("publisher", "Synthetic Publisher"),
             ("publishedAt", "2024-05-30"), ("sourceUrl", url)]  # fmt: skip
    return [Fact(source_id, "Article", p, v, source_id, review=review) for p, v in facts]


def _record(store: Store, site: Site) -> None:
    """A published person citing a published source, and a draft fact citing a draft one."""
    with store.write() as writer:
        writer.put_facts(
            [
                *_source("src-ev", site.url("/"), "published"),
                *_source("src-ev-draft", site.url("/zh"), "draft"),
                Fact("p-ev", "Person", "name", "Evidence Person", "src-ev", review="published"),
                Fact("p-ev", "Person", "notes", "a draft note", "src-ev-draft", review="draft"),
            ]
        )
        writer.put_entities({"src-ev": "Article", "src-ev-draft": "Article", "p-ev": "Person"})


def test_entity_page_shows_each_citations_evidence(
    store: Store, site: Site, vault: Vault, signing: Signing, evidence_settings: Settings
) -> None:
    _record(store, site)
    client = TestClient(create_app(evidence_settings, store=store))
    before = client.get("/api/entities/p-ev").json()
    assert [f["source"]["evidence"] for f in before["facts"]] == [[]]
    assert "sha256" not in client.get("/entities/p-ev").text

    targets = [Target(site.url("/"), "src-ev"), Target(site.url(PAYLOAD_PATH), "src-ev"),
               Target(site.url("/zh"), "src-ev-draft")]  # fmt: skip
    results = capture(targets=targets, vault=vault, signing=signing, operator="test-operator",
                      options=FAST)  # fmt: skip
    assert [r.outcome for r in results] == ["ok", "ok", "ok"]
    first, payload, draft = (r.evidence_id or "" for r in results)
    site.stop()  # the original is gone: the page's links must not need it

    twin = client.get("/api/entities/p-ev").json()
    [fact] = twin["facts"]  # the draft fact stays out of the public twin
    evidence = {e["sha256"]: e for e in fact["source"]["evidence"]}
    assert set(evidence) == {first, payload}  # never the draft source's capture
    item = evidence[first]
    assert item["url"] == site.url("/") and item["status"] == 200
    assert item["signed"] and item["timestamped"] and item["origin"] == "capture"
    assert item["captured"][:4].isdigit() and "T" in item["captured"]
    assert item["replay"] == f"/evidence/replay/{first}/{site.url('/')}"
    assert item["download"] == f"/evidence/{first}.wacz"
    spec = client.get("/api/openapi.json").json()["paths"]["/api/entities/{entity_id}"]
    jsonschema.validate(
        twin, spec["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    )

    page = client.get("/entities/p-ev").text
    assert first in page and payload in page and draft not in page
    assert f'href="../evidence/replay/{first}/{site.url("/")}"' in page
    assert f'href="../evidence/{first}.wacz"' in page
    assert html.escape(item["captured"]) in page
    assert "<script>alert(1)" not in page  # the captured URL's payload stays inert
    assert "%3Cscript%3E" in evidence[payload]["replay"]

    replay = client.get(item["replay"])
    assert replay.status_code == 200 and "Synthetic test page" in replay.text
    download = client.get(item["download"])
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == first  # the hash on the page
    assert "attachment" in download.headers["content-disposition"]
    assert client.get(f"/evidence/{draft}.wacz").status_code == 404  # a draft's evidence
    assert client.get(f"/evidence/{'0' * 64}.wacz").status_code == 404
    assert client.get("/evidence/..%2F..%2Fetc%2Fpasswd.wacz").status_code == 404

    # every signed-in role reads drafts in the app, and sees the draft source's evidence
    for role in ("reader", "contributor"):
        app = client_for(store)
        login(app, make_account(store, role))
        page = app.get("/app/entities/p-ev").text
        assert "a draft note" in page and first in page and draft in page


def test_an_index_row_cannot_point_outside_the_evidence_directory(
    store: Store, site: Site, vault: Vault, signing: Signing, evidence_settings: Settings
) -> None:
    _record(store, site)
    [result] = capture(targets=[Target(site.url("/"), "src-ev")], vault=vault, signing=signing,
                       operator="test-operator", options=FAST)  # fmt: skip
    assert result.evidence_id
    outside = evidence_settings.home / "secret.txt"
    outside.write_text("not evidence")
    with store.write() as writer:
        writer.conn.exec_driver_sql("UPDATE evidence SET path = '../secret.txt'")
    client = TestClient(create_app(evidence_settings, store=store))
    assert client.get(f"/evidence/{result.evidence_id}.wacz").status_code == 404


def _signed_in(store: Store, settings: Settings, role: str) -> TestClient:
    client = TestClient(create_app(settings, store=store), base_url="https://testserver",
                        follow_redirects=False)  # fmt: skip
    login(client, make_account(store, role))
    return client


def test_replay_and_download_show_drafts_evidence_to_signed_in_users_only(
    store: Store, site: Site, vault: Vault, signing: Signing, evidence_settings: Settings
) -> None:
    # issue #6: drafts never reach public output, the archived copies of their sources
    # included; unknown, refused and abbreviated IDs all get the one same 404
    _record(store, site)
    targets = [Target(site.url("/"), "src-ev"), Target(site.url("/zh"), "src-ev-draft"),
               Target(site.url("/style.css"))]  # fmt: skip
    results = capture(targets=targets, vault=vault, signing=signing, operator="test-operator",
                      options=FAST)  # fmt: skip
    published, draft, unlinked = (r.evidence_id or "" for r in results)
    assert len({published, draft, unlinked}) == 3 and "" not in (published, draft, unlinked)
    site.stop()

    def replay(client: TestClient, sha: str, url: str = "") -> int:
        return client.get(f"/evidence/replay/{sha}/{url}").status_code

    anonymous = TestClient(create_app(evidence_settings, store=store))
    assert replay(anonymous, published) == 200
    assert replay(anonymous, published, site.url("/")) == 200
    refused = [anonymous.get(f"/evidence/replay/{sha}/") for sha in (draft, unlinked,
               "0" * 64, published[:6], published[:32], published.upper())]  # fmt: skip
    assert {(r.status_code, r.text, r.headers["cache-control"]) for r in refused} == {
        (404, "<p>no such evidence</p>", "no-store")
    }
    assert replay(anonymous, draft, site.url("/zh")) == 404
    assert replay(anonymous, unlinked, site.url("/style.css")) == 404
    downloads = [anonymous.get(f"/evidence/{sha}.wacz") for sha in (draft, unlinked, "0" * 64)]
    assert {(r.status_code, r.text) for r in downloads} == {(404, "not found")}
    assert anonymous.get(f"/evidence/{published}.wacz").status_code == 200

    reader = _signed_in(store, evidence_settings, "reader")
    assert replay(reader, published) == 200 and replay(reader, draft) == 200
    assert reader.get(f"/evidence/{draft}.wacz").status_code == 200

    contributor = _signed_in(store, evidence_settings, "contributor")
    zh = contributor.get(f"/evidence/replay/{draft}/{site.url('/zh')}")
    assert zh.status_code == 200 and "這是一個合成的測試頁面。" in zh.text
    assert replay(contributor, unlinked, site.url("/style.css")) == 200
    assert replay(contributor, draft[:6]) == 404  # signed in or not, full IDs only
    assert replay(contributor, "0" * 64) == 404
    download = contributor.get(f"/evidence/{draft}.wacz")
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == draft
    assert download.headers["cache-control"].startswith("private")  # no shared cache

    # once a reviewer publishes the draft source, its evidence is public at once
    with store.write() as writer:
        writer.conn.exec_driver_sql(
            "UPDATE statements SET review = 'published' WHERE entity_id = 'src-ev-draft'"
        )
    assert replay(anonymous, draft, site.url("/zh")) == 200
    assert anonymous.get(f"/evidence/{draft}.wacz").status_code == 200
