"""The Store: statements with citations, in SQLite (default) or PostgreSQL."""

from lionrock.store._search import SearchHit, query_terms
from lionrock.store._store import Entity, Store, Writer, caption_of, citation, utcnow

__all__ = [
    "Entity",
    "SearchHit",
    "Store",
    "Writer",
    "caption_of",
    "citation",
    "query_terms",
    "utcnow",
]
