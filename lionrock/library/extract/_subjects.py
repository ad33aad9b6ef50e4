"""Who a court-case fact is about: the people a trigger's sentence names, grouped (黃之鋒、
岑敖暉及梁凱晴), and the rules that pick the group a trigger speaks of, or none (issue #16
§2: several defendants in one sentence, reported speech, the wrong defendant).

Example: `name_groups(hits, folded)` groups the names joined by 、, 及, 和 or 與.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from lionrock.library.extract._acted_on import subject_count
from lionrock.library.extract._agents import object_pronoun_before
from lionrock.library.extract._counted import Counted
from lionrock.library.extract._english_forms import pronoun_opens_clause
from lionrock.library.extract._including import included
from lionrock.library.extract._lexicon import TRIGGER, Offence
from lionrock.library.extract._order import Orders
from lionrock.library.extract._patterns import (
    ANAPHOR,
    ARREST_PASSIVE,
    CLAUSE,
    COMPANION,
    COMPARED,
    COUNTED,
    EXCEPTED,
    EXCEPTED_END,
    FORMER_LATTER,
    FUTURE,
    GENERIC_HEAD,
    JOINERS,
    JUDGE_RULES,
    OBJECT_BEFORE,
    OBJECT_PRONOUN,
    OTHER_DEFENDANT,
    OTHERS,
    OWN_SUBJECT,
    PLURAL_LEAD,
    PRONOUN,
    PRONOUN_SPEAKS,
    PRONOUN_SUBJECT,
    RELATIVE_OR_LIST,
    REQUEST,
    SAYS,
    SELF,
    SINGULAR,
    SPEAKER,
    UNNAMED_GROUP,
)
from lionrock.library.extract._persons import KIN_AFTER, NameHit, distinct
from lionrock.library.extract._text import WORDS, Sentence, chinese_number, zh


@dataclass
class Hit:
    """One trigger match in a sentence, before its people are found."""

    kind: str
    start: int
    end: int
    value: str = ""
    active: bool = False  # the person comes after the trigger (警方拘捕林文宗)
    statute: str = ""
    section: str = ""
    people: list[NameHit] | None = None  # when the pattern itself holds the name
    confidence: float = 0.9


def charge_hit(
    offence: Offence, start: int, end: int, people: list[NameHit], confidence: float = 0.85
) -> Hit:
    """`people` charged with `offence` by the trigger at `start`..`end`, the pattern naming
    them itself (控告A、B…, charged NAME with…, 控罪指X…)."""
    return Hit(
        "charged",
        start,
        end,
        offence.key,
        True,
        offence.statute,
        offence.section,
        people=people,
        confidence=confidence,
    )


@dataclass
class Context:
    """What the rules remember across one article's sentences."""

    published: date | None
    paragraph: int = -1
    last_group: list[NameHit] = field(default_factory=list)
    last_names: list[NameHit] = field(default_factory=list)  # the sentence before's
    defendants: dict[str, NameHit] = field(default_factory=dict)
    seen: dict[str, NameHit] = field(default_factory=dict)  # every name so far, by name
    suspended: set[str] = field(default_factory=set)  # 其中單仲偕和蔡耀昌獲緩刑兩年
    orders: Orders = field(default_factory=Orders)  # 首被告, 第二被告: who each is
    counted: Counted = field(default_factory=Counted)  # 15名被告包括…, by count (extract35)
    # names read only as a listing's items (庾家豪, 曾焌熙), found again where the finder
    # misses them (而曾焌熙另外被控…; extract54)
    listed: dict[str, NameHit] = field(default_factory=dict)
    text: str = ""  # the whole article, folded: the full names it writes (林錦均)
    body: str = ""  # the article as written: English names before a lone surname (extract49)
    aged: dict[str, set[str]] = field(default_factory=dict)  # 26歲: 伍文浩 (extract17)
    mainland: bool = False  # the article leans to the mainland (`mainland_leaning`)
    # the names the paragraph has written so far, and those of the last paragraph that
    # wrote any: whom a counted group stands for (兩人獲准保釋; `_bail_group.py`)
    paragraph_names: list[NameHit] = field(default_factory=list)
    earlier_names: list[NameHit] = field(default_factory=list)
    # facts of 被告, 他 or 她 with no one named, held for the article's one defendant
    # (`_focus.py`): (the proposal with no person, why it is held)
    focus: list[Any] = field(default_factory=list)
    # the lede's description before anyone is named (its age, "" for none; `_forward.py`),
    # the first paragraph's number, and the facts held for a defendant named later
    lede: str | None = None
    lede_paragraph: int = -1
    forward: list[Any] = field(default_factory=list)


def name_groups(names: list[NameHit], f: str) -> list[list[NameHit]]:
    """Names next to each other (黃之鋒、岑敖暉、袁嘉蔚及梁凱晴) form one group."""
    groups: list[list[NameHit]] = []
    for name in names:
        gap = f[groups[-1][-1].end : name.start] if groups else None
        # 楊雪盈、郭家麒太太、張超雄: a relative named between ends the list
        if gap is not None and name.start < groups[-1][-1].end:
            groups[-1].append(name)  # the people one 第二至第四被告 stands for
        elif (
            gap is not None
            and JOINERS.match(gap)
            and not (TRIGGER.search(_unnoted(gap)) or KIN_AFTER.search(gap))
        ):
            groups[-1].append(name)
        else:
            groups.append([name])
    return groups


#: 何秀蘭（正服刑）、何俊仁: a note in brackets right after a listed name.
NOTE = re.compile(r"\s*[(（][^()（）]{0,6}[)）]")


def _unnoted(gap: str) -> str:
    """The gap between two listed names without the note on the first: the note's trigger
    (正服刑, 已認罪) is that name's, and does not end the listing (extract22)."""
    note = NOTE.match(gap)
    return gap[note.end() :] if note else gap


def _noted(hit: Hit, f: str, groups: list[list[NameHit]]) -> list[NameHit]:
    """The listed name a trigger in a note right after it is about: 何秀蘭（正服刑）、何俊仁
    (extract22)."""
    for group in groups:
        for name in group:
            note = NOTE.match(f, name.end)
            if note and name.end < hit.start and hit.end <= note.end() and name is not group[-1]:
                return [name]
    return []


def _closed(gap: str) -> bool:
    """Whether every quotation opened in the gap is closed in it (陳克勤說：「…拘捕他 is not)."""
    return gap.count("「") <= gap.count("」")


def clause_start(f: str, at: int) -> int:
    starts = [m.end() for m in CLAUSE.finditer(f, 0, at)]
    return starts[-1] if starts else 0


def clause_end(f: str, at: int) -> int:
    m = CLAUSE.search(f, at)
    return m.start() if m else len(f)


def people_of(
    hit: Hit, s: Sentence, groups: list[list[NameHit]], context: Context
) -> tuple[list[NameHit], float]:
    """Who the hit is about, and how sure the rules are of it."""
    if hit.people:
        return hit.people, 0.0
    f = s.folded
    noted = _noted(hit, f, groups)
    if noted:
        return noted, 0.1
    clause, end = clause_start(f, hit.start), clause_end(f, hit.end)
    after = [g for g in groups if g[0].start >= hit.end]
    before = [g for g in groups if g[-1].end <= hit.start]
    listed = bool(after) and bool(RELATIVE_OR_LIST.match(f[hit.end : after[0][0].start]))
    generic = GENERIC_HEAD.match(f[hit.end :])
    if generic:
        # 被捕人士, 還柙或在囚人士: a kind of person, not the name before it; but 被捕者之一
        # 伍健偉, 被捕人士包括…
        one_of = after and re.match(
            zh(r"^\S{0,2}之一|^[,，]?\s*包括"), f[hit.end + generic.end() :]
        )
        # 在44名被捕者中，42歲的A和39歲的B…; 被捕人士當中，23歲的周庭… (eleventh round)
        among = after and re.match(
            zh(r"(?:當中|之中|中)[,，]?[^,;:，；：。]{0,8}$"),
            f[hit.end + generic.end() : after[0][0].start],
        )
        if among:
            return after[0], 0.1
        if one_of and zh("包括") in one_of.group():
            return _included(s, hit.end, after, groups), 0.0  # 被捕者包括…；…
        return (after[0], 0.0) if listed or one_of else ([], 1.0)
    if hit.active:
        # 警方拘捕林文宗: the one arrested comes after; a name before is who arrested (and
        # not 大拘捕、大檢控民主派人士、…黎智英正服刑: another item of a list)
        if (
            after
            and "、" not in f[hit.end : after[0][0].start]
            and (listed or after[0][0].start < end + 1)
        ):
            return after[0], 0.0
        if after and listed:
            return after[0], 0.0
        named = {n.name for g in before for n in g}
        before_it = object_pronoun_before(f, hit.start)  # 將其拘捕 (extract32)
        if (
            (OBJECT_PRONOUN.match(f[hit.end :]) or before_it)
            and len(named) == 1
            and not SAYS.search(f[before[-1][-1].end : hit.start])
            and not SPEAKER.match(f[before[-1][-1].end : hit.start])
            and _closed(f[before[-1][-1].end : hit.start])
        ):
            # 李宇軒是…成員，警方本月10日以…罪名拘捕他: the one this sentence named
            # (eleventh round, 7 pool articles)
            return before[-1][-1:], 0.2
        pronoun = OBJECT_PRONOUN.match(f[hit.end :]) or (before_it and not named)
        if pronoun and len(context.last_group) == 1:
            return context.last_group, 0.3  # 警方以暴動罪拘捕他
        return [], 1.0
    if listed:
        # 認罪的前議員區諾軒, 拘捕5人，包括姚鈞豪…; but 被控暴動的林卓廷，以及其助理莊榮輝:
        # a relative clause qualifies the names up to a comma, a 包括 list all of them
        if zh("包括") in f[hit.end : after[0][0].start]:
            included = _included(s, hit.end, after, groups)
            if not hit.active and before and before[-1][-1].end >= clause:
                # 全部被告…均須還柙候判，包括原獲保釋的梁凱晴: the clause's subject too
                # (extract53)
                subject, _ = _before(before[-1], f, hit.start, 0.0)
                return distinct([*subject, *included]), 0.0
            return included, 0.0
        return _up_to_comma(after[0], f), 0.0
    lead = f[clause : hit.start]
    if OWN_SUBJECT.search(lead) and not (before and before[-1][-1].end >= clause):
        return [], 1.0
    former = FORMER_LATTER.search(lead)
    if former and before and len(before[-1]) == 2:
        # 二人…，前者被控煽動，後者被控分裂國家
        return [before[-1][0 if former.group(1) == zh("前者") else 1]], 0.1
    if before and before[-1][-1].end >= clause:
        return _before(before[-1], f, hit.start, 0.0)
    if not before and len(context.last_group) > 1:
        plural = PLURAL_LEAD.match(f)
        n = plural and (
            chinese_number(plural.group("n"))
            if plural.group("n")
            else WORDS.get((plural.group("en") or "").lower())
        )
        if plural and (not n or n == len(context.last_group)):
            return context.last_group, 0.25
        if _counted_in_clause(hit, f[clause : hit.start], context):
            return context.last_group, 0.25
    anaphor = bool(before) and bool(ANAPHOR.match(f[before[-1][-1].end : hit.start]))
    if (UNNAMED_GROUP.search(lead) or OTHERS.search(lead)) and not anaphor:
        return [], 1.0  # 7名泛民…罪成, 其他三名被告認罪: not the named ones
    if before:
        group = before[-1]
        topic = before[0]
        if (
            topic is not group
            and clause_start(f, group[0].start) == clause_start(f, topic[0].start)
            and not SAYS.search(f[topic[-1].end : group[0].start])
        ):
            # 王鳳瑤…悼念陳彥霖，被警方拘捕: the clause's subject, not its object
            return _before(topic, f, hit.start, 0.15)
        if OBJECT_BEFORE.search(f[clause_start(f, group[0].start) : group[0].start]):
            return [], 1.0  # 投票給黨友鄭泳舜，罪名成立: not 鄭泳舜 (nor 李慧琼 before)
        return _before(group, f, hit.start, 0.1)
    if after and after[0][0].start < end and "、" not in f[hit.end : after[0][0].start]:
        # not 47人因初選被控顛覆國家政權、黎智英被控…: the list's next item
        return after[0], 0.1
    if after and clause == 0 and not lead.strip() and after[0][0].start - end <= 12:
        return after[0], 0.1  # 還柙13個月，24歲的唐英傑昨天…: the subject follows
    if after:
        return after[0], 0.2 if len(after) == 1 and SINGULAR.search(lead) else 0.4
    if PRONOUN.search(lead) and not (PRONOUN_SPEAKS.search(lead) or OTHER_DEFENDANT.search(lead)):
        if re.search(zh("被告"), lead) and len(context.defendants) == 1:
            return list(context.defendants.values()), 0.2
        if len(context.last_group) == 1:
            return context.last_group, _pronoun_penalty(hit, f)
    if _ruled_on(hit, f, before, after, context):
        return context.last_group, 0.3
    described = _described(hit, f[: hit.start], f, before, context)
    if described:
        return described, 0.2
    # (not for a term: 他…判囚12個月。他…判監8個月。…共服刑14個月 are parts of a total)
    if (
        hit.kind != "sentence"
        and not before
        and PRONOUN_SUBJECT.match(f)
        and not PRONOUN_SPEAKS.search(f[: hit.start])
        and len(context.last_group) == 1
    ):
        return context.last_group, _pronoun_penalty(hit, f)  # 正因如此，她在…，事後被裁定…罪名成立
    return [], 1.0


def _included(
    s: Sentence, at: int, after: list[list[NameHit]], groups: list[list[NameHit]]
) -> list[NameHit]:
    """The names of a 包括 list after a trigger, read run by run past its semicolons and
    its roles (`_including`, extract25), else the first group after it."""
    first = after[0][0]
    cue = s.folded.rfind(zh("包括"), at, first.start)
    names = included(s.folded, s.text, cue, [n for g in groups for n in g]) if cue >= 0 else None
    if not names or not any(n.start == first.start for n in names):
        return after[0]
    return names


def _pronoun_penalty(hit: Hit, f: str) -> float:
    """How much less sure a fact stated of 他 or 她 is than one of the name: a release after
    the same sentence's arrest (他…被拘捕後獲無條件釋放) stands at 0.6, as the arrest does; a
    release alone (他周四凌晨獲釋, on police bail) or a remand does not (extract18), unless
    the pronoun opens the sentence as its subject (他至今已還柙約九個月: 0.25, extract23;
    not a release: 他周四凌晨獲釋 after 獲准以3萬現金保釋 is the police's bail)."""
    if hit.kind == "released" and ARREST_PASSIVE.search(f[: hit.start]):
        return 0.2
    if hit.kind == "custody" and PRONOUN_SUBJECT.match(f):
        return 0.25
    return 0.3


def _up_to_comma(group: list[NameHit], f: str) -> list[NameHit]:
    kept = group[:1]
    for previous, name in pairwise(group):
        # 認罪的林觀良（48歲，商人）及林啟明: a comma inside brackets ends nothing
        if re.search(r"[,，]", re.sub(r"[(（][^()（）]*[)）]", "", f[previous.end : name.start])):
            break
        kept.append(name)
    return kept


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _before(group: list[NameHit], f: str, at: int, penalty: float) -> tuple[list[NameHit], float]:
    """The people named before a trigger at `at`, unless the words before them make them
    the object of a request (控方申請將李宇軒收押) or those between say it is someone else."""
    if REQUEST.search(f[clause_start(f, group[0].start) : group[0].start]):
        return [], 1.0
    if len(group) > 1 and COMPARED.search(f[: group[0].start]):
        group = group[1:]
    gap = f[group[-1].end : at]
    if EXCEPTED.search(f[clause_start(f, group[0].start) : group[0].start]) and (
        CLAUSE.search(gap) or EXCEPTED_END.match(gap)
    ):
        # 8名被告人中，除了胡志偉，均被控…: all but him (eleventh round); 除黃碧雲外全不獲准
        # 保釋, with no comma (extract14)
        return [], 1.0
    if COMPANION.search(gap) and not CLAUSE.search(gap):
        return [], 1.0  # 許智峯陪同未成年示威者登記被捕: they were, not he
    if penalty and (FUTURE.search(gap) or (SPEAKER.match(gap) and not SELF.search(gap))):
        return [], 1.0  # 區諾軒將會就…罪，選擇認罪; 陳嘉琳認為，…不準保釋
    counted = _last(COUNTED, gap)
    if (
        len(group) > 1
        and counted
        and chinese_number(counted.group(1)) == len(group)
        and _unnamed_items(group, f)
    ):
        return [], 1.0  # 岑子杰和長毛與陳皓桓…，二人都還柙: two of three items, not the names
    if ANAPHOR.match(gap) and len(group) > 1 and not TRIGGER.search(gap):
        counted = COUNTED.search(gap)
        if not counted or chinese_number(counted.group(1)) == len(group):
            return group, 0.05
    singular = SINGULAR.search(gap)
    embedded = singular and not re.search(r"[,;:，；：]\s*$", gap[: singular.start()])
    embedded = embedded and not pronoun_opens_clause(gap, singular)  # english21
    if OTHERS.search(gap) or (penalty and embedded):
        return [], 1.0  # 陳國誠憶起她被捕: she is someone else
    if singular and len(group) > 1:
        return [], 1.0  # 未有阻止第一、第二被告施襲，他…被判監17個月: not the two
    if len(gap) > 40:
        penalty += 0.2
    elif len(gap) > 25:
        penalty += 0.1
    # the count nearest the trigger (…等9人…，2人早前認罪), not 撞向三名警員 (extract43)
    counted = subject_count(gap)
    if counted and (
        chinese_number(counted.group(1)) == len(group)
        or gap[: counted.start()].endswith((zh("等"), zh("共")))
    ):
        penalty = 0.05  # 三人早前認罪: the three just named; 李柱銘等9人, …陳皓桓共13人: they
    elif counted:
        return [], 1.0  # 2人早前認罪, 7人被判罪成: some of them, not which
    return group, penalty


#: What joins the items of a list between two names (以及 before the single joiners).
ITEM_JOINER = re.compile(zh(r"以及|[、及和與]"))


def _unnamed_items(group: list[NameHit], f: str) -> int:
    """How many items of a list of names are no name found (岑子杰和長毛與陳皓桓: 長毛, a
    nickname), counted by the joiners between two names: a count after the list as large
    as its names is not all its items, so it does not say which (extract25)."""
    extra = 0
    for previous, name in pairwise(group):
        gap = re.sub(r"[(（][^()（）]*[)）]", "", f[previous.end : name.start])
        extra += max(0, len(ITEM_JOINER.findall(gap)) - 1)
    return extra


#: A count of the people just named, as the subject or the object of its clause: 兩名被告,
#: 二人, 4人均, 全部被告 (not 其餘7人, 其中3人, 當中兩人, 有3人, 至少6人, 共15人).
CLAUSE_COUNT = re.compile(
    zh(
        r"(?<![其餘他另外中當有之至少逾近共約等超過\d一二兩三四五六七八九十])"
        r"(?:(?P<n>[二兩三四五六七八九十]|\d{1,2})\s*(?:名被告(?:人)?|人(?![士員數次手中之口物]))"
        r"|全部被告|全體被告|各被告|他們|她們|各人)"
        r"(?P<tail>[^,;:，；：。]{0,12})$"
    )
)


#: 無論他們認罪與否, 若二人認罪: a condition, no fact.
UNLESS = re.compile(zh(r"無論|不論|若|如果|假如|倘若|一旦|即使"))


def _counted_in_clause(hit: Hit, lead: str, context: Context) -> bool:
    """A plea, verdict, term or bail stated of a count inside its clause (法官今裁定兩名被告
    罪名不成立; 案件開審，四人否認控罪) is on the group the paragraph has just named when the
    count is that group's (extract17; PLURAL_LEAD reads a count that opens the sentence)."""
    if hit.kind not in ("plea", "verdict", "sentence", "bail_granted", "bail_denied"):
        return False
    m = CLAUSE_COUNT.search(lead)
    if not m or OTHERS.search(m.group("tail")) or UNLESS.search(lead):
        return False
    n = m.group("n")
    count = (2 if n == zh("兩") else chinese_number(n)) if n else None
    return count is None or count == len(context.last_group)


#: A person described by age before the article names them: 26歲男子, 一名26歲的學生.
DESCRIBED = re.compile(
    zh(
        r"(?<!\d)(?P<age>\d{1,2})\s*歲(?:的)?\S{0,6}?"
        r"(?:男子|女子|男生|女生|青年|少年|少女|學生|男|女|被告|司機|工人|職員|社工|護士|教師)"
    )
)


def _described(
    hit: Hit, lead: str, whole: str, before: list[list[NameHit]], context: Context
) -> list[NameHit]:
    """A plea, verdict, term or bail of 26歲男子 (…，他否認全部控罪) when the sentence names
    no one before it and the article names one person, and only one, of that age
    (被告伍文浩（26歲）): a forward reference (extract17)."""
    if before or hit.kind not in ("plea", "verdict", "sentence", "bail_granted", "bail_denied"):
        return []
    # the sentence's own subject, and its only description (not 同案21歲被告, nor
    # 24歲青年、51歲保安員…，17歲中學生…: which term is whose)
    m = DESCRIBED.search(lead)
    if not m or re.search(zh(r"[,;:，；：。]|同案|另一|其中"), lead[: m.start()]):
        return []
    if len(DESCRIBED.findall(whole)) != 1:
        return []
    named = context.aged.get(m.group("age"), set())
    if len(named) != 1:
        return []
    name = next(iter(named))
    return [NameHit(name, m.start(), m.end(), None, False)]


def _ruled_on(
    hit: Hit,
    f: str,
    before: list[list[NameHit]],
    after: list[list[NameHit]],
    context: Context,
) -> bool:
    """A verdict or term a judge gives in a sentence that names no one (裁判官鄭念慈昨午
    裁定兩罪罪成，判即時監禁12個月) is on the one person the paragraph has just named."""
    return (
        hit.kind in ("verdict", "sentence")
        and not before
        and not after
        and len(context.last_group) == 1
        and bool(JUDGE_RULES.match(f))
        and not COUNTED.search(f[: hit.start])  # 裁定4人暴動罪成: four, not which
    )
