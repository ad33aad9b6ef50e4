"""Build bench/data/name-pairs-dev-extra.jsonl: more development pairs for the
`latin-latin` and `cantonese-pinyin` slices, drawn like bench/build_name_pairs.py draws
them, from the same real lists, with other random seeds, and without any pair of the
benchmark file (so never one of its held-out `test` pairs).

The benchmark's `dev` split holds 57 latin-latin and 70 cantonese-pinyin pairs, too few
to see which kinds of variation the matcher misses on `test`. These pairs are for that:
the matcher was developed against them and the `dev` split, never against the held-out
`test` split. bench/matching.py scores them as `dev` (outside its clock, so pairs/s is
still measured on the benchmark file alone).

cantonese-pinyin pairs are drawn as the benchmark draws its councillor pairs: a
councillor's English name (Hong Kong government romanization) against the pypinyin form
of the same councillor's Chinese name (positive), or of another councillor with the same
surname (negative; a homophone of another person's name stays a negative: it is another
person). Two councillors who write their names alike in English are left out, as there.

A second latin-latin draw (`"draw": 2`, issue #14) takes other seeds from the same
sources, without any pair of the benchmark files (name-pairs.jsonl and
name-pairs-hard.jsonl, test split included) or of the first draw: 1,603 pairs (893 UK
name variations, 654 OFAC same-surname negatives, 56 councillor negatives). OFAC's
a.k.a. variants and renamed entries were all drawn before, and the UK and OFAC lists
share one person by this rule, already in the benchmark file.

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
CANTO_SEED, CANTO_NEGATIVES = 54321, 400  # and every councillor as a positive
# The second latin-latin draw (issue #14, branch match15): other seeds, the same sources.
# OFAC's a.k.a. variants and renamed entries are all drawn already, so these are UK name
# variations and OFAC same-surname negatives, and a few councillor negatives.
SEED_2, VARIANTS_2, SAME_SURNAME_2, COUNCILLORS_PER_TIER_2 = 20261207, 1000, 800, 60
HARD = ROOT / "bench" / "data" / "name-pairs-hard.jsonl"
# Councillor rows whose English name is not the councillor's (errors in the list): their
# pairs would carry a wrong label, so they are left out of these draws. A row with the
# English name of the row above is a copy-down error (古桂耀 is written WONG YI
# CHRISTINE, as 黃宜 above; 馬希鵬 LAI KWONG WAI, as 黎廣偉); and one more:
MISNAMED = {"莫灝哲": "MOK KIN WING, which does not spell 灝哲 (Jyutping hou6 zit3)"}


def key(left: Any, right: Any) -> str:
    return json.dumps(sorted(json.dumps(x, sort_keys=True) for x in (left, right)))


def candidates(
    rng: random.Random,
    n_akas: int = AKAS,
    n_variants: int = VARIANTS,
    n_same_surname: int = SAME_SURNAME,
    per_tier: int = COUNCILLORS_PER_TIER,
) -> Iterator[tuple[Any, Any, str, str]]:
    """(left, right, judgement, source) from the lists and the councillors."""
    ofac = source.ofac_people(source.OFAC_2024)
    ofac_old = source.ofac_people(source.OFAC_2021)
    uk = source.uk_people()
    akas = [
        (p["name"], a) for p in ofac.values() for a in p["aka"] if source._variant(p["name"], a)
    ]
    for name, aka in rng.sample(akas, min(n_akas, len(akas))):
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
    for name, variant in rng.sample(variants, min(n_variants, len(variants))):
        yield name, variant, "positive", "UK 2026: name and variation"
    near = source.same_family_pairs(ofac)
    for a, b in rng.sample(near, min(n_same_surname, len(near))):
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
        for en_a, en_b in tier[:per_tier]:
            if en_a.lower() != en_b.lower():
                yield en_a, en_b, "negative", "District Councillors 2019: different councillors"


def canto_candidates(rng: random.Random) -> Iterator[tuple[Any, Any, str, str]]:
    """(left, right, judgement, source): councillors' English names against pinyin."""
    src = "District Councillors 2019"
    listed = source.councillors()
    rows = [
        (zh, en)
        for i, (zh, en) in enumerate(listed)
        if zh not in MISNAMED and (i == 0 or en != listed[i - 1][1])
    ]
    usable = [(zh, en) for zh, en in rows if source.spells_given_name(en, zh)]
    for zh, en in rng.sample(usable, len(usable)):
        yield en, source.pinyin_name(zh), "positive", src
    # Same surname, different councillors (the benchmark's cantonese-pinyin negatives
    # come from this tier: its one-apart and shared-character tiers go to other slices).
    near = [
        (a[1], b[0])
        for a in rows
        for b in rows
        if a[0] != b[0] and a[0][0] == b[0][0] and source._bare(a[1]) != source._bare(b[1])
    ]
    for en_a, zh_b in rng.sample(near, min(CANTO_NEGATIVES, len(near))):
        yield en_a, source.pinyin_name(zh_b), "negative", f"{src}: different councillors"


def main() -> None:
    taken = set()
    for path in (source.OUT, HARD):  # no pair of a benchmark file, test split included
        with open(path, encoding="utf-8") as fh:
            taken |= {key(p["left"], p["right"]) for p in map(json.loads, fh)}
    out = []
    second = candidates(
        random.Random(SEED_2), 0, VARIANTS_2, SAME_SURNAME_2, COUNCILLORS_PER_TIER_2
    )
    drawn = [
        ("latin-latin", {}, candidates(random.Random(SEED))),
        ("cantonese-pinyin", {"derived": "pypinyin"}, canto_candidates(random.Random(CANTO_SEED))),
        ("latin-latin", {"draw": 2}, second),
    ]
    for slice_, extra, found in drawn:
        for left, right, judgement, src in found:
            k = key(left, right)
            if k not in taken:
                taken.add(k)
                row = {"left": left, "right": right, "judgement": judgement, "slice": slice_}
                out.append({**row, "split": "dev", "source": src, **extra})
    with open(OUT, "w", encoding="utf-8") as fh:
        for p in out:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    print(f"{len(out)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
