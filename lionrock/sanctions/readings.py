"""Readings of a romanized name beyond its orders (`names.parse_name`): an English
token read as a mistyped syllable ("Chan Tai Mna"), or as two syllables written joined
("Lee Taiman"). `chinese.compare_chinese` tries them only against a longer name. And a
name whose given name is written apart, met with one whose given name is joined as
pinyin writes it, is read outside pinyin (`apart_from_pinyin`).

Example:
    >>> joined_orders(names.parse_name("Lee Kachiu"))[0].note
    "as written; 'kachiu' read as two joined syllables"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from lionrock.sanctions.names import (
    MIN_KEPT,
    Order,
    ParsedName,
    Syllable,
    _orders,
    _Token,
    _typo,
    latin_syllable,
)
from lionrock.sanctions.romanize import VOWEL_RE, is_syllable
from lionrock.sanctions.systems import PY

__all__ = [
    "any_typo_orders",
    "apart_from_pinyin",
    "joined_orders",
    "one_edit_apart",
    "typo_orders",
]

MIN_TYPO_LEN = 3  # letters of a token read as a mistyped syllable
JOINED_PENALTY = 0.03  # a token read as two syllables written joined ("Kachiu")
MIN_JOINED_PART = 2  # letters of each of them


@lru_cache(maxsize=8192)
def typo_orders(parsed: ParsedName, targets: frozenset[str]) -> tuple[Order, ...]:
    """The orders of a romanized name that read one English token as a mistyped
    syllable ("Chan Tai Mna"): a token that is no syllable, one edit (a letter added,
    dropped or changed, or two swapped) from one of `targets` (the other name's
    syllables); only names of three syllables or more."""
    return _typo_readings(parsed, lambda token: any(one_edit_apart(token, t) for t in targets))


def any_typo_orders(parsed: ParsedName) -> tuple[Order, ...]:
    """Every order `typo_orders` may give the name, whatever the other name: each
    English token long enough to be a typo read as one (`reach.ReachIndex` keys the
    record's names so, the other name being unknown when the index is built)."""
    return _typo_readings(parsed, lambda token: len(token) >= MIN_TYPO_LEN)


def _typo_readings(parsed: ParsedName, may_be_typo: Callable[[str], bool]) -> tuple[Order, ...]:
    if not parsed.english or parsed.parts is None:
        return ()
    tokens, surname_first = parsed.parts
    out: list[Order] = []
    for index, token in enumerate(tokens):
        if token.syllables is None and may_be_typo(token.text):
            typo = [*tokens[:index], _Token(token.text, (_typo(token.text),), False, token.head)]
            typo += tokens[index + 1 :]
            if sum(len(t.syllables or ()) for t in typo) >= MIN_KEPT:
                found = _orders(typo, surname_first=surname_first, drops=False)
                out += [
                    Order(
                        o.syllables,
                        f"{o.note}; '{token.text}' read as a typo",
                        o.penalty,
                        o.valid_in,
                    )
                    for o in found
                ]
    return tuple(out)


@lru_cache(maxsize=8192)
def joined_orders(parsed: ParsedName) -> tuple[Order, ...]:
    """The orders of a romanized name that read one English token as two syllables
    written joined ("Lee Kachiu", "CHAN Taiman"): Hong Kong given names are written
    hyphenated, spaced or joined, and only pinyin ones are split as written (`parse_name`).
    Tried only against a longer name (`chinese.compare_chinese`), at a small cost.

    Example: `joined_orders(parse_name("Lee Kachiu"))[0].note` ends in "joined syllables".
    """
    if not parsed.english or parsed.parts is None:
        return ()
    tokens, surname_first = parsed.parts
    out: list[Order] = []
    for index, token in enumerate(tokens):
        if token.syllables is not None:
            continue
        for split in _joined_splits(token.text):
            joined = [*tokens[:index], _Token(token.text, split, token.capitals, token.head)]
            joined += tokens[index + 1 :]
            note = f"'{token.text}' read as two joined syllables"
            out += [
                Order(o.syllables, f"{o.note}; {note}", o.penalty + JOINED_PENALTY, o.valid_in)
                for o in _orders(joined, surname_first=surname_first, drops=False)
            ]
    return tuple(out)


APART_NOTE = "given name written apart, so not pinyin"


def apart_from_pinyin(a: ParsedName, b: ParsedName) -> tuple[ParsedName, ParsedName]:
    """The two names, the one whose given name is written apart read outside pinyin
    when the other joins its given name as pinyin does.

    Pinyin writes a given name of two characters as one word ("WU, Suishan", "Mingguo
    CHEN"); the Hong Kong government style and Wade–Giles write its syllables apart,
    spaced or hyphenated ("WU SUI SHAN", "Wu Sui-shan"). Against a joined given name, a
    given name written apart was written in another system, even when its syllables
    also spell pinyin ("Wu Sui Shan" is 胡穗珊 in Hong Kong style; Hu in pinyin): it is
    read in its other systems, so that the two names are compared across the two
    languages (`systems.cross_readings`). Two names both written apart, or both joined,
    stay in one system ("Yu Chun Hsi" is not "Yu Chun Hai").

    Example: `apart_from_pinyin(parse_name("WU SUI SHAN"), parse_name("HU, Suishan"))`
    reads the first in Hong Kong style and Wade–Giles only.
    """
    style_a, style_b = _given_style(a), _given_style(b)
    if style_a == "apart" and style_b == "joined":
        return _outside_pinyin(a), b
    if style_b == "apart" and style_a == "joined":
        return a, _outside_pinyin(b)
    return a, b


def _given_style(parsed: ParsedName) -> str:
    """How a name writes its given name: `joined` (a token of two syllables or more,
    no hyphen: pinyin), `apart` (a hyphen, or three syllables or more, one to a token),
    or empty (cannot tell: a given name of one syllable is one word in every system).
    Not cached: it costs less than the cache's key, a tuple the garbage collector walks
    (a round of bench/matching.py kept 1,700 for 700 hits)."""
    if parsed.han or not parsed.orders:
        return ""
    syllabic = len(parsed.tokens) - len(parsed.english)
    if any("-" in t for t in parsed.tokens):
        return "apart"
    if parsed.length > syllabic:
        return "joined"
    return "apart" if syllabic == parsed.length >= 3 else ""


@lru_cache(maxsize=8192)
def _outside_pinyin(parsed: ParsedName) -> ParsedName:
    """The name with its orders read in their systems other than pinyin (unchanged
    where pinyin is their only one)."""
    orders = []
    for o in parsed.orders:
        kept = o.systems - {PY}
        if kept and kept != o.systems:
            o = Order(o.syllables, f"{o.note}; {APART_NOTE}", o.penalty, kept)
        orders.append(o)
    return replace(parsed, orders=tuple(orders))


def _joined_splits(token: str) -> list[tuple[Syllable, ...]]:
    """Every way to cut a token into two syllables of two letters or more, each with a
    vowel, each valid in some romanization system."""
    out: list[tuple[Syllable, ...]] = []
    for cut in range(MIN_JOINED_PART, len(token) - MIN_JOINED_PART + 1):
        head, tail = token[:cut], token[cut:]
        vowels = VOWEL_RE.search(head) and VOWEL_RE.search(tail)
        if vowels and is_syllable(head) and is_syllable(tail):
            out.append((latin_syllable(head), latin_syllable(tail)))
    return out


def one_edit_apart(x: str, y: str) -> bool:
    """Whether two words are one edit apart: a letter added, dropped or changed, or two
    neighbours swapped ("mna" / "man").

    Example: `one_edit_apart("chna", "chan")` is True.
    """
    if x == y or len(x) < MIN_TYPO_LEN or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        diffs = [i for i in range(len(x)) if x[i] != y[i]]
        if len(diffs) == 1:
            return True
        i = diffs[0]
        return len(diffs) == 2 and diffs[1] == i + 1 and x[i] == y[i + 1] and x[i + 1] == y[i]
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
