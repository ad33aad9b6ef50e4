"""Which of the record's names a name may reach, by exact keys (issue #14, speed).

The record-aware mode resolves a name the store does not carry by comparing it with
the names of the entities the screening index offers (`record.KnownNames._resolve`),
and compares a pair only when `record._may_reach` says the threshold is within reach:
two Chinese names need a reading of each, of one length, in which every syllable
agrees (`chinese.full_reading`). Asking that of every candidate's names, and finding
the candidates first, was most of the mode's time, and almost always in vain: a name
met by screening is rarely one of the record's.

`ReachIndex` answers for all the record's names at once, from keys worked out once
when it is built. Two syllables that agree share a key:

- two characters, one of their forms (the character itself, OpenCC's simplified and
  regional forms, and the Japanese ones: `chinese._grade`);
- a character and a romanized syllable, a Cantonese key or a pinyin reading
  (`chinese._grade`);
- two romanized syllables, the spelling, a Mandarin reading, or a Cantonese key of one
  that the other has, or that a character read as the other in Mandarin has
  (`systems.latin_grade`, under any pair of systems).

and two surnames, a spelling in the table of Hong Kong surname spellings
(`hk_surnames.surname_grade`). A name may reach a record name only when, in a reading of
each of one length, every syllable shares a key with the other's at that place (a
syllable read as a typo agrees with any). The readings are those `full_reading` may
try: the orders, and for a name with English tokens its joined and typo readings. And
the rest of `_may_reach` is kept: two romanized names that both have English names may
reach each other when two of those agree (`chinese.english_agree`), two read as Arabic
names may, and two read as Korean names (`korean.korean_pair`) may when they have one
surname and one given name (Korean rules need both). So the index gives
a superset of the record names in reach, never fewer: a name it leaves out scores below
the threshold against every one of them, and is not compared (tests/matching/
test_reach_index.py checks that against `_may_reach` on the benchmark's names).

Example:
    >>> index = ReachIndex({"e1": ("李家超", "LEE, Ka Chiu John")})
    >>> index.entities("Lee Ka-chiu")
    frozenset({'e1'})
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Set
from functools import lru_cache

from rigour.text.distance import jaro_winkler

from lionrock.sanctions.chinese import ENGLISH_AGREE
from lionrock.sanctions.hk_surnames import HK_SURNAMES, surnames_spelled
from lionrock.sanctions.korean import korean_readings, loose_readings
from lionrock.sanctions.latin_forms import arabic_name
from lionrock.sanctions.names import (
    HAN_SYLLABLES,
    HYPHENED,
    LATIN_SYLLABLES,
    TOKEN_SYLLABLES,
    Order,
    ParsedName,
    Syllable,
    _han_syllable,
    parse_name,
)
from lionrock.sanctions.readings import any_typo_orders, joined_orders
from lionrock.sanctions.romanize import chinese_forms, japanese_forms, variant_forms
from lionrock.sanctions.systems import mandarin_canto, mandarin_readings, strict_canto_keys

Key = tuple[str, str]
AGREE = ENGLISH_AGREE  # two English names agree (`chinese.english_agree`)
_WILD = ("*", "")  # a syllable read as a typo: it may agree with any
MAX_REMEMBERED = 65536  # names looked up and remembered
_NOTHING: frozenset[str] = frozenset()


class ReachIndex:
    """The Chinese names of the record's entities, by the keys of their readings."""

    def __init__(self, names: Mapping[str, Iterable[str]]) -> None:
        """`names`: each entity's names (those that are not Chinese names are left out:
        `_may_reach` is asked only of two Chinese names)."""
        self._owner: list[str] = []  # reading number -> entity
        self._postings: dict[tuple[int, int, Key], set[int]] = defaultdict(set)
        self._by_length: dict[int, frozenset[int]] = {}
        # Entities with a romanized name read as Korean (`korean.korean_pair`), by its
        # surname and given name: when it looks Korean (`strict`), and in any case.
        self._korean_strict: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._korean: dict[tuple[str, str], set[str]] = defaultdict(set)
        # Entities with a romanized name with English names, by each of them (two such
        # names are compared by them: `full_reading`), and those read as Arabic.
        self._english: dict[str, set[str]] = defaultdict(set)
        self._english_of: dict[str, set[str]] = defaultdict(set)  # entity -> its names
        self._arabic: set[str] = set()
        self._english_readings: set[int] = set()  # the readings of those names
        self._all = set(names)
        # Each entity's readings, and each reading's keys by place (`entities_among`).
        self._numbers_of: dict[str, list[int]] = defaultdict(list)
        self._keys_of: list[tuple[frozenset[Key], ...]] = []
        # Every key of the record's readings, each kept once (`_query_at`).
        self._vocabulary: dict[Key, Key] = {}
        # Looked up per name and per syllable and place (cleared by `clear`).
        self._found: dict[str, frozenset[str]] = {}
        self._places: dict[tuple[Syllable, int, int], frozenset[int]] = {}
        self._english_found: dict[str, frozenset[str]] = {}
        self._query: dict[tuple[Syllable, bool], frozenset[Key]] = {}
        for entity_id, entity_names in names.items():
            for name in entity_names:
                parsed = parse_name(name)
                if parsed.chinese:
                    self._add(entity_id, name, parsed)
        # The keys of every syllable of the tables (`tables.load_tables`), as a surname
        # and as a given name, worked out now: a name met is made of them (`_query_at`).
        self._table_keys: tuple[dict[Syllable, frozenset[Key]], ...] = ({}, {})
        # And the readings each of those key sets reaches at each length and place
        # (`_at`), so that a round does not work out these unions again.
        self._table_at: dict[tuple[int, int, frozenset[Key]], frozenset[int]] = {}
        self._key_tables()

    def _add(self, entity_id: str, name: str, parsed: ParsedName) -> None:
        if not parsed.han:
            strict, korean_keys = _korean_keys(name)
            for surname_given in korean_keys:
                self._korean[surname_given].add(entity_id)
                if strict:
                    self._korean_strict[surname_given].add(entity_id)
            for english in parsed.english:
                self._english[english].add(entity_id)
                self._english_of[entity_id].add(english)
            if arabic_name(parsed.tokens, parsed.english, name):
                self._arabic.add(entity_id)
        for order in _readings(parsed):
            number = len(self._owner)
            self._owner.append(entity_id)
            if parsed.english and not parsed.han:
                self._english_readings.add(number)
            length = len(order.syllables)
            self._by_length[length] = self._by_length.get(length, frozenset()) | {number}
            keys = tuple(
                frozenset(_record_keys(s, surname=place == 0))
                for place, s in enumerate(order.syllables)
            )
            self._numbers_of[entity_id].append(number)
            self._keys_of.append(keys)
            for place, here in enumerate(keys):
                for key in here:
                    self._postings[length, place, key].add(number)
                    self._vocabulary.setdefault(key, key)

    def _key_tables(self) -> None:
        """`_query_at` of each syllable of the tables, at both places: the syllables a
        romanized name is made of, and the characters met, are in them. Identical key
        sets are kept once (most of them hold no key of the record)."""
        syllables: dict[int, Syllable] = {id(s): s for s in LATIN_SYLLABLES.values()}
        syllables.update((id(s), s) for s in HYPHENED.values())
        for parts in TOKEN_SYLLABLES.values():
            syllables.update((id(s), s) for s in parts or ())
        syllables.update((id(s), s) for s in HAN_SYLLABLES.values())
        kept: dict[frozenset[Key], frozenset[Key]] = {}
        vocabulary = self._vocabulary
        for syllable in syllables.values():
            for surname, table in zip((True, False), self._table_keys, strict=True):
                keys = _query_keys(syllable, surname=surname)
                found = frozenset([vocabulary[k] for k in keys if k in vocabulary])
                table[syllable] = kept.setdefault(found, found)
        reached: dict[frozenset[int], frozenset[int]] = {}
        for key_set in kept.values():
            for length in self._by_length:
                for place in range(length):
                    here = self._union_at(key_set, length, place)
                    self._table_at[length, place, key_set] = reached.setdefault(here, here)

    def entities(self, name: str) -> frozenset[str]:
        """The entities with a name that `name` may reach: every entity one of whose
        names `record._may_reach(name, it)` is True for is in it (and others may be)."""
        found = self._found.get(name)
        if found is None:
            if len(self._found) >= MAX_REMEMBERED:
                self.clear()
            # Most names reach no entity: they share one empty set, not one each for the
            # garbage collector to walk.
            found = self._found[name] = frozenset(self._entities(name)) or _NOTHING
        return found

    def clear(self) -> None:
        """Forget the names and syllables looked up so far (the benchmark starts each
        round without)."""
        self._found.clear()
        self._places.clear()
        self._english_found.clear()
        self._query.clear()

    def looked_up(self, name: str) -> bool:
        """Whether `entities(name)` is remembered."""
        return name in self._found

    def entities_among(self, name: str, among: Set[str]) -> Set[str]:
        """`entities(name) & among`; for a name not looked up yet, worked out from the
        readings of `among` alone, not from the whole record's keys (`record.link`
        asks it of one side's names with the entities within reach of the other's)."""
        found = self._found.get(name)
        if found is not None:
            return found & among
        parsed = parse_name(name)
        if not parsed.chinese:
            return self._all & among
        hits = self._special(name, parsed, among)
        apart = self._english_readings if parsed.english and not parsed.han else set()
        for order in _readings(parsed):
            length = len(order.syllables)
            query = [
                None if s.typo else self._query_at(s, place)
                for place, s in enumerate(order.syllables)
            ]
            for entity_id in among - hits:
                for number in self._numbers_of.get(entity_id, ()):
                    keys = self._keys_of[number]
                    if len(keys) == length and number not in apart and _agree(query, keys):
                        hits.add(entity_id)
                        break
        return hits

    def _query_at(self, syllable: Syllable, place: int) -> frozenset[Key]:
        """The syllable's keys (`_query_keys`) that some reading of the record has (for a
        syllable of the tables, worked out with the index: `_key_tables`): the
        others agree with none (`_at` finds no posting for them, `_agree` no reading
        that has them). They are the record's own key objects, so the keys of the
        syllables met in a round are no new objects for the garbage collector."""
        found = self._table_keys[place != 0].get(syllable)
        if found is not None:
            return found
        found = self._query.get((syllable, place == 0))
        if found is None:
            vocabulary = self._vocabulary
            keys = _query_keys(syllable, surname=place == 0)
            found = self._query[syllable, place == 0] = frozenset(
                [vocabulary[k] for k in keys if k in vocabulary]
            )
        return found

    def _entities(self, name: str) -> set[str]:
        parsed = parse_name(name)
        if not parsed.chinese:
            return set(self._all)  # `_may_reach` compares any other name with all
        found = self._special(name, parsed)
        owner = self._owner
        # Two names with English names are compared by them (`_special`), whatever
        # their syllables.
        apart = self._english_readings if parsed.english and not parsed.han else set()
        for order in _readings(parsed):
            found.update(owner[n] for n in self._matching(order) if n not in apart)
        return found

    def _special(self, name: str, parsed: ParsedName, among: Set[str] | None = None) -> set[str]:
        """The entities a romanized name reaches by the rules for Korean, English and
        Arabic names, whatever the syllables (with `among`, those of `among`: English
        names are then compared with theirs only)."""
        found: set[str] = set()
        if not parsed.han:
            # Two names read as Korean are compared by Korean rules, which need one
            # surname and one given name (`_may_reach`); other pairs agree syllable by
            # syllable, as the readings' keys below say.
            strict, korean_keys = _korean_keys(name)
            for surname_given in korean_keys:
                korean = self._korean if strict else self._korean_strict
                found |= korean.get(surname_given, set())
            if parsed.english:
                for english in parsed.english:
                    if among is None or english in self._english_found:
                        found |= self._agreeing(english)
                    else:
                        found |= self._agreeing_among(english, among)
                if arabic_name(parsed.tokens, parsed.english, name):
                    found |= self._arabic
        return found if among is None else found & among

    def _agreeing(self, english: str) -> frozenset[str]:
        """The entities with a romanized name with an English name that agrees with
        this one (`chinese.english_agree`), worked out once per English name."""
        found = self._english_found.get(english)
        if found is None:
            # `english_agree` of one name on each side, without its generator per name.
            found = self._english_found[english] = frozenset().union(
                *(e for own, e in self._english.items() if jaro_winkler(english, own) >= AGREE)
            )
        return found

    def _agreeing_among(self, english: str, among: Set[str]) -> set[str]:
        """`_agreeing(english) & among`, comparing with the English names of `among`."""
        english_of = self._english_of
        return {
            e
            for e in among
            if any(jaro_winkler(english, own) >= AGREE for own in english_of.get(e, ()))
        }

    def _matching(self, order: Order) -> frozenset[int]:
        """The record's readings of the order's length whose syllables after the first
        each share a key with the order's at that place."""
        length = len(order.syllables)
        found: frozenset[int] | None = None
        for place, syllable in enumerate(order.syllables):
            if syllable.typo:
                continue
            here = self._at(syllable, length, place)
            found = here if found is None else found & here
            if not found:
                return found
        return self._by_length.get(length, frozenset()) if found is None else found

    def _at(self, syllable: Syllable, length: int, place: int) -> frozenset[int]:
        """The readings whose syllable at `place` shares a key with `syllable`: worked
        out for the key sets of the tables' syllables when the index is built, and for
        another syllable once per round (a shared object) and place."""
        keys = self._query_at(syllable, place)
        found = self._table_at.get((length, place, keys))
        if found is None:
            found = self._places.get((syllable, length, place))
            if found is None:
                found = self._union_at(keys, length, place)
                self._places[syllable, length, place] = found
        return found

    def _union_at(self, keys: frozenset[Key], length: int, place: int) -> frozenset[int]:
        """The readings of `length` whose syllable at `place` has one of `keys` (or is
        read as a typo)."""
        postings = self._postings
        here = set(postings.get((length, place, _WILD), ()))
        for key in keys:
            found = postings.get((length, place, key))
            if found:
                here |= found
        return frozenset(here)


def _agree(query: list[frozenset[Key] | None], keys: tuple[frozenset[Key], ...]) -> bool:
    """Whether every syllable of a reading shares a key with the record reading's at its
    place (a typo, None or `_WILD`, agrees with any): `_matching`, for one reading."""
    return all(
        q is None or _WILD in k or not q.isdisjoint(k) for q, k in zip(query, keys, strict=True)
    )


def _korean_keys(name: str) -> tuple[bool, tuple[tuple[str, str], ...]]:
    """Whether a romanized name looks Korean (`korean_name`), and its surname and given
    name in each reading as Korean (as `korean.korean_pair` reads it), if it can be."""
    strict = korean_readings(name)
    found = strict or loose_readings(name)
    return bool(strict), tuple((k.surname, k.given) for k in found)


def _readings(parsed: ParsedName) -> tuple[Order, ...]:
    """Every reading `chinese.full_reading` may try of a name, whatever the other."""
    if parsed.han or not parsed.english:
        return parsed.orders
    return parsed.orders + joined_orders(parsed) + any_typo_orders(parsed)


def _han_forms(syllable: Syllable) -> set[Key]:
    text = syllable.text
    forms = {text, syllable.simplified} | chinese_forms(text) | variant_forms(text)
    return {("h", f) for f in forms | japanese_forms(text)}


def _sounds(syllable: Syllable) -> set[Key]:
    """What a character and a romanized syllable agree through."""
    return {("c", k) for k in syllable.canto} | {("p", p) for p in syllable.pinyin}


def _spellings(syllable: Syllable, *, record: bool) -> set[Key]:
    """What two romanized syllables agree through, in any pair of systems
    (`systems.latin_grade`): one spelling, a Mandarin reading, a Cantonese key of both
    ("s"), or a Cantonese key of one that a character read as the other in Mandarin has
    ("x": the query read as Cantonese, "y": the record's name)."""
    text = syllable.text
    strict, across = strict_canto_keys(text), mandarin_canto(text)
    keys = {("t", text)} | {("m", m) for m in mandarin_readings(text)}
    keys |= {("s", k) for k in strict}
    keys |= {("x", k) for k in (across if record else strict)}
    return keys | {("y", k) for k in (strict if record else across)}


def _surnames(syllable: Syllable) -> set[Key]:
    """What two surnames also agree through (`hk_surnames.surname_grade`): a character
    and the table's spelling of it ("t"), or two romanized syllables, one the table's
    spelling of a surname that a reading of the other spells ("z")."""
    if syllable.han:
        return {("t", s) for s in HK_SURNAMES.get(syllable.simplified, ())}
    found = {("z", char) for char in surnames_spelled(syllable.text)}
    canto, pinyin = _surname_sounds()
    for key in syllable.canto:
        found.update(("z", char) for char in canto.get(key, ()))
    for reading in syllable.pinyin:
        found.update(("z", char) for char in pinyin.get(reading, ()))
    return found


@lru_cache(maxsize=1)
def _surname_sounds() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The table's surnames by their Cantonese keys and by their pinyin readings: those
    a romanized syllable shares a sound with (`_surnames`), without trying each one."""
    canto: dict[str, tuple[str, ...]] = {}
    pinyin: dict[str, tuple[str, ...]] = {}
    for char in HK_SURNAMES:
        han = _han_syllable(char, char)
        for key in han.canto:
            canto[key] = (*canto.get(key, ()), char)
        for reading in han.pinyin:
            pinyin[reading] = (*pinyin.get(reading, ()), char)
    return canto, pinyin


def _record_keys(syllable: Syllable, *, surname: bool) -> set[Key]:
    if syllable.typo:
        return {_WILD}
    if syllable.han:
        keys = _han_forms(syllable) | _sounds(syllable)
    else:
        keys = _spellings(syllable, record=True)
    return keys | _surnames(syllable) if surname else keys


def _query_keys(syllable: Syllable, *, surname: bool) -> set[Key]:
    if syllable.han:
        return _han_forms(syllable)  # compared with names in characters only
    keys = _sounds(syllable) | _spellings(syllable, record=False)
    return keys | _surnames(syllable) if surname else keys
