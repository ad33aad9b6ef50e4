"""A counted group subject whose members the same sentence lists after the trigger, all of
them (issue #16, groups21).

A report states a fact of a counted group, then lists the group at length after 包括, each
member under a role and the list cut by semicolons: 第一批案件於7月提堂，涉及其中13名被告，
各被票控一項「煽惑他人明知而參與非法集結」，包括多名支聯會常委：主席李卓人、副主席何俊仁
及鄒幸彤…；民陣副召集人陳皓桓、工黨主席郭永健，以及壹傳媒創辦人黎智英. `_cast.group_members`
reads a list that follows its cue closely, up to the first semicolon; here the cue is followed
by a description and a colon, and the list goes on after the semicolon. The names from 包括 to
the sentence's end are the group only when they are exactly as many as its count, the count
stands right before the trigger (its clause, or the clause before with nothing but 各, 均 or
同 between), and no other trigger comes between the trigger and 包括.

Example:
    counted_members(hit, folded, found)  # 13名被告，各被票控…，包括…主席李卓人… → the 13
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._persons import NameHit, distinct
from lionrock.library.extract._text import count_of, zh

if TYPE_CHECKING:  # _subjects imports _counted, which reads listings here
    from lionrock.library.extract._subjects import Hit

#: The kinds this reading is for (those `_cast` reads of a group subject).
KINDS = frozenset({"arrested", "charged", "custody", "released"})

_N = r"[一二三四五六七八九十\d]{1,3}|兩"
#: A counted group right before the trigger: 13名被告，各…, 5名民主派人士均…, 12人 (not 47人案,
#: 116人 read as 16人, 至少6人, 約20人).
COUNT_BEFORE = re.compile(
    zh(
        rf"(?<![\d一二兩三四五六七八九十百千至到約逾近超過])(?P<n>{_N})\s*"
        r"(?:名[^\s\d,，。；;：:、「」]{0,6}?(?:被告(?:人)?|人士)|人(?![士員案數次手中之口物]))"
        r"\s*[,，]?\s*(?:各|均|都|同|亦|再|另)*\s*$"
    )
)
#: The cue that opens the group's list after the trigger.
CUE = re.compile(zh(r"[,，]\s*(?:當中|其中)?包括"))
#: What ends the list: the sentence (a semicolon does not: the list goes on after it).
END = re.compile(zh(r"[。!?！？]"))


def counted_members(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit] | None:
    """The members a counted group subject of `hit` stands for when the sentence lists
    them after it (all of them: as many names as the count); None when it does not."""
    if hit.kind not in KINDS or hit.people:
        return None
    m = COUNT_BEFORE.search(f, max(0, hit.start - 24), hit.start)
    count = count_of(m.group("n")) if m else None
    if m is None or count is None or count < 2:
        return None
    if any(m.start() <= n.start < hit.start for n in found):
        return None  # a name between the count and the trigger is its subject
    cue = CUE.search(f, hit.end)
    if cue is None or END.search(f, hit.end, cue.start()):
        return None
    if TRIGGER.search(f, hit.end, cue.start()):
        return None  # another fact's list (…被控…，後獲准保釋，包括…)
    stop = END.search(f, cue.end())
    end = stop.start() if stop else len(f)
    after = [n for n in found if cue.end() <= n.start and n.end <= end]
    if any(n.start < cue.end() and n.end > hit.end for n in found):
        return None  # a name between the trigger and the cue: no list of the group's
    members = distinct(after)
    return members if len(members) == count else None


def listed_to_end(f: str, at: int, found: list[NameHit], count: int) -> list[NameHit]:
    """The names of a listing whose items its clause does not hold (7名被告依次為：A（27歲、
    司機）；B（28歲、裝修工人）；…; 三名被告依次為第一被告A（26歲），第二被告B（25歲），…):
    every name from `at` to the sentence's end, when they are exactly as many as the head
    counts (a listing followed by other people, their lawyers or a judge, is none); [] else."""
    stop = END.search(f, at)
    end = stop.start() if stop else len(f)
    names = distinct([n for n in found if at <= n.start and n.end <= end])
    return names if count >= 2 and len(names) == count else []


#: A plural pronoun that opens a clause: 他們被指…, 她們… (the subject of the clauses after
#: it, up to the next name).
PRONOUN = re.compile(zh(r"(?:^|[,，])\s*(?:他們|她們)"))


def listing_pronoun(
    hit: Hit, f: str, found: list[NameHit], heads: list[re.Match[str]]
) -> tuple[list[NameHit], float] | None:
    """五名被告依次為…的A、B、C，…的D和E，他們被指…，另各被控一項…: the pronoun, and the
    clauses after it up to the hit with no name between, stand for the sentence's one
    counted listing before it (`heads`: its head, matched by one pattern or more), all of
    it, when its names are as many as the head counts (not the last group before the
    pronoun, D and E); None else."""
    if hit.kind not in KINDS or hit.people or len({m.start() for m in heads}) != 1:
        return None
    they = list(PRONOUN.finditer(f, 0, hit.start))
    if not they or any(they[-1].end() <= n.start < hit.start for n in found):
        return None
    head = heads[0]
    count = count_of(head.group("n"))
    names = distinct([n for n in found if head.end() <= n.start < they[-1].start()])
    if head.end() > they[-1].start() or count is None or len(names) != count:
        return None
    return names, 0.1
