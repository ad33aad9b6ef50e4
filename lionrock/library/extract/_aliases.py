"""One person, one name (extract33, issue #16): an article that writes the same person two
ways has its suggestions under one of them.

Two cases: a record person the article writes by a nickname or pen name as well as by
the full name (快必 and 譚得志, 李平 and 楊清奇: the record gives both names to one entity),
and a name written with variant characters (岑子杰 and 岑子傑, which fold alike). The
labelling rules take a fact stated of a nickname under the full name the article gives,
and one person under the first of two spellings; so the suggestions take the longest
full name of the person the article writes, the first written of equals. A nickname the
article never pairs with a full name (李平 alone) stays as written.

Example: in an article that writes 「快必」譚得志, `one_name_each` turns 快必's remand into
譚得志's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._consistency import keep_best
from lionrock.library.extract._persons import Gazetteer, _plausible

if TYPE_CHECKING:
    from lionrock.library.extract._rules import Proposal


def _written(
    candidates: Iterable[str], folded: str, body: str, variants: Collection[str] = ()
) -> str | None:
    """The longest full name (a surname and one or two characters) among the folded
    `candidates` that the article writes, else the longest of the others (the first
    written of equals; the record's spelling before a variant's: 劉穎匡 over 劉頴匡), as
    the article writes it: 馬俊文 over 第二代美國隊長."""
    best: tuple[bool, int, bool, int, str] | None = None
    for name in set(candidates):
        at = folded.find(name)
        if at < 0 or not HAN_RE.search(name):
            continue
        rank = (not _plausible(name), -len(name), name in variants, at, name)
        if best is None or rank < best:
            best = rank
    if best is None:
        return None
    _, length, _, at, _ = best
    return body[at : at - length]  # length is negated


def one_name_each(found: list[Proposal], body: str, names: Gazetteer) -> list[Proposal]:
    """`found` with each person under one name: the record entity's or the folded name's
    longest Chinese spelling the article writes, the first written of equals."""
    people: dict[tuple[str, str], set[str]] = {}
    for p in found:
        if HAN_RE.search(p.person):
            key = ("entity", p.person_id) if p.person_id else ("name", fold(p.person))
            people.setdefault(key, set()).add(p.person)
    renamed: dict[str, str] = {}
    folded: str | None = None
    for (by, ident), persons in people.items():
        others = names.names_of(ident) if by == "entity" else []
        candidates = {fold(n) for n in persons} | {n for n in others if len(n) >= 2}
        folded = folded if folded is not None else fold(body)
        written = _written(candidates, folded, body, names.variants)
        for person in persons:
            if written and written != person:
                renamed[person] = written
    if not renamed:
        return found
    best: dict[tuple[str, str, str, str], Proposal] = {}
    for p in found:
        keep_best(best, replace(p, person=renamed.get(p.person, p.person)))
    return list(best.values())
