"""A remand or release stated at the end of a chain of clauses whose one subject opens the
sentence (issue #16, sixteenth round, `extract23`): 陳以晉因…協助他人逃脫，被控…，三項罪名
成立，判囚十個月，自今年6月15日起還柙; 陳虹秀在混亂街頭…，卻被控暴動罪，主審法官裁定表證不
成立當庭釋放. Chinese carries the topic through the commas, so the distance alone (more
than 40 characters) is little reason to doubt it: such a fact loses 0.1 for the earlier
clause and 0.1 for the distance, not 0.1 and 0.2. Only when the name is the sentence's
one name, written in its first clause, and no quotation, speaker or clause of its own
(而, 但, 另外) comes between; not when the chain names someone else (與財務總監蔡達英).

Example:
    topic_penalty(hit, folded, groups, people, penalty)  # 0.3 → 0.2 for 陳以晉…還柙
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit, clause_end, clause_start
from lionrock.library.extract._text import zh

TOPIC_KINDS = frozenset({"custody", "released"})
#: What may come before the opening subject in its clause: a description ending in 的
#: (被指是「頭號梁粉」的前行政會議成員), a role or an age, with no comma.
LEAD = re.compile(zh(r"^[^,;:，；：。「」]{0,30}$"))
#: A subject of its own between them (而, 但, a quotation, a speaker's verb).
OWN_TOPIC = re.compile(zh(r"[「」]|[,，]\s*(?:而|但|惟|另外|此外|同時)|表示|指出|認為|稱"))


def topic_penalty(
    hit: Hit, f: str, groups: list[list[NameHit]], people: list[NameHit], penalty: float
) -> float:
    """The penalty of a custody or release whose people are the sentence's one name, written
    in its first clause, with only its own clauses between: at most 0.2."""
    if hit.kind not in TOPIC_KINDS or penalty <= 0.2 or len(groups) != 1 or len(groups[0]) != 1:
        return penalty
    name = groups[0][0]
    if people != groups[0] or name.end > hit.start or clause_start(f, name.start) != 0:
        return penalty
    if not LEAD.match(f[: name.start]) or OWN_TOPIC.search(f[name.end : hit.start]):
        return penalty
    return 0.2


#: What may stand between the remand's clause and the name of the next one: a description
#: ending in 的 (剛為人父的張可森), with no comma.
DESCRIBED = re.compile(zh(r"^[,，]\s*[^,;:，；：。「」]{0,10}$"))


def forward_penalty(
    hit: Hit, f: str, groups: list[list[NameHit]], people: list[NameHit], penalty: float
) -> float:
    """A remand in a clause with no subject, whose subject opens the next clause (去年9月才
    考到車牌，11月尾便還押，林朗彥臨出獄前…; …，被還柙第七日，剛為人父的張可森上庭後…), as
    the older rules read it at the start of a sentence (還柙13個月，24歲的唐英傑…): 0.2, when
    no one is named before the remand in the sentence, only a description comes between,
    and the remand's clause holds little else (not 遭羈押之後五個星期, 或有即時還柙風險)."""
    if hit.kind != "custody" or penalty <= 0.2 or not groups or people != groups[0]:
        return penalty
    name = groups[0][0]
    if name.start < hit.end or not DESCRIBED.match(f[clause_end(f, hit.end) : name.start]):
        return penalty
    if PRONOUN_OR_GROUP.search(f[: hit.start]):
        return penalty
    # the clause is the remand alone, with a time or an adverb (被還柙第七日, 11月尾便還押):
    # not 遭羈押之後五個星期, 或有即時還柙風險, 部分黨員退黨、被還押 (the pool's wrong ones)
    start, end = clause_start(f, hit.start), clause_end(f, hit.end)
    if not SHORT_LEAD.match(f[start : hit.start]) or not SHORT_TAIL.match(f[hit.end : end]):
        return penalty
    return 0.2


SHORT_LEAD = re.compile(zh(r"^\s*(?![在於當])[^的、有或會將]{0,8}$"))
SHORT_TAIL = re.compile(zh(r"^(?!之?[後前時]|期間)[^的、]{0,6}$"))


#: A subject of the remand before it after all: a pronoun, a group or 被告.
PRONOUN_OR_GROUP = re.compile(zh(r"他|她|被告|[二兩三四五六七八九十\d]\s*[人名]|全部|所有|各人"))


#: 他周四凌晨近3時許獲釋, 」他被帶返北角廉署總部後獲釋: the pronoun opens the release's clause.
OPENS = re.compile(zh(r"^[\s「」]*(?:他|她)(?![們人])"))
#: 他在…包圍下，獲釋步出法庭: or it opens the sentence, and the release's clause has no subject.
OPENS_SENTENCE = re.compile(zh(r"^[\s「」]*(?:他|她)(?![們人])[^,;:，；：。「」]{0,30}[,，]\s*$"))
#: the arrest the release ends, and bail (the police's: 獲准以3萬現金保釋) after it
ARRESTED = re.compile(zh(r"被捕|拘捕|扣查|扣留"))
BAILED = re.compile(zh(r"保釋|擔保"))


def pronoun_release_penalty(
    hit: Hit, f: str, groups: list[list[NameHit]], people: list[NameHit], penalty: float,
    before: str,
) -> float:  # fmt: skip
    """A release whose subject is 他 or 她 opening its clause (」他被帶返北角廉署總部後獲釋;
    …不明白為何拘捕他，他獲釋後隨即…) or opening the sentence before a release with no
    subject of its own (他在…包圍下，獲釋步出法庭), read as the one person just named (the
    older rules' 0.3): 0.2, as a release after the same sentence's arrest is
    (`_pronoun_penalty`), when `before` (the paragraph up to the release) states the arrest
    it ends and no bail since (not 他周四凌晨獲釋 paragraphs after 獲准以3萬現金保釋: the
    police's bail, not a release; extract57). Not when a name comes before the release in
    the sentence (令他憤怒的是…車長…獲釋後: the pronoun is an object there)."""
    if hit.kind != "released" or penalty != 0.3 or len(people) != 1:
        return penalty
    if any(n.start < hit.start for g in groups for n in g):
        return penalty
    arrests = list(ARRESTED.finditer(before))
    if not arrests or BAILED.search(before, arrests[-1].end()):
        return penalty
    start = clause_start(f, hit.start)
    if OPENS.match(f[start : hit.start]) or (start and OPENS_SENTENCE.match(f[: hit.start])):
        return 0.2
    return penalty
