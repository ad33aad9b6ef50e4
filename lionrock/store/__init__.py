"""The Store: statements with citations, in SQLite (default) or PostgreSQL."""

from typing import TYPE_CHECKING, Any

from lionrock.store._search import SearchHit, query_terms
from lionrock.store._store import Entity, Store, caption_of, citation, utcnow

if TYPE_CHECKING:
    from lionrock.store._writer import Writer


def __getattr__(name: str) -> Any:
    # the writer imports SQLAlchemy: only when asked for (PEP 562), so that opening and
    # searching the store start fast (issue #13, item 5)
    if name != "Writer":
        raise AttributeError(f"module 'lionrock.store' has no attribute {name!r}")
    from lionrock.store._writer import Writer

    globals()[name] = Writer
    return Writer


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
