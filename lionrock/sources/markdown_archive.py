"""Generic Hugo/Markdown archives: one Markdown file per article with YAML (`---`) or
TOML (`+++`) front matter, read from a folder, a single file or a tar archive
(`.tar`, `.tar.gz`, `.tar.xz`), streamed (issue #7). Stand News mirrors are in this shape.

Front matter read: title, date, lastmod, author/authors, tags, categories, url/aliases,
original_url/source_url, archive_url, description/summary (ignored), draft, slug, lang,
publisher, license. Any other key is warned about once.

Example:
    for doc in articles("standnews-mirror/", publisher="Stand News"):
        print(doc.id, doc.title)
"""

from __future__ import annotations

import logging
import os
import tarfile
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from lionrock.errors import LoadError, Location, Problem
from lionrock.sources._article import (
    ArticleDoc,
    Leftovers,
    Skipped,
    bounded,
    guess_language,
    iso_date,
    markdown_to_text,
    stable_id,
    wayback_date,
)

log = logging.getLogger(__name__)

MAX_ITEM_BYTES = 16 * 1024 * 1024
MAX_FRONT_MATTER = 256 * 1024
SUFFIXES = (".md", ".markdown")
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2")
IGNORED = frozenset({"description", "summary", "draft", "slug", "weight", "type", "layout"})


def is_tar(path: str) -> bool:
    """Whether `path` names a tar archive. Example: `is_tar("a.tar.xz")` is True."""
    return path.lower().endswith(TAR_SUFFIXES)


def iter_files(path: str, suffixes: tuple[str, ...] = SUFFIXES) -> Iterator[tuple[str, bytes]]:
    """(name, content) of every file with one of `suffixes` in a folder, a tar archive or
    the file itself, streamed; a tar archive is read in one pass, never unpacked to disk.

    Example: `next(iter_files("archive.tar.xz"))[0]` is `"archive.tar.xz:articles/a.md"`.
    """
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs.sort()
            for name in sorted(files):
                if name.lower().endswith(suffixes):
                    full = os.path.join(root, name)
                    yield full, _read_bounded(full)
        return
    if not os.path.isfile(path):
        raise LoadError([Problem(Location(path), "no such file or folder")])
    if not is_tar(path):
        yield path, _read_bounded(path)
        return
    try:
        with tarfile.open(path, "r|*") as archive:
            for member in archive:
                if not member.isfile() or not member.name.lower().endswith(suffixes):
                    continue
                name = f"{path}:{member.name}"
                if member.size > MAX_ITEM_BYTES:
                    log.warning("%s: skipped, %d bytes is over the limit", name, member.size)
                    continue
                handle = archive.extractfile(member)
                if handle is not None:
                    yield name, handle.read()
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise LoadError([Problem(Location(path), f"unreadable archive: {exc}")]) from exc


def _read_bounded(path: str) -> bytes:
    size = os.path.getsize(path)
    if size > MAX_ITEM_BYTES:
        raise LoadError([Problem(Location(path), f"file is {size} bytes; too large")])
    return Path(path).read_bytes()


#: Every scalar a string (YAML 1.1 would turn `no` into False and dates into dates); the
#: C parser when libyaml is there, as it is in PyYAML's wheels.
_StringLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def front_matter(name: str, raw: bytes) -> tuple[dict[str, Any], str, int]:
    """The front matter (a mapping), the body, and the body's first line.

    Example: `front_matter("a.md", b"---\\ntitle: A\\n---\\nBody")` returns
    `({"title": "A"}, "Body", 4)`.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError([Problem(Location(name), f"not UTF-8 text: {exc.reason}")]) from exc
    fence = text[:4]
    if fence not in ("---\n", "+++\n", "---\r", "+++\r"):
        return {}, text, 1
    end = text.find("\n" + fence[:3], 3)
    if end < 0 or end > MAX_FRONT_MATTER:
        raise LoadError([Problem(Location(name, 1), "front matter is not closed")])
    head = text[4:end]
    body_start = text.find("\n", end + 4)
    body = text[body_start + 1 :] if body_start >= 0 else ""
    body_line = head.count("\n") + 3
    try:
        data = tomllib.loads(head) if fence[0] == "+" else yaml.load(head, Loader=_StringLoader)
    except (yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise LoadError([Problem(Location(name, line), f"invalid front matter: {exc}")]) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LoadError([Problem(Location(name, 2), "front matter is not a mapping")])
    return data, body, body_line


def as_list(value: Any) -> list[str]:
    """A front-matter value as a list of non-empty strings.

    Example: `as_list("a")` returns `["a"]`; `as_list(["a", ""])` returns `["a"]`.
    """
    items = value if isinstance(value, list) else [value]
    return [str(v).strip() for v in items if v is not None and str(v).strip()]


def first(value: Any) -> str | None:
    """The first non-empty string of a front-matter value."""
    items = as_list(value)
    return items[0] if items else None


def strip_title_heading(body: str, title: str) -> str:
    """Drop a leading `# Title` line that repeats the front matter's title."""
    stripped = body.lstrip()
    if stripped.startswith("#"):
        line, _, rest = stripped.partition("\n")
        if line.lstrip("#").strip() == title.strip():
            return rest
    return body


def articles(path: str, *, publisher: str | None = None) -> Iterator[ArticleDoc | Skipped]:
    """Every article of a Hugo/Markdown archive (folder, file or tar archive).

    The ID hashes the publisher and the article's URL (or, without one, its path inside
    the archive), so importing the same archive again gives the same IDs.

    Example: `next(articles("mirror.tar.gz", publisher="Stand News")).title`.
    """
    leftovers = Leftovers("markdown", ignore=IGNORED)
    for name, raw in iter_files(path):
        data, body, _line = front_matter(name, raw)
        doc = _article(name, data, body, publisher)
        if isinstance(doc, Skipped):
            yield doc
            continue
        leftovers.check(data, Location(name, 1))
        yield bounded(doc)
    leftovers.summary()


def _article(
    name: str, data: dict[str, Any], body: str, publisher: str | None
) -> ArticleDoc | Skipped:
    title = first(data.pop("title", None))
    if title is None:
        return Skipped(Location(name, 1, "title"), "no title")
    outlet = publisher or first(data.pop("publisher", None))
    if outlet is None:
        raise LoadError([Problem(Location(name, 1, "publisher"), "no publisher: give one")])
    data.pop("publisher", None)
    url = first(data.pop("original_url", None)) or first(data.pop("source_url", None))
    page = first(data.pop("url", None)) or first(data.pop("aliases", None))
    archive = first(data.pop("archive_url", None))
    if page and wayback_date(page):
        archive = archive or page
    elif page and page.startswith("http"):
        url = url or page
    text = markdown_to_text(strip_title_heading(body, title))
    key = url or archive or name.split(":", 1)[-1]
    return ArticleDoc(
        id=stable_id(outlet, key),
        location=Location(name, 1),
        title=title,
        body=text,
        publisher=outlet,
        published_at=iso_date(first(data.pop("date", None))),
        modified_at=iso_date(first(data.pop("lastmod", None))),
        retrieved_at=wayback_date(archive),
        authors=as_list(data.pop("author", None)) + as_list(data.pop("authors", None)),
        language=_language(first(data.pop("lang", None)), title + "\n" + text),
        url=url,
        archive_url=archive,
        tags=as_list(data.pop("tags", None)),
        section=first(data.pop("categories", None)),
        license=first(data.pop("license", None)),
    )


def _language(declared: str | None, text: str) -> str:
    if declared:
        code = declared.lower()
        if code.startswith("zh"):
            return "zho"
        if code.startswith("en"):
            return "eng"
    return guess_language(text)
