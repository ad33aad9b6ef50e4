"""Statistics over the prosecution record, with their method (issue #11, item 6): counts
by statute, status and verdict, total and median sentence, remand length and arrests
per month. `lionrock stats --json`, the statistics page and its JSON twin report these.
"""

from __future__ import annotations

import statistics as pystats
from collections import Counter
from datetime import date
from typing import Any

from lionrock.model import get_model
from lionrock.record._appeal import standing_verdict
from lionrock.record._data import CaseRecord
from lionrock.record._people import Defendant, arrest_dates, completed_remands, defendants
from lionrock.record._term import TERM_ENDED

HK47 = "lr-case-hk47"
#: Sentence bands (months, upper bound exclusive) for the histogram.
SENTENCE_BANDS = ((0, 12), (12, 24), (24, 36), (36, 60), (60, 84), (84, 120), (120, None))
#: Remand bands (days).
REMAND_BANDS = ((0, 90), (90, 365), (365, 730), (730, 1095), (1095, 1460), (1460, None))


def _bands(
    values: list[float], bands: tuple[tuple[int, int | None], ...]
) -> list[dict[str, int | None]]:
    """How many values fall in each band (`low` <= value < `high`; `high` None: open)."""
    return [
        {
            "low": low,
            "high": high,
            "count": sum(low <= v and (high is None or v < high) for v in values),
        }
        for low, high in bands
    ]


def _summary(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"count": 0, "total": 0, "median": None, "mean": None, "max": None}
    return {
        "count": len(values),
        "total": _round(sum(values)),
        "median": _round(pystats.median(values)),
        "mean": _round(pystats.mean(values)),
        "max": _round(max(values)),
    }


def _round(value: float) -> int | float:
    """A whole number as an int (`47`, not `47.0`), else one decimal."""
    rounded = round(value, 1)
    return int(rounded) if rounded.is_integer() else rounded


def record_statistics(
    record: CaseRecord, *, today: date | None = None, people: list[Defendant] | None = None
) -> dict[str, Any]:
    """Everything the statistics page shows, as plain data.

    Example: `record_statistics(record)["by_statute"]["nsl"]["persons"]`.
    """
    today = today or date.today()
    people = people if people is not None else defendants(record, today=today)
    persons = [p for p in people if p.is_person]
    statutes = get_model().enums["statute"]
    empty = {"charges": 0, "persons": 0, "arrested_only": 0, "wanted_only": 0}
    by_statute: dict[str, dict[str, int]] = {s: dict(empty) for s in (*statutes, "unknown")}
    for charge in record.charges:
        for statute in charge.values("statute") or ["unknown"]:
            by_statute.setdefault(statute, dict(empty))["charges"] += 1
    for person in persons:  # people, not companies
        for statute in set(person.statutes) or ({"unknown"} if person.charges else set()):
            by_statute[statute]["persons"] += 1
        # arrested or wanted under a statute, not charged under it (the filter finds them)
        for statute in set(person.arrest_statutes) - set(person.statutes):
            by_statute[statute]["arrested_only"] += 1
        wanted = set(person.wanted_statutes) - set(person.statutes) - set(person.arrest_statutes)
        for statute in wanted:
            by_statute[statute]["wanted_only"] += 1
    named = Counter(p.nsl_era_basis for p in persons if p.nsl_era_basis)
    statuses = get_model().enums["custodyStatus"]
    current = Counter(p.current or "none" for p in persons)
    # a conviction quashed on appeal is counted as such, not as a conviction
    verdicts = Counter(standing_verdict(c) or "unknown" for c in record.charges)
    sentences = [p.sentence_months for p in persons if p.sentence_months is not None]
    remanded_now = [
        p.remand.days_to_today
        for p in persons
        if p.remand is not None and p.remand.days_to_today is not None
    ]
    completed = [d for p in persons for d in completed_remands(record, p, today)]
    months: Counter[str] = Counter()
    charged: Counter[str] = Counter()  # cases with no arrest date: the charge's month
    for person in persons:
        for fact in arrest_dates(record, person.entity):
            if len(fact.value) >= 7:
                (months if fact.prop == "arrestDate" else charged)[fact.value[:7]] += 1
    convicted = [p for p in persons if p.convicted]
    undated = [p.id for p in convicted if p.status is None or p.status.as_of is None]
    hk47 = [p for p in people if HK47 in p.cases]
    return {
        "today": today.isoformat(),
        "defendants": len(people),
        "persons": len(persons),
        "companies": len(people) - len(persons),
        "charges": len(record.charges),
        "cases": len(record.by_case),
        # charged under the national-security era's statutes (the first measure)
        "nsl_era_persons": sum(p.nsl_era for p in persons),
        # named as charged, arrested or wanted under them, each person once
        "nsl_era_named": {
            "persons": sum(named.values()),
            "charged": named["charged"],
            "arrested_only": named["arrested"],
            "wanted_only": named["wanted"],
        },
        "by_statute": {k: v for k, v in by_statute.items() if any(v.values())},
        # `term_ended`: serving a sentence as of a date, every reported term ended since
        "by_status": {s: current[s] for s in (*statuses, TERM_ENDED, "none") if current[s]},
        "in_custody": sum(p.in_custody for p in persons),
        "term_ended": current[TERM_ENDED],
        "wanted": sum(p.is_wanted for p in persons),
        "by_verdict": dict(sorted(verdicts.items())),
        "sentences": {
            **_summary(sentences),
            "unit": "months",
            "bands": _bands(sentences, SENTENCE_BANDS),
        },
        "remand": {
            "current": {**_summary([float(d) for d in remanded_now]), "unit": "days"},
            "completed": {
                **_summary([float(d) for d in completed]),
                "unit": "days",
                "bands": _bands([float(d) for d in completed], REMAND_BANDS),
            },
        },
        "arrests_per_month": dict(sorted(months.items())),
        "charged_per_month_without_arrest_date": dict(sorted(charged.items())),
        "convicted": {
            "persons": len(convicted),
            "with_dated_status": len(convicted) - len(undated),
            "without_dated_status": undated,
        },
        "hk47": {
            "defendants": len(hk47),
            "with_release_date": sum(p.release is not None for p in hk47),
            "release_dates": {p.id: p.release.value for p in hk47 if p.release is not None},
            "expected_release_dates": {
                p.id: p.expected_release.value for p in hk47 if p.expected_release
            },
            "by_status": dict(Counter(p.current or "none" for p in hk47)),
        },
    }
