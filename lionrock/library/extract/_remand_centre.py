"""Custody told as a stay in a remand centre (issue #16, extract42).

黎智英被控欺詐罪，不准保釋，被送進茘枝角收押所; 頭號梁粉張震遠今早由收押所步上囚車;
清晨六點幾回到收押所: 收押所 (the Lai Chi Kok Reception Centre) holds those remanded, so
being sent to, kept in or taken from it is `custody` `remanded`; after a conviction whose
appeal is pending (申請保釋上訴…重返荔枝角收押所) or a term, it is `serving_sentence`.
A visit (到收押所探望, 聲援) or a place near it (收押所附近) says nothing of a prisoner,
and a stay to come (將在收押所完成…檢疫) is no fact yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

#: cheap gate: the folded word for the centre (收柙所 is a common misspelling)
GATE = (zh("收押所"), zh("收柙所"))
#: sent to, kept in, taken from or back to the centre
IN_CENTRE = re.compile(
    zh(
        r"(?:送進|送入|送往|送返|押返|押回|關在|關押在|囚於|困在|回到|重返|返回|返|由|在)"
        r"[^,，。;；:：]{0,6}?收[押柙]所"
    )
)
#: a visitor or a place near the centre, not a prisoner in it
VISIT = re.compile(zh(r"探望|探訪|探監|聲援|附近|門外|外面|集會"))
#: what will happen (李卓人將在荔枝角收押所完成入獄前的隔離檢疫) is no fact yet
WILL = re.compile(zh(r"(?:將|會|將會|即將)\s*$"))
#: the person is serving a term: a conviction on appeal, a term, 服刑
SERVING_HERE = re.compile(zh(r"上訴|服刑|判囚|判監|入獄|刑期"))


def centre_hits(folded: str) -> Iterator[Hit]:
    """The custody a sentence's stay in a remand centre states (see the module docstring).

    Example: `next(centre_hits(fold("黎智英被送進荔枝角收押所。"))).value` is `"remanded"`.
    """
    if not any(word in folded for word in GATE) or VISIT.search(folded):
        return
    for m in IN_CENTRE.finditer(folded):
        if WILL.search(folded[max(0, m.start() - 3) : m.start()]):
            continue
        # the term is read in the stay's own part of the sentence: not 林朗彥…入獄7個月；
        # 黎智英…被送進收押所 (a list of a week's events)
        part = folded[max(folded.rfind(c, 0, m.start()) for c in ";；") + 1 : m.end()]
        value = "serving_sentence" if SERVING_HERE.search(part) else "remanded"
        yield Hit("custody", m.start(), m.end(), value, confidence=0.85)
