"""Build bench/data/name-pairs.jsonl: labelled name pairs from real lists and the record.

Labels come from the data only. A pair is positive when the data links its two forms:
the same entity in a list or in the bundled record, or the same person on the UK and OFAC
lists (same exact birth date and the same family name). A pair is negative when its two
forms belong to different entities; hard negatives share the surname and differ by one
character or syllable where the data has such pairs.

Sources (../shared/data, read only; see its README):
- the bundled record (data/*.yaml): the 47 defendants and officials with English and
  Chinese names, and their birth dates where OFAC gives them;
- OFAC SDN 2024-05-03 and 2021-08-18 (names and a.k.a.), the UK Sanctions List 2026
  (given name first, with name variations);
- the 452 District Councillors elected in 2019 (Chinese and English names).

Some forms are *derived* from a real Chinese name, and say so in `derived`: simplified
characters (OpenCC t2s), pinyin (pypinyin) and Jyutping (PyCantonese). The data has no
simplified or pinyin forms of Hong Kong names, and these slices test exactly those
conversions. A romanized form with no Chinese given name ("TANG, Chris") cannot be told
from a namesake by name alone, so such pairs carry both persons' birth dates.

Each pair has a `split`: `dev` (about 40%, the only part looked at while building the
matcher) or `test` (held out), fixed by a hash of the pair.

Example:
    .venv/bin/python bench/build_name_pairs.py
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pycantonese
from pypinyin import lazy_pinyin
from rigour.text.distance import jaro_winkler

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lionrock import Defaults, Store, load_paths  # noqa: E402
from lionrock.bundled import bundled_files  # noqa: E402
from lionrock.sanctions.romanize import has_han, to_simplified, to_traditional  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "data" / "name-pairs.jsonl"
OFAC_2024 = SHARED / "sanctions" / "us-ofac-sdn-2024-05-03.csv"
OFAC_2021 = SHARED / "sanctions" / "us-ofac-sdn-2021-08-18.csv"
UK = SHARED / "sanctions" / "gb-uk-sanctions-list-2026"
COUNCILLORS = SHARED / "people" / "hk-district-councillors-2019.csv"
AKA_RE = re.compile(r"a\.k\.a\. '([^']+)'")
DOB_RE = re.compile(r"DOB (\d{2} \w{3} \d{4})")
MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        start=1,
    )
}

Pair = dict[str, Any]
rng = random.Random(3)


def pair(left: Any, right: Any, judgement: str, slice_: str, source: str, **extra: Any) -> Pair:
    key = json.dumps([left, right], ensure_ascii=False, sort_keys=True)
    split = "dev" if int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10 < 4 else "test"
    out = {"left": left, "right": right, "judgement": judgement, "slice": slice_}
    return {**out, "split": split, "source": source, **extra}


def pinyin_name(han: str) -> str:
    """Surname, then the given name joined, as the OFAC list writes PRC names."""
    syl = lazy_pinyin(han)
    return f"{syl[0].upper()}, {''.join(syl[1:]).capitalize()}"


def jyutping_name(han: str) -> str:
    pairs = pycantonese.characters_to_jyutping(to_traditional(han))
    return " ".join(j for _, j in pairs if j)


# --- the bundled record ---------------------------------------------------------------


def record_people() -> list[dict[str, Any]]:
    store = Store("sqlite://")
    load_paths(store, bundled_files(), defaults=Defaults(review="published"))
    people = []
    for entity in store.iter_entities(schema="Person"):
        names = entity.values("name") + entity.values("alias")
        han = [n for n in names if has_han(n)]
        latin = [n for n in names if not has_han(n)]
        if han and latin:
            dob = entity.values("birthDate")
            people.append({"id": entity.id, "han": han, "latin": latin, "dob": dob[:1]})
    return people


PARTICLES = {"al", "el", "abu", "bin", "ben", "ibn", "de", "la", "van", "von"}


def spells_given_name(latin: str, han: str) -> bool:
    """Whether a romanized form spells the Chinese given name too, judged from the forms
    alone: one token (or hyphenated part) per character, as Hong Kong names are written,
    or `SURNAME, Given` with the given name in pinyin, as OFAC writes PRC names.
    "TANG, Chris", "Ben Chung" and "LAU JACKSON" do not."""
    plain = re.sub(r"\([^)]*\)", " ", latin)
    parts = re.findall(r"[A-Za-z]+", plain)
    if "-" in plain or (len(parts) >= len(han) and "," not in plain):
        return len(parts) >= len(han)
    given = plain.partition(",")[2].replace(" ", "").lower()
    return given == "".join(lazy_pinyin(han[1:])).lower()


def with_dob(name: str, dob: list[str]) -> Any:
    return {"name": name, "birth_date": dob[0]} if dob else name


def record_pairs(people: list[dict[str, Any]]) -> Iterator[Pair]:
    by_surname: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for person in people:
        by_surname[to_simplified(person["han"][0][0])].append(person)
    for person in people:
        han = person["han"][0]
        others = [o for o in by_surname[to_simplified(han[0])] if o is not person]
        for latin in person["latin"]:
            given = spells_given_name(latin, han)
            if not given and not person["dob"]:
                continue  # "Benny Tai" vs 戴耀廷: nothing but the surname to compare
            dob = [] if given else person["dob"]
            yield pair(
                with_dob(latin, dob),
                with_dob(han, dob),
                "positive",
                "han-latin",
                "record: same entity",
                entity=person["id"],
            )
            for other in others[:2]:
                odob = [] if given else other["dob"]
                yield pair(
                    with_dob(latin, dob),
                    with_dob(other["han"][0], odob),
                    "negative",
                    "han-latin",
                    "record: different entities, same surname",
                )
        for variant in person["han"][1:]:
            yield pair(han, variant, "positive", "trad-simp", "record: same entity (variants)")
        simp = to_simplified(han)
        if simp != han:
            yield pair(han, simp, "positive", "trad-simp", "record", derived="opencc t2s")
        for other in others[:1]:
            yield pair(
                simp,
                other["han"][0],
                "negative",
                "trad-simp",
                "record: different entities",
                derived="opencc t2s",
            )
    for person in people:
        han = person["han"][0]
        pinyin_forms = [n for n in person["latin"] if person["id"].startswith("ofac-")]
        if person["id"].startswith("lr-person-"):
            for latin in person["latin"]:
                if spells_given_name(latin, han):
                    yield pair(
                        latin,
                        pinyin_name(han),
                        "positive",
                        "cantonese-pinyin",
                        "record",
                        derived="pypinyin",
                    )
                    break
        elif pinyin_forms and spells_given_name(pinyin_forms[0], han):
            yield pair(
                jyutping_name(han),
                pinyin_forms[0],
                "positive",
                "cantonese-pinyin",
                "record + OFAC",
                derived="pycantonese jyutping",
            )


# --- District Councillors 2019 ---------------------------------------------------------


def councillors() -> list[tuple[str, str]]:
    with open(COUNCILLORS, encoding="utf-8-sig", newline="") as fh:
        rows = [(r["DC_ZH"].strip(), " ".join(r["DC_EN"].split())) for r in csv.DictReader(fh)]
    return [(zh, en) for zh, en in rows if zh and en]


def _bare(name: str) -> str:
    return " ".join(re.findall(r"[a-z]+", re.sub(r"\([^)]*\)", " ", name.lower())))


def one_apart(a: str, b: str) -> bool:
    """Same length and surname, exactly one other character different."""
    if len(a) != len(b) or a[0] != b[0]:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1


def councillor_pairs(rows: list[tuple[str, str]]) -> Iterator[Pair]:
    src = "District Councillors 2019"
    usable = [(zh, en) for zh, en in rows if spells_given_name(en, zh)]
    sample = rng.sample(usable, 90)
    for zh, en in sample:
        yield pair(en, zh, "positive", "han-latin", f"{src}: same councillor")
    # Hard negatives first: one character apart; then the same surname and one more
    # character in common; then the same surname only.
    tiers: list[list[tuple[tuple[str, str], tuple[str, str]]]] = [[], [], []]
    for a in rows:
        for b in rows:
            # Two councillors who write their names alike in English ("LAI TSZ YAN" for
            # 黎紫欣 and 黎梓欣) cannot be told apart by name: not a usable negative.
            same_english = _bare(a[1]) == _bare(b[1])
            if a[0] < b[0] and a[0][0] == b[0][0] and not same_english:
                tier = 0 if one_apart(a[0], b[0]) else 1 if set(a[0][1:]) & set(b[0][1:]) else 2
                tiers[tier].append((a, b))
    near = []
    for tier in tiers:
        rng.shuffle(tier)
        near += tier
    for (_, en_a), (zh_b, _) in near[:45]:
        yield pair(en_a, zh_b, "negative", "han-latin", f"{src}: different councillors")
    for (_, en_a), (_, en_b) in near[45:85]:
        if en_a.lower() != en_b.lower():
            yield pair(en_a, en_b, "negative", "latin-latin", f"{src}: different councillors")
    for zh, _ in sample[:40]:
        simp = to_simplified(zh)
        if simp != zh:
            yield pair(zh, simp, "positive", "trad-simp", src, derived="opencc t2s")
    for (zh_a, _), (zh_b, _) in near[85:120]:
        yield pair(
            to_simplified(zh_a),
            zh_b,
            "negative",
            "trad-simp",
            f"{src}: different councillors",
            derived="opencc t2s",
        )
    for zh, en in sample[40:80]:
        yield pair(en, pinyin_name(zh), "positive", "cantonese-pinyin", src, derived="pypinyin")
    for (_, en_a), (zh_b, _) in near[120:160]:
        yield pair(
            en_a,
            pinyin_name(zh_b),
            "negative",
            "cantonese-pinyin",
            f"{src}: different councillors",
            derived="pypinyin",
        )


# --- OFAC and UK lists ----------------------------------------------------------------


def ofac_people(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if len(row) == 12 and row[2] == "individual":
                dobs = [_dob(d) for d in DOB_RE.findall(row[11])]
                out[row[0]] = {"name": row[1], "aka": AKA_RE.findall(row[11]), "dob": dobs}
    return out


def _dob(text: str) -> str:
    day, month, year = text.split()
    return f"{year}-{MONTHS[month]:02d}-{day}"


def uk_people() -> dict[str, dict[str, Any]]:
    people: dict[str, dict[str, Any]] = defaultdict(lambda: {"names": [], "dob": []})
    with open(UK / "subjects.csv", encoding="utf-8", newline="") as fh:
        individuals = {
            r["unique_id"] for r in csv.DictReader(fh) if r["subject_type"] == "individual"
        }
    with open(UK / "subject_names.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["unique_id"] in individuals:
                entry = (r["name_type"], r["full_name"].strip(), r["name_6"].strip())
                people[r["unique_id"]]["names"].append(entry)
    with open(UK / "subject_dobs.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["unique_id"] in individuals and r["precision"] == "exact":
                people[r["unique_id"]]["dob"].append(f"{r['year']}-{r['month']}-{r['day']}")
    return dict(people)


def tokens(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", name.lower()))


def _alike(a: str, b: str) -> bool:
    """A renamed entry whose names share a word spelled alike (a correction, not a switch
    to an unrelated alias such as ZULKARNAEN for SUMARSONO, Aris)."""
    x, y = tokens(a) - PARTICLES, tokens(b) - PARTICLES
    return any(jaro_winkler(p, q) >= 0.8 for p in x for q in y)


def _variant(name: str, aka: str) -> bool:
    """An a.k.a. that is a variant of the name (it keeps the family name and has a given
    name), not a nom de guerre ("ABU AL-WALEED") or a bare given name."""
    family = tokens(name.split(",")[0]) - PARTICLES
    if not family or not family <= tokens(aka):
        return False
    given, other = tokens(name) - family - PARTICLES, tokens(aka) - family - PARTICLES
    return any(jaro_winkler(x, y) >= 0.8 for x in given for y in other)


def list_pairs() -> Iterator[Pair]:
    ofac, ofac_old, uk = ofac_people(OFAC_2024), ofac_people(OFAC_2021), uk_people()
    # OFAC: a name and its a.k.a. that shares a word with it (a variant, not a nom de guerre)
    akas = [(p["name"], a) for p in ofac.values() for a in p["aka"] if _variant(p["name"], a)]
    for name, aka in rng.sample(akas, 30):
        yield pair(name, aka, "positive", "latin-latin", "OFAC 2024: name and a.k.a.")
    renamed = [
        (ofac_old[k]["name"], v["name"])
        for k, v in ofac.items()
        if k in ofac_old
        and ofac_old[k]["name"] != v["name"]
        and _alike(ofac_old[k]["name"], v["name"])
    ]
    for old, new in rng.sample(renamed, min(15, len(renamed))):
        yield pair(old, new, "positive", "latin-latin", "OFAC 2021 → 2024: same entry")
    variants = [
        (n[0][1], v)
        for p in uk.values()
        for n in [p["names"]]
        for t, v, _ in n[1:]
        if n[0][0] == "primary" and t == "primary_variation"
    ]
    for name, variant in rng.sample(variants, min(20, len(variants))):
        yield pair(name, variant, "positive", "latin-latin", "UK 2026: name and variation")
    yield from _uk_ofac(ofac, uk)
    # Hard negatives: different OFAC individuals with the same family name.
    near = same_family_pairs(ofac)
    for a, b in rng.sample(near, 45):
        yield pair(a, b, "negative", "latin-latin", "OFAC 2024: different entries, same surname")


def same_family_pairs(ofac: dict[str, Any]) -> list[tuple[str, str]]:
    """Every pair of different OFAC individuals written "FAMILY, Given" with the same
    family name (of more than two letters): the hard negatives."""
    by_family: dict[str, list[str]] = defaultdict(list)
    for person in ofac.values():
        family = person["name"].split(",")[0].strip()
        if "," in person["name"] and len(family) > 2:
            by_family[family].append(person["name"])
    return [(a, b) for names in by_family.values() for a in names for b in names if a < b]


def _uk_ofac(ofac: dict[str, dict[str, Any]], uk: dict[str, dict[str, Any]]) -> Iterator[Pair]:
    """The same person on both lists: same exact birth date and family name, and a given
    name spelled alike."""
    by_dob: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for person in ofac.values():
        for dob in person["dob"]:
            by_dob[dob].append(person)
    found = []
    for person in uk.values():
        primary = [(n, fam) for t, n, fam in person["names"] if t == "primary"]
        for dob in person["dob"]:
            for other in by_dob.get(dob, []):
                family = tokens(other["name"].split(",")[0])
                if (
                    primary
                    and family
                    and family == tokens(primary[0][1])
                    and _variant(other["name"], primary[0][0])
                ):
                    found.append((other["name"], primary[0][0]))
    found = sorted(set(found))
    chinese = [f for f in found if "MINGGUO" in f[1] or "CHEN, Mingguo" in f[0]]
    for ofac_name, uk_name in chinese + rng.sample(found, min(25, len(found))):
        yield pair(
            ofac_name,
            uk_name,
            "positive",
            "latin-latin",
            "OFAC 2024 and UK 2026: same birth date and family name",
        )


def main() -> None:
    pairs = [
        *record_pairs(record_people()),
        *councillor_pairs(councillors()),
        *list_pairs(),
        pair(
            "LEE, John Ka-chiu",
            "LI, Jiachao",
            "positive",
            "cantonese-pinyin",
            "OFAC 2024: name and a.k.a.",
        ),
    ]
    seen, unique = set(), []
    for p in pairs:
        key = json.dumps([p["left"], p["right"]], ensure_ascii=False, sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        for p in unique:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for p in unique:
        counts[(p["slice"], p["judgement"])] += 1
    print(f"{len(unique)} pairs -> {OUT}")
    for key, n in sorted(counts.items()):
        print(f"  {key[0]:18} {key[1]:9} {n}")


if __name__ == "__main__":
    main()
