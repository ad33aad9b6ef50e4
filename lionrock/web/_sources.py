"""Finding a source to cite among thousands (the research library loads every archived
article as a source): by words of its title, its publisher or its URL, or by its ID.

Each word must appear, as a case-insensitive substring, in one of the source's title,
name, publisher or URL values; titles that contain the whole query come first, then the
newest. The query reads those few properties through the (prop, value) index, so it does
not grow with the text of the articles.

Example:
    search_sources(store, q="apple daily 2021", limit=20)[0]["id"]
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import bindparam, select, text

from lionrock.model import Fact, get_model
from lionrock.store import Entity, Store, citation, query_terms
from lionrock.store._tables import statements
from lionrock.web._views import safe_url

SEARCHED = ("title", "name", "publisher", "sourceUrl")
#: What a citation shows (lionrock.store.citation): all that is read of each source found.
CITED = ("title", "publisher", "publishedAt", "date", "retrievedAt", "sourceUrl")
WINDOW = 200  # matching sources ranked (a query matching more is too vague to rank all)
MAX_LIMIT = 100


@cache
def source_schemata() -> tuple[str, ...]:
    """The schemata whose entities are sources (Article, Document, ...)."""
    return tuple(sorted(n for n, spec in get_model().schemata.items() if spec.is_source))


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matching_ids(store: Store, terms: list[str], *, published_only: bool) -> list[str]:
    """One pass over the searched properties of sources: an entity qualifies when every
    term is in one of its values (SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE
    any case)."""
    like = "LIKE" if store.engine.dialect.name == "sqlite" else "ILIKE"
    review = "AND s.review = 'published' " if published_only else ""
    params: dict[str, Any] = {"props": SEARCHED, "schemata": source_schemata(), "n": WINDOW}
    hit = []
    for i, term in enumerate(terms):
        params[f"t{i}"] = _like(term)
        hit.append(f"s.value {like} :t{i} ESCAPE '\\'")
    every = " AND ".join(f"max(CASE WHEN {h} THEN 1 ELSE 0 END) = 1" for h in hit)
    sql = text(
        "SELECT s.entity_id FROM statements s "
        f"WHERE s.prop IN :props AND s.schema IN :schemata {review}AND ({' OR '.join(hit)}) "
        f"GROUP BY s.entity_id HAVING {every} LIMIT :n"
    ).bindparams(bindparam("props", expanding=True), bindparam("schemata", expanding=True))
    with store.read() as conn:
        return [row.entity_id for row in conn.execute(sql, params)]


def _citations(store: Store, ids: list[str], *, published_only: bool) -> list[Entity]:
    """The sources with only the facts a citation shows (not their article bodies)."""
    query = (
        select(statements)
        .where(statements.c.entity_id.in_(ids), statements.c.prop.in_(CITED))
        .order_by(statements.c.entity_id, statements.c.id)
    )
    if published_only:
        query = query.where(statements.c.review == "published")
    found: dict[str, list[Fact]] = {}
    with store.read() as conn:
        for row in conn.execute(query):
            fact = Fact(row.entity_id, row.schema, row.prop, row.value, row.source_id,
                        status=row.status, review=row.review, lang=row.lang)  # fmt: skip
            found.setdefault(row.entity_id, []).append(fact)
    return [Entity(eid, facts[0].schema, tuple(facts)) for eid, facts in found.items()]


def search_sources(
    store: Store, *, q: str, limit: int = 20, published_only: bool = True
) -> list[dict[str, Any]]:
    """Sources matching `q` (words of a title, publisher or URL, or an exact ID), best
    first: each with its citation (`id`, `title`, `publisher`, `date`, `accessed`, `url`),
    `safe_url` (http(s) only, else None) and `schema`."""
    terms = query_terms(q)
    if not terms:
        return []
    limit = max(1, min(limit, MAX_LIMIT))
    ids = _matching_ids(store, terms, published_only=published_only)
    exact = q.strip()
    if exact not in ids:
        ids.insert(0, exact)  # a pasted ID (IDs are case-sensitive)
    whole = " ".join(terms)
    rows = []
    for source in _citations(store, ids, published_only=published_only):
        if source.schema not in source_schemata():
            continue
        info = citation(source.id, source)
        title = (info["title"] or "").casefold()
        rank = 0 if source.id == exact else (1 if whole in title else 2)
        found = {**info, "safe_url": safe_url(info["url"]), "schema": source.schema}
        rows.append((rank, _descending(info["date"] or ""), source.id, found))
    rows.sort(key=lambda r: r[:3])
    return [r[3] for r in rows[:limit]]


def citing_counts(store: Store, ids: list[str]) -> dict[str, int]:
    """How many published facts cite each of these sources."""
    if not ids:
        return {}
    query = text(
        "SELECT source_id, count(*) AS n FROM statements "
        "WHERE source_id IN :ids AND review = 'published' GROUP BY source_id"
    ).bindparams(bindparam("ids", expanding=True))
    with store.read() as conn:
        return {row.source_id: int(row.n) for row in conn.execute(query, {"ids": ids})}


def _descending(value: str) -> tuple[bool, tuple[int, ...]]:
    """A sort key that puts later dates first, and undated sources last."""
    return not value, tuple(-ord(c) for c in value)
