"""Editing with citations: the dashboard, creating and editing any record through forms
that need a source for each new fact (picked, or created inline), duplicate detection
while typing a name, and merging. Every write is a draft change, reviewed before it is
published."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lionrock.errors import LionRockError
from lionrock.model import STATUSES, get_model
from lionrock.review import NEW_SOURCE, FactInput, SourceInput, list_changes, merge, propose
from lionrock.web._context import Form, Web, ui_text
from lionrock.web._duplicates import find_duplicates
from lionrock.web._evidence import attach_evidence, sees_all_evidence
from lionrock.web._sources import search_sources
from lionrock.web._views import entity_page_view

ROWS = 6
MAX_ROWS = 50
COMMON = (
    "Person",
    "Organization",
    "Event",
    "CourtCase",
    "Charge",
    "Sanction",
    "Article",
    "Document",
    "Jurisdiction",
)
EDIT = "app/edit.html"


def editable_schemata() -> list[str]:
    """The common record types first, then every other concrete one."""
    model = get_model()
    rest = sorted(
        n
        for n, s in model.schemata.items()
        if n not in COMMON and (s.extension or not s.ftm.abstract)
    )
    return [*COMMON, *rest]


def schema_labels() -> dict[str, str]:
    """Each editable record type's label (`CourtCase`: "Court case"), which the forms
    show in the page's language."""
    model = get_model()
    return {name: model.schemata[name].label for name in editable_schemata()}


def facts_from_form(form: Form) -> list[FactInput]:
    """The filled rows of the facts table; a row with a value needs a property."""
    adds = []
    for i in range(MAX_ROWS):
        value = form.get(f"value_{i}").strip()
        if not value:
            continue
        status = form.get(f"status_{i}", "confirmed")
        adds.append(
            FactInput(
                form.get(f"prop_{i}")[:64],
                value,
                form.get(f"source_{i}", NEW_SOURCE).strip()[:255] or NEW_SOURCE,
                status if status in STATUSES else "confirmed",
                form.get(f"lang_{i}").strip()[:8] or None,
            )
        )
    return adds


def source_from_form(form: Form) -> SourceInput | None:
    """The source created inline, when any of its fields is filled."""
    title, publisher, when, url = (
        form.get(f"src_{k}").strip() for k in ("title", "publisher", "date", "url")
    )
    if not any((title, publisher, when, url)):
        return None
    schema = form.get("src_schema", "Article")
    schema = schema if schema in ("Article", "Document") else "Article"
    return SourceInput(title, publisher, when, url, schema=schema)


def routes(web: Web) -> list[Route]:
    """The editing routes."""
    store = web.store

    def form_context(schema: str, entity: Any = None) -> dict[str, Any]:
        spec = get_model().get(schema)
        props = (
            sorted(spec.properties.values(), key=lambda p: (p.name not in spec.required, p.label))
            if spec
            else []
        )
        return {
            "schema": schema,
            "spec": spec,
            "props": props,
            "rows": range(ROWS),
            "statuses": STATUSES,
            "entity": entity,
            "schemata": editable_schemata(),
            "labels": schema_labels(),
        }

    async def dashboard(request: Request) -> Response:
        user = web.require(request, "reader")
        return web.page(
            request,
            "app/dashboard.html",
            mine=list_changes(store, author=user.username, limit=50),
            queue=list_changes(store, state="in_review", limit=100),
            schemata=editable_schemata(),
            labels=schema_labels(),
        )

    def duplicates_of(adds: list[FactInput], schema: str) -> list[dict[str, Any]]:
        names = [a.value for a in adds if a.prop == "name"]
        births = tuple(a.value for a in adds if a.prop == "birthDate")
        if not names:
            return []
        return find_duplicates(store, name=names[0], schema=schema, birth_dates=births)

    def find_sources(form: Form) -> list[dict[str, Any]]:
        # researchers cite sources still in review too
        return search_sources(store, q=form.get("source_q")[:200], published_only=False)

    async def source_search(request: Request) -> Response:
        web.require(request, "contributor")
        params = request.query_params
        q = (params.get("q") or params.get("source_q") or "")[:200]
        hits = search_sources(store, q=q, published_only=False)
        if params.get("format") == "json":
            return JSONResponse({"q": q, "sources": hits})
        if request.headers.get("hx-request") == "true":  # the fragment htmx swaps in
            return web.page(request, "app/_source_hits.html", source_hits=hits)
        found = hits if q.strip() else None
        return web.page(request, "app/sources_search.html", q=q, source_hits=found)

    async def new(request: Request) -> Response:
        user = web.require(request, "contributor")
        schema = request.query_params.get("schema", "Person")[:64]
        if get_model().get(schema) is None:
            schema = "Person"
        if request.method == "GET":
            return web.page(request, EDIT, **form_context(schema))
        form = await web.form(request)
        schema = form.get("schema", schema)[:64]
        if get_model().get(schema) is None:
            return web.page(
                request,
                EDIT,
                400,
                error=ui_text(request, "Unknown record type."),
                **form_context("Person"),
            )
        adds = facts_from_form(form)
        context = {**form_context(schema), "form": form}
        if form.get("find_source"):  # "Find sources", without JavaScript: save nothing
            return web.page(request, EDIT, source_hits=find_sources(form), **context)
        if form.get("check"):  # "Check for duplicates", without JavaScript: save nothing
            found = duplicates_of(adds, schema)
            return web.page(request, EDIT, duplicates=found, checked=True, **context)
        if not form.get("confirm_new"):
            found = duplicates_of(adds, schema)
            if found:
                return web.page(request, EDIT, 409, duplicates=found, **context)
        try:
            change = propose(
                store,
                author=user.username,
                schema=schema,
                adds=adds,
                source=source_from_form(form),
                summary=form.get("summary"),
            )
        except LionRockError as exc:
            return web.page(request, EDIT, 400, error=str(exc), **context)
        return web.redirect(request, f"/app/changes/{change.id}")

    async def entity(request: Request) -> Response:
        user = web.require(request, "reader")
        entity_id = request.path_params["entity_id"]
        found = store.entity(entity_id)
        if found is None:
            return web.page(
                request, "app/error.html", 404, message=ui_text(request, "No such record.")
            )
        view = entity_page_view(store, found, published_only=False)
        # drafts' evidence only for those who may open it (a reader's link would 404)
        attach_evidence(store, view, published_only=not sees_all_evidence(user))
        cited = {f["source"]["id"]: f["source"] for f in view["facts"]}
        context = {
            **form_context(found.schema, found),
            "view": view,
            "changes": list_changes(store, entity_id=entity_id, limit=50),
            "cited_sources": list(cited.values()),  # offered by the Source fields
        }
        if request.method == "GET":
            return web.page(request, "app/entity.html", **context)
        if not user.can("contributor"):
            return web.page(
                request,
                "app/error.html",
                403,
                message=ui_text(request, "Editing needs the contributor role."),
            )
        form = await web.form(request)
        if form.get("find_source"):  # "Find sources", without JavaScript: save nothing
            hits = find_sources(form)
            return web.page(request, "app/entity.html", form=form, source_hits=hits, **context)
        try:
            change = propose(
                store,
                author=user.username,
                schema=found.schema,
                entity_id=entity_id,
                adds=facts_from_form(form),
                removes=tuple(form.getlist("remove")[:200]),
                source=source_from_form(form),
                summary=form.get("summary"),
            )
        except LionRockError as exc:
            return web.page(request, "app/entity.html", 400, error=str(exc), form=form, **context)
        return web.redirect(request, f"/app/changes/{change.id}")

    async def duplicates(request: Request) -> Response:
        web.require(request, "contributor")
        params = request.query_params
        # htmx sends the name field as it is named in the form (value_0)
        name = (params.get("name") or params.get("value_0") or "")[:200]
        schema = params.get("schema", "Person")[:64]
        found = find_duplicates(store, name=name, schema=schema, wait_for_index=False)
        if params.get("format") == "json":
            return JSONResponse({"name": name, "schema": schema, "duplicates": found})
        if request.headers.get("hx-request") == "true":  # the fragment htmx swaps in
            return web.page(request, "app/duplicates.html", duplicates=found)
        return web.page(
            request,
            "app/duplicates_page.html",
            duplicates=found,
            checked=bool(name.strip()),
            typed=name,
            schema=schema,
            schemata=editable_schemata(),
            labels=schema_labels(),
        )

    async def merge_form(request: Request) -> Response:
        user = web.require(request, "reviewer")
        form = await web.form(request)
        keep, other = form.get("keep").strip()[:255], form.get("merge").strip()[:255]
        try:
            merge(store, keep_id=keep, merge_id=other, actor=user.username)
        except LionRockError as exc:
            return web.page(request, "app/error.html", 400, message=str(exc))
        return web.redirect(request, f"/app/entities/{keep}")

    return [
        Route("/app", dashboard),
        Route("/app/new", new, methods=["GET", "POST"]),
        Route("/app/entities/{entity_id}", entity, methods=["GET", "POST"]),
        Route("/app/duplicates", duplicates),
        Route("/app/sources/search", source_search),
        Route("/app/merge", merge_form, methods=["POST"]),
    ]
