"""A name joined to a found name that the segmenter split (issue #16, extract34).

jieba reads the first name of a pair or a list and often not the next one, when that one
is rare characters (劉|頴|匡, 許|貽|顓), a surname and a word (林|啟明, 陳|運通, 張|崑陽) or
a word and a character (李子|賢, 王國|斌), or when the joiner glues to the surname (碧雲|及張|
超雄): 陳大文及李家俊獲准保釋 gave the bail to 陳大文 alone. Right after a name found and a
joiner (及, 與, 和, 、), three characters that make a plausible full name and that end where
a name ends (punctuation, another joiner, or the start of the pair's verb) are that next
name. Over the unlabelled court-keyword pool this finds the second names of 86 sentences
with a trigger (77 articles) that no rule read.
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import (
    KIN_AFTER,
    NOT_NAMES,
    STRONG_SURNAMES,
    NameHit,
    _plausible,
    _tokenizer,
)
from lionrock.library.extract._text import zh

JOINER = set(zh("及與和、"))
#: Where a joined name ends: punctuation or a bracket (an age), another joiner, or the
#: first words of what the pair did (A及B被控, A和B均否認, A及B已棄保潛逃, A、B二人).
NAME_END = re.compile(
    zh(
        r"[\s,;:，；：。、（(」]|及|與|和|等|被|遭|獲|均|都|則|亦|已|分別|各|"
        r"[二兩三四五六七八九十]人|承認|否認|認罪|早前|一同|同被|同樣|現|在|於|因|涉|須|需|仍"
    )
)
#: A common word at either end of the three characters reads them as that word (陳述…,
#: 黃色…), not a name.
COMMON = 5000


def names_joined(f: str, text: str, found: list[NameHit]) -> list[NameHit]:
    """The names joined to a found name that the finder missed (黃碧雲及張超雄，均被控…
    gives 張超雄), each taken in turn, so that a listing is followed to its end."""
    taken = sorted(found, key=lambda h: h.start)
    extra: list[NameHit] = []
    i = 0
    while i < len(taken):
        at = taken[i].end
        i += 1
        if f[at : at + 1] not in JOINER:
            continue
        start, end = at + 1, at + 4
        name = f[start:end]
        if len(name) < 3 or any(h.start < end and start < h.end for h in taken):
            continue
        freq = _tokenizer().FREQ.get
        if (
            name[0] not in STRONG_SURNAMES
            or not _plausible(name)
            or name[:2] in NOT_NAMES
            or (freq(name[:2]) or 0) > COMMON
            or (freq(name[1:]) or 0) > COMMON
            or not NAME_END.match(f, end)
            or KIN_AFTER.match(f, end)
        ):
            continue
        hit = NameHit(text[start:end], start, end, None, False)
        extra.append(hit)
        taken.insert(i, hit)
    return extra
