"""An offline ZIM of a site, with libzim from PyPI (issue #5, item 6).

py-libzim is pinned to 3.6.0: Debian's zimcheck 3.1.3 rejects the title index of newer
ones, and Debian's own libzim 8.1 breaks CJK search (docs/TOOLCHAIN gotchas 3 and 4).
Every file is stored byte for byte under its site path, so `lionrock verify FILE.zim`
can check it against the signed manifest; HTML pages are front articles with their
`<title>`, and go into the full-text and title indexes.
"""

from __future__ import annotations

import contextlib
import glob
import html
import mimetypes
import os
import re
import shutil
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from libzim.writer import Creator, FileProvider, Hint, Item  # type: ignore[import-untyped]

from lionrock.errors import LionRockError
from lionrock.release._manifest import iter_site_files
from lionrock.release._png import illustration

# ISO 639-3 codes for the site's language trees (the ZIM `Language` metadata).
ISO639_3 = {"en": "eng", "zh": "zho", "ja": "jpn", "eng": "eng", "zho": "zho", "jpn": "jpn"}
EXTRA_TYPES = {
    ".minisig": "text/plain",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
}
#: The environment a Kiwix server of Debian 12 (kiwix-serve 3.3, libzim 8.1) needs to
#: find Chinese names of three or more characters. The index holds Han text as Xapian's
#: CJK n-grams (characters and pairs); that server's query parser keeps `李家超` as one
#: term, which no page has, unless Xapian is told to split CJK queries the same way
#: (issue #13, item 3). docs/release.md shows the command.
KIWIX_ENV = {"XAPIAN_CJK_NGRAM": "1"}
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
DEFAULT_CREATOR = "Lion Rock contributors"
DEFAULT_DESCRIPTION = "A cited record of Hong Kong's crackdown since the 2020 NSL"


class ZimError(LionRockError):
    """The ZIM could not be written (bad metadata or an unreadable site)."""


def zim_languages(languages: list[str]) -> str:
    """ISO 639-3 codes, comma-separated, from BCP 47 tags or 639-3 codes; duplicates
    (zh-hant and zh-hans are both `zho`) kept once.

    Example: `zim_languages(["en", "zh-hant", "zh-hans", "ja"]) == "eng,zho,jpn"`.
    """
    codes: list[str] = []
    for tag in languages:
        code = ISO639_3.get(tag.lower().split("-")[0])
        if code is None:
            raise ZimError(f"language {tag!r}: no ISO 639-3 code known for it")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise ZimError("a ZIM needs at least one language")
    return ",".join(codes)


def mimetype_of(path: str) -> str:
    """The MIME type a ZIM reader gets for `path`. Example: `mimetype_of("a.css")`."""
    ext = os.path.splitext(path)[1].lower()
    if ext in EXTRA_TYPES:
        return EXTRA_TYPES[ext]
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return "text/html" if guessed == "text/html" else guessed


def html_title(path: Path) -> str:
    """The page's `<title>` (from its first 64 KiB), or "" if it has none."""
    with path.open("rb") as f:
        head = f.read(65536)
    match = _TITLE.search(head)
    if not match:
        return ""
    text = html.unescape(match.group(1).decode("utf-8", "replace"))
    return " ".join(text.split())[:200]


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Silence libzim's C++ progress lines ("Resolve redirect", "set index"), which it
    prints to file descriptor 1 and would mix into the CLI's output."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no stdout at all
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


class _SiteFile(Item):  # type: ignore[misc]
    def __init__(self, rel: str, path: Path) -> None:
        super().__init__()
        self.rel, self.path = rel, path
        self.mime = mimetype_of(rel)
        self.html = self.mime == "text/html"
        self.title = (html_title(path) if self.html else "") or rel

    def get_path(self) -> str:
        return self.rel

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return self.mime

    def get_contentprovider(self) -> FileProvider:
        return FileProvider(str(self.path))

    def get_hints(self) -> dict[Hint, bool]:
        return {Hint.FRONT_ARTICLE: self.html, Hint.COMPRESS: not self.mime.startswith("image/")}


def build_zim(
    site_dir: Path,
    out: Path,
    *,
    title: str,
    languages: list[str],
    name: str = "lionrock_mul_all",
    creator: str = DEFAULT_CREATOR,
    publisher: str = DEFAULT_CREATOR,
    description: str = DEFAULT_DESCRIPTION,
    date: datetime | None = None,
    main_path: str = "index.html",
) -> None:
    """Write `site_dir` as a ZIM with a full-text index and the mandatory metadata.

    Each `dir/index.html` also gets a `dir/` redirect, so links ending in a slash work.

    Example: `build_zim(Path("site"), Path("lionrock.zim"), title="Lion Rock",
    languages=["en", "zh-hant", "ja"])`
    """
    language = zim_languages(languages)
    if not 0 < len(title) <= 30:
        raise ZimError(f"ZIM title {title!r}: must be 1 to 30 characters (openZIM metadata)")
    if not 0 < len(description) <= 80:
        raise ZimError("ZIM description: must be 1 to 80 characters (openZIM metadata)")
    files = list(iter_site_files(site_dir))
    paths = {rel for rel, _ in files}
    if main_path not in paths:
        raise ZimError(f"{site_dir / main_path}: the main page is missing")
    tmp = out.with_name(out.name + ".part")
    # what a killed run left: the part file and libzim's own temporaries (issue #18)
    # (libzim's are folders too: `site.zim.part_title.idx.tmp/`)
    for stale in out.parent.glob(glob.escape(out.name) + ".part*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)
    day = (date or datetime.now(UTC)).strftime("%Y-%m-%d")
    # Index in the first language; libzim segments CJK text with ICU whatever it is.
    creator_ = Creator(str(tmp)).config_indexing(True, language.split(",")[0])
    with _quiet_stdout(), creator_ as zim:
        zim.set_mainpath(main_path)
        for rel, path in files:
            zim.add_item(_SiteFile(rel, path))
        for rel in sorted(paths):
            folder = rel[: -len("index.html")]
            if rel.endswith("/index.html") and folder not in paths:
                zim.add_redirection(folder, "", rel, {Hint.FRONT_ARTICLE: False})
        zim.add_illustration(48, illustration(48))
        metadata = {
            "Name": name,
            "Title": title,
            "Creator": creator,
            "Publisher": publisher,
            "Date": day,
            "Description": description,
            "Language": language,
            "Tags": "_ftindex:yes;_pictures:yes;_videos:no;_details:yes",
            "Source": str(uuid.uuid5(uuid.NAMESPACE_URL, name)),
        }
        for key, value in metadata.items():
            zim.add_metadata(key, value)
    os.replace(tmp, out)
