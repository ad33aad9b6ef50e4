"""A 包括 list whose items carry roles and run on past semicolons (issue #16, extract25).

A report lists a group's members after 包括 by party or office, one run per group, the
runs split by ； (or once by ，), each name after its role: 當中23人被控「…」，包括多名支聯會
成員：主席A、副主席B及C、…、D；時任支聯會常委E、F；民主黨前主席G、H；…前立場新聞記者I. The
names joined by 、 stop at the first ；, and a name jieba does not know (趙恩來, 梁國華, or
何桂藍 after 記者) breaks the run. The list is read here as a whole: from 包括 (and a header
ending in a colon, 多名支聯會成員：) run by run, each of whose items must end with a name
(found, or a plausible full name after the role); the first run that does not ends it.

Example:
    included(f, text, at, found)  # 包括…：主席A、B；常委C → [A, B, C]
"""

from __future__ import annotations

import re

from lionrock.fold import HAN_RE
from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._order import _outside_brackets
from lionrock.library.extract._persons import NameHit, _plausible
from lionrock.library.extract._text import zh

#: 包括, then a header of the list that ends with a colon (多名支聯會成員：).
INCLUDING = re.compile(zh(r"包括\s*(?:[^,;:，；：。「」]{0,20}[:：])?"))
#: What ends a run: ； or a comma that opens no clause of its own (，而美國則…).
RUN_END = re.compile(zh(r"[;；]|[,，](?!\s*(?:而|但|惟|另|同時|並|其中|當中|其餘))"))
#: What joins the items of a run.
ITEM_JOINER = re.compile(zh(r"以及|[、及和與]"))
#: A role before the name: Chinese words (and a quoted slogan), no digits or trigger.
ROLE = re.compile(zh(r"^(?:[\u4e00-\u9fff]|「[^」]{1,10}」){0,14}$"))


def included(f: str, text: str, at: int, found: list[NameHit]) -> list[NameHit] | None:
    """The names of the 包括 list that starts at `at` in the folded sentence `f` (`text` as
    written), every run whose items each end with a name; None when the first run is not
    such a list (the older reading of the names after 包括 stands)."""
    m = INCLUDING.match(f, at)
    if not m:
        return None
    plain = _outside_brackets(f)
    close = re.compile(zh(r"[。]|\s*$")).search(plain, m.end())
    end = close.start() if close else len(f)
    names: list[NameHit] = []
    start = m.end()
    while start < end:
        stop = RUN_END.search(plain, start, end)
        run_end = stop.start() if stop else end
        run = _run(f, text, start, run_end, found)
        if run is None:
            break
        names += run
        start = stop.end() if stop else end
    return names if names else None


def _run(f: str, text: str, lo: int, hi: int, found: list[NameHit]) -> list[NameHit] | None:
    """The names of one run (主席A、副主席B及C), or None when an item ends with no name."""
    cuts = [lo, *(x for j in ITEM_JOINER.finditer(f, lo, hi) for x in j.span()), hi]
    names: list[NameHit] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        while a < b and f[a].isspace():
            a += 1
        while b > a and f[b - 1].isspace():
            b -= 1
        if a == b:
            if a == lo:  # 以及壹傳媒創辦人黎智英: the run opens with a joiner
                continue
            return None
        name = next((n for n in found if n.end == b and n.start >= a), None)
        if name is None:
            name = _guessed(f, text, a, b)
        if name is None or not ROLE.match(f[a : name.start]) or TRIGGER.search(f[a:b]):
            return None
        if any(n.start < name.start and a < n.end for n in found):
            return None  # a name inside the role: not one item
        names.append(name)
    return names


def _guessed(f: str, text: str, a: int, b: int) -> NameHit | None:
    """A full name jieba missed at the end of an item: the whole item when it is a plausible
    name (趙恩來), else its last three, then two, characters after a role of two or more
    Chinese characters (前立場新聞記者何桂藍). A whole item of three characters is cut off
    by its joiners, so it may end as a verb would (趙恩來), as a name before an age may."""
    if _plausible(f[a:b], aged=True):
        return NameHit(text[a:b], a, b, None, False)
    for size in (3, 2):
        role, name = f[a : b - size], f[b - size : b]
        if len(role) >= 2 and all(HAN_RE.match(c) for c in role) and _plausible(name):
            return NameHit(text[b - size : b], b - size, b, None, False)
    return None
