"""The `lionrock` command: each command parses, calls the library, and reports."""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

import lionrock
from lionrock import __version__
from lionrock.bundled import bundled_files
from lionrock.cli_store import open_store as _store
from lionrock.errors import LionRockError
from lionrock.export import EXPORTERS, export_store
from lionrock.settings import Settings
from lionrock.sources import FORMATS, Defaults, Record, load_records, read_records
from lionrock.stats import compute_stats
from lionrock.store import Store, citation

console = Console(stderr=True)


def _progress(records: Iterator[Record], label: str) -> Iterator[Record]:
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task(label, total=None)
        for record in records:
            progress.advance(task)
            yield record


def _load(store: Store, paths: list[str], defaults: Defaults, fmt: str | None) -> None:
    try:
        report = load_records(
            store, _progress(read_records(paths, defaults=defaults, format=fmt), "loading")
        )
    except LionRockError as exc:
        raise click.ClickException(f"nothing was loaded:\n{exc}") from exc
    click.echo(
        f"loaded {report.facts} facts on {report.entities} entities from {len(paths)} file(s)"
    )


@click.group()
@click.version_option(__version__, prog_name="lionrock")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Lion Rock: a cited record of Hong Kong's crackdown.

    The store is set by LIONROCK_HOME (default ./lionrock-data) or LIONROCK_DATABASE_URL.

    Example: lionrock init && lionrock search 家超
    """
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    ctx.obj = Settings.from_env()


@main.command()
@click.option("--empty", is_flag=True, help="Create the store without the bundled record.")
@click.pass_context
def init(ctx: click.Context, empty: bool) -> None:
    """Create the store and load the bundled Hong Kong record.

    Loading is idempotent: running it again updates facts in place.

    Example: lionrock init
    """
    store = _store(ctx)
    if empty:
        click.echo(f"created an empty store at {ctx.obj.database_url}")
        return
    _load(store, [str(p) for p in bundled_files()], Defaults(review="published"), None)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Input format; by default, from the file name.",
)
@click.option(
    "--source",
    "source_id",
    default=None,
    help="Source ID cited by values that name none (plain FtM, CSV).",
)
@click.option(
    "--review",
    type=click.Choice(["draft", "published"]),
    default="draft",
    show_default=True,
    help="Review state of values that state none.",
)
@click.option(
    "--recorded-by",
    default="cli",
    show_default=True,
    help="Who recorded the values, where the input does not say.",
)
@click.pass_context
def load(
    ctx: click.Context,
    files: tuple[str, ...],
    fmt: str | None,
    source_id: str | None,
    review: str,
    recorded_by: str,
) -> None:
    """Load FtM JSON lines, project YAML, statements CSV or an OFAC SDN CSV.

    All files load in one transaction: on any error nothing is written, and the error
    names the file, the line and the field.

    Example: lionrock load export.ftm.json --source src-my-report
    """
    defaults = Defaults(review=review, recorded_by=recorded_by, source_id=source_id)
    _load(_store(ctx), list(files), defaults, fmt)


@main.command()
@click.option("--format", "fmt", type=click.Choice(EXPORTERS), default="ftm", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="-",
    help="Output file (default: standard output).",
)
@click.option(
    "--published-only",
    is_flag=True,
    help="What the public may see: no drafts, no confidential properties.",
)
@click.option("--schema", default=None, help="Only entities of this schema.")
@click.pass_context
def export(
    ctx: click.Context, fmt: str, output: str, published_only: bool, schema: str | None
) -> None:
    """Export the record as FtM JSON lines, a CSV table, statements CSV, the charges
    table, or the "Hongkongers abroad" downloads.

    The CSV table carries each entity's ID and URL and the URLs of its sources. The
    charges table (--format charges) has one row per person per charge: names, case,
    offence, statute, section, dates, plea, verdict, sentence, custody status and its
    as-of date, release, entity URLs and source URLs. Add --published-only for what the
    public may see. The abroad formats (always published facts only): abroad-figures,
    the emigration figures with period and source; abroad-directory and
    abroad-directory-ftm, the diaspora organisations with their leaders, as CSV or FtM.

    Example: lionrock export --format charges --published-only -o charges.csv
    """
    store = _store(ctx)
    with click.open_file(output, "w", encoding="utf-8") as out:
        count = export_store(
            store,
            out,
            format=fmt,
            base_url=ctx.obj.base_url,
            published_only=published_only,
            schema=schema,
        )
    if output != "-":
        click.echo(f"exported {count} entities to {output}", err=True)


@main.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 200))
@click.pass_context
def search(ctx: click.Context, query: str, as_json: bool, limit: int) -> None:
    """Search names, aliases and text, in English and Chinese.

    Example: lionrock search 家超
    """
    hits = _store(ctx).search(query, limit=limit)
    if as_json:
        click.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no results")
        return
    table = Table("entity", "schema", "id", "matched")
    for hit in hits:
        table.add_row(hit.caption, hit.schema, hit.entity_id, f"{hit.prop}: {hit.matched}")
    Console().print(table)


@main.command()
@click.argument("entity_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, entity_id: str, as_json: bool) -> None:
    """Show an entity: every fact with its citation.

    Example: lionrock show ofac-29250
    """
    store = _store(ctx)
    entity = store.entity(entity_id)
    if entity is None:
        raise click.ClickException(f"no entity with ID {entity_id!r}")
    sources = {s.id: s for s in store.iter_entities(ids={f.source_id for f in entity.facts})}

    facts = [
        {**f.to_dict(), "source": citation(f.source_id, sources.get(f.source_id))}
        for f in entity.facts
    ]
    if as_json:
        data = {"id": entity.id, "schema": entity.schema, "caption": entity.caption, "facts": facts}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{entity.caption}  [{entity.schema}]  {entity.id}")
    for fact in facts:
        src = fact["source"]
        lang = f" [{fact['lang']}]" if fact["lang"] else ""
        flag = " (ALLEGED)" if fact["status"] == "alleged" else ""
        draft = " (draft)" if fact["review"] == "draft" else ""
        click.echo(f"  {fact['prop']}: {fact['value']}{lang}{flag}{draft}")
        where = ", ".join(str(x) for x in (src["publisher"], src["date"], src["url"]) if x)
        click.echo(f"      source: {src['title'] or src['id']} ({where})")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts by schema, events per year, case outcomes and sanctions; the prosecution
    record (persons with national-security-era charges, charges by statute, people by
    current custody status, convicted persons with and without a dated status, the 47's
    release dates, consistency-check failures); Hongkongers abroad (diaspora
    organisations, wanted persons and bounty batches, emigration figures); and facts
    without a source (must be 0).

    Example: lionrock stats --json
    """
    data = compute_stats(_store(ctx))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = Console()
    out.print(
        f"{data['entities']} entities, {data['facts']} facts, "
        f"{data['facts_without_source']} without a source"
    )
    convicted = data["convicted_custody"]
    hk47 = data["hk47"]
    out.print(
        f"{data['nsl_era_persons']} {_plural(data['nsl_era_persons'], 'person')} charged under "
        "national-security-era statutes; "
        f"{convicted['with_dated_status']} of {convicted['persons']} convicted "
        f"{_plural(convicted['persons'], 'person')} with a dated custody status; "
        f"{hk47['with_release_date']} of the {hk47['defendants']} in the 47 case with a "
        f"release date; {data['check_failures']} consistency "
        f"{_plural(data['check_failures'], 'failure')}, {data['check_warnings']} "
        f"{_plural(data['check_warnings'], 'warning')} (lionrock check)"
    )
    abroad = data["abroad"]
    out.print(
        f"Hongkongers abroad: {abroad['diaspora_organisations']} diaspora organisations, "
        f"{abroad['wanted_persons']} wanted persons in {abroad['bounty_batches']} bounty "
        f"batches, {abroad['emigration_figures']} emigration figures, "
        f"{abroad['facts_without_source']} of their facts without a source"
    )
    for title, rows in (
        ("schema", data["schemata"]),
        ("charges by statute", data["charges_by_statute"]),
        ("current custody status", data["custody_status"]),
        ("events per year", data["events_per_year"]),
        ("sanctions (country:program)", {k: v["persons"] for k, v in data["sanctions"].items()}),
    ):
        table = Table(title, "count")
        for key, value in rows.items():
            table.add_row(str(key), str(value))
        out.print(table)
    for case in data["cases"]:
        n = case["defendants"]
        pleas = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in case["pleas"].items())
        verdicts = ", ".join(f"{k} {v}" for k, v in case["verdicts"].items())
        out.print(f"{case['name']}: {n} {_plural(n, 'defendant')}; pleas: {pleas}; "
                  f"verdicts: {verdicts}")  # fmt: skip


def _plural(count: int, word: str) -> str:
    return word if count == 1 else f"{word}s"


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the web app: the public record, its JSON API and the researchers' app.
    Access logs are off and addresses are scrubbed from logs: no client IP is logged.
    Create the first admin with `lionrock users add NAME --admin`.

    Example: lionrock serve --port 8000
    """
    import os
    from dataclasses import replace

    from lionrock.settings import ENV_BASE_URL
    from lionrock.web import create_app, server

    settings = ctx.obj
    if not os.environ.get(ENV_BASE_URL):  # exported URLs point at this server, this port
        settings = replace(settings, base_url=f"http://{host}:{port}")
    app = create_app(settings)
    click.echo(f"serving {ctx.obj.database_url} on http://{host}:{port}", err=True)
    server(app, host=host, port=port).run()


def _register_stage_commands() -> None:
    """Add the commands each pipeline stage defines in its own `lionrock/<stage>/commands.py`
    (a `commands` list of click commands or groups), so stages plug in without editing
    this file."""
    for info in pkgutil.iter_modules(lionrock.__path__):
        if info.ispkg and (Path(lionrock.__path__[0]) / info.name / "commands.py").exists():
            module = importlib.import_module(f"lionrock.{info.name}.commands")
            for command in module.commands:
                main.add_command(command)


_register_stage_commands()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
