"""Screening: 1,000 names against the full OFAC SDN list of 2024-05-03, with Lion Rock's
key index, against naive all-pairs comparison with the same matcher (the anchor).

The whole list is loaded with `load_paths(..., format="ofac-sdn")` into a fresh SQLite
store. The 1,000 query names are real: 400 names and a.k.a. of listed individuals, in
the list's order and reordered given-name first; 300 Hong Kong District Councillors in
Chinese and English (most not listed); 300 UK-list individuals. The anchor compares a
sample of queries with every listed entity and is extrapolated to 1,000; on that sample
the index must find every hit all-pairs finds (its recall is reported).

Target (issue #3): 1,000 names in under 10 s on 2 cores.

Example:
    .venv/bin/python bench/screening.py
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _report import Row, append_run  # noqa: E402

from lionrock import Defaults, LoadError, Store, load_paths  # noqa: E402
from lionrock.sanctions import ScreeningIndex, Subject, compare  # noqa: E402
from lionrock.sanctions.matching import THRESHOLD, warm_up  # noqa: E402
from lionrock.sources import LoadReport, Record, load_records, ofac_sdn  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OFAC = SHARED / "sanctions" / "us-ofac-sdn-2024-05-03.csv"
UK_NAMES = SHARED / "sanctions" / "gb-uk-sanctions-list-2026" / "subject_names.csv"
COUNCILLORS = SHARED / "people" / "hk-district-councillors-2019.csv"
TARGET_SECONDS = 10.0
WORKERS = 2  # the 2 cores


def queries(index: ScreeningIndex, rng: random.Random) -> list[str]:
    people = [x for x in index.listings if x.schema == "Person"]
    listed = []
    for listing in rng.sample(people, 200):
        name = listing.names[0]
        family, _, given = name.partition(",")
        listed += [name, f"{given.strip()} {family.strip()}" if given else name]
    with open(COUNCILLORS, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    dc = [r["DC_ZH"] for r in rng.sample(rows, 150)] + [
        " ".join(r["DC_EN"].split()) for r in rng.sample(rows, 150)
    ]
    with open(UK_NAMES, encoding="utf-8", newline="") as fh:
        uk = [r["full_name"] for r in csv.DictReader(fh) if r["name_type"] == "primary"]
    return listed + dc + rng.sample(uk, 300)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--anchor-sample", type=int, default=10)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/lr.db")
        start = time.perf_counter()
        report, skipped = load_list(store)
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        index = ScreeningIndex.from_store(store)
        index_s = time.perf_counter() - start
        store.close()
    names = queries(index, rng)
    warm_up()  # load the reading tables once, outside the clocks
    start = time.perf_counter()
    results = index.screen_many(names, workers=WORKERS)
    ours_s = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    serial = [index.screen(name) for name in names]
    serial_s, serial_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert [[h.entity_id for h in r] for r in serial] == [
        [h.entity_id for h in r] for r in results
    ], "the parallel and serial screens disagree"
    hits = sum(len(r) for r in results)
    sample = rng.sample(range(len(names)), args.anchor_sample)
    start = time.perf_counter()
    naive = {i: all_pairs(index, names[i]) for i in sample}
    anchor_s = (time.perf_counter() - start) / len(sample) * len(names)
    found = sum(len(naive[i] & {h.entity_id for h in results[i]}) for i in sample)
    wanted = sum(len(naive[i]) for i in sample)
    recall = found / wanted if wanted else 1.0
    rows = [
        Row(
            f"1,000 names screened, {WORKERS} processes (wall s)",
            f"{ours_s:.2f}",
            f"{anchor_s:.0f} (extrapolated)",
            f"{anchor_s / ours_s:.0f}× faster",
            f"< {TARGET_SECONDS:.0f} s",
            ours_s < TARGET_SECONDS,
        ),
        Row(
            "same names, one process: CPU s (wall s)",
            f"{serial_cpu:.2f} ({serial_s:.2f})",
            f"{anchor_s:.0f} (wall)",
            f"{anchor_s / serial_s:.0f}× faster (wall)",
            f"< {TARGET_SECONDS:.0f} s CPU",
            serial_cpu < TARGET_SECONDS,
        ),
        Row(
            "names/s",
            f"{len(names) / ours_s:,.0f}",
            f"{len(names) / anchor_s:,.1f}",
            f"{anchor_s / ours_s:.0f}",
            "–",
            None,
        ),
        Row(
            "index recall of all-pairs hits (sample)",
            f"{recall:.3f}",
            "1.000",
            f"{recall:.3f}",
            "1.0",
            recall >= 1.0,
        ),
    ]
    for row in rows:
        print(row)
    print(f"{hits} hits; load {load_s:.1f} s, index {index_s:.1f} s")
    if not args.no_report:
        append_run(
            "screening",
            sizes=[
                f"{len(index.listings):,} listed entities (OFAC SDN 2024-05-03, "
                f"{report.facts:,} facts), {len(names):,} query names, {hits} hits"
            ],
            rows=rows,
            notes=[
                *skipped,
                f"Loading the list: {load_s:.1f} s; building the index: {index_s:.1f} s "
                "(once per process, outside the clock).",
                f"Anchor: all-pairs `compare` on {len(sample)} queries × every listed "
                "entity, extrapolated to 1,000.",
                f"Load average during the run: {os.getloadavg()[0]:.1f} on "
                f"{os.cpu_count()} CPUs (a shared machine: wall times are inflated).",
            ],
        )


def load_list(store: Store) -> tuple[LoadReport, list[str]]:
    """The whole list, as `load_paths` reads it. The foundation's OFAC importer refuses
    program tags with a space ("SOUTH SUDAN") in an ID; until the list importers of
    issue #3 land, the entries of such programs are left out, and the report says so."""
    try:
        return load_paths(store, [str(OFAC)], format="ofac-sdn"), []
    except LoadError:
        pass
    records = ofac_sdn.rows(str(OFAC), Defaults())
    report = load_records(store, (r for r in records if _loadable(r)))
    return report, [
        "The foundation's OFAC importer cannot load the whole list yet (program "
        "tags with a space, such as SOUTH SUDAN, in IDs; remarks such as 'possibly "
        "Palestinian' as a nationality): until issue #3's importer lands, only "
        "names, aliases, birth dates and designations are loaded, and "
        "designations under such tags are left out. Every entry is loaded."
    ]


KEPT = {
    "name",
    "alias",
    "birthDate",
    "entity",
    "program",
    "authority",
    "title",
    "publisher",
    "publishedAt",
    "fileName",
}


def _loadable(record: Record) -> bool:
    if " " in record.entity_id:
        return False
    return record.prop in KEPT or (record.schema == "Sanction" and record.prop == "country")


def all_pairs(index: ScreeningIndex, name: str) -> set[str]:
    subject = Subject((name,))
    return {
        listing.entity_id
        for listing in index.listings
        if compare(subject, Subject(listing.names, listing.birth_dates), threshold=THRESHOLD).match
    }


if __name__ == "__main__":
    main()
