"""Consistency checks over the prosecution record (issue #11, item 5): one function per
rule, each returning the problems it finds. A problem names the entity, the facts and
the sources those facts cite (publisher, title, date), so a reviewer can open each.

Errors must be fixed (`lionrock check` exits non-zero on one); warnings ask a person to
look (two records with one Chinese name may be one person entered twice, e.g. by two
researchers working in parallel).

Dates of any precision are compared by the days they may mean: `2024-05` is before
`2024-06-01`, but not before `2024`. A rule fails only when the order is certain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lionrock.model import Fact, get_model
from lionrock.record._appeal import conviction_stands, quashing
from lionrock.record._appeal_checks import APPEAL_RULES
from lionrock.record._data import CaseRecord, before, date_bounds, facts_of
from lionrock.record._problems import ERROR, WARNING, Problem, _Found
from lionrock.record._status import (
    CLOSED_VERDICTS,
    IN_CUSTODY,
    Event,
    current_status,
    events,
    later_events,
    statuses,
)
from lionrock.record._term_checks import check_term_ended
from lionrock.store import Entity

#: Dates that look forward by nature, so may be in the future.
FORWARD_DATES = frozenset({"expectedRelease"})
#: The schemata whose dates are checked against today (and every source they cite).
DATED_SCHEMATA = ("Person", "Charge", "CourtCase", "Event", "Organization", "Company")
SENTENCE_PROPS = ("sentence", "sentenceMonths", "sentenceDate")
#: Events that put a person back in custody after a release.
HOLDING_EVENTS = frozenset({"arrest", "bail_refused", "convicted", "sentenced"})
#: Holding events that rest on a conviction, so hold no one once it is quashed.
ON_CONVICTION = frozenset({"convicted", "sentenced"})


@dataclass(slots=True)
class Report:
    """Every problem found, errors and warnings, and what was checked."""

    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    today: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def for_entities(self, ids: Iterable[str]) -> list[Problem]:
        """The problems that name any of `ids` (as the entity or in a fact)."""
        wanted = set(ids)
        return [
            p
            for p in self.problems
            if p.entity_id in wanted or any(f["entity_id"] in wanted for f in p.facts)
        ]

    def to_dict(self) -> dict[str, Any]:
        by_rule: dict[str, int] = {}
        for problem in self.problems:
            by_rule[problem.rule] = by_rule.get(problem.rule, 0) + 1
        return {
            "today": self.today,
            "checked": self.checked,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "by_rule": dict(sorted(by_rule.items())),
            "problems": [p.to_dict() for p in self.problems],
        }


def _facts(entity: Entity, *props: str) -> list[Fact]:
    return [f for p in props for f in facts_of(entity, p)]


def _holds(record: CaseRecord, event: Event) -> bool:
    """Whether an event holds the person in custody, as the appeals left it: a
    conviction or sentence quashed on appeal holds no one (`conviction_stands` decides;
    one quashed and then reinstated holds again)."""
    if event.kind not in HOLDING_EVENTS:
        return False
    if event.kind in ON_CONVICTION and event.charge_id is not None:
        return conviction_stands(record.entities[event.charge_id])
    return True


def _still_holding(charge: Entity, held: list[Event]) -> bool:
    """Whether a charge still holds its defendant: a hold on it, and neither a release
    nor an acquittal (or discontinuance) since."""
    return (
        any(e.charge_id == charge.id for e in held)
        and not charge.values("releaseDate")
        and charge.first("verdict") not in CLOSED_VERDICTS
    )


# -- the rules ---------------------------------------------------------------------------


def check_charge_links(record: CaseRecord, today: date) -> list[Problem]:
    """Every Charge has a defendant (a person or company) and a case (a CourtCase), and
    both exist in the record."""
    found = _Found(record, "charge_links")
    for charge in record.charges:
        for prop, schema in (("defendant", "LegalEntity"), ("case", "CourtCase")):
            facts = facts_of(charge, prop)
            if not facts:
                found.add(charge, f"the charge has no {prop}", [])
            for fact in facts:
                if fact.value not in record.entities:
                    found.add(charge, f"its {prop} {fact.value!r} is not in the record", [fact])
                elif not record.is_a(fact.value, schema):
                    kind = record.entities[fact.value].schema
                    found.add(
                        charge, f"its {prop} {fact.value!r} is a {kind}, not a {schema}", [fact]
                    )
    return found.items


def check_verdict_after_charge(record: CaseRecord, today: date) -> list[Problem]:
    """A verdict is dated on or after the charge and the arrest; a sentence on or after
    the verdict."""
    found = _Found(record, "verdict_after_charge")
    pairs = (
        ("verdictDate", "chargeDate", "the verdict is dated before the charge"),
        ("verdictDate", "arrestDate", "the verdict is dated before the arrest"),
        ("sentenceDate", "verdictDate", "the sentence is dated before the verdict"),
        ("sentenceDate", "chargeDate", "the sentence is dated before the charge"),
    )
    for charge in record.charges:
        for later, earlier, message in pairs:
            for a in facts_of(charge, later):
                for b in facts_of(charge, earlier):
                    if before(a.value, b.value):
                        found.add(charge, message, [a, b])
    return found.items


def check_sentence_on_conviction(record: CaseRecord, today: date) -> list[Problem]:
    """A sentence (its text, months or date) is recorded only on a conviction."""
    found = _Found(record, "sentence_on_conviction")
    for charge in record.charges:
        sentence = _facts(charge, *SENTENCE_PROPS)
        verdicts = facts_of(charge, "verdict")
        if sentence and not any(v.value == "convicted" for v in verdicts):
            given = ", ".join(sorted({v.value for v in verdicts})) or "no verdict"
            found.add(
                charge, f"a sentence is recorded but the verdict is {given}", [*sentence, *verdicts]
            )
    return found.items


def check_release_after_sentence(record: CaseRecord, today: date) -> list[Problem]:
    """A release (actual or expected) comes after the sentence starts, and after the
    arrest. The sentence of a conviction quashed on appeal is not compared: it was set
    aside, so the person may have left custody before it began (on bail pending appeal)."""
    found = _Found(record, "release_after_sentence")
    for charge in record.charges:
        starts = ("sentenceDate", "arrestDate") if quashing(charge) is None else ("arrestDate",)
        for release in _facts(charge, "releaseDate", "expectedRelease"):
            for start in _facts(charge, *starts):
                if before(release.value, start.value):
                    what = "sentence" if start.prop == "sentenceDate" else "arrest"
                    found.add(charge, f"the {release.prop} is before the {what}", [release, start])
    return found.items


def check_status_dated(record: CaseRecord, today: date) -> list[Problem]:
    """A custody status cites a source with a publication date: the status is "as of"
    that date, so without one its as-of date is unknown."""
    found = _Found(record, "status_dated")
    for person in record.defendants():
        for status in statuses(record, person):
            if status.as_of is None:
                if record.is_source(status.fact.source_id):
                    why = "its source has no publication date (only the date it was read)"
                else:
                    why = "its source is not in the record"
                found.add(person, f"custody status {status.value!r}: {why}", [status.fact])
    return found.items


def check_status_conflict(record: CaseRecord, today: date) -> list[Problem]:
    """Warning: two different custody statuses as of the same latest date (sources
    disagree; the current one is then chosen by rule, not by a reviewer)."""
    found = _Found(record, "status_conflict", WARNING)
    for person in record.defendants():
        dated = [s for s in statuses(record, person) if s.as_of is not None]
        if not dated:
            continue
        last = date_bounds(dated[-1].as_of)
        same = [s for s in dated if date_bounds(s.as_of) == last]
        if len({s.value for s in same}) > 1:
            values = ", ".join(sorted({s.value for s in same}))
            found.add(
                person, f"sources of the same date disagree: {values}", [s.fact for s in same]
            )
    return found.items


def check_status_agrees(record: CaseRecord, today: date) -> list[Problem]:
    """The current custody status agrees with the latest dated event: e.g. `released`
    as of a date before a later conviction, or `serving_sentence` before a later
    release, is out of date."""
    found = _Found(record, "status_agrees")
    for person in record.defendants():
        status = current_status(record, person)
        if status is None:
            continue
        later = later_events(record, person, status)
        if later:
            kinds = ", ".join(sorted({e.kind.replace("_", " ") for e in later}))
            found.add(
                person,
                f"custody status {status.value!r} as of {status.as_of} is older than a later "
                f"event ({kinds} on {later[-1].date})",
                [status.fact, *(e.fact for e in later)],
            )
    return found.items


def check_custody_release(record: CaseRecord, today: date) -> list[Problem]:
    """No one is currently in custody (remanded or serving a sentence) with a release
    date in the past, unless a later arrest, bail refusal, conviction or sentence holds
    them again. An expected release that has passed is a warning: look for a source
    reporting the release.

    Appeals count as `conviction_stands` says (issue #11): a conviction or sentence
    quashed on appeal holds no one again, so it cannot hide a release; a release on a
    quashed conviction frees the person of that conviction only, so while another
    charge still holds them it is no release of theirs; a quashed sentence has no
    expected release to wait for. A conviction quashed and then reinstated stands."""
    found = _Found(record, "custody_release")
    passed = _Found(record, "expected_release_passed", WARNING)
    now = today.isoformat()
    for person in record.defendants():
        status = current_status(record, person)
        if status is None or status.value not in IN_CUSTODY:
            continue
        held = [e for e in events(record, person) if _holds(record, e)]
        charges = record.charges_of(person.id)
        for charge in charges:
            quashed = quashing(charge) is not None
            others = [c for c in charges if c.id != charge.id and _still_holding(c, held)]
            for release in facts_of(charge, "releaseDate"):
                # a release after the status's date is `status_agrees`'s to report
                if not before(release.value, now) or before(status.as_of, release.value):
                    continue
                if quashed and others:  # released from the quashed conviction only
                    continue
                if not any(before(release.value, e.date) for e in held):
                    found.add(
                        person,
                        f"{status.value!r} as of {status.as_of or 'an unknown date'}, "
                        f"but released on {release.value}",
                        [status.fact, release],
                    )
        standing = [c for c in charges if quashing(c) is None]  # a quashed term: no wait
        # one warning per person and date: a second source for the same date backs it up
        overdue: dict[str, list[Fact]] = {}
        for expected in [f for c in standing for f in facts_of(c, "expectedRelease")]:
            if before(expected.value, now) and not before(expected.value, status.as_of):
                overdue.setdefault(expected.value, []).append(expected)
        for value, facts in overdue.items():
            passed.add(
                person,
                f"{status.value!r} as of {status.as_of}, but the expected "
                f"release ({value}) has passed",
                [status.fact, *facts],
            )
    return found.items + passed.items


def check_future_dates(record: CaseRecord, today: date) -> list[Problem]:
    """No date is in the future (but an expected release), on the record's entities and
    on the sources they cite."""
    found = _Found(record, "future_date")
    model = get_model()
    for entity in record.entities.values():
        spec = model.get(entity.schema)
        if spec is None or not (entity.schema in DATED_SCHEMATA or spec.is_source):
            continue
        for fact in entity.facts:
            prop = spec.properties.get(fact.prop)
            if prop is None or prop.type != "date" or fact.prop in FORWARD_DATES:
                continue
            if before(today.isoformat(), fact.value):
                found.add(entity, f"{fact.prop} {fact.value} is in the future", [fact])
    return found.items


def check_duplicate_names(record: CaseRecord, today: date) -> list[Problem]:
    """Warning: two Person records share a Chinese name (compared in one script, without
    spaces): one person may have been entered twice."""
    found = _Found(record, "duplicate_name", WARNING)
    for _name, facts in sorted(record.zho_names.items()):
        people = sorted({f.entity_id for f in facts})
        if len(people) > 1:
            firsts = [next(f for f in facts if f.entity_id == p) for p in people]
            spelled = "/".join(sorted({f.value for f in firsts}))
            found.add(
                people[0],
                f"{len(people)} persons are named {spelled}: " + ", ".join(people),
                firsts,
            )
    return found.items


Rule = Callable[[CaseRecord, date], list[Problem]]
RULES: tuple[Rule, ...] = (
    check_charge_links,
    check_verdict_after_charge,
    check_sentence_on_conviction,
    *APPEAL_RULES,
    check_release_after_sentence,
    check_status_dated,
    check_status_conflict,
    check_status_agrees,
    check_custody_release,
    check_term_ended,
    check_future_dates,
    check_duplicate_names,
)


def run_checks(record: CaseRecord, *, today: date | None = None) -> Report:
    """Run every rule over the record.

    Example: `run_checks(CaseRecord.from_store(store)).errors` is `[]` on the bundled record.
    """
    today = today or date.today()
    report = Report(today=today.isoformat())
    for rule in RULES:
        report.problems += rule(record, today)
    report.checked = {
        "defendants": len(record.defendants()),
        "charges": len(record.charges),
        "cases": len(record.by_case),
        "entities": len(record.entities),
    }
    return report


def iter_rules() -> Iterator[tuple[str, str]]:
    """Each rule's name and the first line of its description (for the docs)."""
    for rule in RULES:
        yield rule.__name__.removeprefix("check_"), (rule.__doc__ or "").split("\n\n")[0]
