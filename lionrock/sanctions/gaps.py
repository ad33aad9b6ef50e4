"""The gap matrix, built on responsibility (issue #12): who is responsible, who has
sanctioned them where, who asks for more, and whom Beijing punished in answer.

Rows are the persons with a cited responsible role (a `Responsibility`'s `official`), a
sanctions recommendation (a `Recommendation`'s `subject`), or a designation under a Hong
Kong program (HK-EO13936, HKAA: a government's own finding that they are responsible),
and those under any of `programs`. A victim's part (a Charge's defendant, an Event's
`involved`) never makes a row.

Columns are the jurisdictions (`JURISDICTIONS`). Each names the lists of that
jurisdiction that were actually imported, with their snapshot dates (`CheckedList`); a
jurisdiction with none says "no list checked", never "not sanctioned". A cell holds each
current designation (program and date) of the row's person or of the same person on
another list (`linking.same_person`). Two more columns: "recommended by" and
"counter-sanctioned by the PRC": the PRC's counter-sanctions that answer a measure against
the person (`respondsTo` an Event that involves them, or a Sanction on them).

One implementation serves the CLI (`lionrock sanctions gaps`), the web
(`/sanctions/gaps`) and the static site: `gap_matrix(store)` reads the store,
`gap_matrix_of(entities)` takes entities already loaded (the site's published record).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from lionrock.model import public_entities
from lionrock.sanctions.linking import (
    JURISDICTIONS,
    Listing,
    PersonIndex,
    current_listings,
    dates_agree,
    link_reason,
    name_key,
    name_keys,
    same_person,
)
from lionrock.sanctions.lists import SNAPSHOT_SOURCE, is_counter_sanction
from lionrock.sanctions.record import KnownNames
from lionrock.sources.ofac_sdn import HK_PROGRAMS
from lionrock.store import Entity, Store

__all__ = [
    "JURISDICTIONS",
    "SORTS",
    "CheckedList",
    "Column",
    "CounterSanction",
    "GapMatrix",
    "GapRow",
    "Listing",
    "PersonIndex",
    "Recommended",
    "Role",
    "dates_agree",
    "gap_matrix",
    "gap_matrix_of",
    "link_reason",
    "name_key",
    "name_keys",
    "same_person",
    "summary",
]

#: How rows may be ordered: the strongest cases for a submission first.
SORTS = ("conduct", "recommendations", "name")


#: What the matrix reads from the store.
SCHEMATA = ("Person", "Sanction", "Responsibility", "Recommendation")


@dataclass(frozen=True, slots=True)
class CheckedList:
    """A list snapshot checked for a jurisdiction: the latest one of its list."""

    list_name: str
    date: str
    source_id: str
    title: str
    file_name: str

    def label(self) -> str:
        """`us-ofac-sdn 2024-05-03`."""
        return f"{self.list_name} {self.date}"

    def to_dict(self) -> dict[str, str]:
        return {
            "list": self.list_name,
            "snapshot_date": self.date,
            "source_id": self.source_id,
            "title": self.title,
            "file_name": self.file_name,
        }


@dataclass(frozen=True, slots=True)
class Column:
    """A jurisdiction's column and the lists checked for it."""

    code: str
    label: str
    lists: tuple[CheckedList, ...]
    record: bool = False  # some cell holds a designation of the cited record, not of a list

    def heading(self) -> str:
        """`US (us-ofac-sdn 2024-05-03)`, `US (us-ofac-sdn 2024-05-03; cited record)`, or
        `EU (no list checked)`."""
        checked = "; ".join(x.label() for x in self.lists) or NO_LIST
        return f"{self.label} ({checked}{'; ' + RECORD if self.record else ''})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "lists": [x.to_dict() for x in self.lists],
            "record": self.record,
        }


NO_LIST = "no list checked"
RECORD = "cited record"
NOT_LISTED = "not listed"


@dataclass(frozen=True, slots=True)
class Role:
    """One cited responsible role (a Responsibility)."""

    responsibility_id: str
    role: str
    target_id: str
    target: str  # the event's or case's name
    date: str
    conduct: int  # how many cited conduct statements it has

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.responsibility_id,
            "role": self.role,
            "target_id": self.target_id,
            "target": self.target,
            "date": self.date,
            "conduct": self.conduct,
        }


@dataclass(frozen=True, slots=True)
class Recommended:
    """One sanctions recommendation of the row's person."""

    recommendation_id: str
    recommender: str
    date: str
    addressed_to: str

    def label(self) -> str:
        """`CECC 2023-05-10 (to us)`."""
        to = f" (to {self.addressed_to})" if self.addressed_to else ""
        return f"{self.recommender} {self.date}{to}"

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.recommendation_id,
            "recommender": self.recommender,
            "date": self.date,
            "addressed_to": self.addressed_to,
        }


@dataclass(frozen=True, slots=True)
class CounterSanction:
    """A PRC counter-sanction announcement that answers a measure against the person:
    its date, program, targets' names, and the measure it answers."""

    date: str
    program: str
    targets: tuple[str, ...]
    responds_to: str  # the name of the Event or Sanction answered
    sanction_ids: tuple[str, ...]

    def label(self) -> str:
        """`2020-08-10 Countermeasures: 11 targets`."""
        n = len(self.targets)
        return f"{self.date} {self.program}: {n} target{'s' if n != 1 else ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "program": self.program,
            "targets": list(self.targets),
            "responds_to": self.responds_to,
            "sanction_ids": list(self.sanction_ids),
        }


@dataclass(slots=True)
class GapRow:
    """One responsible person: the entities that are them across lists and the record,
    their roles, recommendations, designations and the PRC's answers."""

    entity_id: str
    name: str
    same_as: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    recommendations: list[Recommended] = field(default_factory=list)
    cells: dict[str, list[Listing]] = field(default_factory=dict)
    counter_sanctions: list[CounterSanction] = field(default_factory=list)
    basis: list[str] = field(default_factory=list)  # why a row: role, recommendation, program

    @property
    def conduct(self) -> int:
        """How much documented conduct: cited conduct statements over all roles (a role
        without a statement of conduct counts one)."""
        return sum(max(1, r.conduct) for r in self.roles)

    def to_dict(self, columns: Iterable[Column] = ()) -> dict[str, Any]:
        return {
            "id": self.entity_id,
            "name": self.name,
            "same_as": self.same_as,
            "basis": self.basis,
            "conduct": self.conduct,
            "roles": [r.to_dict() for r in self.roles],
            "recommended_by": [r.to_dict() for r in self.recommendations],
            "sanctions": {
                c.label: {
                    "status": self.status(c),
                    "designations": [x.to_dict() for x in self.cells.get(c.code, [])],
                }
                for c in columns
            },
            "counter_sanctioned_by_prc": [c.to_dict() for c in self.counter_sanctions],
        }

    def status(self, column: Column) -> str:
        """`listed`, `not listed` (on the lists checked) or `no list checked`."""
        if self.cells.get(column.code):
            return "listed"
        return NOT_LISTED if column.lists else NO_LIST


@dataclass(slots=True)
class GapMatrix:
    """The columns and the rows."""

    columns: list[Column]
    rows: list[GapRow]

    def __iter__(self) -> Iterator[GapRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def summary(self) -> dict[str, int]:
        return summary(self.rows)

    def sorted(self, sort: str) -> GapMatrix:
        """The same matrix, its rows in another order (one of `SORTS`).

        Example: `matrix.sorted("recommendations").rows[0].recommendations`.
        """
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
        return GapMatrix(self.columns, _sorted(self.rows, sort))

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary(),
            "columns": [c.to_dict() for c in self.columns],
            "rows": [r.to_dict(self.columns) for r in self.rows],
        }


def summary(rows: Iterable[GapRow]) -> dict[str, int]:
    """How many rows each jurisdiction has designated, and how many rows there are."""
    rows = list(rows)
    counts = {label: sum(1 for r in rows if r.cells.get(code)) for code, label in JURISDICTIONS}
    return {"persons": len(rows), **counts}


def gap_matrix(
    store: Store,
    *,
    programs: Iterable[str] = (),
    published_only: bool = False,
    sort: str = "conduct",
) -> GapMatrix:
    """The gap matrix of the store (see the module's docstring).

    Example: `[r.name for r in gap_matrix(store).rows if not r.cells.get("gb")]`.
    """

    def read(**where: Any) -> Iterable[Entity]:
        found = store.iter_entities(published_only=published_only, **where)
        # Published output shows public facts only (issue #18 §2).
        return public_entities(found) if published_only else found

    entities = {e.id: e for e in read(schema=SCHEMATA)}
    wanted = _referenced(entities.values())
    entities |= {e.id: e for e in read(ids=wanted)}
    return gap_matrix_of(entities, programs=programs, sort=sort)


def _referenced(entities: Iterable[Entity]) -> set[str]:
    """The events, cases, recommenders and sources the matrix names."""
    props = ("target", "recommender", "respondsTo", "official", "subject")
    wanted: set[str] = set()
    for entity in entities:
        if entity.schema == "Person":
            continue
        for prop in props:
            wanted.update(entity.values(prop))
        if entity.schema == "Sanction":
            # The snapshots, and the sources of the record's own designations (their dates).
            wanted.update(f.source_id for f in entity.facts)
    return wanted


def checked_lists(entities: Mapping[str, Entity]) -> dict[str, list[CheckedList]]:
    """Per jurisdiction code, the latest snapshot of each list whose designations are in
    `entities` (an imported list, or the bundled OFAC extract)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for sanction in (e for e in entities.values() if e.schema == "Sanction"):
        countries = sanction.values("country")
        for fact in sanction.facts:
            match = SNAPSHOT_SOURCE.match(fact.source_id)
            if match:
                for country in countries:
                    seen.setdefault((country, match.group(1)), {})[match.group(2)] = match.group(0)
    found: dict[str, list[CheckedList]] = defaultdict(list)
    for (country, list_name), dates in sorted(seen.items()):
        date = max(dates)
        doc = entities.get(dates[date])
        title = (doc.first("title") if doc else None) or list_name
        file_name = (doc.first("fileName") if doc else None) or ""
        found[country].append(CheckedList(list_name, date, dates[date], title, file_name))
    return dict(found)


def gap_matrix_of(
    entities: Mapping[str, Entity], *, programs: Iterable[str] = (), sort: str = "conduct"
) -> GapMatrix:
    """The gap matrix of entities already loaded (the site's published record).

    Example: `gap_matrix_of(SiteRecord.load(store).entities).columns[0].heading()`.
    """
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    by_schema: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        by_schema[entity.schema].append(entity)
    persons = {e.id: e for e in by_schema["Person"]}
    sanctions = [s for s in by_schema["Sanction"] if not is_counter_sanction(s)]
    counter = [s for s in by_schema["Sanction"] if is_counter_sanction(s)]
    lists = checked_lists(entities)
    current = _dated(current_listings(sanctions), entities)
    from_record = {x.jurisdiction for xs in current.values() for x in xs if x.record_source}
    columns = [
        Column(code, label, tuple(lists.get(code, ())), code in from_record)
        for code, label in JURISDICTIONS
    ]
    roles = _roles(by_schema["Responsibility"], entities)
    recommended = _recommendations(by_schema["Recommendation"], entities)
    wanted = set(HK_PROGRAMS) | set(programs)
    listed = {t for t, xs in current.items() if any(x.program in wanted for x in xs)}
    candidates = (roles.keys() | recommended.keys() | listed) & persons.keys()
    record = KnownNames.from_entities(persons.values())
    # Every person is indexed, so a row takes in the record's entry of a listed person
    # (李家超 in the record, "LEE, John Ka-chiu" on the list) and each person is one row.
    index = PersonIndex(persons.values(), record)
    answers = _answers(counter, entities)
    rows: list[GapRow] = []
    placed: set[str] = set()
    # Listed persons first, so a listed entity heads the row of its record entry.
    for person_id in sorted(candidates, key=lambda i: (i not in listed, persons[i].caption, i)):
        if person_id in placed:
            continue
        person = persons[person_id]
        # A member already in an earlier row stays there: a person is counted once.
        cluster = [person_id, *(m for m in index.matches(person) if m not in placed)]
        row = GapRow(person_id, person.caption, cluster[1:])
        for member in cluster:
            placed.add(member)
            row.roles += roles.get(member, [])
            row.recommendations += recommended.get(member, [])
            for listing in current.get(member, []):
                row.cells.setdefault(listing.jurisdiction, []).append(listing)
            row.counter_sanctions += answers.get(member, [])
        row.counter_sanctions = sorted(set(row.counter_sanctions), key=lambda c: c.date)
        row.recommendations.sort(key=lambda r: (r.date, r.recommender))
        row.roles.sort(key=lambda r: (r.date, r.target))
        row.basis = _basis(row, wanted)
        rows.append(row)
    return GapMatrix(columns, _sorted(rows, sort))


def _dated(
    current: dict[str, list[Listing]], entities: Mapping[str, Entity]
) -> dict[str, list[Listing]]:
    """The listings, each designation of the record with its source's date."""

    def dated(x: Listing) -> Listing:
        doc = entities.get(x.record_source) if x.record_source else None
        when = (doc.first("publishedAt") or doc.first("date") or "") if doc else ""
        return replace(x, record_source_date=when) if when else x

    return {t: [dated(x) for x in xs] for t, xs in current.items()}


def _basis(row: GapRow, wanted: set[str]) -> list[str]:
    basis = sorted({r.role for r in row.roles})
    if row.recommendations:
        basis.append("recommended")
    programs = {x.program for xs in row.cells.values() for x in xs if x.program in wanted}
    return basis + sorted(f"designated {p}" for p in programs)


def _sorted(rows: list[GapRow], sort: str) -> list[GapRow]:
    if sort == "name":
        return sorted(rows, key=lambda r: (r.name, r.entity_id))
    if sort == "recommendations":
        return sorted(rows, key=lambda r: (-len(r.recommendations), -r.conduct, r.name))
    return sorted(rows, key=lambda r: (-r.conduct, -len(r.recommendations), r.name))


def _name(entities: Mapping[str, Entity], entity_id: str) -> str:
    entity = entities.get(entity_id)
    return entity.caption if entity is not None else entity_id


def _roles(records: Iterable[Entity], entities: Mapping[str, Entity]) -> dict[str, list[Role]]:
    found: dict[str, list[Role]] = defaultdict(list)
    for rec in records:
        target = rec.first("target") or ""
        conduct = sum(1 for f in rec.facts if f.prop == "conduct")
        date = rec.first("date") or ""
        if not date and target in entities:
            date = entities[target].first("date") or entities[target].first("startDate") or ""
        for official in rec.values("official"):
            for role in rec.values("role") or [""]:
                found[official].append(
                    Role(rec.id, role, target, _name(entities, target), date, conduct)
                )
    return dict(found)


def _recommendations(
    records: Iterable[Entity], entities: Mapping[str, Entity]
) -> dict[str, list[Recommended]]:
    found: dict[str, list[Recommended]] = defaultdict(list)
    for rec in records:
        by = ", ".join(_name(entities, r) for r in rec.values("recommender"))
        to = ", ".join(rec.values("addressedTo"))
        for subject in rec.values("subject"):
            found[subject].append(Recommended(rec.id, by, rec.first("date") or "", to))
    return dict(found)


def _answers(
    counter: Iterable[Entity], entities: Mapping[str, Entity]
) -> dict[str, list[CounterSanction]]:
    """Per person, the PRC's counter-sanctions that answer a measure against them: a
    counter-sanction `respondsTo` an Event that involves them or a Sanction on them."""
    grouped: dict[tuple[str, str, str], list[Entity]] = defaultdict(list)
    for sanction in counter:
        date = sanction.first("startDate") or sanction.first("date") or ""
        for answered in sanction.values("respondsTo"):
            grouped[(answered, date, sanction.first("program") or "")].append(sanction)
    found: dict[str, list[CounterSanction]] = defaultdict(list)
    for (answered, date, program), group in grouped.items():
        measure = entities.get(answered)
        if measure is None:
            continue
        targets = tuple(sorted({_name(entities, t) for s in group for t in s.values("entity")}))
        item = CounterSanction(
            date, program, targets, measure.caption, tuple(sorted(s.id for s in group))
        )
        for person in {*measure.values("involved"), *measure.values("entity")}:
            found[person].append(item)
    return dict(found)
