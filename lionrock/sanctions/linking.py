"""Who is the same person across lists and the record, and each person's current
designations: what the gap matrix (`gaps.py`) and the dossier stand on.

`same_person` finds the same person on several lists, or on a list and in the record:
across name orders, scripts and romanizations, and never against conflicting birth dates
(`link_reason` gives the rule). A designation is current when it cites the latest snapshot
of its list, or cites no list snapshot at all (a hand-recorded sanction).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rigour.names import normalize_name, tokenize_name
from rigour.text import ascii_text

from lionrock.sanctions.lists import SNAPSHOT_SOURCE, is_counter_sanction
from lionrock.sanctions.matching import THRESHOLD, Subject, compare
from lionrock.sanctions.names import parse_name
from lionrock.sanctions.record import KnownNames
from lionrock.sanctions.romanize import HAN_RE
from lionrock.sanctions.screen import Listing as ScreenListing
from lionrock.sanctions.screen import ScreeningIndex
from lionrock.store import Entity, Store

#: (country code of Sanction.country, column label)
JURISDICTIONS = (
    ("us", "US"),
    ("gb", "UK"),
    ("eu", "EU"),
    ("ca", "CA"),
    ("au", "AU"),
    ("nz", "NZ"),
    ("jp", "JP"),
    ("tw", "TW"),
)
#: Name properties that identify a person across lists. Weak aliases are left out: OFAC
#: itself says they are for confirming a hit, not for finding one.
IDENTITY_NAMES = ("name", "alias", "previousName")
#: Matcher scores at which two entities' Chinese names link them (see `link_reason`).
LINK_DATED = THRESHOLD  # both give birth dates, and they agree
LINK_UNDATED = 0.9  # either gives none: the names alone must match almost certainly
MIN_UNDATED_SYLLABLES = 3  # ... and be at least this long (`_distinctive`)
#: Share of a person's key weight a candidate must have (screening asks 0.4). A romanized
#: syllable is keyed by every character it may stand for, so a name written only in
#: characters shares less of a romanized name's keys: 陳大文 has 4 of "CHAN, Tai Man"'s 23.
#: The link rule decides; this only bounds the work.
MIN_SHARE = 0.1


@lru_cache(maxsize=65536)
def name_key(name: str) -> frozenset[str] | None:
    """The normalised name parts of a name, in any order; None if fewer than two.

    Example: `name_key("CHEN, Mingguo") == name_key("MINGGUO CHEN")` is True.
    """
    if HAN_RE.search(name):
        # ascii_text would spell 李義 "li yi" in Mandarin and make it "LI, Yi" on the Iran
        # list: names in characters are compared by the matcher (rule 3), never this way.
        return None
    normalised = normalize_name(ascii_text(name))
    if not normalised:
        return None
    parts = frozenset(tokenize_name(normalised))
    return parts if len(parts) >= 2 else None


def name_keys(entity: Entity) -> set[frozenset[str]]:
    """The name keys of an entity's names, strong aliases and former names."""
    keys = (name_key(v) for p in IDENTITY_NAMES for v in entity.values(p))
    return {k for k in keys if k is not None}


def dates_agree(left: Iterable[str], right: Iterable[str]) -> bool:
    """Whether two sets of birth dates share one, at the coarser precision of the pair
    (`1966-10` agrees with `1966-10-03` and `1966`). Empty on either side agrees.

    Example: `dates_agree(["1957-12-07"], ["1957"])` is True.
    """
    left, right = list(left), list(right)
    if not left or not right:
        return True
    return any(a.startswith(b) or b.startswith(a) for a in left for b in right)


def chinese_names(entity: Entity) -> tuple[str, ...]:
    """The entity's names, strong aliases and former names that read as Chinese: in Han
    characters, or romanized from Chinese syllables (`names.parse_name`)."""
    names = (v for p in IDENTITY_NAMES for v in entity.values(p))
    return tuple(n for n in names if parse_name(n).chinese)


def link_reason(a: Entity, b: Entity, record: KnownNames | None = None) -> str | None:
    """Why two entities are the same person, or None when they may not be.

    A link in the gap matrix says that a person is sanctioned where the other entity is
    listed, so a wrong link is a false claim; the rule errs towards not linking:

    - birth dates that conflict (at the coarser precision of the two) never link, nor do
      names in Chinese characters on both sides that do not match (`_characters_differ`);
    - the same set of name parts, in any order (`CHEN, Mingguo` / `MINGGUO CHEN`), links;
    - otherwise the Chinese names are compared with the matcher (`matching.compare`:
      characters, Cantonese and pinyin romanizations). When both entities give a birth
      date, the dates agree (above) and the names must match (score ≥ `LINK_DATED`);
      when either gives none, the names alone must match almost certainly
      (≥ `LINK_UNDATED`: `李家超` / `LEE, John Ka-chiu` scores 0.98), and have three
      syllables or more (`李義` / `LI, Yi` is two, and common).

    Names that are not Chinese link only by the same parts: the Latin-script matcher is
    looser (transliterations, initials), and loading rigour's name tagger for it costs
    seconds a gap matrix should not.

    With `record` (the record-aware mode, issue #14), two entities also link when a third
    entity of the store names them both (`record.KnownNames.link`: "both are names of
    ENTITY"), never through one of the two themselves, and never against its birth dates.

    Example: `link_reason(record_lee, ofac_lee)` explains 李=lee, 家=ka, 超=chiu.
    """
    if a.id == b.id:
        return "the same entity"
    if a.schema != b.schema:
        return None
    dates_a, dates_b = a.values("birthDate"), b.values("birthDate")
    if not dates_agree(dates_a, dates_b):
        return None
    if _characters_differ(a, b):
        return None
    if name_keys(a) & name_keys(b):
        return "the same name parts"
    left, right = chinese_names(a), chinese_names(b)
    if left and right:
        # Names only: the dates were judged above, and must not lift a weak name match.
        result = compare(Subject(left), Subject(right))
        both_dated = bool(dates_a and dates_b)
        needed = LINK_DATED if both_dated else LINK_UNDATED
        if result.score >= needed and (both_dated or _distinctive(result.details)):
            dated = "birth dates agree" if both_dated else "no birth date to compare"
            return f"{result.explanation} ({dated}; linked at ≥ {needed})"
    if record is not None:
        names_a = tuple(v for p in IDENTITY_NAMES for v in a.values(p))
        names_b = tuple(v for p in IDENTITY_NAMES for v in b.values(p))
        subjects = Subject(names_a, tuple(dates_a)), Subject(names_b, tuple(dates_b))
        link = record.link(*subjects, exclude={a.id, b.id}) if names_a and names_b else None
        if link is not None:
            return "; ".join(link[1])
    return None


def _characters_differ(a: Entity, b: Entity) -> bool:
    """Whether both give names in Chinese characters and none of them match: then they
    are two people, whatever their English names. Judge "Alex Lee" (李運騰) is not the
    defendant "Alex Lee" (李龍現)."""
    han = [
        tuple(v for p in IDENTITY_NAMES for v in e.values(p) if HAN_RE.search(v)) for e in (a, b)
    ]
    if not han[0] or not han[1]:
        return False
    return compare(Subject(han[0]), Subject(han[1])).score < THRESHOLD


def _distinctive(details: dict[str, Any]) -> bool:
    """Whether the matched Chinese names are long enough to identify a person without a
    birth date: three syllables or more. A two-syllable name (李義, "LI, Yi") is shared by
    too many people: the record's Judge Roberto Ribeiro (李義) is not the "LI, Yi" born in
    1975 on OFAC's Iran list."""
    names = [details.get("left"), details.get("right")]
    lengths = [
        len(parsed.orders[0].syllables) if parsed.orders else 0
        for parsed in (parse_name(n) for n in names if isinstance(n, str))
    ]
    return bool(lengths) and min(lengths) >= MIN_UNDATED_SYLLABLES


def same_person(a: Entity, b: Entity, record: KnownNames | None = None) -> bool:
    """Whether two entities from different lists are the same person (`link_reason`).

    Example: `same_person(ofac_chen, uk_chen)` is True.
    """
    return link_reason(a, b, record) is not None


@dataclass(frozen=True, slots=True)
class Listing:
    """One current designation shown in a cell."""

    jurisdiction: str
    program: str
    date: str
    listed_by: str  # the earliest snapshot date that shows it, when the list gives no date
    sanction_id: str
    entity_id: str
    # A designation of the cited record (no list snapshot): the source its date cites,
    # and that source's date once known (`gaps` fills it in).
    record_source: str = ""
    record_source_date: str = ""

    def label(self) -> str:
        """`GHR 2021-03-22`, `HK-EO13936 (listed by 2021-08-18)`, or for a designation of
        the record `HK-EO13936 2025-03-31 (record, source of 2025-03-31)`."""
        if self.date:
            text = f"{self.program} {self.date}"
        elif self.listed_by:
            text = f"{self.program} (listed by {self.listed_by})"
        else:
            text = self.program
        if self.record_source:
            return f"{text} (record, source of {self.record_source_date or self.record_source})"
        return text

    def to_dict(self) -> dict[str, str]:
        return {
            "program": self.program,
            "date": self.date,
            "listed_by": self.listed_by,
            "sanction_id": self.sanction_id,
            "entity_id": self.entity_id,
            "record_source": self.record_source,
            "record_source_date": self.record_source_date,
        }


@dataclass(slots=True)
class _Sanctions:
    """Every current designation in the store, by target."""

    by_target: dict[str, list[Listing]]
    programs: dict[str, set[str]]


def current_sanctions(store: Store, *, published_only: bool = False) -> _Sanctions:
    """The current designations, by target entity ID (the PRC's counter-sanctions are
    not designations: `lists.is_counter_sanction`)."""
    found = store.iter_entities(schema="Sanction", published_only=published_only)
    by_target = current_listings(s for s in found if not is_counter_sanction(s))
    programs = {t: {x.program for x in xs} for t, xs in by_target.items()}
    return _Sanctions(by_target, programs)


def current_listings(sanctions: Iterable[Entity]) -> dict[str, list[Listing]]:
    """The current designations among `sanctions`, by target entity ID: those citing the
    latest snapshot of their list, or no snapshot at all (`lists.SNAPSHOT_SOURCE`)."""
    sanctions = list(sanctions)
    first_seen: dict[str, str] = {}
    latest: dict[str, str] = {}
    for sanction in sanctions:
        for fact in sanction.facts:
            match = SNAPSHOT_SOURCE.match(fact.source_id)
            if match:
                first_seen[fact.source_id] = match.group(2)
                if match.group(2) > latest.get(match.group(1), ""):
                    latest[match.group(1)] = match.group(2)
    current_sources = {f"src-{name}-{date}" for name, date in latest.items()}
    by_target: dict[str, list[Listing]] = defaultdict(list)
    for sanction in sanctions:
        cited = {f.source_id for f in sanction.facts}
        if cited & first_seen.keys() and not cited & current_sources:
            continue  # only in earlier snapshots: no longer listed
        seen = sorted(first_seen[s] for s in cited & first_seen.keys())
        date = sanction.first("startDate") or sanction.first("listingDate") or ""
        record_source = "" if seen else _record_source(sanction)
        for target in sanction.values("entity"):
            for program in sanction.values("program") or [""]:
                listing = Listing(
                    jurisdiction=sanction.first("country") or "",
                    program=program,
                    date=date,
                    listed_by=seen[0] if seen and not date else "",
                    sanction_id=sanction.id,
                    entity_id=target,
                    record_source=record_source,
                )
                by_target[target].append(listing)
    return dict(by_target)


def _record_source(sanction: Entity) -> str:
    """The source a designation of the record cites for its date (else for anything)."""
    for prop in ("startDate", "listingDate", "date"):
        for fact in sanction.facts:
            if fact.prop == prop and fact.source_id:
                return fact.source_id
    return next((f.source_id for f in sanction.facts if f.source_id), "")


class PersonIndex:
    """Listed persons, indexed two ways for `matches`: by their exact name keys, and by
    the phonetic keys of their Chinese names (`screen.ScreeningIndex`), so only a few
    candidates per person are compared, never all pairs.

    Example: `PersonIndex(listed).matches(person)`.
    """

    def __init__(self, entities: Iterable[Entity], record: KnownNames | None = None) -> None:
        self.record = record
        self.entities: dict[str, Entity] = {}
        self.by_key: dict[frozenset[str], set[str]] = defaultdict(set)
        chinese: list[ScreenListing] = []
        for entity in entities:
            self.entities[entity.id] = entity
            for key in name_keys(entity):
                self.by_key[key].add(entity.id)
            names = chinese_names(entity)
            if names:
                dates = tuple(entity.values("birthDate"))
                chinese.append(ScreenListing(entity.id, entity.schema, names, dates, ()))
        self.chinese = ScreeningIndex(chinese)

    def matches(self, person: Entity) -> list[str]:
        """IDs of the other indexed entities that are the same person, sorted."""
        found = set().union(*(self.by_key.get(k, set()) for k in name_keys(person)))
        names = chinese_names(person)
        if names:
            subject = Subject(names)
            found |= {c.entity_id for c in self.chinese.candidates(subject, min_share=MIN_SHARE)}
        if self.record is not None:
            # Entities that share a name with a third entity sharing one with this one.
            for name in (v for p in IDENTITY_NAMES for v in person.values(p)):
                for third in self.record.carriers(name) - {person.id}:
                    for own in self.record.entities[third].names:
                        found |= self.record.carriers(own) & self.entities.keys()
        found.discard(person.id)
        return sorted(c for c in found if same_person(person, self.entities[c], self.record))
