"""Latin-script name parts: parsing, transliteration folding and comparing two parts
(used by `western.py`; the structure that tells relatives apart is `relatives.py`).

A name is `FAMILY, Given Middle...` when a comma sets the family name apart (OFAC), else
its parts in the order written (the UK list puts given names first). Particles (`al`,
`bin`, `de`), honorifics (`Haji`, `Mullah`, `Sayed`) and kunyas (`Abu Umar`, a by-name)
are never the personal name; Arabic compounds (`Abd al-Hamid`) are one part.

Example:
    >>> western_name("AL-RAWI, Umar Talib Zughayr").personal
    'umar'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import (
    CompareConfig,
    NamePart,
    NameTypeTag,
    Symbol,
    analyze_names,
    compare_parts,
    remove_person_prefixes,
)
from rigour.text.cleaning import remove_bracketed_text
from rigour.text.distance import levenshtein

from lionrock.sanctions.romanize import fold_latin

FUZZY_TOLERANCE = 2.0  # rigour CompareConfig.budget_tolerance: 1.0 strict, 2.0 permissive
MAY_BE_SAME = 0.55  # rigour residue score at which two folded parts may be one name
MIN_SHORT_FORM = 4  # letters a short form must share with the start of the full name
MAX_SHORT_NAME = 3  # a name this short is one edit at most from its spellings (Ali/Aly)
TOKEN_RE = re.compile(r"[a-z0-9]+")
#: Particles and articles: parts of a family name or a name chain, never a personal name.
PARTICLES = frozenset(
    "al el ul ad ar as ash at az bin ben ibn bint ould de da del della der di do dos du "  # noqa: SIM905
    "la le van von y e".split()
)
#: Honorifics written as the first given name ("Mullah Mohammad", "Haji Abdul").
HONORIFICS = frozenset(
    "haji hajji hadji mullah mulla maulavi maulawi mawlawi maulvi moulavi sheikh shaykh "  # noqa: SIM905
    "sheik sayed sayyid sayyed seyed seyyed syed qari mufti imam".split()
)
#: Generational suffixes ("KINAHAN SENIOR, Christy", "John SMITH Jr"): which of a father and
#: a son of one name is meant, never a part of the name itself. Folded to one word each.
GENERATIONS = {
    "senior": "senior",
    "sr": "senior",
    "snr": "senior",
    "junior": "junior",
    "jr": "junior",
    "jnr": "junior",
    "ii": "ii",
    "iii": "iii",
    "iv": "iv",
}
#: A kunya ("Abu Umar", "father of Umar") is a by-name: it says nothing of the personal name.
KUNYA = frozenset({"abu", "abou", "umm", "um"})
#: The first halves of Arabic compound names ("Abd al-Hamid", "Abdul Hamid"): one name.
ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdoul"})
ABD_RE = re.compile(r"abd[aeiou]?l?")
VOWELS = frozenset("aeiou")
# Belarusian writes a daughter's patronymic -aŭna or -eŭna (Siarhiejeuna: Sergeevna).
PATRONYMIC_RE = re.compile(r"(?:vich|vych|vic|vitch|wich|witsch|wytsch|vna|wna|auna|euna|ichna)$")
MIN_PATRONYMIC = 7

# Variant spellings of one sound across transliteration systems, folded to one, in order.
# They follow the Russian, Ukrainian and Belarusian romanizations (BGN/PCGN, national,
# German and French: х kh/ch, г g/h, ў u, дз dz, щ shch/sch, ч ch/tsch, -вич -vich/-witsch)
# and the usual Arabic and Persian ones (ق q/k and, in Persian, gh; خ kh/h, ذ dh/z, ث th/s,
# long vowels ee/ou/oo). A fold only has to be the same on both sides: it is a key, not a spelling.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"wytsch|witsch|vitch|wich|vych", "vich"),  # Janukowytsch, Yanukovych
        (r"shch|sch", "sh"),
        (r"tsch|tch|tsh", "ch"),
        (r"gh", "k"),  # Persian writes ق and غ alike: Sadeghi/Sadeqi, Ghasem/Qasem
        (r"kh|g", "h"),  # Ihor/Igor, Siarhei/Sergei, Khodr/Khud
        (r"dz", "d"),  # Dzmitry/Dmitry, Vadzim/Vadim
        (r"dh", "z"),  # Dhafer/Zafer
        (r"th", "s"),  # Othman/Osman
        (r"ck|q", "k"),
        (r"c(?!h)", "k"),  # Marc/Mark; ch stays
        (r"x", "ks"),  # Alexander/Aleksandr, Maxim/Maksym
        (r"ph", "f"),
        (r"w", "v"),
        (r"(?<=[ae])u(?![aeiouy])", "v"),  # Belarusian ў: Paulavich, Vasilieu
        (r"ou|oo", "u"),  # Hassoun/Hassun, Noor/Nur
        (r"ee|iy|yi|ii", "i"),  # Rafeeq/Rafiq, Oleksiy, Vysotskyi
        (r"ey|ei|ay", "ai"),  # Sergey/Sergei, Heidar/Haydar
        (r"(?<![aeiou])y(?![aeiou])", "i"),  # Dmitry/Dmitri
        (r"(?<=[^aeiou])y(?=[aeiou])|(?<=[^aeiou])i(?=[aeou])", "y"),  # Belyakov/Beliakov
        (r"^[jiy](?=[aeiou])", "y"),  # Yanukovych/Janukovich/Ianoukovytch, Iury/Yuri
        (r"(.)\1+", r"\1"),  # Muhabbak/Mohabak, Hammouda/Hamoudeh
    )
)


@lru_cache(maxsize=65536)
def translit_fold(token: str) -> str:
    """Fold the spellings one name part takes in different transliteration systems.

    Example: `translit_fold("Janukowytsch") == translit_fold("Yanukovych")` is True.
    """
    text = fold_latin(token)
    # Abdullah/Abdallah, Abdelhamid/Abdul Hamid/Abd al-Hamid: "abd" and the rest.
    prefix = ABD_RE.match(text)
    if prefix and len(text) > prefix.end():
        return "abd" + translit_fold(text[prefix.end() :])
    for pattern, repl in _FOLDS:
        text = pattern.sub(repl, text)
    return text


@dataclass(frozen=True, slots=True)
class WesternName:
    """A name as this module sees it: its folded tokens, and what its form says."""

    original: str
    tokens: tuple[str, ...]  # fold_latin'ed parts, hyphens split, compounds joined
    given: tuple[str, ...]  # the given names, when a comma sets them apart ("FAMILY, Given")
    chain: tuple[str, ...]  # the given names (all parts, without a comma) less particles
    ordered: bool  # whether a comma marks which part is the family name
    generation: str | None = None  # "senior", "junior", "ii"...: set aside from the parts

    @property
    def personal(self) -> str | None:
        """The personal (first given) name, unless it is a kunya or an initial."""
        first = self.chain[0] if self.chain else None
        return first if first and first not in KUNYA and len(first) > 1 else None

    @property
    def family(self) -> tuple[str, ...]:
        """The family name's parts, less particles, when a comma sets it apart."""
        if not self.ordered:
            return ()
        head = self.tokens[: len(self.tokens) - len(self.given)]
        return tuple(t for t in head if t not in PARTICLES)

    @property
    def patronymics(self) -> tuple[str, ...]:
        """Russian, Ukrainian and Belarusian patronymics (`Petrovich`, `Ivanivna`)."""
        return tuple(
            t for t in self.chain[1:] if len(t) >= MIN_PATRONYMIC and PATRONYMIC_RE.search(t)
        )

    def folded(self) -> str:
        """The name with every part transliteration-folded, the comma kept."""
        family = self.tokens[: len(self.tokens) - len(self.given)]
        text = " ".join(translit_fold(t) for t in family)
        if self.ordered:
            text += ", " + " ".join(translit_fold(t) for t in self.given)
        return text


def _tokens(text: str) -> list[str]:
    words = TOKEN_RE.findall(fold_latin(text).replace("'", ""))
    out: list[str] = []
    i = 0
    while i < len(words):
        # "Abd al-Hamid", "Abdul Hamid", "Abdelhamid": one name, so one part.
        if words[i] in ABD and i + 1 < len(words):
            i += 2 if words[i + 1] in PARTICLES and i + 2 < len(words) else 1
            out.append("abd" + words[i])
        else:
            out.append(words[i])
        i += 1
    return out


@lru_cache(maxsize=32768)
def western_name(name: str) -> WesternName:
    """Parse a Latin-script name: `FAMILY, Given Middle` or given names first.

    Example: `western_name("AL-RAWI, Umar Talib Zughayr").personal` is `"umar"`.
    """
    text = remove_person_prefixes(remove_bracketed_text(name[:300]))
    head, comma, tail = text.partition(",")
    family, generation = _set_generation_aside(_tokens(head))
    given, later = _set_generation_aside(_tokens(tail) if comma else [])
    ordered = bool(comma and family and given)
    if not ordered:
        tokens, generation = _set_generation_aside(_tokens(text))
    else:
        tokens, generation = family + given, generation or later
    chain = [t for t in (given if ordered else tokens) if t not in PARTICLES]
    while chain and chain[0] in HONORIFICS:
        chain = chain[1:]
    return WesternName(
        name, tuple(tokens), tuple(given) if ordered else (), tuple(chain), ordered, generation
    )


def _set_generation_aside(tokens: list[str]) -> tuple[list[str], str | None]:
    """The parts less a generational suffix after the first ("KINAHAN SENIOR", "SMITH
    Jr"), and that suffix folded (`GENERATIONS`): it says which of a father and a son of
    one name is meant, and is no part of the name."""
    kept = tokens[:1] + [t for t in tokens[1:] if t not in GENERATIONS]
    found = [GENERATIONS[t] for t in tokens[1:] if t in GENERATIONS]
    return kept, found[0] if found else None


@lru_cache(maxsize=65536)
def _symbols(token: str) -> frozenset[Symbol]:
    """rigour's name symbols of one name part (`NAME:Q...`, shared by its variants)."""
    names = analyze_names(NameTypeTag.PER, [token], phonetics=False, consolidate=False)
    return frozenset(s for n in names for s in n.symbols if s.category == Symbol.Category.NAME)


@lru_cache(maxsize=65536)
def same_name_part(x: str, y: str) -> bool:
    """Whether two name parts are spellings of one name: equal, variants rigour knows
    (one name symbol), equal once transliteration-folded, or at most one edit apart
    when folded and long enough for one edit not to make another name.

    A consonant put before a name makes another name (`Erkan` / `Serkan`), not a typo.

    Example: `same_name_part("igor", "ihar")` is True; `same_name_part("amir", "omar")`
    and `same_name_part("erkan", "serkan")` are False.
    """
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return False
    fx, fy = translit_fold(x), translit_fold(y)
    if fx == fy:
        return True
    if _consonant_prefixed(fx, fy) or _consonant_prefixed(fy, fx):
        return False  # Erkan/Serkan, Amer/Samer: another name, not one letter mistyped
    if onset_replaced(fx, fy):
        return bool(_symbols(x) & _symbols(y))  # Laith/Qais, Nasser/Yasser: another name
    if min(len(fx), len(fy)) >= 5 and levenshtein(fx, fy, max_edits=2) <= 1:
        return True
    if len(fx) == len(fy) >= 4 and _one_vowel_apart(fx, fy):
        return True  # Igor/Ihar (Ihor), Oleg/Aleg: vowels are what transliterations vary
    if min(len(fx), len(fy)) >= 9 and levenshtein(fx, fy, max_edits=3) <= 2:
        return True
    return bool(_symbols(x) & _symbols(y))


MIN_SKELETON = 3  # consonants a part needs for its vowels alone to be read loosely
_VOWEL_RUN_RE = re.compile(r"[aeiou]+")


@lru_cache(maxsize=65536)
def vowel_variant(x: str, y: str) -> bool:
    """Whether two name parts differ only in their vowels, as Arabic written in Latin
    letters does (its short vowels are not written in Arabic script: `Khaddor` /
    `Khudour`), and no list of names tells them apart.

    Once transliteration-folded, both have the same consonants in the same order (three
    at least), as many runs of vowels, and five letters or more; and they are not two
    names rigour knows as different: Hasan and Husain, Hamid and Hamad have the same
    consonants, and each its own name symbol, so they stay two names.

    Example: `vowel_variant("baddur", "buddour")` is True; `vowel_variant("hamid",
    "hamad")` is False.
    """
    fx, fy = translit_fold(x), translit_fold(y)
    if fx == fy or min(len(fx), len(fy)) < 5:
        return False
    skeleton = _VOWEL_RUN_RE.sub("", fx)
    if len(skeleton) < MIN_SKELETON or skeleton != _VOWEL_RUN_RE.sub("", fy):
        return False
    if len(_VOWEL_RUN_RE.findall(fx)) != len(_VOWEL_RUN_RE.findall(fy)):
        return False
    if (fx[0] in VOWELS) != (fy[0] in VOWELS):
        return False
    sx, sy = _symbols(x), _symbols(y)
    return not (sx and sy and not sx & sy)


@lru_cache(maxsize=65536)
def th_variant(x: str, y: str) -> bool:
    """Whether two name parts, one of them written with th, are one name once that th is
    read as the dh of ذ or ظ: English-style romanizations write th for them too
    (`Sa'iid Ma'thi Hneidi` / `Saeed Mu'dhi Hneidi` / `Sa'id Mu'zi Hneidi`, the UK list),
    where `translit_fold` reads th as ث (`Othman` / `Osman`). The parts are then the same
    part (`same_name_part`), and are not as written.

    Example: `th_variant("mathi", "mudhi")` is True; `th_variant("fathi", "fadi")` is
    False.
    """
    if ("th" in x) == ("th" in y):
        return False
    read = same_name_part(x.replace("th", "dh"), y.replace("th", "dh"))
    return read and not same_name_part(x, y)


def _one_vowel_apart(x: str, y: str) -> bool:
    diffs = [i for i in range(len(x)) if x[i] != y[i]]
    return len(diffs) == 1 and x[diffs[0]] in VOWELS and y[diffs[0]] in VOWELS


@lru_cache(maxsize=65536)
def may_be_same_name(x: str, y: str) -> bool:
    """Whether two name parts may be spellings or short forms of one name: the same
    part (`same_name_part`), one the start of the other (`Sveta`, `Svetlana`), or
    aligned by rigour's residue distance once folded (`Nikolai`, `Mikalai`).

    Example: `may_be_same_name("christy", "christopher")` is True.
    """
    if same_name_part(x, y):
        return True
    if PATRONYMIC_RE.search(x) or PATRONYMIC_RE.search(y):
        return False  # a patronymic names the father, not the person
    fx, fy = translit_fold(x), translit_fold(y)
    if _consonant_prefixed(fx, fy) or _consonant_prefixed(fy, fx) or onset_replaced(fx, fy):
        return False
    if min(len(fx), len(fy)) <= MAX_SHORT_NAME and levenshtein(fx, fy, max_edits=2) > 1:
        return False  # Ali/Salim: two edits in a name of three letters make another name
    return similar_folded(fx, fy)


# A transliteration changes a name's letters, and may drop or add a glide or a
# breathing at its start (Yevgeny/Evgeny, 'Amer/Amer, Hamid/Amid), never a consonant:
# Samer is another name than Amer, Bashir than Ashir.
_SOFT_ONSETS = frozenset("hyjwv")


def _consonant_prefixed(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` with one consonant put before it."""
    return (
        len(longer) == len(shorter) + 1
        and longer[1:] == shorter
        and longer[0] not in _SOFT_ONSETS
        and longer[0] not in "aeiou"
    )


def onset_replaced(fx: str, fy: str) -> bool:
    """Whether two folded name parts differ only in their first letter, a consonant on
    both sides: another name (`lais` / `kais`, Laith / Qais; `naser` / `yaser`), not
    a transliteration, whose variant onsets the fold already brings together (Qasim /
    Kasim, Khodr / Hodr, Jafar / Yafar).

    Example: `onset_replaced("lais", "kais")` is True; `onset_replaced("amir", "omar")`
    is False.
    """
    return (
        len(fx) == len(fy) >= 3
        and fx[0] != fy[0]
        and fx[1:] == fy[1:]
        and fx[0] not in VOWELS
        and fy[0] not in VOWELS
    )


def similar_folded(fx: str, fy: str) -> bool:
    if min(len(fx), len(fy)) >= MIN_SHORT_FORM and (fx.startswith(fy) or fy.startswith(fx)):
        return True
    found = compare_parts([NamePart(fx, 0)], [NamePart(fy, 1)], config=_compare_config())
    return any(m.qps and m.rps and m.score >= MAY_BE_SAME for m in found)


@lru_cache(maxsize=1)
def _compare_config() -> CompareConfig:
    return CompareConfig(budget_tolerance=FUZZY_TOLERANCE)
