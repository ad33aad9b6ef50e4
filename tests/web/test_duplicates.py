"""Duplicate detection while creating a person goes through the name-matching layer
(`lionrock.sanctions.compare`): search picks the candidates, compare decides, across
scripts and romanizations, and its explanation is shown. With htmx (a fragment) and
without JavaScript (a "Check for duplicates" button that saves nothing)."""

from __future__ import annotations

import logging

import pytest
from starlette.testclient import TestClient

from lionrock import Fact, Store
from lionrock.review import list_changes
from tests.web.conftest import client_for, login, make_account, person_form, post_form

XSS_TYPED = "<script>alert('dup')</script> Chan Tai Man"


def _record(store: Store) -> None:
    def pub(entity_id: str, schema: str, prop: str, value: str, lang: str | None = None) -> Fact:
        return Fact(entity_id, schema, prop, value, "src-a", review="published", lang=lang)

    facts = [
        pub("src-a", "Article", "title", "A synthetic source"),
        pub("src-a", "Article", "publisher", "Synthetic Publisher"),
        pub("src-a", "Article", "publishedAt", "2024-05-30"),
        pub("p-lee", "Person", "name", "John Lee Ka-chiu", "eng"),
        pub("p-lee", "Person", "name", "李家超", "zho"),
        pub("p-chan", "Person", "name", "CHAN Tai Man"),
        pub("p-chan", "Person", "birthDate", "1970-01-01"),
        pub("o-chan", "Organization", "name", "Chan Tai Man Trading"),
    ]
    with store.write() as writer:
        writer.put_facts(facts)
        writer.put_entities({f.entity_id: f.schema for f in facts})


def _contributor(store: Store) -> TestClient:
    client = client_for(store)
    login(client, make_account(store, "contributor"))
    return client


def _live(client: TestClient, name: str) -> list[dict[str, object]]:
    params = {"schema": "Person", "name": name, "format": "json"}
    found: list[dict[str, object]] = client.get("/app/duplicates", params=params).json()[
        "duplicates"
    ]
    return found


def test_duplicates_are_judged_by_the_name_matcher(store: Store) -> None:
    _record(store)
    client = _contributor(store)
    [lee] = _live(client, "Lee Ka-chiu")  # romanized: finds the record named 李家超
    assert lee["id"] == "p-lee" and lee["matched"] == "李家超"
    assert "李" in str(lee["explanation"]) and "Cantonese" in str(lee["explanation"])
    assert float(str(lee["score"])) >= 0.9
    assert [d["id"] for d in _live(client, "李家超")] == ["p-lee"]
    # one syllable apart is another person, though search finds "CHAN Tai Man" for it
    assert _live(client, "CHAN Tai Wai") == []
    assert [d["id"] for d in _live(client, "Chan Tai-man")] == ["p-chan"]  # not the company
    assert _live(client, "x") == []

    # htmx asks for the fragment: the candidates with the matcher's explanation, escaped
    fragment = client.get(
        "/app/duplicates",
        params={"schema": "Person", "value_0": XSS_TYPED},
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert 'href="../app/entities/p-chan"' in fragment.text
    assert "same spelling" in fragment.text
    assert "<script>alert" not in fragment.text and "&lt;script&gt;" in fragment.text
    # without htmx, the same address is a page with a form of its own
    page = client.get("/app/duplicates", params={"schema": "Person", "name": "CHAN Tai Wai"})
    assert "<html" in page.text and "No possible duplicates found." in page.text


def test_check_for_duplicates_without_javascript(store: Store) -> None:
    _record(store)
    client = _contributor(store)
    form = person_form("Lee Ka-chiu", check="1")
    form.pop("confirm_new")
    checked = post_form(client, "/app/new", form, page="/app/new?schema=Person")
    assert checked.status_code == 200
    assert "Possible duplicates" in checked.text and "p-lee" in checked.text
    assert "Cantonese reading" in checked.text
    assert 'value="Lee Ka-chiu"' in checked.text  # the form keeps what was typed
    assert 'name="confirm_new"' in checked.text
    none = post_form(client, "/app/new", {**form, "value_0": "CHAN Tai Wai"}, page="/app/new")
    assert none.status_code == 200 and "No possible duplicates found." in none.text
    assert list_changes(store) == []  # checking saves nothing

    # saving asks first, the birth date helps the matcher, and confirming creates it
    form = {**form, "value_0": "Chan Tai-man", "prop_1": "birthDate", "value_1": "1970-01-01",
            "source_1": "new"}  # fmt: skip
    form.pop("check")
    asked = post_form(client, "/app/new", form, page="/app/new")
    assert asked.status_code == 409 and "p-chan" in asked.text
    assert "birth dates agree" in asked.text
    created = post_form(client, "/app/new", {**form, "confirm_new": "1"}, page="/app/new")
    assert created.status_code == 303
    assert len(list_changes(store)) == 1


def test_a_record_known_only_in_characters_is_found_from_its_romanization(
    store: Store,
) -> None:
    # search cannot propose it (no word in common): the phonetic name index does
    def pub(entity_id: str, prop: str, value: str) -> Fact:
        return Fact(entity_id, "Person", prop, value, "src-b", review="published")

    facts = [
        Fact("src-b", "Article", "title", "Another synthetic source", "src-b", review="published"),
        pub("p-tang", "name", "鄧炳強"),
        pub("p-chan-han", "name", "陳大文"),
    ]
    with store.write() as writer:
        writer.put_facts(facts)
        writer.put_entities({f.entity_id: f.schema for f in facts})
    client = _contributor(store)
    [tang] = _live(client, "Tang Ping-keung")
    assert tang["id"] == "p-tang" and tang["matched"] == "鄧炳強"
    assert [d["id"] for d in _live(client, "Chan Tai-man")] == ["p-chan-han"]
    assert _live(client, "Chan Tai-wai") == []  # one syllable apart
    # a person added since is seen at once (search), and by the index once rebuilt
    with store.write() as writer:
        writer.put_facts([pub("p-lee-han", "name", "李家超")])
        writer.put_entities({"p-lee-han": "Person"})
    assert [d["id"] for d in _live(client, "李家超")] == ["p-lee-han"]


def test_a_failed_background_index_build_is_logged_not_raised(
    memory_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    # the app's person index is built in a thread; when its store has gone (closed at
    # shutdown), the thread says so in the log and ends, instead of dying with a traceback
    import threading

    from lionrock.web._duplicates import _build_in_background

    memory_store.close()
    done = threading.Event()
    with caplog.at_level(logging.WARNING, logger="lionrock.web._duplicates"):
        _build_in_background(memory_store, done)
    assert done.is_set()
    assert "the person index was not built" in caplog.text
