"""From article to fact, and the editor's decision on suggested links (issue #7 §3–4).

- `cite_article` makes a library Article the citation of a new statement: the value is
  validated like any load (schema, property, type, references) and cites the article.
- `review_mention` confirms a suggested Mention (it and the article's bibliographic facts
  become `published`; the text never does, it is not a fact) or rejects it (`rejected`:
  linking will not suggest it again).

Example:
    cite_article(store, article_id="hkcnews-43224", entity_id="lr-person-x",
                 prop="custodyStatus", value="remanded")
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from lionrock.errors import LionRockError, Location, NotFound
from lionrock.library._tables import library_texts
from lionrock.model import Fact, get_model
from lionrock.sources import Defaults, Record, write_records
from lionrock.store import Store, utcnow
from lionrock.store._tables import statements

DECISIONS = {"confirm": "published", "reject": "rejected"}


def _article_schema(store: Store, article_id: str) -> str:
    schema = store.schemata_of([article_id]).get(article_id)
    spec = get_model().get(schema or "")
    if spec is None or not spec.is_source:
        raise NotFound(f"no article or source document with ID {article_id!r}")
    return str(schema)


def cite_article(
    store: Store,
    *,
    article_id: str,
    entity_id: str,
    prop: str,
    value: str,
    schema: str | None = None,
    lang: str | None = None,
    status: str = "confirmed",
    review: str = "draft",
    recorded_by: str = "cli",
) -> Fact:
    """Record `entity.prop = value`, citing the article; return the fact written.

    `schema` is needed only to create a new entity. Nothing is written on any problem,
    which names the property and the value.

    Example: `cite_article(store, article_id="hkcnews-1", entity_id="lr-person-x",
    prop="position", value="Vice-chair")`.
    """
    _article_schema(store, article_id)
    stored = store.schemata_of([entity_id]).get(entity_id)
    if stored is None and schema is None:
        raise NotFound(f"no entity with ID {entity_id!r} (give its schema to create it)")
    record = Record.make(
        Defaults(review=review, status=status, recorded_by=recorded_by, recorded_at=utcnow()),
        entity_id=entity_id,
        schema=schema or str(stored),
        prop=prop,
        value=value,
        location=Location(f"cite:{article_id}", None, prop),
        source_id=article_id,
        lang=lang,
    )
    with store.write() as writer:
        write_records(writer, [record])
    written = store.entity(entity_id)
    assert written is not None
    facts = [f for f in written.facts if f.prop == prop and f.source_id == article_id]
    return next(f for f in facts if f.value == value or f.lang == lang)


def review_mention(store: Store, *, mention_id: str, decision: str) -> dict[str, Any]:
    """Confirm or reject a suggested Mention.

    Example: `review_mention(store, mention_id="mention-…", decision="confirm")`.
    """
    if decision not in DECISIONS:
        raise LionRockError(f"decision must be one of {', '.join(DECISIONS)}")
    mention = store.entity(mention_id)
    if mention is None or mention.schema != "Mention":
        raise NotFound(f"no mention with ID {mention_id!r}")
    article_id = mention.first("document") or ""
    review = DECISIONS[decision]
    with store.write() as writer:
        changed = writer.set_review(mention_id, review)
        if review == "published":
            changed += writer.set_review(article_id, "published")
    return {"mention": mention_id, "article": article_id, "review": review, "facts": changed}


def mentions(
    store: Store, *, entity_id: str | None = None, review: str | None = "suggested"
) -> list[dict[str, Any]]:
    """The Mentions (of one entity, in one review state), each with its article's title,
    outlet and date and the matched snippet, newest article first.

    Example: `mentions(store, entity_id="lr-person-benny-tai")[0]["snippet"]`.
    """
    query = select(statements.c.entity_id).where(statements.c.prop == "resolved")
    if entity_id is not None:
        query = query.where(statements.c.value == entity_id)
    if review is not None:
        query = query.where(statements.c.review == review)
    with store.read() as conn:
        ids = [r.entity_id for r in conn.execute(query)]
    found = list(store.iter_entities(ids=ids))
    articles = [m.first("document") or "" for m in found]
    with store.read() as conn:
        rows = conn.execute(
            select(
                library_texts.c.id,
                library_texts.c.title,
                library_texts.c.publisher,
                library_texts.c.published_at,
            ).where(library_texts.c.id.in_(articles))
        )
        meta = {r.id: r for r in rows}
    result = []
    for mention in found:
        article = meta.get(mention.first("document") or "")
        result.append(
            {
                "id": mention.id,
                "entity": mention.first("resolved"),
                "article": mention.first("document"),
                "name": mention.first("name"),
                "snippet": mention.first("snippet"),
                "review": mention.facts[0].review,
                "title": article.title if article is not None else None,
                "publisher": article.publisher if article is not None else None,
                "date": article.published_at if article is not None else None,
            }
        )
    result.sort(key=lambda m: (m["date"] or "", m["id"]), reverse=True)
    return result
