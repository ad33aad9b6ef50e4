"""Defendants listed in the paragraph after a heading (issue #16, extract28).

A report sometimes ends with the case's defendants under a heading of their own, the
heading one paragraph (47名初選案被告次序：) and the names the next, a listing with no words
but the names and their ages (戴耀廷（56歲）、區諾軒（33歲）…). The listing is read as one
written after `N名被告依次為：`, only when the heading is the whole paragraph, ends with a
colon, and counts exactly the names of the next paragraph, each item one name.

Example:
    headed_count("47名初選案被告次序：")         # 47
    headed_listing("甲（30歲）、乙（31歲）", found, 2)  # both names, in order
"""

from __future__ import annotations

import re

from lionrock.library.extract._listing import COUNT
from lionrock.library.extract._order import _listing
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import chinese_number, zh

#: 47名初選案被告次序：, 12名被告名單：, 5名被告如下：: a count, up to six characters, 被告,
#: and a word of listing or none, then the colon that ends the paragraph
HEADING = re.compile(
    zh(
        r"^(?P<n>\d+|[一二兩三四五六七八九十]+)\s*名[^\s,;:，；：。、()（）]{0,6}?被告(?:人)?"
        r"\s*(?:的)?(?:次序|排序|名單|如下|依次[為是]|分別[為是]|[為是]|包括)?\s*[:：]$"
    )
)
#: the heading gives an order (次序, 排序, 依次為): the listing's first is the first defendant
ORDERED = re.compile(zh(r"次序|排序|依次"))
#: what may close the listing's paragraph after its last name (its age is in brackets)
TAIL = re.compile(r"[\s。.；;]*$")


def headed_count(f: str) -> int | None:
    """How many defendants a heading paragraph (folded) announces, or None when it is not one."""
    m = HEADING.match(f.strip())
    if not m:
        return None
    count = chinese_number(m.group("n"))
    return int(count) if count and count == int(count) and count >= 2 else None


def headed_ordered(f: str) -> bool:
    """Whether the heading lists the defendants in their order (47名被告次序：)."""
    return bool(ORDERED.search(f))


def headed_listing(f: str, found: list[NameHit], count: int, charge: str = "") -> list[NameHit]:
    """The names of a paragraph (folded) that is only a listing of `count` names (ages in
    brackets allowed), in the order written; none when an item is not one name, the count
    differs or words follow the listing, or when the charge sentence it would take its
    offences from counts fewer people (another group's, as `listed_defendants` reads it)."""
    if any(c and c < count for c in (chinese_number(m.group("n")) for m in COUNT.finditer(charge))):
        return []
    listed = _listing(f, 0, found)
    if len(listed) != count or f[: listed[0].start].strip():
        return []
    rest = f[listed[-1].end :]
    rest = re.sub(r"^\s*[(（][^)）]{0,12}[)）]", "", rest)
    return listed if TAIL.fullmatch(rest) else []
