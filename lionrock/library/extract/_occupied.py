"""A name jieba cuts into a common word and a character, read where the sentence says it is
a person: right after an occupation or an age (extract26, issue #16).

`_groups.names_uncut` reads 劉家|棟 as 劉家棟 only when the article writes it three times
or more and once before a boundary, so a name a story writes once or twice stays unread:
消防員方志雄早前承認藏汽油彈 (方志 is a word, "local annals"), 電腦技術員楊家倫被指,
阻差辦公罪成被判囚的社工劉家棟. An occupation or an age written right before the three
characters says they are a person's name, as an age in brackets after one does
(`_persons.AGED`); the article must still never write the word without the character.
A name the article writes three times or more is read, too, when it opens two sentences
(劉家棟上月23日獲保釋; 劉家棟坦言…), though it never comes before a boundary.
"""

from __future__ import annotations

import re

from lionrock.library.extract._text import zh

#: what a court report writes before a defendant's name: an occupation (消防員, 社工,
#: 銀行職員, 中六學生, 電腦技術員), or an age (24歲); court roles (法官, 律師, 記者, 警員)
#: are `_lexicon.ROLES`, never a defendant, and are left out here
OCCUPATION_BEFORE = re.compile(
    zh(
        r"(?:消防員|技術員|保安員|文員|職員|店員|售貨員|外賣員|送貨員|社工|學生|大學生|"
        r"教師|老師|司機|廚師|護士|侍應|工程師|設計師|地盤工人|裝修工人|工人|"
        r"\d{1,2}\s*歲)$"
    )
)
#: what follows the name in such a sentence: a boundary, a joiner, or the start of its
#: predicate (早前, 被, 亦, 承認, 今年, 於, 在, 因, 獲, 則, 已, 涉)
NAME_FOLLOWS = re.compile(
    zh(r"[\s,;:，；：。、（(「]|及|與|和|早前|被|亦|承認|今|於|在|因|獲|則|已|涉")
)


def occupied(folded: str, start: int, end: int) -> bool:
    """The characters at folded[start:end] follow an occupation or an age and precede a
    boundary or a predicate: 消防員方志雄早前承認 (extract26: 5 pool copies of one story)."""
    return bool(
        OCCUPATION_BEFORE.search(folded[max(0, start - 8) : start])
        and NAME_FOLLOWS.match(folded, end)
    )


#: a sentence's or a quotation's end, then the name opening the next sentence
_OPENING = zh(r"(?:^|[。！？!?\n」])\s*")


def opens_sentences(name: str, article: str) -> bool:
    """The article (folded) opens two sentences or more with the name: 劉家棟上月23日獲保釋,
    劉家棟坦言…, a subject a feature writes again and again with no boundary after it
    (extract26: over the pool, 6 strings in 44 articles, every one a name)."""
    return len(re.findall(_OPENING + re.escape(name), article)) >= 2
