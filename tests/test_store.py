"""The Store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from lionrock import Fact, LionRockError, Store


def _source(review: str = "published") -> list[Fact]:
    return [
        Fact("src-a", "Article", p, v, "src-a", review=review)
        for p, v in (
            ("title", "A title"),
            ("publisher", "A publisher"),
            ("publishedAt", "2024-05-30"),
        )
    ]


def _put(store: Store, facts: list[Fact], schemata: dict[str, str]) -> None:
    with store.write() as writer:
        writer.put_facts(facts)
        writer.put_entities(schemata)


def test_facts_keep_their_provenance(store: Store) -> None:
    fact = Fact(
        "p1",
        "Person",
        "name",
        "李家超",
        "src-a",
        status="alleged",
        review="draft",
        lang="zho",
        recorded_by="editor-1",
        recorded_at="2026-11-28T00:00:00Z",
    )
    _put(store, [*_source(), fact], {"src-a": "Article", "p1": "Person"})
    entity = store.entity("p1")
    assert entity is not None
    assert entity.facts == (fact,)
    assert fact.to_statement().origin == "src-a"


def test_a_fact_without_a_source_is_refused(store: Store) -> None:
    with pytest.raises(LionRockError, match="needs a source"), store.write() as writer:
        writer.put_facts([Fact("p1", "Person", "name", "X", "")])
    assert store.count_facts() == 0


def test_a_fact_citing_a_non_source_is_refused(store: Store) -> None:
    with pytest.raises(LionRockError, match="not a source"), store.write() as writer:
        writer.put_facts([Fact("p1", "Person", "name", "X", "p1")])
        writer.put_entities({"p1": "Person"})
    assert store.count_facts() == 0


def test_a_failed_write_leaves_the_store_as_it_was(store: Store) -> None:
    _put(store, _source(), {"src-a": "Article"})
    before = list(store.iter_facts())
    with pytest.raises(RuntimeError), store.write() as writer:
        writer.put_facts([Fact("p1", "Person", "name", "X", "src-a")])
        raise RuntimeError("crash mid-write")
    assert list(store.iter_facts()) == before


def test_search_finds_chinese_substrings_and_ranks(store: Store) -> None:
    facts = [
        *_source(),
        Fact("p1", "Person", "name", "John Lee Ka-chiu", "src-a", lang="eng", review="published"),
        Fact("p1", "Person", "name", "李家超", "src-a", lang="zho", review="published"),
        Fact("p2", "Person", "name", "李家", "src-a", lang="zho", review="published"),
        Fact("o1", "Organization", "name", "Apple Daily", "src-a", review="published"),
        Fact(
            "e1",
            "Event",
            "name",
            "Apple Daily publishes its last edition",
            "src-a",
            review="published",
        ),
        Fact("d1", "Person", "name", "Draft Person 家超", "src-a", review="draft"),
    ]
    _put(
        store,
        facts,
        {
            "src-a": "Article",
            "p1": "Person",
            "p2": "Person",
            "o1": "Organization",
            "e1": "Event",
            "d1": "Person",
        },
    )
    hits = store.search("家超")
    assert [h.entity_id for h in hits][:1] == ["p1"]
    assert hits[0].caption == "John Lee Ka-chiu"
    assert hits[0].matched == "李家超"
    assert {h.entity_id for h in hits} == {"p1", "d1"}
    assert {h.entity_id for h in store.search("家超", published_only=True)} == {"p1"}
    apple = store.search("Apple Daily")
    assert [h.entity_id for h in apple] == ["o1", "e1"]  # the exact name first
    assert apple[0].schema == "Organization"
    assert store.search("lee ka-CHIU")[0].entity_id == "p1"
    assert store.search("") == []
    assert store.search('"; DROP TABLE statements; --') == []
    assert store.search("%") == [] and store.search("_") == []


def test_upsert_is_idempotent(store: Store) -> None:
    facts = [*_source(), Fact("p1", "Person", "name", "X", "src-a")]
    _put(store, facts, {"src-a": "Article", "p1": "Person"})
    _put(store, facts, {"src-a": "Article", "p1": "Person"})
    assert store.count_facts() == 4
    assert len(store.search("X")) <= 1


def test_short_terms_match_cjk_tokens_and_latin_word_prefixes(store: Store) -> None:
    names = {"p1": "Ng Kin-wai", "p2": "Wong Ji-yuet", "p3": "陳大文", "p4": "Lee Ka-chiu 李家超"}
    facts = [*_source()]
    facts += [Fact(i, "Person", "name", n, "src-a", review="published") for i, n in names.items()]
    _put(store, facts, {"src-a": "Article", **{i: "Person" for i in names}})
    assert [h.entity_id for h in store.search("ng")] == ["p1"]
    assert [h.entity_id for h in store.search("陳")] == ["p3"]
    assert [h.entity_id for h in store.search("大文")] == ["p3"]
    assert [h.entity_id for h in store.search("lee 家超")] == ["p4"]
    assert store.search("lee 大文") == []
