"""Accounts: users with a role, Argon2id password hashes and optional TOTP.

Roles are ordered: reader < contributor < reviewer < admin; each can do what the ones
below it can. Every account change is written with its audit entry in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from lionrock.audit import append
from lionrock.auth._tables import api_tokens, app_settings, sessions, users
from lionrock.errors import LionRockError
from lionrock.store import Store, utcnow

ROLES = ("reader", "contributor", "reviewer", "admin")
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,64}$")
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
REQUIRE_2FA = "require_2fa"
# argon2-cffi's defaults are Argon2id (RFC 9106's second recommended option).
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("a password nobody has")


@dataclass(frozen=True, slots=True)
class User:
    """An account. `totp_secret` is None until two-factor is set up."""

    id: int
    username: str
    role: str
    disabled: bool
    created_at: str
    totp_secret: str | None = None

    @property
    def totp_enabled(self) -> bool:
        return self.totp_secret is not None

    def can(self, role: str) -> bool:
        """Whether this user's role is `role` or above. Example: `user.can("reviewer")`."""
        return not self.disabled and role_at_least(self.role, role)

    def to_dict(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "role": self.role,
            "disabled": self.disabled,
            "totp": self.totp_enabled,
            "created_at": self.created_at,
        }


def role_at_least(role: str, needed: str) -> bool:
    """Example: `role_at_least("admin", "reviewer")` is True."""
    if role not in ROLES or needed not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


def _user(row: Any) -> User:
    return User(row.id, row.username, row.role, bool(row.disabled), row.created_at, row.totp_secret)


def check_password_rules(password: str) -> None:
    """Refuse a password that is too short or too long (bounded: hashing is costly)."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise LionRockError(f"a password needs {MIN_PASSWORD} to {MAX_PASSWORD} characters")


def add_user(store: Store, *, username: str, password: str, role: str, actor: str = "cli") -> User:
    """Create an account.

    Example: `add_user(store, username="ana", password="correct horse battery", role="admin")`.
    """
    if not USERNAME.match(username):
        raise LionRockError("a username is 2-64 letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise LionRockError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    check_password_rules(password)
    digest = _hasher.hash(password)
    with store.write() as writer:
        if writer.conn.execute(select(users.c.id).where(users.c.username == username)).first():
            raise LionRockError(f"user {username!r} already exists")
        writer.conn.execute(
            users.insert().values(
                username=username,
                password_hash=digest,
                role=role,
                disabled=False,
                created_at=utcnow(),
            )
        )
        append(
            writer, actor=actor, action="user.add", target=f"user:{username}", detail={"role": role}
        )
    found = get_user(store, username=username)
    assert found is not None
    return found


def get_user(
    store: Store, *, username: str | None = None, user_id: int | None = None
) -> User | None:
    """One account by name or ID, or None."""
    query = select(users)
    if username is not None:
        query = query.where(users.c.username == username)
    elif user_id is not None:
        query = query.where(users.c.id == user_id)
    else:
        return None
    with store.read() as conn:
        row = conn.execute(query).first()
    return _user(row) if row is not None else None


def list_users(store: Store) -> list[User]:
    """Every account, by name."""
    with store.read() as conn:
        return [_user(r) for r in conn.execute(select(users).order_by(users.c.username))]


def _require(store: Store, username: str) -> User:
    user = get_user(store, username=username)
    if user is None:
        raise LionRockError(f"no user {username!r}")
    return user


def disable_user(store: Store, *, username: str, actor: str = "cli") -> None:
    """Disable an account: its sessions end and its API tokens are revoked."""
    user = _require(store, username)
    with store.write() as writer:
        conn = writer.conn
        conn.execute(users.update().where(users.c.id == user.id).values(disabled=True))
        conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
        conn.execute(
            api_tokens.update().where(api_tokens.c.user_id == user.id).values(revoked=True)
        )
        append(writer, actor=actor, action="user.disable", target=f"user:{username}")


def set_role(store: Store, *, username: str, role: str, actor: str) -> None:
    """Change an account's role."""
    user = _require(store, username)
    if role not in ROLES:
        raise LionRockError(f"role {role!r} is not one of: {', '.join(ROLES)}")
    with store.write() as writer:
        writer.conn.execute(users.update().where(users.c.id == user.id).values(role=role))
        append(
            writer,
            actor=actor,
            action="user.role",
            target=f"user:{username}",
            detail={"from": user.role, "to": role},
        )


def reset_2fa(store: Store, *, username: str, actor: str = "cli") -> None:
    """Remove an account's TOTP secret (it sets up a new one at next login if required);
    its sessions end."""
    user = _require(store, username)
    with store.write() as writer:
        conn = writer.conn
        conn.execute(users.update().where(users.c.id == user.id).values(totp_secret=None))
        conn.execute(sessions.delete().where(sessions.c.user_id == user.id))
        append(writer, actor=actor, action="user.reset-2fa", target=f"user:{username}")


def enable_totp(store: Store, *, user: User, secret: str) -> None:
    """Record a confirmed TOTP secret for an account."""
    with store.write() as writer:
        writer.conn.execute(users.update().where(users.c.id == user.id).values(totp_secret=secret))
        append(
            writer, actor=user.username, action="user.enable-2fa", target=f"user:{user.username}"
        )


def authenticate(store: Store, *, username: str, password: str) -> User | None:
    """The active account with this name and password, or None. Takes as long for an
    unknown name as for a wrong password (a dummy hash is checked)."""
    row = None
    if USERNAME.match(username) and len(password) <= MAX_PASSWORD:
        with store.read() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).first()
    try:
        _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    return _user(row)


def new_totp_secret() -> str:
    """A fresh base32 TOTP secret (RFC 6238)."""
    return pyotp.random_base32()


def totp_uri(secret: str, username: str) -> str:
    """The otpauth:// URI an authenticator app reads."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Lion Rock")


def verify_totp(secret: str, code: str) -> bool:
    """Whether `code` is the current TOTP code (or the one either side, for clock drift)."""
    code = code.strip().replace(" ", "")
    return len(code) == 6 and code.isdigit() and pyotp.TOTP(secret).verify(code, valid_window=1)


def get_setting(store: Store, key: str, default: str = "") -> str:
    """A site-wide setting kept in the store (e.g. whether 2FA is required)."""
    with store.read() as conn:
        row = conn.execute(select(app_settings.c.value).where(app_settings.c.key == key)).first()
    return str(row.value) if row is not None else default


def set_setting(store: Store, *, key: str, value: str, actor: str) -> None:
    """Set a site-wide setting, with an audit entry."""
    with store.write() as writer:
        conn = writer.conn
        conn.execute(app_settings.delete().where(app_settings.c.key == key))
        conn.execute(app_settings.insert().values(key=key, value=value))
        append(
            writer,
            actor=actor,
            action="setting.set",
            target=f"setting:{key}",
            detail={"value": value},
        )


def two_factor_required(store: Store) -> bool:
    """Whether an admin requires TOTP for every account."""
    return get_setting(store, REQUIRE_2FA, "no") == "yes"
