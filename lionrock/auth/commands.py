"""`lionrock users add|list|disable|reset-2fa|require-2fa`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from lionrock.auth import (
    REQUIRE_2FA,
    ROLES,
    add_user,
    disable_user,
    list_users,
    reset_2fa,
    set_setting,
    unlock_login,
)
from lionrock.cli_store import open_store as _store
from lionrock.errors import LionRockError


@click.group()
def users() -> None:
    """Accounts of the web app: reader, contributor, reviewer, admin.

    Example: lionrock users add ana --admin
    """


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="contributor", show_default=True)
@click.option("--admin", is_flag=True, help="Make an admin (how the first admin is created).")
@click.password_option(help="The password (prompted for, hidden, when not given).")
@click.pass_context
def add(ctx: click.Context, username: str, role: str, admin: bool, password: str) -> None:
    """Create an account. The password is asked for twice, hidden.

    Example: lionrock users add ana --admin
    """
    try:
        user = add_user(
            _store(ctx), username=username, password=password, role="admin" if admin else role
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {user.role} {user.username}")


@users.command("list")
@click.pass_context
def list_command(ctx: click.Context) -> None:
    """List accounts with their role, two-factor state and whether they are disabled.

    Example: lionrock users list
    """
    table = Table("username", "role", "2FA", "disabled", "created")
    for user in list_users(_store(ctx)):
        table.add_row(
            user.username,
            user.role,
            "yes" if user.totp_enabled else "no",
            "yes" if user.disabled else "no",
            user.created_at,
        )
    Console().print(table)


@users.command("disable")
@click.argument("username")
@click.pass_context
def disable(ctx: click.Context, username: str) -> None:
    """Disable an account: its sessions end and its API tokens are revoked.

    Example: lionrock users disable ana
    """
    try:
        disable_user(_store(ctx), username=username)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"disabled {username}")


@users.command("reset-2fa")
@click.argument("username")
@click.pass_context
def reset(ctx: click.Context, username: str) -> None:
    """Remove an account's two-factor secret (for a lost phone); it sets up a new one at
    its next login when two-factor is required.

    Example: lionrock users reset-2fa ana
    """
    try:
        reset_2fa(_store(ctx), username=username)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"two-factor reset for {username}")


@users.command("unlock")
@click.argument("username")
@click.pass_context
def unlock(ctx: click.Context, username: str) -> None:
    """Break-glass: forget an account's failed logins, so it may log in at once without
    a delay or a proof of work, in every running server. Recorded in the audit log.

    Example: lionrock users unlock ana
    """
    try:
        unlock_login(_store(ctx), username=username, actor="cli")
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"failed logins forgotten for {username}")


@users.command("require-2fa")
@click.option("--on/--off", "required", default=True, show_default=True)
@click.pass_context
def require(ctx: click.Context, required: bool) -> None:
    """Require (or stop requiring) TOTP two-factor for every account of the web app.

    Example: lionrock users require-2fa --on
    """
    set_setting(_store(ctx), key=REQUIRE_2FA, value="yes" if required else "no", actor="cli")
    click.echo(f"two-factor {'required' if required else 'optional'}")


commands = [users]
