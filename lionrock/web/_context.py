"""What every route module shares: the store, the templates, the signed-in user, CSRF
tokens, bounded form parsing and the errors that become 401/403 responses.

Sessions ride in a Secure, HttpOnly, SameSite=Strict cookie. Every form carries a CSRF
token: an HMAC of a random cookie (and the session), which a cross-site page can neither
read nor compute. API writes authenticate with a bearer token instead of cookies, so they
need no CSRF token. Nothing here reads or keeps the client's address.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import parse_qsl, quote

from sqlalchemy.exc import IntegrityError
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from lionrock.auth import (
    LoginLimiter,
    Session,
    User,
    find_session,
    get_setting,
    login_pow,
    role_at_least,
    token_user,
)
from lionrock.auth._tables import app_settings
from lionrock.pow import ProofOfWork
from lionrock.render import Citations, UILanguage, make_environment, translations
from lionrock.render._i18n import convert_page, converter
from lionrock.settings import Settings
from lionrock.store import Store
from lionrock.web._labels import N_
from lionrock.web._lang import alternates, lang_path, prefixed, ui_of

SESSION_COOKIE = "lr_session"
CSRF_COOKIE = "lr_csrf"
MAX_FORM_BYTES = 1024 * 1024
MAX_FIELDS = 2000


class Unauthorized(Exception):
    """No (valid) login or token: a page redirects to /login, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but the role does not allow this: 403. `role` is the role needed."""

    def __init__(self, message: str = "", role: str = "") -> None:
        super().__init__(message)
        self.role = role


class BadRequest(Exception):
    """Malformed input (e.g. a forged or missing CSRF token): 400 or 403."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Form:
    """A parsed urlencoded form: `get` for one value, `getlist` for all."""

    items: list[tuple[str, str]] = field(default_factory=list)

    def get(self, key: str, default: str = "") -> str:
        for name, value in self.items:
            if name == key:
                return value
        return default

    def getlist(self, key: str) -> list[str]:
        return [value for name, value in self.items if name == key]


@dataclass
class Web:
    """The app's shared state; route modules receive it from `create_app`."""

    store: Store
    settings: Settings
    secret: bytes
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    login_pow: ProofOfWork = field(default_factory=login_pow)

    # -- rendering -----------------------------------------------------------------------

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        """Render a template with the root path, the user, a CSRF token, and the request's
        language (`_lang`: its URL prefix): its catalog, value labels in words, OpenCC for
        Simplified Chinese, and links to the page in the other languages. A route that
        passes its own `ui` (a `UILanguage`) also gets numbered citations, as the static
        site renders the same template."""
        depth = request.url.path.count("/") - 1
        user = self.user(request)
        given = context.get("ui")
        ui = given if isinstance(given, UILanguage) else ui_of(request)
        if isinstance(given, UILanguage):
            context = {"citations": Citations(), **context}
        root = "../" * depth or "./"
        context.setdefault("ui", ui)
        html = (
            _ui_environment(ui.catalog)
            .get_template(name)
            .render(
                root=root,
                # assets from the app's root, whatever the language: one cached copy
                site_root=root + "../" if prefixed(request) else root,
                user=user,
                csrf=_LazyToken(self, request),
                lang_links=alternates(request),
                **context,
            )
        )
        if ui.convert:
            html = convert_page(html, converter(ui.convert))
        response = HTMLResponse(html, status_code=status)
        response.headers["content-language"] = ui.tag
        if not prefixed(request):
            response.headers["vary"] = "Accept-Language"
        self.finish(request, response)
        return response

    def finish(self, request: Request, response: Response) -> None:
        """Set the CSRF cookie when this request created it."""
        fresh = getattr(request.state, "new_csrf_cookie", None)
        if fresh:
            set_cookie(response, CSRF_COOKIE, fresh)

    def redirect(self, request: Request, path: str) -> Response:
        response = RedirectResponse(path, status_code=303)
        self.finish(request, response)
        return response

    # -- who is asking -------------------------------------------------------------------

    def session(self, request: Request) -> Session | None:
        if not hasattr(request.state, "session"):
            token = request.cookies.get(SESSION_COOKIE, "")
            request.state.session = find_session(self.store, token) if token else None
        found: Session | None = request.state.session
        return found

    def user(self, request: Request) -> User | None:
        """The fully logged-in user of a page request, or None."""
        session = self.session(request)
        return session.user if session is not None and session.stage == "full" else None

    def require(self, request: Request, role: str) -> User:
        """The logged-in user if their role is `role` or above; else Unauthorized/Forbidden."""
        user = self.user(request)
        if user is None:
            raise Unauthorized()
        if not role_at_least(user.role, role):
            raise Forbidden(f"this needs the {role} role", role=role)
        return user

    def api_user(self, request: Request, role: str) -> User:
        """The user of an API request's bearer token, acting with the token's scope."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        found = token_user(self.store, token.strip()) if scheme.lower() == "bearer" else None
        if found is None:
            raise Unauthorized()
        user, acting = found
        if not role_at_least(acting, role):
            raise Forbidden(f"this needs a {role} token")
        return User(user.id, user.username, acting, user.disabled, user.created_at)

    # -- CSRF ----------------------------------------------------------------------------

    def csrf_token(self, request: Request) -> str:
        cookie = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", "")
        if not cookie or len(cookie) > 100:
            cookie = secrets.token_urlsafe(24)
            request.state.new_csrf_cookie = cookie
        session = request.cookies.get(SESSION_COOKIE, "")
        message = f"{cookie}|{hashlib.sha256(session.encode()).hexdigest()}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    async def form(self, request: Request) -> Form:
        """The request's urlencoded form, size-bounded, after checking its CSRF token."""
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":
            raise BadRequest("expected a form (application/x-www-form-urlencoded)", 415)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_FORM_BYTES:
                raise BadRequest(N_("the form is too large"), 413)
        try:
            items = parse_qsl(
                body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS
            )
        except (UnicodeDecodeError, ValueError) as exc:
            raise BadRequest(N_("the form could not be read")) from exc
        if any("\x00" in k or "\x00" in v for k, v in items):
            raise BadRequest(N_("the form holds a NUL character"))
        form = Form(items)
        if not request.cookies.get(CSRF_COOKIE) or not hmac.compare_digest(
            form.get("csrf"), self.csrf_token(request)
        ):
            raise BadRequest(
                N_("the form's security token is missing or wrong; reload the page"), 403
            )
        return form

    async def json_body(self, request: Request, limit: int = MAX_FORM_BYTES) -> dict[str, Any]:
        """A JSON object body, size-bounded."""
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise BadRequest("the body is too large", 413)
        try:
            data = json.loads(body or b"{}")
        except ValueError as exc:
            raise BadRequest("the body is not JSON") from exc
        if not isinstance(data, dict):
            raise BadRequest("the body must be a JSON object")
        if _has_nul(data):
            raise BadRequest("the body holds a NUL character")
        return data


@cache
def _ui_environment(catalog: str) -> Any:
    """The shared templates with one language's catalog (English's gives words to value
    labels such as `serving_sentence`)."""
    return make_environment(translations_=translations(catalog))


class _LazyToken:
    """The CSRF token, made only when a template prints it: pages without a form set no
    cookie at all."""

    def __init__(self, web: Web, request: Request) -> None:
        self.web, self.request = web, request

    def __html__(self) -> str:
        return self.web.csrf_token(self.request)

    __str__ = __html__


def _has_nul(value: Any) -> bool:
    """Whether a NUL hides anywhere in parsed JSON (PostgreSQL text cannot hold one)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    """Secure, HttpOnly, SameSite=Strict, for the whole site."""
    response.set_cookie(
        name, value, max_age=max_age, path="/", secure=True, httponly=True, samesite="strict"
    )


def login_redirect(request: Request) -> Response:
    """To the login form and back, in the request's language."""
    target = lang_path(request, request.url.path)
    target += f"?{request.url.query}" if request.url.query else ""
    login = lang_path(request, "/login")
    return RedirectResponse(f"{login}?next=" + quote(target, safe=""), status_code=303)


SAFE_PATH = re.compile(r"^/(?![/\\])[A-Za-z0-9/_.~%?=&+-]*$")


def safe_next(value: str) -> str:
    """Only same-site paths: never `//evil.example`, `/\\evil`, a full URL, or a path with
    whitespace or control characters (browsers drop a tab, turning `/\t/x` into `//x`).

    Example: `safe_next("//evil.example")` is `"/app"`.
    """
    return value if len(value) <= 500 and SAFE_PATH.match(value) else "/app"


def app_secret(store: Store, settings: Settings) -> bytes:
    """The key that signs CSRF tokens: LIONROCK_SECRET_KEY, else one kept in the store."""
    if settings.secret_key:
        return settings.secret_key.encode()
    key = get_setting(store, "secret_key")
    if not key:
        key = secrets.token_hex(32)
        # not through set_setting: a secret must not be copied into the audit log
        try:
            with store.write() as writer:
                writer.conn.execute(app_settings.insert().values(key="secret_key", value=key))
        except IntegrityError:  # another process made it first: use theirs
            key = get_setting(store, "secret_key")
    return key.encode()


def ui_text(request: Request, message: str, **values: object) -> str:
    """A message shown on a page (an error, a notice), in the request's language: its
    catalog's translation, else the message itself, formatted with `values` if any
    (scripts/extract_messages.py collects these calls).

    Example: `ui_text(request, "Wrong code.")` is "驗證碼錯誤。" under `/zh-hant/`.
    """
    text = translations(ui_of(request).catalog).gettext(message)
    return text % values if values else text


def json_error(message: str, status: int) -> Response:
    return JSONResponse({"error": message}, status_code=status)
