"""The gap matrix's values (issue #12): the lists checked per jurisdiction (`Column`), a
row's roles, recommendations and the PRC's answers, the row (`GapRow`) and the matrix
(`GapMatrix`), with their JSON shapes and the orders rows may take. `gaps` builds them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lionrock.sanctions.linking import JURISDICTIONS, Listing

#: How rows may be ordered: the strongest cases for a submission first.
SORTS = ("conduct", "recommendations", "name")


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
    its date, program, targets' names, and the measure it answers. An announcement that
    named no one is an Event (issue #12 §4): then `announcement` is its name, `targets` is
    empty and `sanction_ids` holds the Event's ID."""

    date: str
    program: str
    targets: tuple[str, ...]
    responds_to: str  # the name of the Event or Sanction answered
    sanction_ids: tuple[str, ...]
    announcement: str = ""

    def label(self) -> str:
        """`2020-08-10 Countermeasures: 11 targets`, or for an announcement that named no
        one `2025-04-21 announcement, targets not named`."""
        if self.announcement:
            return f"{self.date} announcement, targets not named"
        n = len(self.targets)
        return f"{self.date} {self.program}: {n} target{'s' if n != 1 else ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "program": self.program,
            "targets": list(self.targets),
            "responds_to": self.responds_to,
            "sanction_ids": list(self.sanction_ids),
            "announcement": self.announcement,
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


def _sorted(rows: list[GapRow], sort: str) -> list[GapRow]:
    if sort == "name":
        return sorted(rows, key=lambda r: (r.name, r.entity_id))
    if sort == "recommendations":
        return sorted(rows, key=lambda r: (-len(r.recommendations), -r.conduct, r.name))
    return sorted(rows, key=lambda r: (-r.conduct, -len(r.recommendations), r.name))
