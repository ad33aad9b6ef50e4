"""Opening the Store from a click command: the one helper every stage's commands share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from lionrock.settings import Settings

if TYPE_CHECKING:
    from lionrock.store import Store


def open_store(ctx: click.Context) -> Store:
    """The Store the settings name, or a clean CLI error saying why it cannot be opened.

    Example: `store = open_store(ctx)` inside any `lionrock` command.
    """
    # here, so that `lionrock --help` loads neither the store nor the audit log
    from lionrock.store import Store

    settings: Settings = ctx.find_root().obj
    try:
        store = Store(settings.database_url)
    except Exception as exc:  # a bad URL or an unreachable server
        message = f"cannot open the store at {settings.database_url}: {exc}"
        raise click.ClickException(message) from exc
    # the audit head, signed on every append; set up with the engine that appends, so
    # that a search (which needs neither) loads neither the audit log nor the key
    store.on_engine(lambda opened: _sign_heads(opened, settings))
    return store


def _sign_heads(store: Store, settings: Settings) -> None:
    from lionrock.audit import enable_head_signing

    enable_head_signing(store, settings)
