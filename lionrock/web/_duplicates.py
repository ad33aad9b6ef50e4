"""Possible duplicates of a record being created (Uwazi #2750: no duplicate people when a
victim, a perpetrator and an event are entered separately).

For a person, the name goes through the name-matching layer of the sanctions stage
(`lionrock.sanctions.compare`, its public API): candidates come from the Store's search
and from the sanctions stage's phonetic name index over every person (`ScreeningIndex`,
whose keys are shared by a name in characters and its romanizations, so "Lee Ka-chiu"
finds a record known only as 李家超), then `compare` scores each against all of the
candidate's names, across scripts and romanizations, and explains its judgement.
"CHAN Tai Wai" is not "CHAN Tai Man". Other record types are matched by search
alone (the matcher is built for person names).

Example:
    find_duplicates(store, name="Lee Ka-chiu", schema="Person")[0]["explanation"]
"""

from __future__ import annotations

import logging
import re
import threading
import time
import weakref
from typing import Any

from lionrock.sanctions import Listing, ScreeningIndex, Subject, compare
from lionrock.sanctions.matching import warm_up
from lionrock.store import Store

log = logging.getLogger(__name__)

NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
MATCHED_SCHEMATA = ("Person",)
BLOCK = 30  # candidates per search query
MAX_QUERIES = 6
MAX_NAMES = 20  # of each candidate, compared
MAX_NAME_CHARS = 200
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{3,}")
# The phonetic index is rebuilt after a write, at most this often: a record written
# since is still found by search, the index only adds cross-script candidates.
INDEX_MAX_AGE = 30.0
# A name typed in Latin letters shares only a few of a name in characters' keys (its
# sounds), so the index's share floor is lower here than for screening.
INDEX_MIN_SHARE = 0.1
_indexes: weakref.WeakKeyDictionary[Store, tuple[int, float, ScreeningIndex]] = (
    weakref.WeakKeyDictionary()
)
_index_lock = threading.Lock()
_building: weakref.WeakKeyDictionary[Store, threading.Event] = weakref.WeakKeyDictionary()
#: How long a live duplicate check waits for an index being built before answering
#: without it (seconds).
INDEX_WAIT = 10.0


def person_index(store: Store, *, wait: bool = True) -> ScreeningIndex | None:
    """The phonetic name index of every person in `store` (drafts too), rebuilt when the
    store has changed and the index is older than `INDEX_MAX_AGE` seconds.

    With `wait=False` (the web app) it never blocks: the index is built in a background
    thread, and until it is ready the caller gets the one before (or None, the first
    time); a request never waits seconds for it, and the server stays responsive
    meanwhile (issue #18 §5).

    Example: `person_index(store).candidates(Subject(("Lee Ka-chiu",)))`.
    """
    with _index_lock:
        found = _indexes.get(store)
        if found is not None:
            generation, built, index = found
            if generation == store.generation or time.monotonic() - built < INDEX_MAX_AGE:
                return index
        stale = found[2] if found is not None else None
        if wait:
            done = None
        else:
            done = _building.get(store)
            if done is None:
                done = _building[store] = threading.Event()
                threading.Thread(target=_build_in_background, args=(store, done),
                                 name="person-index", daemon=True).start()  # fmt: skip
    if done is None:
        return _build(store)
    # a short wait: a small record's index is ready at once; a large one's is not
    # waited for (the request answers from search alone, and other requests never wait)
    if done.wait(INDEX_WAIT):
        with _index_lock:
            ready = _indexes.get(store)
        return ready[2] if ready is not None else stale
    return stale


def _build_in_background(store: Store, done: threading.Event) -> None:
    try:
        _build(store)
    except Exception as exc:  # the store was closed or failed: say so; the next request retries
        log.warning("the person index was not built: %s", type(exc).__name__)
    finally:
        with _index_lock:
            _building.pop(store, None)
        done.set()


def _build(store: Store) -> ScreeningIndex:
    generation, started = store.generation, time.monotonic()
    listings = []
    for entity in store.iter_entities(schema="Person"):
        names = tuple(v for prop in NAME_PROPS for v in entity.values(prop))[:MAX_NAMES]
        if names:
            dates = tuple(entity.values("birthDate"))
            listings.append(Listing(entity.id, entity.schema, names, dates, ()))
    index = ScreeningIndex(listings)
    with _index_lock:
        _indexes[store] = (generation, started, index)
    return index


def blocking_queries(name: str) -> list[str]:
    """What to search for to find the candidates: the whole name, then each of its words
    (another spelling or order of a name still shares a word: "Chan Tai-man" finds
    "CHAN Tai Man"), and a Chinese name's given name without the surname.

    Example: `blocking_queries("Chan Tai-man")` is `["Chan Tai-man", "chan", "tai", "man"]`.
    """
    queries = [name]
    words = [w.casefold() for w in _WORDS.findall(name) if len(w) >= 2]
    queries += list(dict.fromkeys(words))
    queries += [run[-2:] for run in _HAN.findall(name)]  # 李家超 → 家超
    return list(dict.fromkeys(queries))[:MAX_QUERIES]


def find_duplicates(
    store: Store,
    *,
    name: str,
    schema: str,
    birth_dates: tuple[str, ...] = (),
    limit: int = 10,
    wait_for_index: bool = True,
) -> list[dict[str, Any]]:
    """Existing records of `schema` that may be the one named `name`, best first.

    Each: `id`, `caption`, `schema`, `matched` (the name that matched), and for persons
    `score` (0 to 1) and `explanation` (from the name matcher). Drafts count too: a
    duplicate still in review is a duplicate. With `wait_for_index=False` (the web app),
    a phonetic index still being built adds no candidates yet: search's still do.
    """
    name = name.strip()[:MAX_NAME_CHARS]
    if len(name) < 2:
        return []
    candidates: dict[str, Any] = {}
    for query in blocking_queries(name):
        for hit in store.search(query, limit=BLOCK):
            if hit.schema == schema:
                candidates.setdefault(hit.entity_id, hit)
    if schema not in MATCHED_SCHEMATA:
        found = [
            _row(hit.entity_id, hit.caption, schema, hit.matched) for hit in candidates.values()
        ]
        return found[:limit]
    subject = Subject((name,), tuple(d for d in birth_dates if d))
    index = person_index(store, wait=wait_for_index)
    listed = index.candidates(subject, limit=BLOCK, min_share=INDEX_MIN_SHARE) if index else []
    for listing in listed:
        candidates.setdefault(listing.entity_id, listing)
    scored = []
    for entity in store.iter_entities(ids=list(candidates)):
        names = tuple(v for prop in NAME_PROPS for v in entity.values(prop))[:MAX_NAMES]
        if not names:
            continue
        result = compare(subject, Subject(names, tuple(entity.values("birthDate"))))
        if result.match:
            row = _row(entity.id, entity.caption, entity.schema, result.details["right"])
            scored.append(
                {**row, "score": round(result.score, 3), "explanation": result.explanation}
            )
    scored.sort(key=lambda r: (-r["score"], r["caption"]))
    return scored[:limit]


#: Set once this process's matcher is warmed up (`/healthz` says `"warm": true`): until
#: then a background thread holds the interpreter for seconds at a time, so a load
#: balancer or a benchmark waits for it before sending the crowd.
MATCHER_WARM = threading.Event()


def warm_up_matcher() -> None:
    """Load the matcher's reading tables, its syllable and character tables and
    nomenklatura (seconds, once per process: `matching.warm_up`), so the first name
    typed after the server starts is answered at once, and every new name costs
    lookups."""
    warm_up()
    MATCHER_WARM.set()


def _row(entity_id: str, caption: str, schema: str, matched: str) -> dict[str, Any]:
    return {"id": entity_id, "caption": caption, "schema": schema, "matched": matched}
