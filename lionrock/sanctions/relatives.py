"""The structure of two Latin-script names that tells relatives and namesakes apart
(issue #14; used by `western.py`).

The lists name whole families whose names share most parts: brothers share a name
chain, a son's chain is his father's shifted by a generation, namesakes share given
name and patronymic, and a father and a son of one name differ by a generational
suffix. No score over the parts tells them apart; the structure of the names does.

Example:
    >>> structural_conflict(western_name("ROTENBERG, Boris Borisovich"),
    ...                     western_name("ROTENBERG, Roman Borisovich"))
    'the personal names differ (boris / roman)'
"""

from __future__ import annotations

from lionrock.sanctions.name_parts import (
    HONORIFICS,
    PATRONYMIC_RE,
    WesternName,
    may_be_same_name,
    onset_replaced,
    same_name_part,
    similar_folded,
    translit_fold,
    western_name,
)

__all__ = [
    "burmese_apart",
    "burmese_joined",
    "reordered_chain",
    "structural_conflict",
    "western_name",
]


def structural_conflict(a: WesternName, b: WesternName) -> str | None:
    """Why two names whose parts mostly agree still name two people, or None.

    - The personal names differ and neither is among the other's given names (or, for
      a name without a comma, among its parts): brothers, `Qusay Saddam Hussein` /
      `Uday Saddam Hussein`; or both are `FAMILY, Given...` and the chains go on part
      for part alike, even when one personal name is further in the other's chain (a
      son named after his grandfather: `Ibrahim Sabawi Ibrahim Hasan` / `Yasir Sabawi
      Ibrahim Hasan`).
    - Both are written `FAMILY, Given...`, with two given names or more, and one's
      personal name is the other's second: a name chain shifted by a generation
      (father and son: `Mushtaq Talib Zughayr` / `Muhannad Mushtaq Talib`). A personal
      name found only as the other's patronymic is the father's, too
      (`Konstantin` / `Kirill Konstantinovich`).
    - Both are written `FAMILY, Given...` and neither family name is anywhere in the
      other name (`KOLBIN, Sergey Nikolayevich` / `KOTKIN, Sergey Nikolayevich`). A
      family name found among the other's given names is not a conflict: OFAC writes
      some Arabic names with any part first (`OMAR, Ahmed Haji Ali` / `ALI, Ahmed Omar`).
    - Both carry a patronymic and they differ (`Igor Borisovich` / `Igor Vladimirovich`).
    - Both are written `FAMILY, Given...` with one personal name and two given names or
      more, and the second given names differ and neither is anywhere in the other name
      (`RUELAS AVILA, Jose Luis` / `Jose Maria`: namesakes; in an Arabic chain, another
      father). Initials and patronymics are left to the rules that read them.
    - Both carry a generational suffix and they differ (`KINAHAN SENIOR, Christopher` /
      `KINAHAN JUNIOR, Christopher`: father and son).

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
            if onset_replaced(translit_fold(pa), translit_fold(pb)):
                return f"the personal names differ ({pa} / {pb}: another first consonant)"
            return f"the personal names differ ({pa} / {pb})"
        if _same_chain_after(a, b):
            return f"the personal names differ ({pa} / {pb}) before one father's chain"
        shifted = a_in_b[:1] == [1] or b_in_a[:1] == [1]
        if (
            a.ordered
            and b.ordered
            and min(len(a.chain), len(b.chain)) >= 2
            and shifted
            and not reordered_chain(a, b)
        ):
            return f"one's personal name is the other's second given name ({pa} / {pb})"
    fa, fb = a.family, b.family
    if (
        fa
        and fb
        and not any(same_name_part(x, y) for x in fa for y in b.tokens)
        and not any(same_name_part(x, y) for x in a.tokens for y in fb)
    ):
        return f"the family names differ ({' '.join(fa)} / {' '.join(fb)})"
    ra, rb = a.patronymics, b.patronymics
    if ra and rb and not any(_same_father(x, y) for x in ra for y in rb):
        return f"the patronymics differ ({'/'.join(ra)} / {'/'.join(rb)})"
    second = _second_names_differ(a, b)
    if second is not None:
        return second
    if a.generation and b.generation and a.generation != b.generation:
        return f"the generations differ ({a.generation} / {b.generation}): father and son"
    return None


def _same_chain_after(a: WesternName, b: WesternName) -> bool:
    """Whether two `FAMILY, Given...` names go on with the same chain of forebears, part
    for part, after their personal names: brothers or sisters, even when one is named
    after the grandfather the chain holds (`Ibrahim Sabawi Ibrahim Hasan` / `Yasir
    Sabawi Ibrahim Hasan`)."""
    if not (a.ordered and b.ordered and len(a.chain) == len(b.chain) >= 2):
        return False
    return all(same_name_part(x, y) for x, y in zip(a.chain[1:], b.chain[1:], strict=True))


def _second_names_differ(a: WesternName, b: WesternName) -> str | None:
    if not (a.ordered and b.ordered and len(a.chain) >= 2 and len(b.chain) >= 2):
        return None
    pa, pb = a.personal, b.personal
    if not (pa and pb and may_be_same_name(pa, pb)):
        return None
    x, y = a.chain[1], b.chain[1]
    if any(len(t) == 1 or t in HONORIFICS or PATRONYMIC_RE.search(t) for t in (x, y)):
        return None
    if any(may_be_same_name(x, t) for t in b.tokens) or any(
        may_be_same_name(y, t) for t in a.tokens
    ):
        return None
    return f"the second given names differ ({pa} {x} / {pb} {y})"


def reordered_chain(a: WesternName, b: WesternName) -> bool:
    """Whether two `FAMILY, Given...` names with different personal names are made of
    the same parts one to one, some spelled differently: one name written with another part first
    (OFAC writes some so: `TEMBO, Kasula Mwange` / `MWANGA, Tembo Kasula`), not a chain
    shifted by a generation, where each side has a name the other lacks (the son's own,
    the grandfather's). Parts spelled alike in any order need no such check.

    Example: `reordered_chain(western_name("TEMBO, Kasula Mwange"),
    western_name("MWANGA, Tembo Kasula"))` is True.
    """
    if not (a.ordered and b.ordered) or a.personal == b.personal:
        return False
    if len(a.tokens) != len(b.tokens) or sorted(a.tokens) == sorted(b.tokens):
        return False
    # One to one: a son named after his grandfather (`Ibrahim Sabawi Ibrahim Hasan` /
    # `Sabawi Ibrahim Hasan`) has every part of his father's chain, and one more.
    left = list(b.tokens)
    for x in a.tokens:
        y = next((y for y in left if same_name_part(x, y)), None)
        if y is None:
            return False
        left.remove(y)
    return True


def _same_father(x: str, y: str) -> bool:
    """Whether two patronymics carry one father's name (`Ryhorovich`, `Grigorievich`)."""
    if same_name_part(x, y):
        return True
    fx, fy = (translit_fold(PATRONYMIC_RE.sub("", t)).rstrip("aeiouy") for t in (x, y))
    return similar_folded(fx, fy)


def burmese_apart(a: WesternName, b: WesternName, honorifics: frozenset[str]) -> str | None:
    """Why two Burmese names are two names, or None. A Burmese name has no family name:
    each of its words is the name, in any order the lists write it (`HLAING, Min Aung`
    is Min Aung Hlaing), so every word of one must be a word of the other, one to one,
    the honorifics (`U`, `Daw`) aside: `AUNG, Shwe Ye Phu` is not `AUNG, Swe Swe`, nor
    `OO, Tun Tun` `OO, Mya Tun`.

    Example: `burmese_apart(western_name("OO, Tun Tun"), western_name("OO, Mya Tun"),
    frozenset({"u"}))` names the words left over.
    """
    alone, left = _burmese_unpaired(a, b, honorifics)
    if (not alone and not left) or written_apart(alone, left):
        return None
    return f"Burmese names, every word the name: {' '.join(alone + left)} on one side only"


def burmese_joined(a: WesternName, b: WesternName, honorifics: frozenset[str]) -> str | None:
    """The reason two Burmese names are one name when a word of one is written apart in
    the other (`Htoo Htet Tay Za` / `Htoo Htet Tayza`; `written_apart`), or None.

    Example: `burmese_joined(western_name("Htoo Htet Tay Za"), western_name("Htoo Htet
    Tayza"), frozenset())` names `tay za` and `tayza`.
    """
    alone, left = _burmese_unpaired(a, b, honorifics)
    if not written_apart(alone, left):
        return None
    return f"Burmese names: {' '.join(alone)!r} and {' '.join(left)!r} one word written apart"


def _burmese_unpaired(
    a: WesternName, b: WesternName, honorifics: frozenset[str]
) -> tuple[list[str], list[str]]:
    """The words of each name paired with no word of the other, one to one."""
    left = [t for t in b.tokens if t not in honorifics]
    alone = []
    for x in (t for t in a.tokens if t not in honorifics):
        y = next((y for y in left if may_be_same_name(x, y)), None)
        if y is None:
            alone.append(x)
        else:
            left.remove(y)
    return alone, left


def written_apart(a: list[str], b: list[str]) -> bool:
    """Whether the words one name has and the other lacks are one word written apart on
    one side and joined on the other (`Tay Za` / `Tayza`, in the order written).

    Example: `written_apart(["tay", "za"], ["tayza"])` is True; `written_apart(["tay"],
    ["tayza"])` is False.
    """
    if not a or not b or max(len(a), len(b)) < 2:
        return False
    return same_name_part("".join(a), "".join(b))
