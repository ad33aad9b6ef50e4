"""`lionrock audit verify|show`."""

from __future__ import annotations

import json

import click

from lionrock.audit import entries, verify
from lionrock.cli_store import open_store as _store
from lionrock.errors import LionRockError


@click.group()
def audit() -> None:
    """The hash-chained audit log of every change, review and account action.

    Example: lionrock audit verify
    """


@audit.command("verify")
@click.option("--expect-head", default=None, help="The last hash noted earlier, to compare.")
@click.pass_context
def verify_command(ctx: click.Context, expect_head: str | None) -> None:
    """Check that no audit entry was edited, deleted or reordered.

    Prints the number of entries and the last hash; note that hash elsewhere and pass it
    as --expect-head later to detect a log rewritten from the start. Exits 1 on a problem.

    Example: lionrock audit verify
    """
    try:
        result = verify(_store(ctx), expect_head=expect_head)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(f"{result.count} entries, head {result.head}")
    if not result.ok:
        raise click.ClickException("the audit log fails verification")


@audit.command("show")
@click.option("--target", default=None, help="Only entries about this target (e.g. entity:ID).")
@click.option("--after", default=0, show_default=True, type=int, help="After this entry.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.pass_context
def show(ctx: click.Context, target: str | None, after: int, limit: int) -> None:
    """Print audit entries as JSON lines.

    Example: lionrock audit show --target entity:lr-person-x
    """
    for entry in entries(_store(ctx), target=target, after=after, limit=limit):
        click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))


commands = [audit]
