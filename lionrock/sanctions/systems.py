"""Romanization systems: which systems a Latin syllable is valid in, and how two
syllables compare under a reading of both names (issue #14).

Four systems are told apart, in two languages:

- Cantonese: the Hong Kong government style (`hk`: Lee, Cheung, Tsz, Yuet) and Jyutping
  (`jp`: lei, zoeng, zi, jyut), from PyCantonese's dictionary;
- Mandarin: Hanyu pinyin (`py`, pypinyin's inventory) and Wade–Giles (`wg`: Chiang,
  Ching, Hsieh, Tsai, made from every pinyin syllable with pypinyin's converter).

A syllable may be valid in several ("Chan" is Hong Kong style and pinyin). A name is
read in one system at a time, and every system its syllables are all valid in is a
candidate. Two different syllables that are both valid in the system both names are read
in are two different syllables (Hong/Hang, Jing/Qing, Lun/Lin): a valid syllable
replaced by another is another name, not a typo. Spellings only meet across systems:
Hong Kong style and Jyutping through Cantonese keys (Cheung/zoeng), pinyin and Wade–Giles
through the converter (Ching/jing), Cantonese and Mandarin through a character read both
ways (Cheung/Zhang through 張). And a name is read in a system other than the other
name's only when the data says so: a cross-language reading (one name Cantonese, the
other Mandarin) is tried only when one of the two names cannot be read in the other's
language (`cross_readings`), so "CHAN Tai Hong" is not read as Cantonese against a
"CHAN Tai Hang" read as pinyin.

Example:
    >>> sorted(syllable_systems("ching"))
    ['hk', 'wg']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from lionrock.sanctions.romanize import (
    _dictionary,
    canto_keys,
    cantonese_keys,
    pinyin_syllables,
    pinyin_to_canto,
    wade_giles,
)

HK, JP, PY, WG = "hk", "jp", "py", "wg"
ALL = frozenset({HK, JP, PY, WG})
LANGUAGE = {HK: "yue", JP: "yue", PY: "cmn", WG: "cmn"}
SAME_SPELLING = 1.0
SPELLING_VARIANT = 0.95  # one sound, two systems of one language (Cheung/zoeng, Ching/jing)
ACROSS_LANGUAGES = 0.85  # a character read one way in Cantonese, the other in Mandarin
# Pinyin's syllabic nasals spell only interjections (嗯 ng, 呣 m, 噷 hm, 哼 hng), never a
# name: "NG" in a name is the Cantonese surname Ng (吳, 伍), so "NG Mei" is no pinyin name
# and may meet "WU, Mei" across the two languages.
PINYIN_INTERJECTIONS = frozenset({"m", "n", "ng", "hm", "hng"})

# Tables filled once by `tables.load_tables` (warm-up) for every syllable of the
# inventory, consulted before any work: `strict_canto_keys`, `mandarin_readings`, and
# the Cantonese keys of the characters a spelling's Mandarin readings stand for.
STRICT_KEYS: dict[str, frozenset[str]] = {}
MANDARIN: dict[str, frozenset[str]] = {}
MANDARIN_CANTO: dict[str, frozenset[str]] = {}


@lru_cache(maxsize=1)
def jyutping_syllables() -> frozenset[str]:
    """Every toneless Jyutping syllable of PyCantonese's dictionary."""
    return frozenset(r for readings in _dictionary()[0].values() for r in readings)


def strict_canto_keys(text: str) -> frozenset[str]:
    """The real Cantonese keys of a spelling, with `j` read only as Jyutping's y."""
    found = STRICT_KEYS.get(text)
    if found is not None:
        return found
    keys = canto_keys(text) & cantonese_keys()
    if text.startswith("j"):
        keys = frozenset(k for k in keys if not k.startswith("c"))
    return keys


def _hong_kong_style(text: str) -> bool:
    """Whether a spelling may be Hong Kong government style: a real Cantonese sound,
    without the letters only Jyutping uses (z, c and j initials, aa, eo, oe)."""
    if text.startswith(("z", "j", "gw")) or (text.startswith("c") and not text.startswith("ch")):
        return False
    if any(part in text for part in ("aa", "eo", "oe")):
        return False
    return bool(strict_canto_keys(text))


@lru_cache(maxsize=65536)
def syllable_systems(text: str) -> frozenset[str]:
    """The systems a folded, toneless Latin syllable is valid in.

    Example: `syllable_systems("jiachao")` is empty (two syllables); `"zoeng"` is `{"jp"}`.
    """
    found = set()
    if _hong_kong_style(text):
        found.add(HK)
    if text in jyutping_syllables():
        found.add(JP)
    if text not in PINYIN_INTERJECTIONS:  # nor in Wade–Giles, made from pinyin
        if text in pinyin_syllables():
            found.add(PY)
        if text in wade_giles():
            found.add(WG)
    return frozenset(found)


def mandarin_readings(text: str) -> frozenset[str]:
    """The pinyin syllables a spelling stands for: itself if it is pinyin, and what it
    spells in Wade–Giles."""
    found = MANDARIN.get(text)
    if found is not None:
        return found
    own = frozenset({text}) if text in pinyin_syllables() else frozenset()
    return own | wade_giles().get(text, frozenset())


def mandarin_canto(text: str) -> frozenset[str]:
    """The Cantonese keys of the characters read as one of a spelling's Mandarin
    readings (`romanize.pinyin_to_canto`): "chang" gives the keys of 張 and 常...

    Example: `"ceung" in mandarin_canto("chang")` (張 zoeng1, Wade–Giles chang).
    """
    found = MANDARIN_CANTO.get(text)
    if found is not None:
        return found
    return frozenset().union(*(pinyin_to_canto(p) for p in mandarin_readings(text)))


def name_systems(systems: Iterable[frozenset[str]]) -> frozenset[str]:
    """The systems a whole name can be read in: those all its syllables are valid in."""
    found = ALL.intersection(*systems)
    # One object per set (a few dozen subsets of ALL), not one kept per parsed name: a
    # cached name then holds fewer objects for the collector to walk, and the set's
    # hash (`cross_readings` is cached by it) is worked out once.
    return _NAME_SYSTEMS.setdefault(found, found)


_NAME_SYSTEMS: dict[frozenset[str], frozenset[str]] = {}


@lru_cache(maxsize=4096)
def cross_readings(left: frozenset[str], right: frozenset[str]) -> list[tuple[str, str]]:
    """The pairs of systems two names may be read in.

    Both in one system always; in two systems of one language (Hong Kong style and
    Jyutping, pinyin and Wade–Giles), or of two languages, only when one name cannot be
    read in the other's system (or language): then the names were written in two
    systems, and their spellings differ for that reason. A name valid in no single
    system (mixed spellings) may be read in any.
    """
    left, right = left or ALL, right or ALL
    lang_l = {LANGUAGE[s] for s in left}
    lang_r = {LANGUAGE[s] for s in right}
    out = []
    for a in sorted(left):
        for b in sorted(right):
            if a == b:
                out.append((a, b))
            elif LANGUAGE[a] == LANGUAGE[b]:
                if a not in right or b not in left:
                    out.append((a, b))
            elif LANGUAGE[a] not in lang_r or LANGUAGE[b] not in lang_l:
                out.append((a, b))
    return out


def latin_grade(x: str, y: str, sx: str, sy: str) -> tuple[float, str]:
    """How well two Latin syllables agree when read in systems `sx` and `sy` (0 when
    they do not), and why. The answers are shared tuples (`_GRADE`), cached under one
    string (`_grade_of`): a four-string key tuple is an object the garbage collector
    walks, and a round of the benchmark caches some 7,000 of them (issue #14, speed).

    Example: `latin_grade("hong", "hang", "hk", "hk")[0]` is 0.0.
    """
    if x == y:
        return _GRADE["same"]
    return _grade_of(f"{sx}{sy}{len(x)}:{x}{y}")  # each system is two letters (`ALL`)


@lru_cache(maxsize=262144)
def _grade_of(key: str) -> tuple[float, str]:
    """`latin_grade` of the systems and syllables joined in `key` (the first syllable's
    length before it: no character can run one syllable into the other)."""
    sx, sy = key[:2], key[2:4]
    length, _, texts = key[4:].partition(":")
    cut = int(length)
    return _latin_grade(texts[:cut], texts[cut:], sx, sy)


def _latin_grade(x: str, y: str, sx: str, sy: str) -> tuple[float, str]:
    if x == y:
        return _GRADE["same"]
    if sx == sy:
        if sx == HK and strict_canto_keys(x) & strict_canto_keys(y):
            return _GRADE["hk"]
        return _TWO_VALID[sx]
    if LANGUAGE[sx] == LANGUAGE[sy] == "yue":
        if strict_canto_keys(x) & strict_canto_keys(y):
            return _GRADE["yue"]
        return _GRADE["not yue"]
    if LANGUAGE[sx] == LANGUAGE[sy] == "cmn":
        if mandarin_readings(x) & mandarin_readings(y):
            return _GRADE["cmn"]
        return _GRADE["not cmn"]
    canto, mandarin = (x, y) if LANGUAGE[sx] == "yue" else (y, x)
    if strict_canto_keys(canto) & mandarin_canto(mandarin):
        return _GRADE["across"]
    return _GRADE["not across"]


_GRADE: dict[str, tuple[float, str]] = {
    "same": (SAME_SPELLING, "same spelling"),
    "hk": (SPELLING_VARIANT, "Hong Kong spelling variants"),
    "yue": (SPELLING_VARIANT, "one Cantonese sound (Hong Kong style and Jyutping)"),
    "not yue": (0.0, "different Cantonese sounds"),
    "cmn": (SPELLING_VARIANT, "one Mandarin sound (pinyin and Wade–Giles)"),
    "not cmn": (0.0, "different Mandarin sounds"),
    "across": (ACROSS_LANGUAGES, "a character is read so in Cantonese and in Mandarin"),
    "not across": (0.0, "no character is read so in Cantonese and in Mandarin"),
}
_NAMES = {HK: "Hong Kong style", JP: "Jyutping", PY: "pinyin", WG: "Wade–Giles"}
_TWO_VALID = {s: (0.0, f"two different valid syllables ({name})") for s, name in _NAMES.items()}


def system_name(system: str) -> str:
    """The system's name for explanations: `system_name("wg")` is "Wade–Giles"."""
    return _NAMES[system]
