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

import bz2
import gzip
import io
import logging
import lzma
import os
import tarfile
import tomllib
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lionrock.errors import LoadError, Location, Problem
from lionrock.safe_yaml import load_yaml
from lionrock.sources._article import (
    ArticleDoc,
    Leftovers,
    Skipped,
    bounded,
    clean_text,
    guess_language,
    iso_date,
    markdown_to_text,
    set_aside,
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

    A bad item (too large, a `../` path, a link) is refused with a LoadError naming it; an
    archive import sets it aside and goes on (`items`).

    Example: `next(iter_files("archive.tar.xz"))[0]` is `"archive.tar.xz:articles/a.md"`.
    """
    for name, raw in items(path, suffixes):
        if isinstance(raw, LoadError):
            raise raw
        yield name, raw


def items(
    path: str, suffixes: tuple[str, ...] = SUFFIXES
) -> Iterator[tuple[str, bytes | LoadError]]:
    """Like `iter_files`, but a bad item comes as a LoadError in place of its content, so
    the caller can set it aside and read on; an unreadable archive (truncated, say) comes
    last, naming the byte offset in the unpacked tar where reading stopped."""
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
    yield from _tar_items(path, suffixes)


def _tar_items(path: str, suffixes: tuple[str, ...]) -> Iterator[tuple[str, bytes | LoadError]]:
    last = "its first member"
    offset = 0
    try:
        # Decompressed by the codec's own buffered reader, not tarfile's stream: tarfile
        # re-slices one growing buffer when skipping a member, so a 200 MB member of a
        # 35 KB tar.xz took 9 minutes to skip (issue #18); this way it is linear.
        with _decompressed(path) as raw, tarfile.open(fileobj=raw, mode="r|") as archive:
            for member in archive:
                offset = member.offset
                name = f"{path}:{member.name}"
                refusal = _unsafe(member)
                if refusal:
                    yield name, LoadError([Problem(Location(name), refusal)])
                    continue
                if not member.isfile() or not member.name.lower().endswith(suffixes):
                    continue
                if member.size > MAX_ITEM_BYTES:
                    message = f"{member.size} bytes is over the {MAX_ITEM_BYTES}-byte limit"
                    yield name, LoadError([Problem(Location(name), message)])
                    continue
                handle = archive.extractfile(member)
                if handle is not None:
                    yield name, handle.read()
                last = member.name
    except (tarfile.TarError, EOFError, OSError, lzma.LZMAError, zlib.error) as exc:
        where = Location(f"{path} (byte {offset} of the unpacked tar, after {last})")
        yield path, LoadError([Problem(where, f"unreadable archive: {exc}")])


def _unsafe(member: tarfile.TarInfo) -> str | None:
    """Why a tar member is refused: a path that climbs out (`../`) or is absolute, or a
    link. Nothing is ever unpacked to disk, but such a member is a sign of a hostile or
    broken archive, and is said so rather than read."""
    parts = member.name.replace("\\", "/").split("/")
    if member.name.startswith("/") or ".." in parts:
        return f"refused: the path {member.name[:200]!r} leaves the archive"
    if member.issym() or member.islnk():
        return f"refused: {member.name[:200]!r} is a link to {member.linkname[:200]!r}"
    return None


def _decompressed(path: str) -> io.BufferedIOBase:
    """The archive's bytes after decompression, by their magic number, not the name."""
    with open(path, "rb") as fh:
        magic = fh.read(6)
    if magic.startswith(b"\xfd7zXZ"):
        return lzma.open(path, "rb")
    if magic.startswith(b"\x1f\x8b"):
        return gzip.open(path, "rb")
    if magic.startswith(b"BZh"):
        return bz2.open(path, "rb")
    return open(path, "rb")


def _read_bounded(path: str) -> bytes | LoadError:
    try:
        size = os.path.getsize(path)
        if size > MAX_ITEM_BYTES:
            message = f"{size} bytes is over the {MAX_ITEM_BYTES}-byte limit"
            return LoadError([Problem(Location(path), message)])
        return Path(path).read_bytes()
    except OSError as exc:
        return LoadError([Problem(Location(path), f"unreadable: {exc.strerror or exc}")])


def decode(name: str, raw: bytes) -> str:
    """UTF-8 text (a BOM dropped), or a LoadError naming the line and byte offset of the
    first bad byte, and refusing an empty file.

    Example: `decode("a.md", b"\\xff")` raises "a.md:1: not UTF-8 text at byte 0: ...".
    """
    if not raw.strip():
        raise LoadError([Problem(Location(name, 1), f"empty file ({len(raw)} bytes)")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"not UTF-8 text at byte {exc.start}: {exc.reason}"
        raise LoadError([Problem(Location(name, line), message)]) from exc


def front_matter(name: str, raw: bytes) -> tuple[dict[str, Any], str, int, int]:
    """The front matter (a mapping), the body, the body's first line, and how many control
    characters were stripped before parsing (CONTROL_RE: YAML refuses them).

    Example: `front_matter("a.md", b"---\\ntitle: A\\n---\\nBody")` returns
    `({"title": "A"}, "Body", 4, 0)`.
    """
    text, stripped = clean_text(decode(name, raw))
    fence = text[:4]
    if fence not in ("---\n", "+++\n", "---\r", "+++\r"):
        return {}, text, 1, stripped
    end = text.find("\n" + fence[:3], 3)
    if end < 0 or end > MAX_FRONT_MATTER:
        raise LoadError([Problem(Location(name, 1), "front matter is not closed")])
    head = text[4:end]
    body_start = text.find("\n", end + 4)
    body = text[body_start + 1 :] if body_start >= 0 else ""
    body_line = head.count("\n") + 3
    if fence[0] == "+":
        try:
            data = tomllib.loads(head)
        except (tomllib.TOMLDecodeError, RecursionError) as exc:
            message = f"invalid front matter: {str(exc)[:200]}"
            raise LoadError([Problem(Location(name, 1), message)]) from exc
    else:
        data = load_yaml(head, name=name, first_line=2, max_bytes=MAX_FRONT_MATTER)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise LoadError([Problem(Location(name, 2), "front matter is not a mapping")])
    return data, body, body_line, stripped


def as_list(value: Any) -> list[str]:
    """A front-matter value as a list of non-empty strings.

    Example: `as_list("a")` returns `["a"]`; `as_list(["a", ""])` returns `["a"]`.
    """
    values = value if isinstance(value, list) else [value]
    # a nested list or mapping is not a name or a tag: only scalars are read
    texts = (str(v).strip() for v in values if v is not None and not isinstance(v, list | dict))
    return [t for t in texts if t]


def first(value: Any) -> str | None:
    """The first non-empty string of a front-matter value."""
    values = as_list(value)
    return values[0] if values else None


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
    for name, raw in items(path):
        try:
            if isinstance(raw, LoadError):
                raise raw
            data, body, _line, stripped = front_matter(name, raw)
            doc = _article(name, data, body, publisher)
        except LoadError as exc:
            yield from set_aside(exc)
            continue
        if isinstance(doc, Skipped):
            yield doc
            continue
        leftovers.check(data, Location(name, 1))
        yield stripped_note(bounded(doc), stripped)
    leftovers.summary()


def stripped_note(doc: ArticleDoc, stripped: int) -> ArticleDoc:
    """`doc`, noting the control characters its front matter lost before parsing."""
    if stripped:
        doc.notes.insert(0, f"{stripped} control character(s) stripped before parsing")
    return doc


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
