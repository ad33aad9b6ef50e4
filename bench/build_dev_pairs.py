"""Build bench/data/name-pairs-dev-extra.jsonl: more development pairs for the
`latin-latin` slice, drawn like bench/build_name_pairs.py draws them, from the same real
lists, with another random seed, and without any pair of the benchmark file.

The benchmark's `dev` split holds 57 latin-latin pairs, too few to see which kinds of
list variation the matcher misses. These pairs are for that: the matcher's Latin-script
layer (`lionrock/sanctions/western.py`) was developed against them and the `dev` split,
never against the held-out `test` split. They are not scored by bench/matching.py.

Example:
    .venv/bin/python bench/build_dev_pairs.py
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import build_name_pairs as source  # noqa: E402

OUT = ROOT / "bench" / "data" / "name-pairs-dev-extra.jsonl"
SEED = 12345
AKAS, VARIANTS, SAME_SURNAME, COUNCILLORS_PER_TIER = 400, 400, 800, 120


def key(left: Any, right: Any) -> str:
    return json.dumps(sorted(json.dumps(x, sort_keys=True) for x in (left, right)))


def candidates(rng: random.Random) -> Iterator[tuple[Any, Any, str, str]]:
    """(left, right, judgement, source) from the lists and the councillors."""
    ofac = source.ofac_people(source.OFAC_2024)
    ofac_old = source.ofac_people(source.OFAC_2021)
    uk = source.uk_people()
    akas = [
        (p["name"], a) for p in ofac.values() for a in p["aka"] if source._variant(p["name"], a)
    ]
    for name, aka in rng.sample(akas, min(AKAS, len(akas))):
        yield name, aka, "positive", "OFAC 2024: name and a.k.a."
    for k, v in ofac.items():
        old = ofac_old.get(k)
        if old and old["name"] != v["name"] and source._alike(old["name"], v["name"]):
            yield old["name"], v["name"], "positive", "OFAC 2021 → 2024: same entry"
    variants = [
        (p["names"][0][1], v)
        for p in uk.values()
        for t, v, _ in p["names"][1:]
        if p["names"][0][0] == "primary" and t == "primary_variation"
    ]
    for name, variant in rng.sample(variants, min(VARIANTS, len(variants))):
        yield name, variant, "positive", "UK 2026: name and variation"
    near = source.same_family_pairs(ofac)
    for a, b in rng.sample(near, min(SAME_SURNAME, len(near))):
        yield a, b, "negative", "OFAC 2024: different entries, same surname"
    rows = source.councillors()
    tiers: list[list[tuple[str, str]]] = [[], [], []]
    for a in rows:
        for b in rows:
            if a[0] < b[0] and a[0][0] == b[0][0] and source._bare(a[1]) != source._bare(b[1]):
                tier = (
                    0 if source.one_apart(a[0], b[0]) else 1 if set(a[0][1:]) & set(b[0][1:]) else 2
                )
                tiers[tier].append((a[1], b[1]))
    for tier in tiers:
        rng.shuffle(tier)
        for en_a, en_b in tier[:COUNCILLORS_PER_TIER]:
            if en_a.lower() != en_b.lower():
                yield en_a, en_b, "negative", "District Councillors 2019: different councillors"


def main() -> None:
    with open(source.OUT, encoding="utf-8") as fh:
        taken = {key(p["left"], p["right"]) for p in map(json.loads, fh)}
    out = []
    for left, right, judgement, src in candidates(random.Random(SEED)):
        k = key(left, right)
        if k not in taken:
            taken.add(k)
            out.append(
                {
                    "left": left,
                    "right": right,
                    "judgement": judgement,
                    "slice": "latin-latin",
                    "split": "dev-extra",
                    "source": src,
                }
            )
    with open(OUT, "w", encoding="utf-8") as fh:
        for p in out:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"{len(out)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
