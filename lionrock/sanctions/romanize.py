"""The Chinese layer under name matching: scripts, readings and romanizations.

- Traditional and simplified characters: OpenCC (`t2s`, `s2hk`).
- Cantonese: Jyutping readings of each character from the rime-cantonese dictionary that
  PyCantonese ships. A character's readings are its own entry plus every reading it takes
  inside the dictionary's words, so heteronyms such as 曾 (cang4, and zang1 as a surname)
  are kept. Readings are never invented here: a reading that the dictionary lacks is
  missing (for example 區 as the surname Au).
- Mandarin: pinyin readings of each character from pypinyin, all heteronyms.
- Romanized syllables are compared through *Cantonese keys*: one spelling for the Hong Kong
  government style (Lee, Tsang, Cheung, Yuet, Ngor) and Jyutping (lei, zang, zoeng, jyut,
  ngo) alike. The Hong Kong style does not mark aspiration, so the key folds b/p, d/t,
  g/k and z/c/ts/ch, as that style does.

Example:
    >>> sorted(canto_keys("Cheung")) == sorted(canto_keys("zoeng1"))
    True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import opencc
import pycantonese
from pypinyin import Style
from pypinyin import pinyin as _pinyin

from lionrock.sanctions.name_chars import name_characters

HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
TONE_RE = re.compile(r"[1-6]$")
VOWEL_RE = re.compile(r"[aeiouy]")
MIN_WORD_READINGS = 2  # a heteronym must occur in at least this many dictionary words
COMMON_CHAR_WORDS = 5  # characters in fewer words do not link pinyin to Cantonese

# Tables filled once by `tables.load_tables` (warm-up), consulted before any work:
# whether a spelling is a syllable, its Cantonese keys, and a character's forms
# (`chinese_forms`, `variant_forms`, `japanese_form`, `japanese_forms`).
SYLLABLES: dict[str, bool] = {}
CANTO_KEYS: dict[str, frozenset[str]] = {}
FORMS: dict[str, tuple[frozenset[str], frozenset[str], str, frozenset[str]]] = {}

_T2S = opencc.OpenCC("t2s")
_S2HK = opencc.OpenCC("s2hk")
# Regional standards and variant forms, each to simplified: a character's forms are what
# these make of it, so 衞 (Hong Kong) and 衛 (Taiwan) meet at 卫, 峯 and 峰 at 峰.
_VARIANT_FOLDS = tuple(opencc.OpenCC(c) for c in ("hk2s", "tw2s"))
_JP2T = opencc.OpenCC("jp2t")
_T2JP = opencc.OpenCC("t2jp")

# Initials, longest first: (spelling, key). `j` is Jyutping's y and, in loose Hong Kong
# spellings such as "Ji-yuet" (子悅), a z: both keys are kept.
_INITIALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gw", ("kw",)),
    ("kw", ("kw",)),
    ("ng", ("ng",)),
    ("ch", ("c",)),
    ("ts", ("c",)),
    ("tz", ("c",)),
    ("sh", ("s",)),
    ("b", ("p",)),
    ("p", ("p",)),
    ("d", ("t",)),
    ("t", ("t",)),
    ("g", ("k",)),
    ("k", ("k",)),
    ("z", ("c",)),
    ("c", ("c",)),
    ("j", ("y", "c")),
    ("y", ("y",)),
    ("s", ("s",)),
    ("h", ("h",)),
    ("m", ("m",)),
    ("n", ("n",)),
    ("l", ("l",)),
    ("f", ("f",)),
    ("w", ("w",)),
)
# The first initial of `_INITIALS` a syllable starts with, with a final after it.
_INITIAL_RE = re.compile("(" + "|".join(s for s, _ in _INITIALS) + ")(?=.)")
_INITIAL_KEYS = dict(_INITIALS)
# Final spellings folded to one key, applied in order (Jyutping first, then HK style).
_FINALS: tuple[tuple[str, str], ...] = (
    ("eong", "eung"),  # Cheong, Leong, Keong (強 koeng4), before Jyutping's eon
    ("eoi", "ui"),
    ("eon", "un"),
    ("eot", "ut"),
    ("oe", "eu"),
    ("aa", "a"),
    ("oung", "eung"),  # Young (楊 joeng4)
    ("ee", "i"),
    ("ei", "i"),
    ("oo", "u"),
    ("ue", "u"),
    ("ou", "o"),
    ("ow", "au"),
    ("aw", "o"),
    ("oy", "oi"),
    ("ck", "k"),
)


def fold_latin(text: str) -> str:
    """Lowercase ASCII letters, digits and separators: accents and ü folded.

    Example: `fold_latin("Lü Xin")` returns `"lu xin"`.
    """
    if text.isascii():
        return text.lower()
    text = text.replace("ü", "u").replace("Ü", "U")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def without_tone(text: str) -> str:
    """The text without a tone number at its end (`TONE_RE`); a text of letters only,
    as most are, is returned without asking the regex.

    Example: `without_tone("lei5")` returns `"lei"`.
    """
    return text if text.isalpha() else TONE_RE.sub("", text)


def has_han(text: str) -> bool:
    """Whether the text holds any Han character."""
    return HAN_RE.search(text) is not None


def to_simplified(text: str) -> str:
    """Simplified characters (OpenCC `t2s`). Example: `to_simplified("鄧炳強")` → `"邓炳强"`."""
    return str(_T2S.convert(text))


@lru_cache(maxsize=65536)
def variant_forms(char: str) -> frozenset[str]:
    """The simplified forms OpenCC gives a character through each regional standard
    (mainland, Hong Kong, Taiwan, Japanese shinjitai): two characters that share one are
    one character written two ways, not two names.

    Example: `variant_forms("衞") & variant_forms("衛")` is `{"卫"}`.
    """
    found = FORMS.get(char)
    if found is not None:
        return found[1]
    return chinese_forms(char) | {to_simplified(str(_JP2T.convert(char)))}


@lru_cache(maxsize=65536)
def chinese_forms(char: str) -> frozenset[str]:
    """`variant_forms` without the Japanese one: the simplified forms through the
    mainland, Hong Kong and Taiwan standards.

    Example: `chinese_forms("峯") & chinese_forms("峰")` is `{"峰"}`.
    """
    found = FORMS.get(char)
    if found is not None:
        return found[0]
    char = unicodedata.normalize("NFKC", char)
    forms = {to_simplified(char)} | {str(fold.convert(char)) for fold in _VARIANT_FOLDS}
    return frozenset(forms)


@lru_cache(maxsize=65536)
def japanese_form(char: str) -> str:
    """The Japanese shinjitai form of a traditional character (OpenCC `t2jp`): 吳 → 呉,
    聰 → 聡. OpenCC's `jp2t` does not map every shinjitai back (呉, 聡 are kept), so a
    name written in Japan meets its Hong Kong form only this way.

    Example: `japanese_form("吳")` is `"呉"`.
    """
    found = FORMS.get(char)
    if found is not None:
        return found[2]
    return str(_T2JP.convert(char))


def japanese_forms(char: str) -> frozenset[str]:
    """A character's forms through Japanese (OpenCC `t2jp` and `jp2t`), itself left out."""
    found = FORMS.get(char)
    if found is not None:
        return found[3]
    return frozenset({japanese_form(char), str(_JP2T.convert(char))}) - {char}


def to_traditional(text: str) -> str:
    """Hong Kong traditional characters (OpenCC `s2hk`), as PyCantonese needs."""
    return str(_S2HK.convert(text))


@lru_cache(maxsize=65536)
def canto_keys(syllable: str, *, reading: bool = False) -> frozenset[str]:
    """The Cantonese keys of one romanized syllable (HK government style or Jyutping).

    With `reading`, the syllable is a dictionary's Jyutping and is read strictly;
    otherwise it is a spelling met in a name and may have several keys.

    Example: `canto_keys("Tsz") == canto_keys("zi2") == frozenset({"ci"})`.
    """
    known = None if reading else CANTO_KEYS.get(syllable)
    if known is not None:
        return known
    s = without_tone(fold_latin(syllable))
    if not s.isalpha():
        return frozenset()
    if s in ("m", "ng", "hm", "hng"):
        return frozenset({s})
    keys: tuple[str, ...] = ("",)
    rest = s
    initial = _INITIAL_RE.match(s)
    if initial is not None:
        keys, rest = _INITIAL_KEYS[initial.group(1)], s[initial.end() :]
    if reading:
        return frozenset({keys[0] + _fold_final(keys[0], rest)})
    finals = {_fold_final(keys[0], rest)}
    if rest[:1] == "u" and rest[1:] in ("n", "k", "t"):
        finals.add("a" + rest[1:])  # HK "u" for a short a: Sun (新 san1), Tsuk (則 zak1)
    if keys == ("",) and rest[:1] == "i":
        keys = ("", "y")  # Ip, Iu: HK spellings that leave out Jyutping's j (葉 jip6)
        if rest[1:2] in ("a", "e", "o"):
            # Ieong, Iam (Macau and older HK spellings of 楊 joeng4, 任 jam4): an i
            # before another vowel is Jyutping's j itself, not a vowel of the final.
            found = {k + f for k in keys for f in finals}
            return frozenset(found | {"y" + _fold_final("y", rest[1:])})
    return frozenset(k + f for k in keys for f in finals)


def _fold_final(initial: str, rest: str) -> str:
    if initial in ("c", "s") and rest in ("z", "ze", "zz"):
        return "i"  # Tsz, Sze, Sz: the HK spellings of zi, si
    if rest.startswith("yu") and initial:
        rest = rest[1:]  # Jyutping zyu, syut, jyut: the y only marks the vowel
    for spelling, key in _FINALS:
        rest = rest.replace(spelling, key)
    if rest.endswith(("or", "ah", "ar")):
        rest = rest[:-1]  # Ngor, Or, Wah, Har (霞 haa4)
    if rest.endswith("um"):
        rest = rest[:-2] + "am"  # Sum (森 sam1), Kum (金 gam1)
    return rest


@lru_cache(maxsize=1)
def _jyutping_readings() -> dict[str, tuple[str, ...]]:
    """Each character's toneless Jyutping readings: its own entry first, then the
    readings it takes in at least MIN_WORD_READINGS dictionary words."""
    return _dictionary()[0]


@lru_cache(maxsize=1)
def _dictionary() -> tuple[dict[str, tuple[str, ...]], dict[str, int]]:
    """The readings of each character, and how many dictionary words it occurs in."""
    path = Path(pycantonese.__file__).parent / "data" / "rime_cantonese" / "chars_to_jyutping.json"
    entries: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for word, jyutping in entries.items():
        syllables = jyutping.split()
        if len(word) > 1 and len(syllables) == len(word):
            for char, syl in zip(word, syllables, strict=True):
                counts[char][TONE_RE.sub("", syl)] += 1
    readings: dict[str, tuple[str, ...]] = {}
    for char in set(counts) | {w for w in entries if len(w) == 1}:
        own = [TONE_RE.sub("", s) for s in entries.get(char, "").split()]
        more = [r for r, n in counts[char].most_common() if n >= MIN_WORD_READINGS]
        readings[char] = tuple(dict.fromkeys(own + more))
    return readings, {char: counts[char].total() for char in counts}


@lru_cache(maxsize=65536)
def jyutping(char: str) -> tuple[str, ...]:
    """Toneless Jyutping readings of one character (traditional or simplified).

    Example: `jyutping("曾")` includes `"zang"` (the surname Tsang).
    """
    table = _jyutping_readings()
    found = table.get(char) or table.get(to_traditional(char)) or ()
    return found


@lru_cache(maxsize=65536)
def pinyin(char: str) -> tuple[str, ...]:
    """Toneless pinyin readings of one character, ü written u.

    Example: `pinyin("曾")` is `("ceng", "zeng")`.
    """
    found = _pinyin_table().get(char)
    if found is None:
        return _pinyin_call(char)
    return found


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, tuple[str, ...]]:
    """pypinyin's readings of every character it knows (its `pinyin_dict`, what it reads
    a lone character from), toneless: a table, so a name is read without calling it."""
    from pypinyin.pinyin_dict import pinyin_dict

    return {
        chr(code): tuple(dict.fromkeys(fold_latin(r) for r in readings.split(",")))
        for code, readings in pinyin_dict.items()
    }


def _pinyin_call(char: str) -> tuple[str, ...]:
    found = _pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    if not found:
        return ()
    return tuple(dict.fromkeys(r.replace("v", "u").replace("ü", "u") for r in found[0]))


@lru_cache(maxsize=1)
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows, ü written u."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            out.add(fold_latin(reading))
    return frozenset(s for s in out if s.isalpha())


@lru_cache(maxsize=1)
def _cross_tables() -> tuple[frozenset[str], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The Cantonese keys of every reading in the dictionary, for each pinyin syllable
    the Cantonese keys of the characters that have both readings, and each toneless
    Jyutping reading's key (so that a character is read without `canto_keys`)."""
    keys: set[str] = set()
    links: dict[str, set[str]] = defaultdict(set)
    table, words = _dictionary()
    reading_keys: dict[str, frozenset[str]] = {}
    chars = list(table)
    simplified = to_simplified("".join(chars))
    if len(simplified) != len(chars):  # OpenCC mapped a character to two: one by one
        simplified = "".join(to_simplified(c)[:1] or c for c in chars)
    in_names = name_characters()
    for char, simple in zip(chars, simplified, strict=True):
        readings = table[char]
        for r in readings:
            if r not in reading_keys:
                reading_keys[r] = canto_keys(r, reading=True)
        char_keys = {k for r in readings for k in reading_keys[r]}
        keys |= char_keys
        # Rare characters would link almost any two syllables: only common ones count,
        # in words or in names (`name_chars`: the surname 尹 is rare in words).
        common = words.get(char, 0) >= COMMON_CHAR_WORDS or simple in in_names
        if common and HAN_RE.match(char):
            for py in pinyin(char):
                links[py] |= char_keys
    links_out = {py: frozenset(ks) for py, ks in links.items()}
    return frozenset(keys), links_out, reading_keys


def reading_keys(readings: tuple[str, ...]) -> frozenset[str]:
    """The Cantonese keys of a character's toneless Jyutping readings (`jyutping`).

    Example: `reading_keys(("zoeng",))` is `frozenset({"ceung"})`.
    """
    table = _cross_tables()[2]
    out: set[str] = set()
    for r in readings:
        found = table.get(r)
        out |= found if found is not None else canto_keys(r, reading=True)
    return frozenset(out)


def cantonese_keys() -> frozenset[str]:
    """Every Cantonese key of a real reading."""
    return _cross_tables()[0]


def pinyin_to_canto(syllable: str) -> frozenset[str]:
    """The Cantonese keys of the characters read `syllable` in pinyin.

    Example: `"ceung" in pinyin_to_canto("zhang")` (張 zoeng1).
    """
    return _cross_tables()[1].get(syllable, frozenset())


@lru_cache(maxsize=1)
def wade_giles() -> dict[str, frozenset[str]]:
    """Wade–Giles syllables, apostrophes and umlauts dropped as names write them, each
    with the pinyin syllables it spells ("ching": jing and qing), from pypinyin's
    converter run on every pinyin syllable.

    Example: `wade_giles()["hsieh"]` is `frozenset({"xie"})`.
    """
    from pypinyin.style.wadegiles import to_wade_glides

    table: dict[str, set[str]] = defaultdict(set)
    for syllable in pinyin_syllables():
        spelled = str(to_wade_glides(syllable))
        # pypinyin 0.55 writes every -ai as -ei (mai -> mei); Wade-Giles keeps -ai.
        if syllable.endswith("ai") and spelled.endswith("ei"):
            spelled = spelled[:-2] + "ai"
        folded = spelled.replace("'", "").replace("ü", "u").replace("v", "u")
        table[folded].add(syllable)
    return {k: frozenset(v) for k, v in table.items() if k.isalpha()}


@lru_cache(maxsize=65536)
def is_syllable(text: str) -> bool:
    """Whether a folded Latin string is one pinyin, Wade–Giles, Jyutping or HK-style
    syllable."""
    if text in SYLLABLES:
        return True
    if text in pinyin_syllables() or text in wade_giles():
        return True
    return bool(canto_keys(text) & cantonese_keys())


@lru_cache(maxsize=65536)
def one_syllable(token: str) -> tuple[str, ...] | None:
    """`split_syllables(token, limit=1)`, cached under the token alone: a key of the
    token and the keyword is a tuple the garbage collector walks (issue #14)."""
    token = without_tone(token)
    return (token,) if is_syllable(token) else None


@lru_cache(maxsize=65536)
def split_syllables(token: str, *, limit: int = 2) -> tuple[str, ...] | None:
    """Split a folded Latin token into syllables, or None if it is not Chinese syllables.

    A token is one syllable (pinyin, Jyutping or HK style), or, when `limit` allows, two
    pinyin syllables written joined, as pinyin given names are ("Jiachao"); Hong Kong
    names join theirs with a hyphen or a space instead.

    Example: `split_syllables("mingguo")` returns `("ming", "guo")`.
    """
    token = without_tone(token)
    if is_syllable(token):
        return (token,)
    if limit < 2:
        return None
    known = pinyin_syllables()
    for cut in range(len(token) - 1, 0, -1):
        head, tail = token[:cut], token[cut:]
        # Interjections without a vowel (m, n, ng, hm) are not halves of a given name.
        if head in known and tail in known and VOWEL_RE.search(head) and VOWEL_RE.search(tail):
            return (head, tail)
    return None
