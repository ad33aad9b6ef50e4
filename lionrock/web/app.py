"""The web app: public read views with JSON twins, the JSON API, and the researchers'
app (accounts, editing with citations, review, history, audit).

`create_app(settings)` assembles the route modules (`routes_*.py`); each stage that adds
routes adds a module and one line to ROUTE_MODULES. Public pages show published facts
only, need no JavaScript and make no third-party requests (Content-Security-Policy:
'self' only). No client address is logged or stored.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lionrock.audit import enable_head_signing
from lionrock.auth import LoginLimiter, unlocked_at
from lionrock.errors import LionRockError
from lionrock.evidence import open_vault, replay_app
from lionrock.library.extract import web as extract_web
from lionrock.library.web import library_routes
from lionrock.render import STATIC
from lionrock.settings import Settings
from lionrock.store import Store
from lionrock.web import (
    routes_abroad,
    routes_admin,
    routes_api,
    routes_auth,
    routes_edit,
    routes_prisoners,
    routes_public,
    routes_review,
)
from lionrock.web._cache import PublicCache
from lionrock.web._context import BadRequest, Forbidden, Unauthorized, Web, app_secret, ui_text
from lionrock.web._context import login_redirect as _login_redirect
from lionrock.web._duplicates import person_index, warm_up_matcher
from lionrock.web._evidence import backs_published_source, sees_all_evidence
from lionrock.web._labels import N_
from lionrock.web._lang import LanguagePrefix
from lionrock.web._offload import offload_routes

CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)
REPLAY = "/evidence/replay"
ROUTE_MODULES: list[Callable[[Web], list[BaseRoute]]] = [
    routes_public.routes,  # type: ignore[list-item]
    routes_prisoners.routes,  # type: ignore[list-item]
    routes_abroad.routes,  # type: ignore[list-item]
    routes_api.routes,  # type: ignore[list-item]
    routes_auth.routes,  # type: ignore[list-item]
    routes_edit.routes,  # type: ignore[list-item]
    routes_review.routes,  # type: ignore[list-item]
    routes_admin.routes,  # type: ignore[list-item]
    extract_web.routes,
]


class SecurityHeaders:
    """Adds the same safe headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                message = {**message, "headers": headers}
                # a response with its own (stricter) policy keeps it: archived pages (#4)
                own = any(k.lower() == b"content-security-policy" for k, _ in headers)
                for name, value in (
                    ("content-security-policy", CSP),
                    ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"),
                    ("x-frame-options", "DENY"),
                ):
                    if not (own and name == "content-security-policy"):
                        headers.append((name.encode(), value.encode()))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ForgetClient:
    """Drops the client's address from every request before the app sees it, so no
    handler can log or store it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope = {**scope, "client": None}
        await self.app(scope, receive, send)


class RejectNul:
    """Refuses a request whose path or query holds a NUL character (which no record can
    hold, and which PostgreSQL refuses in text), before any handler sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = scope.get("query_string", b"").lower()
            if "\x00" in scope.get("path", "") or b"%00" in query or b"\x00" in query:
                response = JSONResponse({"error": "NUL characters are not allowed"}, 400)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _handlers(web: Web) -> dict[type[Exception] | int, Callable[..., Response]]:
    def error(request: Request, status: int, message: str) -> Response:
        if _is_api(request):
            return JSONResponse({"error": message}, status_code=status)
        # in the page's language when the catalogs know the message (issue #13, item 2)
        shown = ui_text(request, message)
        return web.page(request, "app/error.html", status, message=shown, code=status)

    def unauthorized(request: Request, _: Exception) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"error": "a valid bearer token is needed"},
                status_code=401,
                headers={"www-authenticate": "Bearer"},
            )
        return _login_redirect(request)

    def forbidden(request: Request, exc: Exception) -> Response:
        role = getattr(exc, "role", "")
        if role and not _is_api(request):
            needed = ui_text(request, "This needs the %(role)s role.", role=ui_text(request, role))
            return web.page(request, "app/error.html", 403, message=needed, code=403)
        return error(request, 403, str(exc) or N_("not allowed"))

    def bad(request: Request, exc: Exception) -> Response:
        return error(request, exc.status if isinstance(exc, BadRequest) else 400, str(exc))

    def refused(request: Request, exc: Exception) -> Response:
        status = 404 if str(exc).startswith("no ") else 400
        return error(request, status, str(exc))

    def http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error(request, exc.status_code, exc.detail)

    return {
        Unauthorized: unauthorized,
        Forbidden: forbidden,
        PermissionError: forbidden,
        BadRequest: bad,
        LionRockError: refused,
        HTTPException: http,
    }


def _replay_gate(web: Web) -> Callable[[Request, str], bool]:
    """Who may replay which evidence file: the rule of `_evidence` (published sources'
    evidence for everyone, all of it for contributors and up), decided once per request."""

    def may_replay(request: Request, evidence_id: str) -> bool:
        decided: dict[str, bool] = getattr(request.state, "may_replay", {})
        if evidence_id not in decided:
            # web.user keeps the session on the request, so one request looks it up once;
            # anonymous requests (no cookie) cost one indexed query, contributors none
            # beyond their session (the replay itself 404s an unknown file)
            user = web.user(request)
            decided[evidence_id] = sees_all_evidence(user) or backs_published_source(
                web.store, evidence_id=evidence_id
            )
            request.state.may_replay = decided
        return decided[evidence_id]

    return may_replay


@asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    # in the background: the server answers at once, the duplicate check soon after
    threading.Thread(target=warm_up_matcher, name="warm-up-matcher", daemon=True).start()
    person_index(app.state.web.store, wait=False)  # starts building the phonetic index
    yield


def create_app(settings: Settings, *, store: Store | None = None) -> Starlette:
    """Build the app. Tests call this in-process; `lionrock serve` runs it with uvicorn.

    Example: `TestClient(create_app(Settings.from_env())).get("/search?q=家超")`.
    """
    store = store or Store(settings.database_url)
    enable_head_signing(store, settings)  # the audit head, signed on every append (issue #18)
    web = Web(store=store, settings=settings, secret=app_secret(store, settings),
              limiter=LoginLimiter(unlocked_at=unlocked_at(store)))  # fmt: skip
    routes: list[BaseRoute] = [r for module in ROUTE_MODULES for r in module(web)]
    # the research library (issue #7); signed-in users find its drafts too (issue #13)
    routes.extend(library_routes(store, web.page, signed_in=lambda r: web.user(r) is not None))
    # the shared assets, then the app's own (vendored htmx: lionrock/web/static/VENDORED.md),
    # then the proof-of-work script the intake serves too
    packages: list[str | tuple[str, str]] = [("lionrock.web", "static"), ("lionrock.pow", "static")]
    assets = StaticFiles(directory=STATIC, packages=packages)
    routes.append(Mount("/static", assets, name="static"))
    # archived pages: their own path, sandboxed, scripts off (issue #4 §6)
    vault = open_vault(settings, store)
    gate = _replay_gate(web)  # drafts' evidence never reaches the public (issue #6)
    routes.append(Mount(REPLAY, replay_app(vault, mount=REPLAY, may_replay=gate)))
    app = Starlette(
        routes=offload_routes(routes),  # blocking work off the event loop (issue #18 §5)
        exception_handlers=_handlers(web),  # type: ignore[arg-type]
        lifespan=_lifespan,
    )
    app.add_middleware(PublicCache, store=store, ttl=settings.cache_seconds)
    app.add_middleware(LanguagePrefix)  # outside the cache: it answers after negotiating
    app.add_middleware(RejectNul)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ForgetClient)
    app.state.web = web
    return app


__all__ = ["CSP", "SecurityHeaders", "create_app"]
