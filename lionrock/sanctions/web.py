"""The handler behind `POST /api/match` (yente's `/match` shape, see `match_api`)."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lionrock.sanctions.match_api import BadMatchRequest, match_response
from lionrock.sanctions.matching import THRESHOLD
from lionrock.sanctions.screen import ScreeningIndex
from lionrock.store import Store

MAX_BODY = 1_000_000  # bytes
# One index per store, rebuilt when the number of facts changes (a load or an edit).
_INDEXES: dict[int, tuple[int, ScreeningIndex]] = {}


def _number(text: str | None, default: float) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default


def _index(store: Store) -> ScreeningIndex:
    facts = store.count_facts()
    cached = _INDEXES.get(id(store))
    if cached is None or cached[0] != facts:
        # Only published facts are served: drafts never leave through the API.
        cached = (facts, ScreeningIndex.from_store(store, published_only=True))
        _INDEXES[id(store)] = cached
    return cached[1]


async def match_endpoint(request: Request, store: Store) -> Response:
    """Screen the request's queries against the lists in the store.

    Example: `client.post("/api/match", json={"queries": {"q": {"schema": "Person",
    "properties": {"name": ["李家超"]}}}})`.
    """
    body = await request.body()
    if len(body) > MAX_BODY:
        return JSONResponse({"detail": "request body too large"}, status_code=413)
    try:
        payload = json.loads(body or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return JSONResponse({"detail": "the body is not JSON"}, status_code=400)
    params = request.query_params
    threshold = min(1.0, max(0.0, _number(params.get("threshold"), THRESHOLD)))
    limit = int(_number(params.get("limit"), 5))
    index = _index(store)
    try:
        data = match_response(index, payload, threshold=threshold, limit=limit)
    except BadMatchRequest as exc:
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return JSONResponse(data)
