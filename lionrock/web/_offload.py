"""Blocking work off the event loop (issue #18 §5).

Every route handler is an `async def` that reads the Store, renders templates, matches
names: all blocking work. Run on the event loop, one slow request (a search under load, a
duplicate index being built) holds up every other one, `/healthz` included. So each
route's handler runs in a worker thread, in an event loop of its own, with a bounded
number of threads: the main loop only accepts connections, reads bodies (bounded) and
writes responses.

The request body is read on the main loop first (at most `MAX_BODY` bytes, else 413) and
kept on the request, so the handler's own `request.stream()` reads it from memory in its
thread. Exceptions pass through to the app's handlers unchanged.

Example:
    routes = offload_routes(routes)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

#: The largest body any route reads (the forms' and the JSON API's own limit, 1 MiB).
MAX_BODY = 1024 * 1024 + 1
#: Worker threads for handlers: enough to keep both cores busy while some wait on the
#: database, few enough that a flood queues instead of thrashing.
THREADS = 16
#: Routes cheap enough to answer on the loop itself (a health check must never wait).
ON_LOOP = frozenset({"/healthz"})

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
_limiter: anyio.CapacityLimiter | None = None


def _threads() -> anyio.CapacityLimiter:
    global _limiter
    if _limiter is None:  # created inside the running loop
        _limiter = anyio.CapacityLimiter(THREADS)
    return _limiter


def in_thread(handler: Handler) -> Handler:
    """`handler`, run in a worker thread with its own event loop."""

    async def run(request: Request) -> Response:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return PlainTextResponse("the request body is too large", status_code=413)
        request._body = body  # Request.stream() then yields it without touching the socket
        return await anyio.to_thread.run_sync(_run, handler, request, limiter=_threads())

    run.__name__ = getattr(handler, "__name__", "handler")
    run.__doc__ = handler.__doc__
    return run


def _run(handler: Handler, request: Request) -> Response:
    return asyncio.run(handler(request))


def offload_routes(routes: Sequence[BaseRoute]) -> list[BaseRoute]:
    """The routes with each async handler moved to a worker thread (`in_thread`); mounts
    (static files, the replay app) and the cheap `ON_LOOP` routes stay as they are.

    Example: `Starlette(routes=offload_routes(routes))`.
    """
    out: list[BaseRoute] = []
    for route in routes:
        if (
            isinstance(route, Route)
            and route.path not in ON_LOOP
            and asyncio.iscoroutinefunction(route.endpoint)
        ):
            route = Route(
                route.path,
                in_thread(route.endpoint),
                methods=sorted(route.methods or ()),
                name=route.name,
                include_in_schema=route.include_in_schema,
            )
        out.append(route)
    return out
