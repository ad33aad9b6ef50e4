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
   The folded names are compared only when folding brings parts together and enough
   of them are near for a match to be in reach (`_folding_helps`).
2. **Initials.** `SHESTAKOV, Ilya V` keeps `Vasilyevich` as an initial: an initial that
   agrees with a name part on the other side is read as that part, with the score
   capped at `INITIAL_CAP` (an initial agrees, it does not prove). The name's full
   parts must carry the match: two at least, each found on the other side, so that
   `A.S.P. BUILDERS` is not read as `PAHOMOV, Sergey Alexandrovich`.
3. **Relatives and namesakes** (`relatives.structural_conflict`). The lists name
   families: brothers share a patronymic or an Arabic name chain (`AL-TIKRITI, Qusay
   Saddam Hussein` / `Uday Saddam Hussein`), a son's chain is his father's shifted by
   one (`Muhannad Mushtaq Talib` / `Mushtaq Talib Zughayr`), and Russian namesakes
   share given name and patronymic (`KOLBIN` / `KOTKIN, Sergey Nikolayevich`). Most of
   their name parts agree, so no score over the parts tells them apart; the structure
   of the name does. When the personal (first given) names contradict, or the family
   names, or the patronymics, or one chain is the other shifted by a generation, the
   score is capped at `CONFLICT_CAP`, below the threshold. The same parts one to one
   with another written first (`reordered_chain`) are one name, not a shifted chain.
4. **Arabic vowels** (`name_parts.vowel_variant`). Arabic script does not write short
   vowels: `Khaddor` and `Khudour` are one family name. When the names do not match as
   written, parts that differ only in their vowels are read as one, and the names are
   compared again with every rule (at most `VOWEL_CAP`). So are parts one of which
   writes th where the other writes the dh or z of ذ or ظ (`name_parts.th_variant`:
   `Ma'thi` / `Mu'dhi`).
5. **The Arabic article written joined** (`Alshehri` / `AL SEHRI`): a part that is the
   article and a part the other name writes after its own article apart is read apart,
   and the names are compared again with every rule.
6. **An honorific on one side only** (`MULLAH NOORDIN TORABI` / `NOORUDDIN TURABI`):
   an honorific before the given names (`name_parts.HONORIFICS`) that the other name
   does not write is no name part; when the names do not match as written, it is set
   aside and the names compared again with every rule, if two parts of the name remain
   (`Mullah Faizullah` is one name, and stays a possible) and the personal names agree
   (`RAZA, Syed Ali` is not `RAZA, Ali` in `RAZA, Mujtaba Ali`).
7. **Generational suffixes** (`KINAHAN SENIOR, Christy`, `SMITH Jr`) are set aside from
   the parts (`name_parts.GENERATIONS`); two that differ name a father and a son, a
   structural conflict.

Example:
    >>> compare_western("Aliaksandr Paulavich Vasilieu", "Alexander Pavlovich Vasiliev")[0] >= 0.7
    True
"""

from __future__ import annotations

from collections.abc import Callable

from rigour.text.distance import jaro_winkler, levenshtein

from lionrock.sanctions.latin_forms import word_form
from lionrock.sanctions.logic_v2 import name_match
from lionrock.sanctions.name_parts import (
    HONORIFICS,
    PARTICLES,
    WesternName,
    may_be_same_name,
    same_name_part,
    th_variant,
    translit_fold,
    vowel_variant,
    western_name,
)
from lionrock.sanctions.relatives import reordered_chain, structural_conflict

THRESHOLD = 0.7
INITIAL_CAP = 0.9
VOWEL_CAP = 0.9  # parts read with other vowels agree, they do not prove
CONFLICT_CAP = 0.6  # a structural contradiction keeps the pair below the threshold
NEAR_FOLDED = 0.8  # Jaro-Winkler at which two folded parts may align
# Below this share of the shorter name's parts near a part of the other, the weighted mean
# logic-v2 takes cannot reach the threshold: the folded names are not compared.
NEAR_SHARE = 0.6
CONTAINED_SIMILARITY = 0.88  # Jaro-Winkler for a name part to count as the same
CONTAINED_CLOSE = 0.92  # ... and for all parts but one
JOINED_ARTICLES = frozenset({"al", "el"})  # Arabic's article, written joined: Alshehri
MIN_JOINED = 6  # the article and a part of four letters at least
ARTICLE_JOINED = "the article written joined to the name"
VOWELS_READ = "vowels written differently"
TH_READ = "th read as the dh of ذ or ظ"
HONORIFIC_ASIDE = "an honorific the other name does not write, set aside"
GENERATION_ASIDE = "a generational suffix set aside"
REORDERED = "the same parts, another written first: one name, not a chain shifted by a generation"


def compare_western(left: str, right: str) -> tuple[float, list[str]]:
    """Score two Latin-script names that are not Chinese, and say why.

    Example: `compare_western("IVANOV, Sergei", "Sergey IVANOV")[0]` is 1.0.
    """
    a, b = western_name(left), western_name(right)
    same = _same_parts(a, b)
    if same is not None:
        score, reasons = 1.0, [same]
    else:
        score, reasons = _logic_v2_and_folded(a, b)
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
    conflict = (structural_conflict(a, b) or _named_apart(a, b)) if score > CONFLICT_CAP else None
    if conflict is not None or score < THRESHOLD:
        aside = _honorifics_aside(a, b) if conflict is None else None
        if aside is not None:
            found, why = compare_western(*aside)
            if found >= THRESHOLD:  # read so, the names match; else they stay as written
                return found, [f"{HONORIFIC_ASIDE} ({aside[0]!r} ~ {aside[1]!r})", *why]
        split = _split_articles(a, b)
        if split is not None:
            found, why = compare_western(*split)
            if found >= THRESHOLD:  # read so, the names match; else they stay as written
                return found, [f"{ARTICLE_JOINED} ({split[0]!r} ~ {split[1]!r})", *why]
        for variant, how in ((vowel_variant, VOWELS_READ), (th_variant, TH_READ)):
            respelled = _respell(a, b, variant)
            if respelled is not None:
                found, why = compare_western(*respelled)
                found = min(found, VOWEL_CAP)
                if found >= THRESHOLD:  # read so, the names match; else they stay as written
                    return found, [
                        f"{how} ({respelled[0]!r} ~ {respelled[1]!r}), at most {VOWEL_CAP}",
                        *why,
                    ]
    if conflict is not None:
        score = CONFLICT_CAP
        reasons.append(f"{conflict}: at most {CONFLICT_CAP}")
    elif score >= THRESHOLD and reordered_chain(a, b):
        reasons.append(REORDERED)
    if conflict is None and score >= THRESHOLD and (a.generation or b.generation):
        suffixes = "/".join(g for g in (a.generation, b.generation) if g)
        reasons.append(f"{GENERATION_ASIDE} ({suffixes}): it tells a father from a son")
    return score, reasons


def _named_apart(a: WesternName, b: WesternName) -> str | None:
    """Why two personal names are two names by `latin_forms.yaml`, or None: each is
    in a class of spellings of one name, the classes differ, and neither is anywhere
    in the other name (`MISHUSTIN, Aleksandr Mikhaylovich` / `Aleksey Mikhaylovich`:
    brothers, whose names rigour's residue distance reads as near)."""
    pa, pb = a.personal, b.personal
    fa, fb = (word_form(p) if p else None for p in (pa, pb))
    if fa is None or fb is None or fa == fb:
        return None
    if fa in {word_form(t) for t in b.chain} or fb in {word_form(t) for t in a.chain}:
        return None
    return f"the personal names are two names of latin_forms.yaml ({pa} / {pb})"


def _honorifics_aside(a: WesternName, b: WesternName) -> tuple[str, str] | None:
    """Both names as parts, the honorifics that open the given names of one
    (`name_parts.HONORIFICS`: `Mullah`, `Haji`, `Sayed`) and that the other does not
    write left out; None when neither has one, or when a name would be left with fewer
    than two parts that are not particles: an honorific and one name (`Mullah
    Faizullah`) must not become a one-part name that carries a match. The honorific
    stands before the personal name: set aside, the personal names (which
    `western_name` reads without it) must agree, so `RAZA, Syed Ali` is not read as
    `RAZA, Ali` inside `RAZA, Mujtaba Ali`."""
    if not (a.personal and b.personal and may_be_same_name(a.personal, b.personal)):
        return None
    texts = [_without_honorifics(this, set(other.tokens)) for this, other in ((a, b), (b, a))]
    if texts[0] is None and texts[1] is None:
        return None
    if "" in texts:
        return None
    return texts[0] or _as_text(a, {}), texts[1] or _as_text(b, {})


def _without_honorifics(name: WesternName, kept: set[str]) -> str | None:
    """The name as parts, without the honorifics that open its given names and are not
    in `kept`; None when it has none, "" when fewer than two parts would remain."""
    cut = len(name.tokens) - len(name.given) if name.ordered else 0
    head, rest = list(name.tokens[:cut]), list(name.tokens[cut:])
    dropped = 0
    while dropped < len(rest) and rest[dropped] in HONORIFICS and rest[dropped] not in kept:
        dropped += 1
    if not dropped:
        return None
    rest = rest[dropped:]
    if sum(t not in PARTICLES for t in head + rest) < 2:
        return ""
    suffix = [name.generation] if name.generation else []
    if not head or not rest:
        return " ".join(head + rest + suffix)
    return " ".join(head + suffix) + ", " + " ".join(rest)


def _split_articles(a: WesternName, b: WesternName) -> tuple[str, str] | None:
    """Both names as parts, with an Arabic article written joined to a name part
    (`Alshehri`, `Elbaradei`) written apart, where the other name writes that article
    apart before that part (`AL SEHRI`, or `el`); None when neither name has one. The rest must
    be a name part of the other name, and the joined part none: `Alfred` is no article
    and `Fred`."""
    swaps = [
        {t: f"{t[:2]} {t[2:]}" for t in this.tokens if _joined_article(t, other)}
        for this, other in ((a, b), (b, a))
    ]
    if not any(swaps):
        return None
    return _as_text(a, swaps[0]), _as_text(b, swaps[1])


def _joined_article(token: str, other: WesternName) -> bool:
    if token[:2] not in JOINED_ARTICLES or len(token) < MIN_JOINED or token[2] in "aeiou":
        return False
    if any(same_name_part(token, y) for y in other.tokens):
        return False
    rest, tokens = token[2:], other.tokens
    return any(
        tokens[i] in JOINED_ARTICLES and same_name_part(rest, tokens[i + 1])
        for i in range(len(tokens) - 1)
    )


def _respell(
    a: WesternName, b: WesternName, variant: Callable[[str, str], bool]
) -> tuple[str, str] | None:
    """Both names as parts, each part of `b` that is a `variant` of a part of `a` written
    as that part: differs only in its vowels (`name_parts.vowel_variant`: `Khudour` /
    `Khaddor`), or writes ذ or ظ where the other writes th (`name_parts.th_variant`:
    `Mu'dhi` / `Ma'thi`); None when no part does, or when no other part of the two
    names agrees: a part read so never carries a match alone (`HAMMEDI, Ben` is one name
    and a particle). The respelled names are then compared with every rule, the
    structure checks included: the variant is all this forgives."""
    full_a = [t for t in a.tokens if t not in PARTICLES]
    full_b = [t for t in b.tokens if t not in PARTICLES]
    if min(len(full_a), len(full_b)) < 2:
        return None
    swap = {
        y: x
        for y in b.tokens
        if y not in a.tokens
        for x in a.tokens
        if x not in b.tokens and variant(x, y)
    }
    if not swap or not any(same_name_part(x, y) for y in full_b for x in full_a):
        return None
    return _as_text(a, {}), _as_text(b, swap)


def _as_text(name: WesternName, swap: dict[str, str]) -> str:
    """The name's parts as text, each part in `swap` written as its value; the comma and
    the generational suffix kept (the respelled name is compared with every rule)."""
    tokens = [swap.get(t, t) for t in name.tokens]
    suffix = [name.generation] if name.generation else []
    if not name.ordered:
        return " ".join(tokens + suffix)
    cut = len(tokens) - len(name.given)
    return " ".join(tokens[:cut] + suffix) + ", " + " ".join(tokens[cut:])


def _same_parts(a: WesternName, b: WesternName) -> str | None:
    """Two names made of the same parts, in any order, or the same once
    transliteration-folded (`IVANOV, Sergei` / `Sergey IVANOV`): logic-v2 scores them
    1.0, so it is not asked (it is most of the time spent on a Latin pair)."""
    if len(a.tokens) < 2 or len(a.tokens) != len(b.tokens):
        return None
    if sorted(a.tokens) == sorted(b.tokens):
        return "the same name parts (in any order)"
    fa, fb = ([translit_fold(t) for t in n.tokens] for n in (a, b))
    if sorted(fa) == sorted(fb):
        return f"transliterations folded ({' '.join(fa)!r}): the same name parts"
    return None


def _logic_v2_and_folded(a: WesternName, b: WesternName) -> tuple[float, list[str]]:
    """logic-v2 on the names as written, and on the names folded when folding helps."""
    score, detail = _logic_v2_both(a.original, b.original)
    reasons = [f"nomenklatura logic-v2 name match: {detail}"]
    if score < 1.0 and _folding_helps(a, b):
        folded = (a.folded(), b.folded())
        found, detail = _logic_v2_both(*folded)
        if found > score:
            score = found
            reasons = [f"transliterations folded ({folded[0]!r} ~ {folded[1]!r}): {detail}"]
    return score, reasons


def _folding_helps(a: WesternName, b: WesternName) -> bool:
    """Whether folding brings two parts together that are apart as written, and enough
    parts of the shorter name then have a counterpart for a match to be in reach: only
    then is logic-v2 run again on the folded names."""
    helps = False
    for x in a.tokens:
        fx = translit_fold(x)
        for y in b.tokens:
            if x != y:
                fy = translit_fold(y)
                helps = (
                    helps
                    or fx == fy
                    or (
                        min(len(fx), len(fy)) >= 4
                        and levenshtein(fx, fy, max_edits=2) < levenshtein(x, y, max_edits=3)
                    )
                )
    if not helps:
        return False
    short, long = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    near = [
        any(jaro_winkler(translit_fold(x), translit_fold(y)) >= NEAR_FOLDED for y in long.tokens)
        for x in short.tokens
    ]
    return sum(near) >= NEAR_SHARE * len(near)


def _expand_initials(a: WesternName, b: WesternName) -> tuple[str, str] | None:
    """Both names folded, each initial replaced by the other name's part that starts
    with it and is not already on its side; None if there is no initial to read."""
    out = []
    changed = False
    for this, other in ((a, b), (b, a)):
        full = [t for t in this.tokens if len(t) > 1 and t not in PARTICLES]
        initials = [t for t in this.tokens if len(t) == 1]
        # The full parts must carry the match: two at least, each found on the other side.
        if initials and (
            len(full) < max(2, len(initials))
            or not all(any(same_name_part(t, o) for o in other.tokens) for t in full)
        ):
            return None
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


def _logic_v2_both(left: str, right: str) -> tuple[float, str]:
    """logic-v2's name score, the same whichever name comes first: it weighs a query's
    extra parts above a result's, so a shorter name is also tried as the query."""
    score, detail = name_match(left, right)
    if score < THRESHOLD and len(western_name(left).tokens) != len(western_name(right).tokens):
        backward = name_match(right, left)
        score, detail = backward if backward[0] > score else (score, detail)
    return score, detail or "no name parts align"


def _contained(a: WesternName, b: WesternName) -> tuple[float, str] | None:
    """Every part of the shorter name has a close spelling in the longer one ("RYAN,
    Damien" in "RYAN, Damion Patrick John"): the longer name adds parts, it does not
    contradict. Scores 0.9 × the mean similarity of the parts."""
    x, y = ([t for t in n.tokens if t not in PARTICLES] for n in (a, b))
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    if len(short) < 2:
        return None
    sims = _one_to_one(short, long)
    if sims is None:
        return None
    # At most one part may be spelled only loosely alike: ALEKSANDR SOKOLOV is not in
    # SHOLOKHOV, Alexander Mikhailovich.
    if min(sims) < CONTAINED_SIMILARITY or sum(s < CONTAINED_CLOSE for s in sims) > 1:
        return None
    score = 0.9 * sum(sims) / len(sims)
    return score, f"every part of {' '.join(short)!r} is spelled closely in the other name"


def _one_to_one(short: list[str], long: list[str]) -> list[float] | None:
    """The similarity of each part of `short` to its own part of `long`, each part of
    `long` taken once, best first; None when a part is left without one. A part written
    twice is two parts: `SA'ID, Sa'id` is not in `FARMAND, Sa'id`, nor `KYAW, Kyaw` in
    `OO, Kyaw Min`."""
    pairs = sorted(
        ((jaro_winkler(x, y), i, j) for i, x in enumerate(short) for j, y in enumerate(long)),
        reverse=True,
    )
    sims: dict[int, float] = {}
    taken: set[int] = set()
    for sim, i, j in pairs:
        if i not in sims and j not in taken:
            sims[i] = sim
            taken.add(j)
    return [sims[i] for i in range(len(short))] if len(sims) == len(short) else None
