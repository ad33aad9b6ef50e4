"""Release and bail wordings the lexicon lacked (issue #16, `release21`), each counted over
the pool of court-keyword articles (dev and unlabelled, not `test`):

- 無罪釋放 with no 獲 before it (除第一被告王志榮無罪釋放, 判許麗明無罪釋放,
  黎智英涉恐嚇罪名不成立，無罪釋放): acquitted and freed is a release, as 獲無罪釋放
  already is (`RELEASED`);
- bail granted by a court named between 獲 and the verb (黃森球則獲法官准許保釋, 呂智恆…原本獲
  總裁判官蘇惠德批出保釋, 鄒家成…獲高院批出保釋); the same with 不獲 before it is a refusal
  (只有鄒家成是不獲總裁判官蘇惠德批出保釋);
- a release right after the arrest it ends (王鳳瑤…被警方以涉嫌…拘捕，其後獲釋): the arrest's
  subject, read from the arrest, however many clauses before it the name is (a release of
  someone just arrested is not police bail: that is written 獲准保釋);
- a court's grant after the application (向高等法院申請保釋出外奔喪，最終獲國安法指定法官批准);
- bail pending appeal or sentence as a state after 現 or with 候上訴 / 候判 (楊博文…判監九星期，
  現保釋候上訴): a court's bail, as `BAIL_GRANTED`'s 現在保釋等候上訴 already is.

Example:
    [h.kind for h in release_forms(fold("判許麗明無罪釋放。"))]  # → ["released"]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: 無罪釋放 not already read by `RELEASED` (獲無罪釋放, 獲判無罪釋放, 獲裁定無罪釋放).
ACQUITTED_FREED = re.compile(zh(r"(?<!獲)(?<!獲判)(?<!獲裁定)(?<!獲當庭)無罪釋放(?!令)"))
#: The court that grants or refuses: a judge (法官, 裁判官, 杜官, 總裁判官蘇惠德) or a court
#: (法庭, 高院); not the police (獲警方批准保釋 is police bail).
_NOT_POLICE = r"[^\s,;:，；：。、警]"
_COURT = rf"{_NOT_POLICE}{{0,8}}?(?:法官|裁判官|{_NOT_POLICE}官|法庭|法院|高院|區院|終院)\S{{0,4}}?"
COURT_GRANTS = re.compile(
    zh(rf"(?P<neg>不|未)?獲{_COURT}(?:准許|批准|批出|准予)\S{{0,4}}?保釋(?!條件|申請|上訴|覆核)")
)
#: 向高等法院申請保釋出外奔喪，最終獲國安法指定法官批准: the application, then the court's grant.
APPLIED_GRANTED = re.compile(
    zh(
        rf"申請\S{{0,8}}?保釋[^,;:，；：。]{{0,20}}?[,，]\s*(?:最終|其後|最後|終|並)?獲{_COURT}(?:批准|准許|批出)"
    )
)
#: 現保釋候上訴, 正保釋候判: bail while an appeal or a sentence waits.
PENDING = re.compile(
    zh(
        r"(?<=現)保釋(?:外出)?(?:等候上訴|候上訴|候審|待審|候判|等候判刑)"
        r"|(?<=正在|現時|現在|目前|其後|仍然|一直)保釋(?:外出)?(?:候上訴|候判|等候判刑)"
    )
)

#: 被…拘捕，其後獲釋: the release is read from the arrest's start, so its people are the arrest's.
ARREST_THEN_RELEASE = re.compile(
    zh(
        r"(?P<arrest>被捕|(?:被|遭)[^,;:，；：。]{0,24}?拘捕)[^,;:，；：。]{0,12}?[,，]\s*"
        r"(?:其後|隨後|及後|之後|後來|最後|最終|翌日|同日|當晚)?(?:已|再)?"
        r"(?:獲釋(?!放令)|獲無條件釋放|獲釋放|被釋放)"
    )
)


def release_forms(f: str) -> Iterator[Hit]:
    """The releases and court bail decisions of a folded sentence in these wordings."""
    if zh("無罪釋放") in f:
        for m in ACQUITTED_FREED.finditer(f):
            yield Hit("released", m.start(), m.end(), confidence=0.8)
    for m in ARREST_THEN_RELEASE.finditer(f):
        yield Hit("released", m.start("arrest"), m.end(), confidence=0.8)
    if zh("保釋") not in f:
        return
    for m in COURT_GRANTS.finditer(f):
        kind = "bail_denied" if m.group("neg") else "bail_granted"
        yield Hit(kind, m.start(), m.end(), confidence=0.85 if kind == "bail_granted" else 0.9)
    for m in APPLIED_GRANTED.finditer(f):
        yield Hit("bail_granted", m.start(), m.end(), confidence=0.85)
    for m in PENDING.finditer(f):
        yield Hit("bail_granted", m.start(), m.end())  # never police bail
