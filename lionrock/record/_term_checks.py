"""The `term_ended` warning (issue #11): a person shown serving a sentence whose reported
terms, counted in full from the latest sentencing and served one after another, ended
before today, with no release reported (`_term`). The lists show them apart from those
in custody now; the warning tells editors whom to look up. `checks.RULES` runs it with
the others; `expected_release_passed` stays for expected release dates on record."""

from __future__ import annotations

from datetime import date

from lionrock.record._data import CaseRecord
from lionrock.record._people import summarize
from lionrock.record._problems import WARNING, Problem, _Found


def _months(value: float) -> str:
    return f"{value:g} month" + ("" if value == 1 else "s")


def check_term_ended(record: CaseRecord, today: date) -> list[Problem]:
    """Warning: a person serving a sentence as of a date whose reported sentences (the
    latest sentencing date plus every case's term) ended before today, with no release
    report: look for a source on the release."""
    found = _Found(record, "term_ended", WARNING)
    for person in record.defendants():
        summary = summarize(record, person, today)
        end, status = summary.term_ended, summary.status
        if end is None or status is None:
            continue
        found.add(
            person,
            f"{status.value!r} as of {status.as_of or 'an unknown date'}, but the reported "
            f"sentences ({_months(end.months)} from the sentencing on {end.sentenced.value}, "
            f"one case after another) ran to {end.by} at the latest, and no source in the "
            "record reports a release",
            [status.fact, end.sentenced],
        )
    return found.items
