"""The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json."""

from __future__ import annotations

from typing import Any

from lionrock import __version__
from lionrock.model import get_model
from lionrock.render.prisoners import VIEWS as PRISONER_VIEWS

OBJ: dict[str, Any] = {"type": "object"}


def _enum(name: str) -> tuple[str, ...]:
    return get_model().enums[name]


def _param(name: str, where: str = "query", kind: str = "string", **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "schema": {"type": kind, **extra},
    }


def _ok(
    description: str, media: str = "application/json", schema: dict[str, Any] | None = None
) -> dict[str, Any]:
    found = schema or (OBJ if "json" in media else {"type": "string"})
    return {"description": description, "content": {media: {"schema": found}}}


def _get(
    summary: str,
    params: list[dict[str, Any]],
    *,
    codes: tuple[int, ...] = (),
    media: str = "application/json",
    secured: bool = False,
    schema: dict[str, Any] | None = None,
) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _ok(summary, media, schema)}
    # every route refuses a NUL in its path or query with 400 (app.RejectNul)
    for code in sorted({400, *codes}):
        responses[str(code)] = {
            "description": {
                301: "moved (merged)",
                400: "bad input",
                401: "no valid token",
                403: "role too low",
                404: "not found",
            }[code]
        }
    op: dict[str, Any] = {"summary": summary, "parameters": params, "responses": responses}
    if secured:
        op["security"] = [{"token": []}]
    return {"get": op}


def _post(
    summary: str,
    body: dict[str, Any] | None,
    *,
    params: list[dict[str, Any]] = (),  # type: ignore[assignment]
    ok: int = 200,
    codes: tuple[int, ...] = (400, 401, 403, 404),
) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(ok): {"description": summary, "content": {"application/json": {"schema": OBJ}}}
    }
    for code in codes:
        responses[str(code)] = {"description": "refused"}
    op: dict[str, Any] = {
        "summary": summary,
        "parameters": list(params),
        "responses": responses,
        "security": [{"token": []}],
    }
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return {"post": op}


FACT = {
    "type": "object",
    "required": ["prop", "value", "source"],
    "properties": {
        "prop": {"type": "string"},
        "value": {"type": "string"},
        "source": {"type": "string", "description": "a source's ID, or 'new'"},
        "status": {"type": "string", "enum": ["confirmed", "alleged"]},
        "lang": {"type": "string"},
    },
}
CHANGE = {
    "type": "object",
    "properties": {
        "entity_id": {"type": "string", "description": "omit to create an entity"},
        "schema": {"type": "string"},
        "facts": {"type": "array", "items": FACT},
        "removes": {"type": "array", "items": {"type": "string"}},
        "summary": {"type": "string"},
        "source": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "publisher": {"type": "string"},
                "date": {"type": "string"},
                "url": {"type": "string"},
            },
        },
    },
}
STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
NULL_STR, NULL_INT = {"type": ["string", "null"]}, {"type": ["integer", "null"]}
#: One evidence file behind a citation (issue #4): its sha256 is its ID.
EVIDENCE = {
    "type": "object",
    "required": ["sha256", "url", "captured", "signed", "timestamped", "replay", "download"],
    "properties": {
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "url": STR,
        "captured": {**STR, "description": "capture time (UTC)"},
        "stored": STR,
        "status": NULL_INT,
        "payload_sha256": NULL_STR,
        "signed": BOOL,
        "timestamped": {**BOOL, "description": "carries an RFC 3161 timestamp"},
        "origin": {"type": "string", "enum": ["capture", "import"]},
        "bytes": INT,
        "replay": {**STR, "description": "app path replaying the archived page"},
        "download": {**STR, "description": "app path of the WACZ file"},
    },
}
CITATION = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": STR,
        "title": NULL_STR,
        "publisher": NULL_STR,
        "date": NULL_STR,
        "url": NULL_STR,
        "evidence": {"type": "array", "items": EVIDENCE},
    },
}
REF = {"type": "object", "required": ["id", "caption"], "properties": {"id": STR, "caption": STR}}
#: A record that points at the entity (a charge, an event, a membership...).
BACKLINK = {
    "type": "object",
    "required": ["id", "schema", "caption", "via", "others"],
    "properties": {
        "id": STR,
        "schema": STR,
        "caption": STR,
        "via": {"type": "array", "items": STR, "description": "the properties pointing here"},
        "via_labels": {"type": "array", "items": STR},
        "date": NULL_STR,
        "others": {"type": "array", "items": REF},
        "quashed": {
            "type": ["object", "null"],
            "description": "a charge's conviction quashed on appeal: the ruling's date and source",
            "properties": {"date": NULL_STR, "source": {"type": "object"}},
        },
    },
}
BACKLINK_GROUP = {
    "type": "object",
    "required": ["schema", "total", "rows", "more"],
    "properties": {
        "schema": STR,
        "label": STR,
        "plural": STR,
        "total": INT,
        "rows": {"type": "array", "items": BACKLINK},
        "more": {**NULL_STR, "description": "the full list, when rows holds only the first"},
    },
}
BACKLINKS = {
    "type": "object",
    "required": ["id", "schema", "total", "rows", "next_cursor"],
    "properties": {
        "id": STR,
        "schema": STR,
        "total": INT,
        "rows": {"type": "array", "items": BACKLINK},
        "next_cursor": NULL_STR,
    },
}
ENTITY = {
    "type": "object",
    "required": ["id", "schema", "caption", "facts", "backlinks"],
    "properties": {
        "id": STR,
        "schema": STR,
        "caption": STR,
        "backlinks": {"type": "array", "items": BACKLINK_GROUP},
        "facts": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["prop", "value", "status", "source"],
                "properties": {
                    "prop": STR,
                    "value": STR,
                    "status": {"type": "string", "enum": ["confirmed", "alleged"]},
                    "source": CITATION,
                },
            },
        },
    },
}
MATCH = {
    "type": "object",
    "properties": {
        "queries": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"schema": {"type": "string"}, "properties": {"type": "object"}},
            },
        }
    },
}


def openapi_spec() -> dict[str, Any]:
    """The spec. Example: `openapi_spec()["paths"]["/api/search"]`."""
    entity_id = _param("entity_id", "path")
    cursor, limit = _param("cursor"), _param("limit", kind="integer", minimum=1, maximum=500)
    change_id = _param("change_id", "path", "integer", minimum=1, maximum=2**31 - 1)
    search = [_param(n) for n in ("q", "schema", "custody", "charge", "org", "from", "to", "lang")]
    paths: dict[str, Any] = {
        "/api/stats": _get("Counts over the published record", []),
        "/api/search": _get("Search with facets", [*search, limit, cursor]),
        "/api/entities": _get(
            "Published entities by ID, with a cursor", [_param("schema"), limit, cursor]
        ),
        "/api/entities/{entity_id}": _get(
            "An entity, each fact with its citation and the citation's evidence",
            [entity_id],
            codes=(301, 404),
            schema=ENTITY,
        ),
        "/api/entities/{entity_id}/statements": _get(
            "An entity's published statements", [entity_id], codes=(404,)
        ),
        "/api/entities/{entity_id}/network": _get("An entity's links", [entity_id], codes=(404,)),
        "/api/entities/{entity_id}/backlinks": _get(
            "The records of one schema that point at an entity, with a cursor",
            [entity_id, {**_param("schema"), "required": True}, limit, cursor],
            codes=(400, 404),
            schema=BACKLINKS,
        ),
        "/api/events": _get("Events in date order", [_param("from"), _param("to"), _param("q")]),
        "/api/timeline": _get(
            "The timeline (as /api/events)", [_param("from"), _param("to"), _param("q")]
        ),
        "/api/prisoners": _get(
            "The prisoner record (issue #11): a list (view: in_custody, remanded, "
            "serving_sentence, released, term_ended (serving a sentence as of a past date, "
            "every reported term ended since, no release report found), wanted, all, or a "
            "custody status), filtered by "
            "custody status, statute, case and year of arrest or charge, 150 a page; each "
            "person's current custody status with its as-of date and source, days on "
            "remand, sentence, release, warrant and bounty",
            [
                _param("view", enum=list(PRISONER_VIEWS)),
                _param("status", enum=list(_enum("custodyStatus"))),
                _param("statute", enum=list(_enum("statute"))),
                _param("case"),
                _param("year", pattern="^[0-9]{4}$"),
                _param("page", kind="integer", minimum=1),
            ],
        ),
        "/api/prisoners/statistics": _get(
            "Statistics of the prisoner record: counts by statute, status and verdict, "
            "total and median sentence, remand length, arrests per month",
            [],
        ),
        "/api/prisoners/charges.csv": _get(
            "CSV: one row per person per charge (OVD-Info's shape), with entity and source URLs",
            [],
            media="text/csv",
        ),
        "/api/abroad": _get(
            "Hongkongers abroad (issue #17): the countries, the bounty batches and the "
            "measures against the wanted, with each named person and where they live",
            [],
        ),
        "/api/abroad/{code}": _get(
            "One country: pathway and opening date, emigration figures (each cited) and "
            "their charts' series, organisations and leaders, wanted persons living there, "
            "incidents, Magnitsky-style law, sanctions and counter-sanctions",
            [_param("code", "path", maxLength=8)],
            codes=(404,),
        ),
        "/api/abroad/figures.csv": _get(
            "CSV: every emigration figure with its period, status and source",
            [],
            media="text/csv",
        ),
        "/api/abroad/organisations.csv": _get(
            "CSV: the directory of diaspora organisations, with leaders and sources",
            [],
            media="text/csv",
        ),
        "/api/abroad/organisations.ftm.json": _get(
            "FollowTheMoney JSON lines: the organisations, leaders and their sources",
            [],
            media="application/x-ndjson",
        ),
        "/api/charts": _get("The data behind the charts", []),
        "/api/sources": _get(
            "Sources, with a cursor; with q, the best matches of words of their title, "
            "publisher or URL (or an ID), no cursor",
            [_param("q"), limit, cursor],
        ),
        "/api/export.csv": _get("CSV: one row per entity, with its URL", [], media="text/csv"),
        "/api/export.ftm": _get("FollowTheMoney JSON lines", [], media="application/x-ndjson"),
        "/api/changes": {
            **_get(
                "Changes (token: reader)", [_param("state"), limit], codes=(401, 403), secured=True
            ),
            **_post("Propose a change (token: contributor)", CHANGE, ok=201),
        },
        "/api/changes/{change_id}": _get(
            "A change with its comments", [change_id], codes=(401, 403, 404), secured=True
        ),
        "/api/changes/{change_id}/submit": _post("Submit for review", None, params=[change_id]),
        "/api/changes/{change_id}/approve": _post(
            "Approve (token: reviewer; not your own)", None, params=[change_id]
        ),
        "/api/changes/{change_id}/reject": _post(
            "Reject (token: reviewer)", None, params=[change_id]
        ),
        "/api/changes/{change_id}/comments": _post(
            "Comment on a change",
            {"type": "object", "required": ["body"], "properties": {"body": {"type": "string"}}},
            params=[change_id],
        ),
        "/api/merge": _post(
            "Merge two entities (token: reviewer)",
            {
                "type": "object",
                "required": ["keep", "merge"],
                "properties": {"keep": {"type": "string"}, "merge": {"type": "string"}},
            },
        ),
        "/api/match": _post(
            "Reserved: yente-style matching (the sanctions issue)", MATCH, codes=(400, 501)
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lion Rock API",
            "version": __version__,
            "description": "The published record, and the review workflow for tokens.",
        },
        "paths": paths,
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    }
