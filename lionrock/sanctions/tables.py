"""Per-syllable and per-character tables, built once at warm-up (issue #14, speed).

A name met for the first time used to cost the matcher its syllables' and characters'
first-time work: a spelling's Cantonese keys, whether it is a syllable and in which
systems, a character's readings and its OpenCC forms. That work depends on the
syllable or the character only, and the inventory is finite: every pinyin, Wade–Giles
and Jyutping syllable, the Hong Kong spellings made of their initials and finals, and
every character PyCantonese or pypinyin reads. `load_tables` works it out once for
all of them and stores it in plain dicts that the functions consult first
(`romanize.is_syllable`, `romanize.canto_keys`, `romanize.chinese_forms`...,
`names.latin_syllable`, `names._token_syllables`, `names._han_syllables`), so that a
fresh name costs lookups only. What is not in the tables (English names, rare
spellings) is worked out as before. Every entry is made by the function it stands
for, so a lookup and a computation never differ.

`matching.warm_up` calls it, as `lionrock screen` and the web app do once per process.

Example:
    >>> load_tables()
    >>> romanize.SYLLABLES["cheung"]
    True
"""

from __future__ import annotations

import re
from typing import TypeVar

from lionrock.sanctions import names, romanize, systems
from lionrock.sanctions.romanize import (
    _FINALS,
    _INITIAL_RE,
    _INITIALS,
    _jyutping_readings,
    _pinyin_table,
    cantonese_keys,
    pinyin_syllables,
    wade_giles,
)
from lionrock.sanctions.systems import PY, jyutping_syllables

T = TypeVar("T")
_BLOCK = re.compile(r"[\u4e00-\u9fff]")
# Endings the Hong Kong style adds to a final (`romanize._fold_final`): Ngor, Wah, Sum.
_HK_ENDINGS = (("a", "ah"), ("a", "ar"), ("o", "or"), ("am", "um"))


def load_tables() -> None:
    """Fill the syllable and character tables (about a second); a second call does
    nothing."""
    if romanize.SYLLABLES:
        return
    _latin_tables()
    _han_tables()
    # The caches the tables were made through now hold what the tables hold: let go.
    for fn in _FILLED:
        fn.cache_clear()


_FILLED = (
    romanize.canto_keys,
    romanize.is_syllable,
    romanize.chinese_forms,
    romanize.variant_forms,
    romanize.japanese_form,
    romanize.jyutping,
    romanize.pinyin,
    names.latin_syllable,
    names._token_syllables,
    names._single_syllables,
    romanize.one_syllable,
    names._han_syllable,
    names._within,
)


def latin_inventory() -> frozenset[str]:
    """The spellings worth a table entry: every pinyin, Wade–Giles and Jyutping
    syllable, and every initial of the Hong Kong style and Jyutping before every final
    those syllables and the Cantonese keys have, spelled as the Hong Kong style spells
    it (`romanize._FINALS` read backwards), that is a syllable in some system."""
    known = pinyin_syllables() | frozenset(wade_giles()) | jyutping_syllables()
    finals: set[str] = set()
    for text in known | cantonese_keys():
        initial = _INITIAL_RE.match(text)
        finals.add(text[initial.end() :] if initial else text)
    for spelling, key in _FINALS:
        finals |= {f.replace(key, spelling) for f in finals if key in f}
    finals |= {"z", "ze", "zz"}  # Tsz, Sze, Sz (`romanize._fold_final`)
    for end, spelling in _HK_ENDINGS:
        finals |= {f[: -len(end)] + spelling for f in finals if f.endswith(end)}
    initials = [""] + [spelling for spelling, _ in _INITIALS] + ["i"]
    candidates = {i + f for i in initials for f in finals if f}
    candidates |= known
    return frozenset(c for c in candidates if c.isalpha() and romanize.is_syllable(c))


def _latin_tables() -> None:
    syllables = latin_inventory()
    keys = {s: romanize.canto_keys(s) for s in syllables}
    latin = {s: names.latin_syllable(s) for s in syllables}
    tokens = {
        (s, joined): names._token_syllables(s, joined=joined)
        for s in syllables
        for joined in (False, True)
    }
    # One table syllable per part of a hyphenated token, as `_token_syllables` makes it.
    hyphened = {
        found[0]: names._within(found[0], found[0].systems - {PY})
        for (_, joined), found in tokens.items()
        if not joined and found is not None and len(found) == 1
    }
    # Filled last and all at once: the functions above still computed every entry.
    strict = {s: systems.strict_canto_keys(s) for s in syllables}
    mandarin = {s: systems.mandarin_readings(s) for s in syllables}
    across = {s: systems.mandarin_canto(s) for s in syllables}
    systems.STRICT_KEYS.update(strict)
    systems.MANDARIN.update(mandarin)
    systems.MANDARIN_CANTO.update(across)
    romanize.CANTO_KEYS.update(keys)
    names.LATIN_SYLLABLES.update(latin)
    names.TOKEN_SYLLABLES.update(tokens)
    names.HYPHENED.update(hyphened)
    romanize.SYLLABLES.update(dict.fromkeys(syllables, True))


def _han_tables() -> None:
    # The CJK Unified Ideographs block, where names are written: the rarer extensions
    # would double the tables' memory for characters few names use (they are read
    # when met, as before). Equal sets and strings are stored once.
    chars = [c for c in {*_jyutping_readings(), *_pinyin_table()} if _BLOCK.match(c)]
    shared: dict[object, object] = {}

    def one(value: T) -> T:
        return shared.setdefault(value, value)  # type: ignore[return-value]

    forms = {}
    han = {}
    for c in chars:
        chinese, variant = one(romanize.chinese_forms(c)), one(romanize.variant_forms(c))
        forms[c] = (
            chinese,
            variant,
            one(romanize.japanese_form(c)),
            one(romanize.japanese_forms(c)),
        )
        s = names._han_syllable(c, romanize.to_simplified(c))
        s.simplified, s.canto, s.pinyin = one(s.simplified), one(s.canto), one(s.pinyin)
        s.jyutping = one(s.jyutping)
        han[c] = s
    romanize.FORMS.update(forms)
    names.HAN_SYLLABLES.update(han)
