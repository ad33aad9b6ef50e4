"""Names and a count of the whole listing (issue #16, extract22): 李柱銘、吳靄儀等7名被告經審訊後
被判罪成 names two of the seven defendants the article lists elsewhere (8名被告依次為…,
受審被告為…). When the count is the listing's and every name before 等 is in it, the fact
is each listed defendant's, not the two named's only.

Example:
    etc_listed(folded, found, listed)  # 李柱銘、吳靄儀等7名被告 → the other five, placed there
"""

from __future__ import annotations

import re
from dataclasses import replace

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import count_of, zh

_N = r"[一二三四五六七八九十\d]{1,3}|兩"
#: 等7名被告, 等 9 人, 等10名民主派人士 (not 等人, 等多人).
ETC_COUNT = re.compile(
    zh(
        rf"^\s*等\s*(?P<n>{_N})\s*(?:名|位|個)?\s*(?:被告(?:人)?|人(?![員數次手中之口物])|\S{{0,4}}人士)"
    )
)
#: What joins the names before 等: 、 及 和 與, a bracket (an age).
_JOINED = re.compile(zh(r"^\s*(?:[(（][^()（）]{0,10}[)）])?\s*(?:[、及和與]|以及)?\s*$"))


def etc_listed(
    f: str, found: list[NameHit], listed: list[NameHit], count: int | None = None
) -> list[NameHit]:
    """The listed defendants a `A、B等N名被告` stands for beside A and B, when N is the
    listing's count (`count`, when the listing's head counts names the finder missed;
    extract53) and A and B are listed: placed over the last name before 等, so that they
    join its group."""
    names = {n.name for n in listed}
    extra: list[NameHit] = []
    for i, last in enumerate(found):
        m = ETC_COUNT.match(f[last.end :])
        if not m or count_of(m.group("n")) != (count or len(listed)):
            continue
        head = [last]
        for previous in reversed(found[:i]):
            if not _JOINED.match(f[previous.end : head[0].start]):
                break
            head.insert(0, previous)
        if any(n.name not in names for n in head):
            continue
        named = {n.name for n in head}
        extra += [replace(n, start=last.start, end=last.end) for n in listed if n.name not in named]
    return extra
