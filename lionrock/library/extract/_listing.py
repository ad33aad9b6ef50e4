"""Defendants listed apart from their charge (issue #16, extract18).

A report often states a case's charge once (吳偉南與鄧懷琛共同被控一項暴動罪…) and lists
the defendants in a sentence of their own that names no offence (6名受審被告為王志榮、黃英傑…;
15名被告包括李柱銘、吳靄儀…). Each name of such a listing is charged with the offences of
the article's last charge sentence before it, unless the next sentence states the charges
itself (the earlier charge can be another case's there).
"""

from __future__ import annotations

import re

from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._text import chinese_number, zh

#: 6名受審被告為…, 8名被告依次為…, 15名被告包括…, 九名被告分別是…; a space after the
#: number (8 名被告依次為…) and a comma after 為 (11 名被告為，A、B…) as some reports write
#: them (extract27)
LISTED = re.compile(
    zh(
        r"(?P<n>\d+|[一二兩三四五六七八九十]+)\s*名(?:受審)?被告(?:人)?(?:依次|分別)?"
        r"(?:為|包括|是)[:：,，]?"
    )
)
#: a count of people in a charge sentence (拘捕3名男女，並控以…, 47人, 四人被控)
COUNT = re.compile(zh(r"(?P<n>\d+|[一二兩三四五六七八九十]+)(?:名|人)"))
#: a listing of a part, not of the case (其餘7名被告包括…, 另外3名被告為…)
PART = re.compile(zh(r"(?:其餘|其他|另外|另|當中|其中|除)\S{0,3}$"))

#: the sentence after a listing states the charges itself (譚被控…；陳被控…, 7人被指…參與
#: 暴動, 案情指…): the article's earlier charge may be another case's
OWN_CHARGES = re.compile(zh(r"被控|被指|控罪指|案情指|涉嫌|控以|被起訴"))

LIST_END = re.compile(r"[；;。]")


def listed_defendants(f: str, found: list[NameHit], charge: str = "") -> tuple[int, list[NameHit]]:
    """Where a sentence lists a case's defendants with no offence, and the names listed
    (none when it does not): `6名受審被告為王志榮（54歲）、黃英傑…` gives both names. A
    charge sentence that counts fewer people than the listing (拘捕3名男女，並控以暴動罪 …
    4名被告依次為…) is another group's: no names."""
    m = LISTED.search(f)
    if not m or PART.search(f[max(0, m.start() - 6) : m.start()]):
        return -1, []
    listed = chinese_number(m.group("n"))
    counted = [chinese_number(c.group("n")) for c in COUNT.finditer(charge)]
    if listed and any(c and c < listed for c in counted):
        return -1, []
    # the listing ends at its clause (；分別由大律師A、B代表: counsel, not defendants)
    end = next(
        (e.start() for e in LIST_END.finditer(f, m.end()) if _closed(f[m.end() : e.start()])),
        len(f),
    )
    return m.start(), [n for n in found if m.end() <= n.start < end]


def _closed(text: str) -> bool:
    """No bracket is open at the end of `text` (王志榮（54歲，運輸公司東主）: the comma inside)."""
    return text.count("（") + text.count("(") <= text.count("）") + text.count(")")
