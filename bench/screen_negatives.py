"""The matcher's precision where screening meets it: OFAC individuals against the other
OFAC entries the screening index proposes as their candidates.

Every pair compared is two different OFAC entries, so every match is a false positive
(unless OFAC lists one person twice). Names only, no birth dates: the harder case. The
labelled pairs (bench/matching.py) hold same-surname negatives; these are the namesakes,
relatives and one-word aliases a screen of a whole list meets. A development check, not
a benchmark: it prints, and appends nothing to docs/benchmarks.md.

Example:
    .venv/bin/python bench/screen_negatives.py --queries 300
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from screening import load_list  # noqa: E402

from lionrock import Store  # noqa: E402
from lionrock.sanctions import ScreeningIndex, Subject, compare  # noqa: E402
from lionrock.sanctions.matching import warm_up  # noqa: E402
from lionrock.sanctions.screen import NAMES_COMPARED, name_keys  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/lr.db")
        load_list(store)
        index = ScreeningIndex.from_store(store)
        store.close()
    people = [x for x in index.listings if x.schema == "Person"]
    sample = random.Random(args.seed).sample(people, args.queries)
    warm_up()
    matched, compared = [], 0
    start = time.process_time()
    for person in sample:
        query = Subject((person.names[0],))
        keys = name_keys(person.names[0])
        for listing in index.candidates(query):
            if listing.entity_id == person.entity_id:
                continue
            # As screening does: the listing's names closest to the query.
            names = sorted(listing.names, key=lambda n: -len(name_keys(n) & keys))
            result = compare(query, Subject(tuple(names[:NAMES_COMPARED])))
            compared += 1
            if result.match:
                matched.append((round(result.score, 2), query.names[0], result.details["right"]))
    cpu = time.process_time() - start
    print(f"{compared} comparisons of different entries, {len(matched)} matched, {cpu:.2f} s CPU")
    for row in sorted(matched, reverse=True):
        print("  ", *row, sep="  ")


if __name__ == "__main__":
    main()
