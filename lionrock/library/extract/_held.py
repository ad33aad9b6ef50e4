"""Custody told as being held or in prison, with its reason in the sentence (issue #16,
extract42).

黎智英被控欺詐，再加控違反國安罪，未審先被拘押，不能保釋; 郭家麒…即被拘押，未定罪都要坐牢
幾個月，不得保釋; 何桂藍為初選47人案中被告之一，被拒保釋，在獄中寫下千言手記;
"sent Wan back to remand": 拘押, 關押, 在獄中 and 坐牢 say that someone is held, not why.
Held is `custody` only when the same sentence says why: a refusal of bail or a trial still
to come makes it `remanded`, a term or a conviction `serving_sentence`, and with neither
it is nothing (身陷獄中 when the reason is not said, docs/extract.md's labelling rules;
被警方拘押 after an arrest is the police's). A fallback: a sentence with a remand or a term
word of its own (還柙, 服刑, 關押於監獄…罪成) is left to those rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._patterns import EITHER, REMANDED, SERVING
from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: cheap gate: every match holds one of these words
GATE = (*(zh(w) for w in ("拘押", "關押", "獄中", "坐牢", "坐監")), "remand", "jail")
#: held: 被拘押, 關押在牢中, 在獄中, 未定罪都要坐牢; English "back to remand", "sitting in jail"
HELD = re.compile(
    zh(
        r"(?<!被捕及)(?<!服刑及)(?:被|遭)?(?:拘押|關押(?:在|於)\S{0,3}?[牢獄監])"
        r"|(?:正在|仍在|在)獄中|(?:未審先|未定罪\S{0,3}?)(?:坐牢|坐監)"
    )
    + r"|\bback\s+to\s+remand\b|\bsitting\s+in\s+jail\b",
    re.IGNORECASE,
)
#: the reason is a trial to come: bail refused, not yet tried, national security
PRETRIAL = re.compile(
    zh(
        r"不能保釋|不得保釋|不准保釋|拒絕保釋|被拒保釋|拒批保釋|不獲保釋|未審|未定罪|候審|候訊|國安法"
    )
    + r"|denied\s+bail|deny\s+bail|bail\s+\S+\s+(?:refused|declined)|awaiting",
    re.IGNORECASE,
)
#: the reason is a term
TERM = re.compile(zh(r"判囚|判監|服刑|罪成|刑期|入獄"), re.IGNORECASE)
#: the police's detention after an arrest, the mainland's, or a condition: not a court's custody
NOT_HELD = re.compile(zh(r"警署|警方|扣留|拘留|被捕後|看守所|內地|中國|公安|如果|假如|若"))


def held_hits(folded: str) -> Iterator[Hit]:
    """The custody a sentence's 'held' states when it also says why (module docstring).

    Example: `next(held_hits(fold("黎智英未審先被拘押，不能保釋。"))).value` is `"remanded"`.
    """
    if not any(word in folded for word in GATE) or NOT_HELD.search(folded):
        return
    if REMANDED.search(folded) or SERVING.search(folded) or EITHER.search(folded):
        return  # the remand or term words say it (not 正在獄中服刑及被拘押: neither)
    pretrial, term = PRETRIAL.search(folded), TERM.search(folded)
    if bool(pretrial) == bool(term):
        return  # neither reason, or both (服刑及被拘押 says neither)
    value = "remanded" if pretrial else "serving_sentence"
    for m in HELD.finditer(folded):
        yield Hit("custody", m.start(), m.end(), value, confidence=0.8)
