"""A single saved HTML page: the main text by trafilatura, the rest from the page's own
metadata (issue #7).

Facts are sacred, so only what the page states is recorded: the title (trafilatura), the
author and publication date only from explicit `<meta>` tags (`author`,
`article:published_time`...), never trafilatura's guesses from the running text; the
address from `og:url` or `<link rel=canonical>`. The ID hashes the publisher and that
address, or the page's text when it has none.

Example:
    doc = next(articles("saved-page.html", publisher="Stand News"))
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lionrock.errors import LoadError, Location, Problem
from lionrock.sources._article import (
    ArticleDoc,
    Skipped,
    bounded,
    guess_language,
    html_to_text,
    iso_date,
    set_aside,
    stable_id,
    wayback_date,
)
from lionrock.sources.markdown_archive import items

MAX_HTML_BYTES = 16 * 1024 * 1024
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author")
DATE_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date",
    "date",
    "parsely-pub-date",
)
SITE_META = ("og:site_name", "application-name")


def _meta(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = (node.get("content") or "").strip()
        if key and value:
            found.setdefault(key, value)
    for node in tree.iter("link"):
        if (node.get("rel") or "").lower() == "canonical" and node.get("href"):
            found.setdefault("canonical", node.get("href", "").strip())
    return found


def extract_article(
    raw: bytes,
    *,
    name: str,
    publisher: str | None,
    url: str | None = None,
    retrieved_at: str | None = None,
) -> ArticleDoc | Skipped:
    """The article in one HTML document, or why there is none.

    trafilatura and lxml are imported here, not at the top: every CLI start would pay.

    Example: `extract_article(page_bytes, name="page.html", publisher="Apple Daily")`.
    """
    import lxml.html
    import trafilatura

    if len(raw) > MAX_HTML_BYTES:
        return Skipped(Location(name), f"{len(raw)} bytes is over the limit")
    try:
        tree = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError) as exc:
        return Skipped(Location(name), f"not an HTML page ({exc})")
    meta = _meta(tree)
    found = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, favor_precision=True
    )
    extracted: dict[str, Any] = {}
    if isinstance(found, dict):
        extracted = found
    elif found is not None:
        extracted = found.as_dict()
    text = str(extracted.get("text") or "").strip()
    title = html_to_text(str(extracted.get("title") or meta.get("og:title", "")))
    if not text or not title:
        return Skipped(Location(name), "no main text or title found")
    address = meta.get("og:url") or meta.get("canonical") or url
    if address and not address.startswith(("http://", "https://")):
        address = url
    archive = address if wayback_date(address) else None
    host = urlsplit(address or "").hostname
    outlet = publisher or next((meta[k] for k in SITE_META if k in meta), None) or host
    if not outlet:
        raise LoadError([Problem(Location(name, None, "publisher"), "no publisher: give one")])
    key = address or hashlib.sha1(text.encode("utf-8")).hexdigest()
    lang = (tree.get("lang") or "").lower()
    return bounded(
        ArticleDoc(
            id=stable_id(outlet, key),
            location=Location(name),
            title=title,
            body=text,
            publisher=outlet,
            published_at=next((iso_date(meta[k]) for k in DATE_META if k in meta), None),
            retrieved_at=retrieved_at or wayback_date(archive),
            authors=[meta[k] for k in AUTHOR_META if k in meta and "://" not in meta[k]][:1],
            language="zho" if lang.startswith("zh") else guess_language(title + text),
            url=None if archive else address,
            archive_url=archive,
        )
    )


def articles(path: str, *, publisher: str | None = None) -> Iterator[ArticleDoc | Skipped]:
    """The article of one HTML page (or of each page in a folder).

    Example: `[d.title for d in articles("plain.html", publisher="Apple Daily")]`.
    """
    for name, raw in items(path, (".html", ".htm")):
        try:
            if isinstance(raw, LoadError):
                raise raw
            yield extract_article(raw, name=name, publisher=publisher)
        except LoadError as exc:
            yield from set_aside(exc)
