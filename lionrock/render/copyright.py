"""The copyright rule for newsroom text, in one place (issue #7 §6).

Newsroom text belongs to its publishers. Published output (the public web pages, the
static site, `export --published-only`) shows an article's title, date, outlet, a short
excerpt and the archive link, never the full text, unless a licence recorded on the
source (`Document.license`) allows republishing it.

Example:
    view = public_article({"title": "…", "body": body, "license": None, ...})
    assert "body" not in view and len(view["excerpt"]) <= MAX_EXCERPT_CHARS
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lionrock.model import FULL_TEXT_PROPS, OPEN_LICENCES, allows_full_text

#: The longest excerpt published output may show (characters).
MAX_EXCERPT_CHARS = 200
__all__ = [
    "FULL_TEXT_PROPS",
    "MAX_EXCERPT_CHARS",
    "OPEN_LICENCES",
    "PUBLIC_FIELDS",
    "allows_full_text",
    "excerpt",
    "public_article",
    "public_facts",
]

PUBLIC_FIELDS = ("id", "title", "date", "publisher", "url", "archive_url", "license", "lang")


def excerpt(text: str, *, limit: int = MAX_EXCERPT_CHARS) -> str:
    """The start of a text, at most `limit` characters (an ellipsis marks a cut).

    Example: `excerpt("a " * 300)[-1]` is `"…"`.
    """
    flat = re.sub(r"\s+", " ", text).strip()
    limit = min(limit, MAX_EXCERPT_CHARS)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def public_article(article: Mapping[str, Any]) -> dict[str, Any]:
    """What published output may show of an article: the public fields, an excerpt (a
    search snippet when given, else the body's start), and the full text only under an
    open licence.

    Example: `public_article({"id": "a", "title": "T", "body": "x" * 999})["excerpt"]`.
    """
    view = {key: article.get(key) for key in PUBLIC_FIELDS}
    body = str(article.get("body") or "")
    snippet = article.get("snippet")
    view["excerpt"] = excerpt(str(snippet)) if snippet else excerpt(body)
    if allows_full_text(article.get("license")):
        view["body"] = body
    return view


def public_facts(facts: Any, licence: str | None) -> list[Any]:
    """The facts of a source that published output may carry: without an open licence,
    none that holds its full text.

    Example: `public_facts(entity.facts, entity.first("license"))`.
    """
    if allows_full_text(licence):
        return list(facts)
    return [f for f in facts if f.prop not in FULL_TEXT_PROPS]
