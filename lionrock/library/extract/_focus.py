"""A fact stated of 被告, 該名被告, 他 or 她 in a sentence that names no one, when the article
is about one defendant named in an earlier sentence (issue #16, seventeenth round,
`extract36`): 其中一人為29歲機械技工黃偉然，他早前被控…。…控方今日在庭上表示，被告早前獲准
保釋; 蘇官…不准被告保釋. The older rules resolve 他 and 被告 only within a paragraph (the
sentence before's one name, or a name written after 被告), so a bail, a remand or a plea
stated paragraphs after the name is lost.

The fact is held back until the whole article is read, and given to its defendant only when
the article has exactly one: one person whom the other rules find arrested, charged, bailed,
pleading, convicted, sentenced or in custody (at 0.6 or more), and no count of defendants
anywhere (兩名被告, 各被告, 第二被告, 其餘被告: then 被告 may be another). A 他 or 她 must
also follow that person's own mention (the names of the paragraph so far, else of the last
paragraph that named anyone, are that person alone), so a judge, a lawyer or a witness
named in between is never the one; a speaker's verb (他指, 她表示) in the clause ends it.
A judge's refusal of bail with no object is held too when the judge is named
(總裁判官蘇惠德拒絕批准保釋) or the court's own clauses come before it (…裁判官…認為…，決定判即時
監禁一年，拒絕保釋); of several people found, the one with a court fact is the defendant when
the others are only arrested (extract45).

Example:
    held_for_focus(hit, s.folded, found, context)  # …被告早前獲准保釋 → Pending(False, …)
    focused(context.focus, the_defendant(facts, text))  # → its fact, when 黃偉然 alone
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from lionrock.library.extract._charge_forms import HEADING
from lionrock.library.extract._one_term import one_term, zero_subject
from lionrock.library.extract._patterns import OTHER_DEFENDANT, PRONOUN_SPEAKS, SAYS, SPEAKER
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Context, Hit, clause_start
from lionrock.library.extract._text import zh

T = TypeVar("T")

#: The kinds that make a person the article's defendant.
DEFENDANT_KINDS = frozenset(
    {"arrested", "charged", "bail_granted", "bail_denied", "plea", "verdict", "sentence", "custody"}
)
#: The kinds only a court's defendant has: of several people arrested, the one charged.
COURT_KINDS = DEFENDANT_KINDS - {"arrested"}
#: The one defendant as the clause writes it before its trigger (被告, 該名被告, 他, 她), not
#: a possessive or a role (他的兒子, 被告欄, 被告律師, 被告一方), nor 其他, 他人, 他們.
SUBJECT = re.compile(
    zh(
        r"(?P<word>該名?被告(?:人)?|被告(?:人)?|(?<![其吉])他|她)"
        r"(?![們人等的之家父母妻兒女子太丈夫哥姐弟妹欄律代一方席])"
    )
)
#: A count or another member of a group of defendants anywhere in the article: then 被告 may
#: be any of them.
MANY = re.compile(
    zh(
        r"[二兩三四五六七八九十百\d]+\s*名(?:\S{0,6})?被告|[兩二三四五六七八九十]被告|各被告|眾被告"
        r"|全部被告|所有被告|全體被告|其餘\S{0,3}被告|其他被告|另一?(?:名)?被告|同案\S{0,4}被告"
        r"|部分被告|第[一二三四五六七八九十\d]+被告|首被告|多名被告|被告們|被告等|被告之一"
    )
)
#: A court as the subject of a bail decision with no object (法官杜麗冰最後仍拒絕批出保釋).
COURT_SUBJECT = re.compile(zh(r"^\S{0,2}(?:法官|裁判官|法庭|法院|\S官)\S{0,10}$"))
#: A judge's title right before a name (法官杜麗冰, 總裁判官蘇惠德, 蘇官): the name is the court.
JUDGE_BEFORE = re.compile(zh(r"(?:法官|裁判官)\s*$"))
#: The court as the subject of an earlier clause of the sentence (主任裁判官蘇文隆認為…).
COURT_OPENS = re.compile(zh(r"^\S{0,12}?(?:法官|裁判官)"))
#: Someone introduced earlier in the sentence, whom the name finder may have missed: an age
#: (47歲記者黃偉強), a reporter, 被告為 or 被告是.
INTRODUCED = re.compile(zh(r"\d{1,3}\s*歲|記者|被告(?:人)?\s*(?:為|是)"))
#: Something in the clause before the trigger that makes its subject someone else or many.
NOT_ONE = re.compile(
    zh(r"他們|她們|二人|兩人|各人|其中|其餘|另一|有人|一名|多名|\d+\s*名|家人|朋友")
)


@dataclass(frozen=True, slots=True)
class Pending:
    """Why a fact is held until the article's defendant is known: whether a pronoun (他,
    她) or 被告 stated it, the names just before it, and every name written before it."""

    pronoun: bool
    near: frozenset[str]
    seen: frozenset[str]


#: What `focus_word` returns for a passive verdict or term with no subject (`_one_term.py`).
ZERO = ""


def focus_word(hit: Hit, f: str, found: list[NameHit], text: str = "") -> str | None:
    """The word (被告, 他, 她) standing for the one defendant as the subject or object of the
    hit's clause, in a sentence that names no one, or `ZERO` for a passive verdict or term
    with none; None when there is none, or the clause reports a speaker or speaks of
    someone else."""
    if hit.people is not None or not one_term(text, hit):
        return None  # (a term only when the article's one: 他…判囚12個月。他…判監8個月)
    clause = clause_start(f, hit.start)
    lead = f[clause : hit.start]
    # 總裁判官蘇惠德拒絕批准保釋: the judge named as the court subject is no one else (extract45)
    judge = hit.kind == "bail_denied" and all(
        JUDGE_BEFORE.search(f, max(0, n.start - 4), n.start) for n in found
    )
    if found and not judge:
        return None
    if hit.kind == "charged" and HEADING.match(f):
        return zh("被告")  # 控罪1：…, a charge sheet's heading: the one defendant's (charges21)
    words = list(SUBJECT.finditer(f, clause, hit.start))
    if not words:  # 拒絕被告保釋: the object inside the trigger
        words = list(SUBJECT.finditer(f, hit.start, hit.end))
    if hit.active and not words:  # 警方…拘捕他
        words = list(SUBJECT.finditer(f, hit.end, min(len(f), hit.end + 2)))
    if not words and len(lead.strip()) <= 3:  # 被告申請保釋被拒，還柙至…: the same subject
        words = list(SUBJECT.finditer(f, 0, clause))
    court = not words and hit.kind.startswith("bail") and bool(COURT_SUBJECT.search(lead))
    # 裁判官…決定判即時監禁一年，拒絕保釋: a refusal opening its clause after the court's
    # own clauses (extract45)
    court = court or (
        not words
        and hit.kind == "bail_denied"
        and not lead.strip()
        and bool(COURT_OPENS.search(f, 0, clause))
    )
    zero = not words and zero_subject(hit, f)  # 今日在區域法院被判入獄4年 (extract44)
    if not (len(words) == 1 or court or zero) or NOT_ONE.search(lead):
        return None
    if OTHER_DEFENDANT.search(f[: hit.end]) or PRONOUN_SPEAKS.search(f[: hit.start]):
        return None
    if SAYS.search(lead) or SPEAKER.match(lead):
        return None
    if INTRODUCED.search(f, 0, words[0].start() if words else hit.start):
        return None  # 本案被告為47歲記者黃偉強，他被控…: someone the finder missed
    if zero:
        return ZERO
    # 法官…最後仍拒絕批出保釋: a court's bail decision is of its defendant
    return words[0].group("word") if words else zh("被告")


def held_for_focus(hit: Hit, f: str, found: list[NameHit], context: Context) -> Pending | None:
    """Why the hit's fact waits for the article's one defendant, when its clause states it
    of 被告, 他 or 她; else None."""
    word = focus_word(hit, f, found, context.text)
    if word is None:
        return None
    near = context.paragraph_names or context.earlier_names
    pronoun = word in (zh("他"), zh("她"), ZERO)
    return Pending(pronoun, frozenset(n.name for n in near), frozenset(context.seen))


def the_defendant(people: Iterable[tuple[str, str, float]], text: str) -> str | None:
    """The article's one defendant: the one person of every (person, kind, confidence) at
    0.6 or more of a defendant's kind, when the article counts no group of defendants."""
    sure = [(p, kind) for p, kind, confidence in people if confidence >= 0.6]
    named = {p for p, kind in sure if kind in DEFENDANT_KINDS}
    if len(named) > 1:  # 鍾翰林 charged and remanded, 何忻諾 only arrested (extract45)
        named = {p for p, kind in sure if kind in COURT_KINDS}
    if len(named) != 1 or MANY.search(text):
        return None
    return next(iter(named))


def focused(held: list[tuple[T, Pending]], defendant: str | None) -> list[T]:
    """The held facts that are the defendant's: each written after the defendant's name
    (not 14歲少年…被告上月承認暴動罪 before the article turns to the one it names), of 被告,
    or of 他 or 她 whose names just before are that person's alone."""
    if defendant is None:
        return []
    return [
        fact
        for fact, why in held
        if defendant in why.seen and (not why.pronoun or why.near == {defendant})
    ]
