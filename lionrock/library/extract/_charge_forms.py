"""Charges written in forms the older charge rules do not read (issue #16, `charges21`).

- The offence as the reason of a bare 被控, 因X被控 or 以X被控: 副召集人何啟明、司庫柯耀林因國安法
  被控後斷絕所有政治聯繫. `CHARGED_BY` reads this with 被起訴 or 被控告, not with 被控 alone;
  a charge that names an offence after 被控 is left to the older rules.
- 被告 as a verb, "was accused of", right before the offence: 「快必」譚得志被告發表煽動文字罪;
  陳秉臻於…期間被告襲警及在公眾地方作出擾亂秩序行為罪. Not the noun: 裁定被告暴動罪成 (a
  verdict), 被告暴動罪的定罪基礎, 首被告…, 三名被告…, 該被告 (a determiner or count before it).
- A charge sheet's heading in a paragraph of its own, 控罪1：煽惑他人參與未經批准集結,
  控罪一：公眾地方內擾亂秩序行為 ［判監7個月］: it names no one, so its charge is held for the
  article's one defendant (`_focus.py`, as a clause with no subject).

A plea or a verdict naming an offence (否認煽動分裂國家罪、恐怖活動罪…三罪) is not read as a
charge here: over `dev` draws 1 to 39, of the offences such plea quotes name (with no charge
trigger in them), 4 are labelled `charged` from that quote, 35 are labelled from a later
sentence with a trigger (so the plea was not read as one) and 73 are not labelled at all;
verdict quotes 0, 23 and 92.

Example: `[h.value for h in charge_forms(fold("何啟明因國安法被控後"))]` is
`["nsl_unspecified"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._lexicon import NSL_UNSPECIFIED, OFFENCES, offences_in
from lionrock.library.extract._patterns import CHARGE_STOP
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: 因國安法被控, 以暴動罪被控: the offence as the reason, then a bare 被控 (or 遭控).
CHARGED_FOR = re.compile(
    zh(r"(?:以|因)(?P<what>[^,;:，；：。被遭以因]{1,30}?)(?:而)?(?:被|遭)票?控(?![方罪訴告以])")
)
#: 被告 as a passive verb: the offence follows at once, after a count (一項), a verb of the
#: offence's own name (串謀, 煽惑他人, 發表) or where (在公眾地方) at most.
ACCUSED_OF = re.compile(
    zh(
        r"被告(?P<lead>(?:[一兩二三四五六七八九十\d]+\s*項|串謀|煽惑(?:他人)?|企圖|發表|刊印|參與"
        r"|組織|明知而|作出|[在於]公眾地方(?:內)?)*)"
    )
)
#: What before 被告 makes it the noun: a determiner, a count, an ordinal, a verb taking the
#: defendant as its object (裁定被告…, 證明被告…), or a possessive.
NOUN_BEFORE = re.compile(
    zh(
        r"(?:[名首第餘該各全眾兩二三四五六七八九十一等的為之由對令就將讓使把向與和及、]"
        r"|裁定|認為|指出|證明|確信|防範|同案|案中|本案|其中|原|明明|甚至)\s*$"
    )
)
#: After the offence: a verdict (罪成, 罪名成立, 不成立) or the offence as a noun (罪的).
NOT_A_CHARGE_AFTER = re.compile(zh(r"^[^,，。；;]{0,30}?罪(?:名)?(?:成|不成|的)"))
#: 控罪1：…, 控罪一：…, 控罪 3 : …: a charge sheet's heading (3 pool articles, 19 headings).
HEADING = re.compile(zh(r"^\s*控罪\s*[一二三四五六七八九十\d]+\s*[:：]\s*"))


def _offences(words: str) -> list[tuple[str, str, str]]:
    stop = CHARGE_STOP.search(words)
    found = offences_in(words[: stop.start()] if stop else words)
    return list(dict.fromkeys((o.key, o.statute, o.section) for o in found))


def charge_forms(f: str) -> Iterator[Hit]:
    """The charges of the folded sentence `f` written as a reason before 被控, with 被告 as a
    verb, or as a charge sheet's heading; each a passive hit whose value is one offence."""
    for m in CHARGED_FOR.finditer(f):
        if _offences(f[m.end() : m.end() + 90]):
            continue  # 因…被控暴動罪: the older rules read the offence after the trigger
        for key, statute, section in _offences(m.group("what")):
            yield Hit("charged", m.start(), m.end(), key, False, statute, section)
    for m in ACCUSED_OF.finditer(f):
        if NOUN_BEFORE.search(f, max(0, m.start() - 4), m.start()):
            continue
        tail = f[m.start("lead") : m.start("lead") + 60]
        if NOT_A_CHARGE_AFTER.match(tail):
            continue
        if not any(o.pattern.match(f, m.end()) for o in (*OFFENCES, NSL_UNSPECIFIED)):
            continue  # the offence must follow at once (被告岑曉麟否認…, 被告兩項控罪)
        for key, statute, section in _offences(tail):
            yield Hit("charged", m.start(), m.end(), key, False, statute, section)
    heading = HEADING.match(f)
    if heading:
        for key, statute, section in _offences(f[heading.end() :]):
            yield Hit("charged", 0, heading.end(), key, False, statute, section)
