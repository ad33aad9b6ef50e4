"""Import a newsroom archive: Article facts into the Store, bodies into the library.

One transaction: the facts are validated by `write_records` (file, line and field on any
problem) and the bodies written and indexed on the same connection, so a refused import
leaves the store exactly as it was. Re-importing gives the same IDs and no duplicates,
and keeps the review state an editor gave an article.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, select

from lionrock.errors import LionRockError
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

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.__dict__,
            "publishers": dict(self.publishers),
            "skip_reasons": dict(self.skip_reasons),
        }


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
    """Import every article of an archive, in one transaction; `progress` counts the
    articles read.

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

    def dated(docs: Iterator[ArticleDoc | Skipped]) -> Iterator[ArticleDoc]:
        for doc in docs:
            if isinstance(doc, Skipped):
                log.info("%s: skipped: %s", doc.location, doc.reason)
                report.skipped += 1
                report.skip_reasons[doc.reason] += 1
                continue
            if accessed and not doc.date():
                doc.retrieved_at = accessed
            yield doc

    with store.write() as writer:
        batches = _Batches(writer.conn, defaults, report)
        docs = progress.track(dated(importer(path, publisher=publisher)), "reading articles")
        loaded = write_records(writer, batches.records(docs))
        report.facts = loaded.facts
    return report
