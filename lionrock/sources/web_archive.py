"""Web archives: WARC (plain or gzipped) and WACZ files, each HTML response an article
candidate, its main text extracted by trafilatura (issue #7, via `html_page`).

Only `response` records with status 200 and an HTML content type are read; pages with no
main text are skipped. The capture date (`WARC-Date`) is recorded as `retrievedAt`. A
WACZ is a zip (WACZ 1.1.1 §4): its `archive/*.warc[.gz]` files are read in name order,
straight from the zip. A broken archive is set aside from the break on, with its file
and record offset.

Example:
    for doc in articles("crawl.wacz", publisher="Stand News"):
        print(doc.id, doc.url)
"""

from __future__ import annotations

import os
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO

from lionrock.errors import LoadError, Location, Problem
from lionrock.sources._article import ArticleDoc, Skipped, iso_date
from lionrock.sources.html_page import MAX_HTML_BYTES, extract_article

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_WACZ_MEMBER = 4 * 1024 * 1024 * 1024


def articles(path: str, *, publisher: str | None = None) -> Iterator[ArticleDoc | Skipped]:
    """Every article in a WARC, a WACZ, or a folder of them.

    Example: `[d.url for d in articles("example.warc.gz", publisher="Example")]`.
    """
    for name in _files(path):
        if name.lower().endswith(".wacz"):
            yield from _wacz(name, publisher)
        else:
            with open(name, "rb") as fh:
                yield from _warc(fh, name, publisher)


def _files(path: str) -> list[str]:
    if os.path.isdir(path):
        return sorted(
            os.path.join(root, f)
            for root, _, files in os.walk(path)
            for f in files
            if f.lower().endswith((*WARC_SUFFIXES, ".wacz"))
        )
    if not os.path.isfile(path):
        raise LoadError([Problem(Location(path), "no such file or folder")])
    return [path]


def _wacz(path: str, publisher: str | None) -> Iterator[ArticleDoc | Skipped]:
    try:
        with zipfile.ZipFile(path) as package:
            members = sorted(
                m
                for m in package.namelist()
                if m.startswith("archive/") and m.lower().endswith(WARC_SUFFIXES)
            )
            if not members:
                yield Skipped(Location(path), "a WACZ without archive/*.warc")
            for member in members:
                if package.getinfo(member).file_size > MAX_WACZ_MEMBER:
                    yield Skipped(Location(f"{path}:{member}"), "too large")
                    continue
                with package.open(member) as fh:
                    yield from _warc(fh, f"{path}:{member}", publisher)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield Skipped(Location(path), f"not a readable WACZ (zip) file: {exc}")


_PARSER_SLIPS = (AttributeError, TypeError, IndexError, KeyError)


def _warc(fh: IO[bytes], name: str, publisher: str | None) -> Iterator[ArticleDoc | Skipped]:
    from warcio.archiveiterator import ArchiveIterator  # imported late: CLI start-up time
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(fh)
    offset = 0
    try:
        for record in records:
            doc = _record(record, name, publisher)
            # asked only after the body is read: asking first empties the stream
            offset = records.get_record_offset()
            if isinstance(doc, ArticleDoc):
                doc.location = Location(f"{name}#{offset}")
            if doc is not None:
                yield doc
    # warcio's parser also fails with AttributeError and the like on some damaged
    # headers (found by the fuzzer: `'NoneType' object has no attribute 'startswith'`)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error, *_PARSER_SLIPS) as exc:
        # the records before the break are kept; the rest of this file is set aside
        where = f"{name} (after the record at byte {offset})"
        yield Skipped(Location(where), f"broken web archive: {str(exc)[:300]}")


def _record(record: object, name: str, publisher: str | None) -> ArticleDoc | Skipped | None:
    rec_type = getattr(record, "rec_type", None)
    http = getattr(record, "http_headers", None)
    if rec_type != "response" or http is None or http.get_statuscode() != "200":
        return None
    content_type = (http.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return None
    headers = record.rec_headers  # type: ignore[attr-defined]
    uri = headers.get_header("WARC-Target-URI")
    raw = record.content_stream().read(MAX_HTML_BYTES + 1)  # type: ignore[attr-defined]
    return extract_article(
        raw,
        name=f"{name}:{uri}",
        publisher=publisher,
        url=uri,
        # the capture date in UTC, as WARC-Date gives it (WARC 1.1 §5.4)
        retrieved_at=iso_date((headers.get_header("WARC-Date") or "")[:10]),
    )
