"""The evidence behind each citation, for entity pages and their JSON twins (issue #6 §2,
issue #4).

The evidence stage writes its index into the Store (migration 0003: `evidence`,
`evidence_pages`, `evidence_links`); the app reads those tables through the Store and
never imports the evidence stage's internals (stages meet in the Store). A WACZ file is
named by its sha256, so its ID is its hash: anyone can check a download against the page.

Who sees which file is one rule, for the entity pages, the downloads and the replay:
everyone sees a file that backs at least one published source; a signed-in contributor,
reviewer or admin (who write and review the drafts) sees every file. Readers, like the
public, see published sources' evidence only (issue #6: drafts never reach public output).

Example:
    found = evidence_by_source(store, ["src-x"])
    found["src-x"][0]["sha256"]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import bindparam, text

from lionrock.auth import User
from lionrock.store import Store

REPLAY = "/evidence/replay"
#: Files kept per source on a page: the newest captures (a source re-captured daily
#: would otherwise list hundreds).
PER_SOURCE = 5
SHA256 = re.compile(r"^[0-9a-f]{64}$")

# One row per (source, file); the page row of the linked URL gives the capture time and
# status when the archive holds that exact URL (an import may hold a normalised spelling).
# A source is public when it has a published fact: a draft's evidence stays inside the
# app until a reviewer publishes the source.
PUBLISHED_SOURCE = (
    "EXISTS (SELECT 1 FROM statements s WHERE s.entity_id = l.source_id AND s.review = 'published')"
)
EVIDENCE_SQL = (
    "SELECT l.source_id, l.evidence_id, l.url, e.created_at, e.bytes, e.origin, e.signed, "
    "e.timestamped, p.ts, p.status, p.payload_sha256, p.url AS page_url "
    "FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id "
    "LEFT JOIN evidence_pages p ON p.evidence_id = l.evidence_id "
    "AND (p.url = l.url OR p.final_url = l.url) "
    "WHERE l.source_id IN :ids {published}"
    "ORDER BY l.source_id, e.created_at DESC, l.evidence_id"
)
EVIDENCE_ROWS = {
    published: text(
        EVIDENCE_SQL.format(published=f"AND {PUBLISHED_SOURCE} " if published else "")
    ).bindparams(bindparam("ids", expanding=True))
    for published in (True, False)
}
PUBLISHED_FILE = text(
    "SELECT e.path FROM evidence e WHERE e.id = :id AND EXISTS ("
    f"SELECT 1 FROM evidence_links l WHERE l.evidence_id = e.id AND {PUBLISHED_SOURCE})"
)
ANY_FILE = text("SELECT e.path FROM evidence e WHERE e.id = :id")
# the replay's question, per request: the links' primary key (evidence_id, source_id)
# finds the file's sources, ix_statements_entity each source's facts
BACKS_PUBLISHED = text(
    f"SELECT 1 FROM evidence_links l WHERE l.evidence_id = :id AND {PUBLISHED_SOURCE} LIMIT 1"
)
#: The lowest role that sees drafts' evidence (replay, download, the app's entity page):
#: the role that reads drafts in the app, so a draft's fact and its evidence go together.
SEES_ALL_EVIDENCE = "reader"


def replay_path(evidence_id: str, url: str | None) -> str:
    """The app path that replays `url` from the file (its page list without a URL).

    Example: `replay_path("ab…", "https://example.org/")` is
    `"/evidence/replay/ab…/https://example.org/"`.
    """
    if not url:
        return f"{REPLAY}/{evidence_id}/"
    # the replay route takes the archived URL as the rest of the path, percent-decoded
    return f"{REPLAY}/{evidence_id}/{quote(url, safe=':/?=&;,+@~!$*()')}"


def download_path(evidence_id: str) -> str:
    """The app path of the WACZ file itself."""
    return f"/evidence/{evidence_id}.wacz"


def evidence_by_source(
    store: Store,
    source_ids: Iterable[str],
    *,
    published_only: bool = True,
    per_source: int = PER_SOURCE,
) -> dict[str, list[dict[str, Any]]]:
    """The evidence files backing each source, newest first, at most `per_source` each;
    with `published_only`, only for sources that have a published fact.

    Each item: `sha256` (the file's hash, which is also its ID), `url` (the captured
    URL), `captured` (the capture time, else when the file was stored), `status` (the
    archived HTTP status), `payload_sha256`, `signed` and `timestamped` (RFC 3161),
    `origin` (`capture` or `import`), `bytes`, and the app paths `replay` and `download`.
    """
    ids = sorted(set(source_ids))
    if not ids:
        return {}
    found: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple[str, str]] = set()
    with store.read() as conn:
        for row in conn.execute(EVIDENCE_ROWS[published_only], {"ids": ids}):
            key = (row.source_id, row.evidence_id)
            items = found.setdefault(row.source_id, [])
            if key in seen or len(items) >= per_source:
                continue
            seen.add(key)
            items.append(
                {
                    "sha256": row.evidence_id,
                    "url": row.url,
                    "captured": row.ts or row.created_at,
                    "stored": row.created_at,
                    "status": row.status,
                    "payload_sha256": row.payload_sha256,
                    "signed": bool(row.signed),
                    "timestamped": bool(row.timestamped),
                    "origin": row.origin,
                    "bytes": int(row.bytes),
                    "replay": replay_path(row.evidence_id, row.page_url),
                    "download": download_path(row.evidence_id),
                }
            )
    return found


def attach_evidence(store: Store, view: dict[str, Any], *, published_only: bool = True) -> None:
    """Give each fact's source in `view` its evidence list (empty when none)."""
    cited = {fact["source"]["id"] for fact in view["facts"]}
    found = evidence_by_source(store, cited, published_only=published_only)
    for fact in view["facts"]:
        fact["source"]["evidence"] = found.get(fact["source"]["id"], [])


def evidence_file(
    store: Store, *, root: Path, evidence_id: str, published_only: bool = True
) -> Path | None:
    """The stored WACZ with this sha256, or None (unknown, not published, or missing).

    The path comes from the Store's index and must stay inside `root` (the evidence
    directory): an index row can never point the app at another file.
    """
    if not SHA256.match(evidence_id):
        return None
    query = PUBLISHED_FILE if published_only else ANY_FILE
    with store.read() as conn:
        row = conn.execute(query, {"id": evidence_id}).first()
    if row is None:
        return None
    base = root.resolve()
    path = (base / str(row.path)).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


def sees_all_evidence(user: User | None) -> bool:
    """Whether this signed-in user (None: anonymous) sees evidence of unpublished sources.

    Example: `sees_all_evidence(None)` is False.
    """
    return user is not None and user.can(SEES_ALL_EVIDENCE)


def backs_published_source(store: Store, *, evidence_id: str) -> bool:
    """Whether the file with this sha256 is evidence for at least one published source
    (one indexed query).

    Example: `backs_published_source(store, evidence_id=sha)` before replaying it.
    """
    if not SHA256.match(evidence_id):
        return False
    with store.read() as conn:
        return conn.execute(BACKS_PUBLISHED, {"id": evidence_id}).first() is not None
