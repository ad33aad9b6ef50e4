"""Run the rules over the library and keep their suggestions apart from the facts.

`extract_articles` reads the imported articles (all, those since a date, or some by ID) in
batches, runs `extract_text` on each one's title and body with a gazetteer of the record's
own people, and stores every suggestion it has not stored before in `extract_suggestions`,
state `suggested`, in one transaction. A suggestion's ID is a hash of (article, person,
kind, value), so a re-run proposes nothing already suggested, accepted or rejected (issue
#16 §3).

Example:
    report = extract_articles(store, since="2021-01-01")
    report.new[0].quote
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from lionrock.errors import LionRockError
from lionrock.library._tables import library_texts
from lionrock.library.extract._persons import Gazetteer
from lionrock.library.extract._rules import MIN_CONFIDENCE, Proposal, extract_text
from lionrock.library.extract._tables import extract_suggestions
from lionrock.store import Store, utcnow
from lionrock.store._tables import statements

BATCH = 200
NAME_PROPS = ("name", "alias", "weakAlias", "previousName")


def suggestion_id(proposal: Proposal) -> str:
    """The one ID of a suggestion: the same article, person, kind and value, the same ID.

    Example: `suggestion_id(p)` starts with `"sx-"`.
    """
    key = "\x1f".join(proposal.key()).encode()
    return "sx-" + hashlib.sha1(key).hexdigest()[:24]


def record_names(store: Store) -> dict[str, str | None]:
    """The record's people by every name they carry (a name two people share maps to None:
    it is still a name, but not proof of who).

    Example: `record_names(store)["黃之鋒"]` is Joshua Wong's entity ID.
    """
    found: dict[str, str | None] = {}
    query = select(statements.c.entity_id, statements.c.value).where(
        statements.c.schema == "Person", statements.c.prop.in_(NAME_PROPS)
    )
    with store.read() as conn:
        for row in conn.execute(query):
            name = str(row.value).strip()
            if not name or len(name) > 60:
                continue
            if name in found and found[name] != row.entity_id:
                found[name] = None
            else:
                found.setdefault(name, row.entity_id)
    return found


@dataclass
class ExtractReport:
    """What an extraction run read and proposed."""

    articles: int = 0
    proposals: int = 0
    new: list[Proposal] = field(default_factory=list)
    known: int = 0  # proposed before (still suggested, or accepted, or rejected)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "proposals": self.proposals,
            "new": len(self.new),
            "known": self.known,
        }


def _articles(
    conn: Connection, since: str | None, ids: list[str] | None
) -> Iterator[tuple[str, str | None, str, str]]:
    """(ID, date, body, title) of the articles asked for, bodies read a batch at a time."""
    cols = (library_texts.c.pk, library_texts.c.id, library_texts.c.published_at)
    query = select(*cols).order_by(library_texts.c.pk)
    if since:
        query = query.where(library_texts.c.published_at >= since)
    if ids:
        query = query.where(library_texts.c.id.in_(ids))
    keys = [(r.pk, r.id, r.published_at) for r in conn.execute(query)]
    for start in range(0, len(keys), BATCH):
        chunk = keys[start : start + BATCH]
        texts = {
            r.pk: (r.body, r.title)
            for r in conn.execute(
                select(library_texts.c.pk, library_texts.c.body, library_texts.c.title).where(
                    library_texts.c.pk.in_([k[0] for k in chunk])
                )
            )
        }
        for pk, article_id, published in chunk:
            body, title = texts.get(pk) or ("", "")
            yield article_id, published, body or "", title or ""


def extract_articles(
    store: Store,
    *,
    since: str | None = None,
    article_ids: list[str] | None = None,
    min_confidence: float = MIN_CONFIDENCE,
    names: Gazetteer | None = None,
    save: bool = True,
) -> ExtractReport:
    """Propose suggested facts from the library's articles and store the new ones.

    Example: `extract_articles(store, article_ids=["hkcnews-43582"]).new`.
    """
    if article_ids is not None and not article_ids:
        raise LionRockError("no article given")
    names = names or Gazetteer(record_names(store))
    report = ExtractReport()
    proposals: dict[str, tuple[Proposal, str | None]] = {}
    with store.read() as conn:
        for article_id, published, body, title in _articles(conn, since, article_ids):
            report.articles += 1
            for proposal in extract_text(
                article_id=article_id,
                body=body,
                published=published,
                names=names,
                min_confidence=min_confidence,
                title=title,
            ):
                proposals.setdefault(suggestion_id(proposal), (proposal, published))
    if article_ids and report.articles == 0:
        raise LionRockError(f"no imported article with ID {article_ids[0]!r}")
    report.proposals = len(proposals)
    with store.write() as writer:
        known = _known(writer.conn, list(proposals))
        report.known = len(known)
        rows = []
        now = utcnow()
        for sid, (proposal, published) in proposals.items():
            if sid in known:
                continue
            report.new.append(proposal)
            rows.append(_row(sid, proposal, published, now))
        if rows and save:
            for start in range(0, len(rows), 500):
                writer.conn.execute(extract_suggestions.insert(), rows[start : start + 500])
    return report


def _known(conn: Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        query = select(extract_suggestions.c.id).where(
            extract_suggestions.c.id.in_(ids[start : start + 500])
        )
        found.update(r.id for r in conn.execute(query))
    return found


def _row(sid: str, p: Proposal, published: str | None, now: str) -> dict[str, Any]:
    return {
        "id": sid,
        "article_id": p.article,
        "published_at": published,
        "person": p.person[:255],
        "person_id": p.person_id,
        "kind": p.kind,
        "value": p.value[:255],
        "date": p.date,
        "quote": p.quote,
        "paragraph": p.paragraph,
        "statute": p.statute,
        "section": p.section,
        "confidence": p.confidence,
        "state": "suggested",
        "created_at": now,
    }
