"""What the newsroom-archive importers share: one parsed article, and how it becomes
cited `Article` facts (issue #7).

An article is its own source: every fact about it (title, publisher, date...) cites the
article itself, as the project's source documents do. The body text is not a fact: the
research library keeps it in its own table, with its own full-text index.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from lionrock.errors import LoadError, Location, cut
from lionrock.sources._records import Defaults, Record

log = logging.getLogger(__name__)

#: Hostile input: longer bodies and titles are cut (and the cut is logged).
MAX_BODY_CHARS = 2_000_000
MAX_TITLE_CHARS = 1000
HONG_KONG = timezone(timedelta(hours=8))
WAYBACK_RE = re.compile(r"^https?://web\.archive\.org/web/(\d{4})(\d{2})(\d{2})\d*[a-z_]*/")
HAN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
#: C0 controls other than tab, newline and carriage return, DEL, C1 controls other than
#: NEL, and the two non-characters: YAML refuses them (YAML 1.2 §5.1), PostgreSQL refuses
#: NUL, and no article means them (issue #18: one U+0003 in a title aborted an archive).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


@dataclass(slots=True)
class ArticleDoc:
    """One article as an importer read it, before validation."""

    id: str
    location: Location
    title: str
    body: str
    publisher: str
    published_at: str | None = None
    modified_at: str | None = None
    retrieved_at: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    archive_url: str | None = None
    tags: list[str] = field(default_factory=list)
    section: str | None = None
    license: str | None = None
    #: what was cleaned on the way in (control characters stripped...), for the report
    notes: list[str] = field(default_factory=list)

    def date(self) -> str | None:
        """The date the article is filed under: published, else archived."""
        return self.published_at or self.retrieved_at


@dataclass(frozen=True, slots=True)
class Skipped:
    """An archive item set aside: not an article (empty, or no main text) or unreadable
    (not UTF-8, broken front matter, a truncated archive...), and why."""

    location: Location
    reason: str


def set_aside(exc: LoadError) -> Iterator[Skipped]:
    """Each problem of a refused item as a `Skipped` item: an archive import reports a bad
    item and goes on with the next (issue #18), where a record load refuses the whole.

    Example: `except LoadError as exc: yield from set_aside(exc)`.
    """
    for problem in exc.problems:
        yield Skipped(problem.location, problem.message)


def clean_text(text: str) -> tuple[str, int]:
    """`text` without control characters (CONTROL_RE), and how many were stripped.

    Example: `clean_text("a\x03b")` returns `("ab", 1)`.
    """
    cleaned, count = CONTROL_RE.subn("", text)
    return cleaned, count


def article_records(doc: ArticleDoc, defaults: Defaults) -> Iterator[Record]:
    """The cited facts of one article; each cites the article itself.

    Example: `list(article_records(doc, Defaults()))[0].prop` is `"title"`.
    """
    lang = doc.language

    def rec(prop: str, value: str | None, key: str, value_lang: str | None = None) -> Record:
        return Record.make(
            defaults,
            entity_id=doc.id,
            schema="Article",
            prop=prop,
            value=value,
            location=Location(doc.location.path, doc.location.line, key),
            source_id=doc.id,
            lang=value_lang,
        )

    yield rec("title", doc.title, "title", lang)
    yield rec("publisher", doc.publisher, "publisher")
    optional = (
        ("publishedAt", doc.published_at, "date"),
        ("modifiedAt", doc.modified_at, "last_updated"),
        ("retrievedAt", doc.retrieved_at, "url"),
        ("language", lang, "language"),
        ("sourceUrl", doc.url, "original_url"),
        ("archiveUrl", doc.archive_url, "url"),
        ("section", doc.section, "category"),
        ("license", doc.license, "license"),
    )
    for prop, value, key in optional:
        if value:
            yield rec(prop, value, key)
    for author in dict.fromkeys(doc.authors):
        if author:
            yield rec("author", author, "author")
    for tag in dict.fromkeys(doc.tags):
        if tag:
            yield rec("keywords", tag, "tags")


def stable_id(prefix: str, key: str) -> str:
    """An ID that the same archive item gets on every import.

    Example: `stable_id("standnews", "https://example.org/a")` starts with `standnews-`.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", prefix.lower()).strip("-") or "article"
    return f"{slug[:40]}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def guess_language(text: str) -> str:
    """`zho` when most letters are Han characters, else `eng` (the archives we read are
    Chinese or English).

    Example: `guess_language("國安法 NSL")` returns `"zho"`.
    """
    head = text[:4000]
    han = len(HAN_RE.findall(head))
    latin = len(re.findall(r"[A-Za-z]", head))
    return "zho" if han * 3 >= latin else "eng"


def wayback_date(url: str | None) -> str | None:
    """The capture date of a Wayback Machine URL.

    Example: `wayback_date("https://web.archive.org/web/20210712044749/https://x")` is
    `"2021-07-12"`.
    """
    found = WAYBACK_RE.match(url or "")
    return "-".join(found.groups()) if found else None


def epoch_date(value: Any) -> str | None:
    """A Unix time (seconds, as text or a number) as a Hong Kong calendar date.

    Example: `epoch_date("1624125600")` returns `"2021-06-20"`.
    """
    try:
        seconds = int(str(value).strip())
    except ValueError:
        return None
    if not 0 < seconds < 4_102_444_800:  # before 2100
        return None
    return datetime.fromtimestamp(seconds, UTC).astimezone(HONG_KONG).date().isoformat()


def iso_date(value: Any) -> str | None:
    """The date part of an ISO date or date-time, in Hong Kong time when it has a zone.

    Example: `iso_date("2021-06-22T11:40:02.123Z")` returns `"2021-06-22"`.
    """
    text = str(value or "").strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    if len(text) > 10:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text[:10]
        if moment.tzinfo is not None:
            return moment.astimezone(HONG_KONG).date().isoformat()
    return text[:10]


SHORTCODE_RE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
CAPTION_RE = re.compile(r"<figcaption>(.*?)</figcaption>", re.S | re.I)
TAG_RE = re.compile(r"<[^>]{0,2000}>")
LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"(\*{1,3}|_{2,3}|~~|`+)")
HEADING_RE = re.compile(r"^\s{0,3}(#{1,6}|>+)\s*", re.M)
BLANKS_RE = re.compile(r"\n\s*\n\s*")


def markdown_to_text(markdown: str) -> str:
    """Plain text from a Markdown body: shortcodes, images, tags and markup dropped, link
    texts and figure captions kept, paragraphs separated by blank lines.

    Example: `markdown_to_text("**Hi** [there](http://x)")` returns `"Hi there"`.
    """
    text = SHORTCODE_RE.sub(" ", markdown)
    text = CAPTION_RE.sub(lambda m: "\n" + m.group(1) + "\n", text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = TAG_RE.sub(" ", text)
    text = LINK_RE.sub(lambda m: m.group(1), text)
    text = EMPHASIS_RE.sub("", text)
    text = HEADING_RE.sub("", text)
    text = html.unescape(text)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a title or a paragraph).

    Example: `html_to_text("A<br/>B &amp; C")` returns `"A B & C"`.
    """
    text = re.sub(r"<br\s*/?>", " ", fragment, flags=re.I)
    return " ".join(html.unescape(TAG_RE.sub(" ", text)).split())


def bounded(doc: ArticleDoc) -> ArticleDoc:
    """Cut an over-long title or body (hostile input), saying so, and strip control
    characters (and NUL, which PostgreSQL refuses) from every text, noting how many."""
    stripped = 0
    for name in ("title", "body", "publisher", "url", "archive_url", "section", "license"):
        value = getattr(doc, name)
        if value and CONTROL_RE.search(value):
            value, count = clean_text(value)
            setattr(doc, name, value)
            stripped += count
    for name in ("authors", "tags"):
        values = getattr(doc, name)
        cleaned = [clean_text(v) for v in values]
        stripped += sum(count for _, count in cleaned)
        setattr(doc, name, [v for v, _ in cleaned])
    if stripped:
        doc.notes.append(f"{stripped} control character(s) stripped")
    if len(doc.body) > MAX_BODY_CHARS:
        log.warning("%s: body cut to %d characters", doc.location, MAX_BODY_CHARS)
        doc.body = doc.body[:MAX_BODY_CHARS]
    if len(doc.title) > MAX_TITLE_CHARS:
        log.warning("%s: title cut to %d characters", doc.location, MAX_TITLE_CHARS)
        doc.title = doc.title[:MAX_TITLE_CHARS]
    return doc


class Leftovers:
    """Counts the fields an importer did not read and warns once per field (zavod's
    `audit_data`), so a format change is noticed without flooding the log.

    Example:
        leftovers = Leftovers("hkcnews")
        leftovers.check(data, location)   # after popping every field used
        leftovers.summary()
    """

    def __init__(self, name: str, *, ignore: frozenset[str] = frozenset()) -> None:
        self.name = name
        self.ignore = ignore
        self.counts: Counter[str] = Counter()

    def check(self, data: dict[str, Any], location: Location, prefix: str = "") -> None:
        for key in data:
            if key in self.ignore:
                continue
            name = cut(prefix + str(key), 80)  # a hostile key may be megabytes long
            if not self.counts[name]:
                log.warning("%s: %s field %r is not read", location, self.name, name)
            self.counts[name] += 1

    def summary(self) -> None:
        for key, count in sorted(self.counts.items()):
            if count > 1:
                log.warning("%s: field %r not read in %d items", self.name, key, count)
