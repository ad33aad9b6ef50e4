"""Whether a sentence is a question, when the splitter cuts inside a quotation (face21).

The sentence splitter ends a sentence at a question mark inside a quotation, so a sentence
that states a fact and then quotes someone's question (還柙多日的「長毛」頭髮稍白，…陳關心
問：「夠唔夠衫？) ends with ？ and used to be skipped as a question. It is not the
sentence's own question when the quotation left open is what someone asks (問：「) and
holds no trigger word; then the words before it are read. A rhetorical question quoted as
the speaker's comment (…被拒絕保釋，「這不是幾奇怪嗎？) still makes the sentence a question:
over the pool those comment on a hypothetical as often as on a fact.

Example: `asks(s)` is False for the sentence above, True for 黃浩銘問：「梁國雄還柙了嗎？.
"""

from __future__ import annotations

import re

from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._text import Sentence, zh

#: Someone asks, and the quotation of the question is left open at the sentence's end.
_ASKED = re.compile(zh(r"問\s*[:：]\s*「[^「」]*$"))


def asks(s: Sentence) -> bool:
    """Whether sentence `s` is a question: it ends with a question mark, unless the mark
    ends a quotation of what someone asks (問：「…？) that holds no trigger word."""
    if not s.text.endswith(("？", "?")):
        return False
    asked = _ASKED.search(s.folded)
    return asked is None or bool(TRIGGER.search(s.folded, asked.start()))
