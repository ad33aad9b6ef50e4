"""Full-text search over names, aliases and text, in English and Chinese.

SQLite uses the FTS5 trigram index, so a substring of a Chinese name hits (家超 finds
李家超); query terms of one or two characters, which a trigram index cannot look up,
become substring filters. PostgreSQL uses pg_trgm over `lower(value)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

MAX_QUERY_CHARS = 200
MAX_TERMS = 8


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One entity found: its best-matching value and its rank (lower is better: -2 for an
    exact match, else minus the share of the matched value that the query covers)."""

    entity_id: str
    schema: str
    caption: str
    prop: str
    matched: str
    rank: float

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.entity_id,
            "schema": self.schema,
            "caption": self.caption,
            "prop": self.prop,
            "matched": self.matched,
            "rank": round(self.rank, 4),
        }


def query_terms(query: str) -> list[str]:
    """Split a query into at most MAX_TERMS terms, bounded in size.

    Example: `query_terms('  Apple  "Daily" ')` returns `['apple', 'daily']`.
    """
    cleaned = query[:MAX_QUERY_CHARS].replace('"', " ").lower()
    return [t for t in cleaned.split() if t][:MAX_TERMS]


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_rows(
    conn: Connection, query: str, *, limit: int, published_only: bool
) -> list[tuple[str, str, str, str, float]]:
    """Rows of (entity_id, schema, prop, value, rank), best first, several per entity."""
    terms = query_terms(query)
    if not terms:
        return []
    params: dict[str, object] = {"n": max(limit, 1) * 8}
    likes = []
    for i, term in enumerate(terms):
        params[f"l{i}"] = _like(term)
        likes.append(f"lower(s.value) LIKE :l{i} ESCAPE '\\'")
    review = " AND s.review = 'published'" if published_only else ""
    if conn.dialect.name == "sqlite":
        long_terms = [t for t in terms if len(t) >= 3]
        if long_terms:
            params["q"] = " ".join('"' + t + '"' for t in long_terms)
            sql = (
                "SELECT s.entity_id, s.schema, s.prop, s.value, bm25(statements_fts) AS rank "
                "FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid "
                f"WHERE statements_fts MATCH :q AND {' AND '.join(likes)}{review} "
                "ORDER BY rank LIMIT :n"
            )
        else:
            sql = (
                "SELECT s.entity_id, s.schema, s.prop, s.value, length(s.value) AS rank "
                f"FROM statements s WHERE s.searchable AND {' AND '.join(likes)}{review} "
                "ORDER BY rank LIMIT :n"
            )
    else:
        params["q"] = " ".join(terms)
        sql = (
            "SELECT s.entity_id, s.schema, s.prop, s.value, "
            "1 - similarity(lower(s.value), :q) AS rank "
            f"FROM statements s WHERE s.searchable AND {' AND '.join(likes)}{review} "
            "ORDER BY rank LIMIT :n"
        )
    rows = conn.execute(text(sql), params).all()
    # One ranking for both backends: an exact match first, then the share of the value the
    # query covers (家超 in 李家超 beats 家超 in a long summary), then the backend's own rank.
    exact = " ".join(terms)
    covered = sum(len(t) for t in terms)
    ranked = [(r[0], r[1], r[2], r[3], _score(r[3], exact, covered), float(r[4])) for r in rows]
    ranked.sort(key=lambda r: (r[4], r[5]))
    return [r[:5] for r in ranked]


def _score(value: str, exact: str, covered: int) -> float:
    """Lower is better: -2 for an exact match, else minus the share of the value matched."""
    folded = value.casefold()
    if folded == exact:
        return -2.0
    return -covered / max(len(folded), 1)
