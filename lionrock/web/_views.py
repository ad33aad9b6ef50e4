"""The data behind the read views (pages and their JSON twins): the entity with its
citations, faceted search, the timeline and sources (the prisoner record has its own
module, `routes_prisoners`). Public views
read published facts only."""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text

from lionrock.model import Fact, get_model, public_entities, public_entity
from lionrock.render import entity_view, names_by_lang, related_ids
from lionrock.store import Entity, Store, citation
from lionrock.store._tables import entities, statements

ORG_SCHEMATA = ("Organization", "Company", "PublicBody", "LegalEntity")
MAX_CANDIDATES = 2000


def encode_cursor(value: Any) -> str:
    """An opaque cursor. Example: `decode_cursor(encode_cursor(["a", 1]))` is `["a", 1]`."""
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Any:
    """The value of a cursor, or None when it is malformed (treated as the first page)."""
    if not cursor or len(cursor) > 1000:
        return None
    try:
        return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError:
        return None


def public_statements(entity: Entity) -> list[Fact]:
    """An entity's facts as the public API may show them (`lionrock.model.public_entity`:
    published, no confidential property, and no unlicensed full text)."""
    kept = public_entity(entity)
    return list(kept.facts) if kept is not None else []


def public_lookup(store: Store, entity_id: str) -> Entity | None:
    """The entity as the public may see it, or None when nothing of it is public.

    Example: `public_lookup(store, "ofac-29250")`.
    """
    found = store.entity(entity_id, published_only=True)
    return public_entity(found) if found is not None else None


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered as links (never `javascript:`)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def entity_page_view(
    store: Store, entity: Entity, *, published_only: bool = True
) -> dict[str, Any]:
    """The entity's view (`lionrock.render.entity_view`, the one the static site renders
    too), with the entities it cites and links to read from the store. Public pages see
    published facts only, never confidential properties or an unlicensed article's full
    text; the researchers' app (`published_only=False`) sees everything. Every fact
    carries its ID and provenance, and every citation a `safe_url` (http(s) only) for the
    JSON twin.

    Example: `entity_page_view(store, store.entity("ofac-29250"))["facts"][0]["source"]`.
    """
    if published_only:  # the one rule for public output (issue #18 §2)
        entity = public_entity(entity) or Entity(entity.id, entity.schema, ())
    ids = related_ids([entity])
    found = store.iter_entities(ids=ids, published_only=published_only)
    related = {e.id: e for e in (public_entities(found) if published_only else found)}
    view = entity_view(entity, related=related, confidential=not published_only, provenance=True)
    for fact in view["facts"]:
        fact["source"]["safe_url"] = safe_url(fact["source"]["url"])
    return view


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


def _links(store: Store, ids: list[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Per entity: offences charged against it, and organisations it is linked to
    (directly, or through a shared link entity such as a membership or an event)."""
    charges: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    if not ids:
        return charges, orgs
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    params = {f"i{n}": v for n, v in enumerate(ids)}
    pub = "a.review = 'published' AND b.review = 'published'"
    sql_charges = (
        "SELECT a.value AS eid, b.value AS offence FROM statements a JOIN statements b "
        "ON b.entity_id = a.entity_id AND b.prop = 'offence' "
        f"WHERE a.schema = 'Charge' AND a.prop = 'defendant' AND a.value IN ({marks}) AND {pub}"
    )
    org_marks = ", ".join(f"'{s}'" for s in ORG_SCHEMATA)
    sql_orgs = (
        "SELECT a.value AS eid, b.value AS org FROM statements a JOIN statements b "
        "ON b.entity_id = a.entity_id AND b.prop_type = 'entity' AND b.value <> a.value "
        f"JOIN entities o ON o.id = b.value AND o.schema IN ({org_marks}) "
        f"WHERE a.prop_type = 'entity' AND a.value IN ({marks}) AND {pub} "
        "UNION SELECT a.entity_id AS eid, a.value AS org FROM statements a "
        f"JOIN entities o ON o.id = a.value AND o.schema IN ({org_marks}) "
        f"WHERE a.prop_type = 'entity' AND a.entity_id IN ({marks}) AND a.review = 'published'"
    )
    with store.read() as conn:
        for row in conn.execute(text(sql_charges), params):
            charges.setdefault(row.eid, set()).add(row.offence)
        for row in conn.execute(text(sql_orgs), params):
            orgs.setdefault(row.eid, set()).add(row.org)
    return charges, orgs


def _dates(entity: Entity) -> list[str]:
    spec = get_model().get(entity.schema)
    props = spec.properties if spec is not None else {}
    return [f.value for f in entity.facts if f.prop in props and props[f.prop].type == "date"]


def _in_range(values: list[str], start: str, end: str) -> bool:
    return any(
        (not start or v[: len(start)] >= start) and (not end or v[: len(end)] <= end)
        for v in values
    )


def faceted_search(
    store: Store, filters: SearchFilters, *, limit: int = 20, offset: int = 0
) -> dict[str, Any]:
    """Search with facets: schema, custody status, charge, organisation, date range and
    language. Counts are over the matching entities; results are paged by offset.

    Example: `faceted_search(store, SearchFilters(q="47", schema="Person"))["total"]`.
    """
    if filters.q:
        hits = store.search(filters.q, limit=200, published_only=True)
        order = [h.entity_id for h in hits]
        matched = {h.entity_id: h for h in hits}
    else:
        order, matched = _published_ids(store, filters, MAX_CANDIDATES), {}
    found = {e.id: e for e in public_entities(store.iter_entities(ids=order, published_only=True))}
    charges, orgs = _links(store, order)
    results, counts = (
        [],
        {k: Counter[str]() for k in ("schema", "custody", "charge", "org", "year", "lang")},
    )
    for eid in order:
        entity = found.get(eid)
        if entity is None:
            continue
        custody = entity.values("custodyStatus")
        langs = {f.lang for f in entity.facts if f.lang}
        dates = _dates(entity)
        checks = (
            not filters.schema or entity.schema == filters.schema,
            not filters.custody or filters.custody in custody,
            not filters.charge or filters.charge in charges.get(eid, set()),
            not filters.org or filters.org in orgs.get(eid, set()),
            not (filters.date_from or filters.date_to)
            or _in_range(dates, filters.date_from, filters.date_to),
            not filters.lang or filters.lang in langs,
        )
        if not all(checks):
            continue
        hit = matched.get(eid)
        results.append(
            {
                "id": eid,
                "schema": entity.schema,
                "caption": entity.caption,
                "names": names_by_lang(entity),
                "prop": hit.prop if hit else None,
                "prop_label": _prop_label(entity.schema, hit.prop) if hit else None,
                "matched": hit.matched if hit else None,
            }
        )
        counts["schema"][entity.schema] += 1
        counts["custody"].update(set(custody))
        counts["charge"].update(charges.get(eid, set()))
        counts["org"].update(orgs.get(eid, set()))
        counts["year"].update({d[:4] for d in dates})
        counts["lang"].update(langs)
    orgs_found = store.iter_entities(ids=list(counts["org"]), published_only=True)
    org_names = {e.id: e.caption for e in public_entities(orgs_found)}
    facets = {
        name: [
            {"value": v, "count": n, "label": org_names.get(v, v) if name == "org" else v}
            for v, n in (sorted(c.items()) if name == "year" else c.most_common(20))
        ]
        for name, c in counts.items()
    }
    page = results[offset : offset + limit]
    return {
        "total": len(results),
        "results": page,
        "facets": facets,
        "offset": offset,
        "next_offset": offset + limit if offset + limit < len(results) else None,
    }


def _prop_label(schema: str, prop: str) -> str:
    """A property's label (`name` -> `Name`), for the page to translate."""
    spec = get_model().get(schema)
    found = spec.properties.get(prop) if spec is not None else None
    return found.label if found is not None else prop


def timeline(
    store: Store, *, date_from: str = "", date_to: str = "", q: str = ""
) -> list[dict[str, Any]]:
    """Published events in date order, filtered by a date range and a name substring."""
    events = []
    for event in public_entities(store.iter_entities(schema="Event", published_only=True)):
        dates = sorted(event.values("date") or event.values("startDate"))
        when = dates[0] if dates else ""
        if (date_from or date_to) and not _in_range([when], date_from, date_to):
            continue
        if q and q.casefold() not in " ".join(event.values("name")).casefold():
            continue
        events.append(
            {
                "id": event.id,
                "date": when,
                "name": event.caption,
                "names": names_by_lang(event),
                "summary": event.first("summary") or event.first("description"),
            }
        )
    events.sort(key=lambda e: (e["date"], e["id"]))
    return events


def sources(
    store: Store, *, after: str = "", limit: int = 100
) -> tuple[list[dict[str, Any]], str | None]:
    """Published sources by ID, with how many published facts cite each; and the next
    cursor value."""
    names = [n for n, spec in get_model().schemata.items() if spec.is_source]
    query = (
        select(entities.c.id)
        .where(entities.c.schema.in_(names), entities.c.id > after)
        .order_by(entities.c.id)
        .limit(limit + 1)
    )
    with store.read() as conn:
        ids = [r.id for r in conn.execute(query)]
        more = len(ids) > limit
        ids = ids[:limit]
        cited = dict(
            conn.execute(
                select(statements.c.source_id, text("count(*)"))
                .where(statements.c.source_id.in_(ids), statements.c.review == "published")
                .group_by(statements.c.source_id)
            ).all()
        )
    rows = []
    for source in public_entities(store.iter_entities(ids=ids, published_only=True)):
        info = citation(source.id, source)
        rows.append(
            {
                **info,
                "safe_url": safe_url(info["url"]),
                "schema": source.schema,
                "facts": int(cited.get(source.id, 0)),
            }
        )
    return rows, (ids[-1] if more and ids else None)


def network(store: Store, entity: Entity, *, limit: int = 40) -> dict[str, Any]:
    """The entity's published links, both ways: nodes and labelled edges."""
    model = get_model()
    spec = model.get(entity.schema)
    props = spec.properties if spec is not None else {}
    edges = [
        (entity.id, f.value, props[f.prop].label)
        for f in entity.facts
        if f.prop in props and props[f.prop].is_entity
    ]
    query = (
        select(statements.c.entity_id, statements.c.schema, statements.c.prop)
        .where(
            statements.c.prop_type == "entity",
            statements.c.value == entity.id,
            statements.c.review == "published",
        )
        .limit(limit * 2)
    )
    with store.read() as conn:
        for row in conn.execute(query):
            other = model.get(row.schema)
            label = (
                other.properties[row.prop].label
                if other and row.prop in other.properties
                else row.prop
            )
            edges.append((row.entity_id, entity.id, label))
    edges = list(dict.fromkeys(edges))[:limit]
    ids = {entity.id} | {a for a, _, _ in edges} | {b for _, b, _ in edges}
    nodes = {e.id: e for e in public_entities(store.iter_entities(ids=ids, published_only=True))}
    edges = [e for e in edges if e[0] in nodes and e[1] in nodes]
    return {
        "id": entity.id,
        "nodes": [{"id": n.id, "schema": n.schema, "caption": n.caption} for n in nodes.values()],
        "edges": [{"source": a, "target": b, "label": label} for a, b, label in edges],
    }
