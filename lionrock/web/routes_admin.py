"""Administration: accounts (add, role, disable, reset two-factor) and whether two-factor
is required for everyone."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from lionrock.auth import (
    REQUIRE_2FA,
    ROLES,
    add_user,
    disable_user,
    list_users,
    reset_2fa,
    set_role,
    set_setting,
    two_factor_required,
)
from lionrock.errors import LionRockError
from lionrock.web._context import Web, ui_text
from lionrock.web._labels import N_


def routes(web: Web) -> list[Route]:
    """The admin routes."""
    store = web.store

    def render(request: Request, status: int = 200, **extra: object) -> Response:
        return web.page(
            request,
            "app/admin.html",
            status,
            users=list_users(store),
            roles=ROLES,
            require_2fa=two_factor_required(store),
            **extra,
        )

    async def admin(request: Request) -> Response:
        web.require(request, "admin")
        return render(request)

    async def act(request: Request) -> Response:
        me = web.require(request, "admin")
        form = await web.form(request)
        action, name = form.get("action"), form.get("username")[:64]
        try:
            if action == "add":
                add_user(
                    store,
                    username=name,
                    password=form.get("password"),
                    role=form.get("role"),
                    actor=me.username,
                )
            elif action == "role":
                set_role(store, username=name, role=form.get("role"), actor=me.username)
            elif action == "disable":
                if name == me.username:
                    raise LionRockError(N_("You cannot disable your own account."))
                disable_user(store, username=name, actor=me.username)
            elif action == "reset-2fa":
                reset_2fa(store, username=name, actor=me.username)
            elif action == "require-2fa":
                value = "yes" if form.get("value") == "yes" else "no"
                set_setting(store, key=REQUIRE_2FA, value=value, actor=me.username)
            else:
                raise LionRockError(N_("Unknown action."))
        except LionRockError as exc:
            return render(request, 400, error=ui_text(request, str(exc)))
        return web.redirect(request, "/app/admin")

    return [
        Route("/app/admin", admin, methods=["GET"]),
        Route("/app/admin", act, methods=["POST"]),
    ]
