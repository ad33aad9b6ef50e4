"""Sessions, API tokens and the login rate limit.

A session cookie holds a random token; the store keeps only its SHA-256, with the user,
the login stage (password checked, TOTP being enrolled, or fully logged in) and a fixed
expiry. API tokens are kept the same way, each with a scope no higher than its user's
role. Nothing here records a client address: the rate limit counts failures per account.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from lionrock.audit import append
from lionrock.auth._accounts import ROLES, User, _user, role_at_least
from lionrock.auth._tables import api_tokens, sessions, users
from lionrock.errors import LionRockError
from lionrock.store import Store, utcnow

SESSION_HOURS = 12
TOKEN_PREFIX = "lrt_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def _later(hours: int) -> str:
    moment = datetime.now(UTC) + timedelta(hours=hours)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Session:
    """A login: its user, stage (`password`, `enroll` or `full`) and, while enrolling,
    the TOTP secret being confirmed."""

    key: str
    user: User
    stage: str
    pending_secret: str | None


def create_session(
    store: Store, *, user: User, stage: str, pending_secret: str | None = None
) -> str:
    """Start a session; return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    with store.write() as writer:
        writer.conn.execute(
            sessions.insert().values(
                id=_digest(token),
                user_id=user.id,
                stage=stage,
                pending_secret=pending_secret,
                created_at=utcnow(),
                expires_at=_later(SESSION_HOURS),
            )
        )
        if stage == "full":
            append(
                writer, actor=user.username, action="session.login", target=f"user:{user.username}"
            )
    return token


def find_session(store: Store, token: str) -> Session | None:
    """The live session for a cookie token, with its active user, or None."""
    if not token or len(token) > 100:
        return None
    query = (
        select(
            sessions.c.id.label("session_key"),
            sessions.c.stage,
            sessions.c.pending_secret,
            users,
        )
        .join(users, users.c.id == sessions.c.user_id)
        .where(sessions.c.id == _digest(token), sessions.c.expires_at > utcnow())
    )
    with store.read() as conn:
        row = conn.execute(query).first()
    if row is None or row.disabled:
        return None
    return Session(row.session_key, _user(row), row.stage, row.pending_secret)


def end_session(store: Store, token: str) -> None:
    """Log out: forget the session."""
    with store.write() as writer:
        writer.conn.execute(sessions.delete().where(sessions.c.id == _digest(token)))


@dataclass(frozen=True, slots=True)
class Token:
    """An API token as listed (the secret itself is shown once, at creation)."""

    id: str
    name: str
    prefix: str
    scope: str
    created_at: str
    revoked: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id[:16],
            "name": self.name,
            "prefix": self.prefix,
            "scope": self.scope,
            "created_at": self.created_at,
            "revoked": self.revoked,
        }


def create_token(store: Store, *, user: User, name: str, scope: str) -> str:
    """A new API token for `user`, scoped to a role no higher than the user's.

    Example: `create_token(store, user=ana, name="import script", scope="contributor")`.
    """
    name = name.strip()[:100] or "token"
    if scope not in ROLES or not role_at_least(user.role, scope):
        raise LionRockError(f"a {user.role} cannot create a {scope!r} token")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with store.write() as writer:
        writer.conn.execute(
            api_tokens.insert().values(
                id=_digest(token),
                user_id=user.id,
                name=name,
                prefix=token[:10],
                scope=scope,
                created_at=utcnow(),
                revoked=False,
            )
        )
        append(
            writer,
            actor=user.username,
            action="token.create",
            target=f"user:{user.username}",
            detail={"name": name, "scope": scope},
        )
    return token


def list_tokens(store: Store, *, user: User) -> list[Token]:
    """The user's tokens, newest first."""
    query = (
        select(api_tokens)
        .where(api_tokens.c.user_id == user.id)
        .order_by(api_tokens.c.created_at.desc())
    )
    with store.read() as conn:
        return [
            Token(r.id, r.name, r.prefix, r.scope, r.created_at, bool(r.revoked))
            for r in conn.execute(query)
        ]


def revoke_token(store: Store, *, user: User, token_id: str) -> bool:
    """Revoke one of the user's tokens by (the start of) its ID; True when one was."""
    if len(token_id) < 16:
        return False
    with store.write() as writer:
        result = writer.conn.execute(
            api_tokens.update()
            .where(api_tokens.c.user_id == user.id, api_tokens.c.id.startswith(token_id[:64]))
            .values(revoked=True)
        )
        done = bool(result.rowcount)
        if done:
            append(
                writer,
                actor=user.username,
                action="token.revoke",
                target=f"user:{user.username}",
                detail={"id": token_id[:16]},
            )
    return done


def token_user(store: Store, token: str) -> tuple[User, str] | None:
    """The active user of an API token and the role it acts with (the lower of the
    token's scope and the user's current role), or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    query = (
        select(api_tokens.c.scope, api_tokens.c.revoked, users)
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.id == _digest(token))
    )
    with store.read() as conn:
        row = conn.execute(query).first()
    if row is None or row.revoked or row.disabled:
        return None
    user = _user(row)
    role = row.scope if role_at_least(user.role, row.scope) else user.role
    return user, role


class LoginLimiter:
    """At most `attempts` failed logins per account in `window` seconds, and a global cap
    (so guessing across many names is slowed too). Kept in memory; no addresses."""

    def __init__(self, *, attempts: int = 5, window: float = 900, global_cap: int = 200):
        self.attempts, self.window, self.global_cap = attempts, window, global_cap
        self._failures: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def _trim(self, times: deque[float], now: float) -> None:
        while times and times[0] < now - self.window:
            times.popleft()

    def blocked(self, username: str) -> bool:
        """Whether a login for `username` must be refused for now."""
        now = time.monotonic()
        with self._lock:
            self._trim(self._all, now)
            times = self._failures.get(username.lower())
            if times is not None:
                self._trim(times, now)
            return len(self._all) >= self.global_cap or (
                times is not None and len(times) >= self.attempts
            )

    def failed(self, username: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 100_000:  # bounded memory under a name-spraying attack
                self._failures.clear()
            self._failures.setdefault(username.lower()[:64], deque()).append(now)
            self._all.append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username.lower()[:64], None)
