"""The data behind the read views (pages and their JSON twins): the entity with its
citations, the timeline and sources (faceted search is `_search`, the prisoner record
`routes_prisoners`). Public views read published facts only."""

from __future__ import annotations

import base64
import json
from typing import Any

from sqlalchemy import select, text

from lionrock.model import Fact, get_model, public_entities, public_entity
from lionrock.render import entity_view, names_by_lang, related_ids
from lionrock.store import Entity, Store, citation
from lionrock.store._tables import entities, statements
from lionrock.web._search import in_range


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


def timeline(
    store: Store, *, date_from: str = "", date_to: str = "", q: str = ""
) -> list[dict[str, Any]]:
    """Published events in date order, filtered by a date range and a name substring."""
    events = []
    for event in public_entities(store.iter_entities(schema="Event", published_only=True)):
        dates = sorted(event.values("date") or event.values("startDate"))
        when = dates[0] if dates else ""
        if (date_from or date_to) and not in_range([when], date_from, date_to):
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
