"""Charges stated as what people face, 面對…控罪 (issue #16, face21).

The labels read a charge in a person's facing counts or a named offence, with no charge
verb: 多名民主派議員因立法會內抗議面對包括藐視罪在內的控罪，包括…許智峯、尹兆堅… (dev draw
40), 八名被告共面對五項妨礙司法公正罪、兩項在公職中行為失當罪… (draw 16), 杜啟華面對4項
控罪，分別為… The offence is the one named (`other` when the lexicon has no key for it);
the people are found as for any passive charge (the names before 面對, or a group's 包括
listing after it).

Not a charge, as the labels read them:

- what one may or will face (可能面對, 將面對, 或面對最高…監禁), and a penalty inside the
  words (又面對唔知坐幾多年的國安法控罪, dev draw 9 labels nothing);
- charges with neither a count nor a named offence (面對不同控罪, 面對同樣控罪, 面對更嚴重
  控罪的手足): the same words speak of unnamed groups and of cases abroad;
- 面對的X罪, read by `_charge_before.py`; 背負/涉及…控罪 and 面臨, which the dev labels do
  not read as charges (背負暴動控罪的學生李倩怡, 因涉及理大外圍的暴動控罪，現正還柙).

Example: `[h.value for h in facing_charges(fold("杜啟華面對4項控罪，分別為襲警"))]` is
`["other"]`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._lexicon import offences_in
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: 面對 up to the last charge word of its clause (控罪, 罪名, X罪); not what one may or will
#: face (將面對, 可能面對, 或面對), nor whatever one faced (無論面對暴動罪或…都適用), nor
#: 面對的 (`_charge_before.FACES`).
FACING = re.compile(
    zh(
        r"(?<![將要會可或能論若])面對(?!的|緊)(?:了|着|著)?"
        r"(?P<what>[^,;:，；：。？?！!「」]{0,40}(?:控罪|罪名|罪))(?![成行犯案])"
    )
)
#: A count of charges (五項, 4項, 至少8宗, 兩條) or a list of them (包括…在內).
_COUNTED = re.compile(zh(r"(?:\d+|[一二三四五六七八九十兩多])\s*(?:項|宗|條)|包括"))
#: A penalty among the words: what the charge may bring, not the charge (坐幾多年, 監禁).
_PENALTY = re.compile(zh(r"坐|判|監|刑|年"))


def facing_charges(f: str) -> Iterator[Hit]:
    """The charges the folded sentence `f` states as faced (面對…控罪), each a passive hit
    (the people before 面對, or a listing after it) whose value is one offence."""
    for m in FACING.finditer(f):
        what = m.group("what")
        if _PENALTY.search(what):
            continue
        offences = offences_in(what)
        if not offences and not _COUNTED.search(what):
            continue  # 面對不同控罪: neither a count nor an offence
        if not offences:  # 四人面對三項控罪: counted, none named
            yield Hit("charged", m.start(), m.end(), "other")
        for o in offences:
            yield Hit("charged", m.start(), m.end(), o.key, False, o.statute, o.section)
