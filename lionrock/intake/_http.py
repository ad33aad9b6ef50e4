"""The intake site's HTTP hygiene (issue #15 §5): what every response carries, what no
request keeps, and sessions that live in memory only.

Example: `Hardened(app, onion="", script=False)`.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass, field

from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("lionrock.intake")
COOKIE = "intake_session"
SESSION_SECONDS = 30 * 60
#: headers that name a client's address, dropped from every request (issue #15 §5)
FORWARDING = frozenset(
    {
        b"forwarded",
        b"x-forwarded-for",
        b"x-forwarded-host",
        b"x-real-ip",
        b"x-client-ip",
        b"cf-connecting-ip",
        b"true-client-ip",
        b"x-cluster-client-ip",
        b"fastly-client-ip",
        b"client-ip",
        b"x-originating-ip",
        b"x-remote-ip",
        b"x-remote-addr",
        b"via",
    }
)


def csp(*, script: bool) -> str:
    """The Content-Security-Policy: nothing but this origin's stylesheet (and, with the
    proof of work on, its one script); forms post only here; no framing."""
    scripts = "'self'" if script else "'none'"
    return (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        f"script-src {scripts}; frame-ancestors 'none'; base-uri 'none'"
    )


class Hardened:
    """The outermost layer: forget the client, strip forwarding headers, add the headers
    every response carries, and turn any unexpected error into a bare 500 whose log line
    names only the exception's type (a message could quote what was sent)."""

    def __init__(self, app: ASGIApp, *, onion: str, script: bool) -> None:
        self.app = app
        self.onion = onion
        self.headers = [
            (b"cache-control", b"no-store, max-age=0"),
            (b"pragma", b"no-cache"),
            (b"content-security-policy", csp(script=script).encode()),
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), usb=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        scope = dict(scope)
        scope["client"] = None
        scope["headers"] = [
            (k, v)
            for k, v in scope["headers"]
            if k.lower() not in FORWARDING and not k.lower().startswith(b"x-forwarded-")
        ]
        extra = list(self.headers)
        if self.onion:
            extra.append((b"onion-location", (self.onion + scope.get("path", "/")).encode()))
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in extra}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": kept + extra}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            log.error("intake: unexpected %s (details withheld)", type(exc).__name__)
            if not started:
                response = PlainTextResponse("Something went wrong.", status_code=500)
                await response(scope, receive, send_with_headers)


@dataclass
class SourceSession:
    source_id: str
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    expires: float = 0.0


class Sessions:
    """Session tokens in memory only: a restart signs everyone out, and nothing is stored."""

    def __init__(self) -> None:
        self._by_token: dict[str, SourceSession] = {}
        self._lock = threading.Lock()

    def create(self, source_id: str) -> tuple[str, SourceSession]:
        token = secrets.token_urlsafe(32)
        session = SourceSession(source_id, expires=time.monotonic() + SESSION_SECONDS)
        with self._lock:
            now = time.monotonic()
            for key in [k for k, s in self._by_token.items() if s.expires < now]:
                del self._by_token[key]
            self._by_token[token] = session
        return token, session

    def get(self, token: str | None) -> SourceSession | None:
        with self._lock:
            session = self._by_token.get(token or "")
            if session is None or session.expires < time.monotonic():
                return None
            session.expires = time.monotonic() + SESSION_SECONDS
            return session

    def drop(self, token: str | None) -> None:
        with self._lock:
            self._by_token.pop(token or "", None)
