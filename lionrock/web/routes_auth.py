"""Logging in (password, then TOTP; enrolling TOTP when an admin requires it), logging
out, the account page with two-factor set-up, and API tokens."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lionrock.auth import (
    ROLES,
    authenticate,
    create_session,
    create_token,
    enable_totp,
    end_session,
    find_session,
    list_tokens,
    new_totp_secret,
    revoke_token,
    role_at_least,
    totp_uri,
    two_factor_required,
    verify_totp,
)
from lionrock.auth._sessions import SESSION_HOURS
from lionrock.errors import LionRockError
from lionrock.web._context import (
    SESSION_COOKIE,
    Unauthorized,
    Web,
    safe_next,
    set_cookie,
    ui_text,
)

LOGIN = "app/login.html"


def routes(web: Web) -> list[Route]:
    """The account routes."""
    store = web.store

    def start(request: Request, token: str, target: str) -> Response:
        response = web.redirect(request, target)
        set_cookie(response, SESSION_COOKIE, token, max_age=SESSION_HOURS * 3600)
        return response

    async def login_form(request: Request) -> Response:
        nxt = safe_next(request.query_params.get("next", "/app"))
        return web.page(request, LOGIN, step="password", next=nxt)

    def slowed(request: Request, nxt: str, bits: int, error: str) -> Response:
        # the form again, with a fresh proof-of-work challenge (static/pow.js solves it)
        return web.page(request, LOGIN, 429, step="password", next=nxt, error=error,
                        pow=web.login_pow.challenge(), pow_bits=bits)  # fmt: skip

    async def login(request: Request) -> Response:
        form = await web.form(request)
        username, nxt = form.get("username")[:64], safe_next(form.get("next", "/app"))
        # per account, never global, never by address (issue #18 §5)
        gate = web.limiter.gate(username)
        if gate.wait > 0:
            wait = ui_text(
                request,
                "Too many failed attempts for this account: try again in %(seconds)s s.",
                seconds=int(gate.wait) + 1,
            )
            return slowed(request, nxt, gate.pow_bits, wait)
        if gate.pow_bits:
            challenge = request.query_params.get("pow", "") or form.get("pow")
            nonce = request.query_params.get("nonce", "") or form.get("nonce")
            if not web.login_pow.passes(challenge, nonce, bits=gate.pow_bits):
                again = ui_text(request, "This account had failed logins: send the form again.")
                return slowed(request, nxt, gate.pow_bits, again)
        user = authenticate(store, username=username, password=form.get("password")[:1024])
        if user is None:
            web.limiter.failed(username)
            wrong = ui_text(request, "Wrong username or password.")
            return web.page(request, LOGIN, 401, step="password", next=nxt, error=wrong)
        if user.totp_enabled:
            return start(
                request,
                create_session(store, user=user, stage="password"),
                "/login/2fa?next=" + quote(nxt, safe=""),
            )
        if two_factor_required(store):
            token = create_session(
                store, user=user, stage="enroll", pending_secret=new_totp_secret()
            )
            return start(request, token, "/login/enroll?next=" + quote(nxt, safe=""))
        web.limiter.succeeded(username)
        return start(request, create_session(store, user=user, stage="full"), nxt)

    def pending(request: Request, stage: str) -> tuple[str, object]:
        token = request.cookies.get(SESSION_COOKIE, "")
        session = find_session(store, token)
        if session is None or session.stage != stage:
            raise Unauthorized()
        return token, session

    async def second_factor(request: Request) -> Response:
        nxt = safe_next(request.query_params.get("next", "/app"))
        if request.method == "GET":
            pending(request, "password")
            return web.page(request, LOGIN, step="totp", next=nxt)
        form = await web.form(request)
        token, session = pending(request, "password")
        user = session.user  # type: ignore[attr-defined]
        nxt = safe_next(form.get("next", "/app"))
        gate = web.limiter.gate(user.username)
        if gate.wait > 0:
            return web.page(
                request,
                LOGIN,
                429,
                step="totp",
                next=nxt,
                error=ui_text(
                    request,
                    "Too many wrong codes: try again in %(seconds)s s.",
                    seconds=int(gate.wait) + 1,
                ),
            )
        if not verify_totp(user.totp_secret or "", form.get("code")[:20]):
            web.limiter.failed(user.username)
            wrong = ui_text(request, "Wrong code.")
            return web.page(request, LOGIN, 401, step="totp", next=nxt, error=wrong)
        web.limiter.succeeded(user.username)
        end_session(store, token)
        return start(request, create_session(store, user=user, stage="full"), nxt)

    async def enroll(request: Request) -> Response:
        token, session = pending(request, "enroll")
        user, secret = session.user, session.pending_secret  # type: ignore[attr-defined]
        nxt = safe_next(request.query_params.get("next", "/app"))
        context: dict[str, Any] = {
            "step": "enroll",
            "secret": secret,
            "uri": totp_uri(secret, user.username),
        }
        if request.method == "GET":
            return web.page(request, LOGIN, next=nxt, **context)
        form = await web.form(request)
        nxt = safe_next(form.get("next", "/app"))
        if not verify_totp(secret, form.get("code")[:20]):
            wrong = ui_text(request, "Wrong code.")
            return web.page(request, LOGIN, 400, next=nxt, error=wrong, **context)
        enable_totp(store, user=user, secret=secret)
        end_session(store, token)
        return start(request, create_session(store, user=user, stage="full"), nxt)

    async def logout(request: Request) -> Response:
        await web.form(request)
        token = request.cookies.get(SESSION_COOKIE, "")
        if token:
            end_session(store, token)
        response = web.redirect(request, "/")
        response.delete_cookie(
            SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="strict"
        )
        return response

    async def account(request: Request) -> Response:
        user = web.require(request, "reader")
        context: dict[str, Any] = {
            "tokens": list_tokens(store, user=user),
            "roles": [r for r in ROLES if role_at_least(user.role, r)],
        }
        if request.method == "GET":
            return web.page(request, "app/account.html", **context)
        form = await web.form(request)
        action = form.get("action")
        if action == "totp-start":
            secret = new_totp_secret()
            return web.page(
                request,
                "app/account.html",
                secret=secret,
                uri=totp_uri(secret, user.username),
                **context,
            )
        if action == "totp-confirm":
            secret = form.get("secret")[:64]
            if not verify_totp(secret, form.get("code")[:20]):
                return web.page(
                    request,
                    "app/account.html",
                    400,
                    secret=secret,
                    uri=totp_uri(secret, user.username),
                    error=ui_text(request, "Wrong code."),
                    **context,
                )
            enable_totp(store, user=user, secret=secret)
            return web.redirect(request, "/app/account")
        if action == "token-create":
            try:
                token = create_token(
                    store, user=user, name=form.get("name"), scope=form.get("scope")
                )
            except LionRockError as exc:
                return web.page(request, "app/account.html", 400, error=str(exc), **context)
            context["tokens"] = list_tokens(store, user=user)
            return web.page(request, "app/account.html", new_token=token, **context)
        if action == "token-revoke":
            revoke_token(store, user=user, token_id=form.get("token"))
            return web.redirect(request, "/app/account")
        unknown = ui_text(request, "Unknown action.")
        return web.page(request, "app/account.html", 400, error=unknown, **context)

    return [
        Route("/login", login_form, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Route("/login/2fa", second_factor, methods=["GET", "POST"]),
        Route("/login/enroll", enroll, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/app/account", account, methods=["GET", "POST"]),
    ]
