"""`lionrock publish`: build the static site, and optionally sign it and pack it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import click

from lionrock.audit import anchor_now
from lionrock.cli_progress import cli_progress, interruptible
from lionrock.errors import LionRockError
from lionrock.publish.build import SiteOptions, build_site
from lionrock.publish.release_steps import ReleaseSteps, read_mirrors
from lionrock.publish.writer import Page
from lionrock.render import LANGUAGES
from lionrock.settings import Settings
from lionrock.store import Store

#: The latest audit anchor, in every build: the signed manifest covers it.
ANCHOR_PAGE = "audit-anchor.json"

_file = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(path_type=Path),
    help="The site: a symlink to the live build, switched atomically.",
)
@click.option("--zim", type=_file, help="Also write an offline ZIM file (lionrock.release).")
@click.option("--car", type=_file, help="Also write an IPFS CAR file and print its root CID.")
@click.option(
    "--sign-key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Sign manifest.json with this minisign secret key.",
)
@click.option(
    "--onion",
    default=None,
    help="Onion address for Onion-Location (default: LIONROCK_ONION_ADDRESS).",
)
@click.option(
    "--mirrors",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON list of mirrors ({url, kind}) for the Mirrors page.",
)
@click.option(
    "--pubkey",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Public key file shown on the verification page.",
)
@click.option("--no-search", is_flag=True, help="Skip the Pagefind search index.")
@click.pass_context
def publish(ctx: click.Context, out: Path, zim: Path | None, car: Path | None,
            sign_key: Path | None, onion: str | None, mirrors: Path | None,
            pubkey: Path | None, no_search: bool) -> None:  # fmt: skip
    """Build the static site from published records only, in English, Traditional and
    Simplified Chinese and Japanese. Only changed pages are rewritten; the new build goes
    live in one atomic switch.

    Example: lionrock publish -o site --zim site.zim --car site.car --sign-key lionrock.key
    """
    settings: Settings = ctx.obj
    steps = ReleaseSteps(zim=zim, car=car, sign_key=sign_key, title="Lion Rock 獅子山",
                         languages=[lang.tag for lang in LANGUAGES])  # fmt: skip
    try:
        options = SiteOptions(
            onion=settings.onion_address if onion is None else onion,
            mirrors=read_mirrors(mirrors) if mirrors else (),
            pubkey=pubkey.read_text(encoding="utf-8")[:2000] if pubkey else "",
            search=not no_search,
        )
        store = Store(settings.database_url)
        anchor = audit_anchor_page(store, settings)  # the audit head, signed (issue #18 §5)
        with interruptible(), cli_progress("publish") as progress:
            report = build_site(store, out=out, options=options, extra_pages=[anchor],
                                finish=steps.runner(progress), progress=progress)  # fmt: skip
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    except KeyboardInterrupt as exc:
        raise click.ClickException(f"stopped; the live site at {out} is unchanged") from exc
    click.echo(f"{out}: {report.pages} pages, {report.written} written, "
               f"{report.unchanged} unchanged, {report.removed} removed "
               f"in {report.seconds:.1f}s")  # fmt: skip
    if steps.root_cid:
        click.echo(f"root CID: {steps.root_cid}")


def audit_anchor_page(store: Store, settings: Settings) -> Page:
    """Anchor the audit log now and publish the anchor as `audit-anchor.json`, which the
    site's signed manifest then lists."""
    data = anchor_now(store, settings).path.read_bytes()
    return Page(ANCHOR_PAGE, hashlib.sha256(data).hexdigest(), lambda: data)


commands = [publish]
