"""Parse a person's name into syllables and English given names, and list the orders
in which its syllables may be read.

A name in Han characters is one syllable per character. A romanized name is split at
commas, spaces and hyphens; each token is split into at most two syllables (pinyin given
names are written joined: "Jiachao"). A token that is not Chinese syllables ("John",
"Carrie", "Teresa") is an English given name, compared apart. A name may put an English
given name anywhere ("Sam Yip Kam-lung", "YIP KAM LUNG SAM", "YIP, Sam Kam Lung") and one
that spells a Chinese syllable too ("Sam") is tried both ways (`_orders`).

Example:
    >>> [s.text for s in parse_name("LEE, John Ka-chiu").orders[0].syllables]
    ['lee', 'ka', 'chiu']
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rigour._core import person_name_prefixes_list
from rigour.names import remove_person_prefixes
from rigour.text.cleaning import remove_bracketed_text

from lionrock.sanctions.romanize import (
    HAN_RE,
    canto_keys,
    cantonese_keys,
    is_syllable,
    jyutping,
    one_syllable,
    pinyin,
    reading_keys,
    split_syllables,
    to_simplified,
)
from lionrock.sanctions.systems import (
    ALL,
    JP,
    PY,
    mandarin_readings,
    name_systems,
    strict_canto_keys,
    syllable_systems,
)

MAX_NAME_CHARS = 300  # names are short; anything longer is cut, not parsed whole
TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
#: A Wade-Giles aspirated initial and its apostrophe, before the syllable's vowel; pinyin's
#: apostrophe (Xi'an) follows a final, never a bare initial.
WG_ASPIRATE_MARKS = "'’ʼʻ‘`"
WG_ASPIRATE_RE = re.compile(
    r"(?<![A-Za-z])(ch|k|p|t|ts|tz)[" + WG_ASPIRATE_MARKS + "](?=[aeiouü])", re.IGNORECASE
)
_MARKS_RE = re.compile("[" + re.escape(WG_ASPIRATE_MARKS) + "]")  # any of the marks
TONE_DIGIT_RE = re.compile(r"[1-6]$")
_PINYIN_V = re.compile(r"^([ln])v(?=e?$)")
MIN_KEPT = 3  # syllables left when a syllabic token is read as an English name
DROPPED_PENALTY = 0.03  # ... and what that reading costs

# Tables filled once by `tables.load_tables` (warm-up) for the whole inventory of
# syllables and characters, consulted before any work: a fresh name costs lookups.
LATIN_SYLLABLES: dict[str, Syllable] = {}
TOKEN_SYLLABLES: dict[tuple[str, bool], tuple[Syllable, ...] | None] = {}
HAN_SYLLABLES: dict[str, Syllable] = {}
# A table syllable as one part of a hyphenated token: valid outside pinyin (`_within`).
HYPHENED: dict[Syllable, Syllable] = {}


@dataclass(slots=True, eq=False)  # shared through caches: never changed once made
class Syllable:
    """One character or one romanized syllable, with what it can be read as."""

    text: str  # the character, or the folded Latin spelling
    han: bool
    simplified: str  # the simplified character, or the folded spelling
    canto: frozenset[str]  # Cantonese keys (romanize.canto_keys), loosely read
    pinyin: frozenset[str]  # toneless pinyin readings (of a spelling: pinyin or Wade–Giles)
    jyutping: tuple[str, ...] = ()
    systems: frozenset[str] = frozenset()  # romanization systems the spelling is valid in
    typo: bool = False  # a token that is no syllable, one edit from one (`readings.typo_orders`)


@dataclass(slots=True, eq=False)  # not frozen: made for every reading, and never changed
class Order:
    """One reading of a name: its syllables in order, and what that reading assumed."""

    syllables: tuple[Syllable, ...]
    note: str  # "as written", "surname last", "dropped 'Kinda'"...
    penalty: float = 0.0
    # The systems, once worked out (`systems`): the readings of one set of syllables
    # in other orders share them (`_readings`).
    valid_in: frozenset[str] | None = None
    spelled: tuple[str, ...] | None = None  # the syllables' texts, once asked (`texts`)
    mistyped: bool | None = None  # whether a syllable is a typo, once asked (`typos`)

    @property
    def texts(self) -> tuple[str, ...]:
        """The syllables' texts, in order (compared for every pair of readings)."""
        if self.spelled is None:
            self.spelled = tuple([s.text for s in self.syllables])
        return self.spelled

    @property
    def typos(self) -> bool:
        """Whether a syllable is a typo (`readings.typo_orders`): asked for every pair of
        readings, worked out once per reading."""
        if self.mistyped is None:
            self.mistyped = any(s.typo for s in self.syllables)
        return self.mistyped

    @property
    def systems(self) -> frozenset[str]:
        """The romanization systems every syllable (but a typo) is valid in."""
        if self.valid_in is None:
            self.valid_in = _order_systems(self.syllables)
        return self.valid_in


def _order_systems(syllables: tuple[Syllable, ...]) -> frozenset[str]:
    return name_systems(s.systems for s in syllables if not s.typo)


@dataclass(slots=True, eq=False)
class _Token:
    text: str  # folded
    syllables: tuple[Syllable, ...] | None  # None: not Chinese syllables
    capitals: bool  # written in capitals in a name that is not all capitals
    head: bool  # before the comma


@dataclass(slots=True, eq=False)  # shared through caches: never changed once made
class ParsedName:
    """A name as the matcher sees it."""

    original: str
    han: bool
    orders: tuple[Order, ...]
    english: tuple[str, ...]  # English given names, folded
    tokens: tuple[str, ...]  # every folded Latin token (empty for Han names)
    # The parsed tokens and whether a comma put the surname first (for `typo_orders`).
    parts: tuple[tuple[_Token, ...], bool] | None = None

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


@lru_cache(maxsize=65536)
def _han_syllable(char: str, simplified: str) -> Syllable:
    found = HAN_SYLLABLES.get(char)
    if found is not None and found.simplified == simplified:
        return found
    readings = jyutping(char)
    keys = reading_keys(readings)
    return Syllable(char, True, simplified, keys, frozenset(pinyin(char)), readings)


def _han_syllables(name: str) -> tuple[Syllable, ...]:
    """A Han name's characters, each with its readings; the name is converted to
    simplified characters in one OpenCC call, not one per character."""
    chars = HAN_RE.findall(name)
    simplified = to_simplified("".join(chars))
    if len(simplified) != len(chars):  # OpenCC mapped a character to two: one by one
        return tuple(_han_syllable(c, to_simplified(c)) for c in chars)
    return tuple(_han_one(c, s) for c, s in zip(chars, simplified, strict=True))


def _han_one(char: str, simplified: str) -> Syllable:
    """`_han_syllable`, from the table first: a character met there leaves no key tuple
    in the cache for the garbage collector to walk."""
    found = HAN_SYLLABLES.get(char)
    if found is not None and found.simplified == simplified:
        return found
    return _han_syllable(char, simplified)


@lru_cache(maxsize=65536)
def latin_syllable(text: str) -> Syllable:
    """A romanized syllable: its Cantonese keys (real ones only), the pinyin it spells,
    and the systems it is valid in (`systems.syllable_systems`).

    Example: `latin_syllable("hsieh").pinyin` is `frozenset({"xie"})`.
    """
    found = LATIN_SYLLABLES.get(text)
    if found is not None:
        return found
    keys = canto_keys(text) & cantonese_keys()
    bare = TONE_DIGIT_RE.sub("", text)
    systems = syllable_systems(bare)
    if bare != text:  # a tone number: Jyutping, or pinyin written with numbers
        systems &= frozenset({JP, PY})
        keys = keys or strict_canto_keys(bare)
    return Syllable(bare, False, bare, keys, mandarin_readings(bare), systems=systems)


def _typo(token: str) -> Syllable:
    return Syllable(token, False, token, frozenset(), frozenset(), systems=ALL, typo=True)


_UNKNOWN = object()


def _syllables_of(token: str, joined: bool) -> tuple[Syllable, ...] | None:
    """`_token_syllables`, from the table when the token is in it."""
    found = TOKEN_SYLLABLES.get((token, joined), _UNKNOWN)
    if found is _UNKNOWN:  # the default without its keyword: the token is the cache key
        return _token_syllables(token) if joined else _single_syllables(token)
    return found  # type: ignore[return-value]


@lru_cache(maxsize=65536)
def _single_syllables(token: str) -> tuple[Syllable, ...] | None:
    """`_token_syllables(token, joined=False)`, cached under the token alone: a key of
    the token and the keyword is a tuple the garbage collector walks (issue #14)."""
    return _read_token(token, False)


@lru_cache(maxsize=65536)
def _token_syllables(token: str, *, joined: bool = True) -> tuple[Syllable, ...] | None:
    """The syllables of a token ("ka-chiu", "jiachao", "lei5"), or None if it is not
    Chinese syllables. Without `joined`, a token is not read as two pinyin syllables
    (`_syllables_of` asks that of `_single_syllables`)."""
    return _read_token(token, joined)


def _read_token(token: str, joined: bool) -> tuple[Syllable, ...] | None:
    """`_token_syllables`, worked out."""
    if (token, joined) in TOKEN_SYLLABLES:
        return TOKEN_SYLLABLES[token, joined]
    hyphenated = _hyphenated(token)
    if hyphenated is not _UNKNOWN:
        return hyphenated  # type: ignore[return-value]
    # lv: pinyin's lü (the regex asked only of a part with a v in it)
    parts = [_PINYIN_V.sub(r"\1u", p) if "v" in p else p for p in token.split("-")]
    out: list[str] = []
    for part in parts:
        one = len(parts) > 1 or not joined  # limit 2, the default, as the part alone
        split = one_syllable(part) if one else split_syllables(part)
        if split is None:
            return None
        out.extend(split)
    syllables = tuple(latin_syllable(s) for s in out)
    # How the syllables are joined says which system wrote them: pinyin joins a given
    # name ("Huiming"), Hong Kong style and Wade-Giles hyphenate it ("Wai-ming").
    if len(parts) == 1 and len(out) > 1:
        return tuple(_within(s, frozenset({PY})) for s in syllables)
    if len(parts) > 1:
        return tuple(_within(s, s.systems - {PY}) for s in syllables)
    return syllables


def _hyphenated(token: str) -> object:
    """A hyphenated token ("ka-chiu") from its parts' table entries, as
    `_token_syllables` reads it: each part one syllable, valid outside pinyin (`_UNKNOWN`
    when a part is not in the tables). Most romanized Hong Kong names have one, and a
    name met for the first time then costs lookups."""
    parts = token.split("-")
    if len(parts) < 2:
        return _UNKNOWN
    out: list[Syllable] = []
    for part in parts:
        found = TOKEN_SYLLABLES.get((part, False), _UNKNOWN)
        if found is _UNKNOWN:
            return _UNKNOWN
        if found is None:
            return None
        hyphened = HYPHENED.get(found[0])  # type: ignore[index]
        if hyphened is None:
            return _UNKNOWN
        out.append(hyphened)
    return tuple(out)


@lru_cache(maxsize=65536)
def _within(syllable: Syllable, systems: frozenset[str]) -> Syllable:
    """The syllable, valid only in `systems` (unless none of its own is left)."""
    kept = syllable.systems & systems
    if not kept or kept == syllable.systems:
        return syllable
    s = syllable
    return Syllable(s.text, s.han, s.simplified, s.canto, s.pinyin, s.jyutping, kept, s.typo)


@lru_cache(maxsize=32768)
def parse_name(name: str) -> ParsedName:
    """Parse one name, in Han characters or romanized.

    Example: `parse_name("Carrie Lam Cheng Yuet-ngor").english` is `("carrie",)`.
    """
    name = name[:MAX_NAME_CHARS]
    if HAN_RE.search(name):
        return ParsedName(name, True, (Order(_han_syllables(name), "as written"),), (), ())
    # A bracketed part is another name or a note ("CHAN KA LONG (LESLIE CHAN)"): the
    # caller passes aliases as names of their own.
    text = _fold_keeping_case(_without_prefix(_without_brackets(name)))
    # Wade-Giles marks aspiration with an apostrophe after the initial (Ch'ing, T'ai,
    # Ts'ai); names drop it as often as they keep it, and the syllable tables hold the
    # forms without it. Split there, "Ch'ing" would be two words, "ch" and "ing".
    if _MARKS_RE.search(text):  # most names have none
        text = WG_ASPIRATE_RE.sub(r"\1", text)
    head, comma, tail = text.partition(",")
    words = TOKEN_RE.findall(head)
    heads = len(words)  # the words before the comma
    words += TOKEN_RE.findall(tail) if comma else []
    lowered = [w.lower() for w in words]
    upper = [w.isupper() for w in words]
    mixed_case = any(upper) and not all(upper)
    single = [_syllables_of(w, False) for w in lowered]
    # Two pinyin syllables written as one word ("Jiachao") only in a name written in
    # pinyin: no hyphen, and its other words pinyin too. Elsewhere "Mike" and "Owen"
    # are English names, not mi + ke and o + wen.
    pinyin_name = not any("-" in w for w in lowered) and all(
        PY in x.systems for syls in single if syls for x in syls
    )
    tokens = []
    for i, (word, syls) in enumerate(zip(lowered, single, strict=True)):
        if syls is None and pinyin_name:
            syls = _syllables_of(word, True)
        tokens.append(_Token(word, syls, mixed_case and upper[i] and len(word) > 1, i < heads))
    english = tuple(t.text for t in tokens if t.syllables is None)
    surname_first = bool(comma) and heads > 0
    orders = _orders(tokens, surname_first=surname_first)
    tokens_out = tuple(t.text for t in tokens)
    # The tokens are kept for the typo and joined readings of an English token only.
    parts = (tuple(tokens), surname_first) if english else None
    return ParsedName(name, False, orders, english, tokens_out, parts)


def _without_brackets(name: str) -> str:
    """rigour's `remove_bracketed_text`, asked only of a name with a bracket in it (its
    regex knows three: ( [ and the full-width one): most names have none."""
    if "(" in name or "[" in name or "（" in name:
        return remove_bracketed_text(name)
    return name


@lru_cache(maxsize=1)
def _prefix_words() -> frozenset[str]:
    """The first words of rigour's person-name prefixes ("mr", "dr", "sir"...)."""
    words = (_FIRST_WORD.match(p) for p in person_name_prefixes_list())
    return frozenset(w.group(1).lower() for w in words if w)


_FIRST_WORD = re.compile(r"\W*(\w+)")


def _without_prefix(name: str) -> str:
    """The name without honorific prefixes (rigour's `remove_person_prefixes`), whose
    regex is asked only when the first word is one of them: most names have none."""
    first = _FIRST_WORD.match(name)
    if first is None or first.group(1).lower() not in _prefix_words():
        return name
    word = first.group(1).lower()
    if is_syllable(word) and name[first.end() : first.end() + 1] != ".":
        return name  # "Hon Tai-man" is the surname 韓 (Hon); "Hon. Tai-man" is not
    return remove_person_prefixes(name)


def _fold_keeping_case(text: str) -> str:
    if text.isascii():
        return text
    text = text.replace("ü", "u").replace("Ü", "U")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _orders(tokens: list[_Token], *, surname_first: bool, drops: bool = True) -> tuple[Order, ...]:
    """The orders a romanized name may be read in, surname first in each.

    With a comma the part before it is the surname ("CHAN, Tai Man"). Without one the
    surname is first (Hong Kong style, "Chan Tai Man"), or last (given-name-first, as in
    the UK list's "MINGGUO CHEN"), or the one part written in capitals ("Ka Chiu LEE
    John"). A syllabic token at either end, or beside the comma, may also be an English
    name that happens to spell a Chinese syllable ("Sam" in "YIP KAM LUNG SAM", "Kinda
    Li Ka-tat"), when at least three syllables are left; that reading costs a little.
    """
    syllabic = [t for t in tokens if t.syllables is not None]
    if not syllabic:
        return ()
    orders = _readings(syllabic, surname_first, "", 0.0)
    total = sum(len(t.syllables or ()) for t in syllabic)
    # A token read as an English name must leave MIN_KEPT syllables: with no more than
    # that in all, none can be (every token has a syllable at least).
    if drops and total > MIN_KEPT:
        places = {0, len(syllabic) - 1}
        heads = sum(1 for t in syllabic if t.head)
        if surname_first:
            places = {len(syllabic) - 1, heads}
            places |= {heads - 1} if heads > 1 else set()
        if any("-" in t.text for t in syllabic):
            # A hyphen joins the given name ("Kam-lung"): any other token but the
            # surname may be an English name ("Kam-lung Sam Yip").
            places = set(range(1 if surname_first else 0, len(syllabic)))
        for index in sorted(places):
            if not 0 <= index < len(syllabic):
                continue
            token = syllabic[index]
            rest = syllabic[:index] + syllabic[index + 1 :]
            if "-" in token.text or total - len(token.syllables or ()) < MIN_KEPT:
                continue
            note = f"'{token.text}' read as an English name"
            orders += _readings(rest, surname_first, note, DROPPED_PENALTY)
    unique: dict[tuple[str, ...], Order] = {}
    for order in orders:
        unique.setdefault(order.texts, order)
    return tuple(unique.values())


def _readings(tokens: list[_Token], surname_first: bool, note: str, cost: float) -> list[Order]:
    parts = [t.syllables or () for t in tokens]
    flat = tuple(itertools.chain.from_iterable(parts))
    # Every order of these tokens has the same syllables, so the same systems.
    systems = _order_systems(flat)

    def order(syllables: tuple[Syllable, ...], how: str) -> Order:
        return Order(syllables, f"{how}; {note}" if note else how, cost, systems)

    out = [order(flat, "as written")]
    if surname_first:
        return out
    if len(tokens) > 1:
        out.append(order(tuple(itertools.chain(parts[-1], *parts[:-1])), "surname last"))
    capitals = [i for i, t in enumerate(tokens) if t.capitals]
    if len(capitals) == 1 and capitals[0] > 0:
        i = capitals[0]
        moved = itertools.chain(parts[i], *parts[:i], *parts[i + 1 :])
        out.append(order(tuple(moved), "surname in capitals"))
    return out
