"""A 分別 list of terms after a listing the commas break (issue #16, extract22): 三名被告依次為
第一被告歐國偉（26歲），第二被告鄧文謙（25歲），第三被告林易昇（31歲），分別被判監32個月、31個月、
17個月. Each name stands in a clause of its own, so the group before the terms is the last
name alone; when the clauses before them are such a listing, one name each after 第N被告 in
order from the first, and there are as many terms as names, the terms pair with the listing.

Example:
    ordered_listing(hits, hit, groups, folded)  # → [歐國偉, 鄧文謙, 林易昇]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import chinese_number, zh

if TYPE_CHECKING:
    from lionrock.library.extract._subjects import Hit

#: 第二被告 right before a name, after the comma that ends the item before (and its age).
_ORDER = re.compile(zh(r"第(?P<n>[一二三四五六七八九十\d]{1,2})被告\s*$"))
_BETWEEN = re.compile(
    zh(r"^\s*(?:[(（][^()（）]{0,10}[)）])?\s*[,，]\s*第[一二三四五六七八九十\d]{1,2}被告\s*$")
)


def ordered_listing(
    hits: Sequence[Hit], hit: Hit, groups: list[list[NameHit]], f: str
) -> list[NameHit]:
    """The names of a comma-broken listing by orders (第一被告A…，第二被告B…) right before a
    分別 list of terms, when there are as many terms as names; else none."""
    terms = sum(
        1 for h in hits if h.kind == "sentence" and h.statute.isdigit() and h.start == hit.start
    )
    before = [g for g in groups if g[-1].end <= hit.start]
    if terms < 2 or len(before) < terms or any(len(g) != 1 for g in before[-terms:]):
        return []
    names = [g[0] for g in before[-terms:]]
    first = _ORDER.search(f[: names[0].start])
    if not first or chinese_number(first.group("n")) != 1:
        return []
    if not all(_BETWEEN.match(f[a.end : b.start]) for a, b in pairwise(names)):
        return []
    # the terms follow the last name's clause: its age, then a comma and 分別
    if not re.match(zh(r"^\s*(?:[(（][^()（）]{0,10}[)）])?\s*[,，]\s*分別"), f[names[-1].end :]):
        return []
    return names
