"""Citizen News (眾新聞, closed 2022-01-04): one Markdown file per article with YAML front
matter (title, date, last_updated, author, category, tags, url, original_url), read from
the archive's tar.xz as it is, or from an unpacked folder (issue #7).

`url` is the Wayback Machine copy (the archive link; its capture date is recorded as
`retrievedAt`), `original_url` the address on hkcnews.com, which is gone. The ID is the
article number in that address (`hkcnews-31500`), so a re-import gives the same IDs.

Example:
    for doc in articles("hkcnews-2020-06-to-2021-08.tar.xz"):
        print(doc.id, doc.published_at, doc.title)
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from lionrock.errors import LoadError, Location
from lionrock.sources._article import (
    ArticleDoc,
    Leftovers,
    Skipped,
    bounded,
    guess_language,
    iso_date,
    markdown_to_text,
    set_aside,
    stable_id,
    wayback_date,
)
from lionrock.sources.markdown_archive import (
    as_list,
    first,
    front_matter,
    items,
    strip_title_heading,
    stripped_note,
)

log = logging.getLogger(__name__)

PUBLISHER = "Citizen News"
ARTICLE_NO_RE = re.compile(r"/article/(\d+)(?:/|$)")
FILE_NO_RE = re.compile(r"(\d+)\.md$")


def article_id(original_url: str | None, name: str) -> str:
    """`hkcnews-<number>` from the article's address, else from its file name.

    Example: `article_id("https://www.hkcnews.com/article/31500/x", "a.md")` returns
    `"hkcnews-31500"`.
    """
    found = ARTICLE_NO_RE.search(original_url or "") or FILE_NO_RE.search(name)
    return f"hkcnews-{found.group(1)}" if found else stable_id("hkcnews", name)


def articles(path: str, *, publisher: str | None = None) -> Iterator[ArticleDoc | Skipped]:
    """Every article of the archive (a tar.xz, a folder or one file), streamed.

    Example: `sum(1 for _ in articles("hkcnews-2020-06-to-2021-08.tar.xz"))` is 12318.
    """
    leftovers = Leftovers("hkcnews")
    for name, raw in items(path):
        try:
            if isinstance(raw, LoadError):
                raise raw
            data, body, _line, stripped = front_matter(name, raw)
            doc = _article(name, data, body, publisher or PUBLISHER)
        except LoadError as exc:
            yield from set_aside(exc)
            continue
        if isinstance(doc, Skipped):
            yield doc
            continue
        leftovers.check(data, Location(name, 1))
        yield stripped_note(bounded(doc), stripped)
    leftovers.summary()


def _article(name: str, data: dict[str, Any], body: str, publisher: str) -> ArticleDoc | Skipped:
    title = first(data.pop("title", None))
    if title is None:
        return Skipped(Location(name, 1, "title"), "no title")
    original = first(data.pop("original_url", None))
    archive = first(data.pop("url", None))
    if archive is not None and not wayback_date(archive):
        original, archive = original or archive, None
    text = markdown_to_text(strip_title_heading(body, title))
    return ArticleDoc(
        id=article_id(original, name),
        location=Location(name, 1),
        title=title,
        body=text,
        publisher=publisher,
        published_at=iso_date(first(data.pop("date", None))),
        modified_at=iso_date(first(data.pop("last_updated", None))),
        retrieved_at=wayback_date(archive),
        authors=as_list(data.pop("author", None)),
        language=guess_language(title + "\n" + text),
        url=original,
        archive_url=archive,
        tags=as_list(data.pop("tags", None)),
        section=first(data.pop("category", None)),
    )
