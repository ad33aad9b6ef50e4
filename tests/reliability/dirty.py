"""A dirty newsroom archive, as real ones are (issue #18): good articles among control
characters, mojibake, an empty shell, a truncated file, broken front matter, hostile tar
members, and the archive itself cut short. All text is synthetic."""

from __future__ import annotations

import io
import lzma
import tarfile
from pathlib import Path


def article(number: int, title: str, body: str = "A synthetic article body.") -> bytes:
    front = (
        f"---\ntitle: {title}\ndate: 2021-06-{number % 28 + 1:02d}T10:00:00+08:00\n"
        f"author: Test Writer\ntags: [test]\n"
        f"original_url: https://www.hkcnews.com/article/{number}/x\n---\n"
    )
    return (front + body + "\n").encode("utf-8")


GOOD = {f"articles/{n}.md": article(n, f"Good article {n}") for n in range(40001, 40006)}
#: imported, each noted as cleaned in the report
CLEANED = {
    "articles/40010.md": article(40010, "Control \x03 in the title"),
    "articles/40011.md": article(40011, "NUL in the body", "Before\x00after the NUL."),
    # mojibake that is valid UTF-8 (U+FFFD in a URL) is text like any other
    "articles/40012.md": article(40012, "Mojibake \ufffd title").replace(
        b"/x\n", b"/\xef\xbf\xbd\n"
    ),
}
#: set aside, each with the reason that names it
BAD = {
    "articles/40020.md": (b"", "empty file"),
    "articles/40021.md": (
        article(40021, "Latin-1").replace(b"body", "b\xf6dy".encode("latin-1")),
        "not UTF-8 text at byte",
    ),
    "articles/40022.md": (article(40022, "Cut")[:40], "front matter is not closed"),
    "articles/40023.md": (b"---\ntitle: [unclosed\n---\nbody\n", "invalid YAML"),
    "articles/40024.md": (b"---\ntitle: &a x\ntags: [*a, *a]\n---\nbody\n", "anchors and aliases"),
    "../escape.md": (article(40025, "Escape"), "leaves the archive"),
}


def dirty_archive(folder: Path, *, truncate: bool = True) -> Path:
    """The dirty archive as a tar.xz, with a link member, and cut short at the end when
    `truncate` (the articles after the cut are lost and the cut is reported)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, raw in [*GOOD.items(), *CLEANED.items(), *((n, r) for n, (r, _) in BAD.items())]:
            info = tarfile.TarInfo(name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        link = tarfile.TarInfo("articles/link.md")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tar.addfile(link)
        for number in range(40030, 40040):  # lost when the archive is truncated
            raw = article(number, f"Late article {number}", "Late body. " * 2000)
            info = tarfile.TarInfo(f"articles/{number}.md")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    packed = lzma.compress(buffer.getvalue())
    path = folder / "dirty.tar.xz"
    path.write_bytes(packed[: len(packed) - 200] if truncate else packed)
    return path
