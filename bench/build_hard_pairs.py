"""Build bench/data/name-pairs-hard.jsonl: labelled pairs for the classes of issue #14,
from real lists and the record.

Slices (each pair has `slice`, `judgement`, `split`, `source` and, for a form made by a
tool or by an edit, `derived`):

- `han-han-homophone`: two names in characters. Positives: a real name and its forms in
  the regional standards (OpenCC t2hk, t2tw, hk2t, tw2t, t2s, Japanese shinjitai), and a
  person's own two written forms in the record. Negatives: two real councillors whose
  names are one character apart; and a real name with one given-name character replaced
  by a homophone (the same toneless Jyutping or pinyin) taken from another real person's
  name, never a variant form of it (a different character in another real person's name
  is a different name).
- `syllable-substitution`: two romanized names. Positives: one name in two systems of
  one language (Hong Kong style and Jyutping made by PyCantonese from the characters;
  pinyin and Wade–Giles made by pypinyin), and a name with one typo that makes a token no
  syllable in any system (names of three syllables or more). Negatives: a real name with
  one given syllable replaced by another valid syllable of the same system one letter
  away (Hong/Hang, Jing/Qing, Lun/Lin), preferring syllables found in other real names;
  the two differ in sound in that system.
- `western-given-name`: a Latin name with a Western given name, in the orders and forms
  such names are written ("Alvin Yeung Ngok-kiu", "YEUNG NGOK KIU ALVIN", "YEUNG, Alvin
  Ngok Kiu", "Ngok-kiu Alvin YEUNG"...), against the person's name in characters. From
  the District Councillors whose English name adds one Western name, and the record's
  defendants. Negatives: the same forms against another real person's characters with
  the same surname, and with one given syllable replaced by a valid syllable that is no
  reading of the character.
- `known-aliases`: a Western given name and a surname only ("Chris Tang", "TANG, Chris",
  "Joshua Wong"), from the record's persons, against the same person's characters or
  Hong Kong romanization (positive), or another real person's with the same surname
  (negative). By name alone these are at most possible; the record-aware mode (the
  bundled record as the store) is what links them.

The split (`dev` about 40%, or the held-out `test`) is fixed by a hash of the pair; the
matcher's rules for these classes were developed on `dev` only.

Example:
    .venv/bin/python bench/build_hard_pairs.py
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import opencc
import pycantonese
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import build_name_pairs as source  # noqa: E402

from lionrock.sanctions.romanize import (  # noqa: E402
    canto_keys,
    is_syllable,
    jyutping,
    pinyin,
    pinyin_syllables,
    to_simplified,
    to_traditional,
    variant_forms,
    wade_giles,
)
from lionrock.sanctions.systems import (  # noqa: E402
    jyutping_syllables,
    mandarin_readings,
    syllable_systems,
)

OUT = ROOT / "bench" / "data" / "name-pairs-hard.jsonl"
rng = random.Random(14)
Pair = dict[str, Any]
REGIONAL = ("t2hk", "t2tw", "hk2t", "tw2t", "t2s", "t2jp")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def pair(left: Any, right: Any, judgement: str, slice_: str, src: str, **extra: Any) -> Pair:
    return source.pair(left, right, judgement, slice_, src, **extra)


def jyutping_name(han: str) -> str:
    """Toneless Jyutping, surname first, syllables apart: "heoi zi fung"."""
    found = pycantonese.characters_to_jyutping(to_traditional(han))
    text = " ".join(j for _, j in found if j)
    return re.sub(r"[1-6]", "", text)


def pinyin_name(han: str) -> str:
    syl = lazy_pinyin(han)
    return f"{syl[0].upper()}, {''.join(syl[1:]).capitalize()}"


def wade_giles_name(han: str) -> str:
    syl = [
        s.replace("'", "").replace("ü", "u").replace("v", "u")
        for s in lazy_pinyin(han, style=Style.WADEGILES)
    ]
    # pypinyin 0.55 writes every -ai as -ei (hai -> hei); Wade-Giles keeps -ai.
    plain = lazy_pinyin(han)
    syl = [
        w[:-2] + "ai" if p.endswith("ai") and w.endswith("ei") else w
        for w, p in zip(syl, plain, strict=True)
    ]
    return f"{syl[0].capitalize()} {'-'.join(syl[1:]).capitalize()}"


# --- real names ------------------------------------------------------------------------


def han_people() -> list[tuple[str, str]]:
    """(characters, romanized name) of real people: councillors and the record."""
    out = list(source.councillors())
    for person in source.record_people():
        out.append((person["han"][0], person["latin"][0]))
    return out


def one_edit(word: str, alphabet: str = LETTERS) -> set[str]:
    edits = {word[:i] + word[i + 1 :] for i in range(len(word))}
    edits |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in alphabet}
    edits |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in alphabet}
    return edits - {word, ""}


# --- han-han -------------------------------------------------------------------------


def han_han(people: list[tuple[str, str]]) -> Iterator[Pair]:
    slice_ = "han-han-homophone"
    converters = [(c, opencc.OpenCC(c)) for c in REGIONAL]
    names = sorted({zh for zh, _ in people if len(zh) >= 2})
    for zh in names:
        for name, conv in converters:
            form = str(conv.convert(zh))
            if form != zh:
                yield pair(zh, form, "positive", slice_, "regional form", derived=f"opencc {name}")
    for person in source.record_people():
        for other in person["han"][1:]:
            yield pair(person["han"][0], other, "positive", slice_, "record: same entity")
    # Characters of real names, by sound: the homophones a name may be confused with.
    chars = sorted({c for zh in names for c in zh[1:]})
    by_sound: dict[str, list[str]] = defaultdict(list)
    for char in chars:
        for sound in [f"j:{r}" for r in jyutping(char)] + [f"p:{r}" for r in pinyin(char)]:
            by_sound[sound].append(char)
    for zh in names:
        spots = list(range(1, len(zh)))
        rng.shuffle(spots)
        for i in spots[:1]:
            char = zh[i]
            sounds = [f"j:{r}" for r in jyutping(char)] + [f"p:{r}" for r in pinyin(char)]
            alike = sorted(
                {
                    c
                    for s in sounds
                    for c in by_sound[s]
                    if not variant_forms(c) & variant_forms(char)
                }
            )
            if alike:
                other = zh[:i] + rng.choice(alike) + zh[i + 1 :]
                if other not in names:
                    yield pair(zh, other, "negative", slice_, "homophone from another real name",
                               derived="one character replaced")  # fmt: skip
    for a in names:
        for b in names:
            if a < b and source.one_apart(a, b) and not _variants(a, b):
                yield pair(a, b, "negative", slice_, "District Councillors 2019: one apart")


def _variants(a: str, b: str) -> bool:
    return all(variant_forms(x) & variant_forms(y) for x, y in zip(a, b, strict=True))


# --- syllable substitutions ---------------------------------------------------------


def _hk_valid(s: str) -> bool:
    return "hk" in syllable_systems(s)


def neighbour(syllable: str, system: str, seen: set[str]) -> str | None:
    """A valid syllable of `system` one letter from `syllable` and of another sound,
    preferably one found in real names (`seen`)."""
    if system == "hk":
        found = [e for e in one_edit(syllable) if _hk_valid(e)]
    else:
        inventory = {"py": pinyin_syllables(), "jp": jyutping_syllables(), "wg": wade_giles()}
        found = [e for e in one_edit(syllable) if e in inventory[system]]
    # Of another sound in every system: not a spelling of the same Cantonese sound (Ho for
    # Jyutping's hou, Kin for gin) nor of the same Mandarin one (Tzu and Tsu).
    found = [
        e
        for e in found
        if not canto_keys(e) & canto_keys(syllable)
        and not mandarin_readings(e) & mandarin_readings(syllable)
    ]
    if not found:
        return None
    real = sorted(set(found) & seen)
    return rng.choice(real or sorted(found))


def typo(syllable: str) -> str | None:
    """One edit (a letter dropped, doubled or two swapped) that is no syllable."""
    edits = {syllable[:i] + syllable[i + 1 :] for i in range(len(syllable))}
    edits |= {syllable[:i] + syllable[i] + syllable[i:] for i in range(len(syllable))}
    edits |= {
        syllable[:i] + syllable[i + 1] + syllable[i] + syllable[i + 2 :]
        for i in range(len(syllable) - 1)
    }
    found = sorted(e for e in edits if len(e) >= 3 and not is_syllable(e) and e != syllable)
    return rng.choice(found) if found else None


def substitute(tokens: list[str], system: str, seen: set[str]) -> list[str] | None:
    """The name with one given syllable (not the surname) replaced by a neighbour."""
    spots = list(range(1, len(tokens)))
    rng.shuffle(spots)
    for i in spots:
        found = neighbour(tokens[i].lower(), system, seen)
        if found:
            word = tokens[i]
            new = (
                found.upper()
                if word.isupper()
                else found.capitalize()
                if word[0].isupper()
                else found
            )
            return [*tokens[:i], new, *tokens[i + 1 :]]
    return None


def syllable_pairs(people: list[tuple[str, str]]) -> Iterator[Pair]:
    slice_ = "syllable-substitution"
    hk_seen = {t.lower() for _, en in people for t in re.findall(r"[A-Za-z]+", en)}
    sample = rng.sample([p for p in people if len(p[0]) == 3 and p[1]], 160)
    py_seen = {s for zh, _ in people for s in lazy_pinyin(zh)}
    for zh, en in sample:
        hk = [t for t in en.split() if is_syllable(t.lower())][: len(zh)]
        if len(hk) != len(zh):
            continue
        hk_name = " ".join(hk)
        jp = jyutping_name(zh)
        if len(jp.split()) == len(zh):
            yield pair(hk_name, jp, "positive", slice_, "councillor: HK style and Jyutping",
                       derived="pycantonese jyutping")  # fmt: skip
            swapped = substitute(jp.split(), "jp", set())
            if swapped:
                yield pair(jp, " ".join(swapped), "negative", slice_, "Jyutping: one syllable",
                           derived="one valid syllable replaced")  # fmt: skip
        swapped = substitute(hk, "hk", hk_seen)
        if swapped:
            yield pair(hk_name, " ".join(swapped), "negative", slice_, "HK style: one syllable",
                       derived="one valid syllable replaced")  # fmt: skip
        py = pinyin_name(zh)
        yield pair(py, wade_giles_name(zh), "positive", slice_, "pinyin and Wade–Giles",
                   derived="pypinyin")  # fmt: skip
        py_tokens = [py.split(",")[0].capitalize(), *lazy_pinyin(zh[1:])]
        swapped = substitute(py_tokens, "py", py_seen)
        if swapped:
            other = f"{swapped[0].upper()}, {''.join(swapped[1:]).capitalize()}"
            yield pair(py, other, "negative", slice_, "pinyin: one syllable",
                       derived="pypinyin; one valid syllable replaced")  # fmt: skip
        wg = wade_giles_name(zh).replace("-", " ").split()
        swapped = substitute(wg, "wg", set())
        if swapped:
            yield pair(" ".join(wg), " ".join(swapped), "negative", slice_,
                       "Wade–Giles: one syllable",
                       derived="pypinyin; one valid syllable replaced")  # fmt: skip
        i = rng.randrange(1, len(hk))
        mistyped = typo(hk[i].lower())
        if mistyped:
            new = [*hk[:i], mistyped.upper() if hk[i].isupper() else mistyped, *hk[i + 1 :]]
            yield pair(hk_name, " ".join(new), "positive", slice_, "HK style: one typo",
                       derived="one letter dropped, doubled or swapped")  # fmt: skip


# --- Western given names ---------------------------------------------------------------


def western_people() -> list[tuple[str, str, str, list[str]]]:
    """(characters, Western name, surname, given syllables) of real people."""
    out = []
    for zh, en in source.councillors():
        tokens = en.split()
        if len(tokens) == len(zh) + 1 and not is_syllable(tokens[-1].lower()):
            out.append((zh, tokens[-1], tokens[0], tokens[1:-1]))
    for person in source.record_people():
        for latin in person["latin"]:
            words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", latin)
            given = [w for w in words if "-" in w]
            if len(words) == 3 and len(given) == 1 and words[2] == given[0]:
                syllables = given[0].split("-")
                if len(syllables) + 1 == len(person["han"][0]):
                    out.append((person["han"][0], words[0], words[1], syllables))
    return out


FORMS = (
    lambda w, s, g: f"{w} {s} {'-'.join(g)}",
    lambda w, s, g: f"{s.upper()} {' '.join(g).upper()} {w.upper()}",
    lambda w, s, g: f"{s.upper()}, {w} {' '.join(g)}",
    lambda w, s, g: f"{'-'.join(g)} {w} {s.upper()}",
    lambda w, s, g: f"{w} {' '.join(g)} {s.upper()}",
    lambda w, s, g: f"{s.upper()} {'-'.join(g)}, {w}",
    lambda w, s, g: f"{s.upper()} {w} {'-'.join(g)}",
)


def western_pairs(people: list[tuple[str, str]]) -> Iterator[Pair]:
    slice_ = "western-given-name"
    by_surname: dict[str, list[str]] = defaultdict(list)
    for zh, _ in people:
        by_surname[to_simplified(zh[0])].append(zh)
    found = western_people()
    for zh, western, surname, given in rng.sample(found, min(110, len(found))):
        w, s, g = western.capitalize(), surname.capitalize(), [x.lower() for x in given]
        g = [x.capitalize() if i == 0 else x for i, x in enumerate(g)]
        forms = rng.sample(FORMS, 2)
        for form in forms:
            name = form(w, s, g)
            yield pair(name, zh, "positive", slice_, "same person", derived="reordered")
        others = [o for o in by_surname[to_simplified(zh[0])] if o != zh and len(o) == len(zh)]
        near = [o for o in others if source.one_apart(o, zh)] or others
        if near:
            name = forms[0](w, s, g)
            yield pair(name, rng.choice(near), "negative", slice_, "another person, same surname",
                       derived="reordered")  # fmt: skip
        i = rng.randrange(len(g))
        char = zh[i + 1]
        readings = {k for r in jyutping(char) for k in canto_keys(r, reading=True)}
        other = neighbour(g[i].lower(), "hk", set())
        # The new syllable must be no reading of the character, in either language.
        if (
            other
            and not canto_keys(other) & readings
            and not mandarin_readings(other) & set(pinyin(char))
        ):
            swapped = [*g[:i], other.capitalize() if i == 0 else other, *g[i + 1 :]]
            yield pair(forms[1](w, s, swapped), zh, "negative", slice_,
                       "one given syllable replaced",
                       derived="reordered; one syllable replaced")  # fmt: skip


# --- known aliases -----------------------------------------------------------------------


def alias_forms(western: str, surname: str) -> list[str]:
    return [f"{western} {surname}", f"{surname.upper()}, {western}", f"{western} {surname.upper()}"]


def alias_pairs(people: list[tuple[str, str]]) -> Iterator[Pair]:
    slice_ = "known-aliases"
    record = source.record_people()
    by_surname: dict[str, list[str]] = defaultdict(list)
    for zh, _ in people:
        by_surname[to_simplified(zh[0])].append(zh)
    for person in record:
        han = person["han"][0]
        full = None
        short = None
        for latin in person["latin"]:
            words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", latin)
            if "," in latin and len(words) == 2 and "-" not in latin:
                short = (words[1], words[0].capitalize())  # "TANG, Chris"
            elif len(words) == 2 and not is_syllable(words[0].lower()):
                short = (words[0], words[1])  # "Benny Tai"
            elif len(words) == 3 and "-" in words[2] and not is_syllable(words[0].lower()):
                short = short or (words[0], words[1])  # "Alvin Yeung Ngok-kiu"
                full = f"{words[1]} {words[2]}"  # "Yeung Ngok-kiu"
        if short is None:
            continue
        for form in alias_forms(*short):
            yield pair(form, han, "positive", slice_, "record: same entity", entity=person["id"])
            if full:
                yield pair(form, full, "positive", slice_, "record: same entity",
                           entity=person["id"], derived="Western name left out")  # fmt: skip
        others = [o for o in by_surname[to_simplified(han[0])] if o != han]
        for other in rng.sample(others, min(3, len(others))):
            form = rng.choice(alias_forms(*short))
            yield pair(form, other, "negative", slice_, "another person, same surname")


def main() -> None:
    people = han_people()
    pairs = [*han_han(people), *syllable_pairs(people), *western_pairs(people)]
    pairs += list(alias_pairs(people))
    seen, unique = set(), []
    for p in pairs:
        key = json.dumps(sorted([json.dumps(p["left"]), json.dumps(p["right"])]))
        if key not in seen:
            seen.add(key)
            unique.append(p)
    with open(OUT, "w", encoding="utf-8") as fh:
        for p in unique:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    for p in unique:
        counts[(p["slice"], p["judgement"], p["split"])] += 1
    print(f"{len(unique)} pairs -> {OUT}")
    for key, n in sorted(counts.items()):
        print(f"  {key[0]:24} {key[1]:9} {key[2]:5} {n}")


if __name__ == "__main__":
    main()
