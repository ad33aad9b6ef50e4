"""What an article's suggestions say of each other (issue #16): a garbled 分別 list, the
per-count terms beside a person's total or other term, and an unnamed national-security
charge beside a named one are dropped once every sentence has been read.

Example: `consistent(proposals)` keeps 黃之鋒's total of 13.5 months and drops the 11.5
months of one of his counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lionrock.library.extract._rules import Proposal


def keep_best(best: dict[tuple[str, str, str, str], Proposal], proposal: Proposal) -> None:
    """Keep in `best` the most confident reading of `proposal`'s fact (at a low threshold a
    weak first one must not hide it), with a date from either, a total if either is one."""
    kept = best.get(proposal.key())
    if kept is None or proposal.confidence > kept.confidence:
        when = proposal.date if proposal.date is not None or kept is None else kept.date
        total = proposal.total or (kept is not None and kept.total)
        best[proposal.key()] = replace(proposal, date=when, total=total)
    elif kept.date is None and proposal.date is not None:
        best[proposal.key()] = replace(kept, date=proposal.date)
    if proposal.total:  # stated as a total anywhere, it is one (see consistent())
        best[proposal.key()] = replace(best[proposal.key()], total=True)


def consistent(proposals: Iterable[Proposal]) -> list[Proposal]:
    """A person's terms smaller than the total the article gives them (法庭判處監禁11.5個月
    … 總刑期為13.5個月) are the parts of that total, one per count, and are dropped: the
    labelling rules take one term per sentencing, the total (eighth round). A 分別 list of
    terms that the article contradicts elsewhere (判囚 7、10 及 13.5 個月, then 判囚 10 個月的
    周庭) is garbled: all of its terms are dropped. An unnamed national-security charge of
    someone charged with a named one is dropped too."""
    kept = list(proposals)
    totals: dict[str, float] = {}
    for p in kept:
        if p.kind == "sentence" and p.total:
            totals[p.person] = max(totals.get(p.person, 0.0), float(p.value))
    kept = [
        p
        for p in kept
        if not (p.kind == "sentence" and not p.total and float(p.value) < totals.get(p.person, 0))
    ]
    # one count's term (就禁蒙面法，第三被告被判囚6個月) beside another term of the person is
    # a part of that sentencing, neither a term of its own nor a sign of a garbled 分別 list
    whole = {p.person for p in kept if p.kind == "sentence" and not p.part}
    kept = [p for p in kept if not (p.kind == "sentence" and p.part and p.person in whole)]
    terms: dict[str, set[str]] = {}
    for p in kept:
        if p.kind == "sentence":
            terms.setdefault(p.person, set()).add(p.value)
    garbled = {p.quote for p in kept if p.respectively and len(terms[p.person]) > 1}
    kept = [p for p in kept if not (p.respectively and p.quote in garbled)]
    # 違反國安法 names no offence: said of someone the article charges with one, it is that
    # charge again (黎智英被控違反國安法第29條 … 勾結外國勢力), not another.
    named = {p.person for p in kept if p.kind == "charged" and p.statute == "nsl" and p.section}
    return [p for p in kept if not (p.value == "nsl_unspecified" and p.person in named)]
