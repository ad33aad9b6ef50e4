"""Search facets are counted from the statements without loading whole entities
(`lionrock.web._search`, issue #18 §5): the counts must be those of counting whole public
entities (`public_entity`, the one rule), drafts and confidential facts left out."""

from __future__ import annotations

from collections import Counter

import pytest

from lionrock import Fact, Store
from lionrock.model import get_model, public_entities
from lionrock.store import Entity
from lionrock.web._search import (
    MAX_CANDIDATES,
    ORG_SCHEMATA,
    SearchFilters,
    _published_ids,
    count_facets,
    faceted_search,
    in_range,
    top_values,
)


def _whole_links(store: Store) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Charges and organisations per entity, from whole entities' published facts: a
    Charge's offences for its defendant; an organisation an entity points at, or that a
    link entity (a membership, an event) points at beside it."""
    model = get_model()
    every = list(store.iter_entities(published_only=True))
    org_ids = {e.id for e in every if e.schema in ORG_SCHEMATA}
    charges: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    for entity in every:
        offences = [f.value for f in entity.facts if f.prop == "offence"]
        links = [f for f in entity.facts if model.get(f.schema).properties[f.prop].is_entity]
        for f in links:
            if f.schema == "Charge" and f.prop == "defendant":
                charges.setdefault(f.value, set()).update(offences)
            if f.value in org_ids:
                orgs.setdefault(entity.id, set()).add(f.value)
            for other in links:
                if other.value != f.value and other.value in org_ids:
                    orgs.setdefault(f.value, set()).add(other.value)
    return charges, orgs


def _whole_counts(
    store: Store, filters: SearchFilters, order: list[str], links: tuple[dict, dict]
) -> tuple[list[str], dict[str, Counter[str]]]:
    """The facets counted over whole public entities (the way search counted before)."""
    charges, orgs = links
    model = get_model()
    found: dict[str, Entity] = {
        e.id: e for e in public_entities(store.iter_entities(ids=order, published_only=True))
    }
    kept, counts = [], {k: Counter[str]() for k in ("schema", "custody", "charge", "org")}
    counts |= {"year": Counter[str](), "lang": Counter[str]()}
    for eid in order:
        entity = found.get(eid)
        if entity is None:
            continue
        props = model.get(entity.schema).properties
        dates = [f.value for f in entity.facts if props[f.prop].type == "date"]
        custody, langs = set(entity.values("custodyStatus")), {f.lang for f in entity.facts}
        langs.discard(None)
        if (
            (filters.schema and entity.schema != filters.schema)
            or (filters.custody and filters.custody not in custody)
            or (filters.charge and filters.charge not in charges.get(eid, set()))
            or (filters.org and filters.org not in orgs.get(eid, set()))
            or (
                (filters.date_from or filters.date_to)
                and not in_range(dates, filters.date_from, filters.date_to)
            )
            or (filters.lang and filters.lang not in langs)
        ):
            continue
        kept.append(eid)
        counts["schema"][entity.schema] += 1
        counts["custody"].update(custody)
        counts["charge"].update(charges.get(eid, set()))
        counts["org"].update(orgs.get(eid, set()))
        counts["year"].update({d[:4] for d in dates})
        counts["lang"].update(langs)  # type: ignore[arg-type]
    return kept, counts


def _assert_same_as_whole(store: Store, filters: SearchFilters, links: tuple) -> None:
    matches = count_facets(store, filters)
    if filters.q:
        order = [h.entity_id for h in store.search(filters.q, limit=200, published_only=True)]
    else:  # the candidates of a search without words (not what this test is about)
        order = _published_ids(store, filters, MAX_CANDIDATES)
    kept, counts = _whole_counts(store, filters, order, links)
    assert matches.ids == kept, filters
    assert matches.counts == counts, filters
    shown = faceted_search(store, filters, limit=len(kept) + 1)
    assert [r["id"] for r in shown["results"]] == kept
    for name, values in shown["facets"].items():
        assert [(v["value"], v["count"]) for v in values] == top_values(name, counts[name])


def _write_record(store: Store) -> None:
    def fact(
        eid: str, schema: str, prop: str, value: str, *, lang: str | None = None,
        review: str = "published",
    ) -> Fact:  # fmt: skip
        return Fact(eid, schema, prop, value, "src", review=review, lang=lang)

    facts = [
        fact("src", "Document", "title", "Source document"),
        fact("p1", "Person", "name", "Facet Person", lang="eng"),
        fact("p1", "Person", "custodyStatus", "remanded"),
        fact("p1", "Person", "arrestDate", "2021-01-06"),
        fact("p1", "Person", "idNumber", "X123", lang="fra"),  # confidential
        fact("p1", "Person", "custodyStatus", "released", review="draft"),
        fact("p1", "Person", "wantedDate", "2019-05-05", review="draft"),
        fact("p2", "Person", "name", "Facet Draft", lang="deu", review="draft"),
        fact("p2", "Person", "custodyStatus", "on_bail", review="draft"),
        fact("p3", "Person", "passportNumber", "Facet passport", lang="spa"),  # confidential
        fact("a1", "Article", "title", "Facet unlicensed article", lang="eng"),
        fact("a1", "Article", "bodyText", "facet 全文", lang="zho"),  # full text, no licence
        fact("a1", "Article", "publishedAt", "2022-01-01"),
        fact("a2", "Article", "title", "Facet licensed article"),
        fact("a2", "Article", "license", "CC-BY-4.0"),
        fact("a2", "Article", "bodyText", "facet open text", lang="zho"),
        fact("c1", "Charge", "defendant", "p1"),
        fact("c1", "Charge", "offence", "Subversion"),
        fact("c2", "Charge", "defendant", "p1"),
        fact("c2", "Charge", "offence", "Draft offence", review="draft"),
        fact("o1", "Organization", "name", "Facet Org", lang="eng"),
        fact("m1", "Membership", "member", "p1"),
        fact("m1", "Membership", "organization", "o1"),
    ]
    schemata = {f.entity_id: f.schema for f in facts}
    with store.write() as writer:
        writer.put_entities(schemata)
        writer.put_facts(facts)


def test_counts_leave_out_drafts_and_confidential_facts(store: Store) -> None:
    _write_record(store)
    matches = count_facets(store, SearchFilters(q="facet"))
    assert sorted(matches.ids) == ["a1", "a2", "o1", "p1"]  # p2 a draft, p3 confidential
    assert matches.counts == {
        "schema": Counter({"Article": 2, "Person": 1, "Organization": 1}),
        "custody": Counter({"remanded": 1}),  # not the draft "released" nor p2's on_bail
        "charge": Counter({"Subversion": 1}),  # not the draft offence
        "org": Counter({"o1": 1}),  # p1, through the membership
        "year": Counter({"2021": 1, "2022": 1}),  # not the draft 2019
        "lang": Counter({"eng": 3, "zho": 1}),  # no fra (an ID), no zho of a1 (unlicensed)
    }
    links = _whole_links(store)
    for filters in (
        SearchFilters(q="facet"),
        SearchFilters(q="facet", lang="zho"),
        SearchFilters(q="facet", custody="released"),
        SearchFilters(q="facet", org="o1"),
        SearchFilters(q="facet", date_from="2019", date_to="2019"),
        SearchFilters(),
        SearchFilters(schema="Person"),
        SearchFilters(charge="Subversion"),
    ):
        _assert_same_as_whole(store, filters, links)
    page = faceted_search(store, SearchFilters(q="facet", org="o1"))
    assert page["facets"]["org"] == [{"value": "o1", "count": 1, "label": "Facet Org"}]
    assert [r["caption"] for r in page["results"]] == ["Facet Person"]


QUERIES = ["Apple", "lee", "chan", "47", "香港", "黎智英", "家超", "democracy", "court", "2021"]


@pytest.mark.parametrize(
    "filters",
    [SearchFilters(q=q) for q in QUERIES]
    + [
        SearchFilters(),
        SearchFilters(schema="Person", charge="Conspiracy to commit subversion"),
        SearchFilters(org="lr-org-apple-daily"),
        SearchFilters(schema="Event", date_from="2021-06", date_to="2021-06"),
        SearchFilters(q="Apple", lang="zho"),
        SearchFilters(q="chan", custody="released"),
    ],
    ids=repr,
)
def test_counts_on_the_bundled_record_are_those_of_whole_entities(
    bundled_store: Store, filters: SearchFilters, bundled_links: tuple
) -> None:
    _assert_same_as_whole(bundled_store, filters, bundled_links)


@pytest.fixture(scope="module")
def bundled_links(bundled_store: Store) -> tuple:
    return _whole_links(bundled_store)
