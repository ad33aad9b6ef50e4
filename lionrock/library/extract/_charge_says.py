"""The charge as a court report words it: 控罪指，鄒幸彤於今年5月29日… (issue #16, extract43).

A report of a hearing quotes the charge sheet, its subject the defendants named right after
控罪指 (the charge says) and the offence after them: 控罪指，黎雯齡及楊逸意於去年…非法集結;
控罪指，唐英傑涉嫌違反國安法第20條及21條. Dev labels each name so charged (hkcnews-33967:
控罪指被告…參與暴動). The words before a name are read by the older rules; this reads the
names right after the cue, each a charge of every offence up to the clause's stop.

Example: `charge_says(folded, found)` gives one hit per (name group, offence).
"""

from __future__ import annotations

import re

from lionrock.library.extract._lexicon import offences_in
from lionrock.library.extract._patterns import CHARGE_STOP
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit, charge_hit, name_groups
from lionrock.library.extract._text import zh

#: 控罪指, 控罪書指, 控罪列明, 控罪內容指: the charge sheet's words follow (231 pool
#: sentences in 193 articles; not 控罪指控 nor a question of what the charge says).
CHARGE_SAYS = re.compile(zh(r"控罪(?:書)?(?:內容)?(?:指出|指|列明)(?!控)\s*[,，:：]?\s*"))


def charge_says(f: str, found: list[NameHit]) -> list[Hit]:
    """One hit per offence for the names written right after 控罪指 (folded `f`), the
    offences those of the words after them up to the clause's stop (`CHARGE_STOP`)."""
    hits: list[Hit] = []
    # names written where they stand, not a group's members placed at 各被告 or 兩人 (the
    # listing they come from is read by the older rules, with its own charge sentence)
    starts = [n.start for n in found]
    written = [n for n in found if starts.count(n.start) == 1]
    for m in CHARGE_SAYS.finditer(f):
        group = next((g for g in name_groups(written, f) if g[0].start == m.end()), None)
        if group is None:
            continue
        tail = f[group[-1].end : group[-1].end + 90]
        stop = CHARGE_STOP.search(tail)
        for offence in offences_in(tail[: stop.start()] if stop else tail):
            hits.append(charge_hit(offence, m.start(), m.end(), list(group)))
    return hits
