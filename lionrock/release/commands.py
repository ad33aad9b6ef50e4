"""`lionrock keygen`, `sign`, `verify` and `mirrors`: release keys, signing, the reader's
check, and the mirror list. Each command calls one function of `lionrock.release`."""

from __future__ import annotations

import os
from pathlib import Path

import click

from lionrock.errors import LionRockError
from lionrock.release import (
    check_mirrors,
    generate_keys,
    read_mirrors,
    sign_site,
    verify,
    write_mirrors,
)
from lionrock.release._mirrors import UP_TO_DATE, parse_mirrors
from lionrock.safe_yaml import load_yaml_file
from lionrock.settings import ENV_KEY_PASSWORD, Settings

_PUBKEY = click.option(
    "--pubkey",
    required=True,
    help="The release public key: a minisign .pub file or its base64 line (RW...).",
)
_SECRET = click.option(
    "--secret-key",
    required=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="The release secret key (from lionrock keygen).",
)
_TIMEOUT = click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1, 300),
    help="Seconds per request.",
)


def _password() -> str | None:
    return os.environ.get(ENV_KEY_PASSWORD) or None


@click.command()
@click.option(
    "-o",
    "--output",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for lionrock.key (secret) and lionrock.pub [default: LIONROCK_HOME/keys].",
)
def keygen(output: Path | None) -> None:
    """Create the release signing key (Ed25519, minisign format).

    The secret key is encrypted if LIONROCK_KEY_PASSWORD is set; without it, a warning
    says that it is not. It is written under LIONROCK_HOME (outside the working tree)
    unless -o says where. Publish lionrock.pub (or its base64 line) where readers find it
    apart from the mirrors.

    Example: lionrock keygen -o keys
    """
    output = output or Settings.from_env().home / "keys"
    password = _password()
    if password is None:
        click.echo(
            f"warning: LIONROCK_KEY_PASSWORD is not set, so the secret key in {output} is "
            "not encrypted: anyone who copies it can sign releases. Set a password and run "
            "keygen again, or keep the key on an offline, encrypted disk.",
            err=True,
        )
    try:
        secret, public = generate_keys(output, password=password)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"secret key: {secret} (keep it offline)\npublic key: {public}")
    click.echo(public.read_text(encoding="utf-8").splitlines()[1])


@click.command()
@click.argument("site_dir", type=click.Path(file_okay=False, exists=True, path_type=Path))
@_SECRET
@click.option(
    "--timestamp-days",
    default=7.0,
    show_default=True,
    type=click.FloatRange(0.01, 366),
    help="Days before the TUF timestamp expires: re-sign before then, or readers see a freeze.",
)
def sign(site_dir: Path, secret_key: Path, timestamp_days: float) -> None:
    """Sign a built site: manifest.json (written if missing) and TUF metadata in tuf/.

    Run it again before the TUF timestamp expires to refresh it.

    Example: lionrock sign site --secret-key keys/lionrock.key
    """
    try:
        out = sign_site(
            site_dir, secret_key=secret_key, password=_password(), timestamp_days=timestamp_days
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"signed: {out}")


@click.command(name="verify")
@click.argument("target")
@_PUBKEY
@click.option(
    "--state",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of what this reader trusted before (default: LIONROCK_TRUST_DIR).",
)
@_TIMEOUT
@click.pass_context
def verify_command(
    ctx: click.Context, target: str, pubkey: str, state: Path | None, timeout: float
) -> None:
    """Check a copy of the site (a folder, an http(s) URL, a .zim or a .car) against the
    release key. Exits non-zero and names each altered, missing or added file, and
    catches a rollback to an older release or a frozen mirror.

    Example: lionrock verify https://mirror.example.org/ --pubkey lionrock.pub
    """
    settings: Settings = ctx.obj
    try:
        report = verify(
            target, pubkey=pubkey, state_dir=state or settings.trust_dir, timeout=timeout
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    if not report.ok:
        lines = [str(p) for p in report.problems[:50]]
        if len(report.problems) > 50:
            lines.append(f"... and {len(report.problems) - 50} more")
        raise click.ClickException("this copy is NOT the signed release:\n" + "\n".join(lines))
    manifest = report.manifest
    assert manifest is not None
    click.echo(
        f"OK: {report.checked} files match release {manifest.version} "
        f"built {manifest.built_at:%Y-%m-%d %H:%M:%SZ} ({report.kind})"
    )


@click.group()
def mirrors() -> None:
    """Sign the list of mirrors, and check what each mirror serves.

    Example: lionrock mirrors check site/mirrors.json --pubkey keys/lionrock.pub
    """


@mirrors.command(name="sign")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@_SECRET
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The mirrors.json to write (its .minisig beside it).",
)
def mirrors_sign(source: Path, secret_key: Path, output: Path) -> None:
    """Write a signed mirrors.json from a YAML or JSON list of {url, kind, note}, kind
    one of https, onion, ipfs-gateway, cdn.

    Example: lionrock mirrors sign mirrors.yaml --secret-key keys/lionrock.key -o site/mirrors.json
    """
    try:
        items = parse_mirrors(load_yaml_file(source, typed=True), source=str(source))
        write_mirrors(output, items, secret_key=secret_key, password=_password())
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"signed {len(items)} mirrors: {output}")


@mirrors.command(name="check")
@click.argument("mirrors_json")
@_PUBKEY
@click.option("--current", default=None, help="Folder or URL of the current release.")
@click.option("--deep", is_flag=True, help="Also fetch and hash every file of each mirror.")
@_TIMEOUT
def mirrors_check(
    mirrors_json: str, pubkey: str, current: str | None, deep: bool, timeout: float
) -> None:
    """Check each mirror in a signed mirrors.json (path or URL): up-to-date, stale,
    tampered or unreachable. Exits non-zero unless every mirror is up to date.

    Example: lionrock mirrors check site/mirrors.json --pubkey keys/lionrock.pub --current site
    """
    try:
        listed = read_mirrors(mirrors_json, pubkey=pubkey, timeout=timeout)
        results = check_mirrors(listed, pubkey=pubkey, current=current, timeout=timeout, deep=deep)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    for status in results:
        detail = f"  ({status.detail})" if status.detail else ""
        click.echo(f"{status.state:<12} {status.mirror.kind:<13} {status.mirror.url}{detail}")
    bad = [s for s in results if s.state != UP_TO_DATE]
    if bad:
        raise click.ClickException(f"{len(bad)} of {len(results)} mirrors are not up to date")


commands = [keygen, sign, verify_command, mirrors]
