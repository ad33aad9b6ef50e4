"""A charge changed in the active voice: 控方…今改控 6 人串謀參與暴動罪，以及一項交替的串謀參與
非法集結罪 (issue #16, extract55: dev hkcnews-36073 and its copy, six defendants each).

The passive 被改控 is a trigger of `CHARGE`; the active 改控 takes its people right after
the verb, a list of names or a counted group the article's listing stands for (6 人, placed
there by `_counted.py`), and its offences after them up to the clause's stop. Not after a
word of deliberation or a possibility (考慮改控, 應改控, 會否改控: `ACTIVE_CHARGE_NOT`), nor
when no one named stands after the verb (改控司機不小心駕駛).

Example: `recharged(folded, found)` gives one hit per offence, its people those names.
"""

from __future__ import annotations

import re

from lionrock.library.extract._cast import ACTIVE_CHARGE_NOT
from lionrock.library.extract._lexicon import offences_in
from lionrock.library.extract._patterns import CHARGE_STOP
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit, charge_hit, name_groups
from lionrock.library.extract._text import zh

RECHARGED = re.compile(zh(r"(?<![被遭不未沒])改控\s*"))


def recharged(f: str, found: list[NameHit]) -> list[Hit]:
    """The active 改控's charges in the folded sentence `f`: one hit per offence written
    after the people who stand right after the verb."""
    hits: list[Hit] = []
    for m in RECHARGED.finditer(f):
        if ACTIVE_CHARGE_NOT.search(f[max(0, m.start() - 6) : m.start()]):
            continue
        placed = [n for n in found if n.start == m.end()]  # a counted group's names
        group = next((g for g in name_groups(found, f) if g[0].start == m.end()), [])
        people = placed if len(placed) > 1 else list(group)
        if not people:
            continue
        end = max(n.end for n in people)
        tail = f[end : end + 90]
        stop = CHARGE_STOP.search(tail)
        for offence in offences_in(tail[: stop.start()] if stop else tail):
            hits.append(charge_hit(offence, m.start(), m.end(), people))
    return hits
