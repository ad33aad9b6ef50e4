"""The records that point at an entity (a person's charges, memberships, sanctions,
mentions, the events involving them), grouped by schema, for entity pages and their JSON
twins. A page shows the first few of each group; the rest page with a cursor, so a case
with hundreds of charges or a person in thousands of mentions stays a small page.

Example:
    groups = backlink_groups(store, "lr-person-jimmy-lai")
    groups[0]["schema"], groups[0]["total"]  # ("Charge", 3)
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import islice
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import bindparam, text

from lionrock.model import get_model, public_entities
from lionrock.record import quashing
from lionrock.render import ref_view, visible_props
from lionrock.store import Entity, Store, citation

#: Rows of each group on an entity page; the rest is one "more" link away.
CAP = 10
MAX_PAGE = 200
MAX_OTHERS = 3  # the other records a row names (a charge's case, an event's others)
PUBLISHED = "AND review = 'published' "
# Through the (prop, value) index: every entity-typed property, and the entity's ID. The
# property names are the model's own identifiers, written into the SQL once ({props})
# rather than bound per request.
LINKS = "FROM statements WHERE prop IN ({props}) AND value = :id AND entity_id <> :id "
COUNTS = "SELECT schema, count(DISTINCT entity_id) AS n " + LINKS + "{published}GROUP BY schema"
IDS = (
    "SELECT DISTINCT entity_id " + LINKS + "AND schema = :schema "
    "AND entity_id > :after {published}ORDER BY entity_id LIMIT :n"
)
VIA = "SELECT entity_id, prop " + LINKS + "AND entity_id IN :ids {published}"
# Every group's first :cap records, the properties that link them and the group's total,
# in one query: records are ranked by ID within their schema (DENSE_RANK, so a record
# linked by two properties counts once), and the highest rank is the group's size.
GROUPS = (
    "SELECT schema, entity_id, prop, total FROM ("
    "SELECT schema, entity_id, prop, r, max(r) OVER (PARTITION BY schema) AS total FROM ("
    "SELECT schema, entity_id, prop, "
    "DENSE_RANK() OVER (PARTITION BY schema ORDER BY entity_id) AS r "
    + LINKS
    + "{published}) ranked) counted WHERE r <= :cap ORDER BY schema, entity_id"
)


@cache
def entity_props() -> tuple[str, ...]:
    """Every property, of any schema, whose values are entity IDs."""
    model = get_model()
    names = {p.name for s in model.schemata.values() for p in s.properties.values() if p.is_entity}
    return tuple(sorted(names))


@cache
def _query(sql: str, published_only: bool, *expanding: str) -> Any:
    names = entity_props()
    assert all(n.isidentifier() for n in names)  # written into the SQL, so plain names only
    props = ", ".join(f"'{n}'" for n in names)
    found = text(sql.format(props=props, published=PUBLISHED if published_only else ""))
    return found.bindparams(*(bindparam(name, expanding=True) for name in expanding))


def more_path(entity_id: str, schema: str, *, api: bool, cursor: str | None = None) -> str:
    """The app path listing every record of `schema` that points at the entity."""
    base = f"{'/api' if api else ''}/entities/{quote(entity_id, safe='')}/backlinks"
    params = {"schema": schema, **({"cursor": cursor} if cursor else {})}
    return f"{base}?{urlencode(params)}"


def backlink_counts(store: Store, entity_id: str, *, published_only: bool = True) -> dict[str, int]:
    """How many records of each schema point at the entity."""
    with store.read() as conn:
        rows = conn.execute(_query(COUNTS, published_only), {"id": entity_id})
        return {row.schema: int(row.n) for row in rows}


def backlinks(
    store: Store,
    entity_id: str,
    *,
    schema: str,
    after: str = "",
    limit: int = CAP,
    published_only: bool = True,
) -> tuple[list[dict[str, Any]], str | None]:
    """The records of `schema` that point at the entity, by ID after `after`, and the ID
    to continue after (None on the last page).

    Each row is a reference (`id`, `schema`, `label`, `caption`, `names`) with `via` and
    `via_labels` (the properties that point here), `date` (its earliest date) and
    `others` (up to 3 other records it names, such as a charge's case).
    """
    limit = max(1, min(limit, MAX_PAGE))
    params = {"id": entity_id, "schema": schema, "after": after}
    with store.read() as conn:
        query = _query(IDS, published_only)
        ids = [r.entity_id for r in conn.execute(query, {**params, "n": limit + 1})]
        more = len(ids) > limit
        ids = ids[:limit]
        via: dict[str, list[str]] = {}
        if ids:
            query = _query(VIA, published_only, "ids")
            for row in conn.execute(query, {"id": entity_id, "ids": ids}):
                via.setdefault(row.entity_id, []).append(row.prop)
    rows = _rows(store, entity_id, ids, via, published_only=published_only)
    return rows, (ids[-1] if more and ids else None)


def backlink_groups(
    store: Store, entity_id: str, *, cap: int = CAP, published_only: bool = True
) -> list[dict[str, Any]]:
    """Every schema's records that point at the entity: `schema`, `label`, `plural`,
    `total`, the first `cap` `rows`, and `more` / `more_page` (the JSON and HTML paths
    of the full list) when there are more."""
    model = get_model()
    totals: dict[str, int] = {}
    ids: dict[str, list[str]] = {}  # schema -> its first `cap` records
    via: dict[str, list[str]] = {}
    with store.read() as conn:
        query = _query(GROUPS, published_only)
        for row in conn.execute(query, {"id": entity_id, "cap": max(1, cap)}):
            totals[row.schema] = int(row.total)
            group = ids.setdefault(row.schema, [])
            if not group or group[-1] != row.entity_id:
                group.append(row.entity_id)
            via.setdefault(row.entity_id, []).append(row.prop)
    every = [eid for group in ids.values() for eid in group]
    rows = {r["id"]: r for r in _rows(store, entity_id, every, via, published_only=published_only)}
    groups = []
    for schema in sorted(totals):
        spec = model.get(schema)
        found = [rows[eid] for eid in ids[schema] if eid in rows]
        more = totals[schema] > len(found)
        groups.append(
            {
                "schema": schema,
                "label": spec.label if spec is not None else schema,
                "plural": spec.plural if spec is not None else schema,
                "total": totals[schema],
                "rows": found,
                "more": more_path(entity_id, schema, api=True) if more else None,
                "more_page": more_path(entity_id, schema, api=False) if more else None,
            }
        )
    return groups


def _rows(
    store: Store,
    entity_id: str,
    ids: list[str],
    via: dict[str, list[str]],
    *,
    published_only: bool,
) -> list[dict[str, Any]]:
    model = get_model()
    public = public_entities if published_only else _every  # issue #18 §2: one rule
    found = {e.id: e for e in public(store.iter_entities(ids=ids, published_only=published_only))}
    others = {e.id: _others(e, entity_id) for e in found.values()}
    # Only a row's first few others are shown, and sources are cited, not named: load
    # just those (an event may name hundreds of people), with a little slack for others
    # that have no published fact.
    schemata = store.schemata_of({o for named in others.values() for o in named})
    for eid, named in others.items():
        kept = (o for o in named if not getattr(model.get(schemata.get(o, "")), "is_source", True))
        others[eid] = list(islice(kept, MAX_OTHERS + 2))
    wanted = {o for named in others.values() for o in named}
    loaded = {
        e.id: e for e in public(store.iter_entities(ids=wanted, published_only=published_only))
    }
    rows = []
    for eid in ids:
        entity = found.get(eid)
        if entity is None:
            continue
        props = visible_props(entity.schema)
        names = sorted(set(via.get(eid, [])))
        linked = [loaded[o] for o in others[eid] if o in loaded][:MAX_OTHERS]
        rows.append(
            {
                **ref_view(entity, eid),
                "via": names,
                "via_labels": [props[n].label if n in props else n for n in names],
                "date": _earliest_date(entity),
                "others": [ref_view(o, o.id) for o in linked],
                "quashed": _quashed(store, entity, published_only=published_only),
            }
        )
    return rows


def _quashed(store: Store, entity: Entity, *, published_only: bool) -> dict[str, Any] | None:
    """A charge whose conviction was quashed on appeal: the ruling's date and citation,
    so a person's page says so beside the charge (issue #11); else None."""
    ruling = quashing(entity) if entity.schema == "Charge" else None
    if ruling is None:
        return None
    source = store.entity(ruling.fact.source_id, published_only=published_only)
    return {"date": ruling.date, "source": citation(ruling.fact.source_id, source)}


def _every(entities: Iterable[Entity]) -> Iterable[Entity]:
    return entities


def _others(entity: Entity, entity_id: str) -> list[str]:
    """The other records an entity names (not the one whose page this is)."""
    props = visible_props(entity.schema)
    seen: dict[str, None] = {}
    for fact in entity.facts:
        prop = props.get(fact.prop)
        if prop is not None and prop.is_entity and fact.value != entity_id:
            seen.setdefault(fact.value)
    return list(seen)


def _earliest_date(entity: Entity) -> str | None:
    props = visible_props(entity.schema)
    dates = [f.value for f in entity.facts if f.prop in props and props[f.prop].type == "date"]
    return min(dates) if dates else None
