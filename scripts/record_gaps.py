"""List what the prosecution record still lacks (issue #11): national-security-era
charges without a statutory section, a charge date, a verdict, or (when convicted) a
sentence in months (a company is fined, never imprisoned: its sentence is a gap only
while none of its charges in the case records a fine or a sentence of any kind; a
training-centre or rehabilitation-centre order has no term to give); and
convicted persons with no release date. It reads the store
that LIONROCK_HOME names (run `lionrock init` first) and prints one line per gap, so
an editor knows which facts to look for.

Example: PYTHONPATH=. .venv/bin/python scripts/record_gaps.py --only section
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from lionrock.record import NSL_ERA, CaseRecord
from lionrock.settings import Settings
from lionrock.store import Entity, Store

#: What each gap means: a check on one NSL-era charge.
GAPS = ("section", "chargeDate", "verdict", "sentenceMonths")

#: Orders for young offenders that have no fixed term: the correctional officers decide when
#: the young person leaves (a training centre holds them for up to three years), so no source
#: can give the sentence in months (docs/methodology.md, "Coverage and cross-checks").
TERMLESS_ORDERS = ("training centre", "rehabilitation centre")


def charge_gaps(record: CaseRecord, charge: Entity) -> Iterator[str]:
    """The gaps of one charge, by name."""
    if not charge.first("section"):
        yield "section"
    if not charge.first("chargeDate"):
        yield "chargeDate"
    verdict = charge.first("verdict")
    if not verdict:
        yield "verdict"
    elif (
        verdict == "convicted"
        and not charge.first("sentenceMonths")
        and not _sentenced_company(record, charge)
        and not _termless_order(charge)
    ):
        yield "sentenceMonths"


def _termless_order(charge: Entity) -> bool:
    """Whether the recorded sentence is an order without a term (a training centre)."""
    return any(v.casefold().startswith(TERMLESS_ORDERS) for v in charge.values("sentence"))


def _sentenced_company(record: CaseRecord, charge: Entity) -> bool:
    """Whether the charge's defendant is not a person (a company cannot be sentenced to
    months) and a fine or other sentence is recorded on one of its charges in the same
    case: the Apple Daily companies were each fined once for both of their offences."""
    defendant = record.entities.get(charge.first("defendant") or "")
    if defendant is None or defendant.schema == "Person":
        return False
    cases = set(charge.values("case"))
    return any(
        other.first("sentence") or other.first("sentenceMonths")
        for other in record.by_defendant.get(defendant.id, [])
        if cases & set(other.values("case"))
    )


def record_gaps(record: CaseRecord) -> dict[str, list[Entity]]:
    """The NSL-era charges with each gap, by gap, in ID order.

    Example: `len(record_gaps(record)["chargeDate"])`.
    """
    found: dict[str, list[Entity]] = {gap: [] for gap in GAPS}
    for charge in sorted(record.charges, key=lambda c: c.id):
        if charge.first("statute") in NSL_ERA:
            for gap in charge_gaps(record, charge):
                found[gap].append(charge)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=GAPS, help="list one kind of gap")
    args = parser.parse_args()
    store = Store(Settings.from_env().database_url)
    found = record_gaps(CaseRecord.from_store(store, published_only=True))
    for gap, charges in found.items():
        for charge in charges if args.only in (None, gap) else []:
            who = ", ".join(charge.values("defendant"))
            print(f"{gap:15} {charge.id}  ({who}; {charge.first('offence')})")
    print(", ".join(f"{len(charges)} without {gap}" for gap, charges in found.items()))


if __name__ == "__main__":
    main()
