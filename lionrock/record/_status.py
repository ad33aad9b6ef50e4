"""Where a person is: custody statuses dated by their sources, the events their charges
record, and remand.

A custody status is "as of" the publication date of the source it cites (issue #11).
A person may have several over time; the latest-dated one is current. An undated one
(its source has no publication date) counts only when no dated one exists, and
`lionrock check` reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lionrock.model import Fact, get_model
from lionrock.record._data import CaseRecord, date_bounds, day, facts_of, sort_key
from lionrock.store import Entity

#: Statuses that mean the person is held now.
IN_CUSTODY = ("remanded", "serving_sentence")
#: Verdicts that end a charge.
CLOSED_VERDICTS = ("acquitted", "discontinued")


@dataclass(frozen=True, slots=True)
class Status:
    """One custody status fact and the date it is as of (None: its source is undated)."""

    value: str
    as_of: str | None
    fact: Fact


@dataclass(frozen=True, slots=True)
class Event:
    """A dated step a record states: `kind` is arrest, bail_granted, bail_refused,
    convicted, acquitted, sentenced (a custodial sentence), released or wanted."""

    kind: str
    date: str
    fact: Fact
    charge_id: str | None = None


#: The statuses each event leaves possible afterwards: a status dated before a later
#: event outside its set is out of date.
COMPATIBLE: dict[str, frozenset[str]] = {
    "arrest": frozenset({"remanded", "on_bail", "serving_sentence", "deceased"}),
    "bail_refused": frozenset({"remanded", "serving_sentence", "deceased"}),
    "bail_granted": frozenset(
        {"on_bail", "released", "serving_sentence", "in_exile", "whereabouts_unknown", "deceased"}
    ),
    "convicted": frozenset({"remanded", "serving_sentence", "on_bail", "deceased"}),
    "acquitted": frozenset(
        {"released", "on_bail", "serving_sentence", "in_exile", "whereabouts_unknown", "deceased"}
    ),
    # released on the day (time served) is a `releaseDate` on the same day
    "sentenced": frozenset({"serving_sentence", "on_bail", "deceased"}),
    "released": frozenset({"released", "in_exile", "whereabouts_unknown", "deceased", "on_bail"}),
    "wanted": frozenset({"in_exile", "whereabouts_unknown", "deceased"}),
}


def statuses(record: CaseRecord, person: Entity) -> list[Status]:
    """The person's custody statuses, oldest first (undated ones first of all)."""
    found = [
        Status(f.value, record.source_date(f.source_id), f)
        for f in facts_of(person, "custodyStatus")
    ]
    order = get_model().enums["custodyStatus"]
    return sorted(
        found,
        key=lambda s: (
            s.as_of is not None,
            sort_key(s.as_of),
            s.fact.status == "confirmed",  # on the same day, a confirmed fact wins
            -order.index(s.value) if s.value in order else 0,
        ),
    )


def current_status(record: CaseRecord, person: Entity) -> Status | None:
    """The latest-dated custody status, or None."""
    found = statuses(record, person)
    return found[-1] if found else None


def events(record: CaseRecord, person: Entity) -> list[Event]:
    """The dated events of the person's charges (and warrant), oldest first."""
    found: list[Event] = []
    for charge in record.charges_of(person.id):
        verdict = charge.first("verdict")
        months = _months(charge)
        for prop, kind in (
            ("arrestDate", "arrest"),
            ("bailGranted", "bail_granted"),
            ("bailDenied", "bail_refused"),
            ("releaseDate", "released"),
        ):
            found += [Event(kind, f.value, f, charge.id) for f in facts_of(charge, prop)]
        if verdict in ("convicted", "acquitted"):
            found += [
                Event(verdict, f.value, f, charge.id) for f in facts_of(charge, "verdictDate")
            ]
        if verdict == "convicted" and months:
            found += [
                Event("sentenced", f.value, f, charge.id) for f in facts_of(charge, "sentenceDate")
            ]
    found += [Event("arrest", f.value, f) for f in facts_of(person, "arrestDate")]
    found += [Event("wanted", f.value, f) for f in facts_of(person, "wantedDate")]
    return sorted(found, key=lambda e: (sort_key(e.date), e.kind, e.fact.id))


def _months(charge: Entity) -> float:
    try:
        return max((float(v) for v in charge.values("sentenceMonths")), default=0.0)
    except ValueError:
        return 0.0


def later_events(record: CaseRecord, person: Entity, status: Status) -> list[Event]:
    """Events certainly after the status's as-of date that leave it out of date. Only
    the latest day's events count: an older one was overtaken by them."""
    if status.as_of is None:
        return []
    later = [e for e in events(record, person) if _after(e.date, status.as_of)]
    if not later:
        return []
    last = date_bounds(later[-1].date)
    latest = [e for e in later if date_bounds(e.date) == last]
    allowed = frozenset().union(*(COMPATIBLE[e.kind] for e in latest))
    return [] if status.value in allowed else latest


def _after(left: str, right: str) -> bool:
    a, b = date_bounds(left), date_bounds(right)
    return a is not None and b is not None and a[0] > b[1]


@dataclass(frozen=True, slots=True)
class Remand:
    """A remand: since when, on what basis (`bail_refused`, `arrest` or `charge`), and
    how many days to today and to the status's as-of date (None: not a full date)."""

    start: str
    basis: str
    fact: Fact
    days_to_today: int | None
    days_to_as_of: int | None


def _open_charges(charges: list[Entity]) -> list[Entity]:
    open_ = [
        c
        for c in charges
        if c.first("verdict") not in CLOSED_VERDICTS
        and not c.values("sentenceDate")
        and not c.values("releaseDate")
    ]
    return open_ or charges


def remand(record: CaseRecord, person: Entity, status: Status, today: date) -> Remand | None:
    """For a person remanded now: the remand's start. With a bail grant recorded, the
    first refusal after the last grant (bail revoked); else the arrest (held since),
    else the first refusal, else the charge (remanded at first appearance)."""
    charges = _open_charges(record.charges_of(person.id))
    granted = [f for c in charges for f in facts_of(c, "bailGranted")]
    refused = sorted(
        (f for c in charges for f in facts_of(c, "bailDenied")), key=lambda f: sort_key(f.value)
    )
    choice: tuple[Fact, str] | None = None
    if granted:
        last = max(granted, key=lambda f: sort_key(f.value))
        after = [f for f in refused if _after(f.value, last.value)]
        choice = (after[0], "bail_refused") if after else None
    else:
        arrested = [f for c in charges for f in facts_of(c, "arrestDate")]
        arrested = arrested or facts_of(person, "arrestDate")
        charged = [f for c in charges for f in facts_of(c, "chargeDate")]
        for facts, basis in ((arrested, "arrest"), (refused, "bail_refused"), (charged, "charge")):
            if facts:
                choice = (min(facts, key=lambda f: sort_key(f.value)), basis)
                break
    if choice is None:
        return None
    fact, basis = choice
    start = day(fact.value)
    as_of = day(status.as_of)
    return Remand(
        start=fact.value,
        basis=basis,
        fact=fact,
        days_to_today=(today - start).days if start else None,
        days_to_as_of=(as_of - start).days if start and as_of and as_of >= start else None,
    )
