"""A quoted nickname the article ties to a full name, written alone later (issue #16, face21).

An article that writes a nickname in quotes right before a full name (社民連「長毛」梁國雄)
may later write the quoted nickname alone (因爲初選案而還柙多日的「長毛」頭髮稍白). The
labelling rules take a fact stated of a nickname the article gives under the full name the
article gives, so the quoted nickname alone is read as that name.

Only a quoted nickname of two to four Han characters glued before a name already found in
the article counts, and only when the article glues it to one name (「赴湯杜火」 before both
湯偉雄 and 杜依蘭 is no one's); an unquoted nickname (岑子杰和長毛) is not looked for, as
the words of a nickname can be common words.

Example: in an article that has written 「長毛」梁國雄, `nickname_mentions` finds 梁國雄 at
長毛 in 還柙多日的「長毛」.
"""

from __future__ import annotations

import re

from lionrock.fold import fold
from lionrock.library.extract._persons import HAN_CHAR, NameHit
from lionrock.library.extract._text import Sentence

#: A quoted nickname of two to four Han characters: 「長毛」, 「快必」.
QUOTED = re.compile(r"「([^「」\s]{2,4})」")


def _tied(text: str, names: dict[str, NameHit]) -> dict[str, NameHit]:
    """Each quoted nickname the folded article `text` glues before exactly one of `names`."""
    tied: dict[str, set[str]] = {}
    for m in QUOTED.finditer(text):
        nick = m.group(1)
        if not all(HAN_CHAR.match(c) for c in nick):
            continue
        for name in names:
            if text.startswith(fold(name), m.end()):
                tied.setdefault(nick, set()).add(name)
    return {nick: names[next(iter(full))] for nick, full in tied.items() if len(full) == 1}


def nickname_mentions(
    s: Sentence, text: str, seen: dict[str, NameHit], found: list[NameHit]
) -> list[NameHit]:
    """The full names the quoted nicknames of sentence `s` stand for: each 「X」 the folded
    article `text` glues to one full name of `seen` or `found` (「長毛」梁國雄), written
    where no name found covers it and not glued to a name itself."""
    if "「" not in s.folded:
        return []
    known = {n.name: n for n in (*seen.values(), *found) if len(n.name) >= 2}
    tied = _tied(text, known)
    extra: list[NameHit] = []
    for m in QUOTED.finditer(s.folded):
        full = tied.get(m.group(1))
        if full is None or s.folded.startswith(fold(full.name), m.end()):
            continue  # not a nickname the article ties, or the pair itself
        if any(h.end == m.start() for h in found):
            continue  # glued after a name (吳偉南「飛天南」被控): the name is read already
        if any(h.start < m.end() and m.start() < h.end for h in found):
            continue
        extra.append(NameHit(full.name, m.start(1), m.end(1), full.entity_id, full.known))
    return extra
