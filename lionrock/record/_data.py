"""The prosecution record in memory: defendants, their charges and cases, custody
statuses, and the sources all of these cite (issue #11).

`CaseRecord` is built from a Store (`from_store`) or from entities already loaded
(`from_entities`: the static site's published record), so the checks, the prisoner
views, the statistics and the CSV all read one structure, whichever output asks.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import select

from lionrock.model import Fact, get_model, public_entity
from lionrock.store import Entity, Store, citation
from lionrock.store._tables import entities as entity_table
from lionrock.store._tables import statements

#: Person properties that put a person in the record even without a charge.
PERSON_PROPS = ("custodyStatus", "arrestDate", "wantedDate", "bounty")
#: Review states that are part of the record when drafts are included (a rejected fact
#: was refused by a reviewer; a suggested one was never seen by an editor).
LIVE_REVIEWS = ("draft", "in_review", "published")
#: The statutes of the national-security era (issue #11's scope).
NSL_ERA = ("nsl", "nsl_rules", "crimes_ordinance", "snso")
#: The day the National Security Law came into force: the era's first day.
NSL_IN_FORCE = "2020-06-30"


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day an FtM date may mean (its precision is its length).

    Example: `date_bounds("2024-02")` is `(date(2024, 2, 1), date(2024, 2, 29))`.
    """
    if not value:
        return None
    try:
        year = int(value[:4])
        if len(value) < 7:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(value[5:7])
        if len(value) < 10:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        day = date(year, month, int(value[8:10]))
        return day, day
    except ValueError:
        return None


def before(left: str | None, right: str | None) -> bool:
    """Whether `left` is certainly earlier than `right` (every day `left` may mean comes
    before every day `right` may mean); False when either is missing.

    Example: `before("2024-05", "2024-06-01")` is True; `before("2024", "2024-06")` False.
    """
    a, b = date_bounds(left), date_bounds(right)
    return a is not None and b is not None and a[1] < b[0]


def sort_key(value: str | None) -> tuple[date, date]:
    """Orders dates of any precision (a missing date first)."""
    return date_bounds(value) or (date.min, date.min)


def day(value: str | None) -> date | None:
    """The day a date names, or None when it is less precise than a day."""
    bounds = date_bounds(value)
    return bounds[0] if bounds is not None and bounds[0] == bounds[1] else None


@cache
def _schema_is(schema: str, other: str) -> bool:
    spec = get_model().get(schema)
    return spec is not None and spec.is_a(other)


@cache
def _is_source(schema: str) -> bool:
    spec = get_model().get(schema)
    return spec is not None and spec.is_source


@dataclass(slots=True)
class CaseRecord:
    """Defendants, charges, cases and what they cite.

    Example: `CaseRecord.from_store(store, published_only=True).defendants()`.
    """

    entities: dict[str, Entity]
    charges: list[Entity] = field(default_factory=list)
    by_defendant: dict[str, list[Entity]] = field(default_factory=dict)
    by_case: dict[str, list[Entity]] = field(default_factory=dict)
    #: Chinese-name facts of every Person (for the duplicate warning), by folded name
    zho_names: dict[str, list[Fact]] = field(default_factory=dict)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> CaseRecord:
        """From loaded entities (e.g. the site's published record): keeps what the
        prosecution record needs."""
        everything = {e.id: e for e in entities}
        wanted: set[str] = set()
        names: list[Fact] = []
        for entity in everything.values():
            if entity.schema in ("Charge", "CourtCase", "Event") or (
                entity.schema == "Person" and any(f.prop in PERSON_PROPS for f in entity.facts)
            ):
                wanted.add(entity.id)
            if entity.schema == "Person":
                names += [f for f in entity.facts if f.prop == "name"]
        wanted |= _namesakes(names)
        for charge in [everything[i] for i in wanted if everything[i].schema == "Charge"]:
            wanted |= set(charge.values("defendant")) | set(charge.values("case"))
        kept = {i: everything[i] for i in wanted if i in everything}
        for source_id in {f.source_id for e in kept.values() for f in e.facts}:
            if source_id in everything:
                kept[source_id] = everything[source_id]
        return cls._build(kept, names)

    @classmethod
    def from_store(cls, store: Store, *, published_only: bool = False) -> CaseRecord:
        """From a Store: published facts only, or every fact still in play (drafts and
        facts in review, not rejected or machine-suggested ones)."""
        reviews = ("published",) if published_only else LIVE_REVIEWS
        s = statements.c
        people = (
            select(s.entity_id)
            .where(s.schema == "Person", s.prop.in_(PERSON_PROPS), s.review.in_(reviews))
            .distinct()
        )
        kinds = select(entity_table.c.id).where(
            entity_table.c.schema.in_(("Charge", "CourtCase", "Event"))
        )
        names = select(statements).where(
            s.schema == "Person", s.prop == "name", s.review.in_(reviews)
        )
        with store.read() as conn:
            ids = {r.entity_id for r in conn.execute(people)} | {r.id for r in conn.execute(kinds)}
            name_facts = [_fact(r) for r in conn.execute(names)]
        ids |= _namesakes(name_facts)
        found = {e.id: _live(e, reviews) for e in store.iter_entities(ids=sorted(ids))}
        linked = {
            v
            for e in found.values()
            if e.schema == "Charge"
            for p in ("defendant", "case")
            for v in e.values(p)
        } - set(found)
        found |= {e.id: _live(e, reviews) for e in store.iter_entities(ids=sorted(linked))}
        cited = {f.source_id for e in found.values() for f in e.facts} - set(found)
        found |= {e.id: _live(e, reviews) for e in store.iter_entities(ids=sorted(cited))}
        if published_only:  # the one rule for public output (issue #18 §2)
            found = {i: public_entity(e) or Entity(i, e.schema, ()) for i, e in found.items()}
        return cls._build({i: e for i, e in found.items() if e.facts}, name_facts)

    @classmethod
    def _build(cls, entities: dict[str, Entity], names: list[Fact]) -> CaseRecord:
        record = cls(dict(sorted(entities.items())))
        by_defendant: dict[str, list[Entity]] = defaultdict(list)
        by_case: dict[str, list[Entity]] = defaultdict(list)
        for entity in record.entities.values():
            if entity.schema != "Charge":
                continue
            record.charges.append(entity)
            for defendant in entity.values("defendant"):
                by_defendant[defendant].append(entity)
            for case in entity.values("case"):
                by_case[case].append(entity)
        record.by_defendant = dict(by_defendant)
        record.by_case = dict(by_case)
        zho: dict[str, list[Fact]] = defaultdict(list)
        for fact in names:
            if fact.lang == "zho" or (fact.lang is None and _has_han(fact.value)):
                zho[fold_chinese(fact.value)].append(fact)
        record.zho_names = dict(zho)
        return record

    # -- reads -----------------------------------------------------------------------

    def defendants(self) -> list[Entity]:
        """Everyone in the record: defendants (persons and companies) and persons with a
        custody status, an arrest date or a warrant, by caption."""
        ids = set(self.by_defendant)
        ids |= {
            e.id
            for e in self.entities.values()
            if e.schema == "Person" and any(f.prop in PERSON_PROPS for f in e.facts)
        }
        found = [self.entities[i] for i in ids if i in self.entities]
        return sorted(found, key=lambda e: (e.caption.casefold(), e.id))

    def charges_of(self, entity_id: str) -> list[Entity]:
        """A defendant's charges, by charge date then ID."""
        found = self.by_defendant.get(entity_id, [])
        return sorted(found, key=lambda c: (sort_key(c.first("chargeDate")), c.id))

    def cases(self) -> list[Entity]:
        """The court cases that have charges in the record, largest first."""
        found = [self.entities[i] for i in self.by_case if i in self.entities]
        return sorted(found, key=lambda c: (-len(self.by_case[c.id]), c.caption, c.id))

    def source_date(self, source_id: str) -> str | None:
        """The publication date of a source (`publishedAt`, else FtM's `date`), never the
        date it was read: a custody status is as of this date."""
        source = self.entities.get(source_id)
        if source is None:
            return None
        return source.first("publishedAt") or source.first("date")

    def cite(self, fact: Fact) -> dict[str, str | None]:
        """How `fact` cites its source: ID, title, publisher, date and URL."""
        return citation(fact.source_id, self.entities.get(fact.source_id))

    def is_source(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and _is_source(entity.schema)

    def is_a(self, entity_id: str, schema: str) -> bool:
        entity = self.entities.get(entity_id)
        return entity is not None and _schema_is(entity.schema, schema)


def facts_of(entity: Entity, prop: str) -> list[Fact]:
    """The facts of one property, in the order recorded."""
    return [f for f in entity.facts if f.prop == prop]


def first_fact(entity: Entity, prop: str) -> Fact | None:
    for fact in entity.facts:
        if fact.prop == prop:
            return fact
    return None


def _live(entity: Entity, reviews: tuple[str, ...]) -> Entity:
    facts = tuple(f for f in entity.facts if f.review in reviews)
    return entity if len(facts) == len(entity.facts) else Entity(entity.id, entity.schema, facts)


def _fact(row: object) -> Fact:
    names = (
        "entity_id",
        "schema",
        "prop",
        "value",
        "source_id",
        "status",
        "review",
        "lang",
        "original_value",
        "recorded_by",
        "recorded_at",
    )
    return Fact(**{n: getattr(row, n) for n in names})


def _namesakes(names: list[Fact]) -> set[str]:
    """The persons who share a Chinese name with another person."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for fact in names:
        if fact.lang == "zho" or (fact.lang is None and _has_han(fact.value)):
            by_name[fold_chinese(fact.value)].add(fact.entity_id)
    return {i for ids in by_name.values() if len(ids) > 1 for i in ids}


def _has_han(value: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in value)


@cache
def _t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def fold_chinese(name: str) -> str:
    """A Chinese name folded for comparison: no spaces or middle dots, Simplified script.

    Example: `fold_chinese("黃 之鋒") == fold_chinese("黄之锋")`.
    """
    compact = "".join(ch for ch in name if not ch.isspace() and ch not in "·・.")
    return str(_t2s().convert(compact))  # type: ignore[attr-defined]


def by_id(entities: Mapping[str, Entity], ids: Iterable[str]) -> list[Entity]:
    """The entities of `ids` that exist, in the order given."""
    return [entities[i] for i in ids if i in entities]
