"""The record-aware mode of name matching: names the store knows to be one entity's
(issue #14).

Officials are often named by an English given name and a surname only: "John Lee" is
李家超, "Chris Tang" is 鄧炳強. From the names alone that is rightly only a possible (there
are many John Lees). But when the store says so, it is a match:

- both names are names of one entity of the store (its name, aliases, former names, and
  OFAC's a.k.a.), for instance "TANG, Chris" and 鄧炳強 on OFAC's row as the record keeps
  it; or
- one name resolves unambiguously to an entity of the store (it is that entity's name,
  or it matches that entity's names and no other entity's) and that entity carries the
  other name (one of its names matches it almost certainly, `CARRIES`, by name alone).

The result says "both are names of ENTITY". A one-word name (OFAC's weak aliases such as
"KHALID", a single given name) never resolves and never carries, and an entity whose
birth dates conflict with either side's does not link them.

`compare(..., record=KnownNames.from_store(store))` uses it; `lionrock screen`,
`lionrock match --record` and the gap matrix do.

Example:
    >>> known = KnownNames.from_store(store)
    >>> compare("Chris Tang", "鄧炳強", record=known).explanation
    "... both are names of TANG, Chris [ofac-29242] ..."
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lionrock.sanctions.chinese import full_reading
from lionrock.sanctions.korean import compare_korean, korean_pair
from lionrock.sanctions.latin_forms import arabic_name
from lionrock.sanctions.matching import POSSIBLE, THRESHOLD, Subject, compare_names
from lionrock.sanctions.names import parse_name
from lionrock.sanctions.reach import ReachIndex
from lionrock.sanctions.romanize import (
    HAN_RE,
    chinese_forms,
    fold_latin,
    jyutping,
    pinyin,
    variant_forms,
)
from lionrock.sanctions.screen import Listing, ScreeningIndex, name_keys
from lionrock.store import Entity, Store

NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
CARRIES = 0.9  # a name of the entity matches the other name almost certainly
RESOLVES = THRESHOLD  # a name matches one entity's names, and no other's
WORD_RE = re.compile(r"[a-z0-9]+")
MAX_RESOLVED = 5  # candidates compared when a name resolves by matching
MAX_CACHED = 65536  # names resolved and remembered
COMPARED_FIRST = 4  # entities within reach tested before the index's candidates are found


@lru_cache(maxsize=131072)
def name_key(name: str) -> str | None:
    """One key for the forms of one name: its characters folded to one form (OpenCC and
    variants), or its Latin words in any order; None for a one-word name.

    Example: `name_key("TANG, Chris") == name_key("Chris Tang")` is True.
    """
    chars = HAN_RE.findall(name)
    if chars:
        return "h:" + "".join(_key_char(c) for c in chars) if len(chars) > 1 else None
    words = sorted(WORD_RE.findall(fold_latin(name)))
    return "w:" + " ".join(words) if len(words) > 1 else None


def _key_char(char: str) -> str:
    """One form for the forms of one character (`name_key`): the least of its Chinese
    forms (OpenCC's simplified and regional ones) and, when the two read alike, the
    simplified form of the traditional character it is the Japanese shinjitai of (頼 and
    賴). Not when they read differently: shinjitai wrote 藝 (ngai6) as 芸, which in
    Chinese is another character (wan4), so 陳藝 and 陳芸 keep two keys, as `compare`
    keeps them two names.

    Example: `_key_char("芸") != _key_char("藝")`; `_key_char("頼") == _key_char("賴")`.
    """
    forms = chinese_forms(char)
    japanese = variant_forms(char) - forms
    if japanese and _reads_alike(char, japanese):
        forms = forms | japanese
    return min(forms)


def _reads_alike(char: str, forms: frozenset[str]) -> bool:
    """Whether a character shares a Cantonese or Mandarin reading with one of `forms`
    (or has no Cantonese reading of its own to differ by), as `chinese._japanese_forms`
    asks."""
    own = set(jyutping(char))
    if not own:
        return True
    return any(own & set(jyutping(f)) or set(pinyin(char)) & set(pinyin(f)) for f in forms)


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entity of the store as the record-aware mode sees it."""

    entity_id: str
    caption: str
    names: tuple[str, ...]
    birth_dates: tuple[str, ...] = ()

    def label(self) -> str:
        return f"{self.caption} [{self.entity_id}]"


class KnownNames:
    """The names of the store's persons, for the record-aware mode (`link`)."""

    def __init__(self, entities: Iterable[KnownEntity]) -> None:
        self.entities: dict[str, KnownEntity] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self._resolved: dict[tuple[str, frozenset[str]], frozenset[str]] = {}
        self._matches: dict[tuple[str, str], bool] = {}  # `_resolves_to`
        self._index: ScreeningIndex | None = None
        self._reach: ReachIndex | None = None
        self._index_keys: dict[str, frozenset[str]] = {}
        # Per entity, worked out once with the index: its names' keys, and its names in
        # characters and in Chinese (`_same_script`), which every link would ask again.
        self._keys_of: dict[str, frozenset[str | None]] = {}
        self._scripts: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        for entity in entities:
            names = tuple(n for n in entity.names if name_key(n) is not None)
            if not names:
                continue
            self.entities[entity.entity_id] = entity
            for name in names:
                key = name_key(name)
                assert key is not None
                self.by_key[key].add(entity.entity_id)
            self._keys_of[entity.entity_id] = frozenset(name_key(n) for n in entity.names)
            self._scripts[entity.entity_id] = (
                tuple(n for n in entity.names if HAN_RE.search(n)),
                tuple(n for n in entity.names if parse_name(n).chinese),
            )

    def _same_script(self, name: str, entity_id: str) -> tuple[str, ...]:
        """The entity's names a name may be compared with to resolve it or to be carried.

        A name in characters only with names in characters: a romanized name has lost what
        tells 何靖 from 何頴. A romanized Chinese name with names in characters and romanized
        Chinese names. Other names with none: they resolve and are carried only as written
        (in any word order), since the Latin-script matcher is looser (transliterations,
        initials), as in the gap matrix. The lists are made with the index.
        """
        if HAN_RE.search(name):
            return self._scripts[entity_id][0]
        if not parse_name(name).chinese:
            return ()
        return self._scripts[entity_id][1]

    @property
    def index(self) -> ScreeningIndex:
        """The phonetic index of the entities' names, built when a name is first resolved
        by matching."""
        if self._index is None:
            listings = [
                Listing(e.entity_id, "Person", e.names, e.birth_dates, ())
                for e in self.entities.values()
            ]
            self._index = ScreeningIndex(listings)
        return self._index

    @property
    def reach(self) -> ReachIndex:
        """The entities' Chinese names by the keys of their readings (`reach.py`): which
        entities a name may reach, without comparing. Built with `index`."""
        if self._reach is None:
            self._reach = ReachIndex({e.entity_id: e.names for e in self.entities.values()})
            self._index_keys = {
                e.entity_id: frozenset().union(*(name_keys(n) for n in e.names))
                for e in self.entities.values()
            }
        return self._reach

    @classmethod
    def from_store(cls, store: Store, *, published_only: bool = False) -> KnownNames:
        """Every person of the store, with its names, aliases and a.k.a.

        Example: `KnownNames.from_store(store).resolve("Chris Tang")`.
        """
        persons = store.iter_entities(schema="Person", published_only=published_only)
        return cls.from_entities(persons)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> KnownNames:
        """The given store entities, with their names, aliases and a.k.a."""
        found = []
        for entity in entities:
            names = tuple(dict.fromkeys(v for p in NAME_PROPS for v in entity.values(p)))
            dates = tuple(entity.values("birthDate"))
            found.append(KnownEntity(entity.id, entity.caption, names, dates))
        return cls(found)

    def carriers(self, name: str) -> set[str]:
        """The entities that carry this name (in one of its forms)."""
        key = name_key(name)
        return set(self.by_key.get(key, ())) if key else set()

    def resolve(self, name: str, *, exclude: Iterable[str] = ()) -> set[str]:
        """The entities a name stands for: those that carry it, or else those whose names
        it matches by name alone (`RESOLVES`). A one-word name resolves to none.

        Example: `known.resolve("John Lee")` is `{"ofac-29250"}` on the bundled record.
        """
        skip = frozenset(exclude)
        if name_key(name) is None:
            return set()
        key = (name, skip)
        if key not in self._resolved:
            if len(self._resolved) >= MAX_CACHED:
                self._resolved.clear()
            self._resolved[key] = frozenset(self._resolve(name, skip))
        return set(self._resolved[key])

    def clear_resolved(self) -> None:
        """Forget the names resolved so far (the benchmark starts each round without)."""
        self._resolved.clear()
        self._matches.clear()
        if self._reach is not None:
            self._reach.clear()

    def _resolve(self, name: str, skip: frozenset[str]) -> set[str]:
        carriers = self.carriers(name)
        carried = carriers - skip
        # A name carried only by an excluded entity is that entity's own: it resolves to
        # it, not by matching to a third ("Albert Ho Chun-yan" is the record's 何俊仁, never
        # the UK list's "YUN HO-JIN").
        if carriers or not parse_name(name).chinese:
            return carried
        # Most names met have no entity within reach: then no candidate is looked for.
        # A few are tested first, and the candidates looked for only if one is in reach.
        reachable = self._reachable(name, skip)
        if len(reachable) <= COMPARED_FIRST:
            reachable = {e for e in reachable if self._within_reach(name, e)}
            if not reachable:
                return set()
        subject = Subject((name,))
        found = set()
        for listing in self.index.candidates(subject, limit=MAX_RESOLVED * 4):
            if listing.entity_id in reachable and self._resolves_to(name, listing.entity_id):
                found.add(listing.entity_id)
        return found

    def _resolves_to(self, name: str, entity_id: str) -> bool:
        """Whether a name matches one of the entity's names (`RESOLVES`) and contradicts
        none (below `POSSIBLE`): "Tiu-ting Benny TAI" matches "Benny Tai" but not
        "Benny Tai Yiu-ting". Remembered until `clear_resolved`."""
        key = (name, entity_id)
        found = self._matches.get(key)
        if found is None:
            if len(self._matches) >= MAX_CACHED:
                self._matches.clear()
            found = self._matches[key] = self._matches_names(name, entity_id)
        return found

    def _matches_names(self, name: str, entity_id: str) -> bool:
        if not self._within_reach(name, entity_id):
            return False  # no name of the entity can score RESOLVES: not compared
        owns = self._same_script(name, entity_id)
        scores = _scores_until_contradicted(name, owns)
        if not scores:
            return False
        return max(scores.values()) >= RESOLVES and min(scores.values()) >= POSSIBLE

    def _within_reach(self, name: str, entity_id: str) -> bool:
        """Whether one of the entity's names may score RESOLVES with the name."""
        return any(_may_reach(name, own) for own in self._same_script(name, entity_id))

    def _reachable(self, name: str, skip: Iterable[str]) -> set[str]:
        """The entities a name carried by none may resolve to by matching: those with a
        name within reach, by exact keys (`reach.py`), that the index can offer (it
        offers an entity only for a key of the name: `ScreeningIndex.candidates`)."""
        reachable = self.reach.entities(name).difference(skip)
        if not reachable:
            return set()
        keys = name_keys(name)
        return {e for e in reachable if not keys.isdisjoint(self._index_keys[e])}

    def _may_resolve_into(self, name: str, skip: set[str], into: set[str]) -> bool:
        """False when `resolve(name)` certainly has no entity of `into`.

        A name resolved by matching resolves only to entities within its reach that it
        matches (`_resolves_to`): those of `into` are compared first, and the index's
        candidates are looked for only if one matches. A name one syllable from an
        entity's name is within its reach, and usually matches none of its names."""
        carriers = self.carriers(name)
        if carriers or not parse_name(name).chinese:
            return not into.isdisjoint(carriers - skip)
        within = set(self.reach.entities_among(name, into)).difference(skip)
        if not within:
            return False
        keys = name_keys(name)  # `_reachable`: an entity the index can offer
        return any(
            self._resolves_to(name, e) for e in within if not keys.isdisjoint(self._index_keys[e])
        )

    def link(
        self, left: Subject, right: Subject, *, exclude: Iterable[str] = ()
    ) -> tuple[str, list[str]] | None:
        """("ENTITY", reasons) when the two subjects are names of one entity of the
        store; None otherwise. Entities in `exclude` are not used (the gap matrix links
        two entities through a third, never through one of the two).

        Example: `known.link(Subject(("Chris Tang",)), Subject(("鄧炳強",)))`.
        """
        skip = set(exclude)
        by_key = self.by_key
        keyed = [
            [(n, k) for n in subject.names if (k := name_key(n)) is not None]
            for subject in (left, right)
        ]
        # Two names one entity carries link first, by their keys alone: such an entity
        # may carry a name of each side (`_may_carry`), so the lookups below would
        # find it, and nothing else is asked before these names are tried (`carriers`,
        # without a copy of each side's: most names are carried by none).
        for lname, lkey in keyed[0]:
            lcarriers = by_key.get(lkey)
            if not lcarriers:
                continue
            for rname, rkey in keyed[1]:
                rcarriers = by_key.get(rkey)
                if not rcarriers:
                    continue
                for entity_id in sorted((lcarriers & rcarriers) - skip):
                    entity = self.entities[entity_id]
                    if self._dates_agree(entity, left, right):
                        return entity.label(), [
                            f"both are names of {entity.label()}: {lname!r} and {rname!r}"
                        ]
        # The entity that links them may carry a name of each side (`_may_carry`): one
        # carries or resolves to it, and it carries the other. Most pairs have none.
        # One side is looked up in the whole record, the other only among what the first
        # reaches (the two sets' intersection, whichever comes first): a side already
        # looked up if one is, else the cheaper one to look up (`_lookup_cost`).
        first, second = (left, right)
        if self._first_is_right(left, right):
            first, second = right, left
        shared = self._may_carry(first) - skip
        if shared:
            shared = self._may_carry(second, among=shared)
        if not shared:
            return None
        for this, other, side in ((left, right, keyed[0]), (right, left, keyed[1])):
            for name, _ in side:
                if not self._may_resolve_into(name, skip, shared):
                    continue  # it resolves to no entity that may carry the other
                resolved = self.resolve(name, exclude=skip)
                if len(resolved) != 1:
                    continue
                entity = self.entities[resolved.pop()]
                carried = self._carried(entity, other)
                if carried and self._dates_agree(entity, this, other):
                    own, match = carried
                    how = "is a name of" if name_key(name) in self._keys(entity) else "resolves to"
                    return entity.label(), [
                        f"both are names of {entity.label()}: {name!r} {how} it alone, "
                        f"and it carries {own!r}, which matches {match!r} "
                        f"({compare_names(own, match).score:.2f} by name alone)"
                    ]
        return None

    def _keys(self, entity: KnownEntity) -> frozenset[str | None]:
        return self._keys_of[entity.entity_id]

    def _looked_up(self, subject: Subject) -> bool:
        reach = self.reach
        return any(reach.looked_up(n) for n in subject.names)

    def _first_is_right(self, left: Subject, right: Subject) -> bool:
        """Whether `link` looks `right` up in the whole record first: when it alone is
        looked up already, or, when neither or both are, when it is the cheaper to look
        up. Either order gives the same entities, the intersection of both sides'."""
        looked_left, looked_right = self._looked_up(left), self._looked_up(right)
        if looked_left != looked_right:
            return looked_right
        return _lookup_cost(right) < _lookup_cost(left)

    def _may_carry(self, subject: Subject, *, among: set[str] | None = None) -> set[str]:
        """The entities that may carry one of the subject's names (`_carried`): those
        that carry it in one of its forms, and those with a name in characters or
        romanized Chinese within its reach (`reach.py`; `_may_reach` asks the same of
        both orders of a pair). A name resolves to none other either (`resolve`: its
        carriers, or entities within its reach). With `among`, those of `among`."""
        found: set[str] = set()
        for name in subject.names:
            key = name_key(name)
            if key is None:
                continue
            found |= self.by_key.get(key, set())
            if HAN_RE.search(name) or parse_name(name).chinese:
                if among is None:
                    found |= self.reach.entities(name)
                else:
                    found |= self.reach.entities_among(name, among)
        return found if among is None else found & among

    def _carried(self, entity: KnownEntity, other: Subject) -> tuple[str, str] | None:
        """(entity's name, other's name) when one of the entity's names matches one of
        the other's almost certainly, by name alone."""
        for theirs in other.names:
            if name_key(theirs) is None:
                continue
            if name_key(theirs) in self._keys(entity):
                return theirs, theirs
            owns = self._same_script(theirs, entity.entity_id)
            if not any(_may_reach(own, theirs) for own in owns):
                continue  # no name of the entity can score CARRIES: not compared
            scores = _scores_until_contradicted(theirs, owns, own_first=True)
            if scores and min(scores.values()) >= POSSIBLE:
                best = max(scores, key=lambda n: scores[n])
                if scores[best] >= CARRIES:
                    return best, theirs
        return None

    @staticmethod
    def _dates_agree(entity: KnownEntity, *subjects: Subject) -> bool:
        mine = [d[:10] for d in entity.birth_dates if d]
        for subject in subjects:
            theirs = [d[:10] for d in subject.birth_dates if d]
            if (
                mine
                and theirs
                and not any(a.startswith(b) or b.startswith(a) for a in mine for b in theirs)
            ):
                return False
        return True


def _lookup_cost(subject: Subject) -> int:
    """How costly `KnownNames._may_carry` is for a subject's names, by kind: a name that
    is not Chinese is a key lookup (0); one in characters reads one way (1); a romanized
    one in several orders and systems (2), and with English names also joined and typo
    readings, and its English names against the record's (3)."""
    cost = 0
    for name in subject.names:
        if HAN_RE.search(name):
            cost = max(cost, 1)
            continue
        parsed = parse_name(name)
        if parsed.chinese:
            cost = max(cost, 3 if parsed.english else 2)
    return cost


def _may_reach(left: str, right: str) -> bool:
    """False when `compare_names(left, right)` is certainly below the threshold, worked
    out without comparing: two Chinese names read as Korean names that Korean rules
    tell apart (`korean.compare_korean`, a few lookups), or, compared as Chinese names,
    with no reading in which every syllable agrees (`chinese.full_reading`). Otherwise
    True: the names must be compared (two Arabic names, for one, go to the Latin-script
    matcher, as `matching.compare_names` sends them)."""
    a, b = parse_name(left), parse_name(right)
    if not (a.chinese and b.chinese):
        return True
    if not a.han and not b.han:
        korean = korean_pair(left, right)
        if korean:
            return compare_korean(*korean)[0] >= THRESHOLD
        if arabic_name(a.tokens, a.english, left) and arabic_name(b.tokens, b.english, right):
            return True
    return full_reading(a, b)


def _scores_until_contradicted(
    name: str, owns: Iterable[str], *, own_first: bool = False
) -> dict[str, float]:
    """The name-alone scores of `name` against each of an entity's names `owns`, up to
    the first below `POSSIBLE`: one contradiction settles what `_resolve` and `_carried`
    ask (a contradicted entity counts for neither), so the names after it are not
    compared."""
    scores: dict[str, float] = {}
    for own in owns:
        pair = (own, name) if own_first else (name, own)
        scores[own] = score = compare_names(*pair).score
        if score < POSSIBLE:
            break
    return scores
