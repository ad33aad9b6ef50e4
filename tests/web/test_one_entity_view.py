"""One entity view (lionrock.render.entity_view) for the static site and the web app: the
app's pages and JSON twins are that view, with the app's additions; the static site's view
is exactly what it was; confidential properties never reach a public page of either."""

from __future__ import annotations

from starlette.testclient import TestClient

from lionrock import Fact, Settings, Store
from lionrock.render import entity_view, related_ids
from lionrock.web import create_app
from tests.web.conftest import client_for, login, make_account

#: What the static site's view holds per fact: its page hashes depend on it.
STATIC_KEYS = {"prop", "value", "status", "review", "lang", "original_value", "recorded_at",
               "label", "type", "lang_tag", "text_lang", "link", "link_names",
               "source"}  # fmt: skip
PASSPORT = "K0000000(0)"  # synthetic


def _record(store: Store) -> None:
    def pub(entity_id: str, schema: str, prop: str, value: str, lang: str | None = None) -> Fact:
        return Fact(entity_id, schema, prop, value, "src-a", review="published", lang=lang)

    facts = [
        pub("src-a", "Article", "title", "A synthetic source"),
        pub("src-a", "Article", "publisher", "Synthetic Publisher"),
        pub("src-a", "Article", "publishedAt", "2024-05-30"),
        pub("o1", "Organization", "name", "Synthetic Union"),
        pub("p1", "Person", "name", "Synthetic Person", "eng"),
        pub("p1", "Person", "name", "合成人物", "zho"),
        pub("p1", "Person", "nationality", "hk"),
        pub("p1", "Person", "parent", "o1"),
        pub("p1", "Person", "passportNumber", PASSPORT),  # confidential
        pub("p1", "Person", "website", "https://example.org/p1"),
        # not a value the loader accepts, but a store written some other way may hold one
        pub("p1", "Person", "website", "javascript:alert('url')"),
        # newsroom text: excerpts only in public, unless a licence allows more (issue #7)
        pub("src-body", "Article", "title", "A synthetic newsroom article"),
        pub("src-body", "Article", "bodyText", "FULL TEXT of a copyrighted article"),
        pub("src-open", "Article", "title", "A synthetic open article"),
        pub("src-open", "Article", "bodyText", "OPEN TEXT under a licence"),
        pub("src-open", "Article", "license", "CC-BY-4.0"),
    ]
    with store.write() as writer:
        writer.put_facts(facts)
        writer.put_entities({f.entity_id: f.schema for f in facts})


def test_the_app_and_the_site_render_one_view(store: Store) -> None:
    _record(store)
    person = store.entity("p1", published_only=True)
    assert person is not None
    related = {e.id: e for e in store.iter_entities(ids=related_ids([person]))}
    static = entity_view(person, related=related)  # as the publisher calls it
    assert all(set(f) == STATIC_KEYS for f in static["facts"])
    assert PASSPORT not in str(static)

    client = TestClient(create_app(Settings(database_url="sqlite://"), store=store))
    twin = client.get("/api/entities/p1").json()
    assert PASSPORT not in str(twin)  # confidential: never on a public page or twin
    assert [f["value"] for f in twin["facts"]] == [f["value"] for f in static["facts"]]
    for ours, theirs in zip(twin["facts"], static["facts"], strict=True):
        assert {k: ours[k] for k in STATIC_KEYS if k != "source"} == {
            k: theirs[k] for k in STATIC_KEYS if k != "source"
        }
        assert {k: ours["source"][k] for k in theirs["source"]} == theirs["source"]
        assert ours["id"] and ours["source_id"] == "src-a" and ours["entity_id"] == "p1"
    assert twin["names"] == {"eng": "Synthetic Person", "zho": "合成人物"}
    parent = next(f for f in twin["facts"] if f["prop"] == "parent")
    assert parent["link"] == "Synthetic Union"

    page = client.get("/entities/p1").text
    assert PASSPORT not in page
    assert 'href="../entities/o1"' in page  # the linked record
    assert 'href="https://example.org/p1"' in page
    assert 'href="javascript:' not in page and "javascript:alert" in page  # text, not a link
    assert 'lang="zh-Hant"' in page

    # researchers see confidential properties, with each fact's ID to retract it
    app = client_for(store)
    login(app, make_account(store, "reader"))
    edit = app.get("/app/entities/p1").text
    assert PASSPORT in edit
    contributor = client_for(store)
    login(contributor, make_account(store, "contributor"))
    edit = contributor.get("/app/entities/p1").text
    assert all(f'name="remove" value="{f["id"]}"' in edit for f in twin["facts"])


def test_public_views_keep_out_confidential_facts_and_full_text(store: Store) -> None:
    _record(store)
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=store))
    statements = client.get("/api/entities/p1/statements").json()["statements"]
    assert statements and PASSPORT not in str(statements)
    for path in ("/entities/src-body", "/api/entities/src-body",
                 "/api/entities/src-body/statements"):  # fmt: skip
        assert "FULL TEXT" not in client.get(path).text, path
    assert "OPEN TEXT" in client.get("/entities/src-open").text
    assert "OPEN TEXT" in client.get("/api/entities/src-open/statements").text
    app = client_for(store)
    login(app, make_account(store, "reader"))
    assert "FULL TEXT" in app.get("/app/entities/src-body").text  # researchers read it all
