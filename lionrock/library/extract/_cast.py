"""A trigger whose subject is a group or a pronoun, read against the people the sentence
or the paragraph has named: its cast (issue #16, fifteenth round, `extract13`). A clause
that starts with 他們, 二人, 4人 or 他 (…，二人其後獲釋; 本案兩名被告分別為A及B，他們被控…;
4人被控暴動，依次為A、B、C、D; 警方拘捕他，他獲釋後…) states its fact of named people
only when who they are is unambiguous: the last group of names before it in the sentence,
or, when the sentence names no one before it, every name after it (a count written and
equal to theirs) or the paragraph's last group; a count must agree, and 他 or 她 stands
for a sentence's one name only. Read for `arrested`, `charged`, `custody` and `released`
only, and only when the older rules found no one.

Example:
    cast_people(hit, folded, groups, context)  # 二人其後獲釋 → the two named before
"""

from __future__ import annotations

import re

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._group_subject import counted_members
from lionrock.library.extract._lexicon import TRIGGER, offences_in
from lionrock.library.extract._list_items import listing_names
from lionrock.library.extract._order import (
    GROUP_LISTING,
    ITEM_JOINER,
    LISTING,
    LISTING_END,
    _outside_brackets,
)
from lionrock.library.extract._patterns import (
    CHARGE_STOP,
    EXCEPTED,
    EXCEPTED_END,
    OTHERS,
    SAYS,
    SPEAKER,
    UNNAMED_GROUP,
)
from lionrock.library.extract._persons import NameHit, _plausible, distinct
from lionrock.library.extract._subjects import Context, Hit, charge_hit, clause_start
from lionrock.library.extract._text import Sentence, count_of, zh

#: The kinds this reading is for.
CAST_KINDS = frozenset({"arrested", "charged", "custody", "released"})

#: A clause that starts with a plural subject: 他們, 她們, 二人, 兩人, 4人, 三名被告 (not
#: 47人案, 8人士), or 全部 of the group before it (被捕的7人，全部被控暴動罪; extract53),
#: then a few words with no punctuation, name or quotation before the trigger.
GROUP_SUBJECT = re.compile(
    zh(
        r"^\s*(?:而|但|並|其後|及後|後來|最終|目前|同時)?\s*"
        r"(?P<subject>(?P<they>他們|她們|全部人?|全體)|(?P<n>[二兩三四五六七八九十\d]{1,2})\s*(?:人(?![士員案數次])|名被告))"
        r"[^,;:，；：。「」()（）]{0,12}$"
    )
)
#: A clause that starts with 他 or 她 alone (not 他們, 他人, 其他).
SINGLE_SUBJECT = re.compile(
    zh(
        r"^\s*(?:而|但|並|其後|及後|後來|最終)?\s*(?P<subject>他|她)(?![們人])"
        r"[^,;:，；：。「」()（）]{0,12}$"
    )
)


#: A counted or unnamed group as the subject just before a trigger (其中12人早前被加控,
#: 5名管理層上周四…遭警方拘捕) or as its object just after it (拘捕五名高層, 起訴15人).
_N = r"[二兩三四五六七八九十百\d]{1,4}"
_GROUP = rf"(?:{_N}\s*(?:名|位|個)\S{{0,6}}?|{_N}\s*人|多名\S{{0,6}}?)"
GROUP_BEFORE = re.compile(zh(rf"{_GROUP}[^,;:，；：。]{{0,24}}$"))
GROUP_AFTER = re.compile(zh(rf"\s*(?:了)?{_GROUP}"))  # used with match(f, pos)
#: The words that introduce the group's named members after it: …，包括A、B; …，其中A、B.
MEMBERS = re.compile(zh(r"(?:其中|當中|包括)(?:包括|有)?[^,;:，；：。「」]{0,12}$"))
MEMBERS_END = re.compile(zh(r"[;；。]|[,，]\s*(?:而|但|惟|另|同時|並)|其中|當中|包括"))


def group_members(hit: Hit, f: str, groups: list[list[NameHit]]) -> list[NameHit] | None:
    """The named members of a group that a trigger's clause is about, named after it in
    the same sentence (12人被加控暴動罪，包括A、B、C等; 以國安法拘捕五名高層，其中A、B已被
    落案控告): every name from 包括 or 其中 to the next trigger or the sentence's end."""
    if hit.kind not in CAST_KINDS or hit.people:
        return None
    clause = clause_start(f, hit.start)
    if hit.active:
        if not GROUP_AFTER.match(f, hit.end):
            return None
    elif not GROUP_BEFORE.search(f[clause : hit.start]) or any(
        n.end <= hit.start and n.start >= clause for g in groups for n in g
    ):
        return None
    # names as written (not the listing's names a group word stands for: 其中三人)
    after = [
        n for g in groups for n in g if n.start >= hit.end and f[n.start : n.end] == fold(n.name)
    ]
    if not after:
        return None
    cue = MEMBERS.search(f[hit.end : after[0].start])
    if not cue:
        return _members_etc(hit, f, groups)
    if TRIGGER.search(f[hit.end : hit.end + cue.start()]):
        return None
    # up to the next trigger, the next group or a clause of its own (…，而美國則宣布制裁
    # 6名…，包括譚耀宗: not one of the arrested)
    stop = MEMBERS_END.search(f, after[0].start)
    end = stop.start() if stop else len(f)
    trigger = TRIGGER.search(f, after[0].start, end)
    end = trigger.start() if trigger else end
    return distinct([n for n in after if n.end <= end]) or None


#: A list of names that ends with 等人 or 等N人 (A、B、C等人的遭遇).
ETC = re.compile(zh(r"\s*等\s*(?:[二兩三四五六七八九十\d]{1,3}\s*)?(?:人|名)"))


def _members_etc(hit: Hit, f: str, groups: list[list[NameHit]]) -> list[NameHit] | None:
    """多名民主黨核心成員被控顛覆重罪，…，胡志偉、林卓廷等人的遭遇…: a passive trigger of an
    unnamed group, and later in the sentence, within 60 characters, one list of names that
    ends with 等人: its members."""
    if hit.active:
        return None
    after = [g for g in groups if g[0].start >= hit.end]
    listed = [g for g in after if len(g) > 1 and ETC.match(f, g[-1].end)]
    if len(listed) != 1:
        return None
    # only an exception may come between (除黃碧雲外全不獲准保釋)
    between = [g for g in after if g[0].start < listed[0][0].start]
    if any(not EXCEPTED.search(f[max(0, g[0].start - 3) : g[0].start]) for g in between):
        return None
    gap = f[hit.end : listed[0][0].start]
    if re.search(zh(r"[;；。]"), gap) or len(gap) > 60:
        return None
    return distinct(listed[0])


#: 將他拘捕, 把她拘捕: the object pronoun before an active arrest.
PRONOUN_OBJECT_BEFORE = re.compile(zh(r"(?:將|把)\s*(?:他|她)(?![們人])\s*$"))


def _object_before(hit: Hit, f: str, groups: list[list[NameHit]]) -> list[NameHit] | None:
    """…以譚得志涉嫌發表煽動文字，將他拘捕: the one person the sentence named before, when
    no speaker's verb comes between (as 拘捕他 after the sentence's one name)."""
    if hit.kind != "arrested" or not hit.active:
        return None
    if not PRONOUN_OBJECT_BEFORE.search(f[clause_start(f, hit.start) : hit.start]):
        return None
    before = distinct([n for g in groups for n in g if n.end <= hit.start])
    if len(before) != 1 or _says(f[before[0].end : hit.start]):
        return None
    return before


def _count(m: re.Match[str]) -> int | None:
    if m.group("they"):
        return None
    return count_of(m.group("n"))


def _fits(count: int | None, people: list[NameHit]) -> bool:
    return len(people) == count if count else len(people) >= 2


def cast_people(
    hit: Hit, f: str, groups: list[list[NameHit]], context: Context
) -> tuple[list[NameHit], float] | None:
    """Who a group or pronoun subject of the hit's clause stands for, with a penalty; None
    when the clause has no such subject or who it stands for is ambiguous."""
    members = group_members(hit, f, groups)
    # 13名被告，各被票控…，包括…主席李卓人…；…黎智英: all the count's, listed (groups21)
    members = members or counted_members(hit, f, [n for g in groups for n in g])
    if members:
        return members, 0.2
    held = _object_before(hit, f, groups)
    if held:
        return held, 0.2
    if hit.kind not in CAST_KINDS or hit.active or hit.people:
        return None
    clause = clause_start(f, hit.start)
    lead = f[clause : hit.start]
    before = [g for g in groups if g[-1].end <= clause]
    plural = GROUP_SUBJECT.match(lead)
    single = SINGLE_SUBJECT.match(lead)
    subject = plural or single
    if not subject or _other_subject(lead[subject.end("subject") :]):
        return None
    if plural:
        count = _count(plural)
        if before and _excepted(f, before[-1]):
            # 除何俊仁外，他們各被控…: the paragraph's last group but those excepted; or its
            # names (除了黎智英，12人各另被控…: a list split by roles; groups21)
            return _but(before[-1], context.last_group, count) or _but(
                before[-1], context.paragraph_names, count
            )
        if before:
            # the last group named before: 本案兩名被告分別為A及B，他們被控…
            people = distinct(before[-1])
            if _says(f[people[-1].end : clause]):
                return None
            return (people, 0.15) if _fits(count, people) else None
        after = distinct([n for g in groups if g[0].start >= hit.end for n in g])
        if after:
            # 4人被控暴動，依次為A、B、C、D: every name after, a count written and equal
            return (after, 0.2) if count and len(after) == count else None
        last = distinct(context.last_group)
        return (last, 0.25) if _fits(count, last) else None
    if before:
        # 警方拘捕他，他獲釋後…: the sentence's one name, not a speaker's
        people = distinct([n for g in before for n in g])
        if len(people) == 1 and not _says(f[people[0].end : clause]):
            return people, 0.2
    return None


def _excepted(f: str, group: list[NameHit]) -> bool:
    """Whether a group is excepted (除何俊仁外, 除了A和B以外, 除了黎智英，: its clause's end
    ends the exception too; groups21)."""
    lead = f[clause_start(f, group[0].start) : group[0].start]
    end = EXCEPTED_END.match(f, group[-1].end) or CLAUSE_END.match(f, group[-1].end)
    return bool(EXCEPTED.search(lead) and end)


#: A comma right after the names excepted (除了黎智英，12人各另被控…).
CLAUSE_END = re.compile(zh(r"\s*[,，]"))


def _but(
    excepted: list[NameHit], last: list[NameHit], count: int | None
) -> tuple[list[NameHit], float] | None:
    """The paragraph's last group less the names excepted, when every one excepted is in
    it and the rest fits the count (extract53)."""
    names = {n.name for n in last}
    if not excepted or any(n.name not in names for n in excepted):
        return None
    rest = [n for n in distinct(last) if n.name not in {x.name for x in excepted}]
    return (rest, 0.2) if _fits(count, rest) else None


def _other_subject(rest: str) -> bool:
    """Whether the words after the subject give the trigger a subject of its own: 她見到
    多名學生被捕 (the students), 他們指其他人被捕, 他說…."""
    return bool(UNNAMED_GROUP.search(rest) or OTHERS.search(rest) or _says(rest))


def _says(gap: str) -> bool:
    """Whether the words between the names and the clause make them speakers (陳大文表示，
    他們被控…: someone else)."""
    return bool(SAYS.search(gap) or SPEAKER.match(gap))


#: A listing with no 被告 before it (4人被控…，依次為A、B、C、D).
BARE_LISTING = re.compile(zh(r"依次[為是]\s*[:：]?"))


def listed_names(s: Sentence, found: list[NameHit], headed: bool = False) -> list[NameHit]:
    """The items of a listing (被告依次為A、B…; 6名受審被告為A、B…) that the name finder
    missed but that are each a plausible full name (余德穎, 簡家康: jieba splits them), so
    that the listing is whole and its count can agree; only when every item is a name.
    `headed`: the whole sentence is a listing under a heading (47名被告次序：; extract28)."""
    extra: list[NameHit] = []
    f = s.folded
    starts = {m.end() for p in (LISTING, GROUP_LISTING, BARE_LISTING) for m in p.finditer(f)}
    starts |= {0} if headed else set()
    for at in sorted(starts):
        plain = _outside_brackets(f[at:])
        end = LISTING_END.search(plain)
        plain = plain[: end.start()] if end else plain
        cuts = [0, *(x for m in ITEM_JOINER.finditer(plain) for x in m.span()), len(plain)]
        new: list[NameHit] = []
        for a, b in zip(cuts[::2], cuts[1::2], strict=True):
            item = plain[a:b].strip()
            if not item:  # a joiner at an end: no listing of names
                new = []
                break
            lo = at + a + plain[a:b].index(item)
            hi = lo + len(item)
            if any(n.start < hi and lo < n.end for n in (*found, *extra, *new)):
                continue
            if not _plausible(f[lo:hi]):
                # a role before the name only with the age a court listing gives after it
                aged = f[hi : hi + 1] in "(（"
                lo = _after_role(f[lo:hi], lo) if aged else -1
                if lo < 0:
                    new = []
                    break
            new.append(NameHit(s.text[lo:hi], lo, hi, None, False))
        extra += new
    # a run of names most of which were found: the rest too (庾家豪, 曾焌熙; extract54)
    return extra + listing_names(s, [*found, *extra])


def _after_role(item: str, lo: int) -> int:
    """Where the name starts in a listing's item that writes a role before it and an age
    after it (男警韓廷光（29歲）, 男警長林華嘉（44歲）, 學生簡梓濱（21歲）; extract19): the last
    three, else two, characters when they are a plausible name after two or more Chinese
    characters; -1 when there is none."""
    for size in (3, 2):
        role, name = item[:-size], item[-size:]
        if len(role) >= 2 and all(HAN_RE.match(c) for c in role) and _plausible(name, aged=True):
            return lo + len(role)
    return -1


#: An active charge with the one charged right after it (警方正式起訴鄒幸彤於…「煽動…」;
#: 政府用國安法檢控黎智英; 以…罪起訴黎智英): not a private prosecution (私人檢控), not
#: 被起訴 (read by `CHARGE`), not a denial, a question or an intention before it.
ACTIVE_CHARGE = re.compile(
    zh(
        r"(?:(?:以|用|引用)(?P<by>[^,;:，；：。]{1,30}?))?"
        r"(?<![被遭不未沒])(?P<verb>(?:正式|落案)?(?:起訴|檢控))"
    )
)
ACTIVE_CHARGE_NOT = re.compile(
    zh(r"(?:私人|不|未|沒有?|考慮|決定|是否|會否|打算|想|要|會|應|可|否則|才|免)\S{0,3}$")
)


def active_charges(f: str, found: list[NameHit]) -> list[Hit]:
    """The charges a sentence states in the active voice of a name right after the verb,
    each offence the clause names (before the verb, after 以, or after the name up to the
    clause's end) a hit whose people is that name."""
    hits: list[Hit] = []
    for m in ACTIVE_CHARGE.finditer(f):
        name = next((n for n in found if n.start == m.end()), None)
        # the words before the verb, and before 以 (想引用國安法起訴…: an intention)
        before = (
            f[max(0, m.start() - 6) : m.start()],
            f[max(0, m.start("verb") - 6) : m.start("verb")],
        )
        if name is None or any(ACTIVE_CHARGE_NOT.search(b) for b in before):
            continue
        tail = f[name.end : name.end + 90]
        stop = CHARGE_STOP.search(tail)
        offences = offences_in(m.group("by") or "") or offences_in(
            tail[: stop.start()] if stop else tail
        )
        for offence in offences:
            hits.append(charge_hit(offence, m.start("verb"), m.end(), [name]))
    return hits
