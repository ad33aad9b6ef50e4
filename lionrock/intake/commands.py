"""CLI: `lionrock intake ...` (issue #15). The server's commands (`serve`, `recipients`,
`status`, `export`, `reply`, `purge`, `server-key`) read the intake settings block
(`LIONROCK_INTAKE_*`); the offline machine's (`keygen`, `open`, `cite`) read
`LIONROCK_HOME`."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TextIO

import click

from lionrock.cli_store import open_store
from lionrock.errors import LionRockError
from lionrock.intake._bundle import export_bundle, orphans, purge_exported, server_public_key
from lionrock.intake._cite import DEFAULT_PUBLISHER, cite_document
from lionrock.intake._codename import new_codename
from lionrock.intake._db import IntakeDB
from lionrock.intake._keys import (
    add_recipient,
    load_secret_key,
    parse_recipient,
    read_recipients,
    write_key,
)
from lionrock.intake._open import OpenReport, open_bundle
from lionrock.intake._replies import add_reply
from lionrock.intake._sandbox import MODES, Sandbox
from lionrock.settings import ENV_INTAKE_PASSPHRASE, IntakeSettings


def _db(settings: IntakeSettings) -> IntakeDB:
    settings.home.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.home, 0o700)
    return IntakeDB(settings.database_url)


def _passphrase(confirm: bool) -> str:
    given = os.environ.get(ENV_INTAKE_PASSPHRASE)
    if given:
        return given
    return str(click.prompt("Passphrase", hide_input=True, confirmation_prompt=confirm))


@click.group()
def intake() -> None:
    """Secure intake: receive tips and documents sealed to keys kept offline.

    Example: lionrock intake serve --port 8001
    """


@intake.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=None, type=int, help="Default: LIONROCK_INTAKE_PORT or 8001.")
@click.option(
    "--log-level",
    default="warning",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug", "trace"]),
    help="uvicorn's log level (addresses are scrubbed at every level).",
)
def serve(host: str, port: int | None, log_level: str) -> None:
    """Serve the submission site (its own app, apart from `lionrock serve`). No client
    address is logged or stored. Put it behind a Tor onion service (docs/intake.md).

    Example: lionrock intake serve --port 8001
    """
    from lionrock.intake._app import create_intake_app
    from lionrock.intake._server import intake_server

    settings = IntakeSettings.from_env()
    if not read_recipients(settings.recipients_file):
        click.echo(
            f"warning: no recipients in {settings.recipients_file}: the site will "
            "refuse submissions until one is added (lionrock intake recipients --add)",
            err=True,
        )
    app = create_intake_app(settings, db=_db(settings))
    port = port or settings.port
    # no address in the output either, not even the bind address: the logs hold none
    click.echo(f"intake listening on port {port} (folder {settings.home})", err=True)
    intake_server(app, host=host, port=port, log_level=log_level).run()


@intake.command()
@click.argument("key_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--label", default="", help="A name for the key, shown to the server (no spaces).")
@click.option(
    "--generate-passphrase",
    is_flag=True,
    help="Make a 7-word diceware passphrase and print it once.",
)
def keygen(key_file: Path, label: str, generate_passphrase: bool) -> None:
    """Make a recipient's key pair, on the offline machine: KEY_FILE (the secret key,
    encrypted with a passphrase through Argon2id) and KEY_FILE.pub (for the server).

    Example: lionrock intake keygen /media/keys/desk-1.key --label desk-1
    """
    passphrase = new_codename() if generate_passphrase else _passphrase(confirm=True)
    try:
        recipient = write_key(key_file, passphrase=passphrase, label=label)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    if generate_passphrase:
        click.echo(f"passphrase (shown once, write it down): {passphrase}")
    click.echo(f"secret key: {key_file} (never copy it to the server)")
    click.echo(f"public key: {key_file}.pub  [{recipient.key_id}]")
    click.echo(f"on the server: lionrock intake recipients --add {key_file.name}.pub")


@intake.command()
@click.option(
    "--add",
    "add",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A public key file (.pub) to add (repeatable).",
)
def recipients(add: tuple[str, ...]) -> None:
    """List (and add) the recipients every submission is sealed to.

    Example: lionrock intake recipients --add desk-1.key.pub
    """
    settings = IntakeSettings.from_env()
    try:
        for path in add:
            recipient = parse_recipient(Path(path).read_text(encoding="utf-8"), where=path)
            new = add_recipient(settings.recipients_file, recipient)
            click.echo(f"{'added' if new else 'already there'}: {recipient.key_id}", err=True)
        found = read_recipients(settings.recipients_file)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    for recipient in found:
        click.echo(f"{recipient.key_id}  {recipient.label}")
    if not found:
        click.echo(f"no recipients in {settings.recipients_file}", err=True)


@intake.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def status(as_json: bool) -> None:
    """Counts: sources, submissions (pending export, cut short), items, replies, and
    uploads orphaned by a server stop (the next export adopts them).

    Example: lionrock intake status
    """
    settings = IntakeSettings.from_env()
    db = _db(settings)
    counts = db.counts()
    counts["orphaned"] = len(orphans(settings.home, db))
    counts["recipients"] = len(read_recipients(settings.recipients_file))
    if as_json:
        click.echo(json.dumps(counts))
        return
    for key, value in counts.items():
        click.echo(f"{key}: {value}")


@intake.command("export")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The bundle file to write (e.g. on the USB stick).",
)
@click.option(
    "--all", "include_exported", is_flag=True, help="Include submissions exported before."
)
def export_command(output: Path, include_exported: bool) -> None:
    """Write submissions not yet exported into one sealed, signed bundle for the offline
    machine. Nothing is deleted here (see `purge`).

    Example: lionrock intake export -o /media/usb/intake.lrb
    """
    settings = IntakeSettings.from_env()
    try:
        report = export_bundle(
            settings=settings, db=_db(settings), out=output, include_exported=include_exported
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"exported {report.submissions} submission(s), {report.items} item(s), "
        f"{report.bytes} bytes to {report.path}"
    )


@intake.command()
@click.option(
    "--exported",
    is_flag=True,
    required=True,
    help="Required: delete the submissions already exported.",
)
def purge(exported: bool) -> None:
    """Delete exported submissions from the server (their sealed files and rows).

    Example: lionrock intake purge --exported
    """
    settings = IntakeSettings.from_env()
    count = purge_exported(settings=settings, db=_db(settings))
    click.echo(f"deleted {count} exported submission(s)")


@intake.command()
@click.argument("submission_id")
@click.option(
    "--file",
    "text_file",
    type=click.File("r", encoding="utf-8"),
    default="-",
    help="The reply's text (default: standard input).",
)
def reply(submission_id: str, text_file: TextIO) -> None:
    """Reply to the source of a submission. The reply is sealed to the source's key:
    only their codename opens it.

    Example: lionrock intake reply 3f2a9c... --file reply.txt
    """
    settings = IntakeSettings.from_env()
    try:
        add_reply(db=_db(settings), submission_id=submission_id, text=text_file.read())
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("reply stored, sealed to the source")


@intake.command("server-key")
def server_key_command() -> None:
    """Print the intake server's public signing key, to pin with `open --server-key`.

    Example: lionrock intake server-key
    """
    click.echo(server_public_key(IntakeSettings.from_env().home))


def _print_open(report: OpenReport) -> None:
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for sub in report.submissions:
        if sub.skipped:
            click.echo(f"{sub.id}  already opened: {sub.folder}")
            continue
        files = [i for i in sub.items if i.kind == "file"]
        cleaned = sum(1 for i in files if i.cleaned)
        click.echo(
            f"{sub.id}  {sub.day}  {sub.status}: {len(sub.items)} item(s), "
            f"{cleaned}/{len(files)} file(s) cleaned -> {sub.folder}"
        )
        for item in files:
            if item.clean_error:
                click.echo(f"    {item.name}: no cleaned copy: {item.clean_error}")
            if item.interrupted:
                click.echo(f"    {item.name}: INCOMPLETE upload, {item.bytes} bytes kept")


@intake.command("open")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--key",
    "key_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your secret key file (from `keygen`).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to open submissions. Default: LIONROCK_HOME/intake/opened.",
)
@click.option(
    "--sandbox",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="How mat2 is isolated (none: no isolation, only limits).",
)
@click.option(
    "--timeout",
    default=120.0,
    show_default=True,
    type=click.FloatRange(1, 3600),
    help="Seconds mat2 may take per file.",
)
@click.option("--no-clean", is_flag=True, help="Decrypt only; make no cleaned copies.")
@click.option(
    "--server-key", default=None, help="The server's public key to trust (from `server-key`)."
)
@click.pass_context
def open_command(
    ctx: click.Context,
    bundle: Path,
    key_file: Path,
    out_dir: Path | None,
    sandbox: str,
    timeout: float,
    no_clean: bool,
    server_key: str | None,
) -> None:
    """Open a bundle on the offline machine: originals byte for byte, cleaned copies made
    by mat2 in a sandbox, and a report of the metadata removed.

    Example: lionrock intake open /media/usb/intake.lrb --key desk-1.key
    """
    home = ctx.obj.home
    try:
        runner = None if no_clean else Sandbox(mode=sandbox, timeout=timeout)
        secret = load_secret_key(key_file, passphrase=_passphrase(confirm=False))
        report = open_bundle(
            bundle,
            secret=secret,
            out_dir=out_dir or home / "intake" / "opened",
            sandbox=runner,
            server_key=server_key,
            trust_file=home / "intake" / "server-key.txt",
        )
    except LionRockError as exc:
        raise click.ClickException(f"nothing was opened: {exc}") from exc
    _print_open(report)
    if report.problems:
        for problem in report.problems:
            click.echo(f"problem: {problem}", err=True)
        click.echo(
            "every other item was opened; the bundle is unchanged: run open again "
            "with a good copy to retry",
            err=True,
        )
        sys.exit(1)


@intake.command()
@click.argument("cleaned", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", required=True, help="The document's title, as the record shows it.")
@click.option("--source-id", default=None, help="The new source's ID (default: derived).")
@click.option("--lang", default=None, help="ISO 639-3 language of the title (eng, zho...).")
@click.option(
    "--publisher",
    default=DEFAULT_PUBLISHER,
    show_default=True,
    help="Who the record names as the source's publisher.",
)
@click.pass_context
def cite(
    ctx: click.Context,
    cleaned: Path,
    title: str,
    source_id: str | None,
    lang: str | None,
    publisher: str,
) -> None:
    """Turn a cleaned copy into evidence (through `evidence import`) and a draft source
    for facts. The custody chain keeps the submission ID, never the source's identity.

    Example: lionrock intake cite opened/3f2a.../cleaned/memo.docx --title "Memo"
    """
    try:
        cited = cite_document(
            cleaned,
            store=open_store(ctx),
            settings=ctx.obj,
            title=title,
            source_id=source_id,
            lang=lang,
            publisher=publisher,
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"source {cited.source_id} (draft), evidence {cited.evidence_id[:16]}, "
        f"custody WARC {cited.warc}"
    )


commands = [intake]
