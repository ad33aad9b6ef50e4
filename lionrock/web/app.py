"""The read-only web app: home, search and entity pages, each with a JSON twin.

Only published facts are shown. Pages need no JavaScript and make no third-party
requests (Content-Security-Policy: 'self' only). No client address is logged or stored.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lionrock.library.web import library_routes
from lionrock.model import get_model
from lionrock.render import STATIC, make_environment
from lionrock.settings import Settings
from lionrock.stats import compute_stats
from lionrock.store import Entity, Store, citation

CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
LANG_TAGS = {"eng": "en", "zho": "zh-Hant", "jpn": "ja"}


class SecurityHeaders:
    """Adds the same safe headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                for name, value in (
                    ("content-security-policy", CSP),
                    ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"),
                ):
                    headers.append((name.encode(), value.encode()))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def entity_view(store: Store, entity: Entity) -> dict[str, Any]:
    """An entity with each fact's label, citation and linked entity captions."""
    spec = get_model().get(entity.schema)
    ids = {f.source_id for f in entity.facts}
    props = spec.properties if spec is not None else {}
    refs = {f.value for f in entity.facts if f.prop in props and props[f.prop].is_entity}
    related = {e.id: e for e in store.iter_entities(ids=ids | refs, published_only=True)}
    facts = []
    for fact in entity.facts:
        prop = props.get(fact.prop)
        linked = related.get(fact.value) if prop is not None and prop.is_entity else None
        facts.append(
            {
                **fact.to_dict(),
                "label": prop.label if prop is not None else fact.prop,
                "lang_tag": LANG_TAGS.get(fact.lang or "", fact.lang),
                "link": linked.caption if linked is not None else None,
                "source": citation(fact.source_id, related.get(fact.source_id)),
            }
        )
    return {
        "id": entity.id,
        "schema": entity.schema,
        "schema_label": spec.label if spec is not None else entity.schema,
        "caption": entity.caption,
        "facts": facts,
    }


def create_app(settings: Settings, *, store: Store | None = None) -> Starlette:
    """Build the app. Tests call this in-process; `lionrock serve` runs it with uvicorn.

    Example: `TestClient(create_app(Settings.from_env())).get("/search?q=家超")`.
    """
    store = store or Store(settings.database_url)
    env = make_environment()

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        depth = request.url.path.count("/") - 1
        html = env.get_template(name).render(root="../" * depth or "./", **context)
        return HTMLResponse(html, status_code=status)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    async def home(request: Request) -> Response:
        stats = compute_stats(store)
        return (
            JSONResponse(stats) if wants_json(request) else page(request, "home.html", stats=stats)
        )

    async def search(request: Request) -> Response:
        query = request.query_params.get("q", "")[:200]
        try:
            limit = max(1, min(int(request.query_params.get("limit", "20")), 200))
        except ValueError:
            limit = 20
        hits = store.search(query, limit=limit, published_only=True) if query else []
        if wants_json(request):
            return JSONResponse({"query": query, "results": [h.to_dict() for h in hits]})
        return page(request, "search.html", query=query, hits=hits)

    async def entity(request: Request) -> Response:
        found = store.entity(request.path_params["entity_id"], published_only=True)
        if found is None:
            if wants_json(request):
                return JSONResponse({"error": "not found"}, status_code=404)
            return page(request, "search.html", status=404, query="", hits=[])
        view = entity_view(store, found)
        if wants_json(request):
            return JSONResponse(view)
        return page(
            request,
            "entity.html",
            entity=found,
            facts=view["facts"],
            schema_label=view["schema_label"],
        )

    async def healthz(_: Request) -> Response:
        return JSONResponse({"ok": True, "facts": store.count_facts()})

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/search", search),
            Route("/entities/{entity_id}", entity),
            Route("/api/stats", home),
            Route("/api/search", search),
            Route("/api/entities/{entity_id}", entity),
            Route("/healthz", healthz),
            *library_routes(store, page),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ]
    )
    app.add_middleware(SecurityHeaders)
    return app
