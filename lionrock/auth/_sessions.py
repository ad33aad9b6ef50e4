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
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from lionrock.audit import append
from lionrock.auth._accounts import ROLES, User, _user, role_at_least
from lionrock.auth._tables import api_tokens, sessions, users
from lionrock.errors import LionRockError
from lionrock.pow import ProofOfWork
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


@dataclass(frozen=True, slots=True)
class LoginGate:
    """What a login for one account needs now: to wait `wait` more seconds, and (after
    failures) a proof of work of `pow_bits` leading zero bits."""

    wait: float
    pow_bits: int


class LoginLimiter:
    """Slows password guessing per account without ever locking the team out (issue #18
    §5). No address is kept and there is no global cap, so failures on random names slow
    no one else. After `free` failures on an account, each further attempt on it must wait
    an exponentially growing delay (1 s, 2 s, 4 s ... capped at `max_delay`) since the last
    failure, and carry a proof of work that grows harder with the failures (at most
    `max_bits`). Failures are forgotten after `window` seconds without one, on a correct
    login, or when an admin unlocks the account from the CLI (`lionrock users unlock`,
    which `unlocked_at` reads from the store, so it reaches every server process).

    Example: `limiter.gate("ana")`, then `limiter.failed("ana")` or `.succeeded("ana")`.
    """

    def __init__(
        self,
        *,
        free: int = 3,
        max_delay: float = 60,
        window: float = 3600,
        base_bits: int = 14,
        max_bits: int = 20,
        unlocked_at: Callable[[str], float] | None = None,
        max_names: int = 100_000,
    ) -> None:
        self.free, self.max_delay, self.window = free, max_delay, window
        self.base_bits, self.max_bits = base_bits, max_bits
        self.unlocked_at = unlocked_at
        self.max_names = max_names
        # name -> (failures, wall time of the last); least recently failed first
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._lock = threading.Lock()

    def _count(self, name: str, now: float) -> tuple[int, float]:
        found = self._failures.get(name)
        if found is None:
            return 0, 0.0
        count, last = found
        unlocked = self.unlocked_at(name) if self.unlocked_at is not None else 0.0
        if now - last > self.window or unlocked >= last:
            self._failures.pop(name, None)
            return 0, 0.0
        return count, last

    def gate(self, username: str) -> LoginGate:
        """What the next login for `username` needs."""
        name, now = username.lower()[:64], time.time()
        with self._lock:
            count, last = self._count(name, now)
        over = count - self.free
        if over < 0:
            return LoginGate(0.0, 0)
        delay = min(self.max_delay, 2.0**over)
        bits = min(self.max_bits, self.base_bits + over)
        return LoginGate(max(0.0, last + delay - now), bits)

    def blocked(self, username: str) -> bool:
        """Whether a login for `username` must wait (its delay has not passed)."""
        return self.gate(username).wait > 0

    def failed(self, username: str) -> None:
        name, now = username.lower()[:64], time.time()
        with self._lock:
            count, _last = self._count(name, now)
            self._failures[name] = (count + 1, now)
            self._failures.move_to_end(name)
            while len(self._failures) > self.max_names:  # bounded memory under name spraying
                self._failures.popitem(last=False)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username.lower()[:64], None)


#: The store setting an admin's break-glass writes: `login-unlock:<name>` = wall time.
UNLOCK_PREFIX = "login-unlock:"


def unlock_login(store: Store, *, username: str, actor: str) -> None:
    """Break-glass: forget an account's failed logins in every server process (they read
    it through `unlocked_at`), with an audit entry.

    Example: `unlock_login(store, username="ana", actor="cli")`.
    """
    from lionrock.auth._accounts import set_setting

    set_setting(store, key=UNLOCK_PREFIX + username.lower()[:64], value=repr(time.time()),
                actor=actor)  # fmt: skip


def unlocked_at(store: Store) -> Callable[[str], float]:
    """When each account was last unlocked by an admin (0 if never), read from the store."""
    from lionrock.auth._accounts import get_setting

    def read(name: str) -> float:
        try:
            return float(get_setting(store, UNLOCK_PREFIX + name, "0") or 0)
        except ValueError:
            return 0.0

    return read


#: How long a login's proof-of-work challenge is good for.
LOGIN_POW_LIFETIME = 600


def login_pow(*, wait: float = 30) -> ProofOfWork:
    """The proof of work a login must carry after failures (`lionrock.pow`, the intake's
    too; `static/pow.js` solves it): the bits asked come from the account's `LoginGate`
    at each check. Without JavaScript, a challenge at least `wait` seconds old does
    instead. Each challenge is good once, for ten minutes.

    Example: `login_pow().passes(challenge, nonce, bits=16)` is True for a solved nonce.
    """
    return ProofOfWork(wait=wait, lifetime=LOGIN_POW_LIFETIME)
