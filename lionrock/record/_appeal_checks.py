"""Consistency checks on appeals (issue #11): a ruling needs a conviction before it and
comes after it; two rulings on one conviction need dates to be put in order; no one is
shown serving a sentence whose only convictions were quashed. `checks.RULES` runs
these with the others."""

from __future__ import annotations

from datetime import date

from lionrock.record._appeal import ON_CONVICTION, conviction_stands, quashing, rulings
from lionrock.record._data import CaseRecord, before, facts_of
from lionrock.record._problems import Problem, _Found
from lionrock.record._status import current_status

#: Outcomes that rule on a conviction or its sentence (a pending appeal rules on nothing).
RULED = frozenset({"dismissed", "sentence_reduced", *ON_CONVICTION})


def check_appeal_after_conviction(record: CaseRecord, today: date) -> list[Problem]:
    """An appeal outcome is recorded only on a conviction, and its ruling is dated on or
    after the verdict; an `appealDate` goes with an outcome from the same source."""
    found = _Found(record, "appeal_after_conviction")
    for charge in record.charges:
        verdicts = facts_of(charge, "verdict")
        outcomes = facts_of(charge, "appealOutcome")
        ruled = [f for f in outcomes if f.value in RULED]
        if ruled and not any(v.value == "convicted" for v in verdicts):
            given = ", ".join(sorted({v.value for v in verdicts})) or "no verdict"
            found.add(
                charge, f"an appeal ruling is recorded but the verdict is {given}", ruled + verdicts
            )
        for ruling in rulings(charge):
            for verdict_date in facts_of(charge, "verdictDate"):
                if ruling.date_fact is not None and before(ruling.date, verdict_date.value):
                    found.add(
                        charge,
                        f"the appeal ruling ({ruling.outcome}) is dated before the verdict",
                        [ruling.fact, ruling.date_fact, verdict_date],
                    )
        sources = {f.source_id for f in outcomes}
        for stray in [f for f in facts_of(charge, "appealDate") if f.source_id not in sources]:
            found.add(
                charge,
                "an appeal date cites a source that gives no appeal outcome, so it dates no ruling",
                [stray],
            )
    return found.items


def check_appeal_order(record: CaseRecord, today: date) -> list[Problem]:
    """Two or more rulings on one conviction (quashed, reinstated) are each dated, so
    which one stands is known; a reinstatement follows a quashing; a source that dates
    a ruling reports only one (its `appealDate` dates its `appealOutcome`)."""
    found = _Found(record, "appeal_order")
    for charge in record.charges:
        for source_id, date_fact in {
            f.source_id: f for f in facts_of(charge, "appealDate")
        }.items():
            same = [f for f in facts_of(charge, "appealOutcome") if f.source_id == source_id]
            if len(same) > 1:
                found.add(
                    charge,
                    "one source dates several appeal outcomes: which one the date is of is unknown",
                    [*same, date_fact],
                )
        on_conviction = [r for r in rulings(charge) if r.outcome in ON_CONVICTION]
        facts = [f for r in on_conviction for f in (r.fact, r.date_fact) if f is not None]
        if len(on_conviction) > 1 and any(r.date is None for r in on_conviction):
            found.add(
                charge,
                "several rulings on the conviction, not all dated: which one stands is unknown",
                facts,
            )
        elif on_conviction and on_conviction[0].outcome != "conviction_quashed":
            found.add(charge, "a conviction is reinstated but no quashing precedes it", facts)
    return found.items


def check_serving_quashed(record: CaseRecord, today: date) -> list[Problem]:
    """No one is currently serving a sentence when every conviction they have was
    quashed on appeal (the status predates the quashing, or is wrong)."""
    found = _Found(record, "serving_quashed")
    for person in record.defendants():
        status = current_status(record, person)
        if status is None or status.value != "serving_sentence":
            continue
        charges = record.charges_of(person.id)
        quashed = [(c, r) for c in charges if (r := quashing(c)) is not None]
        if quashed and not any(conviction_stands(c) for c in charges):
            dates = ", ".join(r.date or "an undated ruling" for _, r in quashed)
            facts = [status.fact]
            for _, r in quashed:
                facts += [r.fact] + ([r.date_fact] if r.date_fact else [])
            found.add(
                person,
                f"'serving_sentence' as of {status.as_of or 'an unknown date'}, but every "
                f"conviction was quashed on appeal ({dates})",
                facts,
            )
    return found.items


APPEAL_RULES = (check_appeal_after_conviction, check_appeal_order, check_serving_quashed)
