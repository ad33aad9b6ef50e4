"""The `lionrock` command: each command parses, calls the library, and reports."""

from __future__ import annotations

import importlib
import json
import logging
import pkgutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

import lionrock
from lionrock import __version__
from lionrock.cli_store import open_store as _store
from lionrock.errors import LionRockError
from lionrock.settings import MAX_WEB_WORKERS, Settings

if TYPE_CHECKING:
    from lionrock.sources import Defaults
    from lionrock.store import Store

# Heavy modules (FollowTheMoney, SQLAlchemy, rich, each stage's commands) are imported
# where they are used, so `lionrock --help` and `lionrock search` start in under 0.5 s
# (issue #13, item 5; bench/startup.py).


class LazyChoice(click.Choice):  # type: ignore[type-arg]
    """A `click.Choice` whose choices come from a module imported only when a command
    that has the option runs or shows its help.

    Example: `type=LazyChoice(lambda: sorted(FORMATS))`.
    """

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load
        self._choices: tuple[str, ...] | None = None
        self.case_sensitive = True

    @property  # type: ignore[override]
    def choices(self) -> Sequence[str]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        self._choices = tuple(value)


def _formats() -> list[str]:
    from lionrock.sources import FORMATS

    return sorted(FORMATS)


def _exporters() -> Sequence[str]:
    from lionrock.export import EXPORTERS

    return EXPORTERS


def _load(store: Store, paths: list[str], defaults: Defaults, fmt: str | None) -> None:
    from lionrock.cli_progress import cli_progress
    from lionrock.sources import load_records, read_records

    try:
        with cli_progress("load") as progress:
            records = read_records(paths, defaults=defaults, format=fmt)
            report = load_records(store, progress.track(records, "loading"))
    except LionRockError as exc:
        raise click.ClickException(f"nothing was loaded:\n{exc}") from exc
    click.echo(
        f"loaded {report.facts} facts on {report.entities} entities from {len(paths)} file(s)"
    )


#: The commands each pipeline stage defines in `lionrock/<stage>/commands.py` (its
#: `commands` list), with the short help `lionrock --help` shows: the module is imported
#: only when its command runs. tests/test_cli.py checks this table against the modules;
#: a stage missing from it still works (`_unlisted_stage_commands`), only slower to start.
STAGE_COMMANDS: dict[str, tuple[str, str]] = {
    "archive": ("evidence", "Capture URLs into signed, timestamped WACZ evidence under..."),
    "audit": ("audit", "The hash-chained audit log of every change, review and account..."),
    "backup": ("store", "Back up the store and its evidence files into one tar file:..."),
    "check": ("record", "Check the record's consistency: verdicts after charges,..."),
    "dossier": ("sanctions", "Write a person's evidence dossier as HTML, PDF and an FtM..."),
    "evidence": ("evidence", "Verify, import, list and replay evidence files."),
    "intake": ("intake", "Secure intake: receive tips and documents sealed to keys kept..."),
    "keygen": ("release", "Create the release signing key (Ed25519, minisign format)."),
    "library": ("library", "The research library: newsroom archives, searched and linked..."),
    "match": ("sanctions", "Compare two names, or score a file of pairs, across Chinese..."),
    "mirrors": ("release", "Sign the list of mirrors, and check what each mirror serves."),
    "restore": ("store", "Restore a backup into this home's (empty) store and evidence..."),
    "publish": ("publish", "Build the static site from published records only, in English,..."),
    "sanctions": ("sanctions", "Sanctions lists: import snapshots, compare them, and show..."),
    "screen": ("sanctions", "Screen a CSV of names against every imported sanctions list."),
    "sign": ("release", "Sign a built site: manifest.json (written if missing) and TUF..."),
    "sources": ("evidence", "Work with cited sources: check that their URLs are still online."),
    "users": ("auth", "Accounts of the web app: reader, contributor, reviewer, admin."),
    "verify": ("release", "Check a copy of the site (a folder, an http(s) URL, a .zim or a..."),
}


def stage_commands(stage: str) -> list[click.Command]:
    """The click commands of one stage (`lionrock.<stage>.commands.commands`)."""
    return list(importlib.import_module(f"lionrock.{stage}.commands").commands)


def _unlisted_stages() -> list[str]:
    """Stages with a `commands.py` that `STAGE_COMMANDS` does not name."""
    listed = {stage for stage, _ in STAGE_COMMANDS.values()}
    root = Path(lionrock.__path__[0])
    return [
        info.name
        for info in pkgutil.iter_modules(lionrock.__path__)
        if info.ispkg and info.name not in listed and (root / info.name / "commands.py").exists()
    ]


def _unlisted_stage_commands() -> dict[str, click.Command]:
    """The commands of `_unlisted_stages` (imported: they are not in the table)."""
    return {c.name or "": c for stage in _unlisted_stages() for c in stage_commands(stage)}


def _unlisted_names() -> list[str]:
    return list(_unlisted_stage_commands()) if _unlisted_stages() else []


class _Commands(dict[str, click.Command]):
    """A group's commands that loads every stage's the first time the whole set, or a
    name not yet loaded, is asked for (`main.commands["intake"]`, `sorted(main.commands)`),
    so code that reads the dict sees every command."""

    def __init__(self, load: Callable[[], None], found: dict[str, click.Command]) -> None:
        super().__init__(found)
        self._load: Callable[[], None] | None = load

    def _all(self) -> None:
        load, self._load = self._load, None
        if load is not None:
            load()

    def loaded(self, name: str) -> bool:
        """Whether `name` is loaded already (loads nothing)."""
        return dict.__contains__(self, name)

    def __missing__(self, key: str) -> click.Command:
        self._all()
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def __contains__(self, key: object) -> bool:
        self._all()
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._all()
        return dict.__len__(self)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def keys(self) -> Any:
        self._all()
        return dict.keys(self)

    def items(self) -> Any:
        self._all()
        return dict.items(self)

    def values(self) -> Any:
        self._all()
        return dict.values(self)


class LionRockGroup(click.Group):
    """The `lionrock` group: its own commands, and each stage's, imported on first use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: _Commands = _Commands(self._load_all, self.commands)

    def _load_all(self) -> None:
        for stage in dict.fromkeys(stage for stage, _ in STAGE_COMMANDS.values()):
            self._add_stage(stage)
        for command in _unlisted_stage_commands().values():
            self.add_command(command)

    def _add_stage(self, stage: str) -> None:
        for command in stage_commands(stage):
            if not self.commands.loaded(command.name or ""):
                self.add_command(command)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*dict.keys(self.commands), *STAGE_COMMANDS, *_unlisted_names()})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if not self.commands.loaded(cmd_name) and cmd_name in STAGE_COMMANDS:
            self._add_stage(STAGE_COMMANDS[cmd_name][0])
        command: click.Command | None = self.commands.get(cmd_name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in STAGE_COMMANDS and not self.commands.loaded(name):
                rows.append((name, STAGE_COMMANDS[name][1]))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LionRockGroup)
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
    from lionrock.bundled import bundled_files
    from lionrock.sources import Defaults

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
    type=LazyChoice(_formats),
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
    from lionrock.sources import Defaults

    defaults = Defaults(review=review, recorded_by=recorded_by, source_id=source_id)
    _load(_store(ctx), list(files), defaults, fmt)


@main.command()
@click.option("--format", "fmt", type=LazyChoice(_exporters), default="ftm", show_default=True)
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
    offence, statute, section, dates, plea, verdict, appeal outcome and whether the
    conviction stands, sentence, custody status and its as-of date, release, entity URLs
    and source URLs. Add --published-only for what the
    public may see. The abroad formats (always published facts only): abroad-figures,
    the emigration figures with period and source; abroad-directory and
    abroad-directory-ftm, the diaspora organisations with their leaders, as CSV or FtM.

    Example: lionrock export --format charges --published-only -o charges.csv
    """
    from lionrock.export import export_store

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
    from rich.console import Console
    from rich.table import Table

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
    from lionrock.store import citation

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
    record (persons with national-security-era charges, persons named as charged, arrested
    or wanted under those statutes, charges by statute, people by
    current custody status, convicted persons with and without a dated status, the 47's
    release dates, consistency-check failures); Hongkongers abroad (diaspora
    organisations, wanted persons and bounty batches, emigration figures); and facts
    without a source (must be 0).

    Example: lionrock stats --json
    """
    from rich.console import Console
    from rich.table import Table

    from lionrock.stats import compute_stats

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
    named = data["nsl_era_named"]
    out.print(
        f"{data['nsl_era_persons']} {_plural(data['nsl_era_persons'], 'person')} charged under "
        "national-security-era statutes; "
        f"{named['persons']} named as charged, arrested or wanted under them ({named['charged']} "
        f"charged, {named['arrested_only']} arrested only, {named['wanted_only']} wanted only); "
        f"{convicted['with_dated_status']} of {convicted['persons']} convicted "
        f"{_plural(convicted['persons'], 'person')} with a dated custody status; "
        f"{hk47['with_release_date']} of the {hk47['defendants']} in the 47 case with a "
        f"release date; {data['check_failures']} consistency "
        f"{_plural(data['check_failures'], 'failure')}, {data['check_warnings']} "
        f"{_plural(data['check_warnings'], 'warning')} (lionrock check)"
    )
    out.print(
        f"{data['in_custody_persons']} in custody now; {data['term_ended_persons']} serving a "
        "sentence as of a past date whose reported sentence has ended, no release report found"
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
@click.option("--workers", type=click.IntRange(1, MAX_WEB_WORKERS), default=None,
              help="Processes to answer from (one per core). Default: LIONROCK_WEB_WORKERS, "
              "else 1.")  # fmt: skip
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, workers: int | None) -> None:
    """Serve the web app: the public record, its JSON API and the researchers' app.
    Access logs are off and addresses are scrubbed from logs: no client IP is logged.
    Create the first admin with `lionrock users add NAME --admin`.

    Example: lionrock serve --port 8000 --workers 2
    """
    import os
    from dataclasses import replace

    from lionrock.settings import ENV_BASE_URL
    from lionrock.web import create_app, server

    settings = ctx.obj
    if not os.environ.get(ENV_BASE_URL):  # exported URLs point at this server, this port
        settings = replace(settings, base_url=f"http://{host}:{port}")
    workers = workers or settings.web_workers
    if workers > 1:
        from lionrock.web import serve_workers

        click.echo(f"serving {settings.database_url} on http://{host}:{port}, "
                   f"{workers} processes", err=True)  # fmt: skip
        serve_workers(settings, host=host, port=port, workers=workers)
        return
    app = create_app(settings)
    click.echo(f"serving {ctx.obj.database_url} on http://{host}:{port}", err=True)
    server(app, host=host, port=port).run()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
