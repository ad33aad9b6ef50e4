"""A fact the lede states of a described defendant whom the article names only later
(issue #16, eighteenth round, `extract46`): 40歲倉務員前年11月初遭警方在背囊搜出4支汽油彈，…，
他早前在區域法院承認…兩罪，今日（21日）被判囚5年 … 被告吳偉豪自前年被捕還押至今; 一名22歲
運輸工人…，被控管有物品意圖損壞財產罪，早前經審訊後被裁定罪名成立 … 被告曾嘉朗（運輸工人、
22歲）. A court report opens with the defendant's age and trade and names them paragraphs on,
so `_focus.py`, which gives 被告 and 他 only to a defendant named before them, loses the lede.

A fact is held here when its sentence is in the article's first paragraph, no one has been
named yet, and its subject is the lede's one person: a description opening a clause (一名…,
40歲…), 被告 (該名被告), or 他 or 她 after such a description, with nothing between that
subject and the trigger that could be another subject (警方, 法官, 控方, 案件, 3人, 他們…).
It is given to the article's one defendant (`_focus.the_defendant`) only when the article
ties that person to the lede: beside the lede's age (被告陳俊輝（18歲）), or, when the lede
gives no age or no one has that age, written after 被告 (被告吳偉豪) with no age of their own.
So 14歲少年…被告上月承認暴動罪 is not the later, other, named defendant's. A term is
given only when the lede's terms agree with each other and with the defendant's own.

Example:
    note_lede(folded, paragraph, context)      # 40歲倉務員… → context.lede = "40"
    forward_subject(hit, s, found, context)    # …，他早前…承認… → Ahead("40", "plea", "guilty")
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from lionrock.library.extract._focus import DEFENDANT_KINDS, NOT_ONE, SUBJECT
from lionrock.library.extract._patterns import OTHER_DEFENDANT, PRONOUN_SPEAKS, SAYS, SPEAKER
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Context, Hit, clause_end, clause_start
from lionrock.library.extract._text import Sentence, zh

T = TypeVar("T")

#: A person described at the start of a clause: 一名產品設計師, 40歲倉務員, 一名22歲運輸工人
#: (the age, when written, is the group `age`).
DESCRIPTION = re.compile(
    zh(r"(?:(?:一名|一位)\s*(?:(?P<age1>\d{1,2})\s*歲)?|(?<!\d)(?P<age2>\d{1,2})\s*歲(?!時))")
)
#: Something between the lede's subject and a trigger that may be the trigger's subject or
#: another person: the police, a court, a party, a case, a count, a plural.
OTHER_SUBJECT = re.compile(
    zh(
        r"警|法官|裁判官|\S官|控方|辯方|律師|律政司|案件|(?<![在於])法庭|上訴庭|法院\S{0,2}(?:裁定|判)"
        r"|市民|人士|網民|者|[\d一二兩三四五六七八九十多數]+\s*[名人]|他們|她們|家人|朋友|其他|另|同案"
    )
)


#: A description of an officer or a reporter, not of a defendant: 一名防暴警員, 一名記者.
OFFICIAL = re.compile(zh(r"\S{0,4}?(?:警|記者|法官|裁判官|律師|檢控)"))


@dataclass(frozen=True, slots=True)
class Ahead:
    """A fact held for the defendant the article names later: the lede's age ("" if it
    states none), and the fact's kind and value (terms must agree)."""

    age: str
    kind: str
    value: str


def note_lede(f: str, paragraph: int, context: Context) -> None:
    """Remember the lede's description (its age, or "" for none) when a sentence of the
    first paragraph, before anyone is named, opens a clause with one."""
    if context.lede is not None or context.seen or paragraph != context.lede_paragraph:
        return
    for m in DESCRIPTION.finditer(f):
        if clause_start(f, m.start()) == m.start() and not OFFICIAL.match(f, m.end()):
            context.lede = m.group("age1") or m.group("age2") or ""
            return


def forward_subject(hit: Hit, s: Sentence, found: list[NameHit], context: Context) -> Ahead | None:
    """The hit's fact, held for a defendant named later, when its sentence opens the
    article and its subject is the lede's described person; else None."""
    f = s.folded
    if (
        context.seen
        or found
        or hit.people is not None
        or s.paragraph != context.lede_paragraph
        or hit.kind not in DEFENDANT_KINDS
    ):
        return None
    lead = f[clause_start(f, hit.start) : hit.start]
    if NOT_ONE.search(lead) or SAYS.search(lead) or SPEAKER.match(lead):
        return None
    if OTHER_DEFENDANT.search(f[: hit.end]) or PRONOUN_SPEAKS.search(f[: hit.start]):
        return None
    anchor = _anchor(hit, f, context)
    if anchor is None or context.lede is None:
        return None
    return Ahead(context.lede, hit.kind, hit.value)


def _anchor(hit: Hit, f: str, context: Context) -> int | None:
    """Where the hit's subject is written: the last description, 被告, 他 or 她 before it
    (他 and 她 only after a description), 被告 inside the trigger (拒絕被告保釋), or the
    object of an active trigger (拘捕他); None when another subject may stand between."""
    inside = SUBJECT.search(f, hit.start, hit.end)
    after = hit.active and SUBJECT.match(f, hit.end)
    if inside or after:
        word = (inside or after).group("word")  # type: ignore[union-attr]
        return hit.start if _fits(word, context) else None
    if hit.active:
        return None  # 一名男子…拘捕…: the described person arrests, is not arrested
    ends = [
        (m.end(), m.group("word"))
        for m in SUBJECT.finditer(f, 0, hit.start)
        if _fits(m.group("word"), context)
    ]
    ends += [
        (m.end(), "")
        for m in DESCRIPTION.finditer(f, 0, hit.start)
        if clause_start(f, m.start()) == m.start()
    ]
    if not ends:
        return None
    end = max(at for at, _ in ends)
    # the subject's own clause is its predicate (40歲倉務員…遭警方…搜出, 一名男子…撞向警員):
    # only the clauses after it can bring in another subject
    clause = clause_start(f, hit.start)
    gap = f[clause_end(f, end) : hit.start] if clause > end else ""
    return None if OTHER_SUBJECT.search(gap) else end


def _fits(word: str, context: Context) -> bool:
    """被告 is the lede's person; 他 or 她 only once the lede has described someone."""
    return zh("被告") in word or context.lede is not None


def forwarded(
    held: Iterable[tuple[T, Ahead]],
    defendant: str | None,
    context: Context,
    terms: set[str],
) -> list[T]:
    """The held facts that are the defendant's, when the article ties that person to the
    lede (by the lede's age, else by 被告 before the name); a term only when every held
    term and the defendant's own `terms` agree."""
    if defendant is None:
        return []
    held = list(held)
    aged = {age for age, names in context.aged.items() if defendant in names}
    kept: list[T] = []
    for fact, why in held:
        if why.age and why.age not in aged:
            others = context.aged.get(why.age, set())
            if aged or others or defendant not in context.defendants:
                continue
        elif not why.age and defendant not in context.defendants:
            continue
        if why.kind == "sentence":
            values = {w.value for _, w in held if w.kind == "sentence"} | terms
            if len(values) != 1:
                continue
        kept.append(fact)
    return kept
