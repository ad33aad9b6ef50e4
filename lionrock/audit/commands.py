"""`lionrock audit verify|show`."""

from __future__ import annotations

import json

import click

from lionrock.audit import anchor_now, check_audit, entries
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
    """Check that no audit entry was edited, deleted, reordered or appended without the
    project key: the chain, its head row, every anchor kept in LIONROCK_HOME/audit-anchors
    (signature and RFC 3161 timestamp), and the signed head.

    Prints the number of entries, the anchors checked and the last hash. Exits 1 on a
    problem.

    Example: lionrock audit verify
    """
    try:
        result = check_audit(_store(ctx), ctx.find_root().obj, expect_head=expect_head)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    click.echo(f"{result.count} entries, head {result.head} ({result.anchors} anchor(s) checked)")
    if not result.ok:
        raise click.ClickException("the audit log fails verification")


@audit.command("anchor")
@click.pass_context
def anchor_command(ctx: click.Context) -> None:
    """Anchor the audit log's head outside the database: sign it with the project key,
    timestamp it when LIONROCK_TSA_URL is set, and keep it in LIONROCK_HOME/audit-anchors.
    Run it on a schedule (cron, a systemd timer); every publish anchors too.

    Example: lionrock audit anchor
    """
    try:
        anchor = anchor_now(_store(ctx), ctx.find_root().obj)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    stamp = f", timestamped {anchor.timestamp}" if anchor.timestamp else ""
    click.echo(f"anchored entry {anchor.entries} ({anchor.head}){stamp}: {anchor.path}")


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
