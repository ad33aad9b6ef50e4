"""Appeals on a charge, and the one rule that says whether its conviction stands
(issue #11).

A charge records each appeal ruling as an `appealOutcome` fact, dated by the
`appealDate` fact that cites the same source (a ruling's report gives both). Only
rulings on the conviction change it: the latest-dated of `conviction_quashed` and
`conviction_reinstated` decides, so Chow Hang-tung's vigil conviction (quashed in
December 2022, reinstated in January 2024) stands and Jimmy Lai's fraud conviction
(quashed on 26 February 2026) does not. A ruling with no date counts before dated
ones, as an undated custody status does; `lionrock check` reports two rulings on one
conviction whose order is unknown.

Every count of convictions, sentence total, prisoner row and CSV asks `conviction_stands`
(or `standing_verdict`), never `verdict == "convicted"` alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from lionrock.model import Fact
from lionrock.record._data import facts_of, sort_key
from lionrock.store import Entity

QUASHED, REINSTATED = "conviction_quashed", "conviction_reinstated"
#: The rulings that change whether a conviction stands.
ON_CONVICTION = (QUASHED, REINSTATED)


@dataclass(frozen=True, slots=True)
class Ruling:
    """One appeal ruling on a charge: its outcome, its date (None: no `appealDate`
    from the same source) and the facts that say so."""

    outcome: str
    date: str | None
    fact: Fact
    date_fact: Fact | None


def rulings(charge: Entity) -> list[Ruling]:
    """The charge's appeal rulings, oldest first (undated ones first of all)."""
    dates = {f.source_id: f for f in facts_of(charge, "appealDate")}
    found = [
        Ruling(f.value, d.value if d else None, f, d)
        for f in facts_of(charge, "appealOutcome")
        for d in (dates.get(f.source_id),)
    ]
    return sorted(found, key=lambda r: (r.date is not None, sort_key(r.date), r.fact.id))


def last_conviction_ruling(charge: Entity) -> Ruling | None:
    """The latest ruling that quashed or reinstated the charge's conviction, or None."""
    found = [r for r in rulings(charge) if r.outcome in ON_CONVICTION]
    return found[-1] if found else None


def quashing(charge: Entity) -> Ruling | None:
    """The ruling that quashed the charge's conviction, when that conviction no longer
    stands; else None."""
    if charge.first("verdict") != "convicted":
        return None
    last = last_conviction_ruling(charge)
    return last if last is not None and last.outcome == QUASHED else None


def conviction_stands(charge: Entity) -> bool:
    """Whether the charge ended in a conviction that stands: convicted, and not quashed
    on appeal (or quashed and then reinstated). A quashed conviction counts as no
    conviction and its sentence in no total."""
    return charge.first("verdict") == "convicted" and quashing(charge) is None


def standing_verdict(charge: Entity) -> str:
    """The verdict as it stands now: `conviction_quashed` for a quashed conviction,
    else the recorded verdict ("" when none is)."""
    if quashing(charge) is not None:
        return QUASHED
    return charge.first("verdict") or ""
