"""Charges whose offence is written before the trigger (issue #16, extract55).

The older rules read the offences after 被控 (被控暴動罪) or between 以 and the verb
(以煽動罪被起訴, `CHARGED_BY`). A charge whose own words name no offence can still have one
in the same clause chain, written first:

- the offence the person is said to be accused of, tied to the charge by 而 or by the
  clause right before it: 黃逸豪與畢慧芬另各涉一項非法禁錮，被控於同日同地…;
  她被指…「明知而作出在要項上虛假的陳述」，而遭起訴兩條控罪;
- the offence of the arrest the same sentence has just stated, when the charge clause
  follows it with no other trigger between: 並以國安法拘捕五名高層，其中…張劍虹、…羅偉光
  已被落案控告; 圖中四人全因初選案涉嫌違反國安法被捕，胡志偉及黃碧雲被起訴 (the suspicion
  alone, 涉嫌…被捕, is still no charge: only a charge trigger takes it);
- the offence a person faces, 面對的…罪 (兩人面對的有意圖而傷人罪則存檔法庭, 第三被告張俊浩
  面對的「在公眾地方管有攻擊性武器」罪), which the labels read as a charge; not what one
  will face (將面對), nor a charge with no offence named (面對的控罪最高刑罰…).

Example: `charges_before(fold("黃逸豪另各涉一項非法禁錮，被控於同日同地…"))` gives one hit
whose start is 涉's, so the names before it are the people charged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._lexicon import offences_in
from lionrock.library.extract._patterns import CHARGE_STOP
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: A charge trigger whose own words may name no offence (被控於同日同地…, 被落案控告).
_BARE = r"(?:被|遭)(?:正式|落案|加)?(?:起訴|檢控|控告)|(?:被|遭)票?控(?![方罪])|被落案"
#: 各涉一項X，被控… / 被指X，而遭起訴…: the accusation, then (a comma and 而 or 並 at most
#: between) the charge; the accusation's words stop at a sentence's end or another trigger.
ACCUSED_THEN_CHARGED = re.compile(
    zh(
        r"(?:(?<=[各另亦均])涉|被指(?!控))(?:及|嫌)?(?P<what>[^。；;被遭]{2,50}?)"
        r"[,，]\s*(?:而|並|其後|後來|及後)?\s*(?P<charge>" + _BARE + ")"
        r"|被指(?!控)(?P<what2>[^。；;被遭]{2,50}?)[,，]?\s*而\s*(?P<charge2>" + _BARE + ")"
    )
)
#: An arrest that names its offence (以國安法拘捕, 涉嫌違反國安法被捕, 因暴動罪被捕), then,
#: within the sentence, a charge trigger: the offence is the arrest's, not another's.
ARREST_FOR = re.compile(
    zh(r"(?:以|涉嫌|因)(?P<what>[^。；;,，被遭以因]{2,30}?)(?:而)?(?:拘捕|被捕|被拘捕|遭拘捕)")
)
BARE_CHARGE = re.compile(zh(_BARE))
#: Triggers and offences that would stand between the arrest and the charge: then the
#: charge may be for something else (…被捕，後被判囚…，再被起訴).
_BETWEEN = re.compile(
    zh(r"判|罪成|罪名|定罪|認罪|否認|保釋|獲釋|釋放|控罪|另案|其他案|以外|除了|[。；;]")
)
#: 面對的…罪: the offence a person faces; not 將面對 (what will come) nor 面對的控罪 alone.
FACES = re.compile(zh(r"(?<![將要會可或])面對(?:的|緊嘅|緊的)(?P<what>[^,;:，；：。]{2,30}?罪)"))


def _offences(words: str) -> list[tuple[str, str, str]]:
    stop = CHARGE_STOP.search(words)
    return [
        (o.key, o.statute, o.section) for o in offences_in(words[: stop.start()] if stop else words)
    ]


def _has_offence_after(f: str, end: int) -> bool:
    return bool(_offences(f[end : end + 90]))


def charges_before(f: str) -> Iterator[Hit]:
    """The charges of the folded sentence `f` whose offence is written before the trigger,
    each a passive hit (the people before its start) whose value is one offence."""
    for m in ACCUSED_THEN_CHARGED.finditer(f):
        what = m.group("what") or m.group("what2")
        end = m.end("charge") if m.group("charge") else m.end("charge2")
        if _has_offence_after(f, end):
            continue  # the older rules read the offence after the trigger
        for key, statute, section in dict.fromkeys(_offences(what)):
            yield Hit("charged", m.start(), end, key, False, statute, section)
    for arrest in ARREST_FOR.finditer(f):
        charge = BARE_CHARGE.search(f, arrest.end())
        if charge is None or _BETWEEN.search(f, arrest.end(), charge.start()):
            continue
        if _has_offence_after(f, charge.end()):
            continue
        for key, statute, section in dict.fromkeys(_offences(arrest.group("what"))):
            yield Hit("charged", charge.start(), charge.end(), key, False, statute, section)
    for m in FACES.finditer(f):
        for key, statute, section in dict.fromkeys(_offences(m.group("what"))):
            yield Hit("charged", m.start(), m.end(), key, False, statute, section)
