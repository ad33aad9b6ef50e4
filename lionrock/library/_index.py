"""Write article bodies and keep their full-text index in step, on both backends.

A row whose title and body are unchanged is not re-indexed (re-imports are cheap); a
changed one is removed from the index with its old tokens and indexed again. Everything
runs on the connection of the caller's write, inside its transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from lionrock.library._fold import fold, index_tokens
from lionrock.library._tables import library_texts
from lionrock.sources._article import ArticleDoc
from lionrock.store import utcnow

PG_TSV = (
    "setweight(to_tsvector('english', :title_tokens), 'A') || "
    "setweight(to_tsvector('english', :body_tokens), 'B')"
)


@dataclass
class IndexCounts:
    """What a batch of writes did."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0


def content_hash(title: str, body: str) -> str:
    """The hash that decides whether an article must be re-indexed."""
    return hashlib.sha1(f"{title}\x1f{body}".encode()).hexdigest()


def wrap(values: Sequence[str]) -> str:
    """Values joined so that `LIKE '%\\nvalue\\n%'` matches one exactly.

    Example: `wrap(["a", "b"])` returns `"\\na\\nb\\n"`.
    """
    clean = [" ".join(v.split()) for v in values if v and v.strip()]
    return "\n" + "\n".join(clean) + "\n" if clean else ""


def _row(doc: ArticleDoc, now: str) -> dict[str, Any]:
    return {
        "id": doc.id,
        "publisher": doc.publisher,
        "published_at": doc.date(),
        "lang": doc.language,
        "title": doc.title,
        "authors": wrap(doc.authors),
        "tags": wrap([*doc.tags, *([doc.section] if doc.section else [])]),
        "url": doc.url,
        "archive_url": doc.archive_url,
        "body": doc.body,
        "chars": len(doc.body),
        "content_hash": content_hash(doc.title, doc.body),
        "imported_at": now,
    }


def _tokens(title: str, body: str) -> dict[str, str]:
    return {"title_tokens": index_tokens(fold(title)), "body_tokens": index_tokens(fold(body))}


def put_texts(conn: Connection, docs: Sequence[ArticleDoc]) -> IndexCounts:
    """Insert or update the bodies of `docs` and index them.

    Example:
        with store.write() as writer:
            put_texts(writer.conn, docs)
    """
    docs = list({d.id: d for d in docs}.values())
    counts = IndexCounts()
    if not docs:
        return counts
    now = utcnow()
    query = select(
        library_texts.c.pk,
        library_texts.c.id,
        library_texts.c.content_hash,
        library_texts.c.title,
        library_texts.c.body,
    ).where(library_texts.c.id.in_([d.id for d in docs]))
    existing = {r.id: r for r in conn.execute(query)}
    sqlite = conn.dialect.name == "sqlite"
    inserts: list[dict[str, Any]] = []
    for doc in docs:
        row = _row(doc, now)
        old = existing.get(doc.id)
        if old is None:
            inserts.append(row)
            continue
        same = old.content_hash == row["content_hash"]
        counts.unchanged += same
        counts.changed += not same
        if not same and sqlite:
            conn.execute(
                text(
                    "INSERT INTO library_fts(library_fts, rowid, title, body) "
                    "VALUES ('delete', :pk, :title_tokens, :body_tokens)"
                ),
                {"pk": old.pk, **_tokens(old.title, old.body)},
            )
        conn.execute(library_texts.update().where(library_texts.c.pk == old.pk).values(**row))
        if not same:
            _index(conn, [(old.pk, doc)])
    if inserts:
        conn.execute(library_texts.insert(), inserts)
        query = select(library_texts.c.pk, library_texts.c.id).where(
            library_texts.c.id.in_([r["id"] for r in inserts])
        )
        pks = {r.id: r.pk for r in conn.execute(query)}
        by_id = {d.id: d for d in docs}
        _index(conn, [(pks[r["id"]], by_id[r["id"]]) for r in inserts])
        counts.new += len(inserts)
    return counts


def _index(conn: Connection, items: list[tuple[int, ArticleDoc]]) -> None:
    params = [{"pk": pk, **_tokens(doc.title, doc.body)} for pk, doc in items]
    if conn.dialect.name == "sqlite":
        sql = (
            "INSERT INTO library_fts(rowid, title, body) VALUES (:pk, :title_tokens, :body_tokens)"
        )
    else:
        sql = f"UPDATE library_texts SET tsv = {PG_TSV} WHERE pk = :pk"
    conn.execute(text(sql), params)
