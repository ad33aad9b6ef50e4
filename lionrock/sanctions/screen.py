"""Screen names against every sanctions list imported in the Store.

A listed person is the `entity` of a Sanction; its list is the source the Sanction cites
(the list snapshot, such as `src-us-ofac-sdn-2024-05-03`) and its program is the
Sanction's `program`. An inverted index of phonetic keys (Cantonese keys and pinyin of
each syllable, the characters themselves, word prefixes of other names) picks a few
candidates per query; only those are compared with `matching.compare`, never all pairs.

Example:
    >>> index = ScreeningIndex.from_store(store)
    >>> [h.entity_id for h in index.screen({"name": "Lee Ka-chiu"})]
    ['ofac-29250']
"""

from __future__ import annotations

import csv
import heapq
import math
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lionrock.errors import LoadError, Location, Problem
from lionrock.sanctions.lists import SNAPSHOT_SOURCE, is_counter_sanction
from lionrock.sanctions.matching import THRESHOLD, Subject, compare, scoring_batch, warm_up
from lionrock.sanctions.names import parse_name
from lionrock.sanctions.romanize import pinyin_to_canto
from lionrock.store import Store
from lionrock.workers import die_with_parent

if TYPE_CHECKING:
    from lionrock.sanctions.record import KnownNames

NAME_PROPS = ("name", "alias", "weakAlias", "previousName")
CANDIDATES = 30  # per query, by shared keys
PARALLEL_MIN = 200  # fewer queries are screened in this process
NAMES_COMPARED = 4  # per candidate listing, the closest by shared keys
MIN_SHARE = 0.4  # a candidate shares at least this share of the query's key weight
COMMON_KEY = 0.05  # keys on more than this share of listings only add to others' weight
COMMON_MIN = 100  # ... and on more than this many
MAX_QUERIES = 100_000
MAX_CELL = 1_000  # characters in a CSV cell


@dataclass(frozen=True, slots=True)
class Listing:
    """A listed entity: its names and birth dates, and each list and program it is on."""

    entity_id: str
    schema: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...]
    designations: tuple[tuple[str, str], ...]  # (list, program)


@dataclass(frozen=True, slots=True)
class Hit:
    """One listed entity a screened name matches."""

    query: str
    entity_id: str
    caption: str
    score: float
    lists: tuple[str, ...]
    programs: tuple[str, ...]
    explanation: str
    listing: Listing = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "entity_id": self.entity_id,
            "caption": self.caption,
            "score": round(self.score, 4),
            "lists": list(self.lists),
            "programs": list(self.programs),
            "explanation": self.explanation,
        }


def load_listings(
    store: Store,
    *,
    lists: Iterable[str] | None = None,
    published_only: bool = False,
    counter_sanctions: bool = False,
) -> list[Listing]:
    """Every entity that is the `entity` of a Sanction, with its lists and programs.

    `lists` keeps only sanctions whose list ID contains one of the given strings
    (`us-ofac-sdn` keeps every OFAC SDN snapshot). The PRC's counter-sanctions
    (`lists.is_counter_sanction`) are left out unless `counter_sanctions`: a screen of the
    sanctioned must not flag a US senator Beijing punished for speaking about Hong Kong.
    """
    wanted = [w for w in lists or [] if w]
    designations: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for sanction in store.iter_entities(schema="Sanction", published_only=published_only):
        if not counter_sanctions and is_counter_sanction(sanction):
            continue
        targets = [f for f in sanction.facts if f.prop == "entity"]
        programs = sanction.values("program") or [""]
        for target in targets:
            # A list snapshot by its name and date; a designation of the cited record
            # (no list shows it yet) by its source, marked as the record's.
            source = (
                target.source_id.removeprefix("src-")
                if SNAPSHOT_SOURCE.match(target.source_id)
                else f"record ({target.source_id})"
            )
            if wanted and not any(w in source for w in wanted):
                continue
            for program in programs:
                designations[target.value].add((source, program))
    listings = []
    for entity in store.iter_entities(ids=list(designations), published_only=published_only):
        names = tuple(v for p in NAME_PROPS for v in entity.values(p))
        if names:
            dates = tuple(entity.values("birthDate"))
            found = tuple(sorted(designations[entity.id]))
            listings.append(Listing(entity.id, entity.schema, names, dates, found))
    return listings


@lru_cache(maxsize=131072)
def name_keys(name: str) -> frozenset[str]:
    """The blocking keys of a name: what two spellings of one name have in common.

    Example: `name_keys("李家超") & name_keys("Lee Ka-chiu")` is not empty.
    """
    parsed = parse_name(name)
    keys: set[str] = set()
    for order in parsed.orders[:1]:
        for syl in order.syllables:
            keys |= {f"c:{k}" for k in syl.canto}
            keys |= {f"p:{p}" for p in syl.pinyin}
            if syl.han:
                keys.add(f"h:{syl.simplified}")
            else:
                keys |= {f"c:{k}" for p in syl.pinyin for k in pinyin_to_canto(p)}
    # Chinese syllables are keyed by sound above; other words by their first letters.
    words = parsed.english if parsed.chinese else parsed.tokens
    keys |= {f"w:{t[:4]}" for t in words if len(t) > 1}
    return frozenset(keys)


class ScreeningIndex:
    """Listed entities, indexed by the keys of their names."""

    def __init__(self, listings: list[Listing], *, record: KnownNames | None = None) -> None:
        self.listings = listings
        #: The record-aware mode (`record.KnownNames`): names the store knows to be one
        #: entity's match whatever their spelling.
        self.record = record
        self.postings: dict[str, list[int]] = defaultdict(list)
        for number, listing in enumerate(listings):
            keys = set().union(*(name_keys(n) for n in listing.names))
            for key in keys:
                self.postings[key].append(number)
        total = max(1, len(listings))
        self.idf = {k: math.log(1 + total / len(v)) for k, v in self.postings.items()}

    @classmethod
    def from_store(
        cls,
        store: Store,
        *,
        lists: Iterable[str] | None = None,
        published_only: bool = False,
        record_aware: bool = True,
    ) -> ScreeningIndex:
        """Index every listed entity in the store (or those on `lists`); with
        `record_aware` (the default), names the store's persons carry link too
        (`record.KnownNames`)."""
        from lionrock.sanctions.record import KnownNames

        listings = load_listings(store, lists=lists, published_only=published_only)
        known = KnownNames.from_store(store, published_only=published_only)
        return cls(listings, record=known if record_aware else None)

    def candidates(
        self, subject: Subject, *, limit: int = CANDIDATES, min_share: float = MIN_SHARE
    ) -> list[Listing]:
        """The listed entities that share the most (and rarest) keys with the subject, and
        at least `min_share` of its key weight."""
        keys = set().union(*(name_keys(n) for n in subject.names)) & self.postings.keys()
        total = sum(self.idf[k] for k in keys)
        common = max(COMMON_MIN, COMMON_KEY * len(self.listings))
        rare = [k for k in keys if len(self.postings[k]) <= common]
        weights: dict[int, float] = {}
        get, postings, idf = weights.get, self.postings, self.idf
        # Candidates come from the rarer keys; a common key ("w:abdu", the surname Chan)
        # only adds weight to them, so it never floods the comparison.
        for key in rare or keys:
            weight = idf[key]
            for number in postings[key]:
                weights[number] = get(number, 0.0) + weight
        for key in keys.difference(rare) if rare else ():
            weight = idf[key]
            for number in postings[key]:
                if number in weights:
                    weights[number] += weight
        floor = min_share * total
        best = heapq.nlargest(limit, ((w, n) for n, w in weights.items() if w >= floor))
        return [self.listings[number] for _, number in best]

    def screen(
        self, query: str | Mapping[str, Any] | Subject, *, threshold: float = THRESHOLD
    ) -> list[Hit]:
        """The listed entities that match a name, best first."""
        subject = Subject.of(query)
        keys = set().union(*(name_keys(n) for n in subject.names))
        hits = []
        for listing in self._candidates(subject):
            # Compare the listing's names closest to the query first, and only a few: a
            # listing may carry dozens of aliases.
            names = sorted(listing.names, key=lambda n: -len(name_keys(n) & keys))
            target = Subject(tuple(names[:NAMES_COMPARED]), listing.birth_dates)
            result = compare(subject, target, threshold=threshold, record=self.record)
            if result.match:
                hits.append(_hit(subject, listing, result.score, result.explanation))
        return sorted(hits, key=lambda h: -h.score)

    def _candidates(self, subject: Subject) -> list[Listing]:
        """The key index's candidates, and in the record-aware mode the listed entities
        the subject's names resolve to (a name the store knows, in any spelling)."""
        found = self.candidates(subject)
        if self.record is None:
            return found
        have = {x.entity_id for x in found}
        by_id = self._by_id()
        for name in subject.names:
            for entity_id in sorted(self.record.resolve(name)):
                if entity_id in by_id and entity_id not in have:
                    have.add(entity_id)
                    found.append(by_id[entity_id])
        return found

    def _by_id(self) -> dict[str, Listing]:
        if not hasattr(self, "_listing_ids"):
            self._listing_ids = {x.entity_id: x for x in self.listings}
        return self._listing_ids

    def screen_many(
        self,
        queries: Iterable[str | Mapping[str, Any] | Subject],
        *,
        threshold: float = THRESHOLD,
        workers: int = 1,
    ) -> list[list[Hit]]:
        """The hits of each query, in order; with `workers` > 1, in that many forked
        processes that share the index (Linux and macOS).

        Example: `index.screen_many(["李家超", "Chan Tai Man"], workers=2)`.
        """
        subjects = [Subject.of(q) for q in queries]
        methods = multiprocessing.get_all_start_methods()
        if workers <= 1 or len(subjects) < PARALLEL_MIN or "fork" not in methods:
            with scoring_batch():
                return [self.screen(s, threshold=threshold) for s in subjects]
        warm_up()  # load the reading tables once, before the processes fork
        global _FORKED_INDEX
        _FORKED_INDEX = self
        chunks = [(subjects[i::workers], threshold) for i in range(workers)]
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers, die_with_parent, (os.getpid(),)) as pool:
                parts = pool.map(_screen_chunk, chunks)
        finally:
            _FORKED_INDEX = None
        out: list[list[Hit]] = [[] for _ in subjects]
        for i, part in enumerate(parts):
            for j, hits in enumerate(part):
                out[i + j * workers] = hits
        return out


_FORKED_INDEX: ScreeningIndex | None = None


def _screen_chunk(args: tuple[list[Subject], float]) -> list[list[Hit]]:
    subjects, threshold = args
    assert _FORKED_INDEX is not None
    with scoring_batch():
        return [_FORKED_INDEX.screen(s, threshold=threshold) for s in subjects]


def _hit(subject: Subject, listing: Listing, score: float, explanation: str) -> Hit:
    lists = tuple(dict.fromkeys(d[0] for d in listing.designations))
    programs = tuple(dict.fromkeys(d[1] for d in listing.designations if d[1]))
    caption = next((n for n in listing.names if n.isascii()), listing.names[0])
    return Hit(
        subject.names[0], listing.entity_id, caption, score, lists, programs, explanation, listing
    )


def read_names_csv(path: str) -> Iterator[Subject]:
    """Names to screen from a CSV file with a `name` column (and optionally
    `birth_date`), or else names in the first column, one a row.

    Example: `list(read_names_csv("names.csv"))[0].names`.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                return
            fields = [h.strip().lower() for h in header]
            has_header = "name" in fields
            name_col = fields.index("name") if has_header else 0
            dob_col = fields.index("birth_date") if "birth_date" in fields else None
            if not has_header and header and header[0].strip():
                yield Subject((header[0].strip()[:MAX_CELL],))
            for count, row in enumerate(reader, start=2):
                if count > MAX_QUERIES:
                    raise LoadError([Problem(Location(path, count), "too many names")])
                yield from _row_subject(row, name_col, dob_col)
    except UnicodeDecodeError as exc:
        raise LoadError([Problem(Location(path), f"not UTF-8 text: {exc.reason}")]) from exc
    except csv.Error as exc:
        raise LoadError([Problem(Location(path), f"invalid CSV: {exc}")]) from exc
    except OSError as exc:
        raise LoadError([Problem(Location(path), f"cannot read: {exc.strerror}")]) from exc


def _row_subject(row: list[str], name_col: int, dob_col: int | None) -> Iterator[Subject]:
    name = row[name_col].strip()[:MAX_CELL] if len(row) > name_col else ""
    if not name:
        return
    dob = row[dob_col].strip()[:10] if dob_col is not None and len(row) > dob_col else ""
    yield Subject((name,), (dob,) if dob else ())
