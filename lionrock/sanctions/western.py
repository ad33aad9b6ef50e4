"""Compare person names in Latin script that are not Chinese: Russian, Ukrainian and
Belarusian, Arabic and Persian, Spanish... names as the sanctions lists write them.

Three things are added around nomenklatura's logic-v2 name matcher (which aligns name
parts through rigour's name symbols, `Mohammed`≈`Muhammad`, and its residue distance):

1. **Transliteration variants.** One name is written from Cyrillic or Arabic in several
   systems (`Aliaksandr Paulavich` / `Alexander Pavlovich`, `Rafiq` / `Rafeeq`). Such
   spellings differ by more edits than a typo, so logic-v2 runs a second time on the
   names with the usual variant spellings folded to one (`translit_fold`), and the
   better score counts. The residue distance runs with a wider budget than logic-v2's
   default (rigour's "permissive" profile, `FUZZY_TOLERANCE`) for the same reason.
2. **Initials.** `SHESTAKOV, Ilya V` keeps `Vasilyevich` as an initial: an initial that
   agrees with a name part on the other side is read as that part, with the score
   capped at `INITIAL_CAP` (an initial agrees, it does not prove).
3. **Relatives.** The lists name families: brothers share a patronymic or an Arabic
   name chain (`AL-TIKRITI, Qusay Saddam Hussein` / `Uday Saddam Hussein`), and a son's
   chain is his father's shifted by one (`Muhannad Mushtaq Talib` / `Mushtaq Talib
   Zughayr`). Most of their name parts agree, so no score over the parts tells them
   apart; the structure of the name does. When the personal (first given) names
   contradict, or the patronymics do, or one chain is the other shifted by a
   generation, the score is capped at `CONFLICT_CAP`, below the threshold.

Example:
    >>> compare_western("Aliaksandr Paulavich Vasilieu", "Alexander Pavlovich Vasiliev")[0] >= 0.7
    True
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rigour.names import (
    CompareConfig,
    NamePart,
    NameTypeTag,
    analyze_names,
    compare_parts,
    remove_person_prefixes,
)
from rigour.text.cleaning import remove_bracketed_text
from rigour.text.distance import jaro_winkler, levenshtein

from lionrock.sanctions.romanize import fold_latin

THRESHOLD = 0.7
FUZZY_TOLERANCE = 2.0  # rigour CompareConfig.budget_tolerance: 1.0 strict, 2.0 permissive
INITIAL_CAP = 0.9
CONFLICT_CAP = 0.6  # a structural contradiction keeps the pair below the threshold
MAY_BE_SAME = 0.55  # rigour residue score at which two folded parts may be one name
MIN_SHORT_FORM = 4  # letters a short form must share with the start of the full name
CONTAINED_SIMILARITY = 0.88  # Jaro-Winkler for a name part to count as the same
CONTAINED_CLOSE = 0.92  # ... and for all parts but one
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
#: A kunya ("Abu Umar", "father of Umar") is a by-name: it says nothing of the personal name.
KUNYA = frozenset({"abu", "abou", "umm", "um"})
#: The first halves of Arabic compound names ("Abd al-Hamid", "Abdul Hamid"): one name.
ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdoul"})
ABD_RE = re.compile(r"abd[aeiou]?l?")
VOWELS = frozenset("aeiou")
PATRONYMIC_RE = re.compile(r"(?:vich|vych|vic|vitch|wich|witsch|wytsch|vna|wna|auna|ichna)$")
MIN_PATRONYMIC = 7

# Variant spellings of one sound across transliteration systems, folded to one, in order.
# They follow the Russian, Ukrainian and Belarusian romanizations (BGN/PCGN, national,
# German and French: х kh/ch, г g/h, ў u, дз dz, щ shch/sch, ч ch/tsch, -вич -vich/-witsch)
# and the usual Arabic and Persian ones (ق q/k, خ kh/h, غ gh, ذ dh/z, ث th/s, long vowels
# ee/ou/oo). A fold only has to be the same on both sides: it is a key, not a spelling.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"wytsch|witsch|vitch|wich|vych", "vich"),  # Janukowytsch, Yanukovych
        (r"shch|sch", "sh"),
        (r"tsch|tch|tsh", "ch"),
        (r"kh|gh|g", "h"),  # Ihor/Igor, Siarhei/Sergei, Khodr/Khud
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

    @property
    def personal(self) -> str | None:
        """The personal (first given) name, unless it is a kunya or an initial."""
        first = self.chain[0] if self.chain else None
        return first if first and first not in KUNYA and len(first) > 1 else None

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
    family = _tokens(head)
    given = _tokens(tail) if comma else []
    ordered = bool(comma and family and given)
    tokens = family + given if ordered else _tokens(text)
    chain = [t for t in (given if ordered else tokens) if t not in PARTICLES]
    while chain and chain[0] in HONORIFICS:
        chain = chain[1:]
    return WesternName(name, tuple(tokens), tuple(given) if ordered else (), tuple(chain), ordered)


@lru_cache(maxsize=65536)
def _symbols(token: str) -> frozenset[str]:
    """rigour's name symbols of one name part (`NAME:Q...`, shared by its variants)."""
    names = analyze_names(NameTypeTag.PER, [token], phonetics=False, consolidate=False)
    return frozenset(str(s) for n in names for s in n.symbols if str(s).startswith("[NAME:"))


@lru_cache(maxsize=65536)
def same_name_part(x: str, y: str) -> bool:
    """Whether two name parts are spellings of one name: equal, variants rigour knows
    (one name symbol), equal once transliteration-folded, or at most one edit apart
    when folded and long enough for one edit not to make another name.

    Example: `same_name_part("igor", "ihar")` is True; `same_name_part("amir", "omar")`
    is False.
    """
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return False
    fx, fy = translit_fold(x), translit_fold(y)
    if fx == fy:
        return True
    if min(len(fx), len(fy)) >= 5 and levenshtein(fx, fy, max_edits=2) <= 1:
        return True
    if len(fx) == len(fy) >= 4 and _one_vowel_apart(fx, fy):
        return True  # Igor/Ihar (Ihor), Oleg/Aleg: vowels are what transliterations vary
    if min(len(fx), len(fy)) >= 9 and levenshtein(fx, fy, max_edits=3) <= 2:
        return True
    return bool(_symbols(x) & _symbols(y))


def _one_vowel_apart(x: str, y: str) -> bool:
    diffs = [(a, b) for a, b in zip(x, y, strict=True) if a != b]
    return len(diffs) == 1 and set(diffs[0]) <= VOWELS


def structural_conflict(a: WesternName, b: WesternName) -> str | None:
    """Why two names whose parts mostly agree still name two people, or None.

    - The personal names differ and neither is among the other's given names (or, for
      a name without a comma, among its parts): brothers, `Qusay Saddam Hussein` /
      `Uday Saddam Hussein`.
    - Both are written `FAMILY, Given...`, with two given names or more, and one's
      personal name is the other's second: a name chain shifted by a generation
      (father and son: `Mushtaq Talib Zughayr` / `Muhannad Mushtaq Talib`). A personal
      name found only as the other's patronymic is the father's, too
      (`Konstantin` / `Kirill Konstantinovich`).
    - Both carry a patronymic and they differ (`Igor Borisovich` / `Igor Vladimirovich`).

    "Differ" is judged leniently (`may_be_same_name`): this finds names that cannot be
    one, it does not prove that two names are one.

    Example: `structural_conflict(western_name("ROTENBERG, Boris Borisovich"),
    western_name("ROTENBERG, Roman Borisovich"))` names the personal names.
    """
    pa, pb = a.personal, b.personal
    if pa and pb and not may_be_same_name(pa, pb) and sorted(a.tokens) != sorted(b.tokens):
        a_in_b = [i for i, t in enumerate(b.chain) if may_be_same_name(pa, t)]
        b_in_a = [i for i, t in enumerate(a.chain) if may_be_same_name(pb, t)]
        if not a_in_b and not b_in_a:
            return f"the personal names differ ({pa} / {pb})"
        shifted = a_in_b[:1] == [1] or b_in_a[:1] == [1]
        if a.ordered and b.ordered and min(len(a.chain), len(b.chain)) >= 2 and shifted:
            return f"one's personal name is the other's second given name ({pa} / {pb})"
    ra, rb = a.patronymics, b.patronymics
    if ra and rb and not any(_same_father(x, y) for x in ra for y in rb):
        return f"the patronymics differ ({'/'.join(ra)} / {'/'.join(rb)})"
    return None


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
    return _similar_folded(translit_fold(x), translit_fold(y))


def _same_father(x: str, y: str) -> bool:
    """Whether two patronymics carry one father's name (`Ryhorovich`, `Grigorievich`)."""
    if same_name_part(x, y):
        return True
    fx, fy = (translit_fold(PATRONYMIC_RE.sub("", t)).rstrip("aeiouy") for t in (x, y))
    return _similar_folded(fx, fy)


def _similar_folded(fx: str, fy: str) -> bool:
    if min(len(fx), len(fy)) >= MIN_SHORT_FORM and (fx.startswith(fy) or fy.startswith(fx)):
        return True
    found = compare_parts([NamePart(fx, 0)], [NamePart(fy, 1)], config=_compare_config())
    return any(m.qps and m.rps and m.score >= MAY_BE_SAME for m in found)


@lru_cache(maxsize=1)
def _compare_config() -> CompareConfig:
    return CompareConfig(budget_tolerance=FUZZY_TOLERANCE)


def compare_western(left: str, right: str) -> tuple[float, list[str]]:
    """Score two Latin-script names that are not Chinese, and say why.

    Example: `compare_western("IVANOV, Sergei", "Sergey IVANOV")[0]` is 1.0.
    """
    a, b = western_name(left), western_name(right)
    score, detail = _logic_v2_both(left, right)
    reasons = [f"nomenklatura logic-v2 name match: {detail}"]
    if score < 1.0:
        folded = (a.folded(), b.folded())
        found, detail = _logic_v2_both(*folded)
        if found > score:
            score = found
            reasons = [f"transliterations folded ({folded[0]!r} ~ {folded[1]!r}): {detail}"]
    contained = _contained(a, b)
    if contained is not None and contained[0] > score:
        score, reasons = contained[0], [contained[1]]
    if score < THRESHOLD:
        expanded = _expand_initials(a, b)
        if expanded is not None:
            found, detail = _logic_v2_both(*expanded)
            found = min(found, INITIAL_CAP)
            if found > score:
                score = found
                reasons = [
                    f"initials read as the names they agree with ({expanded[0]!r} ~ "
                    f"{expanded[1]!r}), at most {INITIAL_CAP}: {detail}"
                ]
    conflict = structural_conflict(a, b)
    if conflict is not None and score > CONFLICT_CAP:
        score = CONFLICT_CAP
        reasons.append(f"{conflict}: at most {CONFLICT_CAP}")
    return score, reasons


def _expand_initials(a: WesternName, b: WesternName) -> tuple[str, str] | None:
    """Both names folded, each initial replaced by the other name's part that starts
    with it and is not already on its side; None if there is no initial to read."""
    out = []
    changed = False
    for this, other in ((a, b), (b, a)):
        tokens = list(this.tokens)
        spare = [t for t in other.tokens if len(t) > 1 and t not in this.tokens]
        for i, token in enumerate(tokens):
            if len(token) == 1:
                found = next((t for t in spare if t[0] == token), None)
                if found is not None:
                    tokens[i] = found
                    spare.remove(found)
                    changed = True
        out.append(" ".join(translit_fold(t) for t in tokens))
    return (out[0], out[1]) if changed else None


@lru_cache(maxsize=1)
def _logic_v2() -> Any:
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.logic_v2.names.match import name_match

    config = LogicV2.default_config()
    config.config["nm_fuzzy_cutoff_factor"] = FUZZY_TOLERANCE
    return name_match, config


@lru_cache(maxsize=32768)
def _person(name: str) -> Any:
    from followthemoney import model

    entity = model.make_entity("Person")
    # nomenklatura caches name analysis by entity ID: each distinct name needs its own.
    entity.id = "n-" + hashlib.sha1(name.encode("utf-8")).hexdigest()
    entity.add("name", name)
    return entity


def _logic_v2_both(left: str, right: str) -> tuple[float, str]:
    """logic-v2's name score, the same whichever name comes first: it weighs a query's
    extra parts above a result's, so a shorter name is also tried as the query."""
    name_match, config = _logic_v2()
    result = name_match(_person(left), _person(right), config)
    if result.score < THRESHOLD and len(western_name(left).tokens) != len(
        western_name(right).tokens
    ):
        backward = name_match(_person(right), _person(left), config)
        result = backward if backward.score > result.score else result
    return float(result.score), result.detail or "no name parts align"


def _contained(a: WesternName, b: WesternName) -> tuple[float, str] | None:
    """Every part of the shorter name has a close spelling in the longer one ("RYAN,
    Damien" in "RYAN, Damion Patrick John"): the longer name adds parts, it does not
    contradict. Scores 0.9 × the mean similarity of the parts."""
    short, long = (a.tokens, b.tokens) if len(a.tokens) <= len(b.tokens) else (b.tokens, a.tokens)
    if len(short) < 2:
        return None
    sims = [max(jaro_winkler(x, y) for y in long) for x in short]
    # At most one part may be spelled only loosely alike: ALEKSANDR SOKOLOV is not in
    # SHOLOKHOV, Alexander Mikhailovich.
    if min(sims) < CONTAINED_SIMILARITY or sum(s < CONTAINED_CLOSE for s in sims) > 1:
        return None
    score = 0.9 * sum(sims) / len(sims)
    return score, f"every part of {' '.join(short)!r} is spelled closely in the other name"
