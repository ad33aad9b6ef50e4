"""The JSON API beyond the pages' twins: entity listing with cursors, statements,
exports, changes (writes need a bearer token scoped to a role), the OpenAPI spec, and the
reserved `POST /api/match`."""

from __future__ import annotations

import io
from typing import Any

from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from lionrock.errors import LionRockError
from lionrock.export import export_store
from lionrock.model import STATUSES, public_entities
from lionrock.review import (
    FactInput,
    SourceInput,
    approve,
    comment,
    get_change,
    list_changes,
    merge,
    propose,
    reject,
    submit,
)
from lionrock.sanctions.web import match_endpoint
from lionrock.store._tables import entities, statements
from lionrock.web._context import BadRequest, Web, json_error
from lionrock.web._openapi import openapi_spec
from lionrock.web._views import decode_cursor, encode_cursor, public_lookup, public_statements
from lionrock.web.routes_public import int_param


def _str(data: dict[str, Any], key: str, default: str = "", limit: int = 20_000) -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise BadRequest(f"{key!r} must be a string")
    return str(value)[:limit]


def change_from_json(data: dict[str, Any]) -> dict[str, Any]:
    """The arguments of `propose` from an API body."""
    facts = data.get("facts", [])
    if not isinstance(facts, list) or len(facts) > 200:
        raise BadRequest("'facts' must be a list of at most 200 facts")
    adds = []
    for fact in facts:
        if not isinstance(fact, dict):
            raise BadRequest("each fact must be an object")
        status = _str(fact, "status", "confirmed")
        if status not in STATUSES:
            raise BadRequest(f"status must be one of {', '.join(STATUSES)}")
        adds.append(
            FactInput(
                _str(fact, "prop", limit=64),
                _str(fact, "value"),
                _str(fact, "source", limit=255),
                status,
                _str(fact, "lang", limit=8) or None,
            )
        )
    source = data.get("source")
    if source is not None and not isinstance(source, dict):
        raise BadRequest("'source' must be an object")
    removes = data.get("removes", [])
    if not isinstance(removes, list) or not all(isinstance(r, str) for r in removes):
        raise BadRequest("'removes' must be a list of fact IDs")
    return {
        "schema": _str(data, "schema", "Person", 64),
        "entity_id": _str(data, "entity_id", limit=255) or None,
        "adds": adds,
        "removes": tuple(removes[:200]),
        "summary": _str(data, "summary", limit=5000),
        "source": SourceInput(
            _str(source, "title"),
            _str(source, "publisher"),
            _str(source, "date", limit=32),
            _str(source, "url", limit=2000),
        )
        if source
        else None,
    }


def routes(web: Web) -> list[Route]:
    """The API routes."""
    store = web.store

    async def entity_list(request: Request) -> Response:
        limit = int_param(request, "limit", 50, 500)
        after = decode_cursor(request.query_params.get("cursor", ""))
        query = (
            select(statements.c.entity_id)
            .where(
                statements.c.review == "published",
                statements.c.entity_id > (after if isinstance(after, str) else ""),
            )
            .distinct()
            .order_by(statements.c.entity_id)
            .limit(limit + 1)
        )
        schema = request.query_params.get("schema", "")[:64]
        if schema:
            query = query.join(entities, entities.c.id == statements.c.entity_id).where(
                entities.c.schema == schema
            )
        with store.read() as conn:
            ids = [r.entity_id for r in conn.execute(query)]
        page = ids[:limit]
        found = public_entities(store.iter_entities(ids=page, published_only=True))
        results = [{"id": e.id, "schema": e.schema, "caption": e.caption} for e in found]
        cursor = encode_cursor(page[-1]) if len(ids) > limit else None
        return JSONResponse({"results": results, "next_cursor": cursor})

    async def entity_statements(request: Request) -> Response:
        found = public_lookup(store, request.path_params["entity_id"])
        if found is None:
            return json_error("not found", 404)
        facts = public_statements(found)
        return JSONResponse(
            {"id": found.id, "statements": [{"id": f.id, **f.to_dict()} for f in facts]}
        )

    async def export(request: Request) -> Response:
        fmt = "csv" if request.url.path.endswith(".csv") else "ftm"
        out = io.StringIO()
        export_store(
            store,
            out,
            format="csv" if fmt == "csv" else "ftm",
            base_url=web.settings.base_url,
            published_only=True,
        )
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
        name = "lionrock.csv" if fmt == "csv" else "lionrock.ftm.json"
        return StreamingResponse(
            iter([out.getvalue()]),
            media_type=media,
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )

    async def spec(_: Request) -> Response:
        return JSONResponse(openapi_spec())

    async def match(request: Request) -> Response:
        # yente-shaped screening against the published lists (issue #3 §5)
        return await match_endpoint(request, store)

    async def changes_list(request: Request) -> Response:
        web.api_user(request, "reader")
        state = request.query_params.get("state") or None
        found = list_changes(
            store, state=state[:16] if state else None, limit=int_param(request, "limit", 100, 500)
        )
        return JSONResponse({"changes": [c.to_dict() for c in found]})

    async def change_get(request: Request) -> Response:
        web.api_user(request, "reader")
        return JSONResponse(get_change(store, request.path_params["change_id"]).to_dict())

    async def change_create(request: Request) -> Response:
        user = web.api_user(request, "contributor")
        args = change_from_json(await web.json_body(request))
        change = propose(store, author=user.username, **args)
        return JSONResponse(change.to_dict(), status_code=201)

    async def change_action(request: Request) -> Response:
        action = request.path_params["action"]
        change_id = request.path_params["change_id"]
        if action == "submit":
            user = web.api_user(request, "contributor")
            change = submit(
                store, change_id=change_id, actor=user.username, is_reviewer=user.can("reviewer")
            )
        elif action in ("approve", "reject"):
            user = web.api_user(request, "reviewer")
            decide = approve if action == "approve" else reject
            change = decide(store, change_id=change_id, reviewer=user.username)
        elif action == "comments":
            user = web.api_user(request, "contributor")
            body = _str(await web.json_body(request), "body", limit=10_000)
            change = comment(store, change_id=change_id, author=user.username, body=body)
        else:
            return json_error("not found", 404)
        return JSONResponse(change.to_dict())

    async def merge_entities(request: Request) -> Response:
        user = web.api_user(request, "reviewer")
        data = await web.json_body(request)
        keep, other = _str(data, "keep", limit=255), _str(data, "merge", limit=255)
        merge(store, keep_id=keep, merge_id=other, actor=user.username)
        return JSONResponse({"kept": keep, "merged": other})

    return [
        Route("/api/openapi.json", spec),
        Route("/api/entities", entity_list),
        Route("/api/entities/{entity_id}/statements", entity_statements),
        Route("/api/export.csv", export),
        Route("/api/export.ftm", export),
        Route("/api/match", match, methods=["POST"]),
        Route("/api/changes", changes_list, methods=["GET"]),
        Route("/api/changes", change_create, methods=["POST"]),
        Route("/api/changes/{change_id:int}", change_get),
        Route("/api/changes/{change_id:int}/{action:str}", change_action, methods=["POST"]),
        Route("/api/merge", merge_entities, methods=["POST"]),
    ]


__all__ = ["LionRockError", "routes"]
