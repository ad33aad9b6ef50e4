"""The article's one defendant as the article titles them: the one person it names right
after 被告 (被告孫寶德, 被告40歲男子孫寶德, 被告為…孫寶德) or with 被告 in brackets after the
name (孫寶德（被告）), for a case whose facts are all stated of 被告 (issue #16, nineteenth
round, `extract50`).

A court report often writes the defendant as 被告 for paragraphs before or after the one
sentence that names them (hkcnews-43283: 被告今…承認全部24項控罪 … 被告40歲男子孫寶德，案發時為
… … 後遭附近埋伏的警員拘捕). `_focus.py` gives a fact of 被告 to the article's one defendant
only when another sentence states a fact of that person by name and the fact comes after
the name; when no sentence does, the article's facts are lost. When the article names
exactly one person beside 被告, and counts no group of defendants (`_focus.MANY`), a fact
stated of 被告 anywhere in it is that person's.

Example:
    titled_defendant(sentences, names, folded)  # 被告40歲男子孫寶德 … → 孫寶德
"""

from __future__ import annotations

import re
from typing import TypeVar

from lionrock.library.extract._focus import MANY, Pending
from lionrock.library.extract._persons import Gazetteer, NameHit
from lionrock.library.extract._text import Sentence, zh

T = TypeVar("T")

#: What may stand between 被告 and the name: 為 or 是, an age and a trade with no
#: punctuation (被告40歲男子, 被告、現年22歲的運輸工人), a few characters at most.
_BEFORE = re.compile(
    zh(
        r"被告(?:人)?\s*(?:[為是、]\s*)?(?:現年)?\s*(?:\d{1,2}\s*歲(?:的)?)?"
        r"[^\s\d,;:，；：。、「」()（）的及和與]{0,4}$"
    )
)
#: Several cases or defendants besides `_focus.MANY`'s counts: 同一天審理的兩宗案件，一位被告
#: 被控…，一位被告被控… (hkcnews-34016), 其中一名被告, 另一宗案件.
SEVERAL = re.compile(zh(r"[兩二三四五六七八九十\d]+\s*宗|另一宗|其中一\s*[名位]被告|一位被告"))
#: A sentence that may title someone 被告 (not only 被告席, 被告欄 or 被告律師).
_CUE = re.compile(zh(r"被告(?![席欄律])"))
#: 被告 in brackets after the name, alone or after an age (孫寶德（被告）, 孫寶德（40歲，被告）).
_AFTER = re.compile(zh(r"\s*[(（][^()（）]{0,6}?被告(?:人)?[)）]"))


def titled(f: str, hit: NameHit) -> bool:
    """Whether the sentence (folded) writes the name right after 被告 or with 被告 in
    brackets after it."""
    return bool(_BEFORE.search(f, max(0, hit.start - 16), hit.start) or _AFTER.match(f, hit.end))


def titled_defendant(every: list[Sentence], names: Gazetteer, text: str) -> NameHit | None:
    """The one person the article's sentences title 被告, when they title exactly one and
    the article (`text`, folded) counts no group of defendants; else None. Every sentence
    that writes 被告 is read for names, since the one that names the defendant may have no
    trigger (被告40歲男子孫寶德，案發時為…)."""
    if MANY.search(text) or SEVERAL.search(text):
        return None
    found: dict[str, NameHit] = {}
    for s in every:
        if _CUE.search(s.folded):
            for hit in names.find(s.text, s.folded):
                if titled(s.folded, hit):
                    found.setdefault(hit.name, hit)
    return next(iter(found.values())) if len(found) == 1 else None


def titled_facts(held: list[tuple[T, Pending]], name: str, *, before: bool = True) -> list[T]:
    """The held facts that are the titled defendant's: each stated of 被告 after the name,
    or before it unless `before` is False (the lede describes someone of another age:
    14歲少年…被告上月承認暴動罪 … 被告陳俊輝（19歲）), and each of 他 or 她 whose names just
    before are that person's alone."""
    return [
        fact
        for fact, why in held
        if (before or name in why.seen) and (not why.pronoun or why.near == {name})
    ]


def lede_agrees(lede: str | None, aged: dict[str, set[str]], name: str) -> bool:
    """Whether the lede's described person (`_forward.py`: its age, "" for none, None for no
    description) may be the titled defendant: no age, or the defendant's own."""
    ages = {age for age, names in aged.items() if name in names}
    return not lede or not ages or lede in ages
