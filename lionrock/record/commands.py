"""`lionrock check`: the prosecution record's consistency checks."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

import click

from lionrock.cli_store import open_store as _store
from lionrock.record import CaseRecord, run_checks
from lionrock.store import Store


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--published-only", is_flag=True, help="Check the published record only.")
@click.option("--strict", is_flag=True, help="Fail on warnings too (e.g. possible duplicates).")
@click.option(
    "--fts", is_flag=True, help="Rebuild and verify the search index instead (after a VACUUM)."
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Check as of this day (default: today).",
)
@click.pass_context
def check(
    ctx: click.Context,
    as_json: bool,
    published_only: bool,
    strict: bool,
    today: datetime | None,
    fts: bool,
) -> None:
    """Check the record's consistency: verdicts after charges, sentences only on
    convictions, releases after sentences, custody statuses dated by their sources and
    agreeing with the latest event, no one in custody with a past release date, no
    future dates, every charge with a defendant and a case; warn of two persons with
    one Chinese name. Each problem names the entity, the facts and their sources.
    Exits 1 on an error (and on a warning with --strict). With --fts, check the search
    index, rebuild it from the statements and check it again (exit 1 if still unsound).

    Example: lionrock check --json
    """
    if fts:
        _check_fts(_store(ctx))
        return
    record = CaseRecord.from_store(_store(ctx), published_only=published_only)
    report = run_checks(record, today=today.date() if today else date.today())
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for problem in report.problems:
            click.echo(problem.describe())
        checked = ", ".join(f"{n} {k}" for k, n in report.checked.items())
        click.echo(
            f"checked {checked}: {len(report.errors)} error(s), {len(report.warnings)} warning(s)",
            err=bool(report.problems),
        )
    if report.errors or (strict and report.warnings):
        sys.exit(1)


def _check_fts(store: Store) -> None:
    before = store.check_search_index()
    for problem in before:
        click.echo(f"before the rebuild: {problem}", err=True)
    count = store.rebuild_search_index()
    after = store.check_search_index()
    for problem in after:
        click.echo(f"after the rebuild: {problem}", err=True)
    state = "unsound" if after else "sound"
    click.echo(
        f"search index rebuilt over {count} values; {state} ({len(before)} problem(s) before)"
    )
    if after:
        sys.exit(1)


commands = [check]
