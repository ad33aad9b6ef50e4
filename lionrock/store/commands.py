"""`lionrock backup` and `lionrock restore`: the store and its evidence files."""

from __future__ import annotations

import click

from lionrock.cli_store import open_store
from lionrock.errors import LionRockError
from lionrock.settings import Settings
from lionrock.store._backup import backup_store, restore_store


@click.command()
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The backup file."
)
@click.pass_context
def backup(ctx: click.Context, output: str) -> None:
    """Back up the store and its evidence files into one tar file: SQLite by its online
    backup API (writers may go on), PostgreSQL by pg_dump; each file's SHA-256 recorded.

    Example: lionrock backup -o lionrock-2026-12-06.tar
    """
    settings: Settings = ctx.find_root().obj
    store = open_store(ctx)
    try:
        report = backup_store(store, output=output, evidence_dir=settings.evidence_dir)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()
    click.echo(
        f"backed up the {report.backend} store ({report.database_bytes} bytes) and "
        f"{report.evidence_files} evidence files to {report.path}"
    )


@click.command()
@click.argument("backup_file", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing SQLite store.")
@click.pass_context
def restore(ctx: click.Context, backup_file: str, force: bool) -> None:
    """Restore a backup into this home's (empty) store and evidence folder, after checking
    every file's SHA-256.

    Example: LIONROCK_HOME=restored lionrock restore lionrock-2026-12-06.tar
    """
    settings: Settings = ctx.find_root().obj
    try:
        report = restore_store(
            settings.database_url,
            backup=backup_file,
            evidence_dir=settings.evidence_dir,
            force=force,
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"restored the {report.backend} store ({report.database_bytes} bytes) and "
        f"{report.evidence_files} evidence files from {report.path}"
    )


commands = [backup, restore]
