"""A counted group charged, then some of its members named: 一共44人被控暴動罪，其中二人就是
…湯氏夫婦（湯偉雄、杜依蘭） (issue #16, extract43).

The names after 其中, 包括 or 當中 in the clause right after the charge are members of the
group the charge counts, so each is charged with its offences (71 pool sentences in 58
articles have the shape; 8名白衣人被控暴動等罪，其中…林觀良及…林啟明今承認暴動罪 and
34人被控暴動，包括…梁天琦 among them). Not when a name stands before the charge in its
clause (that name is its subject), nor when other clauses come between the charge and the
cue (16人被控暴動罪，分拆3案處理，其中8人…: the cue is another clause's).

Example: `charged_among(folded, start, end, found)` gives the members, or None.
"""

from __future__ import annotations

import re

from lionrock.library.extract._lexicon import ROLES
from lionrock.library.extract._patterns import CLAUSE
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import zh

#: The count right before the charge: 一共44人, 8名白衣人, 26名民主派人士, 當中23人.
COUNT_BEFORE = re.compile(
    zh(r"(?:[二兩三四五六七八九十百\d]+)\s*(?:名[^\s,，。；;：:、]{0,6}?)?人(?:士)?\s*$")
)
#: The cue that opens the clause after the charge's.
MEMBERS_CUE = re.compile(zh(r"[,，]\s*(?:其中|包括|當中)"))
END = re.compile(r"[。;；]")


def charged_among(f: str, start: int, end: int, found: list[NameHit]) -> list[NameHit] | None:
    """The named members of the counted group a charge at `start`–`end` (in folded `f`)
    is about, or None when the sentence names none that way."""
    clause = max((m.end() for m in CLAUSE.finditer(f, 0, start)), default=0)
    if not COUNT_BEFORE.search(f[clause:start]):
        return None
    if any(clause <= n.start < start for n in found):
        return None
    cue = MEMBERS_CUE.search(f, end)
    if not cue or CLAUSE.search(f, end, cue.start()):
        return None
    stop = END.search(f, cue.end())
    limit = stop.start() if stop else len(f)
    starts = [n.start for n in found]  # names written there, not a group's placed members
    members = [
        n
        for n in found
        if starts.count(n.start) == 1
        and cue.end() <= n.start < limit
        and not ROLES.search(f[max(0, n.start - 12) : n.start])
    ]
    return members or None
