"""Parse a person's name into syllables and English given names, and list the orders
in which its syllables may be read.

A name in Han characters is one syllable per character. A romanized name is split at
commas, spaces and hyphens; each token is split into at most two syllables (pinyin given
names are written joined: "Jiachao"). A token that is not Chinese syllables ("John",
"Carrie", "Teresa") is an English given name, compared apart.

Example:
    >>> [s.text for s in parse_name("LEE, John Ka-chiu").orders[0].syllables]
    ['lee', 'ka', 'chiu']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import remove_person_prefixes
from rigour.text.cleaning import remove_bracketed_text

from lionrock.sanctions.romanize import (
    HAN_RE,
    canto_keys,
    cantonese_keys,
    fold_latin,
    jyutping,
    pinyin,
    pinyin_syllables,
    split_syllables,
    to_simplified,
)

MAX_NAME_CHARS = 300  # names are short; anything longer is cut, not parsed whole
TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MIN_DROPPED_LEN = 4  # a syllabic token dropped as a possible English name ("Kinda")


@dataclass(frozen=True, slots=True)
class Syllable:
    """One character or one romanized syllable, with what it can be read as."""

    text: str  # the character, or the folded Latin spelling
    han: bool
    simplified: str  # the simplified character, or the folded spelling
    canto: frozenset[str]  # Cantonese keys (romanize.canto_keys)
    pinyin: frozenset[str]  # toneless pinyin readings (or the spelling, if it is pinyin)
    jyutping: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Order:
    """One reading of a name: its syllables in order, and what that reading assumed."""

    syllables: tuple[Syllable, ...]
    note: str  # "as written", "surname last", "dropped 'Kinda'"...
    penalty: float = 0.0


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name as the matcher sees it."""

    original: str
    han: bool
    orders: tuple[Order, ...]
    english: tuple[str, ...]  # English given names, folded
    tokens: tuple[str, ...]  # every folded Latin token (empty for Han names)

    @property
    def chinese(self) -> bool:
        """Whether the name reads as a Chinese name: Han characters, or mostly
        Chinese syllables."""
        if self.han:
            return True
        syllabic = len(self.tokens) - len(self.english)
        return syllabic >= 1 and syllabic >= len(self.english)

    @property
    def length(self) -> int:
        return len(self.orders[0].syllables) if self.orders else 0


def _han_syllable(char: str) -> Syllable:
    readings = jyutping(char)
    keys = frozenset(k for r in readings for k in canto_keys(r, reading=True))
    return Syllable(char, True, to_simplified(char), keys, frozenset(pinyin(char)), readings)


@lru_cache(maxsize=65536)
def latin_syllable(text: str) -> Syllable:
    """A romanized syllable: its Cantonese keys (real ones only) and pinyin reading."""
    keys = canto_keys(text) & cantonese_keys()
    bare = text.rstrip("123456")
    py = frozenset({bare}) if bare in pinyin_syllables() else frozenset()
    return Syllable(bare, False, bare, keys, py)


def _token_syllables(token: str) -> tuple[Syllable, ...] | None:
    """The syllables of a token ("ka-chiu", "jiachao", "lei5"), or None if it is not
    Chinese syllables."""
    parts = token.split("-")
    out: list[str] = []
    for part in parts:
        split = split_syllables(part, limit=1 if len(parts) > 1 else 2)
        if split is None:
            return None
        out.extend(split)
    return tuple(latin_syllable(s) for s in out)


@lru_cache(maxsize=32768)
def parse_name(name: str) -> ParsedName:
    """Parse one name, in Han characters or romanized.

    Example: `parse_name("Carrie Lam Cheng Yuet-ngor").english` is `("carrie",)`.
    """
    name = name[:MAX_NAME_CHARS]
    if HAN_RE.search(name):
        chars = tuple(_han_syllable(c) for c in HAN_RE.findall(name))
        return ParsedName(name, True, (Order(chars, "as written"),), (), ())
    # A bracketed part is another name or a note ("CHAN KA LONG (LESLIE CHAN)"): the
    # caller passes aliases as names of their own.
    text = fold_latin(remove_person_prefixes(remove_bracketed_text(name)))
    head, comma, tail = text.partition(",")
    head_tokens = TOKEN_RE.findall(head)
    tail_tokens = TOKEN_RE.findall(tail) if comma else []
    tokens = head_tokens + tail_tokens
    english: list[str] = []
    syllabic: list[tuple[str, tuple[Syllable, ...]]] = []
    for token in tokens:
        syllables = _token_syllables(token)
        if syllables is None:
            english.append(token)
        else:
            syllabic.append((token, syllables))
    orders = _orders(syllabic, surname_first=bool(comma) and bool(head_tokens))
    return ParsedName(name, False, orders, tuple(english), tuple(tokens))


def _orders(
    syllabic: list[tuple[str, tuple[Syllable, ...]]], *, surname_first: bool
) -> tuple[Order, ...]:
    """The orders a romanized name may be read in, surname first in each.

    With a comma the part before it is the surname ("CHAN, Tai Man"). Without one the
    surname is first (Hong Kong style, "Chan Tai Man") or last (given-name-first, as in
    the UK list's "MINGGUO CHEN"). A leading or trailing unhyphenated token may also be
    an English name that happens to spell Chinese syllables ("Kinda Li Ka-tat").
    """
    if not syllabic:
        return ()

    def flat(items: list[tuple[str, tuple[Syllable, ...]]]) -> tuple[Syllable, ...]:
        return tuple(s for _, syls in items for s in syls)

    orders = [Order(flat(syllabic), "as written")]
    if len(syllabic) > 1 and not surname_first:
        orders.append(Order(flat(syllabic[-1:] + syllabic[:-1]), "surname last"))
    hyphenated = any("-" in token for token, _ in syllabic)
    if len(syllabic) > 2 and hyphenated:
        for index in (0, len(syllabic) - 1):
            token = syllabic[index][0]
            if "-" not in token and len(token) >= MIN_DROPPED_LEN:
                rest = syllabic[:index] + syllabic[index + 1 :]
                orders.append(Order(flat(rest), f"'{token}' read as an English name", 0.03))
    return tuple(orders)
