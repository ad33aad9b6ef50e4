"""One summary per defendant: where they are now and since when, their cases, statutes,
arrest years, sentence, release and warrant. The prisoner lists, their filters, the
statistics and `lionrock stats` all read these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lionrock.model import Fact
from lionrock.record._appeal import conviction_stands
from lionrock.record._data import (
    NSL_ERA,
    NSL_IN_FORCE,
    CaseRecord,
    before,
    date_bounds,
    facts_of,
    first_fact,
    sort_key,
)
from lionrock.record._status import IN_CUSTODY, Remand, Status, current_status, remand
from lionrock.record._term import TERM_ENDED, TermEnd, ended_term
from lionrock.store import Entity


@dataclass(frozen=True, slots=True)
class Defendant:
    """A person (or company) in the prosecution record, summarised."""

    entity: Entity
    status: Status | None
    charges: tuple[Entity, ...]
    cases: tuple[str, ...]
    statutes: tuple[str, ...]
    years: tuple[str, ...]
    arrested: Fact | None
    remand: Remand | None
    release: Fact | None
    expected_release: Fact | None
    sentence_months: float | None
    wanted: Fact | None
    bounty: Fact | None
    residence: Fact | None
    #: Serving a sentence as of a date, but every reported term has ended since
    #: (`_term`): a derived state, shown apart from "in custody now".
    term_ended: TermEnd | None = None
    #: The statutes a source says the person was arrested under (`arrestStatute`) and is
    #: wanted under (`wantedStatute`): an arrest or a warrant, not a charge.
    arrest_statutes: tuple[str, ...] = ()
    wanted_statutes: tuple[str, ...] = ()
    #: Whether any arrest of the person is dated on or after 30 June 2020.
    arrested_since_nsl: bool = False

    @property
    def id(self) -> str:
        return self.entity.id

    @property
    def is_person(self) -> bool:
        return self.entity.schema == "Person"

    @property
    def current(self) -> str | None:
        """The current custody status's value, or `term_ended` when the status is
        `serving_sentence` but every reported term has ended since (no release report
        found): every list, count and filter reads this."""
        if self.term_ended is not None:
            return TERM_ENDED
        return self.status.value if self.status is not None else None

    @property
    def in_custody(self) -> bool:
        return self.current in IN_CUSTODY

    @property
    def convicted(self) -> bool:
        """Convicted on a charge whose conviction stands (not quashed on appeal)."""
        return any(conviction_stands(c) for c in self.charges)

    @property
    def nsl_era(self) -> bool:
        """Charged under the national-security era's statutes (NSL, its implementation
        rules, the Crimes Ordinance's sedition provisions, the SNSO)."""
        return any(s in NSL_ERA for s in self.statutes)

    @property
    def nsl_era_arrested(self) -> bool:
        """Arrested since 30 June 2020 on suspicion of an offence under the national-security
        era's statutes, as a source states it (`arrestStatute`); charged or not. An arrest
        by the national security police for another offence (assisting offenders) is not."""
        return self.arrested_since_nsl and any(s in NSL_ERA for s in self.arrest_statutes)

    @property
    def nsl_era_wanted(self) -> bool:
        """Wanted on a warrant under the national-security era's statutes (`wantedStatute`)."""
        return any(s in NSL_ERA for s in self.wanted_statutes)

    @property
    def nsl_era_basis(self) -> str | None:
        """Why the person is among those named as arrested, charged or wanted under the
        national-security era's statutes (issue #11's scope), each counted once:
        `charged`, else `arrested` (arrested under them, not charged under them), else
        `wanted` (a warrant only); None when none of these."""
        if self.nsl_era:
            return "charged"
        if self.nsl_era_arrested:
            return "arrested"
        return "wanted" if self.nsl_era_wanted else None

    @property
    def listed_statutes(self) -> tuple[str, ...]:
        """The statutes the prisoner list's filter finds the person by: those of their
        charges, of their arrest and of their warrant."""
        return tuple(dict.fromkeys((*self.statutes, *self.arrest_statutes, *self.wanted_statutes)))

    @property
    def is_wanted(self) -> bool:
        return self.wanted is not None or self.bounty is not None


def standing_terms(record: CaseRecord, charge: Entity) -> list[tuple[float, Fact]]:
    """The terms a charge stands at: those of the latest-dated report of its sentence,
    so a term cut on appeal replaces the first (the HKU student-union four: 24 months,
    15 on appeal); terms reported on the same day (or undated) are all kept."""
    terms: list[tuple[float, Fact]] = []
    for fact in facts_of(charge, "sentenceMonths"):
        try:
            terms.append((float(fact.value), fact))
        except ValueError:
            continue
    dated = [(sort_key(record.source_date(f.source_id) or ""), m, f) for m, f in terms]
    latest = max((d for d, _, _ in dated), default=None)
    return [(m, f) for d, m, f in dated if d == latest or not record.source_date(f.source_id)]


def case_sentence(record: CaseRecord, charges: list[Entity]) -> float | None:
    """A person's sentence in one case: the longest term any of their charges in it
    stands at (terms for several counts usually run concurrently, and where a source
    gives the overall term it is the longest). A conviction quashed on appeal has no
    term (the time served is in its notes and on its row)."""
    months = [
        m
        for charge in charges
        if conviction_stands(charge)
        for m, _ in standing_terms(record, charge)
    ]
    return max(months) if months else None


def _latest(facts: list[Fact]) -> Fact | None:
    return max(facts, key=lambda f: sort_key(f.value)) if facts else None


def arrest_dates(record: CaseRecord, entity: Entity) -> list[Fact]:
    """One date per case: its earliest arrest date (the charge date when none is
    recorded); the person's own arrest date when they have no charge."""
    by_case: dict[str, list[Fact]] = {}
    for charge in record.charges_of(entity.id):
        facts = facts_of(charge, "arrestDate") or facts_of(charge, "chargeDate")
        by_case.setdefault(charge.first("case") or charge.id, []).extend(facts)
    found = [min(facts, key=lambda f: sort_key(f.value)) for facts in by_case.values() if facts]
    return found or facts_of(entity, "arrestDate")


def summarize(record: CaseRecord, entity: Entity, today: date) -> Defendant:
    """Summarise one defendant."""
    charges = record.charges_of(entity.id)
    status = current_status(record, entity)
    cases = tuple(dict.fromkeys(v for c in charges for v in c.values("case")))
    statutes = tuple(dict.fromkeys(v for c in charges for v in c.values("statute")))
    arrests = arrest_dates(record, entity)
    years = tuple(sorted({f.value[:4] for f in arrests}))
    per_case = [
        case_sentence(record, [c for c in charges if case in c.values("case")]) for case in cases
    ]
    months = [m for m in per_case if m is not None]
    case_terms = dict(zip(cases, per_case, strict=True))
    arrest_facts = [f for c in charges for f in facts_of(c, "arrestDate")]
    arrest_facts += facts_of(entity, "arrestDate")
    arrested = min(arrest_facts, key=lambda f: sort_key(f.value), default=None)
    return Defendant(
        entity=entity,
        status=status,
        charges=tuple(charges),
        cases=cases,
        statutes=statutes,
        years=years,
        arrested=arrested,
        remand=remand(record, entity, status, today)
        if status is not None and status.value == "remanded"
        else None,
        release=_latest([f for c in charges for f in facts_of(c, "releaseDate")]),
        expected_release=_latest([f for c in charges for f in facts_of(c, "expectedRelease")]),
        sentence_months=sum(months) if months else None,
        wanted=first_fact(entity, "wantedDate"),
        bounty=first_fact(entity, "bounty"),
        residence=first_fact(entity, "residenceCountry"),
        term_ended=ended_term(status, charges, case_terms, today=today),
        arrest_statutes=tuple(dict.fromkeys(entity.values("arrestStatute"))),
        wanted_statutes=tuple(dict.fromkeys(entity.values("wantedStatute"))),
        arrested_since_nsl=any(not before(f.value, NSL_IN_FORCE) for f in arrest_facts),
    )


def defendants(record: CaseRecord, *, today: date | None = None) -> list[Defendant]:
    """Every defendant summarised, by name.

    Example: `[d.id for d in defendants(record) if d.in_custody]`.
    """
    today = today or date.today()
    return [summarize(record, e, today) for e in record.defendants()]


def completed_remands(record: CaseRecord, summary: Defendant, today: date) -> list[int]:
    """Days on remand before each case ended, where the record shows a bail refusal:
    from the arrest (or the refusal, without an arrest date) to the first of bail
    granted, a sentence, an acquittal or a release."""
    found: list[int] = []
    for case in summary.cases or ():
        charges = [c for c in summary.charges if case in c.values("case")]
        refused = sorted(
            (f.value for c in charges for f in facts_of(c, "bailDenied")), key=sort_key
        )
        if not refused:
            continue
        arrests = sorted(
            (f.value for c in charges for f in facts_of(c, "arrestDate")), key=sort_key
        )
        start = (
            arrests[0]
            if arrests and not sort_key(arrests[0]) > sort_key(refused[0])
            else refused[0]
        )
        ends = [
            f.value
            for c in charges
            for f in facts_of(c, "bailGranted")
            if sort_key(f.value) > sort_key(refused[0])
        ]
        for c in charges:
            ends += c.values("sentenceDate") + c.values("releaseDate")
            if c.first("verdict") == "acquitted":
                ends += c.values("verdictDate")
        a = date_bounds(start)
        days = [
            (b[0] - a[0]).days
            for b in (date_bounds(v) for v in ends)
            if a is not None and b is not None and a[0] == a[1] and b[0] == b[1] and b[0] >= a[0]
        ]
        if days:
            found.append(min(days))
    return found
