"""Verdicts the older patterns miss, and the person of a relative-clause verdict (issue #16,
`extract51`).

- 定罪 without 被: the name right before it (戴耀廷定罪僅行為不檢), 遭定罪, 被法院定罪, and
  a conviction followed by its penalty (因車牌查冊定罪罰款, 之後定罪判囚). 定罪 alone is
  mostly the law's noun (定罪門檻, 一經定罪最高可…, 其後定罪可處, 未經審訊定罪, 而非假定被告
  已經定罪: 25 of the pool's 26 定罪 after a time word), so it is no verdict
  otherwise.
- 判…無罪: 獲判無罪, 被判無罪, 改判無罪, 判被告無罪 (not 好像判了無罪, 應判無罪).
- A verdict that qualifies the name after it (被判阻差辦公罪成的年輕社工劉家棟, 藐視法庭罪成
  的中西區區議會主席鄭麗琼, 暴動罪成的白衣人鄧懷琛): the first name after 的, within a few
  words and no punctuation, is the one convicted.

Example:
    list(more_verdicts("戴耀廷定罪僅行為不檢", found))  # a `convicted` hit at 定罪
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: 定罪 that states a conviction whatever comes before it.
CONVICTED_MORE = re.compile(
    zh(
        r"(?:遭|被(?:法院|法庭|法官|裁判官|正式))定罪"
        # not 首次定罪罰款5萬元 (what the law provides)
        r"|(?<!首次)(?<!一經)(?<!其後)定罪(?=判囚|判監|判刑|罰款|入獄|繫獄)"
    )
)
#: 定罪 right after a name: the name's conviction (not 定罪門檻, 定罪率).
BARE_CONVICTED = re.compile(zh(r"定罪(?![門率紀記元原權的])"))
#: 獲判無罪, 判被告無罪, 改判無罪: an acquittal (not 好像判了無罪, 應判無罪, 只要求判無罪).
ACQUITTED_MORE = re.compile(
    zh(
        r"(?<![了應求])(?:獲|被|改)?判(?:被告|個人|[他她]|(?P<inner>[^\s,;:，；：。「」]{2,4}))?無罪(?![推釋])"
    )
)
#: The words between a relative verdict's 的 and its head name: a role or a description,
#: no punctuation, quotation or another clause.
HEAD_GAP = re.compile(zh(r"[^\s,;:，；：。、「」『』（）()]{0,16}"))
#: 罪成的話 (a condition), 罪成的心理準備, 罪成的判刑: the 的 introduces no person.
NOT_HEAD = re.compile(zh(r"^的(?:話|心理|準備|風險|判刑|刑期|原因|理由|行為|控罪|機會|可能)"))


def more_verdicts(f: str, found: list[NameHit]) -> Iterator[Hit]:
    """The extra verdict hits of a sentence (folded), beside `_patterns`' ones."""
    taken: list[tuple[int, int]] = []
    for m in CONVICTED_MORE.finditer(f):
        taken.append((m.start(), m.end()))
        yield Hit("verdict", m.start(), m.end(), "convicted", confidence=0.85)
    ends = {n.end for n in found}
    for m in BARE_CONVICTED.finditer(f):
        if m.start() in ends and not any(a <= m.start() < b for a, b in taken):
            yield Hit("verdict", m.start(), m.end(), "convicted", confidence=0.85)
    for m in ACQUITTED_MORE.finditer(f):
        if m.group("inner"):
            at = m.start("inner")
            inner = [n for n in found if at <= n.start and n.end <= m.end("inner")]
            if not inner:
                continue  # 判我們無罪, 判了無罪: no one named
            yield Hit("verdict", m.start(), m.end(), "acquitted", people=inner, confidence=0.85)
        else:
            yield Hit("verdict", m.start(), m.end(), "acquitted", confidence=0.85)


def relative_head(hit: Hit, f: str, found: list[NameHit]) -> tuple[list[NameHit], float] | None:
    """The name a verdict qualifies (罪成的年輕社工劉家棟), or None when it qualifies none."""
    if hit.kind != "verdict" or f[hit.end : hit.end + 1] != zh("的") or NOT_HEAD.match(f, hit.end):
        return None
    for name in sorted(found, key=lambda n: n.start):
        if name.start > hit.end:
            if HEAD_GAP.fullmatch(f[hit.end + 1 : name.start]):
                return [name], 0.1
            return None
    return None
