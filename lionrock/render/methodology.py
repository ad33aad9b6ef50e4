"""The methodology (`docs/methodology.md`) as a page of the app and the site: what
counts as a case, where the data comes from, how status is dated, what is left out.

It is written once, in Markdown, and rendered here with markdown-it (raw HTML off, so
nothing in it can inject markup). An installed wheel carries it as
`lionrock/docs/methodology.md` (pyproject's force-include), a checkout in `docs/`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

PACKAGE = Path(__file__).resolve().parent.parent


def methodology_path() -> Path | None:
    """Where `methodology.md` is, or None."""
    for candidate in (PACKAGE / "docs", PACKAGE.parent / "docs"):
        path = candidate / "methodology.md"
        if path.is_file():
            return path
    return None


@cache
def _render(text: str) -> str:
    return str(MarkdownIt("commonmark", {"html": False}).enable("table").render(text))


def methodology_html() -> str:
    """The methodology as HTML (safe: raw HTML in the Markdown is escaped), or an empty
    string when the file is missing.

    Example: `"<h1>" in methodology_html()`.
    """
    path = methodology_path()
    return _render(path.read_text(encoding="utf-8")) if path is not None else ""
