"""The request and response of `POST /api/match`, shaped like yente's `/match`, so that
clients of yente (OpenSanctions' API) can switch.

Request: `{"queries": {"q1": {"schema": "Person", "properties": {"name": ["李家超"],
"birthDate": ["1957-12-07"]}}}}`, with `threshold` and `limit` as query parameters.
Response: `{"responses": {"q1": {"status": 200, "results": [...], "total": {"value": 1,
"relation": "eq"}, "query": {...}}}, "matcher": {...}, "limit": 5}`; each result is an
entity (`id`, `caption`, `schema`, `properties`, `datasets`, ...) with `score`, `match`
and `features`, plus Lion Rock's `explanation`.

Example:
    >>> body = match_response(index, {"queries": {"q": {"schema": "Person",
    ...     "properties": {"name": ["Lee Ka-chiu"]}}}})
    >>> body["responses"]["q"]["results"][0]["id"]
    'ofac-29250'
"""

from __future__ import annotations

from typing import Any

from lionrock.errors import LionRockError
from lionrock.sanctions.matching import THRESHOLD, Subject
from lionrock.sanctions.screen import Hit, ScreeningIndex

MAX_QUERIES = 100
MAX_VALUES = 20  # names or birth dates per query
MAX_VALUE_CHARS = 300
MAX_LIMIT = 50
MATCHER = {
    "name": "lionrock-chinese-names",
    "description": "Names across Chinese characters (traditional and simplified), Cantonese "
    "(Hong Kong style and Jyutping) and pinyin; other names through nomenklatura logic-v2.",
    "features": {
        "name_match": {
            "description": "Best agreement of any two names",
            "coefficient": 1.0,
            "url": "",
        },
        "dob_agreement": {
            "description": "Agreeing birth dates raise the score, conflicting ones lower it",
            "coefficient": 0.2,
            "url": "",
        },
    },
}


class BadMatchRequest(LionRockError):
    """A `/match` request that cannot be read; the message says why."""


def _values(props: Any, key: str, where: str) -> tuple[str, ...]:
    raw = props.get(key, [])
    raw = [raw] if isinstance(raw, str) else raw
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise BadMatchRequest(f"{where}.properties.{key} must be a list of strings")
    if len(raw) > MAX_VALUES:
        raise BadMatchRequest(f"{where}.properties.{key}: at most {MAX_VALUES} values")
    return tuple(v.strip()[:MAX_VALUE_CHARS] for v in raw if v.strip())


def parse_queries(payload: Any) -> dict[str, tuple[Subject, dict[str, Any]]]:
    """The subjects of a `/match` request, by query key; BadMatchRequest if malformed."""
    queries = payload.get("queries") if isinstance(payload, dict) else None
    if not isinstance(queries, dict) or not queries:
        raise BadMatchRequest("the body needs 'queries': an object of named queries")
    if len(queries) > MAX_QUERIES:
        raise BadMatchRequest(f"at most {MAX_QUERIES} queries per request")
    out = {}
    for key, query in queries.items():
        where = f"queries.{str(key)[:40]}"
        if not isinstance(query, dict) or not isinstance(query.get("properties"), dict):
            raise BadMatchRequest(f"{where} needs 'schema' and 'properties'")
        names = _values(query["properties"], "name", where)
        if not names:
            raise BadMatchRequest(f"{where}.properties.name is empty")
        dates = _values(query["properties"], "birthDate", where)
        echo = {
            "id": query.get("id"),
            "schema": str(query.get("schema", "Person"))[:40],
            "properties": {"name": list(names), "birthDate": list(dates)},
        }
        out[str(key)] = (Subject(names, dates), echo)
    return out


def _result(hit: Hit, threshold: float) -> dict[str, Any]:
    listing = hit.listing
    return {
        "id": listing.entity_id,
        "caption": hit.caption,
        "schema": listing.schema,
        "properties": {
            "name": list(listing.names),
            "birthDate": list(listing.birth_dates),
            "program": list(hit.programs),
        },
        "datasets": list(hit.lists),
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "score": round(hit.score, 4),
        "match": hit.score >= threshold,
        "features": {"name_match": round(hit.score, 4)},
        "explanation": hit.explanation,
    }


def match_response(
    index: ScreeningIndex, payload: Any, *, threshold: float = THRESHOLD, limit: int = 5
) -> dict[str, Any]:
    """Answer a yente-shaped `/match` request from a screening index."""
    limit = max(1, min(limit, MAX_LIMIT))
    responses = {}
    for key, (subject, echo) in parse_queries(payload).items():
        hits = index.screen(subject, threshold=threshold)
        results = [_result(h, threshold) for h in hits[:limit]]
        responses[key] = {
            "status": 200,
            "results": results,
            "total": {"value": len(hits), "relation": "eq"},
            "query": echo,
        }
    return {"responses": responses, "matcher": MATCHER, "limit": limit}
