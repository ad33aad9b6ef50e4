"""The members of a counted group named after 包括, each with a description before the name
(extract21): 其中12人早前被加控暴動罪，包括港大學生會前會長孫曉嵐、民間集會團隊發言人劉頴匡、
藝人王宗堯等; 事後30多人被控暴動，包括本土民主前線前發言人梁天琦.

`_cast.group_members` reads such a list only when its first name comes within a few
characters of 包括 and the finder found every name; a description of a dozen characters, a
role the finder takes for a reporter or spokesperson (前發言人梁天琦), or a name jieba does
not segment (劉頴匡) left the rest of the group unnamed. Here every item of the list must end
in a name (one the finder found, else a plausible full name after a description of two or
more Chinese characters), or the list names no one: 包括兩名記者, 包括社工陳虹秀8人早前經審訊後
全數罪名不成立 are not lists of names.
"""

from __future__ import annotations

import re

from lionrock.fold import HAN_RE
from lionrock.library.extract._cast import _N
from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._order import ITEM_JOINER, _outside_brackets
from lionrock.library.extract._persons import NameHit, _plausible
from lionrock.library.extract._subjects import Hit, clause_start
from lionrock.library.extract._text import Sentence, zh

#: the trigger's offence, then one comma and 包括 (被控暴動，包括; 被加控暴動罪，包括)
INCLUDING = re.compile(zh(r"[^,;:，；：。「」]{0,20}[,，]\s*包括(?:有)?\s*"))
#: the list ends at a clause's end; 等, 等人, 等N人 close it
LIST_END = re.compile(zh(r"[,;:，；：。]"))
ETC_END = re.compile(zh(r"\s*等\s*(?:[二兩三四五六七八九十\d]{1,3}\s*)?(?:人|名)?\s*$"))
KINDS = frozenset({"charged", "arrested"})
#: a counted group before the trigger in its clause, 多 allowed (事後30多人被控暴動)
GROUP_BEFORE = re.compile(
    zh(rf"(?:{_N}\s*多?\s*(?:名|位|個)\S{{0,6}}?|{_N}\s*多?\s*人)[^,;:，；：。]{{0,24}}$")
)


def described_members(
    hit: Hit, s: Sentence, found: list[NameHit], people: list[NameHit]
) -> list[NameHit]:
    """The named members of the counted group a passive charge or arrest is stated of, when
    the sentence lists them after 包括 with descriptions, less the `people` the older rules
    already found for it; none when there is no such list or a person found is not in it."""
    members = _members(hit, s, found) or []
    if not {p.name for p in people} <= {m.name for m in members}:
        return []
    return [m for m in members if m.name not in {p.name for p in people}]


def _members(hit: Hit, s: Sentence, found: list[NameHit]) -> list[NameHit] | None:
    f = s.folded
    if hit.kind not in KINDS or hit.active or hit.people:
        return None
    if not GROUP_BEFORE.search(f[clause_start(f, hit.start) : hit.start]):
        return None
    cue = INCLUDING.match(f, hit.end)
    if not cue or TRIGGER.search(f[hit.end : cue.end()]):
        return None
    at = cue.end()
    plain = _outside_brackets(f[at:])
    end = LIST_END.search(plain)
    plain = plain[: end.start()] if end else plain
    etc = ETC_END.search(plain)
    plain = plain[: etc.start()] if etc else plain
    cuts = [0, *(x for m in ITEM_JOINER.finditer(plain) for x in m.span()), len(plain)]
    members: list[NameHit] = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=True):
        item = plain[a:b].rstrip()
        name = _name_ending(item, at + a, s, found)
        if name is None:
            return None
        members.append(name)
    return members or None


def _name_ending(item: str, lo: int, s: Sentence, found: list[NameHit]) -> NameHit | None:
    """The name an item of the list ends with: one the finder found there, else its last
    three or two characters when they are a plausible full name after a description."""
    hi = lo + len(item)
    for n in found:
        if n.end == hi and n.start >= lo:
            return n
    for size in (3, 2):
        description, name = item[:-size].strip(), item[-size:]
        if (
            len(item) >= size
            and _plausible(name)
            and (not description or (len(description) >= 2 and HAN_RE.match(description[-1])))
        ):
            start = hi - size
            return NameHit(s.text[start:hi], start, hi, None, False)
    return None
