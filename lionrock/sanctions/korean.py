"""Korean names in Latin letters: told apart from Chinese ones, and compared by Korean
rules (issue #14).

Korean names on the sanctions lists ("KIM, Mun Chol", "RI, Song Chol", "CHOE, Ryong
Hae") share many spellings with Chinese syllables (Kim, Song, Mun), and read as Chinese
they were compared syllable by syllable with a Chinese surname's rules, so "KIM, Chol"
matched "KIM, Mun Chol". A name is Korean here when its surname is a Korean surname, every
other part is made of Korean syllables (McCune–Reischauer or Revised Romanization, made
from the Hangul syllable table, apostrophes and breves dropped), and something marks it
Korean rather than Chinese: a surname that is not a usual Chinese romanization (Kim,
Park, Choe, Ri, Jeong...), or a syllable that no Chinese system has (Chol, Ryong, Hyok).

Korean rules: the surnames must be one surname (Lee/Yi/Ri/Rhee, Park/Pak/Bak...), and the
given names, compared whole (a given name is one word: Mun Chol = Mun-chol = Munchol),
must be the same once spelling variants are folded (Chol/Cheol, Yong/Young,
Song/Seong, Jong/Chong, Kyong/Gyeong/Kyung). A missing or extra given syllable is
another name ("Chol" is not "Mun Chol").

Example:
    >>> chol, mun_chol = korean_name("KIM, Chol"), korean_name("KIM, Mun Chol")
    >>> compare_korean(chol, mun_chol)[0] < 0.7
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.text.cleaning import remove_bracketed_text

from lionrock.sanctions.romanize import fold_latin, is_syllable

TOKEN_RE = re.compile(r"[a-z]+")
SPELLING_VARIANTS = 0.95
GIVEN_DIFFERS = 0.4
SURNAME_DIFFERS = 0.2

# One group per surname, its usual spellings (Revised, McCune–Reischauer, and the
# spellings people use).
_SURNAMES = (
    "kim gim|lee yi i rhee ri rhie|park pak bak|choi choe choy|jung jeong chung chong cheong|"
    "kang gang|cho jo|yoon yun|jang chang|lim im rim|han|oh o|seo suh|shin sin|kwon gwon|"
    "hwang|ahn an|song|yoo yu ryu you|jeon jun chun chon jon|hong|ko go|moon mun|yang ryang|"
    "son sohn|bae pae|baek paek paik|heo huh|nam|shim sim|noh roh no ro|ha|kwak gwak|"
    "sung seong|cha|joo ju|woo u|koo ku gu|min|jin|ji|eom um|chae|won|cheon|bang pang|"
    "kong gong|hyun hyon hyeon|ham|byun byeon pyon|yeom yom|yeo|choo|do|seok sok|seol sol|"
    "gil kil|yeon yon|pyo|myung myeong myong|ki gi|ban pan|geum kum|ok|yuk|maeng|kye gye|"
    "tae thae|tak|mo|je"
)
SURNAME_GROUP = {s: g.split()[0] for g in _SURNAMES.split("|") for s in g.split()}
#: Surnames no Chinese system writes so (or rarely): they mark a name as Korean.
KOREAN_ONLY = frozenset(
    "kim gim park pak choe jung jeong yoon jang jeon kwon gwon ahn seo suh shin ryu yoo baek "  # noqa: SIM905
    "paek bae heo huh noh roh kwak gwak eom byun byeon pyon yeom hyun hyon hyeon ri rhee "
    "rhie kye gye maeng geum seok seol myung myeong sohn".split()
)

#: Spellings only Korean romanization has (McCune-Reischauer's ŏ and ŭ as eo and eu,
#: ae, oe, the initial r and hy of Ryong and Hyok, final l of Chol): a syllable one
#: letter from a Chinese one ("Hoo") is no sign of a Korean name.
KOREAN_MARKS = re.compile(r"eo|eu|ae|oe|^r|^hy|^my|^ky|ol$|ok$|op$")

_FOLDS = (
    # ŏ written u, as the South's own spellings of 철 and 혁 do (Chul, Hyuk: McCune-
    # Reischauer's Ch'ŏl, Hyŏk): no name syllable is read chul or hyuk otherwise.
    ("chul", "chol"), ("hyuk", "hyok"),
    ("tch", "j"), ("jj", "j"), ("kk", "g"), ("tt", "d"), ("pp", "b"), ("ss", "s"),
    ("sh", "s"), ("ch", "j"), ("th", "d"), ("kh", "g"), ("ph", "b"),
    ("k", "g"), ("t", "d"), ("p", "b"), ("r", "l"),
    ("oung", "ong"), ("yung", "yong"), ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ee", "i"),
    ("ou", "u"),
)  # fmt: skip


def fold_korean(token: str) -> str:
    """One key for the spellings of a Korean syllable or given name.

    Example: `fold_korean("cheol") == fold_korean("chol")` is True.
    """
    text = token.replace("'", "")
    for spelling, key in _FOLDS:
        text = text.replace(spelling, key)
    if text[:1] == "l" and text[1:2] in ("i", "y"):
        text = text[1:]  # Ryong/Yong, Ri/I: the South drops an initial r before i and y
    return text


@lru_cache(maxsize=1)
def korean_syllables() -> frozenset[str]:
    """The folded spellings of every Hangul syllable with a final a name may end in, in
    McCune–Reischauer and Revised Romanization."""
    initials = "g kk n d tt r m b pp s ss - j jj ch k t p h k t p ch tch".split()  # noqa: SIM905
    vowels = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()  # noqa: SIM905
    vowels += ["o", "yo", "u", "ui"]  # McCune–Reischauer without breves (ŏ, yŏ, ŭ, ŭi)
    finals = ["", "k", "n", "t", "l", "m", "p", "ng"]
    return frozenset(
        fold_korean(i.strip("-") + v + f) for i in initials for v in vowels for f in finals
    )


def _korean_word(token: str) -> bool:
    """One Korean syllable, or two written joined ("Munchol")."""
    found = fold_korean(token)
    known = korean_syllables()
    return found in known or any(
        found[:i] in known and found[i:] in known for i in range(1, len(found))
    )


@dataclass(frozen=True, slots=True)
class KoreanName:
    surname: str  # the surname's group (SURNAME_GROUP)
    given: str  # the given name, folded and joined
    written: str  # the given name as written, for explanations


@lru_cache(maxsize=32768)
def korean_name(name: str, *, strict: bool = True) -> KoreanName | None:
    """The name read as a Korean name, or None. With `strict` (the default) the name must
    also look Korean, not Chinese (a Korean-only surname or syllable).

    Example: `korean_name("RI, Song Chol").surname` is `"lee"`.
    """
    # The default called without its keyword: the cache's key is then the name itself,
    # not a tuple the garbage collector walks, and the entry is `korean_pair`'s own.
    found = korean_readings(name) if strict else loose_readings(name)
    return found[0] if found else None


@lru_cache(maxsize=32768)
def korean_readings(name: str, *, strict: bool = True) -> tuple[KoreanName, ...]:
    """Every reading of the name as a Korean name (surname first, then surname last),
    as `korean_name` takes them.

    Example: `len(korean_readings("Chun Sop Kim"))` is 2.
    """
    words = name.lower().replace(",", " ").split()
    if not words or not (words[0] in SURNAME_GROUP or words[-1] in SURNAME_GROUP):
        return ()  # no Korean surname first or last: most names stop here
    # McCune-Reischauer's apostrophes and breves, written in ASCII: Myo'ng, Ch'ol.
    text = fold_latin(remove_bracketed_text(name[:300])).replace("'", "").replace("’", "")
    head, comma, tail = text.partition(",")
    head_tokens, tail_tokens = TOKEN_RE.findall(head), TOKEN_RE.findall(tail)
    tokens = head_tokens + tail_tokens
    if len(tokens) < 2:
        return ()
    if comma and head_tokens and tail_tokens:
        readings = [(head_tokens, tail_tokens)] if len(head_tokens) == 1 else []
    else:
        readings = [(tokens[:1], tokens[1:]), (tokens[-1:], tokens[:-1])]
        readings = [r for r in readings if not _hyphen_in_surname(text, r[0][0])]
    found: list[KoreanName] = []
    for surname, given in readings:
        group = SURNAME_GROUP.get(surname[0])
        if group is None or not all(_korean_word(t) for t in given):
            continue
        # A given name marks the name Korean by a word that is one Korean syllable and no
        # Chinese one (Chol, Ryong); a longer word may be an English name ("Mike").
        korean_only = surname[0] in KOREAN_ONLY or any(
            fold_korean(t) in korean_syllables() and not is_syllable(t) and KOREAN_MARKS.search(t)
            for t in given
        )
        if strict and not korean_only:
            continue
        found.append(KoreanName(group, "".join(fold_korean(t) for t in given), " ".join(given)))
    return tuple(found)


@lru_cache(maxsize=32768)
def loose_readings(name: str) -> tuple[KoreanName, ...]:
    """`korean_readings(name, strict=False)`, cached under the name alone: a key of the
    name and the keyword is a tuple the garbage collector walks (issue #14)."""
    return korean_readings.__wrapped__(name, strict=False)


def _hyphen_in_surname(text: str, surname: str) -> bool:
    """Whether reading `surname` (the first or last word) as the surname would split a
    hyphenated word: a hyphen joins the syllables of a Korean given name, never the
    surname to it, so "Jae-Gyong Pak" is Pak Jae-gyong, not Jae Gyong-pak (branch
    match15)."""
    words = text.lower().split()
    if len(words) < 2:
        return False
    first, last = words[0], words[-1]
    return ("-" in first and first.startswith(surname)) or ("-" in last and last.endswith(surname))


def korean_pair(left: str, right: str) -> tuple[KoreanName, KoreanName] | None:
    """Two romanized names read as Korean names, as `matching.compare_names` reads them:
    when one of them looks Korean (`korean_name`), both, if the other can be read so
    (`strict=False`). None when they are not compared by Korean rules.

    Example: `korean_pair("KIM, Mun Chol", "Kim Mun-chol")` is not None.
    """
    ka, kb = korean_name(left), korean_name(right)
    if not (ka or kb):
        return None
    ra = korean_readings(left) or loose_readings(left)
    rb = korean_readings(right) or loose_readings(right)
    if not (ra and rb):
        return None
    # A name whose order a hyphen fixes ("Chun-Sop Kim") is read against the other's
    # reading with the same surname ("Chun Sop Kim", Kim last), when it has one.
    same = [(x, y) for x in ra for y in rb if x.surname == y.surname]
    return same[0] if same else (ra[0], rb[0])


def compare_korean(a: KoreanName | None, b: KoreanName | None) -> tuple[float, list[str]]:
    """Score two Korean names by Korean rules, and say why.

    Example: `compare_korean(korean_name("RI, Yong Ho"), korean_name("YI, Yong Ho"))[0]`
    is 0.95.
    """
    if a is None or b is None:
        return 0.0, ["not both Korean names"]
    if a.surname != b.surname:
        return SURNAME_DIFFERS, ["Korean names: the surnames differ"]
    if a.given != b.given:
        return GIVEN_DIFFERS, [
            f"Korean names: same surname, given names differ ({a.written} / {b.written}); "
            "a Korean given name is compared whole"
        ]
    if a.written.replace(" ", "") == b.written.replace(" ", ""):
        return 1.0, [f"Korean names: same surname and given name ({a.written})"]
    return SPELLING_VARIANTS, [
        f"Korean names: same surname, given name spelled two ways ({a.written} / {b.written})"
    ]
