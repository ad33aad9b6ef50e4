"""Faceted search for the public pages and the JSON API (issue #18 §5, "the server blocks").

A search counts its facets (schema, custody status, charge, organisation, year,
language) over every matching entity, but shows only a page of them. Loading every match
whole, just to count, was half the time of a search under load; so the counts come from a
narrow read of the statements (`summaries`: the entity's schema, and the values of the
custody status and of date properties only), with the public rule applied row by row by
`lionrock.model.is_public_fact` itself, and only the page shown is loaded whole and
passed through `public_entity`. `tests/web/test_search_facets.py` checks the counts
against counting whole public entities, drafts and confidential facts included.

Example:
    faceted_search(store, SearchFilters(q="47", schema="Person"))["facets"]["charge"]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from lionrock.model import Fact, get_model, is_public_fact, public_entities
from lionrock.render import names_by_lang
from lionrock.store import Entity, SearchHit, Store
from lionrock.store._dbapi import fetch, param
from lionrock.store._tables import entities, statements
from lionrock.web._backlinks import entity_props

ORG_SCHEMATA = ("Organization", "Company", "PublicBody", "LegalEntity")
MAX_CANDIDATES = 2000
FACETS = ("schema", "custody", "charge", "org", "year", "lang")
#: Values shown per facet (the year facet shows every year).
FACET_SIZE = 20
#: Up to this many IDs, links are found through the (prop, value) index, one seek per
#: entity-typed property and ID; beyond it, reading the statements once is cheaper.
INDEXED_LINKS = 64


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """The facets a search can be narrowed by."""

    q: str = ""
    schema: str = ""
    custody: str = ""
    charge: str = ""
    org: str = ""
    date_from: str = ""
    date_to: str = ""
    lang: str = ""

    @classmethod
    def from_params(cls, params: Any) -> SearchFilters:
        def get(key: str) -> str:
            return str(params.get(key, ""))[:200].strip()

        return cls(
            get("q"),
            get("schema"),
            get("custody"),
            get("charge"),
            get("org"),
            get("from"),
            get("to"),
            get("lang"),
        )


@dataclass(frozen=True, slots=True)
class Summary:
    """What a search filters and counts one entity by, from its public facts only."""

    schema: str
    custody: frozenset[str]
    langs: frozenset[str]
    dates: tuple[str, ...]


def in_range(values: list[str] | tuple[str, ...], start: str, end: str) -> bool:
    """Whether any date falls in [start, end], each compared at its own precision.

    Example: `in_range(["2021-06-17"], "2021-06", "2021-06")` is True.
    """
    return any(
        (not start or v[: len(start)] >= start) and (not end or v[: len(end)] <= end)
        for v in values
    )


@lru_cache(maxsize=4096)
def _public(entity_schema: str, fact_schema: str, prop: str, licence: str | None) -> bool:
    """`is_public_fact` for a published fact with this schema and property on an entity
    of `entity_schema` with `licence`: the rule never looks at the value, the source or
    the language, so one answer holds for every such fact."""
    fact = Fact("", fact_schema, prop, "", "", review="published")
    return is_public_fact(fact, schema=entity_schema, licence=licence)


def _is_date(entity_schema: str, prop: str) -> bool:
    spec = get_model().get(entity_schema)
    found = spec.properties.get(prop) if spec is not None else None
    return found is not None and found.type == "date"


# Only published rows, ordered as `Store.iter_entities` orders an entity's facts (so the
# licence is the first published `license` value, as in `public_entity`); the value is
# read only where a facet needs it, never a full text.
SUMMARY_SQL = (
    "SELECT s.entity_id, e.schema, s.schema, s.prop, s.lang, "
    "CASE WHEN s.prop_type = 'date' OR s.prop IN ('custodyStatus', 'license') "
    "THEN s.value END "
    "FROM statements s JOIN entities e ON e.id = s.entity_id "
    "WHERE s.entity_id IN ({ids}) AND s.review = 'published' "
    "ORDER BY s.entity_id, s.prop, s.id"
)


def _marks(backend: str, ids: list[str], params: dict[str, object]) -> str:
    """Placeholders for `ids` (added to `params`), for an `IN (...)` list."""
    params.update({f"i{n}": v for n, v in enumerate(ids)})
    return ", ".join(param(backend, f"i{n}") for n in range(len(ids)))


def summaries(conn: Any, backend: str, ids: list[str]) -> dict[str, Summary]:
    """The `Summary` of each of `ids` that has a public fact (`public_entity` would keep
    it), read without loading the entities whole, on a DB-API connection
    (`Store.driver`).

    Example: `with store.driver() as db: summaries(*db, ["ofac-29250"])`.
    """
    if not ids:
        return {}
    params: dict[str, object] = {}
    rows: dict[str, list[Sequence[Any]]] = {}
    for row in fetch(conn, SUMMARY_SQL.format(ids=_marks(backend, ids, params)), params):
        rows.setdefault(row[0], []).append(row)
    found = {}
    for eid, facts in rows.items():
        schema = facts[0][1]
        licence = next((f[5] for f in facts if f[3] == "license"), None)
        public = [f for f in facts if _public(schema, f[2], f[3], licence)]
        if public:
            found[eid] = Summary(
                schema,
                frozenset(f[5] for f in public if f[3] == "custodyStatus"),
                frozenset(f[4] for f in public if f[4]),
                tuple(f[5] for f in public if f[5] is not None and _is_date(schema, f[3])),
            )
    return found


def _published_ids(store: Store, filters: SearchFilters, limit: int) -> list[str]:
    """Candidates for a search without words: published entities, narrowed in SQL by the
    filters that can be (schema, custody status, charge), so a filter finds its entities
    however large the store is, not only among the first `limit` IDs."""
    query = select(statements.c.entity_id).where(statements.c.review == "published")
    if filters.schema:
        query = query.where(
            statements.c.entity_id.in_(
                select(entities.c.id).where(entities.c.schema == filters.schema)
            )
        )
    if filters.custody:
        query = query.where(
            statements.c.entity_id.in_(
                select(statements.c.entity_id).where(
                    statements.c.prop == "custodyStatus",
                    statements.c.value == filters.custody,
                    statements.c.review == "published",
                )
            )
        )
    if filters.charge:
        offence = statements.alias("offence")
        defendant = statements.alias("defendant")
        query = query.where(
            statements.c.entity_id.in_(
                select(defendant.c.value)
                .join(offence, offence.c.entity_id == defendant.c.entity_id)
                .where(
                    defendant.c.schema == "Charge",
                    defendant.c.prop == "defendant",
                    defendant.c.review == "published",
                    offence.c.prop == "offence",
                    offence.c.value == filters.charge,
                    offence.c.review == "published",
                )
            )
        )
    query = query.distinct().order_by(statements.c.entity_id).limit(limit)
    with store.read() as conn:
        return [r.entity_id for r in conn.execute(query)]


def _links(
    conn: Any, backend: str, ids: list[str]
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per entity: offences charged against it, and organisations it is linked to
    (directly, or through a shared link entity such as a membership or an event)."""
    charges: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    if not ids:
        return charges, orgs
    params: dict[str, object] = {}
    marks = _marks(backend, ids, params)
    pub = "a.review = 'published' AND b.review = 'published'"
    sql_charges = (
        "SELECT a.value, b.value FROM statements a JOIN statements b "
        "ON b.entity_id = a.entity_id AND b.prop = 'offence' "
        f"WHERE a.schema = 'Charge' AND a.prop = 'defendant' AND a.value IN ({marks}) AND {pub}"
    )
    org_marks = ", ".join(f"'{s}'" for s in ORG_SCHEMATA)
    # Statements pointing at the IDs: without a property, SQLite (which has no index on
    # the value alone) reads every statement; naming the model's entity-typed properties
    # (its own identifiers, as in `_backlinks`) lets it seek the (prop, value) index.
    props = ", ".join(f"'{p}'" for p in entity_props())
    by_prop = f"a.prop IN ({props}) AND " if len(ids) <= INDEXED_LINKS else ""
    sql_orgs = (
        "SELECT a.value, b.value FROM statements a JOIN statements b "
        "ON b.entity_id = a.entity_id AND b.prop_type = 'entity' AND b.value <> a.value "
        f"JOIN entities o ON o.id = b.value AND o.schema IN ({org_marks}) "
        f"WHERE {by_prop}a.prop_type = 'entity' AND a.value IN ({marks}) AND {pub} "
        "UNION SELECT a.entity_id, a.value FROM statements a "
        f"JOIN entities o ON o.id = a.value AND o.schema IN ({org_marks}) "
        f"WHERE a.prop_type = 'entity' AND a.entity_id IN ({marks}) AND a.review = 'published'"
    )
    for eid, offence in fetch(conn, sql_charges, params):
        charges.setdefault(eid, set()).add(offence)
    for eid, org in fetch(conn, sql_orgs, params):
        orgs.setdefault(eid, set()).add(org)
    return charges, orgs


@dataclass(frozen=True, slots=True)
class Matches:
    """A search's matching entities in order (after the filters), its full-text hits by
    entity, and every facet's counts over the matches."""

    ids: list[str]
    hits: dict[str, SearchHit]
    counts: dict[str, Counter[str]]


def count_facets(store: Store, filters: SearchFilters) -> Matches:
    """The entities a search matches and its facet counts, from `summaries` and the
    links: no entity is loaded whole.

    Example: `count_facets(store, SearchFilters(q="Apple")).counts["schema"]`.
    """
    if filters.q:
        # the page's captions come from its whole (public) entities, not from the hits
        found_hits = store.search(filters.q, limit=200, published_only=True, captions=False)
        order = [h.entity_id for h in found_hits]
        hits = {h.entity_id: h for h in found_hits}
    else:
        order, hits = _published_ids(store, filters, MAX_CANDIDATES), {}
    with store.driver() as (conn, backend):
        found = summaries(conn, backend, order)
        charges, orgs = _links(conn, backend, order)
    kept: list[str] = []
    counts = {k: Counter[str]() for k in FACETS}
    for eid in order:
        summary = found.get(eid)
        if summary is None:
            continue
        checks = (
            not filters.schema or summary.schema == filters.schema,
            not filters.custody or filters.custody in summary.custody,
            not filters.charge or filters.charge in charges.get(eid, set()),
            not filters.org or filters.org in orgs.get(eid, set()),
            not (filters.date_from or filters.date_to)
            or in_range(summary.dates, filters.date_from, filters.date_to),
            not filters.lang or filters.lang in summary.langs,
        )
        if not all(checks):
            continue
        kept.append(eid)
        counts["schema"][summary.schema] += 1
        counts["custody"].update(summary.custody)
        counts["charge"].update(charges.get(eid, set()))
        counts["org"].update(orgs.get(eid, set()))
        counts["year"].update({d[:4] for d in summary.dates})
        counts["lang"].update(summary.langs)
    return Matches(kept, hits, counts)


def top_values(name: str, counts: Counter[str]) -> list[tuple[str, int]]:
    """A facet's values as shown: every year in order; else the most frequent, ties by
    value (so the same search always shows the same values).

    Example: `top_values("lang", Counter({"zho": 2, "eng": 2}))` is `[("eng", 2), ("zho", 2)]`.
    """
    if name == "year":
        return sorted(counts.items())
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_SIZE]


def faceted_search(
    store: Store, filters: SearchFilters, *, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Search with facets: schema, custody status, charge, organisation, date range and
    language. Counts are over the matching entities; results are paged by offset.

    Example: `faceted_search(store, SearchFilters(q="47", schema="Person"))["total"]`.
    """
    matches = count_facets(store, filters)
    shown = {name: top_values(name, c) for name, c in matches.counts.items()}
    page = matches.ids[offset : offset + limit]
    # Whole entities only for what is shown: the page, and the organisations named.
    loaded = store.iter_entities(ids=[*page, *(v for v, _ in shown["org"])], published_only=True)
    whole = {e.id: e for e in public_entities(loaded)}
    facets = {
        name: [
            {"value": v, "count": n, "label": _org_label(whole, v) if name == "org" else v}
            for v, n in values
        ]
        for name, values in shown.items()
    }
    total = len(matches.ids)
    return {
        "total": total,
        "results": [_result(whole[i], matches.hits.get(i)) for i in page if i in whole],
        "facets": facets,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < total else None,
    }


def _org_label(whole: dict[str, Entity], org_id: str) -> str:
    found = whole.get(org_id)
    return found.caption if found is not None else org_id


def _result(entity: Entity, hit: SearchHit | None) -> dict[str, Any]:
    return {
        "id": entity.id,
        "schema": entity.schema,
        "caption": entity.caption,
        "names": names_by_lang(entity),
        "prop": hit.prop if hit else None,
        "prop_label": _prop_label(entity.schema, hit.prop) if hit else None,
        "matched": hit.matched if hit else None,
    }


def _prop_label(schema: str, prop: str) -> str:
    """A property's label (`name` -> `Name`), for the page to translate."""
    spec = get_model().get(schema)
    found = spec.properties.get(prop) if spec is not None else None
    return found.label if found is not None else prop
