"""Import a newsroom archive: Article facts into the Store, bodies into the library.

Real archives are dirty (issue #18): every good item is imported and each bad one (not
UTF-8, broken front matter, empty, truncated, over the size limit, a `../` path) is set
aside with its path, line and reason in the report, which `lionrock library import
--report FILE` writes as JSON lines. Control characters are stripped before parsing, and
each article that lost some is listed in the report too ("cleaned").

One transaction: the facts are validated by `write_records` (file, line and field on any
problem) and the bodies written and indexed on the same connection, so a failed import
leaves the store exactly as it was. Re-importing gives the same IDs and no duplicates,
and keeps the review state an editor gave an article.
"""

from __future__ import annotations

import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, select

from lionrock.errors import LionRockError, LoadError, Location, Problem
from lionrock.library._index import IndexCounts, put_texts
from lionrock.progress import QUIET, Progress
from lionrock.sources import (
    Defaults,
    Record,
    appledaily,
    hkcnews,
    html_page,
    markdown_archive,
    web_archive,
    write_records,
)
from lionrock.sources._article import ArticleDoc, Skipped, article_records
from lionrock.sources._load import record_problems
from lionrock.store import Store, utcnow
from lionrock.store._tables import statements

log = logging.getLogger(__name__)
Importer = Callable[..., Iterator[ArticleDoc | Skipped]]
IMPORTERS: dict[str, Importer] = {
    "hkcnews": hkcnews.articles,
    "appledaily": appledaily.articles,
    "markdown": markdown_archive.articles,
    "html": html_page.articles,
    "warc": web_archive.articles,
}
BATCH = 500


@dataclass
class ImportReport:
    """What an import did."""

    articles: int = 0
    skipped: int = 0
    skip_reasons: Counter[str] = field(default_factory=Counter)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    facts: int = 0
    first_date: str | None = None
    last_date: str | None = None
    publishers: Counter[str] = field(default_factory=Counter)
    #: one entry per item set aside or cleaned: path, line, field, action and reason
    items: list[dict[str, Any]] = field(default_factory=list)
    cleaned: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "publishers": dict(self.publishers),
            "skip_reasons": dict(self.skip_reasons),
        }

    def set_aside(self, item: Skipped) -> None:
        self.skipped += 1
        self.skip_reasons[reason_kind(item.reason)] += 1
        self.items.append(_entry(item.location, "set aside", item.reason))

    def note(self, doc: ArticleDoc) -> None:
        self.cleaned += 1
        for note in doc.notes:
            self.items.append(_entry(doc.location, "cleaned", note, doc.id))


def _entry(
    location: Location, action: str, reason: str, article: str | None = None
) -> dict[str, Any]:
    entry = {
        "path": location.path,
        "line": location.line,
        "field": location.field,
        "action": action,
        "reason": reason[:500],
    }
    return {**entry, "article": article} if article else entry


def reason_kind(reason: str) -> str:
    """The kind of a reason, for counting: its words before any detail (a colon, a
    number, a quote).

    Example: `reason_kind("not UTF-8 text at byte 12: invalid start byte")` returns
    `"not UTF-8 text"`.
    """
    head = re.split(r":| at byte | at line |\s\d|'|\"|\(", reason, maxsplit=1)[0]
    return head.strip() or reason[:40]


def _reviews(conn: Connection, ids: list[str]) -> dict[str, str]:
    """The review state each existing article's title has (what an editor decided)."""
    query = select(statements.c.entity_id, statements.c.review).where(
        statements.c.entity_id.in_(ids), statements.c.prop == "title"
    )
    return {r.entity_id: r.review for r in conn.execute(query)}


class _Batches:
    """Streams records, writing each batch of bodies before yielding its facts."""

    def __init__(self, conn: Connection, defaults: Defaults, report: ImportReport) -> None:
        self.conn = conn
        self.defaults = defaults
        self.report = report

    def records(self, docs: Iterable[ArticleDoc]) -> Iterator[Record]:
        iterator = iter(docs)
        while batch := list(islice(iterator, BATCH)):
            batch = [doc for doc in batch if self._valid(doc)]
            counts: IndexCounts = put_texts(self.conn, batch)
            self.report.new += counts.new
            self.report.changed += counts.changed
            self.report.unchanged += counts.unchanged
            kept = _reviews(self.conn, [d.id for d in batch])
            for doc in batch:
                self._count(doc)
                review = kept.get(doc.id)
                defaults = self.defaults.merged({"review": review}) if review else self.defaults
                yield from article_records(doc, defaults)

    def _valid(self, doc: ArticleDoc) -> bool:
        """Whether the article's facts are valid; if not, it is set aside, not the archive."""
        if not doc.date():
            # a source needs a date: without one the whole import would be refused
            reason = "no publication or archive date (for saved pages, give --accessed)"
            self.report.set_aside(Skipped(doc.location, reason))
            return False
        problems = record_problems(article_records(doc, self.defaults))
        if problems:
            reason = "; ".join(f"field '{p.location.field}': {p.message}" for p in problems)
            self.report.set_aside(Skipped(doc.location, reason))
        return not problems

    def _count(self, doc: ArticleDoc) -> None:
        self.report.articles += 1
        self.report.publishers[doc.publisher] += 1
        date = doc.date()
        if date:
            if self.report.first_date is None or date < self.report.first_date:
                self.report.first_date = date
            if self.report.last_date is None or date > self.report.last_date:
                self.report.last_date = date


def import_archive(
    store: Store,
    *,
    path: str,
    format: str,
    publisher: str | None = None,
    review: str = "draft",
    recorded_by: str = "library",
    accessed: str | None = None,
    progress: Progress = QUIET,
) -> ImportReport:
    """Import every good article of an archive, in one transaction; each bad item is set
    aside and listed in the report's `items` with its path, line and reason. `progress`
    counts the articles read.

    `accessed` is recorded as `retrievedAt` for articles with neither a publication nor
    an archive date (a saved page, say): a source needs a date.

    Example:
        import_archive(store, path="hkcnews-2020-06-to-2021-08.tar.xz", format="hkcnews")
    """
    importer = IMPORTERS.get(format)
    if importer is None:
        raise LionRockError(f"unknown format {format!r}; use one of {', '.join(IMPORTERS)}")
    defaults = Defaults(review=review, recorded_by=recorded_by, recorded_at=utcnow())
    report = ImportReport()

    if not os.path.exists(path):
        raise LoadError([Problem(Location(path), "no such file or folder")])

    def dated(docs: Iterator[ArticleDoc | Skipped]) -> Iterator[ArticleDoc]:
        for doc in docs:
            if isinstance(doc, Skipped):
                log.info("%s: set aside: %s", doc.location, doc.reason)
                report.set_aside(doc)
                continue
            if doc.notes:
                report.note(doc)
            if accessed and not doc.date():
                doc.retrieved_at = accessed
            yield doc

    with store.write() as writer:
        batches = _Batches(writer.conn, defaults, report)
        docs = progress.track(dated(importer(path, publisher=publisher)), "reading articles")
        loaded = write_records(writer, batches.records(docs))
        report.facts = loaded.facts
    return report
