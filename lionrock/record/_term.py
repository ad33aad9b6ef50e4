"""When a reported prison term has run out (issue #11): a derived, labelled reading of
the recorded facts, never a release fact.

A status of `serving_sentence` is as of its source's date. Years later, with no newer
source, the person would still be listed as in prison now, though every term reported
for them ended long ago (Danny Kong: three months from 27 July 2023). `sentence_end`
gives the latest day the reported sentences could run to: the latest sentencing date
plus the terms of all the person's cases served one after another. Remission (a third
off for good conduct) and credit for remand make the real release earlier, so the day
is an upper bound. When it has passed and nothing later says otherwise, the person is
"term ended, no release report found" (`TERM_ENDED`), a state of its own: neither in
custody now nor released, since no source reports the release.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lionrock.model import Fact
from lionrock.record._appeal import conviction_stands
from lionrock.record._data import before, date_bounds, facts_of, sort_key
from lionrock.record._status import Status
from lionrock.store import Entity

#: The derived state of a person whose reported term has ended (not a custody status).
TERM_ENDED = "term_ended"
#: A life term never ends (HK: "life imprisonment", 終身監禁).
LIFE = re.compile(r"\blife\b|終身", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TermEnd:
    """The latest day (`by`, ISO) the reported sentences could run to: `months` in all,
    counted from the latest sentencing date (`sentenced`, its fact)."""

    by: str
    months: float
    sentenced: Fact


def add_months(start: date, months: float) -> date:
    """`start` plus a term in months; a fraction of a month counts as whole days of a
    31-day month, rounded up (an upper bound).

    Example: `add_months(date(2023, 7, 27), 3)` is `date(2023, 10, 27)`.
    """
    whole = int(months)
    index = start.month - 1 + whole
    year, month = start.year + index // 12, index % 12 + 1
    end = date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
    return end + timedelta(days=math.ceil((months - whole) * 31))


def sentence_end(
    charges: Sequence[Entity], case_terms: Mapping[str, float | None]
) -> TermEnd | None:
    """The latest day the person's reported sentences could run to, or None when it is
    unknown: no conviction stands, a life term, a case whose standing conviction has no
    term in months (a training-centre order, a sentence not recorded), or a case with no
    sentencing date. `case_terms` is each case's term (`case_sentence`), by case ID.

    Example: `sentence_end(charges, {"lr-case-x": 3.0})` ends three months after the
    sentencing date of the charges in `lr-case-x`.
    """
    standing = [c for c in charges if conviction_stands(c)]
    if not standing or any(LIFE.search(v) for c in standing for v in c.values("sentence")):
        return None
    by_case: dict[str, list[Fact]] = {}
    for charge in standing:
        by_case.setdefault(charge.first("case") or "", []).extend(facts_of(charge, "sentenceDate"))
    terms = [case_terms.get(case) for case in by_case]
    if not all(isinstance(t, float | int) for t in terms):
        return None
    # a case with no sentencing date may have been sentenced last: the end is unknown
    if not all(by_case.values()):
        return None
    dated = [f for facts in by_case.values() for f in facts]
    latest = max(dated, key=lambda f: sort_key(f.value))
    bounds = date_bounds(latest.value)
    if bounds is None:
        return None
    months = float(sum(t for t in terms if t is not None))
    return TermEnd(add_months(bounds[1], months).isoformat(), months, latest)


def ended_term(
    status: Status | None,
    charges: Sequence[Entity],
    case_terms: Mapping[str, float | None],
    *,
    today: date,
) -> TermEnd | None:
    """For a person whose current status is `serving_sentence`: the `TermEnd` when the
    reported sentences ended before `today`, else None. A later source wins: a status
    dated after that day (the record misses a term) or an expected release not yet
    passed keeps the person in custody; a release recorded since the sentencing is a
    release report, so the state does not apply.

    Example: `ended_term(status, charges, {"lr-case-x": 3.0}, today=date.today())`.
    """
    if status is None or status.value != "serving_sentence":
        return None
    end = sentence_end(charges, case_terms)
    if end is None or not before(end.by, today.isoformat()) or before(end.by, status.as_of):
        return None
    expected = [f for c in charges for f in facts_of(c, "expectedRelease")]
    if any(not before(f.value, today.isoformat()) for f in expected):
        return None
    # a release recorded since the sentencing is a release report: the status is out of
    # date, which `status_agrees` and `custody_release` report
    released = [f for c in charges for f in facts_of(c, "releaseDate")]
    if any(not before(f.value, end.sentenced.value) for f in released):
        return None
    return end
