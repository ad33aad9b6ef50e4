"""The rules: from one article's sentences to suggested court-case facts (issue #16 §2).

A sentence is read closely only when it has a trigger word (`_lexicon.TRIGGER`). Then, for
each kind, its trigger patterns are matched on the folded sentence and each match is:

1. refused when the words before it in its clause make it a request, a condition or a
   denial (控方要求…, 最高可判處…, 如罪成…): reported speech is not a fact;
2. given its people: the names just before it (passive voice: 黃之鋒、周庭被控…, several
   defendants in one sentence), or just after it (active voice: 拘捕執行總編輯林文宗,
   判處鍾翰林監禁…), or inside it (拒絕周庭保釋); a sentence without a name inherits the
   paragraph's last person or the article's one defendant, with a lower confidence;
3. given its value: the offences named after 被控 (several charges make several
   suggestions), the plea, the verdict, the custody state, or the term after 判囚 in
   months: a total (總刑期) over its parts, one term per person for 分別, nothing for a
   range, a starting point (量刑起點), a suspended term or a maximum;
4. dated by the first date its clause states, 今日 and 昨日 resolved against the article.

Example:
    extract_text(article_id="hkcnews-1", body="黃之鋒今日被判囚10個月。",
                 published="2021-05-06", names=Gazetteer())[0].value  # "10"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._lexicon import (
    HONG_KONG,
    MAINLAND,
    NOT_A_FACT,
    TRIGGER,
    offences_in,
)
from lionrock.library.extract._persons import Gazetteer, NameHit
from lionrock.library.extract._text import (
    TERM_EN,
    TERM_ZH,
    Sentence,
    chinese_number,
    english_months,
    format_months,
    resolve_date,
    sentences,
    short_quote,
    term_months,
    zh,
)

#: Suggestions below this confidence are not proposed (tuned on the dev split only).
MIN_CONFIDENCE = 0.6
KINDS = (
    "arrested",
    "charged",
    "bail_granted",
    "bail_denied",
    "plea",
    "verdict",
    "sentence",
    "custody",
    "released",
)
LONE_SURNAME = re.compile(
    r"(?<![\u3400-\u9fff])([\u3400-\u9fff])(?=" + zh(r"被|遭|獲|亦|則|仍|須|因|承認|否認") + ")"
)
CLAUSE = re.compile(r"[,;:，；：]")
JOINERS = re.compile(
    zh(
        r"^\s*(?:[(（][^)）]{0,6}[)）])?\s*(?:[、及和與同]|以及|[,，]\s*(?:與|及|和|以及))"
        r"[^,;:。，；：]{0,12}$"
    )
)  # 黃之鋒、岑敖暉及梁凱晴; 姚鈞豪、前區議員連桷璋，與議員助理蘇揚浚; not 李卓人想對劉曉波
#: 他們, 二人 starting the clause right after a group: that group (…蔡健瑜，他們同被控…).
ANAPHOR = re.compile(zh(r"^\s*[,，]\s*(?:他們|她們|二人|兩人|三人|四人|五人|各人)"))
COUNTED = re.compile(zh(r"([二兩三四五六七八九十]|\d+)(?:名被告|人|名)"))
RELATIVE_OR_LIST = re.compile(
    zh(
        r"^(?!、)[^,;:，；：。]{0,10}的[^,;:，；：。]{0,10}$|^[^;；。]{0,8}(?<!不)[,，]?\s*(?<!不)包括[^,;:，；：。]{0,10}$"
    )
)
SINGULAR = re.compile(zh(r"他|她|\bhe\b|\bshe\b"), re.IGNORECASE)
OTHERS = re.compile(zh(r"其餘|其他|另外\S{0,3}人|他們|她們"))
PRONOUN = re.compile(zh(r"他|她|其|被告|二人|兩人|三人|\bhe\b|\bshe\b"), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Proposal:
    """One suggested fact, before it is stored (the JSON-lines shape of issue #16 §1)."""

    article: str
    person: str
    person_id: str | None
    kind: str
    value: str
    date: str | None
    quote: str
    confidence: float
    paragraph: int = 0
    statute: str = ""
    section: str = ""
    respectively: bool = False  # one of a 分別 list's terms

    def key(self) -> tuple[str, str, str, str]:
        return (self.article, self.person, self.kind, self.value)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "article": self.article,
            "person": self.person,
            "person_id": self.person_id,
            "kind": self.kind,
            "value": self.value,
            "date": self.date,
            "quote": self.quote,
            "confidence": self.confidence,
        }
        if self.kind == "charged":
            data["statute"] = self.statute
            data["section"] = self.section
        return data


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


@dataclass
class Context:
    """What the rules remember across one article's sentences."""

    published: date | None
    paragraph: int = -1
    last_group: list[NameHit] = field(default_factory=list)
    defendants: dict[str, NameHit] = field(default_factory=dict)
    seen: dict[str, NameHit] = field(default_factory=dict)  # every name so far, by name
    suspended: set[str] = field(default_factory=set)  # 其中單仲偕和蔡耀昌獲緩刑兩年


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(zh(pattern), re.IGNORECASE)


ARREST_PASSIVE = _p(
    r"(?:被|遭|已被|再度被|再被)(?:警方|警務處|國安處|警方國安處|國安警察|廉署|廉政公署)?(?:以\S{0,14}?)?"
    r"(?:拘捕|捕|抓)(?!令)|被捕(?!令)|(?:was|were|been|being|got)\s+(?:re-?)?arrested"
)
ARREST_ACTIVE = _p(r"拘捕(?!令|行動|人數|權)|arrested(?!\s+(?:on|for|in|at|under))")
CHARGE = _p(
    r"被控(?!方|罪)|被(?:正式|落案|加)?(?:起訴|檢控|控告)|被落案|落案(?:起訴|控告)|控以|被加控"
    r"|(?:was|were|been|being)\s+charged|charged\s+with|indicted"
)
BAIL_GRANTED = _p(
    r"(?<![不未])獲(?:准|批|得)?保釋|(?<![不未])准予保釋|批(?:准|出)\S{0,8}?保釋|繼續保釋|保釋獲批"
    r"|granted\s+bail|released\s+on\s+bail|bail\s+was\s+granted"
)
BAIL_DENIED = _p(
    r"拒絕(?P<inner>\S{0,8}?)保釋|拒批(?P<inner2>\S{0,6}?)保釋|不(?:獲|准|予)保釋|保釋(?:申請)?(?:被|遭)(?:拒|駁回)"
    r"|denied\s+bail|refused\s+bail|bail\s+(?:was\s+)?(?:denied|refused)"
)
POLICE_BAIL = _p(r"候查|警署|報到|被捕|拘捕|police\s+bail")
COURT = _p(r"法院|法庭|法官|裁判官|提堂|聆訊|高院|覆核|案中|被告|庭|案|court|magistrate|judge")
PLEA_GUILTY = _p(
    r"(?<!不)(?<!否)認罪(?!答辯)|承認(?:控罪|參與|干犯|\S{0,20}?罪)|pleaded\s+guilty|admitted\s+(?:the\s+)?charges?"
)
PLEA_NOT = _p(
    r"否認(?:控罪|\S{0,16}?罪)|不認罪|pleaded\s+not\s+guilty|denied\s+(?:the\s+)?charges?"
)
ACQUITTED = _p(
    r"罪名不成立|罪不成立|罪不成|無罪釋放|裁定無罪|脫罪|acquitted|found\s+not\s+guilty|cleared\s+of"
)
CONVICTED = _p(
    r"(?<!不)(?<!犯)罪成(?!本)|罪名成立|被定罪|裁定\S{0,12}?成立|found\s+guilty|(?:was|were)\s+convicted"
)
#: Where the offences after 被控 end: the next charge is someone else's (前者被控…，後者被控…).
CHARGE_STOP = _p(
    r"[。;；]|，(?:案件|今日|今早|明天|周|並|但|其後|及後|同時)|被控|被起訴|控以|前者|後者|另一|另外"
)
CONDITIONAL_AFTER = _p(r"^\S{0,3}(?:的話|後可|後會|便會|就會|機會)")
SENTENCE = _p(
    r"判囚|判監|即囚|減至囚|至囚|被囚|改囚|囚(?=\s*[\d一二兩三四五六七八九十半])|判處(?P<obj>\S{0,10}?)監禁|監禁|入獄|"
    r"總刑期為?|刑期為|被判刑(?=\s*[\d一二兩三四五六七八九十半])|jailed\s+for|sentenced\s+to|imprisoned\s+for|in\s+prison|in\s+jail"
)
SUSPENDED = _p(r"緩刑|緩期|suspended")
REMAND_BEFORE = _p(r"羈押|還押|還柙|扣押")
PAST_CASE = _p(r"早前|之前|以往|曾|上次|過去|previous")
NOT_TERM_AFTER = _p(r"^\S{0,3}(?:為量刑起點|量刑起點|起點|為起點|starting)")
RANGE_BEFORE = _p(r"[\d一二兩三四五六七八九十]\s*(?:至|到|-|–|to)\s*$")
RANGE = _p(r"^\s*(?:至|到|-|–|to)\s*[\d一二兩三四五六七八九十]")
REMANDED = _p(
    r"還押(?!期|所|地點|安排)|還柙(?!期|所|地點|安排)|羈押(?!期|所|地點|安排)|懲教署看管|remanded"
    r"|held\s+in\s+custody"
)
SERVING = _p(r"(?<!等候上訴)(?<!不)服刑(?!等候)|serving\s+(?:a|his|her|their)\s+sentence")
RELEASED = _p(
    r"獲釋(?!放令)|獲釋放|出獄|刑滿|(?:被|已|當庭|無條件)釋放(?!令)|released\s+from\s+(?:prison|jail|custody)|walked\s+free"
)
MODAL = _p(r"(?:會|要|可|或|怕|免|得|能|應|有|不|無|毋)\s*$|(?:沒|未)\S{0,2}$")  # 未正式被捕
#: What a clause says will happen is not a fact yet (區諾軒將會就…選擇認罪).
REQUEST = _p(r"要求|申請|建議|促請|尋求|反對|呼籲")
FUTURE = _p(r"將會|將於|擬|打算|計劃|預計|有意|屆時|介時")
#: 陳嘉琳認為，…又不準保釋: what follows a speaker's verb is what they say, not what
#: happened to them (unless they speak of themselves: 自己, 本人).
SPEAKER = _p(
    r"^\S{0,4}?(?:指|表示|稱|說|認為|相信|透露|批評|質疑|強調|坦言|憶述|形容|估計)\s*[,，:：]"
)
SELF = _p(r"自己|本人|我")
NOUN_USE = _p(r"^(?:的)?(?:心理|覺悟|風險|準備|可能|機會|危險|恐懼|人數|數字)|^前")
#: A trigger that modifies a generic noun (被捕人士, 還柙或在囚人士, 被捕者) says nothing
#: of a named person before it.
GENERIC_HEAD = _p(
    r"^(?:中|或在囚|或還柙|或還押|或服刑)?(?:的)?(?:人士|者|人(?!數)|多人|青年|市民)"
    r"|^的[^,;:，；：。、]{0,5}?(?:人士|者|人(?!數))"  # 因維權被捕的愛滋病人
)
#: 而林易昇則否認: the clause has a subject of its own, even when no name was found in it.
OWN_SUBJECT = _p(r"^\s*而\S{2,5}?則")
#: 如在囚人士拒絕…: a condition.
CONDITION = _p(r"^\s*(?:如果|假如|如|若|倘)(?!此|今)")
#: 服刑或還押: which of the two is not said.
EITHER = _p(r"(?:服刑|還押|還柙|在囚|羈押)\S?或\S?(?:服刑|還押|還柙|在囚|羈押)")
#: A plural subject with no name (7名泛民, 其他三名被告, 全部被告): not a named person's fact.
UNNAMED_GROUP = _p(
    r"(?:[二兩三四五六七八九十\d]+\s*(?:名|個|位)|其餘|其他|另外|全部|所有|多名|一批|一眾)\S{0,8}$"
)
QUOTED = re.compile(r"「[^「」]+」|“[^“”]+”")
FORMER_LATTER = _p(r"(前者|後者)\S{0,2}$")
WISH = _p(r"早日|祝願|希望|盼")


def _hits(s: Sentence, found: list[NameHit]) -> Iterator[Hit]:
    f = s.folded
    for m in ARREST_PASSIVE.finditer(f):
        yield Hit("arrested", m.start(), m.end())
    for m in ARREST_ACTIVE.finditer(f):
        if not re.search(zh(r"(?:被|遭|已被)\S{0,12}$"), f[max(0, m.start() - 12) : m.start()]):
            yield Hit("arrested", m.start(), m.end(), active=True)
    for m in CHARGE.finditer(f):
        tail = f[m.end() : m.end() + 90]
        stop = CHARGE_STOP.search(tail)
        for offence in offences_in(tail[: stop.start()] if stop else tail):
            yield Hit(
                "charged", m.start(), m.end(), offence.key, False, offence.statute, offence.section
            )
    clause_court = bool(COURT.search(f))
    for m in BAIL_GRANTED.finditer(f):
        if clause_court and not POLICE_BAIL.search(f[max(0, m.start() - 20) : m.end() + 4]):
            yield Hit("bail_granted", m.start(), m.end(), confidence=0.85)
    for m in BAIL_DENIED.finditer(f):
        inner = m.groupdict().get("inner") or m.groupdict().get("inner2")
        hit = Hit("bail_denied", m.start(), m.end())
        if inner:
            at = m.start("inner") if m.group("inner") else m.start("inner2")
            hit.people = [n for n in found if at <= n.start < at + len(inner)] or None
        yield hit
    for m in PLEA_NOT.finditer(f):
        yield Hit("plea", m.start(), m.end(), "not_guilty")
    for m in PLEA_GUILTY.finditer(f):
        if not PLEA_NOT.search(f[max(0, m.start() - 2) : m.end()]):
            yield Hit("plea", m.start(), m.end(), "guilty")
    for m in ACQUITTED.finditer(f):
        yield Hit("verdict", m.start(), m.end(), "acquitted")
    for m in CONVICTED.finditer(f):
        acquitted = ACQUITTED.search(f[max(0, m.start() - 3) : m.end() + 2])
        if not acquitted and not CONDITIONAL_AFTER.search(f[m.end() :]):
            yield Hit("verdict", m.start(), m.end(), "convicted")
    yield from _sentence_hits(s, found)
    either = [(m.start(), m.end()) for m in EITHER.finditer(f)]
    for pattern, value, confidence in (
        (REMANDED, "remanded", 0.85),
        (SERVING, "serving_sentence", 0.8),
    ):
        for m in pattern.finditer(f):
            if not any(a <= m.start() < b for a, b in either):
                yield Hit("custody", m.start(), m.end(), value, confidence=confidence)
    for m in RELEASED.finditer(f):
        if not WISH.search(f[max(0, m.start() - 6) : m.start()]):
            yield Hit("released", m.start(), m.end(), confidence=0.8)


def _terms(f: str, text: str, start: int) -> list[tuple[int, int, float]]:
    """The terms right after a sentence trigger (within a few characters, and in a row
    when several follow: 分別判囚 7 個月、10個月及13.5 個月)."""
    found: list[tuple[int, int, float]] = []
    position = start
    for _ in range(6):
        window = f[position : position + 14]
        m = TERM_ZH.search(window)
        months: float | None = None
        if m and ((not found and m.start() <= 8) or (found and m.start() <= 3)):
            if (m.group("days") or m.group("weeks")) and m.start() > 3:
                break
            months = term_months(m)
            a, b = position + m.start(), position + m.end()
        else:
            e = TERM_EN.search(text[position : position + 40])
            if not e or e.start() > 12:
                break
            months = english_months(e)
            a, b = position + e.start(), position + e.end()
        if months is None or RANGE.search(f[b : b + 6]) or NOT_TERM_AFTER.search(f[b : b + 8]):
            break
        if RANGE_BEFORE.search(f[max(0, a - 4) : a]):
            break
        found.append((a, b, months))
        position = b
    return found


def _sentence_hits(s: Sentence, found: list[NameHit]) -> Iterator[Hit]:
    f = s.folded
    total = re.search(zh(r"總刑期為?|合共判囚|共判囚|total\s+of"), f)
    for m in SENTENCE.finditer(f):
        if total and m.start() < total.start() and "总刑期" not in f[m.start() : m.end()]:
            continue
        if REMAND_BEFORE.search(f[max(0, m.start() - 3) : m.start()]):
            continue  # 已羈押入獄共三個月: remand, not a term
        start = m.end()
        terms = _terms(f, s.text, start)
        if not terms:
            continue
        if SUSPENDED.search(f[_clause_start(f, m.start()) : _clause_end(f, terms[-1][1])]):
            continue  # 判囚12個月，緩刑2年: suspended
        obj = m.groupdict().get("obj")
        people = None
        if obj:
            at = m.start("obj")
            people = [n for n in found if at <= n.start < at + len(obj)] or None
        respectively = re.search(zh(r"分別\S{0,4}$"), f[max(0, m.start() - 6) : m.start()])
        if respectively and len(terms) > 1:
            for i, (_a, _b, months) in enumerate(terms):
                yield Hit("sentence", m.start(), m.end(), format_months(months), False,
                          statute=str(i), confidence=0.8)  # fmt: skip
            continue
        hit = Hit("sentence", m.start(), terms[0][1], format_months(terms[0][2]), people=people)
        after = f[terms[0][1] : terms[0][1] + 3]
        if after.startswith(zh("的")):
            hit.active = True
        yield hit


def _groups(names: list[NameHit], f: str) -> list[list[NameHit]]:
    """Names next to each other (黃之鋒、岑敖暉、袁嘉蔚及梁凱晴) form one group."""
    groups: list[list[NameHit]] = []
    for name in names:
        gap = f[groups[-1][-1].end : name.start] if groups else None
        if gap is not None and JOINERS.match(gap) and not TRIGGER.search(gap):
            groups[-1].append(name)
        else:
            groups.append([name])
    return groups


def _clause_start(f: str, at: int) -> int:
    starts = [m.end() for m in CLAUSE.finditer(f, 0, at)]
    return starts[-1] if starts else 0


def _clause_end(f: str, at: int) -> int:
    m = CLAUSE.search(f, at)
    return m.start() if m else len(f)


def _people(
    hit: Hit, s: Sentence, groups: list[list[NameHit]], context: Context
) -> tuple[list[NameHit], float]:
    """Who the hit is about, and how sure the rules are of it."""
    if hit.people:
        return hit.people, 0.0
    f = s.folded
    clause, clause_end = _clause_start(f, hit.start), _clause_end(f, hit.end)
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
        return (after[0], 0.0) if listed or one_of else ([], 1.0)
    if hit.active:
        # 警方拘捕林文宗: the one arrested comes after; a name before is who arrested
        if after and (listed or after[0][0].start < clause_end + 1):
            return after[0], 0.0
        return [], 1.0
    if listed:
        return after[0], 0.0  # 認罪的前議員區諾軒, 拘捕5人，包括姚鈞豪…
    lead = f[clause : hit.start]
    if OWN_SUBJECT.search(lead) and not (before and before[-1][-1].end >= clause):
        return [], 1.0
    former = FORMER_LATTER.search(lead)
    if former and before and len(before[-1]) == 2:
        # 二人…，前者被控煽動，後者被控分裂國家
        return [before[-1][0 if former.group(1) == zh("前者") else 1]], 0.1
    if before and before[-1][-1].end >= clause:
        return _before(before[-1], f, hit.start, 0.0)
    anaphor = bool(before) and bool(ANAPHOR.match(f[before[-1][-1].end : hit.start]))
    if (UNNAMED_GROUP.search(lead) or OTHERS.search(lead)) and not anaphor:
        return [], 1.0  # 7名泛民…罪成, 其他三名被告認罪: not the named ones
    if before:
        group = before[-1]
        topic = before[0]
        if topic is not group and _clause_start(f, group[0].start) == _clause_start(
            f, topic[0].start
        ):
            # 王鳳瑤…悼念陳彥霖，被警方拘捕: the clause's subject, not its object
            return _before(topic, f, hit.start, 0.15)
        return _before(group, f, hit.start, 0.1)
    if after and after[0][0].start < clause_end and not f[hit.end :].startswith("、"):
        return after[0], 0.1
    if after and clause == 0 and not lead.strip() and after[0][0].start - clause_end <= 12:
        return after[0], 0.1  # 還柙13個月，24歲的唐英傑昨天…: the subject follows
    if after:
        return after[0], 0.2 if len(after) == 1 and SINGULAR.search(lead) else 0.4
    if PRONOUN.search(lead):
        if re.search(zh("被告"), lead) and len(context.defendants) == 1:
            return list(context.defendants.values()), 0.2
        if len(context.last_group) == 1:
            return context.last_group, 0.3
    return [], 1.0


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def _before(group: list[NameHit], f: str, at: int, penalty: float) -> tuple[list[NameHit], float]:
    """The people named before a trigger at `at`, unless the words before them make them
    the object of a request (控方申請將李宇軒收押) or those between say it is someone else."""
    if REQUEST.search(f[_clause_start(f, group[0].start) : group[0].start]):
        return [], 1.0
    gap = f[group[-1].end : at]
    if penalty and (FUTURE.search(gap) or (SPEAKER.match(gap) and not SELF.search(gap))):
        return [], 1.0  # 區諾軒將會就…罪，選擇認罪; 陳嘉琳認為，…不準保釋
    if ANAPHOR.match(gap) and len(group) > 1 and not TRIGGER.search(gap):
        counted = COUNTED.search(gap)
        if not counted or chinese_number(counted.group(1)) == len(group):
            return group, 0.05
    singular = SINGULAR.search(gap)
    embedded = singular and not re.search(r"[,;:，；：]\s*$", gap[: singular.start()])
    if OTHERS.search(gap) or (penalty and embedded):
        return [], 1.0  # 陳國誠憶起她被捕: she is someone else
    if len(gap) > 40:
        penalty += 0.2
    elif len(gap) > 25:
        penalty += 0.1
    counted = _last(COUNTED, gap)  # the count nearest the trigger (…等9人…，2人早前認罪)
    if counted and (
        chinese_number(counted.group(1)) == len(group) or gap[: counted.start()].endswith(zh("等"))
    ):
        penalty = 0.05  # 三人早前認罪: the three just named; 李柱銘等9人: they, and others
    elif counted:
        return [], 1.0  # 2人早前認罪, 7人被判罪成: some of them, not which
    return group, penalty


def _refused(hit: Hit, s: Sentence) -> bool:
    f = s.folded
    clause = _clause_start(f, hit.start)
    lead = f[max(clause, hit.start - 12) : hit.start]
    whole = f[clause : hit.start]
    if (
        NOT_A_FACT.search(lead)
        or MODAL.search(lead)
        or FUTURE.search(whole)
        or CONDITION.match(whole)
    ):
        return True
    if hit.kind == "arrested" and NOUN_USE.search(f[hit.end : hit.end + 6]):
        return True
    english = s.text[max(0, hit.start - 40) : hit.start]
    return bool(re.search(r"\b(?:if|may|might|could|would|faces?|facing)\b[^.,;]*$", english))


def extract_sentence(
    s: Sentence, *, article_id: str, names: Gazetteer, context: Context
) -> list[Proposal]:
    """The suggestions one sentence makes (and what it teaches the context)."""
    found = names.find(s.text, s.folded)
    found = sorted(found + _surname_mentions(s, context.seen, found), key=lambda h: h.start)
    for name in found:
        context.seen.setdefault(name.name, name)
    if s.paragraph != context.paragraph:
        context.paragraph, context.last_group = s.paragraph, []
    for name in found:
        if re.search(
            zh(r"被告\S{0,2}$|defendant\s+$"), s.folded[max(0, name.start - 4) : name.start]
        ):
            context.defendants.setdefault(name.name, name)
    mainland = MAINLAND.search(s.folded)
    if (
        s.text.endswith(("？", "?"))
        or not TRIGGER.search(s.folded)
        or (mainland and not HONG_KONG.search(s.folded))
    ):
        if found:
            context.last_group = _groups(found, s.folded)[-1]
        return []
    hits = list(_hits(s, found))
    groups = _groups(found, s.folded)
    _note_suspended(s, found, context)
    # a quotation that is only a name (「快必」) is no quotation
    quotes = [
        (m.start(), m.end())
        for m in QUOTED.finditer(s.folded)
        if not any(n.start == m.start() + 1 and n.end == m.end() - 1 for n in found)
    ]
    proposals: list[Proposal] = []
    for hit in hits:
        if _refused(hit, s):
            continue
        clause = s.folded[_clause_start(s.folded, hit.start) : _clause_end(s.folded, hit.end)]
        if mainland and MAINLAND.search(clause):
            continue
        # A name inside a quotation is not the subject of a trigger outside it, and the
        # reverse: 被告…認罪，並稱「…黃之鋒、許智峯…」, 「赴湯杜火」…罪名不成立.
        inside = _quote_of(hit.start, quotes)
        visible = [g for g in groups if _quote_of(g[0].start, quotes) == inside]
        people, penalty = _people(hit, s, visible, context)
        if hit.kind == "sentence" and hit.statute.isdigit():  # one of 分別's terms
            index = int(hit.statute)
            group = next((g for g in reversed(groups) if g[-1].end <= hit.start), [])
            if len(group) < 2 or index >= len(group):
                continue
            people, hit = [group[index]], replace(hit, statute="", section="respectively")
        when = resolve_date(clause, context.published, s.text) or None
        for person in people:
            confidence = round(max(0.0, hit.confidence - penalty + _name_weight(person, s)), 2)
            proposals.append(
                Proposal(
                    article=article_id,
                    person=person.name,
                    person_id=person.entity_id,
                    kind=hit.kind,
                    value=hit.value,
                    date=when,
                    quote=short_quote(s.text, hit.start),
                    confidence=min(confidence, 0.99),
                    paragraph=s.paragraph,
                    statute=hit.statute,
                    section="" if hit.section == "respectively" else hit.section,
                    respectively=hit.section == "respectively",
                )
            )
    if groups:
        context.last_group = groups[-1]
    return proposals


def _note_suspended(s: Sentence, found: list[NameHit], context: Context) -> None:
    """The people a clause says got a suspended term in this case (not 早前…均獲判緩刑)."""
    f = s.folded
    for m in SUSPENDED.finditer(f):
        clause = f[_clause_start(f, m.start()) : _clause_end(f, m.end())]
        if PAST_CASE.search(clause):
            continue
        a, b = _clause_start(f, m.start()), _clause_end(f, m.end())
        context.suspended.update(n.name for n in found if a <= n.start < b)


def _name_weight(person: NameHit, s: Sentence) -> float:
    """A record's name adds to a suggestion's confidence; a guessed name of two Chinese
    characters (陳情, 陳辭 are words), or a guessed English name in a Chinese sentence
    (Operation Coldstore), takes from it."""
    if person.known:
        return 0.05
    if not HAN_RE.search(person.name):
        return -0.2 if len(HAN_RE.findall(s.text)) > len(s.text) // 3 else 0.0
    return -0.1 if len(person.name) == 2 else 0.0


def _quote_of(at: int, quotes: list[tuple[int, int]]) -> int:
    """Which long quotation of the sentence an offset is in (-1: none)."""
    return next((i for i, (a, b) in enumerate(quotes) if a <= at < b), -1)


def _surname_mentions(s: Sentence, seen: dict[str, NameHit], found: list[NameHit]) -> list[NameHit]:
    """余被控…, 李因須…: a lone surname stands for the one person of that surname the
    article has named so far (and for no one when it has named several)."""
    by_surname: dict[str, list[NameHit]] = {}
    for hit in seen.values():
        if HAN_RE.match(hit.name[:1]):
            by_surname.setdefault(fold(hit.name[0]), []).append(hit)
    extra: list[NameHit] = []
    for m in LONE_SURNAME.finditer(s.folded):
        people = by_surname.get(m.group(1), [])
        if len(people) == 1 and not any(h.start <= m.start() < h.end for h in found):
            person = people[0]
            extra.append(NameHit(person.name, m.start(), m.end(), person.entity_id, person.known))
    return extra


def extract_text(
    *,
    article_id: str,
    body: str,
    published: str | None,
    names: Gazetteer,
    min_confidence: float = MIN_CONFIDENCE,
    progress: Callable[[], None] | None = None,
) -> list[Proposal]:
    """Every suggestion an article's text makes, one per (person, kind, value), the most
    confident first.

    Example: `extract_text(article_id="x", body="周庭被判囚10個月。", published=None,
    names=Gazetteer())[0].kind` is `"sentence"`.
    """
    try:
        day = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        day = None
    context = Context(published=day)
    best: dict[tuple[str, str, str, str], Proposal] = {}
    # Names are looked for only where they can matter (segmentation is the costly step):
    # in a sentence with a trigger, and in the one before it in its paragraph (他, 被告).
    every = list(sentences(body))
    read = [bool(TRIGGER.search(s.folded)) for s in every]
    for i, s in enumerate(every):
        if not read[i]:
            following = i + 1 < len(every) and read[i + 1]
            if not (following and every[i + 1].paragraph == s.paragraph):
                continue
        for proposal in extract_sentence(s, article_id=article_id, names=names, context=context):
            if proposal.confidence < min_confidence:
                continue
            kept = best.get(proposal.key())
            if kept is None or (kept.date is None and proposal.date is not None):
                best[proposal.key()] = (
                    proposal if kept is None else replace(kept, date=proposal.date)
                )
    # a term the article says elsewhere was suspended for that person is not a custodial one
    custodial = [
        p for p in best.values() if not (p.kind == "sentence" and p.person in context.suspended)
    ]
    return sorted(_consistent(custodial), key=lambda p: (-p.confidence, p.person, p.kind, p.value))


def _consistent(proposals: Iterable[Proposal]) -> list[Proposal]:
    """A 分別 list of terms that the article contradicts elsewhere (判囚 7、10 及 13.5 個月,
    then 判囚 10 個月的周庭) is garbled: all of its terms are dropped. An unnamed national-
    security charge of someone charged with a named one is dropped too."""
    kept = list(proposals)
    terms: dict[str, set[str]] = {}
    for p in kept:
        if p.kind == "sentence":
            terms.setdefault(p.person, set()).add(p.value)
    garbled = {p.quote for p in kept if p.respectively and len(terms[p.person]) > 1}
    kept = [p for p in kept if not (p.respectively and p.quote in garbled)]
    # 違反國安法 names no offence: said of someone the article charges with one, it is that
    # charge again (黎智英被控違反國安法第29條 … 勾結外國勢力), not another.
    named = {p.person for p in kept if p.kind == "charged" and p.statute == "nsl" and p.section}
    return [p for p in kept if not (p.value == "nsl_unspecified" and p.person in named)]
