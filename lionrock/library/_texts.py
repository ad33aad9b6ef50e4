"""One article as the library holds it, and as published output may show it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from lionrock.errors import NotFound
from lionrock.library._search import clean_url
from lionrock.library._tables import library_texts
from lionrock.render.copyright import public_article
from lionrock.store import Store


def article_view(store: Store, *, article_id: str, public: bool = True) -> dict[str, Any]:
    """An article's bibliographic record and text. With `public` (the default), only what
    published output may show (`lionrock.render.copyright`): title, date, outlet, a short
    excerpt and the archive link, the full text only under an open licence; and only an
    article whose facts are published.

    Example: `article_view(store, article_id="hkcnews-43224")["excerpt"]`.
    """
    entity = store.entity(article_id, published_only=public)
    with store.read() as conn:
        row = conn.execute(select(library_texts).where(library_texts.c.id == article_id)).first()
    if entity is None or (row is None and entity.schema != "Article"):
        raise NotFound(f"no article with ID {article_id!r}")
    article = {
        "id": article_id,
        "title": entity.first("title") or (row.title if row is not None else None),
        "date": entity.first("publishedAt") or entity.first("retrievedAt"),
        "publisher": entity.first("publisher"),
        "url": clean_url(entity.first("sourceUrl")),
        "archive_url": entity.first("archiveUrl"),
        "license": entity.first("license"),
        "lang": entity.first("language"),
        "authors": entity.values("author"),
        "tags": entity.values("keywords"),
        "body": row.body if row is not None else (entity.first("bodyText") or ""),
    }
    return public_article(article) if public else article
