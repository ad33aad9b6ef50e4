"""Apple Daily (蘋果日報, closed 2021-06-24) as volunteers backed it up: Arc Publishing
JSON, one file per article, in a folder tree or as single files (issue #7).

Two shapes are read:
- the site's article API (`article_detail.json`): `{"content": {_id, title,
  contentBlocks[{subHead, content}], tags, displayTime, pubDate, sharing.url, ...}}`;
- Arc's ANS story (`content.json`): `{_id, headlines.basic, content_elements[{type,
  content}], display_date, canonical_url, taxonomy.tags, credits.by, ...}`.

Fields used are popped; the many display, advertising and social fields are ignored by
name (IGNORED_*), and any other field is warned about once, so a format change shows.
The ID is `appledaily-<Arc _id>`, the same on every import.

Example:
    for doc in articles("appledaily-samples/"):
        print(doc.id, doc.published_at, doc.title)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lionrock.errors import LoadError, Location
from lionrock.sources._article import (
    ArticleDoc,
    Leftovers,
    Skipped,
    bounded,
    epoch_date,
    html_to_text,
    iso_date,
    set_aside,
)
from lionrock.sources._json import load_json
from lionrock.sources.markdown_archive import items

PUBLISHER = "Apple Daily"
SITE = "https://hk.appledaily.com"
IGNORED_DETAIL = frozenset(
    [
        "enableAD",
        "excludeAds",
        "hasVideo",
        "intro",
        "introPhotos",
        "mediaGroup",
        "pageName",
        "themeTags",
        "rawThemeTags",
        "pollingWidgetId",
        "allowComment",
        "brandArticleId",
        "brandCategoryId",
        "brandId",
        "brandName",
        "callToSubscribe",
        "column",
        "columnId",
        "columnistEmail",
        "columnistId",
        "columnName",
        "fbComments",
        "hasMoreImages",
        "issueId",
        "lastUpdate",
        "level0Category",
        "level1Category",
        "logging",
        "magIssueId",
        "mlArticleId",
        "mlCategoryId",
        "premiumContentBlocks",
        "premiumExclusive",
        "social",
        "sourceType",
        "subscriptionContent",
        "subscriptionContentType",
        "forceToShowDate",
        "newsTrack",
        "showRelatedArticleAtTop",
        "categoryL0Name",
        "categoryL1Name",
        "orderInPage",
        "promo_item",
        "video",
        "relatedNews",
        "relatedNewsCount",
        "label",
    ]
)
IGNORED_ANS = frozenset(
    [
        "type",
        "version",
        "created_date",
        "revision",
        "last_updated_date",
        "owner",
        "content_restrictions",
        "address",
        "comments",
        "workflow",
        "subheadlines",
        "description",
        "label",
        "source",
        "related_content",
        "promo_items",
        "distributor",
        "canonical_website",
        "geo",
        "planning",
        "subtype",
        "first_publish_date",
        "websites",
        "additional_properties",
        "publish_date",
        "publishing",
        "website",
        "website_url",
    ]
)


def articles(path: str, *, publisher: str | None = None) -> Iterator[ArticleDoc | Skipped]:
    """Every article JSON file under `path` (or `path` itself), streamed.

    Example: `[d.id for d in articles("article_detail.json")]` is
    `["appledaily-JJ7CDZSXAVE55LYPHUOGV4RFRY"]`.
    """
    outlet = publisher or PUBLISHER
    detail = Leftovers("appledaily", ignore=IGNORED_DETAIL)
    ans = Leftovers("appledaily ANS", ignore=IGNORED_ANS)
    for name, raw in items(path, (".json",)):
        try:
            if isinstance(raw, LoadError):
                raise raw
            data = load_json(name, raw)
        except LoadError as exc:
            yield from set_aside(exc)
            continue
        if isinstance(data, dict) and isinstance(data.get("content"), dict):
            data.pop("State", None)
            content = data.pop("content")
            doc = _from_detail(name, content, outlet)
            detail.check(content, Location(name), "content.")
            detail.check(data, Location(name))
        elif isinstance(data, dict) and "content_elements" in data:
            doc = _from_ans(name, data, outlet)
            ans.check(data, Location(name))
        else:
            doc = Skipped(Location(name), "not an Apple Daily article JSON")
        yield doc if isinstance(doc, Skipped) else bounded(doc)
    detail.summary()
    ans.summary()


def _text(value: Any) -> str:
    return html_to_text(value) if isinstance(value, str) else ""


def _from_detail(name: str, content: dict[str, Any], outlet: str) -> ArticleDoc | Skipped:
    arc_id = _text(content.pop("_id", ""))
    title = _text(content.pop("title", ""))
    if not arc_id or not title:
        return Skipped(Location(name, None, "content.title"), "no _id or title")
    paragraphs: list[str] = []
    for block in content.pop("contentBlocks", None) or []:
        if isinstance(block, dict):
            paragraphs += [_text(block.get("subHead")), _text(block.get("content"))]
            captions = [p.get("caption") for p in block.get("photos") or [] if isinstance(p, dict)]
            paragraphs += [_text(c) for c in captions]
    sharing = content.pop("sharing", None) or {}
    shown = epoch_date(content.pop("displayTime", None))
    published = epoch_date(content.pop("pubDate", None))
    tags = [_text(t) for t in content.pop("tags", None) or []]
    author = _text(content.pop("columnistName", None))
    section = _text(content.pop("brandCategoryName", None))
    return ArticleDoc(
        id=f"appledaily-{arc_id}",
        location=Location(name, None, "content"),
        title=title,
        body="\n\n".join(p for p in paragraphs if p),
        publisher=outlet,
        published_at=shown or published,
        modified_at=published if shown and published != shown else None,
        authors=[author] if author else [],
        language="zho",
        url=_text(sharing.get("url")) or None,
        tags=[t for t in tags if t],
        section=section or None,
    )


def _from_ans(name: str, data: dict[str, Any], outlet: str) -> ArticleDoc | Skipped:
    arc_id = _text(data.pop("_id", ""))
    headlines = data.pop("headlines", None) or {}
    title = _text(headlines.get("basic"))
    if not arc_id or not title:
        return Skipped(Location(name, None, "headlines.basic"), "no _id or headline")
    paragraphs = [
        _text(element.get("content"))
        for element in data.pop("content_elements", None) or []
        if isinstance(element, dict) and element.get("type") in ("text", "header")
    ]
    taxonomy = data.pop("taxonomy", None) or {}
    tags = [_text(t.get("text")) for t in taxonomy.get("tags") or [] if isinstance(t, dict)]
    sections = [s for s in taxonomy.get("sections") or [] if isinstance(s, dict)]
    credits = data.pop("credits", None) or {}
    authors = [_text(c.get("name")) for c in credits.get("by") or [] if isinstance(c, dict)]
    path = _text(data.pop("canonical_url", ""))
    language = _text(data.pop("language", "")).lower()
    return ArticleDoc(
        id=f"appledaily-{arc_id}",
        location=Location(name),
        title=title,
        body="\n\n".join(p for p in paragraphs if p),
        publisher=outlet,
        published_at=iso_date(data.pop("display_date", None)),
        modified_at=None,
        authors=[a for a in authors if a],
        language="eng" if language.startswith("en") else "zho",
        url=SITE + path if path.startswith("/") else (path or None),
        tags=[t for t in tags if t and not t.startswith("mt_")],
        section=_text(sections[0].get("name")) or None if sections else None,
    )
