"""The Store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

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


def test_simplified_and_traditional_find_each_other(store: Store) -> None:
    """Issue #13: 黄之锋, 苹果日报 and 林郑月娥 (simplified) find the record's traditional
    names, and the other way round; short terms too."""
    names = {"p1": "黃之鋒", "o1": "蘋果日報", "p2": "林鄭月娥", "p3": "邓炳强"}
    facts = [*_source()]
    facts += [Fact(i, "Person", "name", n, "src-a", review="published") for i, n in names.items()]
    _put(store, facts, {"src-a": "Article", **{i: "Person" for i in names}})
    for query, expected in (
        ("黄之锋", "p1"),
        ("苹果日报", "o1"),
        ("林郑月娥", "p2"),
        ("郑月", "p2"),
        ("黃之鋒", "p1"),
        ("鄧炳強", "p3"),
        ("炳強", "p3"),
    ):
        hits = store.search(query, published_only=True)
        assert [h.entity_id for h in hits] == [expected], query
        assert hits[0].matched == names[expected]  # the value as stored, not folded


def test_public_search_captions_never_use_a_draft_name(store: Store) -> None:
    # a published summary matches, while the entity's only name is still a draft: the
    # public's caption must not show the draft name (issue #18 §2)
    facts = [
        *_source(),
        Fact("p1", "Person", "name", "Secret Draft Name", "src-a", review="draft"),
        Fact("p1", "Person", "position", "Protest song writer", "src-a", review="published"),
        Fact("p2", "Person", "name", "Published Name", "src-a", review="published"),
        Fact("p2", "Person", "alias", "Draft Alias", "src-a", review="draft"),
        Fact("p2", "Person", "position", "Protest flag maker", "src-a", review="published"),
    ]
    _put(store, facts, {"src-a": "Article", "p1": "Person", "p2": "Person"})
    public = {h.entity_id: h.caption for h in store.search("protest", published_only=True)}
    assert public["p2"] == "Published Name"
    assert "Secret" not in public["p1"] and "Draft" not in public["p1"]
    editors = {h.entity_id: h.caption for h in store.search("protest")}
    assert editors["p1"] == "Secret Draft Name"


def test_search_survives_vacuum(store: Store) -> None:
    """Issue #18: the SQLite FTS index is keyed on a real INTEGER PRIMARY KEY, so VACUUM
    after deletions cannot point it at the wrong rows."""
    facts = [*_source()]
    facts += [
        Fact(f"p{i}", "Person", "name", f"Person number {i:04d}", "src-a", review="published")
        for i in range(300)
    ]
    _put(store, facts, {"src-a": "Article", **{f"p{i}": "Person" for i in range(300)}})
    doomed = [f.id for f in facts if f.entity_id.startswith("p") and int(f.entity_id[1:]) % 2]
    with store.write() as writer:
        writer.delete_facts(doomed)
    if store.engine.dialect.name == "sqlite":
        with store.engine.connect() as conn:
            conn.exec_driver_sql("VACUUM")
    for i in (0, 2, 150, 298):
        hits = store.search(f"number {i:04d}")
        assert [h.entity_id for h in hits] == [f"p{i}"]
        assert hits[0].matched == f"Person number {i:04d}"
    assert store.search("number 0001") == []
    assert store.check_search_index() == []


def test_long_values_are_stored_and_found(store: Store) -> None:
    """Issue #18: PostgreSQL refused a value over about 2.7 KB (btree row size); a 100 KB
    note is stored and searchable on both backends."""
    noise = random.Random(7)  # incompressible, as real text is: TOAST cannot shrink it
    words = " ".join(
        "".join(noise.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8)) for _ in range(12_000)
    )
    long_text = "長文 " + words + " needle-word"
    facts = [*_source(), Fact("p1", "Person", "notes", long_text, "src-a", review="published")]
    _put(store, facts, {"src-a": "Article", "p1": "Person"})
    entity = store.entity("p1")
    assert entity is not None and entity.values("notes") == [long_text]
    assert [h.entity_id for h in store.search("needle-word")] == ["p1"]


def test_a_desynchronised_index_is_found_and_rebuilt(store: Store) -> None:
    """`check_search_index` names a search index that disagrees with the statements, and
    `rebuild_search_index` mends it (what `lionrock check --fts` runs)."""
    facts = [*_source(), Fact("p1", "Person", "name", "黃之鋒", "src-a", review="published")]
    _put(store, facts, {"src-a": "Article", "p1": "Person"})
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":  # drop the row from the FTS index only
            conn.exec_driver_sql(
                "INSERT INTO statements_fts(statements_fts, rowid, folded) "
                "SELECT 'delete', seq, folded FROM statements WHERE entity_id = 'p1'"
            )
        else:  # a value written around the Store, with no folded text
            conn.exec_driver_sql("UPDATE statements SET folded = NULL WHERE entity_id = 'p1'")
    assert store.search("黃之鋒") == []
    assert store.check_search_index() != []
    assert store.rebuild_search_index() >= 1
    assert store.check_search_index() == []
    assert [h.entity_id for h in store.search("黄之锋")] == ["p1"]


def test_a_store_from_before_migration_0006_keeps_its_facts_and_finds_them(db_url: str) -> None:
    """Upgrading an existing store (statements keyed by text, unfolded) to 0006 keeps
    every fact and indexes the folded text."""
    from alembic import command
    from alembic.config import Config

    from lionrock.store._store import MIGRATIONS

    old = Store(db_url, migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
    with old.engine.begin() as conn:
        for fact_id, entity, prop, value, searchable in (
            ("f1", "src-a", "title", "A title", True),
            ("f2", "p1", "name", "林鄭月娥", True),
            ("f3", "p1", "birthDate", "1957-05-13", False),
        ):
            conn.execute(
                sa.text(
                    "INSERT INTO statements (id, entity_id, schema, prop, prop_type, value, "
                    "source_id, status, review, recorded_by, recorded_at, searchable) VALUES "
                    "(:i, :e, 'Person', :p, 'name', :v, 'src-a', 'confirmed', 'published', "
                    "'t', '2026-01-01', :s)"
                ),
                {"i": fact_id, "e": entity, "p": prop, "v": value, "s": searchable},
            )
    old.close()
    store = Store(db_url)
    try:
        assert store.count_facts() == 3
        assert [h.entity_id for h in store.search("林郑月娥")] == ["p1"]
        assert store.check_search_index() == []
    finally:
        store.close()


def test_entities_read_by_id_are_those_of_a_full_read(bundled_store: Store) -> None:
    """`iter_entities(ids=...)` reads on the driver (issue #18 §5): the same entities, facts
    and order as the full read through SQLAlchemy, drafts left out when asked, across the
    batches of IDs."""
    from lionrock.store import _store

    every = {e.id: e for e in bundled_store.iter_entities(schema=None)}
    ids = [*random.Random(7).sample(sorted(every), 1500), "no-such-entity"]
    found = list(bundled_store.iter_entities(ids=ids))
    assert [e.id for e in found] == sorted(set(ids) - {"no-such-entity"})
    assert found == [every[i] for i in sorted(set(ids) & set(every))]
    assert len(ids) > _store.ID_BATCH  # several batches
    published = {e.id: e for e in bundled_store.iter_entities(published_only=True)}
    assert list(bundled_store.iter_entities(ids=ids[:50], published_only=True)) == [
        published[i] for i in sorted(set(ids[:50]) & set(published))
    ]
    assert list(bundled_store.iter_entities(ids=[])) == []
