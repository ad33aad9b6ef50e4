"""A charged group's members, listed in a sentence of their own (issue #16, extract29).

A report on a large case states the group's charge once (47名參與初選的民主派被控「串謀顛覆
國家政權」罪; 會以「串謀顛覆國家政權罪」起訴47人) and names its members elsewhere, in lists
whose head says who they are but names no offence: 被起訴47人包括：A、B…, 因案件被還柙的36人
包括：…, 有12名被控者辭任區議員，包括…. Each name of such a list is charged with the offences
of the article's earlier charge sentence that counts at least as many people. And a restated
charge that names no offence (被控涉違《國安法》的47人) does not replace the named offence
of an earlier one for the group's listings (`group_charge`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lionrock.library.extract._listing import COUNT, LIST_END, _closed
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import chinese_number, zh

_N = r"(?P<{}>\d+|[一二兩三四五六七八九十]+)\s*(?:名|人)"
#: a head that says the names are (some of) a case's defendants, and no offence: 被起訴47人
#: 包括：, 因案件被還柙的36人包括：, 有12名被控者辭任區議員，包括, 被票控人士包括
MEMBERS = re.compile(
    zh(
        r"(?:被(?:正式|落案)?起訴|被票?控(?!方|罪)|因案件?被還柙)的?"
        + _N.format("n")
        + r"(?:被告)?包括[:：]?"
        r"|" + _N.format("k") + r"被(?:控|起訴)者[^。；]{0,12}?包括[:：]?"
        r"|被(?:票控|起訴|檢控)(?:的)?人士包括[:：]?"
    )
)
#: a part of another group (其餘…, 另外…) is not the case's members
_PART = re.compile(zh(r"(?:其餘|其他|另外|另|除)\S{0,3}$"))


def member_listing(f: str, found: list[NameHit]) -> tuple[int, int, list[NameHit]]:
    """Where a sentence lists members of a case's defendants under a head that names no
    offence: (where the head starts, how many it counts (0: not said), the names up to the
    clause's end); (-1, 0, []) when it does not. `被起訴47人包括：戴耀廷、區諾軒…` gives
    (0, 47, [戴耀廷, 區諾軒, …])."""
    m = MEMBERS.search(f)
    if not m or _PART.search(f[max(0, m.start() - 6) : m.start()]):
        return -1, 0, []
    end = next(
        (e.start() for e in LIST_END.finditer(f, m.end()) if _closed(f[m.end() : e.start()])),
        len(f),
    )
    listed = [n for n in found if m.end() <= n.start < end]
    return m.start(), int(chinese_number(m.group("n") or m.group("k") or "") or 0), listed


def group_charge(
    charges: Sequence[tuple[str, list[Hit]]], counted: int = 0
) -> tuple[str, list[Hit]]:
    """The charge sentence (folded, its charge hits) whose offences a listing of `counted`
    members takes: the last one before it, unless it names no offence but 違反國安法 while
    an earlier one names a national-security offence (被控涉違《國安法》的47人 after 47名…被控
    「串謀顛覆國家政權」罪: that one). With `counted`, only a sentence that counts at least
    as many people (47人 for a list of 36) is the group's; ("", []) when none is."""
    fitting = [
        (f, hits)
        for f, hits in charges
        if not counted
        or any((chinese_number(c.group("n")) or 0) >= counted for c in COUNT.finditer(f))
    ]
    if not fitting:
        return "", []
    last = fitting[-1]
    if all(h.value == "nsl_unspecified" for h in last[1]):
        named = [c for c in fitting if any(h.statute == "nsl" and h.section for h in c[1])]
        if named:
            return named[-1]
    return last
