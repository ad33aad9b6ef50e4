"""A small cache of public responses, for anonymous readers.

Only GET requests without a session cookie, to public paths, answered 200 without setting
a cookie, are kept: these show published facts only and are the same for everyone. An
entry is keyed on the Store's write generation, so any write through this app is seen at
once; writes by another process (a `lionrock load`) are seen within `ttl` seconds.
`LIONROCK_CACHE_SECONDS=0` turns it off.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lionrock.store import Store

PRIVATE = ("/app", "/login", "/logout", "/healthz", "/api/changes", "/api/merge")
MAX_ENTRIES, MAX_BODY = 2000, 2 * 1024 * 1024


def _copy(message: Message) -> Message:
    """Outer middleware may add headers to a message: keep and send copies."""
    if "headers" in message:
        return {**message, "headers": list(message["headers"])}
    return dict(message)


class PublicCache:
    """ASGI middleware; see the module docstring."""

    def __init__(self, app: ASGIApp, *, store: Store, ttl: float) -> None:
        self.app, self.store, self.ttl = app, store, ttl
        self._entries: OrderedDict[tuple[Any, ...], tuple[float, list[Message]]] = OrderedDict()
        self._lock = threading.Lock()

    def _cacheable(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET" or self.ttl <= 0:
            return False
        path: str = scope["path"]
        # files (static, evidence) are served from disk; never copied into memory here
        if path.startswith(PRIVATE) or path.startswith(("/static", "/evidence")):
            return False
        return not any(k == b"cookie" and b"lr_session=" in v for k, v in scope["headers"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        # the language prefix was taken off the path (`_lang`): it is part of the key
        lang = scope.get("lionrock.lang", "")
        key = (self.store.generation, lang, scope["path"], scope.get("query_string", b""))
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
        if found is not None and found[0] > now:
            for message in found[1]:
                await send(_copy(message))
            return
        captured: list[Message] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            captured.append(_copy(message))
            size += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        start = captured[0] if captured else {}
        headers = start.get("headers", [])
        if (
            start.get("status") == 200
            and size <= MAX_BODY
            and not any(k.lower() == b"set-cookie" for k, _ in headers)
        ):
            with self._lock:
                self._entries[key] = (now + self.ttl, captured)
                while len(self._entries) > MAX_ENTRIES:
                    self._entries.popitem(last=False)
