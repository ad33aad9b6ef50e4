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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from itertools import pairwise
from typing import Any

from lionrock.fold import HAN_RE, fold
from lionrock.library.extract._abroad import abroad_only, abroad_sentence
from lionrock.library.extract._aliases import one_name_each
from lionrock.library.extract._allnamed import named_after_all, named_before_all
from lionrock.library.extract._arrest_forms import arrest_people, passive_hits
from lionrock.library.extract._bail_group import (
    COUNT_INNER,
    REFUSED,
    counted_bail,
    refused_people,
)
from lionrock.library.extract._cast import active_charges, cast_people, listed_names
from lionrock.library.extract._charge_before import charges_before
from lionrock.library.extract._charge_forms import charge_forms
from lionrock.library.extract._charge_says import charge_says
from lionrock.library.extract._charged_among import charged_among
from lionrock.library.extract._consistency import consistent, keep_best
from lionrock.library.extract._counted import HEAD as COUNTED_HEAD
from lionrock.library.extract._counted import PEOPLE_HEAD
from lionrock.library.extract._counted_verdict import counted_verdict
from lionrock.library.extract._described import described_members
from lionrock.library.extract._en_charge import english_active_charges
from lionrock.library.extract._en_surname import english_surnames
from lionrock.library.extract._english_forms import written_in_english
from lionrock.library.extract._english_hits import offence_referred, sent_to_remand
from lionrock.library.extract._face_charges import facing_charges
from lionrock.library.extract._focus import focused, held_for_focus, the_defendant
from lionrock.library.extract._forward import forward_subject, forwarded, note_lede
from lionrock.library.extract._group_subject import listing_pronoun
from lionrock.library.extract._groups import (
    group_mentions,
    names_again,
    names_lengthened,
    names_uncut,
    surname_mentions,
)
from lionrock.library.extract._headed import headed_count, headed_listing, headed_ordered
from lionrock.library.extract._held import held_hits
from lionrock.library.extract._joined import names_joined
from lionrock.library.extract._lexicon import (
    HONG_KONG,
    MAINLAND,
    NOT_A_FACT,
    TRIGGER,
    mainland_leaning,
    mainland_only,
    mostly_mainland,
    named_as_official,
    offences_in,
)
from lionrock.library.extract._listing import LISTED, OWN_CHARGES, listed_defendants
from lionrock.library.extract._lone import behind_unresolved
from lionrock.library.extract._members import MEMBERS, group_charge, member_listing
from lionrock.library.extract._nicknames import nickname_mentions
from lionrock.library.extract._order import CUE as ORDER_CUE
from lionrock.library.extract._order import MENTION as ORDER_MENTION
from lionrock.library.extract._ordinals import ordered_listing
from lionrock.library.extract._patterns import (
    ACCUSED_AT_ARREST,
    ACQUITTED,
    ARREST_ACTIVE,
    ARREST_PASSIVE,
    ASSOCIATES_BEFORE,
    BAIL_DENIED,
    BAIL_GRANTED,
    BAIL_TOPIC,
    CHARGE,
    CHARGE_STOP,
    CHARGED_BY,
    CONDITION,
    CONDITIONAL_AFTER,
    CONVICTED,
    COURT,
    COURT_TOO,
    DEFENCE_SAYS,
    EITHER,
    FUTURE,
    HYPOTHETICAL,
    KIN_BEFORE,
    MAY_RELEASE,
    MODAL,
    MUST_TERM,
    NOT_CHARGED_YET,
    NOT_LET,
    NOUN_USE,
    PAST_CASE,
    PLEA_ACT,
    PLEA_ACT_SPAN,
    PLEA_GUILTY,
    PLEA_NOT,
    PLEA_TIMED,
    POLICE_BAIL,
    POLICE_HELD,
    QUOTED,
    RELATED,
    RELEASED,
    REMANDED,
    RISK_AFTER,
    SERVING,
    SUSPENDED,
    UNNAMED_INNER,
    WILL_PLEAD,
    WISH,
)
from lionrock.library.extract._persons import Gazetteer, NameHit
from lionrock.library.extract._question import asks
from lionrock.library.extract._reach_forms import guilty_hits, reach_head
from lionrock.library.extract._recharged import recharged
from lionrock.library.extract._refused import refused_among
from lionrock.library.extract._release_forms import release_forms
from lionrock.library.extract._remand_after import refused_remanded
from lionrock.library.extract._remand_centre import centre_hits
from lionrock.library.extract._revoked import revoked_hits
from lionrock.library.extract._ruled import ACCUSED_KINDS, ruled_back, ruled_named
from lionrock.library.extract._subjects import (
    Context,
    Hit,
    clause_end,
    clause_start,
    name_groups,
    people_of,
)
from lionrock.library.extract._surname_subject import paragraph_surnames
from lionrock.library.extract._terms import sentence_hits
from lionrock.library.extract._text import (
    Sentence,
    resolve_date,
    sentences,
    short_quote,
    zh,
)
from lionrock.library.extract._title import title_facts
from lionrock.library.extract._titled import lede_agrees, titled_defendant, titled_facts
from lionrock.library.extract._topic import (
    forward_penalty,
    pronoun_release_penalty,
    topic_penalty,
)
from lionrock.library.extract._verdicts import more_verdicts, relative_head

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
    total: bool = False  # a total term (總刑期為, 合共判囚): the person's parts are not terms
    part: bool = False  # one count's term (就禁蒙面法，…判囚6個月): not the sentencing's

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


def _names_blanked(f: str, found: list[NameHit]) -> str:
    """`f` with the names found in it blanked out, so that a name is never read as a word
    of the sentence: 周庭 holds 庭, which is no court (周庭獲警方批准保釋 is the police's)."""
    for n in found:
        f = f[: n.start] + " " * (n.end - n.start) + f[n.end :]
    return f


def _hits(s: Sentence, found: list[NameHit]) -> Iterator[Hit]:
    f = s.folded
    for m in ARREST_PASSIVE.finditer(f):
        yield Hit("arrested", m.start(), m.end())
    for m in ARREST_ACTIVE.finditer(f):
        if not re.search(zh(r"(?:被|遭|已被)\S{0,12}$"), f[max(0, m.start() - 12) : m.start()]):
            yield Hit("arrested", m.start(), m.end(), active=True)
    for a, b in passive_hits(f):  # 被警方無理拘捕, 被國安拘捕 (arrests21)
        yield Hit("arrested", a, b)
    for m in CHARGE.finditer(f):
        tail = f[m.end() : m.end() + 90]
        # …by the national security law|-appointed judge: the window ends after a whole word
        tail += re.match(r"[\w-]*", f[m.end() + 90 :]).group()  # type: ignore[union-attr]
        if ACCUSED_AT_ARREST.match(tail):
            continue  # 被控違反國安法被捕的余慧明: accused at an arrest, not yet charged
        stop = CHARGE_STOP.search(tail)
        for offence in offences_in(tail[: stop.start()] if stop else tail):
            yield Hit(
                "charged", m.start(), m.end(), offence.key, False, offence.statute, offence.section
            )
    for m in CHARGED_BY.finditer(f):
        for offence in offences_in(m.group("by") or m.group("for")):
            yield Hit(
                "charged", m.start(), m.end(), offence.key, False, offence.statute, offence.section
            )
    yield from active_charges(f, found)  # 警方正式起訴鄒幸彤… (fifteenth round)
    yield from english_active_charges(f, found)  # police charged Tam Tak-chi with (extract49)
    yield from charge_says(f, found)  # 控罪指，鄒幸彤於… (extract43)
    yield from charges_before(f)  # 各涉一項非法禁錮，被控… (extract55)
    yield from facing_charges(f)  # 面對包括藐視罪在內的控罪 (face21)
    yield from recharged(f, found)  # 今改控 6 人串謀參與暴動罪 (extract55)
    yield from charge_forms(f)  # 因國安法被控, 被告發表煽動文字罪, 控罪1： (charges21)
    clause_court = bool(COURT.search(_names_blanked(f, found))) or _court_too(f)
    for m in BAIL_GRANTED.finditer(f):
        # 獲准以1000元保釋離開大埔警署: the police station can follow the bail
        police = POLICE_BAIL.search(f[max(0, m.start() - 20) : m.end() + 8])
        topic = BAIL_TOPIC.match(f, m.end())
        if NOT_LET.search(f[max(0, m.start() - 10) : m.start()]):
            continue
        if (
            # 保釋申請獲批 (extract14), 可按原有條件保釋 (extract31): a court's
            (clause_court or zh("申請") in m.group() or m.group().startswith(zh("可")))
            and not police
            and not topic
            and not POLICE_HELD.search(f[m.end() : m.end() + 25])
        ):
            hit = Hit("bail_granted", m.start(), m.end(), confidence=0.85)
            if m.group("inner"):  # 批准許智峯及林卓廷保釋: the names inside (eighth round)
                at, inner = m.start("inner"), m.group("inner")
                hit.people = [n for n in found if at <= n.start < at + len(inner)] or None
                # 除了A和B須還柙，…批准其餘9人保釋: not A and B; but 批准二人以1000元現金
                # 保釋 is the two the paragraph named, read by `counted_bail` (extract23)
                if (
                    hit.people is None
                    and UNNAMED_INNER.search(inner)
                    and not COUNT_INNER.match(f, m.start())
                ):
                    continue
            yield hit
    for m in BAIL_DENIED.finditer(f):
        inner = m.groupdict().get("inner") or m.groupdict().get("inner2")
        hit = Hit("bail_denied", m.start(), m.end())
        if REFUSED.match(f, m.start()):  # 張可森被拒保釋 (extract23)
            refused = refused_people(f, m.start(), found)
            if refused == []:
                continue
            hit.people = refused
        if inner:
            at = m.start("inner") if m.group("inner") else m.start("inner2")
            hit.people = [n for n in found if at <= n.start < at + len(inner)] or None
        elif m.group("inner3"):
            at, inner = m.start("inner3"), m.group("inner3")
            hit.people = [n for n in found if at <= n.start < at + len(inner)] or None
            if hit.people is None and not re.fullmatch(zh(r"被告"), inner):
                continue  # 不准三人保釋: which three is not said here
            if hit.people is None:  # 不准被告保釋: the article's one defendant, as 被告…保釋
                hit = Hit("bail_denied", m.end("inner3"), m.end())
        yield hit
    yield from revoked_hits(f)  # 被法庭撤銷原有保釋 (extract45)
    yield from release_forms(f)  # 王志榮無罪釋放, 獲法官准許保釋, 現保釋候上訴 (release21)
    for m in PLEA_NOT.finditer(f):
        yield Hit("plea", m.start(), m.end(), "not_guilty")
    for m in PLEA_GUILTY.finditer(f):
        if not PLEA_NOT.search(f[max(0, m.start() - 2) : m.end()]):
            yield Hit("plea", m.start(), m.end(), "guilty")
    for m in PLEA_ACT.finditer(f):
        span = PLEA_ACT_SPAN.match(f, m.end())
        if span and offences_in(span.group()):
            value = "guilty" if m.group("verb") == zh("承認") else "not_guilty"
            yield Hit("plea", m.start(), m.end(), value)
    for m in ACQUITTED.finditer(f):
        yield Hit("verdict", m.start(), m.end(), "acquitted")
    for m in CONVICTED.finditer(f):
        acquitted = ACQUITTED.search(f[max(0, m.start() - 3) : m.end() + 2])
        if not acquitted and not CONDITIONAL_AFTER.search(f[m.end() :]):
            yield Hit("verdict", m.start(), m.end(), "convicted")
    yield from more_verdicts(f, found)  # 戴耀廷定罪, 獲判無罪 (extract51)
    yield from guilty_hits(f)  # 他被判有罪 (reach21)
    # 迎來監禁的一天: a day after the trigger rounds to no month, and is no term
    yield from (h for h in sentence_hits(s, found) if h.value != "0")  # extract57
    either = [(m.start(), m.end()) for m in EITHER.finditer(f)]
    for pattern, value, confidence in (
        (REMANDED, "remanded", 0.85),
        (SERVING, "serving_sentence", 0.8),
    ):
        for m in pattern.finditer(f):
            if not any(a <= m.start() < b for a, b in either):
                yield Hit("custody", m.start(), m.end(), value, confidence=confidence)
    yield from centre_hits(f)  # 被送進茘枝角收押所 (extract42)
    yield from held_hits(f)  # 未審先被拘押，不能保釋 (extract42)
    yield from sent_to_remand(f, found)  # was sent to a detention centre (english21)
    for m in RELEASED.finditer(f):
        if not WISH.search(f[max(0, m.start() - 6) : m.start()]):
            yield Hit("released", m.start(), m.end(), confidence=0.8)


def _refused(hit: Hit, s: Sentence) -> bool:
    f = s.folded
    clause = clause_start(f, hit.start)
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
    if RISK_AFTER.match(f, hit.end):
        return True
    if (
        (hit.kind == "sentence" and MUST_TERM.search(lead))
        or (hit.kind == "released" and MAY_RELEASE.search(lead))
        or (hit.kind == "plea" and WILL_PLEAD.search(lead))
    ):
        return True
    if _hypothetical(hit, f, whole):
        return True
    if KIN_BEFORE.search(f[max(0, hit.start - 8) : hit.start]) or DEFENCE_SAYS.search(f):
        return True
    if ASSOCIATES_BEFORE.search(f[max(0, hit.start - 10) : hit.start]):
        return True
    english = s.text[max(0, hit.start - 40) : hit.start]
    return bool(re.search(r"\b(?:if|may|might|could|would|faces?|facing)\b[^.,;]*$", english))


#: 伍文浩（26歲）, 26歲被告伍文浩, 26歲的伍文浩: a name and its age side by side.
AGE_AFTER = re.compile(zh(r"^\s*[(（]\s*(\d{1,2})\s*歲"))
AGE_BEFORE = re.compile(zh(r"(?<!\d)(\d{1,2})\s*歲(?:的)?[^\s\d,;:，；：。、()（）]{0,6}$"))


def ages_named(every: list[Sentence], names: Gazetteer, article: str) -> dict[str, set[str]]:
    """The names the article writes beside an age, by age: what 26歲男子 before the name
    can stand for (extract17)."""
    aged: dict[str, set[str]] = {}
    for s in every:
        if zh("歲") not in s.folded:
            continue
        found = names_uncut(s, names_lengthened(s, names.find(s.text, s.folded), article), article)
        for n in found:
            m = AGE_AFTER.match(s.folded[n.end : n.end + 8]) or AGE_BEFORE.search(
                s.folded[max(0, n.start - 12) : n.start]
            )
            if m:
                aged.setdefault(m.group(1), set()).add(n.name)
    return aged


def _court_too(f: str) -> bool:
    """A sentence whose bail is a court's though it names no court (extract17)."""
    return bool(COURT_TOO.search(f)) and not NOT_CHARGED_YET.search(f)


def _hypothetical(hit: Hit, f: str, whole: str) -> bool:
    """A plea that only times what will happen after it (控方在認罪後將反對…保釋), and a
    verdict conceded for argument's sake (即使唐英傑…罪名不成立), are not facts (extract14)."""
    if hit.kind == "plea" and PLEA_TIMED.match(f[hit.end : hit.end + 10]):
        return True
    return hit.kind == "verdict" and bool(HYPOTHETICAL.search(whole))


def extract_sentence(
    s: Sentence, *, article_id: str, names: Gazetteer, context: Context
) -> list[Proposal]:
    """The suggestions one sentence makes (and what it teaches the context)."""
    found = names_lengthened(s, names.find(s.text, s.folded), context.text)
    found = names_uncut(s, found, context.text)
    found += nickname_mentions(s, context.text, context.seen, found)  # 「長毛」 alone (face21)
    found.sort(key=lambda h: h.start)
    listed = listed_names(s, found)
    context.listed.update({h.name: h for h in listed})
    found = sorted(found + listed, key=lambda h: h.start)
    found = sorted(found + names_joined(s.folded, s.text, found), key=lambda h: h.start)
    found += surname_mentions(s, context.seen, found, context.orders)
    found += paragraph_surnames(s, context, found)  # 其中譚…；陳被控…: the paragraph's 陳
    # Tam was denied bail (extract32), Tam named paragraphs before (extract49)
    found += english_surnames(s, context.seen, found, context.body, names)
    again = {**context.counted.names(), **context.listed, **context.defendants}
    found += names_again(s, again, context.orders, found)
    found = sorted(found + context.orders.mentions(s.folded, found), key=lambda h: h.start)
    before = context.last_names if s.paragraph == context.paragraph else []
    found = group_mentions(s.folded, found, context.orders, context.last_group, before)
    found = sorted(found + context.counted.mentions(s.folded, found, before), key=lambda h: h.start)
    found = named_after_all(s.folded, found)  # 全部被告罪成，A、B須即時監禁 (extract26)
    found = named_before_all(s.folded, found)  # A、B等4人認罪，…全部被告須還柙 (extract53)
    _note_paragraph_names(s, context)
    context.last_names = found
    for name in found:
        context.seen.setdefault(name.name, name)
    note_lede(s.folded, s.paragraph, context)  # 40歲倉務員… opens the article (extract46)
    if s.paragraph != context.paragraph:
        context.paragraph, context.last_group = s.paragraph, []
    for name in found:
        if re.search(
            zh(r"被告\S{0,2}$|defendant\s+$"), s.folded[max(0, name.start - 4) : name.start]
        ):
            context.defendants.setdefault(name.name, name)
    mainland = MAINLAND.search(s.folded)
    if (
        asks(s)  # not a quoted question after the facts (問：「夠唔夠衫？, face21)
        or RELATED.match(s.folded)
        or not TRIGGER.search(s.folded)
        or ((mainland or context.mainland) and not HONG_KONG.search(s.folded))
        or abroad_sentence(s.folded)  # a case in another country (extract38)
    ):
        if found:
            context.last_group = _last_group(name_groups(found, s.folded), s.folded)
        return []
    hits = list(_hits(s, found))
    hits += offence_referred(s.folded, context.body[: s.start])  # the said offense (english21)
    groups = name_groups(found, s.folded)
    _note_suspended(s, found, context)
    # a quotation that is only a name (「快必」) is no quotation
    quotes = [
        (m.start(), m.end())
        for m in QUOTED.finditer(s.folded)
        if not any(n.start == m.start() + 1 and n.end == m.end() - 1 for n in found)
    ]
    proposals: list[Proposal] = []
    accused: list[NameHit] = []  # whom the sentence's charges are about, for `ruled_back`
    for hit in hits:
        if _refused(hit, s):
            continue
        clause = s.folded[clause_start(s.folded, hit.start) : clause_end(s.folded, hit.end)]
        if mainland and MAINLAND.search(clause):
            continue
        # A name inside a quotation is not the subject of a trigger outside it, and the
        # reverse: 被告…認罪，並稱「…黃之鋒、許智峯…」, 「赴湯杜火」…罪名不成立.
        inside = _quote_of(hit.start, quotes)
        visible = [g for g in groups if _quote_of(g[0].start, quotes) == inside]
        counted = counted_bail(hit, s.folded, found, context)  # 兩人獲准保釋 (extract23)
        # 裁定他罪名不成立: the ones this sentence's charge was about (extract30)
        counted = counted or ruled_back(hit, s.folded, found, accused)
        counted = counted or ruled_named(hit, s.folded, found)  # 裁定李柱銘罪名成立 (extract56)
        counted = counted or counted_verdict(hit, s.folded, found, context)  # extract44
        counted = counted or relative_head(hit, s.folded, found)  # 罪成的社工劉家棟 (extract51)
        counted = counted or reach_head(hit, s.folded, found)  # 被判囚14個月的他 (reach21)
        heads = [*COUNTED_HEAD.finditer(s.folded), *PEOPLE_HEAD.finditer(s.folded)]
        counted = counted or listing_pronoun(hit, s.folded, found, heads)  # groups21
        counted = counted or arrest_people(hit, s.folded, found)  # 被捕人A及B (arrests21)
        if counted is not None:
            people, penalty = counted
        else:
            people, penalty = people_of(hit, s, visible, context)
            penalty = topic_penalty(hit, s.folded, visible, people, penalty)  # extract23
            penalty = forward_penalty(hit, s.folded, visible, people, penalty)
            if hit.kind == "released":  # the paragraph up to it: the arrest it ends (extract57)
                lead = fold(context.body[max(0, s.start - 200) : s.start]).rsplit("\n", 1)[-1]
                lead += s.folded[: hit.start]
                penalty = pronoun_release_penalty(hit, s.folded, visible, people, penalty, lead)
        # a counted group's members after 包括, described at length (extract21): the rest
        # of the list beside the names the older rules found in it
        described = described_members(hit, s, found, people)
        described = described or refused_among(hit, s, found)  # 保釋被拒的被告中 (extract26)
        if (not people or penalty >= 0.3) and not described:  # a group or pronoun subject
            people, penalty = cast_people(hit, s.folded, visible, context) or (people, penalty)
        if hit.kind == "charged" and (not people or penalty >= 0.3) and not described:
            # 一共44人被控暴動罪，其中…（湯偉雄、杜依蘭）: the members named (extract43)
            among = charged_among(s.folded, hit.start, hit.end, found)
            people, penalty = (among, 0.1) if among else (people, penalty)
        if hit.kind in ACCUSED_KINDS and penalty <= 0.15:
            accused += people
        if hit.kind == "sentence" and hit.statute.isdigit():  # one of 分別's terms
            index = int(hit.statute)
            group = next((g for g in reversed(groups) if g[-1].end <= hit.start), [])
            group = ordered_listing(hits, hit, groups, s.folded) or group
            if len(group) < 2 or index >= len(group):
                continue
            penalty = _paired_penalty(hit, hits, group, penalty)
            people, hit = [group[index]], replace(hit, statute="", section="respectively")
        # …；王在開審時承認…；陳被控…: not 王's when the article has several 陳 (extract34)
        people = [
            p for p in people if not behind_unresolved(s.folded, p, hit.start, found, context.seen)
        ]
        when = resolve_date(clause, context.published, s.text) or None
        # 被告早前獲准保釋, paragraphs after the name: held for the article's one defendant
        # when no one, or no one surely, is found (extract36)
        weak = not people or penalty >= 0.3
        ahead = forward_subject(hit, s, found, context) if weak and not described else None
        held = held_for_focus(hit, s.folded, found, context) if weak and not described else None
        if ahead:  # 40歲倉務員…，他早前…承認…, named paragraphs on (extract46)
            blank = NameHit("", 0, 0, None, False)
            context.forward.append((_proposal(article_id, blank, hit, when, s, 0.25), ahead))
        elif held:
            blank = NameHit("", 0, 0, None, False)
            context.focus.append((_proposal(article_id, blank, hit, when, s, 0.25), held))
        for person, cut in [(p, penalty) for p in people] + [(d, 0.2) for d in described]:
            cut -= _name_weight(person, s)
            proposals.append(_proposal(article_id, person, hit, when, s, cut))
    if groups:
        context.last_group = _last_group(groups, s.folded)
    return proposals


def _proposal(
    article_id: str, person: NameHit, hit: Hit, when: str | None, s: Sentence, cut: float
) -> Proposal:
    """The suggestion a hit makes of a person, `cut` below the hit's confidence."""
    return Proposal(
        article=article_id,
        person=person.name,
        person_id=person.entity_id,
        kind=hit.kind,
        value=hit.value,
        date=when,
        quote=short_quote(s.text, hit.start),
        confidence=min(round(max(0.0, hit.confidence - cut), 2), 0.99),
        paragraph=s.paragraph,
        statute=hit.statute,
        section="" if hit.section in ("respectively", "total", "part") else hit.section,
        respectively=hit.section == "respectively",
        total=hit.section == "total",
        part=hit.section == "part",
    )


def _note_paragraph_names(s: Sentence, context: Context) -> None:
    """Add the sentence before's names to its paragraph's, or, in a new paragraph, keep
    the last paragraph's that named anyone (for `counted_bail`; read before this sentence's
    names replace `last_names`)."""
    named = [*context.paragraph_names, *context.last_names]
    if s.paragraph == context.paragraph:
        context.paragraph_names = named
        return
    if named:
        context.earlier_names = named
    context.paragraph_names = []


def _add_focused(
    best: dict[tuple[str, str, str, str], Proposal],
    context: Context,
    min_confidence: float,
    every: list[Sentence],
    names: Gazetteer,
) -> None:
    """Give the facts held for the article's one defendant (`_focus.py`) to that person,
    when another sentence states one of that person's (not 陳弘毅's one weak verdict, raised
    by its own sentence), unless another reading is surer. A count of defendants elsewhere
    (是初選47人案的被告之一) makes 被告 anyone's, not 他 after the one defendant's own name
    (extract46). When no held fact is given so and no sentence states a fact by name of
    anyone else, the one person the article titles 被告 (被告40歲男子孫寶德) takes every fact
    of 被告, before or after the name (`_titled.py`, extract50); a term only as `_focus.py`
    holds one, the article's one term or its total."""
    people = [(p.person, p.kind, p.confidence) for p in best.values()]
    defendant = the_defendant(people, "")
    grounds = [p for p in best.values() if p.person == defendant and p.confidence >= 0.6]
    terms = {p.value for p in grounds if p.kind == "sentence"}
    loose = defendant if grounds else None
    strict = loose if the_defendant(people, context.text) else None
    pronouns = [h for h in context.focus if h[1].pronoun]
    named = [h for h in context.focus if not h[1].pronoun]
    ahead = forwarded(context.forward, strict, context, terms)  # the lede's (extract46)
    gives = [(h, grounds) for h in focused(named, strict) + focused(pronouns, loose) + ahead]
    # 被告40歲男子孫寶德 and no fact of his by name: every 被告 is his (extract50)
    titled = titled_defendant(every, names, context.text) if context.focus and not gives else None
    if titled is not None and defendant in (None, titled.name):
        ground = Proposal(
            article="",
            person=titled.name,
            person_id=titled.entity_id,
            kind="",
            value="",
            date=None,
            quote="",  # the title is no fact: every held quote differs from it
            confidence=0.0,
        )
        before = lede_agrees(context.lede, context.aged, titled.name)
        facts = titled_facts(context.focus, titled.name, before=before)
        gives = [(h, [ground]) for h in facts]
    for held, grounds in gives:
        proposal = replace(held, person=grounds[0].person, person_id=grounds[0].person_id)
        if (
            proposal.confidence >= min_confidence
            and any(p.quote != held.quote for p in grounds)
            and (proposal.key() not in best or best[proposal.key()].confidence < held.confidence)
        ):
            best[proposal.key()] = proposal


def _paired_penalty(hit: Hit, hits: list[Hit], group: list[NameHit], penalty: float) -> float:
    """A 分別 list of terms as long as the list of names before it pairs each term with its
    name, however far the names are (黃之鋒、林朗彥及周庭被控「…」、「…」與「…」等罪名，分別被判入獄
    13.5個月、7個月和10個月): no penalty for the distance (extract17)."""
    terms = sum(
        1 for h in hits if h.kind == "sentence" and h.statute.isdigit() and h.start == hit.start
    )
    return min(penalty, 0.1) if terms == len(group) else penalty


def _last_group(groups: list[list[NameHit]], f: str) -> list[NameHit]:
    """Whom a pronoun in the next sentence stands for: the sentence's last group, unless
    the sentence opened with its subject and the last group is that subject's object in
    the same clause (陳皓桓去年接替岑子杰做召集人，…。他現時判囚18個月: 陳皓桓; extract14)."""
    first, last = groups[0], groups[-1]
    if (
        first is not last
        and len(first) == 1
        and len(last) == 1  # 聲援…李卓人、梁國雄等…。他們…: the plural is theirs
        and all(HAN_RE.search(g[0].name) for g in (first, last))  # not Next Digital founder…
        and first[0].start <= 8
        and clause_start(f, first[0].start) == 0
        and clause_start(f, last[0].start) == 0
        and not any(n.name == m.name for n in first for m in last)
    ):
        return first
    if _companion(first, last, f):
        return first
    return last


#: 與同屬青年新政的游蕙禎: a companion of the clause's subject, not the subject.
COMPANION = re.compile(zh(r"(?:與|同|跟|聯同|連同)[^，,。；;、與同跟]{0,12}$"))


def _companion(first: list[NameHit], last: list[NameHit], f: str) -> bool:
    """Whether the last group is one companion (與…的游蕙禎) of a subject that opens the
    sentence (梁頌恆…，與同屬青年新政的游蕙禎，被取消議員資格。他及後…: 梁頌恆; extract20)."""
    return (
        first is not last
        and len(first) == 1
        and len(last) == 1
        and first[0].start <= 8
        and clause_start(f, first[0].start) == 0
        and first[0].name != last[0].name
        and COMPANION.search(f[clause_start(f, last[0].start) : last[0].start]) is not None
    )


def _note_suspended(s: Sentence, found: list[NameHit], context: Context) -> None:
    """The people a clause says got a suspended term in this case (not 早前…均獲判緩刑)."""
    f = s.folded
    for m in SUSPENDED.finditer(f):
        clause = f[clause_start(f, m.start()) : clause_end(f, m.end())]
        if PAST_CASE.search(clause):
            continue
        a, b = clause_start(f, m.start()), clause_end(f, m.end())
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


def extract_text(
    *,
    article_id: str,
    body: str,
    published: str | None,
    names: Gazetteer,
    min_confidence: float = MIN_CONFIDENCE,
    title: str | None = None,
) -> list[Proposal]:
    """Every suggestion an article's text makes, one per (person, kind, value), the most
    confident first. The title, when given, is read as a sentence of its own, the body's
    paragraph -1, after the body (`_title.py`).

    Example: `extract_text(article_id="x", body="周庭被判囚10個月。", published=None,
    names=Gazetteer())[0].kind` is `"sentence"`.
    """
    found, _every, _context = read_rules(
        article_id=article_id, body=body, published=published, names=names,
        min_confidence=min_confidence, title=title,
    )  # fmt: skip
    return sorted(consistent(found), key=lambda p: (-p.confidence, p.person, p.kind, p.value))


def read_rules(
    *, article_id: str, body: str, published: str | None, names: Gazetteer,
    min_confidence: float = MIN_CONFIDENCE, title: str | None = None,
) -> tuple[list[Proposal], list[Sentence], Context]:  # fmt: skip
    """The rules' suggestions (before the last consistency check), the article's sentences
    and what reading them taught: what a second pass over the sentences needs to know of
    the first (`bench/extract_train.py`, extract52)."""
    try:
        day = date.fromisoformat(published[:10]) if published else None
    except ValueError:
        day = None
    context = Context(published=day)
    best: dict[tuple[str, str, str, str], Proposal] = {}
    # Names are looked for only where they can matter (segmentation is the costly step):
    # in a sentence with a trigger, and in the one before it in its paragraph (他, 被告).
    every = list(sentences(body))
    context.text = "".join(s.folded for s in every)
    context.body = body
    context.lede_paragraph = every[0].paragraph if every else -1
    if mainland_only(context.text) or mostly_mainland(context.text) or abroad_only(context.text):
        return [], [], context
    context.mainland = mainland_leaning(context.text)
    read = [bool(TRIGGER.search(s.folded) or ORDER_CUE.search(s.folded)) for s in every]
    read = [r or (i + 1 < len(every) and read[i + 1] and every[i + 1].paragraph == s.paragraph)
            for i, (r, s) in enumerate(zip(read, every, strict=True))]  # fmt: skip
    # a paragraph under a heading that counts the defendants (47名被告次序：; extract28)
    heads = [None] + [
        headed_count(a.folded) if a.paragraph != b.paragraph else None for a, b in pairwise(every)
    ]
    # the listing first (of the sentences read), so that a group or order stated before it
    # resolves too
    for i, s in enumerate(every):
        cued = ORDER_CUE.search(s.folded) or ORDER_MENTION.search(s.folded)
        # 三名中學生分別為… names people for the counts of other sentences (extract53), and so
        # does 11 名被告為，A、B… with no trigger (groups21)
        people = PEOPLE_HEAD.search(s.folded) or COUNTED_HEAD.search(s.folded)
        if heads[i] or (read[i] and cued) or people:
            found = names_lengthened(s, names.find(s.text, s.folded), context.text)
            found = names_uncut(s, found, context.text)
            listed = listed_names(s, found, bool(heads[i]))
            context.listed.update({h.name: h for h in listed})
            found = sorted(found + listed, key=lambda h: h.start)
            context.orders.learn(s.folded, found)
            context.counted.learn(s.folded, found)
            if heads[i]:
                listed = headed_listing(s.folded, found, heads[i] or 0)
                context.orders.learn_headed(listed, headed_ordered(every[i - 1].folded))
    context.aged = ages_named(every, names, context.text)
    charges: list[tuple[str, list[Hit]]] = []  # the charge sentences' offences (extract18)
    for i, s in enumerate(every):
        if (
            not read[i]
            and not LISTED.search(s.folded)
            and not heads[i]
            and not MEMBERS.search(s.folded)
        ):
            continue
        made = (
            extract_sentence(s, article_id=article_id, names=names, context=context)
            if read[i]
            else []
        )
        made += refused_remanded(s, made)  # 拒絕批出保釋，鄒幸彤須還柙 (extract40)
        charged = (
            [h for h in _hits(s, []) if h.kind == "charged"]
            if read[i] and (CHARGE.search(s.folded) or CHARGED_BY.search(s.folded))
            else []
        )
        if not charged:
            after = every[i + 1].folded if i + 1 < len(every) else ""
            if not OWN_CHARGES.search(after):
                made += _listed_charges(s, names, context, charges, article_id, heads[i])
        charges += [(s.folded, charged)] if charged else []
        for proposal in made:
            if proposal.confidence < min_confidence:
                continue
            keep_best(best, proposal)
    _add_focused(
        best, context, min_confidence, every, names
    )  # 被告獲准保釋, paragraphs on (extract36)
    # the title last, so that the body's cast and counts resolve it and it changes nothing
    # the body says (extract48)
    for proposal in title_facts(
        title, context, partial(extract_sentence, article_id=article_id, names=names)
    ):
        if proposal.confidence >= min_confidence:
            keep_best(best, proposal)
    # a term the article says elsewhere was suspended for that person is not a custodial one
    custodial = [
        p
        for p in one_name_each(_chinese_names(best.values(), context), body, names)
        if not (p.kind == "sentence" and p.person in context.suspended)
        and (p.person in context.defendants or not named_as_official(p.person, context.text))
    ]
    return custodial, every, context


def _listed_charges(
    s: Sentence,
    names: Gazetteer,
    context: Context,
    charges: list[tuple[str, list[Hit]]],
    article_id: str,
    heading: int | None = None,
) -> list[Proposal]:
    """A listing of a case's defendants with no offence (6名受審被告為A、B…) charges each with
    the offences of the article's last charge sentence before it (extract18); so does a
    paragraph of names under a heading that counts them (`heading`; extract28), each
    quoted where its name is; and so does a list of a charged group's members
    (被起訴47人包括：…, `_members.py`; extract29)."""
    charge, offences = group_charge(charges)
    if not offences or s.text.endswith(("？", "?")):
        return []
    found = names_lengthened(s, names.find(s.text, s.folded), context.text)
    found = sorted(found + listed_names(s, found, bool(heading)), key=lambda h: h.start)
    if heading:
        at, listed = -1, headed_listing(s.folded, found, heading, charge)
    else:
        at, listed = listed_defendants(s.folded, found, charge)
    if at < 0 and not heading:
        at, counted, listed = member_listing(s.folded, found)
        charge, offences = group_charge(charges, counted or len(listed))
    listed = context.counted.last_case(listed)  # of several cases, the last's (extract35)
    keys = {h.value: h for h in offences}
    return [
        Proposal(
            article=article_id,
            person=person.name,
            person_id=person.entity_id,
            kind="charged",
            value=hit.value,
            date=None,
            quote=short_quote(s.text, person.start if at < 0 else at),
            confidence=min(0.99, round(0.7 + _name_weight(person, s), 2)),
            paragraph=s.paragraph,
            statute=hit.statute,
            section=hit.section,
        )
        for person in listed
        for hit in keys.values()
    ]


def _chinese_names(found: Iterable[Proposal], context: Context) -> list[Proposal]:
    """A fact stated of a record person's English name (Jimmy Lai, in a quote's English
    translation) is theirs under the Chinese name the article writes for the same record
    entity, so that one fact is one suggestion (extract14)."""
    chinese: dict[str, str] = {}
    for hit in context.seen.values():
        if hit.entity_id and HAN_RE.search(hit.name):
            chinese.setdefault(hit.entity_id, hit.name)
    best: dict[tuple[str, str, str, str], Proposal] = {}
    if written_in_english(context.body):  # Jimmy Lai in an English article (english21)
        chinese = {}
    for p in found:
        if p.person_id in chinese and not HAN_RE.search(p.person):
            p = replace(p, person=chinese[p.person_id])
        kept = best.get(p.key())
        if kept is None or p.confidence > kept.confidence:
            best[p.key()] = p
    return list(best.values())
