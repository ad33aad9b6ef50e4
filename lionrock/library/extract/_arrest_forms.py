"""Arrests the older patterns missed: more passive forms, and the people of several shapes
of sentence (issue #16, arrests21).

Counted over the dev misses of `arrested` whose name and trigger share a sentence:

- passive forms with no hit at all: an agent or a manner `ARREST_PASSIVE` does not know, or
  the arrest the last of a list of the police's acts: 社工陳虹秀被警方無理拘捕, 劉頴匡1月被
  國安拘捕, 被國安處人員攔截、拘捕及檢控, 被4名便衣警員截查並拘捕 (`passive_hits`);
- the arrested right after the noun for them: 被捕人張可森及岑敖暉, 被捕者是現時18歲的廖子文
  (`_subjects` reads 被捕人士 as a kind of person and stops there), or some of them named
  later in the sentence: 被捕的47人中有21名區議員，當中只有岑子杰和東區的趙家賢等九人…;
- a counted object, then its members with their titles after a comma: 警方高調拘捕《蘋果》5
  高層，總編羅偉光、行政總裁張劍虹，…; a listing whose titles cut it into several groups:
  黎智英、營運總裁及財務總裁周達權、集團執行董事張劍虹等，多名集團高層主管被警方國安處拘捕;
  a search's members after 包括, the last "also arrested" (搜捕多名…議員，包括…；…郭永健亦都被捕);
- the one person a sentence names, as 他 or 她 opening the arrest's clause after a
  connective (鄒幸彤聲稱以個人名義到場，結果她被警方以…為由拘捕), or arrested for helping
  others: 陳以晉，…協助其他示威者逃走，事後…被捕; 鍾嘉能，涉嫌協助另一人企圖逃脫警察而被捕;
  黃國桐因涉嫌協助12港人被捕 (the others, or the count, are the object of 協助, not the ones
  arrested).

Example:
    arrest_people(hit, fold("被捕人張可森及岑敖暉的背景"), found)  # → 張可森, 岑敖暉
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import pairwise

from lionrock.library.extract._agents import AGENT
from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._patterns import ARREST_PASSIVE, CLAUSE, OTHERS, SAYS, SPEAKER
from lionrock.library.extract._persons import NameHit, distinct
from lionrock.library.extract._subjects import Hit, clause_start
from lionrock.library.extract._text import zh

#: 被警方無理拘捕, 被國安拘捕, 被國安處人員攔截、拘捕, 被4名便衣警員截查並拘捕: an agent the
#: older pattern does not know (國安 alone, counted officers), a manner (無理, 任意), or the
#: arrest after other acts of the police (攔截、, 截查並, 搜身和). Not 被國安法拘捕 (a law, and
#: mostly a fear: 如果…要被國安法拘捕), nor 遭到 (遭到拘捕 in the pool: the unnamed, or what
#: may come: 律師…會遭到拘捕), nor the mainland's agents (`_lexicon.MAINLAND`).
PASSIVE = re.compile(
    zh(
        r"(?:被|遭)(?:(?:約|數|\d{1,2}|[二兩三四五六七八九十])名(?:便衣|軍裝|防暴)?"
        r"(?:警員|警察)|國安(?!法)(?:處|警察)?(?:人員)?|"
        + AGENT
        + r")(?:無理|任意|高調|上門)?(?:(?:攔截|截查|截停|搜身|制服)(?:、|並|及|和|後)\s*)?"
        r"拘捕(?!令)"
    )
)


#: 被國安處以涉嫌勾結外國或境外勢力和洗黑錢兩項罪名拘捕, 被警方以違反限聚令及…為由拘捕: an
#: offence or a reason longer than `ARREST_PASSIVE` reads after 以; 後遭附近埋伏的警員拘捕:
#: officers described by a relative clause.
LONG_PASSIVE = re.compile(
    zh(
        r"(?:被|遭)"
        + AGENT
        + r"以[^，。；,;被遭]{0,40}?(?:罪名|罪|為由|理由)(?:而)?拘捕(?!令)"
        + r"|(?:被|遭)[^\s,;:，；：。被遭的]{1,8}的"
        + r"(?:警員|警察|探員|警務人員|便衣(?:警員|警察|探員)?)拘捕(?!令)"
    )
)
#: A fear or a chance before it: 返港恐遭國安拘捕 (a title), 擔心被國安拘捕.
_FEARED = re.compile(zh(r"(?:恐|怕|擔心|可能|或會|會|或)\S{0,2}$"))


def passive_hits(f: str) -> Iterator[tuple[int, int]]:
    """The spans of the passive arrests of folded sentence `f` that `ARREST_PASSIVE` misses.

    Example: `list(passive_hits(fold("陳虹秀被警方無理拘捕")))` is `[(3, 10)]`.
    """
    known = [(m.start(), m.end()) for m in ARREST_PASSIVE.finditer(f)]
    for m in [*PASSIVE.finditer(f), *LONG_PASSIVE.finditer(f)]:
        if _FEARED.search(f, max(0, m.start() - 4), m.start()):
            continue
        if not any(a < m.end() and m.start() < b for a, b in known):
            known.append((m.start(), m.end()))
            yield m.start(), m.end()


#: 被捕人張可森, 被捕人士包括 (read in `_subjects`), 被捕者是…廖子文: the noun for the
#: arrested, then the arrested.
_NOUN = re.compile(zh(r"(?:的)?(?:人士|人(?![數民])|者)\s*(?:是|為|[:：])?\s*"))
#: 被捕的47人中有21名區議員，當中只有岑子杰和…趙家賢等九人, 被捕人士中2至3人有藥物需要，其中
#: 一人是鄧棨然: the arrested as a group, then some of them named later in the sentence.
_AMONG = re.compile(
    zh(
        r"(?:的)?(?:\d{1,3}|[二兩三四五六七八九十]{1,3})?名?(?:人士|人|者)(?:當中|之中|中)(?![國港])"
    )
)
#: Two names joined with nothing between (no title): the older rules' group.
_JOINED = re.compile(zh(r"\s*(?:、|及|和|與|以及)\s*"))
#: What names members of the group: 當中只有, 其中一人是, 包括, 如, 除.
_AMONG_CUE = re.compile(zh(r"當中|其中|包括|例如|如|除|之一"))
#: A speaker's verb right after a name: the name speaks, and is no member.
_SPEAKS = re.compile(zh(r"\s*(?:表示|說|指|認為|稱|批評|回應|坦言|直言|透露|強調)"))
#: What joins two names of one list (with up to 8 characters of title before the second).
_JOIN = re.compile(
    zh(r"\s*(?:、|及|和|與|以及)\s*(?:\d{1,2}歲)?[^\s\d,;:，；：。、「」()（）]{0,8}?$")
)
#: A counted object of an active arrest, then a comma: 拘捕《蘋果》5高層，…
_COUNTED_OBJECT = re.compile(
    zh(
        r"[^\s,;:，；：。、]{0,8}?(?:\d{1,2}|[二兩三四五六七八九十]|多)名?[^\s\d,;:，；：。、]{1,6}[,，]\s*"
    )
)
#: The title before the first name of the members: 總編, 《蘋果》總編輯 (no verb: 指, 包括 is
#: read elsewhere).
_TITLE = re.compile(zh(r"[^\s\d,;:，；：。、「」()（）]{0,8}?$"))
_NOT_TITLE = re.compile(zh(r"包括|其中|當中|指|表示|並|被|遭|涉|因|由"))
#: Helping others (the object of the help), before the passive arrest of the helper.
_HELPS = re.compile(
    zh(r"(?:協助|幫助|掩護)(?:其他|另一|另外|\d{1,3}|[一二兩三四五六七八九十]{1,3})")
)


def _listing(f: str, at: int, found: list[NameHit]) -> list[NameHit]:
    """The names of a list that starts at `at` with its first name, titles between items."""
    names = [n for n in found if n.start >= at]
    if not names or names[0].start != at:
        return []
    listing = [names[0]]
    for n in names[1:]:
        if not _JOIN.match(f, listing[-1].end, n.start) or _NOT_TITLE.search(
            f, listing[-1].end, n.start
        ):
            break
        listing.append(n)
    return distinct(listing)


def _named_after_noun(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    m = _NOUN.match(f, hit.end)
    if hit.active or m is None or m.end() == hit.end:
        return []
    return _listing(f, m.end(), found)


def _named_among(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    m = _AMONG.match(f, hit.end)
    if hit.active or m is None:
        return []
    end = f.find("。", m.end())
    first = next((n for n in found if n.start >= m.end() and (end < 0 or n.start < end)), None)
    if first is None or TRIGGER.search(f, m.end(), first.start):
        return []  # 被捕人士中，47人被正式落案起訴，…A: the charged, not named as arrested
    gap = f[m.end() : first.start].lstrip(zh("，,"))
    if len(gap) <= 8 and not CLAUSE.search(gap):
        return []  # 被捕者中，42歲的A和39歲的B: `_subjects.people_of` reads it
    if not _AMONG_CUE.search(gap):
        return []  # 被捕者中有不少學生，陳大文表示痛心: someone else, speaking
    listing = _listing(f, first.start, found)
    return [] if _SPEAKS.match(f, listing[-1].end) else listing


def _counted_members(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    m = _COUNTED_OBJECT.match(f, hit.end)
    if not hit.active or m is None:
        return []
    first = next((n for n in found if n.start >= m.end()), None)
    if first is None or first.start - m.end() > 8:
        return []
    title = f[m.end() : first.start]
    if not _TITLE.match(title) or _NOT_TITLE.search(title):
        return []
    listing = _listing(f, first.start, found)
    # the members end their clause: 總編羅偉光、行政總裁張劍虹，兩日後… (not 羅偉光被控…)
    rest = f[listing[-1].end : listing[-1].end + 1] if listing else ""
    return listing if len(listing) >= 2 and rest in {"，", ",", "。", ""} else []


#: A clause whose subject is 他 or 她 after a connective: 結果她被警方以…為由拘捕, 其後他被捕.
_PRONOUN_CLAUSE = re.compile(
    zh(
        r"\s*(?:結果|其後|後來|及後|最終|最後|隨即|之後|終於|事後|並|但|當時|同日|翌日)"
        r"\s*(?:他|她)(?![們人])[^的]{0,25}$"
    )
)


def _pronoun_subject(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    """支聯會副主席鄒幸彤聲稱以個人名義到場，結果她被警方以…為由拘捕: the sentence's one
    name, when the pronoun opens the trigger's clause after a connective (not 陳國誠憶起她被捕,
    the object of a verb: `_subjects` reads that as someone else)."""
    start = clause_start(f, hit.start)
    m = _PRONOUN_CLAUSE.match(f, start, hit.start)
    before = distinct([n for n in found if n.end <= start])
    if hit.active or m is None or len(before) != 1 or any(n.start >= start for n in found):
        return []
    gap = f[before[0].end : start]
    if SAYS.search(gap) or SPEAKER.match(gap) or OTHERS.search(f, before[0].end, hit.start):
        return []
    return before


#: Between two items of a titled listing: a joiner, then a title, or unnamed items (黎智英與其
#: 兩個兒子、壹傳媒集團行政總裁張劍虹).
_TITLED_GAP = re.compile(
    zh(r"(?:\s*(?:、|及|和|與|以及)\s*[^\s,;:，；：。、「」()（）]{0,14}?)+"),
)
#: What may follow the last item: 等, a clause's end, a note in brackets.
_ITEM_END = re.compile(zh(r"\s*(?:等|[,;，；。、(（]|$)"))
#: The listing before a passive arrest: …張劍虹等，多名集團高層主管被警方國安處拘捕.
_BEFORE_PASSIVE = re.compile(zh(r"等(?:人)?[,，]?[^,;:，；：。「」]{0,12}$"))


def _titled_listing(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    """壹傳媒創辦人黎智英、營運總裁及財務總裁周達權、集團執行董事張劍虹等，多名集團高層主管被
    警方國安處拘捕; 拘捕壹傳媒創辦人黎智英與其兩個兒子、壹傳媒集團行政總裁張劍虹…: every name of
    a listing whose items carry titles (which cut `name_groups`), right before a passive
    arrest or right after an active one; [] when no title cuts it (the older rules read it)."""
    if hit.active:
        after = [n for n in found if n.start >= hit.end]
        if not after or not _TITLE.match(f[hit.end : after[0].start]):
            return []
        if _NOT_TITLE.search(f, hit.end, after[0].start) or len(f[hit.end : after[0].start]) > 12:
            return []
        items = [after[0]]
        for n in after[1:]:
            if not _TITLED_GAP.fullmatch(f, items[-1].end, n.start):
                break
            items.append(n)
    else:
        before = [n for n in found if n.end <= hit.start]
        if not before or not _BEFORE_PASSIVE.search(f, before[-1].end, hit.start):
            return []
        items = [before[-1]]
        for n in reversed(before[:-1]):
            if not _TITLED_GAP.fullmatch(f, n.end, items[0].start):
                break
            items.insert(0, n)
    items = distinct(items)
    pairs = list(pairwise(items))
    if len(items) < 2 or not _ITEM_END.match(f, items[-1].end):
        return []
    if any(_NOT_TITLE.search(f, a.end, b.start) for a, b in pairs):
        return []
    # a listing no title cuts is one group of `name_groups`, read by the older rules
    return items if any(not _JOINED.fullmatch(f, a.end, b.start) for a, b in pairs) else []


#: 警方今晨搜捕多名泛民立法會議員，包括…朱凱廸、陳志全；…胡志偉…；工黨主席郭永健亦都被捕: a
#: search for a counted group, its members after 包括 (semicolons between), and the last
#: of them "also arrested": all of them were.
_SEARCHED = re.compile(zh(r"(?:搜捕|拘捕)[^,;:，；：。]{0,15}[,，]\s*(?:當中|其中)?包括"))
_ALSO = re.compile(zh(r"(?:亦|也|亦都|同樣|都)\s*$"))


def _included_too(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    m = _SEARCHED.search(f, 0, hit.start)
    if hit.active or m is None or not _ALSO.search(f, max(0, hit.start - 3), hit.start):
        return []
    if TRIGGER.search(f, m.end(), hit.start):
        return []
    members = distinct([n for n in found if m.end() <= n.start and n.end <= hit.start])
    return members if len(members) >= 2 else []


def _helper(hit: Hit, f: str, found: list[NameHit]) -> list[NameHit]:
    before = distinct([n for n in found if n.end <= hit.start])
    if hit.active or len(before) != 1 or any(n.start >= hit.end for n in found):
        return []
    gap = f[before[0].end : hit.start]
    if not _HELPS.search(gap) or SAYS.search(gap) or TRIGGER.search(gap):
        return []
    return before


Reading = Callable[[Hit, str, list[NameHit]], list[NameHit] | None]
#: The shapes in the order they are tried, each with the penalty on its confidence.
_READINGS: tuple[tuple[Reading, float], ...] = (
    (_named_after_noun, 0.05),
    (_named_among, 0.15),
    (_counted_members, 0.1),
    (_pronoun_subject, 0.15),
    (_titled_listing, 0.0),
    (_included_too, 0.0),
    (_helper, 0.15),
)


def arrest_people(hit: Hit, f: str, found: list[NameHit]) -> tuple[list[NameHit], float] | None:
    """The people of an arrest `hit` in folded sentence `f` when it has one of the shapes
    this module reads, with the penalty on their confidence; None else (the older rules
    decide).

    Example: `arrest_people(hit, fold("被捕人張可森及岑敖暉的背景"), found)` is the two.
    """
    if hit.kind != "arrested" or hit.people:
        return None
    for read, penalty in _READINGS:
        people = read(hit, f, found)
        if people:
            return people, penalty
    return None
