"""CLI: `lionrock archive`, `lionrock evidence ...` and `lionrock sources check`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from cryptography import x509
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from lionrock.cli_store import open_store as _store
from lionrock.errors import LionRockError
from lionrock.evidence import (
    CaptureOptions,
    Target,
    Trust,
    capture,
    check_sources,
    default_operator,
    import_archive,
    open_evidence,
    open_vault,
    project_public_key,
    replay_app,
    source_urls,
    verify_file,
)
from lionrock.store import Store

console = Console(stderr=True)


@contextmanager
def _progress(label: str, total: int) -> Iterator[Callable[[Any], None]]:
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as progress:  # fmt: skip
        task = progress.add_task(label, total=total)
        yield lambda _result: progress.advance(task)


def _options(concurrency: int, per_host: int, delay: float, timeout: float) -> CaptureOptions:
    return CaptureOptions(concurrency=concurrency, per_host=per_host, delay=delay,
                          timeout=timeout)  # fmt: skip


def fetch_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--concurrency", default=8, show_default=True, type=click.IntRange(1, 64)),
        click.option("--per-host", default=2, show_default=True, type=click.IntRange(1, 16),
                     help="At most this many requests at once to one host."),
        click.option("--delay", default=0.5, show_default=True, type=click.FloatRange(0),
                     help="Seconds between request starts on one host."),
        click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(1)),
    ]):  # fmt: skip
        func = option(func)
    return func


def _targets(store: Store, vault: Any, urls: tuple[str, ...], all_sources: bool,
             missing: bool) -> list[Target]:  # fmt: skip
    by_source = source_urls(store)
    owner = {u: sid for sid, us in by_source.items() for u in us}
    targets = [Target(u, owner.get(u)) for u in urls]
    if all_sources or missing:
        linked = {row["source_id"] for row in vault.links()} if missing else set()
        targets += [Target(u, sid) for sid, us in sorted(by_source.items())
                    if sid not in linked for u in us]  # fmt: skip
    return targets


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--all-sources", is_flag=True, help="Capture every cited source URL.")
@click.option("--missing", is_flag=True, help="Capture source URLs that have no evidence yet.")
@fetch_options
@click.pass_context
def archive(ctx: click.Context, urls: tuple[str, ...], all_sources: bool, missing: bool,
            concurrency: int, per_host: int, delay: float, timeout: float) -> None:  # fmt: skip
    """Capture URLs into signed, timestamped WACZ evidence under LIONROCK_HOME/evidence/.

    Failures (DNS, timeouts, HTTP errors, oversize) are recorded as results. The TSA is
    LIONROCK_TSA_URL; without it, packages are signed but not timestamped.

    Example: lionrock archive --missing
    """
    store = _store(ctx)
    if not ctx.obj.tsa_url:  # said before the capture, not first by `evidence verify`
        click.echo(
            "warning: LIONROCK_TSA_URL is not set, so these captures get no trusted "
            "timestamp: they are signed, but `lionrock evidence verify` will not accept them "
            "without --allow-unsigned. Set LIONROCK_TSA_URL (and LIONROCK_TSA_CA) first.",
            err=True,
        )
    try:
        vault, signing = open_evidence(ctx.obj, store)
        targets = _targets(store, vault, urls, all_sources, missing)
        if not targets:
            raise click.ClickException("nothing to capture: give URLs, --all-sources or --missing")
        with _progress("capturing", len(targets)) as done:
            results = capture(targets=targets, vault=vault, signing=signing,
                              operator=default_operator(ctx.obj),
                              options=_options(concurrency, per_host, delay, timeout),
                              on_done=done)  # fmt: skip
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    for r in results:
        where = f"evidence {r.evidence_id[:16]}" if r.evidence_id else "no evidence"
        extra = f": {r.error}" if r.error else ""
        click.echo(f"{r.outcome:<12} {r.status or '-':<4} {r.url}  ({where}){extra}")
    failed = sum(1 for r in results if not r.evidence_id)
    click.echo(f"captured {len(results) - failed} of {len(results)} URL(s)", err=True)


@click.group()
def evidence() -> None:
    """Verify, import, list and replay evidence files.

    Example: lionrock evidence verify lionrock-data/evidence/ab/ab12....wacz
    """


def _trust(ctx: click.Context, allow_unsigned: bool, keys: tuple[str, ...],
           tsa_ca: str | None, pin_project: bool) -> Trust:  # fmt: skip
    pinned = set(keys)
    if pin_project:
        pinned.add(project_public_key(ctx.obj))
    roots: tuple[x509.Certificate, ...] = ()
    if tsa_ca or ctx.obj.tsa_ca:
        path = Path(tsa_ca) if tsa_ca else ctx.obj.tsa_ca
        try:
            roots = tuple(x509.load_pem_x509_certificates(path.read_bytes()))
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"cannot read TSA roots from {path}: {exc}") from exc
    return Trust(public_keys=frozenset(pinned), tsa_roots=roots, allow_unsigned=allow_unsigned)


@evidence.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--allow-unsigned",
    is_flag=True,
    help="Accept files without a signature or timestamp (reported as notes).",
)
@click.option(
    "--public-key",
    "keys",
    multiple=True,
    help="Trust only signatures by this base64 public key (repeatable).",
)
@click.option("--project-key", is_flag=True, help="Trust only the project's own key.")
@click.option(
    "--tsa-ca",
    type=click.Path(dir_okay=False),
    default=None,
    help="PEM file of trusted TSA roots (default LIONROCK_TSA_CA).",
)
@click.pass_context
def verify(ctx: click.Context, paths: tuple[str, ...], allow_unsigned: bool,
           keys: tuple[str, ...], project_key: bool, tsa_ca: str | None) -> None:  # fmt: skip
    """Check WACZ/WARC files (or stored evidence IDs) completely, offline: WARC digests,
    CDXJ offsets, datapackage hashes, the signature and the timestamp.

    Exits non-zero with a precise message on any problem.

    Example: lionrock evidence verify capture.wacz --project-key
    """
    trust = _trust(ctx, allow_unsigned, keys, tsa_ca, project_key)
    failed = 0
    for raw in paths:
        path, sha256 = Path(raw), None
        if not path.exists() and len(raw) >= 6:
            try:
                vault = open_vault(ctx.obj, _store(ctx))
                row = vault.resolve(raw)
                # by ID: the stored file must still hash to it (issue #18 §5)
                path, sha256 = vault.root / row["path"], row["id"]
            except LionRockError:
                pass
        report = verify_file(path, trust=trust, sha256=sha256)
        for note in report.notes:
            click.echo(f"  note: {note}")
        if report.ok and report.unsigned:
            click.echo(f"OK   {raw} UNSIGNED: nothing proves who made this file or when")
        elif report.ok:
            signer = f" signed by {report.signer[-16:]}" if report.signer else ""
            stamp = f", timestamp {report.timestamp}" if report.timestamp else ""
            click.echo(f"OK   {raw}{signer}{stamp}")
        else:
            failed += 1
            click.echo(f"FAIL {raw}")
            for problem in report.problems:
                click.echo(f"  - {problem}")
    if failed:
        raise click.ClickException(f"{failed} of {len(paths)} file(s) failed verification")


@evidence.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.pass_context
def import_(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Attach existing WARC, WARC.gz or WACZ archives to the sources whose URLs they hold.

    A broken archive is refused and nothing is stored.

    Example: lionrock evidence import backup.warc.gz
    """
    store = _store(ctx)
    try:
        vault, signing = open_evidence(ctx.obj, store)
        for name in files:
            report = import_archive(Path(name), vault=vault, signing=signing,
                                    operator=default_operator(ctx.obj))  # fmt: skip
            click.echo(f"{name}: evidence {report.evidence_id[:16]}, {report.pages} page(s), "
                       f"{len(report.linked)} source link(s)")  # fmt: skip
            for source_id, url in report.linked:
                click.echo(f"  linked {source_id} ← {url}")
    except LionRockError as exc:
        raise click.ClickException(f"{exc}") from exc


@evidence.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List stored evidence with its sources.

    Example: lionrock evidence list --json
    """
    vault = open_vault(ctx.obj, _store(ctx))
    links: dict[str, list[str]] = {}
    for link in vault.links():
        links.setdefault(link["evidence_id"], []).append(link["source_id"])
    rows = [{**row, "sources": links.get(row["id"], [])} for row in vault.list()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        sources = ", ".join(row["sources"]) or "(no source)"
        click.echo(f"{row['id'][:16]}  {row['origin']:<7} {row['created_at']}  {sources}")


@evidence.command()
@click.argument("evidence_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option(
    "--serve",
    is_flag=True,
    help="Replay it in a browser on 127.0.0.1 (no login: for your own machine).",
)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option(
    "--allow-scripts",
    is_flag=True,
    help="Let archived scripts run (sandboxed, own origin). Off by default.",
)
@click.pass_context
def show(ctx: click.Context, evidence_id: str, as_json: bool, serve: bool, port: int,
         allow_scripts: bool) -> None:  # fmt: skip
    """Show a stored evidence file: its pages and sources; with --serve, replay it
    offline (no live network request) in a sandbox.

    Example: lionrock evidence show 3f2a9c --serve
    """
    vault = open_vault(ctx.obj, _store(ctx))
    try:
        row = vault.resolve(evidence_id)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    data = {**row, "file": str(vault.root / row["path"]), "pages": vault.pages(row["id"]),
            "sources": vault.links(row["id"])}  # fmt: skip
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(f"evidence {row['id']}\n  file: {data['file']}\n  origin: {row['origin']}, "
                   f"by {row['operator']} at {row['created_at']}")  # fmt: skip
        for page in data["pages"]:
            click.echo(f"  page: {page['url']} [{page['status']}] {page['ts']}")
        for link in data["sources"]:
            click.echo(f"  source: {link['source_id']} ({link['url']})")
    if serve:
        import uvicorn

        # no login: a loopback-only tool for the editor's own machine, which replays the
        # file shown (drafts' evidence too) and no other (docs/evidence.md, Replay)
        shown = row["id"]
        app = replay_app(vault, allow_scripts=allow_scripts, may_replay=lambda _, sha: sha == shown)
        click.echo(f"replay: http://127.0.0.1:{port}/{row['id']}/", err=True)
        uvicorn.run(app, host="127.0.0.1", port=port, access_log=False, log_level="warning")


@evidence.command(name="public-key")
@click.pass_context
def public_key(ctx: click.Context) -> None:
    """Print the project's evidence-signing public key (base64 DER), to publish and pin.

    Example: lionrock evidence public-key
    """
    click.echo(project_public_key(ctx.obj))


@evidence.command()
@click.argument("evidence_id")
@click.argument("source_id")
@click.pass_context
def unlink(ctx: click.Context, evidence_id: str, source_id: str) -> None:
    """Detach evidence from a source on purpose (the file is kept).

    Example: lionrock evidence unlink 3f2a9c src-hkfp-2021
    """
    vault = open_vault(ctx.obj, _store(ctx))
    try:
        count = vault.unlink(vault.resolve(evidence_id)["id"], source_id)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"removed {count} link(s); the evidence file is kept")


@click.group()
def sources() -> None:
    """Work with cited sources: check that their URLs are still online.

    Example: lionrock sources check
    """


@sources.command()
@click.argument("source_ids", nargs=-1)
@fetch_options
@click.pass_context
def check(ctx: click.Context, source_ids: tuple[str, ...], concurrency: int, per_host: int,
          delay: float, timeout: float) -> None:  # fmt: skip
    """Re-request each cited URL and record online, changed (differs from our capture)
    or offline since DATE.

    Example: lionrock sources check src-apple-daily-2021
    """
    vault = open_vault(ctx.obj, _store(ctx))
    total = sum(len(us) for sid, us in source_urls(vault.store).items()
                if not source_ids or sid in source_ids)  # fmt: skip
    with _progress("checking", total) as done:
        states = check_sources(vault=vault, source_ids=source_ids or None,
                               options=_options(concurrency, per_host, delay, timeout),
                               on_done=done)  # fmt: skip
    for s in states:
        click.echo(f"{s.state:<8} {s.source_id}  {s.url}  {s.describe()}")
    if not states:
        click.echo("no source URLs to check", err=True)


commands = [archive, evidence, sources]
