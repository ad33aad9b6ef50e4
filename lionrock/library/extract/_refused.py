"""A refusal of bail in a relative clause that defines a group, whose members a 包括 list
names later in the sentence (extract26, issue #16): 32名保釋被拒的被告中，有7人放棄…上訴的
權利，包括：A、B、C. Each listed name is one of those refused bail, though the list's own
clause says something else of them (5 pool copies of one story, 7 refusals each; 7 facts
of dev draw 18).
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import Sentence, zh

#: the refusal's relative clause closes on the group it defines: 保釋被拒的被告中,
#: 被拒保釋的32人當中 (the trigger is 保釋被拒 or 被拒保釋)
AMONG = re.compile(zh(r"\s*的[^,;:，；：。]{0,6}?(?:被告|人)\s*(?:當中|之中|中)\s*[,，]"))
#: the list that names some of them, later in the same sentence
INCLUDING = re.compile(zh(r"包括\s*[:：]?\s*"))


def refused_among(hit: Hit, s: Sentence, found: list[NameHit]) -> list[NameHit]:
    """The names of a 包括 list after 保釋被拒的被告中，… in the same sentence."""
    if hit.kind != "bail_denied":
        return []
    among = AMONG.match(s.folded, hit.end)
    if not among:
        return []
    listing = INCLUDING.search(s.folded, among.end())
    if not listing or any(among.end() <= n.start < listing.start() for n in found):
        return []  # a name between: the list is not the group's (有7人，包括 only)
    return [n for n in found if n.start >= listing.end()]
