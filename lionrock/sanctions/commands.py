"""CLI: `lionrock sanctions import|diff|gaps|snapshots`, `lionrock dossier`, and (from
match_commands.py) `lionrock match` and `lionrock screen`."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from lionrock.cli_progress import cli_progress
from lionrock.cli_store import open_store as _store
from lionrock.errors import LionRockError
from lionrock.sanctions import match_commands
from lionrock.sanctions.chart import designations_chart
from lionrock.sanctions.dossier import write_dossier
from lionrock.sanctions.gaps import SORTS, gap_matrix
from lionrock.sanctions.lists import LIST_NAMES, diff_snapshots, import_list, list_snapshots
from lionrock.sanctions.render import FIXED, GAP_FORMATS, render_gaps, table_rows
from lionrock.sources import Defaults


@click.group()
def sanctions() -> None:
    """Sanctions lists: import snapshots, compare them, and show the gap matrix.

    Example: lionrock sanctions import us-ofac-sdn-2024-05-03.csv --list us-ofac-sdn
    """


@sanctions.command("import")
@click.argument("file", type=click.Path(exists=True))
@click.option(
    "--list",
    "list_name",
    required=True,
    type=click.Choice(LIST_NAMES),
    help="Which list the file is.",
)
@click.option(
    "--snapshot-date", default=None, help="The list's date (YYYY-MM-DD); by default from the file."
)
@click.option(
    "--review",
    type=click.Choice(["draft", "published"]),
    default="published",
    show_default=True,
    help="Review state of the imported facts (official lists are public record).",
)
@click.pass_context
def import_command(
    ctx: click.Context, file: str, list_name: str, snapshot_date: str | None, review: str
) -> None:
    """Import one snapshot of a list (all or nothing); earlier snapshots are kept.

    FILE is a CSV for us-ofac-sdn and us-ofac-cons, the folder of relational CSVs for
    gb-uk, and targets.simple.csv or FtM JSON lines for opensanctions.

    Example: lionrock sanctions import gb-uk-sanctions-list-2026 --list gb-uk
    """
    defaults = Defaults(review=review, recorded_by="sanctions-import")
    try:
        with cli_progress("sanctions import") as progress:
            report = import_list(_store(ctx), path=file, list_name=list_name,
                                 snapshot_date=snapshot_date, defaults=defaults,
                                 progress=progress)  # fmt: skip
    except LionRockError as exc:
        raise click.ClickException(f"nothing was imported:\n{exc}") from exc
    snap = report.snapshot
    if report.already_imported:
        click.echo(f"{snap.list_name} {snap.date} is already imported (SHA-256 {snap.sha256})")
        return
    click.echo(
        f"imported {snap.list_name} {snap.date}: {snap.facts} facts on "
        f"{snap.entities} entities, SHA-256 {snap.sha256}"
    )


@sanctions.command("snapshots")
@click.option("--list", "list_name", type=click.Choice(LIST_NAMES), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def snapshots_command(ctx: click.Context, list_name: str | None, as_json: bool) -> None:
    """List the imported snapshots with their dates and SHA-256.

    Example: lionrock sanctions snapshots --list us-ofac-sdn
    """
    found = list_snapshots(_store(ctx), list_name=list_name)
    if as_json:
        click.echo(json.dumps([s.to_dict() for s in found], indent=2))
        return
    for s in found:
        click.echo(f"{s.list_name}\t{s.date}\t{s.sha256}\t{s.facts} facts\t{s.file_name}")


@sanctions.command("diff")
@click.option("--list", "list_name", required=True, type=click.Choice(LIST_NAMES))
@click.option(
    "--from", "from_date", default=None, help="Older snapshot date (default: the one before --to)."
)
@click.option("--to", "to_date", default=None, help="Newer snapshot date (default: the latest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def diff_command(
    ctx: click.Context, list_name: str, from_date: str | None, to_date: str | None, as_json: bool
) -> None:
    """Designations added and removed between two snapshots of a list.

    Example: lionrock sanctions diff --list us-ofac-sdn --from 2021-08-18 --to 2024-05-03
    """
    try:
        diff = diff_snapshots(
            _store(ctx), list_name=list_name, from_date=from_date, to_date=to_date
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"{list_name} {diff.from_date} -> {diff.to_date}: "
        f"{len(diff.added)} added, {len(diff.removed)} removed"
    )
    for sign, items in (("+", diff.added), ("-", diff.removed)):
        for d in items:
            click.echo(f"{sign} {d.program}\t{d.entity_id}\t{d.name}")


@sanctions.command("gaps")
@click.option("--format", "fmt", type=click.Choice(GAP_FORMATS), default="table", show_default=True)
@click.option(
    "--program",
    "programs",
    multiple=True,
    help="Also list persons under this program (repeatable).",
)
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="conduct",
    show_default=True,
    help="Order: most documented conduct, most recommendations, or by name.",
)
@click.option("--published-only", is_flag=True, help="Leave out drafts.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="-",
    help="Output file (default: standard output).",
)
@click.pass_context
def gaps_command(
    ctx: click.Context,
    fmt: str,
    programs: tuple[str, ...],
    sort: str,
    published_only: bool,
    output: str,
) -> None:
    """The gap matrix: who is responsible, and who has sanctioned them where.

    Rows are persons with a cited responsible role, a sanctions recommendation or a
    designation under a Hong Kong program (HK-EO13936, HKAA); never victims. Each
    jurisdiction column (US, UK, EU, CA, AU, NZ, JP, TW) names the lists imported for
    it and their snapshot dates, or says "no list checked".

    Example: lionrock sanctions gaps --format csv --sort recommendations -o gaps.csv
    """
    matrix = gap_matrix(_store(ctx), programs=programs, published_only=published_only, sort=sort)
    if fmt != "table":
        with click.open_file(output, "w", encoding="utf-8") as out:
            out.write(render_gaps(matrix, format=fmt, sort=sort))
        return
    header, *body = table_rows(matrix)
    keep = [1, 4, *range(len(FIXED), len(header))]
    table = Table(*(header[i] for i in keep), title="Sanctions gap matrix")
    for cells in body:
        table.add_row(*(cells[i] or "—" for i in keep))
    console = Console(record=output != "-")
    console.print(table)
    console.print(", ".join(f"{k}: {v}" for k, v in matrix.summary().items()))
    if output != "-":
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(console.export_text())


@sanctions.command("chart")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="-",
    help="SVG file to write (default: standard output).",
)
@click.option("--include-drafts", is_flag=True, help="Include draft facts.")
@click.pass_context
def chart_command(ctx: click.Context, output: str, include_drafts: bool) -> None:
    """A chart (SVG) of designations and the PRC's counter-sanctions over time.

    Example: lionrock sanctions chart -o designations.svg
    """
    svg = designations_chart(_store(ctx), published_only=not include_drafts)
    with click.open_file(output, "w", encoding="utf-8") as out:
        out.write(svg)


@click.command("dossier")
@click.argument("entity_id")
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write to.",
)
@click.option("--include-drafts", is_flag=True, help="Include draft facts (never for publication).")
@click.pass_context
def dossier(ctx: click.Context, entity_id: str, out_dir: str, include_drafts: bool) -> None:
    """Write a person's evidence dossier as HTML, PDF and an FtM bundle.

    Example: lionrock dossier ofac-29250 -o dossiers/
    """
    try:
        files = write_dossier(
            _store(ctx), entity_id=entity_id, out_dir=out_dir, published_only=not include_drafts
        )
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {files.html}, {files.pdf} and {files.ftm}")


commands = [sanctions, dossier, *match_commands.commands]
