"""`lionrock library ...`: import, search, link, review, cite and count newsroom archives."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from lionrock.cli_progress import cli_progress
from lionrock.errors import LionRockError
from lionrock.library._import import IMPORTERS, import_archive
from lionrock.library._link import link_entities
from lionrock.library._review import cite_article, mentions, review_mention
from lionrock.library._search import search_library
from lionrock.library._timeline import article_timeline
from lionrock.library.extract import KINDS, MIN_CONFIDENCE, extract_articles, list_suggestions
from lionrock.render.timeline_svg import timeline_svg
from lionrock.settings import Settings
from lionrock.store import Store

T = TypeVar("T")


def _run(ctx: click.Context, call: Callable[[Store], T]) -> T:
    """Open the store and run one library call, as a clean CLI error on failure."""
    settings: Settings = ctx.obj
    try:
        store = Store(settings.database_url)
    except Exception as exc:  # a bad URL or an unreachable server
        raise click.ClickException(f"cannot open the store: {exc}") from exc
    try:
        return call(store)
    except LionRockError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
def library() -> None:
    """The research library: newsroom archives, searched and linked to the record.

    Example: lionrock library search 邹幸彤
    """


@library.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(sorted(IMPORTERS)), required=True)
@click.option("--publisher", default=None, help="The outlet (default: the format's own).")
@click.option("--accessed", default=None, help="Date recorded for undated pages (YYYY-MM-DD).")
@click.option(
    "--review", type=click.Choice(["draft", "published"]), default="draft", show_default=True
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write each item set aside or cleaned, with path, line and reason (JSON lines).",
)
@click.option("--strict", is_flag=True, help="Exit 1 when any item was set aside.")
@click.pass_context
def import_(
    ctx: click.Context,
    path: str,
    fmt: str,
    publisher: str | None,
    accessed: str | None,
    review: str,
    report_path: str | None,
    strict: bool,
) -> None:
    """Import an archive (a folder, file, tar.xz, WARC or WACZ) as cited Articles.

    Every good item is imported; each bad one (not UTF-8, broken front matter, empty,
    truncated, too large) is set aside and counted by reason, and listed with its path
    and line in the --report file. Control characters are stripped before parsing.
    Re-importing gives the same IDs: no duplicates, and editors' review states are kept.

    Example: lionrock library import hkcnews-2020-06-to-2021-08.tar.xz --format hkcnews
    """
    with cli_progress("library import") as progress:
        report = _run(ctx, lambda s: import_archive(s, path=path, format=fmt, publisher=publisher,
                                                    accessed=accessed, review=review,
                                                    progress=progress))  # fmt: skip
    click.echo(
        f"imported {report.articles} articles ({report.new} new, {report.changed} changed, "
        f"{report.unchanged} unchanged; {report.skipped} set aside), {report.facts} facts, "
        f"dated {report.first_date} to {report.last_date}"
    )
    for reason, count in report.skip_reasons.most_common():
        click.echo(f"  set aside {count}: {reason}", err=True)
    if report.cleaned:
        click.echo(f"  cleaned {report.cleaned}: control characters stripped", err=True)
    if report_path:
        with open(report_path, "w", encoding="utf-8") as fh:
            for item in report.items:
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
        click.echo(f"report: {report_path} ({len(report.items)} items)", err=True)
    if strict and report.skipped:
        raise click.ClickException(f"{report.skipped} item(s) set aside (--strict)")


@library.command()
@click.argument("query")
@click.option("--from", "date_from", default=None, help="From date (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="To date, inclusive.")
@click.option("--outlet", default=None, help="Only this publisher.")
@click.option("--tag", default=None, help="Only articles with this tag or section.")
@click.option("--author", default=None, help="Only articles by this author.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 200))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def search(ctx: click.Context, /, query: str, as_json: bool, limit: int, **filters: Any) -> None:
    """Search the articles, in Chinese (either script) and English.

    Terms must all match; "quoted words" are a phrase; word* is a prefix.

    Example: lionrock library search "邹幸彤" --from 2021-06 --outlet "Citizen News"
    """
    hits = _run(ctx, lambda s: search_library(s, query=query, limit=limit, **filters))
    if as_json:
        _echo_json([h.to_dict() for h in hits])
        return
    out = Console()
    for hit in hits:
        marked, last = "", 0
        for start, end in hit.highlights:
            marked += (
                escape(hit.snippet[last:start]) + f"[bold red]{escape(hit.snippet[start:end])}[/]"
            )
            last = end
        marked += escape(hit.snippet[last:])
        out.print(f"[bold]{escape(hit.title)}[/]  {hit.publisher} {hit.date or ''}  {hit.id}")
        out.print(f"  {marked}")
    if not hits:
        click.echo("no results")


@library.command()
@click.option("--entity", "entity_ids", multiple=True, help="Only this entity (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the new suggestions as JSON.")
@click.pass_context
def link(ctx: click.Context, entity_ids: tuple[str, ...], as_json: bool) -> None:
    """Suggest Mention links from the record's people and organisations to articles.

    Each suggestion waits in review state `suggested` for an editor
    (`lionrock library review`).

    Example: lionrock library link --entity lr-person-benny-tai
    """
    report = _run(ctx, lambda s: link_entities(s, entity_ids=list(entity_ids) or None))
    if as_json:
        _echo_json([s.to_dict() for s in report.new])
        return
    for s in report.new[:50]:
        click.echo(f"{s.mention_id}  {s.entity_id} in {s.article_id}: {s.snippet}")
    click.echo(
        f"{len(report.new)} new suggestions ({report.existing} already made) for "
        f"{report.entities} entities; {report.forms_used} name forms used, "
        f"{len(report.forms_refused)} refused"
    )


@library.command("mentions")
@click.option("--entity", "entity_id", default=None, help="Only this entity's.")
@click.option(
    "--review",
    type=click.Choice(["suggested", "published", "rejected", "all"]),
    default="suggested",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def mentions_(ctx: click.Context, entity_id: str | None, review: str, as_json: bool) -> None:
    """List Mention links with their matched snippets.

    Example: lionrock library mentions --entity lr-person-benny-tai
    """
    state = None if review == "all" else review
    found = _run(ctx, lambda s: mentions(s, entity_id=entity_id, review=state))
    if as_json:
        _echo_json(found)
        return
    table = Table("mention", "entity", "article", "date", "snippet")
    for m in found:
        table.add_row(m["id"], m["entity"], m["title"] or m["article"], m["date"], m["snippet"])
    Console().print(table)


@library.command()
@click.argument("mention_id")
@click.option("--confirm", "decision", flag_value="confirm", help="Publish the link.")
@click.option("--reject", "decision", flag_value="reject", help="Reject the link.")
@click.pass_context
def review(ctx: click.Context, mention_id: str, decision: str | None) -> None:
    """Confirm or reject a suggested Mention.

    Confirming publishes the link and the article's title, date, outlet and links (never
    its text).

    Example: lionrock library review mention-0123abcd --confirm
    """
    if decision is None:
        raise click.UsageError("give --confirm or --reject")
    result = _run(ctx, lambda s: review_mention(s, mention_id=mention_id, decision=decision))
    click.echo(f"{result['mention']}: {result['review']}")


@library.command()
@click.argument("article_id")
@click.option("--entity", "entity_id", required=True, help="The entity the fact is about.")
@click.option("--prop", required=True, help="The property, e.g. position.")
@click.option("--value", required=True, help="The value.")
@click.option("--schema", default=None, help="Schema, to create a new entity.")
@click.option("--lang", default=None, help="Language of the value (ISO 639-3).")
@click.option("--alleged", is_flag=True, help="Record the fact as alleged.")
@click.option("--recorded-by", default="cli", show_default=True)
@click.pass_context
def cite(
    ctx: click.Context,
    article_id: str,
    entity_id: str,
    prop: str,
    value: str,
    schema: str | None,
    lang: str | None,
    alleged: bool,
    recorded_by: str,
) -> None:
    """Record a new fact citing an article as its source (a draft until reviewed).

    Example: lionrock library cite hkcnews-43224 --entity lr-person-x --prop position
    --value "Vice-chair"
    """
    fact = _run(
        ctx,
        lambda s: cite_article(
            s,
            article_id=article_id,
            entity_id=entity_id,
            prop=prop,
            value=value,
            schema=schema,
            lang=lang,
            status="alleged" if alleged else "confirmed",
            recorded_by=recorded_by,
        ),
    )
    click.echo(f"recorded {fact.entity_id}.{fact.prop} = {fact.value!r}, citing {article_id}")


@library.command()
@click.option("--entity", "entity_id", default=None, help="Only articles mentioning it.")
@click.option("--outlet", default=None, help="Only this publisher.")
@click.option("--from", "date_from", default=None, help="From date.")
@click.option("--to", "date_to", default=None, help="To date, inclusive.")
@click.option("--format", "fmt", type=click.Choice(["json", "svg"]), default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default="-")
@click.pass_context
def timeline(ctx: click.Context, /, fmt: str, output: str, **filters: Any) -> None:
    """Articles per month per outlet (or mentioning an entity), with the record's events.

    Example: lionrock library timeline --entity lr-person-jimmy-lai --format svg -o lai.svg
    """
    data = _run(ctx, lambda s: article_timeline(s, **filters))
    with click.open_file(output, "w", encoding="utf-8") as out:
        if fmt == "svg":
            title = f"Articles per month{' mentioning ' + data['entity'] if data['entity'] else ''}"
            out.write(
                timeline_svg(
                    months=data["months"], series=data["series"], events=data["events"], title=title
                )
            )
        else:
            out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@library.command()
@click.option("--since", default=None, help="Only articles published on or after (YYYY-MM-DD).")
@click.option("--article", "article_ids", multiple=True, help="Only this article (repeatable).")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=MIN_CONFIDENCE,
    show_default=True,
    help="Leave out suggestions less sure than this.",
)
@click.option("--json", "as_json", is_flag=True, help="One new suggestion per line, as JSON.")
@click.pass_context
def extract(
    ctx: click.Context,
    since: str | None,
    article_ids: tuple[str, ...],
    min_confidence: float,
    as_json: bool,
) -> None:
    """Suggest court-case facts (arrests, charges, bail, pleas, verdicts, sentences,
    custody, release) from the imported articles, each quoting its sentence.

    Suggestions wait, apart from the facts, for an editor in the web app's queue
    (/app/suggestions). A re-run proposes nothing already suggested, accepted or rejected.

    Example: lionrock library extract --since 2021-01-01 --json
    """
    report = _run(
        ctx,
        lambda s: extract_articles(
            s, since=since, article_ids=list(article_ids) or None, min_confidence=min_confidence
        ),
    )
    if as_json:
        for proposal in report.new:
            click.echo(json.dumps(proposal.to_dict(), ensure_ascii=False))
        return
    for p in report.new[:50]:
        click.echo(f"{p.article}  {p.person}  {p.kind} {p.value}  {p.date or ''}  {p.quote[:60]}")
    click.echo(
        f"{len(report.new)} new suggestions ({report.known} made before) from "
        f"{report.articles} articles"
    )


@library.command()
@click.option(
    "--state",
    type=click.Choice(["suggested", "accepted", "rejected", "all"]),
    default="suggested",
    show_default=True,
)
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only this kind.")
@click.option("--person", default=None, help="Only this person (name or entity ID).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 500))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def suggestions(
    ctx: click.Context,
    state: str,
    kind: str | None,
    person: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """List suggested facts with their quotes (review them in the web app).

    Example: lionrock library suggestions --kind sentence --person 黃之鋒
    """
    found = _run(
        ctx,
        lambda s: list_suggestions(
            s, state=None if state == "all" else state, kind=kind, person=person, limit=limit
        ),
    )
    if as_json:
        _echo_json([{k: v for k, v in f.items() if k != "paragraph_text"} for f in found])
        return
    table = Table("id", "article", "person", "kind", "value", "date", "quote")
    for f in found:
        table.add_row(
            f["id"], f["article_id"], f["person"], f["kind"], f["value"], f["date"], f["quote"]
        )
    Console().print(table)


commands = [library]
