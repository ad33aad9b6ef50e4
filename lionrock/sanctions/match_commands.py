"""The `lionrock match` and `lionrock screen` commands (registered by commands.py)."""

from __future__ import annotations

import json
import os
from typing import Any

import click

from lionrock.cli_progress import cli_progress
from lionrock.errors import LionRockError
from lionrock.sanctions.matching import THRESHOLD, MatchResult, compare
from lionrock.sanctions.pairs import LabelledPair, pair_line, read_pairs, score_pairs
from lionrock.sanctions.record import KnownNames
from lionrock.sanctions.screen import Hit, ScreeningIndex, read_names_csv
from lionrock.settings import Settings
from lionrock.store import Store


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


@click.command()
@click.argument("names", nargs=-1)
@click.option(
    "--pairs",
    "pairs_file",
    type=click.Path(dir_okay=False),
    help="A JSON-lines file of pairs to score ('-' for standard input).",
)
@click.option("--threshold", default=THRESHOLD, show_default=True, type=click.FloatRange(0, 1))
@click.option(
    "--record",
    "record_aware",
    is_flag=True,
    help='Record-aware: two names of one person in the store match ("John Lee" / 李家超).',
)
@click.option("--explain", is_flag=True, help="Show the rule that decided and each reason.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def match(
    ctx: click.Context,
    names: tuple[str, ...],
    pairs_file: str | None,
    threshold: float,
    record_aware: bool,
    explain: bool,
    as_json: bool,
) -> None:
    """Compare two names, or score a file of pairs, across Chinese scripts and
    romanizations. Prints the score, the verdict (match, possible, no match) and the
    explanation; --explain also names the rule that decided.

    With --pairs, each line is {"left": ..., "right": ..., "judgement": "positive"} (the
    judgement is optional; a name may be {"name": ..., "birth_date": ...}). One JSON line
    is written per pair, and precision, recall and F1 at the end when judgements are given.
    With --record, names the store knows to be one person's match (its names, aliases
    and a.k.a.), whatever their spelling.

    Example: lionrock match "李家超" "Lee Ka-chiu" --explain
    """
    try:
        record = None
        if record_aware:
            settings: Settings = ctx.obj
            record = KnownNames.from_store(Store(settings.database_url))
        if pairs_file is not None:
            _match_pairs(pairs_file, threshold, record)
            return
        if len(names) != 2:
            raise click.UsageError("give two names, or --pairs FILE")
        result = compare(names[0], names[1], threshold=threshold, record=record)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(_dumps({"left": names[0], "right": names[1], **result.to_dict()}))
        return
    verdict = "MATCH" if result.match else result.verdict
    click.echo(f"{result.score:.3f}  {verdict}\n{result.explanation}")
    if explain:
        click.echo(f"rule: {result.rule}")
        click.echo(f"forms compared: {result.details['left']!r} ~ {result.details['right']!r}")
        click.echo(f"method: {result.details['method']}")
        for reason in result.details["reasons"]:
            click.echo(f"  - {reason}")


def _match_pairs(path: str, threshold: float, record: KnownNames | None) -> None:
    def emit(item: LabelledPair, result: MatchResult) -> None:
        click.echo(_dumps(pair_line(item, result)))

    with click.open_file(path, encoding="utf-8") as fh:
        pairs = list(read_pairs(fh, path=path))  # every line is checked before any output
    scores = score_pairs(pairs, threshold=threshold, on_result=emit, record=record)
    if scores.judged:
        click.echo(_dumps({"metrics": scores.metrics()}))


#: Names screened between two updates of the progress bar.
SCREEN_CHUNK = 200


@click.command()
@click.argument("names_csv", type=click.Path(dir_okay=False))
@click.option(
    "--lists",
    "lists",
    multiple=True,
    help="Only lists whose ID contains this (repeatable), e.g. us-ofac-sdn.",
)
@click.option("--threshold", default=THRESHOLD, show_default=True, type=click.FloatRange(0, 1))
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines, one per hit.")
@click.pass_context
def screen(
    ctx: click.Context, names_csv: str, lists: tuple[str, ...], threshold: float, as_json: bool
) -> None:
    """Screen a CSV of names against every imported sanctions list. Each hit carries its
    score, list, program and explanation.

    The CSV has a `name` column (and optionally `birth_date`), or names in its first
    column.

    Example: lionrock screen names.csv --lists us-ofac-sdn --threshold 0.8
    """
    settings: Settings = ctx.obj
    try:
        with cli_progress("screen") as progress:
            with progress.stage("indexing the lists"):
                index = ScreeningIndex.from_store(Store(settings.database_url), lists=lists)
            queries = list(read_names_csv(names_csv))
            workers = min(2, os.cpu_count() or 1)
            found: list[list[Hit]] = []
            with progress.stage("screening names", total=len(queries)) as advance:
                for start in range(0, len(queries), SCREEN_CHUNK):
                    chunk = queries[start : start + SCREEN_CHUNK]
                    found += index.screen_many(chunk, threshold=threshold, workers=workers)
                    advance(len(chunk))
        hits = [hit for query_hits in found for hit in query_hits]
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    for hit in hits:
        if as_json:
            click.echo(_dumps(hit.to_dict()))
        else:
            click.echo(
                f"{hit.query}\t{hit.caption} [{hit.entity_id}]\t{hit.score:.3f}\t"
                f"{', '.join(hit.lists)}\t{', '.join(hit.programs)}\n  {hit.explanation}"
            )
    click.echo(
        f"{len(queries)} names screened against {len(index.listings)} listed entities: "
        f"{len(hits)} hits",
        err=True,
    )


commands = [match, screen]
