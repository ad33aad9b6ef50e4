"""The edit form's source picker searches the server, so every source can be cited, not
only the first 500: by words of a title, a publisher or a URL, or by ID; live with htmx,
and with a "Find sources" button (saving nothing) without JavaScript."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from lionrock import Fact, Settings, Store
from lionrock.review import get_change, list_changes
from lionrock.web import create_app
from tests.web.conftest import client_for, login, make_account, person_form, post_form

SOURCES = 1500  # a research library's worth: more than any list a form could hold
XSS = "<script>alert('source')</script>"
NEEDLE = "src-zz-needle"  # last by ID: far past the 500 the form used to list


def _library(store: Store) -> None:
    facts: list[Fact] = []

    def source(sid: str, title: str, publisher: str, date: str, url: str, review: str) -> None:
        for prop, value in (("title", title), ("publisher", publisher), ("publishedAt", date),
                            ("sourceUrl", url)):  # fmt: skip
            facts.append(Fact(sid, "Article", prop, value, sid, review=review))

    for n in range(SOURCES):
        day, url = f"2020-01-{n % 28 + 1:02d}", f"https://example.org/lib/{n}"
        source(f"src-lib-{n:05d}", f"Synthetic library article {n}", "Synthetic Daily", day,
               url, "published")  # fmt: skip
    source(NEEDLE, "The needle in the haystack report", "Haystack Weekly", "2021-06-24",
           "https://example.org/needle-report", "published")  # fmt: skip
    source("src-zz-draft", "A draft dossier on the haystack", "Draft Desk", "2024-01-01",
           "https://example.org/draft", "draft")  # fmt: skip
    source("src-zz-xss", XSS, "Haystack Weekly", "2022-01-01", "javascript:alert(1)", "published")
    with store.write() as writer:
        writer.put_facts(facts)
        writer.put_entities({f.entity_id: "Article" for f in facts})


def _ids(rows: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in rows]


def test_sources_are_found_by_title_publisher_url_and_id(store: Store) -> None:
    _library(store)
    client = client_for(store)
    login(client, make_account(store, "contributor"))

    def find(q: str) -> list[dict[str, object]]:
        answer = client.get("/app/sources/search", params={"q": q, "format": "json"}).json()
        found: list[dict[str, object]] = answer["sources"]
        return found

    assert _ids(find("needle haystack"))[0] == NEEDLE  # every word, in any order
    assert _ids(find("Haystack Weekly"))[:2] == ["src-zz-xss", NEEDLE]  # publisher; newest first
    assert _ids(find("example.org/needle-report")) == [NEEDLE]  # URL
    assert _ids(find(NEEDLE))[0] == NEEDLE  # ID
    assert "src-zz-draft" in _ids(find("draft dossier"))  # researchers cite drafts too
    assert len(find("synthetic library article")) == 20  # bounded
    assert find("no such words anywhere") == []
    assert find("   ") == []

    # htmx: the list, and the datalist the Source fields offer, swapped in together
    fragment = client.get(
        "/app/sources/search", params={"source_q": "haystack"}, headers={"HX-Request": "true"}
    ).text
    assert "<html" not in fragment and f"<code>{NEEDLE}</code>" in fragment
    assert re.search(rf'<datalist id="known-sources">.*value="{NEEDLE}"', fragment, re.S)
    assert XSS not in fragment and "&lt;script&gt;" in fragment
    assert 'href="javascript:' not in fragment
    page = client.get("/app/sources/search", params={"q": "needle"}).text
    assert "<html" in page and NEEDLE in page

    # the public list searches published sources only, with the count of facts citing each
    public = TestClient(create_app(Settings(database_url="sqlite://"), store=store))
    found = public.get("/api/sources", params={"q": "haystack"}).json()["sources"]
    assert NEEDLE in _ids(found) and "src-zz-draft" not in _ids(found)
    assert next(r for r in found if r["id"] == NEEDLE)["facts"] == 4
    assert next(r for r in found if r["id"] == "src-zz-xss")["safe_url"] is None
    html = public.get("/sources", params={"q": "haystack"}).text
    assert NEEDLE in html and XSS not in html and 'href="javascript:' not in html
    assert "No source matches." in public.get("/sources", params={"q": "zzzzzz"}).text


def test_the_form_finds_and_cites_a_source_without_javascript(store: Store) -> None:
    _library(store)
    client = client_for(store)
    login(client, make_account(store, "contributor"))
    form_page = client.get("/app/new?schema=Person").text
    assert form_page.count('<option value="src-lib-') == 0  # no list of every source
    assert 'hx-get="../app/sources/search"' in form_page

    form = person_form("Synthetic Citing Person", source_0=NEEDLE)
    found = post_form(client, "/app/new", {**form, "find_source": "1", "source_q": "needle"},
                      page="/app/new?schema=Person")  # fmt: skip
    assert found.status_code == 200 and f"<code>{NEEDLE}</code>" in found.text
    assert 'value="Synthetic Citing Person"' in found.text  # the form keeps what was typed
    assert list_changes(store) == []  # finding saves nothing

    form = {k: v for k, v in form.items() if not k.startswith("src_")}  # no new source
    created = post_form(client, "/app/new", form, page="/app/new?schema=Person")
    assert created.status_code == 303, created.text[:500]
    change = get_change(store, int(created.headers["location"].rsplit("/", 1)[1]))
    person = store.entity(change.entity_id)
    assert person is not None and {f.source_id for f in person.facts} == {NEEDLE}

    # editing: the same picker, and the record's own sources are offered already
    edit = client.get(f"/app/entities/{person.id}").text
    assert f'<option value="{NEEDLE}">' in edit
    again = post_form(client, f"/app/entities/{person.id}",
                      {"find_source": "1", "source_q": "example.org/lib/1499"})  # fmt: skip
    assert again.status_code == 200 and "<code>src-lib-01499</code>" in again.text
