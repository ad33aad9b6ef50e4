"""全部被告罪成 whose members the same sentence names after it (extract26, issue #16).

`_groups._all_listed` reads 全部被告 as the article's listing (8名被告依次為A、B…); a
story with no listing may name the defendants only after the verdict, split by what
each got: 聆訊審畢，全部被告罪成，A、B、C須即時監禁，D、E和F被判緩刑. Those names are the
group the verdict is about (4 pool copies of one story, 9 convictions each). Only a
verdict, in the clause of 全部被告 and before any name: a sentence that names someone
first (A與全部被告罪成) or sets another trigger there is left to the other rules.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lionrock.library.extract._groups import ALL_DEFENDANTS
from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import name_groups
from lionrock.library.extract._text import zh

#: 全部被告罪成，; 所有被告均被裁定暴動罪名成立，; 全部被告罪名不成立，
ALL_VERDICT = re.compile(
    ALL_DEFENDANTS.pattern
    + zh(r"\s*(?:均|都|全部)?\s*[^,;:，；：。]{0,10}?(?:罪名不成立|罪名成立|罪成)\s*[,，]")
)


def named_after_all(f: str, found: list[NameHit]) -> list[NameHit]:
    """The names after 全部被告罪成，… (two or more), placed where the group is written too,
    so that the verdict is theirs (聆訊審畢，全部被告罪成，黎智英、李卓人須即時監禁…)."""
    m = ALL_VERDICT.search(f)
    if not m or any(n.start < m.end() for n in found):
        return found  # a name before it, or a listing already placed there
    after = [n for n in found if n.start >= m.end()]
    if len(after) < 2:
        return found
    group = [replace(n, start=m.start(), end=m.start() + 2) for n in after]
    return sorted(found + group, key=lambda h: h.start)


def named_before_all(f: str, found: list[NameHit]) -> list[NameHit]:
    """全部被告 after the one list of names the sentence gives before it, with their own
    fact between (A、B、C及D等4人今日認罪，…，全部被告期間均須還柙候判): that list, placed
    where the group is written (extract53). Members of all the defendants are so whoever
    all of them are; not when a name stands at the group already (a listing's), nor when
    the sentence lists two groups before it."""
    extra: list[NameHit] = []
    for m in ALL_DEFENDANTS.finditer(f):
        if any(n.start < m.end() and m.start() < n.end for n in found):
            continue
        lists = [g for g in name_groups([n for n in found if n.end <= m.start()], f) if len(g) > 1]
        if len(lists) != 1 or not TRIGGER.search(f, lists[0][-1].end, m.start()):
            continue
        extra += [replace(n, start=m.start(), end=m.end()) for n in lists[0]]
    return sorted(found + extra, key=lambda h: h.start)
