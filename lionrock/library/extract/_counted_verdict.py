"""A verdict stated of a counted group (issue #16, eighteenth round, `extract44`): a trial
report names the defendants, then rules on them by their number (二人昨日（24日）被裁定暴動罪
不成立; 法官…裁定三人暴動罪及交替控罪的非法集結不成立; 當裁判官宣布三人暴動罪不成立時). As for
bail (`_bail_group.py`), the group stands for named people only when who they are is plain:
every name its paragraph has written before it, else, when the paragraph names no one
before it, the last paragraph that did; only when exactly as many as the count, and never
a judge or a lawyer named there (裁判官林希維今日裁定兩人罪名不成立). Otherwise it is nobody.
A verdict whose sentence names its people (湯偉雄和杜依蘭與一名17歲少女…三人…) is left to
the other rules.

Example:
    counted_verdict(hit, folded, found, context)  # 二人…被裁定…罪不成立 → the two named
"""

from __future__ import annotations

import re

from lionrock.fold import fold
from lionrock.library.extract._persons import NameHit, distinct
from lionrock.library.extract._subjects import Context, Hit, clause_start
from lionrock.library.extract._text import count_of, zh

_COUNT = r"(?P<n>[二兩三四五六七八九十]|\d{1,2})\s*(?:人(?![士員案數次])|名被告(?:人)?)"
#: The count opens the clause, then a few words with no name, quotation or clause break
#: before the trigger (二人昨日（24日）被裁定暴動; not 其餘3人, 其中兩人, 11名被告中).
COUNT_SUBJECT = re.compile(
    zh(r"^\s*(?:而|但|並|其後|及後|最終|最後|同時|結果)?" + _COUNT + r"[^,;:，；：。「」]{0,20}$")
)
#: The count as the object of a ruling right before the trigger (裁定三人暴動罪…, 宣布三人).
COUNT_RULED = re.compile(zh(r"(?:裁定|宣布|宣判)\s*" + _COUNT + r"[^,;:，；：。「」]{0,24}$"))
#: Another count before the group's in the sentence: a tally of outcomes.
TALLY = re.compile(zh(r"[\d一二兩三四五六七八九十百]+\s*(?:人|名)"))
#: A judge, a lawyer or a prosecutor: never one of the group.
ROLE_BEFORE = re.compile(zh(r"(?:法官|裁判官|律師|大狀|檢控官|主控官|控方|辯方)\S{0,2}$"))


def counted_verdict(
    hit: Hit, f: str, found: list[NameHit], context: Context
) -> tuple[list[NameHit], float] | None:
    """Whom a counted group subject or object of a verdict stands for, with a penalty;
    ([], 0.0) when it is the hit's group but stands for no one plain; None when the hit has
    no such group."""
    if hit.kind != "verdict" or hit.people:
        return None
    clause = clause_start(f, hit.start)
    lead = f[clause : hit.start]
    group = COUNT_RULED.search(lead) or COUNT_SUBJECT.match(lead)
    if group is None:
        return None
    if any(n.start < hit.start for n in found if n.start >= clause + group.start()):
        return None  # a name after the count: the other rules read it
    count = count_of(group.group("n"))
    if not count or count < 2 or TALLY.search(f, 0, clause + group.start()):
        return [], 0.0  # 14人早前被裁定罪名不成立，1人罪成: a tally, not the named
    own = [n for n in found if n.end <= clause + group.start()]
    before = distinct([*context.paragraph_names, *own])
    people = before or distinct(context.earlier_names)
    people = [p for p in people if not _role(p, context.text)]
    if len(people) != count or not _listed_together(people, context.text):
        return [], 0.0
    return people, 0.15


def _role(person: NameHit, text: str) -> bool:
    """Whether the (folded) article writes the name after a judge's or a lawyer's title."""
    name = fold(person.name)
    at = text.find(name)
    while at >= 0:
        if ROLE_BEFORE.search(text, max(0, at - 8), at):
            return True
        at = text.find(name, at + 1)
    return False


#: What may stand between two names of one listing (湯氏夫婦（湯偉雄、杜依蘭）, 42歲的杜依蘭和
#: 39歲的湯偉雄): at most this many characters, and no clause or sentence end.
GAP = 14
LISTING_BREAK = re.compile(r"[。；;！？!?\n，,:：]")


def _listed_together(people: list[NameHit], text: str) -> bool:
    """Whether the (folded) article writes the group's names together somewhere, as one
    listing (not 梁天琦 named in the paragraph as a past case's defendant beside the two)."""
    names = [fold(p.name) for p in people]
    span = sum(len(n) for n in names) + GAP * (len(names) - 1)
    at = text.find(names[0])
    while at >= 0:
        ends = [at, at + len(names[0])]
        for name in names[1:]:
            near = [
                m.start() for m in re.finditer(re.escape(name), text[max(0, at - span) : at + span])
            ]
            if not near:
                break
            where = max(0, at - span) + min(near, key=lambda x: abs(x + max(0, at - span) - at))
            ends += [where, where + len(name)]
        else:
            lo, hi = min(ends), max(ends)
            if hi - lo <= span and not LISTING_BREAK.search(text, lo, hi):
                return True
        at = text.find(names[0], at + 1)
    return False
