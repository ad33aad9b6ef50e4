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

from lionrock.evidence import open_vault, replay_app
from lionrock.render import STATIC, entity_view, make_environment, related_ids
from lionrock.sanctions.web import match_endpoint
from lionrock.settings import Settings
from lionrock.stats import compute_stats
from lionrock.store import Store

CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
REPLAY = "/evidence/replay"


class SecurityHeaders:
    """Adds the same safe headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                # a response with its own (stricter) policy keeps it: archived pages (#4)
                own = any(k.lower() == b"content-security-policy" for k, _ in headers)
                for name, value in (
                    ("content-security-policy", CSP),
                    ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"),
                ):
                    if not (own and name == "content-security-policy"):
                        headers.append((name.encode(), value.encode()))
            await send(message)

        await self.app(scope, receive, send_with_headers)


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
        related = store.iter_entities(ids=related_ids([found]), published_only=True)
        view = entity_view(found, related={e.id: e for e in related})
        if wants_json(request):
            return JSONResponse(view)
        return page(
            request,
            "entity.html",
            entity=found,
            facts=view["facts"],
            schema_label=view["schema_label"],
        )

    async def match(request: Request) -> Response:
        return await match_endpoint(request, store)

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
            Route("/api/match", match, methods=["POST"]),
            Route("/healthz", healthz),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
            # archived pages: their own path, sandboxed, scripts off (issue #4 §6)
            Mount(REPLAY, replay_app(open_vault(settings, store), mount=REPLAY)),
        ]
    )
    app.add_middleware(SecurityHeaders)
    return app
