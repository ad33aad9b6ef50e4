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
The values are in `gaps_model`, what is read from the entities in `gaps_read`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from lionrock.model import public_entities
from lionrock.sanctions.gaps_model import (
    NO_LIST,
    NOT_LISTED,
    RECORD,
    SORTS,
    CheckedList,
    Column,
    CounterSanction,
    GapMatrix,
    GapRow,
    Recommended,
    Role,
    summary,
)
from lionrock.sanctions.gaps_read import (
    checked_lists,
    counter_sanctions_of,
    dated,
    recommendations_of,
    roles_of,
)
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
from lionrock.sanctions.lists import is_counter_sanction
from lionrock.sanctions.record import KnownNames
from lionrock.sources.ofac_sdn import HK_PROGRAMS
from lionrock.store import Entity, Store
from lionrock.store._tables import statements

__all__ = [
    "JURISDICTIONS",
    "NOT_LISTED",
    "NO_LIST",
    "RECORD",
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
    "checked_lists",
    "dates_agree",
    "gap_matrix",
    "gap_matrix_of",
    "link_reason",
    "name_key",
    "name_keys",
    "same_person",
    "summary",
]


#: What the matrix reads from the store.
SCHEMATA = ("Person", "Sanction", "Responsibility", "Recommendation")
#: The Events that answer a measure (`respondsTo`): the PRC's announcements that named no
#: one are among them (issue #12 §4).
ANSWERING_EVENTS = (
    select(statements.c.entity_id)
    .distinct()
    .where(statements.c.prop == "respondsTo", statements.c.schema == "Event")
)


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
    with store.read() as conn:
        answering = [row.entity_id for row in conn.execute(ANSWERING_EVENTS)]
    entities |= {e.id: e for e in read(ids=answering)}
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
    # the PRC's announcements that named no one, answering a measure (issue #12 §4)
    counter += [e for e in by_schema["Event"] if e.values("respondsTo") and is_counter_sanction(e)]
    lists = checked_lists(entities)
    current = dated(current_listings(sanctions), entities)
    from_record = {x.jurisdiction for xs in current.values() for x in xs if x.record_source}
    columns = [
        Column(code, label, tuple(lists.get(code, ())), code in from_record)
        for code, label in JURISDICTIONS
    ]
    roles = roles_of(by_schema["Responsibility"], entities)
    recommended = recommendations_of(by_schema["Recommendation"], entities)
    wanted = set(HK_PROGRAMS) | set(programs)
    listed = {t for t, xs in current.items() if any(x.program in wanted for x in xs)}
    candidates = (roles.keys() | recommended.keys() | listed) & persons.keys()
    record = KnownNames.from_entities(persons.values())
    # Every person is indexed, so a row takes in the record's entry of a listed person
    # (李家超 in the record, "LEE, John Ka-chiu" on the list) and each person is one row.
    index = PersonIndex(persons.values(), record)
    answers = counter_sanctions_of(counter, entities)
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
    return GapMatrix(columns, rows).sorted(sort)


def _basis(row: GapRow, wanted: set[str]) -> list[str]:
    basis = sorted({r.role for r in row.roles})
    if row.recommendations:
        basis.append("recommended")
    programs = {x.program for xs in row.cells.values() for x in xs if x.program in wanted}
    return basis + sorted(f"designated {p}" for p in programs)
