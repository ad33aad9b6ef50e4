"""Full-text search over names, aliases and text, in English and Chinese.

Values and queries are both folded (`lionrock.fold.fold`: traditional to simplified,
full-width to ASCII, lower case), so a query in simplified characters (黄之锋) finds the
record's traditional ones (黃之鋒) and the other way round (issue #13). SQLite uses the
FTS5 trigram index over the folded values, so any substring of three or more characters
hits (李家超 in "李家超先生"), and a second FTS5 index of words and CJK characters and
pairs (store/_grams.py) for terms of one or two characters (家超 finds 李家超). PostgreSQL
uses pg_trgm over the folded values, with substring semantics for every term.

The queries run on a DB-API connection (sqlite3 or psycopg), so that `lionrock search`
need not import SQLAlchemy (store/_dbapi.py, issue #13 item 5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lionrock.fold import fold
from lionrock.store._dbapi import POSTGRESQL, SQLITE, fetch, param
from lionrock.store._grams import cjk, short_term_query

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
    """Split a query into at most MAX_TERMS folded terms, bounded in size.

    Example: `query_terms('  Apple  "Daily" 黃之鋒')` returns `['apple', 'daily', '黄之锋']`.
    """
    cleaned = fold(query[:MAX_QUERY_CHARS].replace('"', " "))
    return [t for t in cleaned.split() if t][:MAX_TERMS]


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_rows(
    conn: Any, backend: str, query: str, *, limit: int, published_only: bool
) -> list[tuple[str, str, str, str, float]]:
    """Rows of (entity_id, schema, prop, value, rank), best first, several per entity,
    from a DB-API connection to a `backend` ("sqlite" or "postgresql") store."""
    terms = query_terms(query)
    if not terms:
        return []
    # Candidates to re-rank; with published_only, drafts among them are dropped after.
    window = max(limit, 1) * (32 if published_only else 8)
    params: dict[str, object] = {"n": window, "window": window}
    review = " AND s.review = 'published'" if published_only else ""
    if backend == SQLITE:
        sql = _sqlite_sql(terms, params, review)
    else:
        sql = _postgresql_sql(terms, params, review)
    rows = fetch(conn, sql, params)
    # One ranking for both backends: an exact match first, then the share of the value the
    # query covers (家超 in 李家超 beats 家超 in a long summary), then the backend's own rank.
    # The value's folded form is the stored one (`folded`, what the query matched), not
    # folded again here: a common word matches thousands of values (issue #18 §5).
    exact = " ".join(terms)
    covered = sum(len(t) for t in terms)
    ranked = [(r[0], r[1], r[2], r[3], _score(r[5], exact, covered), float(r[4])) for r in rows]
    ranked.sort(key=lambda r: (r[4], r[5]))
    return [r[:5] for r in ranked]


def _postgresql_sql(terms: list[str], params: dict[str, object], review: str) -> str:
    """pg_trgm: every term a substring of the folded value, ranked by similarity."""
    likes = []
    for i, term in enumerate(terms):
        key = param(POSTGRESQL, f"l{i}")
        if len(term) < 3 and not cjk().fullmatch(term):
            # as on SQLite: a short Latin term is a word prefix ("ng" is not in "Wong")
            params[f"l{i}"] = r"\m" + re.escape(term)
            likes.append(f"s.folded ~ {key}")
        else:
            params[f"l{i}"] = _like(term)
            likes.append(f"s.folded LIKE {key} ESCAPE '\\'")
    params["q"] = " ".join(terms)
    q, n = param(POSTGRESQL, "q"), param(POSTGRESQL, "n")
    return (
        "SELECT s.entity_id, s.schema, s.prop, s.value, "
        f"1 - similarity(s.folded, {q}) AS rank, s.folded "
        f"FROM statements s WHERE s.folded IS NOT NULL AND {' AND '.join(likes)}{review} "
        f"ORDER BY rank LIMIT {n}"
    )


def _sqlite_sql(terms: list[str], params: dict[str, object], review: str) -> str:
    """Rank and limit inside FTS5 first, then join only the candidates.

    Terms of three or more characters go to the trigram index as phrases (substrings);
    shorter ones to the grams index (whole CJK tokens, Latin word prefixes).
    """
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    grams_query = " ".join(short_term_query(t) for t in short_terms)
    if long_terms:
        params["q"] = " ".join(f'"{t}"' for t in long_terms)
        inner = (
            "SELECT rowid, bm25(statements_fts) AS rank FROM statements_fts "
            "WHERE statements_fts MATCH :q ORDER BY rank LIMIT :window"
        )
    else:
        params["q"] = grams_query
        inner = (
            "SELECT rowid, bm25(statements_grams) AS rank FROM statements_grams "
            "WHERE statements_grams MATCH :q ORDER BY rank LIMIT :window"
        )
    extra = ""
    if long_terms and short_terms:
        params["g"] = grams_query
        extra = " AND s.seq IN (SELECT rowid FROM statements_grams WHERE statements_grams MATCH :g)"
    if extra:  # the short terms filter after FTS has ranked: look further
        params["window"] = int(str(params["window"])) * 4
    return (
        "SELECT s.entity_id, s.schema, s.prop, s.value, hits.rank, s.folded "
        f"FROM ({inner}) AS hits JOIN statements s ON s.seq = hits.rowid "
        f"WHERE s.folded IS NOT NULL{extra}{review} ORDER BY hits.rank LIMIT :n"
    )


def _score(folded: str, exact: str, covered: int) -> float:
    """Lower is better: -2 for an exact match, else minus the share of the (folded) value
    matched."""
    if folded == exact:
        return -2.0
    return -covered / max(len(folded), 1)
