"""A court's bail stated of a counted group (issue #16, sixteenth round, `extract23`): a
hearing report names the defendants, then grants them bail by their number (兩人獲准以原有
條件保釋; 主任裁判官批准二人以1000元現金保釋; 法官批准三人以原有條件保釋, the three named
in the paragraph before). The group stands for named people only when who they are is
plain: the names written after it in the same sentence (批准四人保釋，A、B、C及D), else
every name its paragraph has written before it, else, when the paragraph names no one
before it, the last paragraph that did; each only when exactly as many as the count.
Otherwise the group is nobody, even where the older rules guessed a name before it.
Not 其餘3人 (the rest: `_groups.py`), not 47人 with 11人獲准保釋 (no such names).
各人 (各人准以現金一千元保釋) is the article's listing of defendants, when it has one.
A passive refusal (張可森被拒保釋) is the group of names before it in its clause.

Example:
    counted_bail(hit, folded, found, context)  # 兩人獲准保釋 → the two the paragraph named
    refused_people(folded, at, found)  # 其中張可森被拒保釋，其餘3人包括… → 張可森
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import NameHit, distinct
from lionrock.library.extract._subjects import Context, Hit, clause_start
from lionrock.library.extract._text import count_of, zh

BAIL_KINDS = frozenset({"bail_granted", "bail_denied"})

_COUNT = r"(?P<n>[二兩三四五六七八九十\d]{1,2})\s*(?:人(?![士員案數次])|名被告(?:人)?)"
#: A clause that starts with the count, then a few words with no name or punctuation
#: before the trigger: 兩人獲准…, 二人均獲准…, 4人其後獲准… (not 其餘3人, 11名獲准保釋的被告中).
COUNT_SUBJECT = re.compile(
    zh(r"^\s*(?:而|但|並|其後|及後|最終|最後|同時)?" + _COUNT + r"[^,;:，；：。「」()（）]{0,10}$")
)
#: Each of them, uncounted (各人准以現金一千元保釋): the article's listing of defendants.
EACH_SUBJECT = re.compile(
    zh(
        r"^\s*(?:而|但|並|其後|及後|最終|最後|同時)?"
        r"各人[^,;:，；：。「」()（）]{0,10}$"
    )
)
#: The count inside an active grant (批准二人以1000元現金保釋, 批准三人以原有條件保釋) or
#: refusal (拒絕二人保釋, 拒絕兩人的保釋申請: extract31, 6 pool sentences in 5 articles).
COUNT_INNER = re.compile(zh(r"(?:批准|批出|准許|准予|拒絕)\s*" + _COUNT))


def counted_bail(
    hit: Hit, f: str, found: list[NameHit], context: Context
) -> tuple[list[NameHit], float] | None:
    """Whom a counted group subject or object of a bail hit stands for, with a penalty;
    ([], 0.0) when the group is that of the hit but stands for no one plain; None when the
    hit has no such group."""
    if hit.kind not in BAIL_KINDS:
        return None
    clause = clause_start(f, hit.start)
    inner = COUNT_INNER.match(f, hit.start)
    subject = None if inner else COUNT_SUBJECT.match(f[clause : hit.start])
    group = inner or subject
    if group is None and not hit.people and EACH_SUBJECT.match(f[clause : hit.start]):
        listed = context.orders.listed()  # 各人准以…保釋 … 8名被告依次為…
        return (listed, 0.15) if len(listed) >= 2 else ([], 0.0)
    if group is None or hit.people:
        return None
    if subject and any(clause <= n.start < hit.start for n in found):
        return None  # a name in the clause is its subject (當中A和B兩人已獲准保釋)
    count = count_of(group.group("n"))
    if not count:
        return [], 0.0
    after = [n for n in found if n.start >= hit.end]
    if after and APPOSITION.fullmatch(f[hit.end : after[0].start]):
        # 法庭批准四人保釋，楊雪盈、劉偉聰、呂智恆及林景楠…: the names right after
        names = distinct([n for n in after if n.start < _list_end(f, after[0].start)])
        return (names, 0.15) if len(names) == count else ([], 0.0)
    own = [n for n in found if n.end <= hit.start]
    # a refusal's two are its own sentence's (押後A及B的判刑，拒絕二人保釋): the paragraph before
    # one that opens 拒絕兩人的保釋申請 is often the defence's pleas, whose lawyers it names,
    # and a paragraph's surnames may resolve to the wrong two (extract31)
    if inner is not None and inner.group().startswith(zh("拒絕")):
        people = distinct(own)
        return (people, 0.15) if len(people) == count else ([], 0.0)
    before = distinct([*context.paragraph_names, *own])
    people = before or distinct(context.earlier_names)
    return (people, 0.15) if len(people) == count else ([], 0.0)


#: What may stand between the trigger and the names it is followed by as their group.
APPOSITION = re.compile(zh(r"\s*[,，:：]?\s*(?:包括|即|分別[為是]|依次[為是])?\s*[:：]?\s*"))
#: Where such a list of names ends.
LIST_END = re.compile(zh(r"[,;:，；：。]"))


def _list_end(f: str, at: int) -> int:
    stop = LIST_END.search(f, at)
    return stop.start() if stop else len(f)


#: A passive refusal with no agent: 張可森被拒保釋, 被拒保釋的徐子見.
REFUSED = re.compile(zh(r"(?:被|遭)拒保釋"))


def refused_people(f: str, at: int, found: list[NameHit]) -> list[NameHit] | None:
    """Who 被拒保釋 at `at` is about when its own clause says so: the last group of names
    before it in that clause (其中張可森被拒保釋，其餘3人包括A、B及C，可按原有條件保釋: 張可森,
    not the list after, which the older rules read as a relative clause's); [] when a
    quotation opened before it is still open (表示「…而被拒保釋也令人難以接受: a speaker's
    words, the names outside are not its subject); None to leave it to the other rules."""
    if f[:at].count(zh("「")) > f[:at].count(zh("」")):
        return []
    clause = clause_start(f, at)
    before = [n for n in found if clause <= n.start and n.end <= at]
    if not before:
        return None
    last = [n for n in found if n.start >= before[-1].start - 40 and n.end <= at]
    group: list[NameHit] = [before[-1]]
    for n in reversed(last[:-1]):
        if n.start < clause or not JOINED.fullmatch(f[n.end : group[0].start]):
            break
        group.insert(0, n)
    return group


#: What joins the names of one group (張劍虹和羅偉光, A、B及C).
JOINED = re.compile(zh(r"\s*(?:、|和|及|與|以及)\s*"))
