"""The gap matrix, computed once per state of the store (issue #13, item 5), and what the
app's page shows of it: the view the static site's pages show too (`_gaps.html`).

With the OFAC and UK lists imported, `sanctions.gaps.gap_matrix` takes seconds; the
page is read far more often than the store changes. The result is kept under a key that
changes with every write of this app (`Store.generation`) and with every fact another
process adds (`lionrock sanctions import`, `lionrock load`: the statements' highest
`seq`, one index look-up). What another process changes in place (a review decision) or
deletes changes neither, so an entry is also dropped after `MAX_AGE` seconds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from lionrock.model import public_entities
from lionrock.render import ref_view
from lionrock.sanctions.gaps import SORTS, GapMatrix
from lionrock.store import Store
from lionrock.store._tables import statements

MAX_AGE = 600.0
#: The page's sort switch: the orders the site publishes as pages, here `?sort=`.
SORT_LINKS = tuple((sort, f"?sort={sort}") for sort in SORTS)


def store_state(store: Store) -> tuple[Any, ...]:
    """What changes when this Store writes or another process adds facts: the write
    count and the statements' highest `seq` (the primary key: no scan).

    Example: `store_state(store) == store_state(store)` until something is written.
    """
    with store.read() as conn:
        seq = conn.execute(select(func.max(statements.c.seq))).scalar()
    return (store.generation, seq)


class StateCache:
    """One value per store state, made by `make()` when the state changed or the value
    is older than `max_age` seconds. Concurrent requests wait for one computation.

    Example: `cache = StateCache(store, lambda: gap_matrix(store)); rows = cache.get()`.
    """

    def __init__(self, store: Store, make: Callable[[], Any], *, max_age: float = MAX_AGE):
        self.store, self.make, self.max_age = store, make, max_age
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._made = 0.0
        self._value: Any = None

    def get(self) -> Any:
        key = store_state(self.store)
        with self._lock:
            fresh = time.monotonic() - self._made < self.max_age
            if key != self._key or not fresh:
                self._value = self.make()
                self._key, self._made = key, time.monotonic()
            return self._value


def gap_view(store: Store, matrix: GapMatrix) -> dict[str, Any]:
    """What the shared view (`_gaps.html`) shows: the matrix, its counts, and each row's
    person by their names in every language (public, published facts only).

    Example: `web.page(request, "app/gaps.html", **gap_view(store, matrix), ...)`.
    """
    ids = [r.entity_id for r in matrix.rows]
    read = store.iter_entities(ids=ids, published_only=True)
    found = {e.id: e for e in public_entities(read)}  # public facts only (issue #18 §2)
    refs = {i: ref_view(found.get(i), i) for i in ids}
    return {"gaps": matrix, "summary": matrix.summary(), "refs": refs}
