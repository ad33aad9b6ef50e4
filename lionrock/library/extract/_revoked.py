"""Bail revoked by a court (issue #16, eighteenth round, `extract45`): 6名被告陳皓桓…和蔡耀昌
被法庭撤銷原有保釋，即時還押; 黎智英先生的保釋被終審法院撤回.
A court that takes bail away refuses it from then on, so each is `bail_denied`. Not the
police's (鄒幸彤被提早撤銷…保釋, 被警方撤銷保釋: who revoked it is not a court), not a
withdrawn application (撤銷保釋申請, 撤回保釋覆核). Over the whole archive such passives are
2 sentences (7 facts of dev draws 18 and 25); the active 杜官…，撤銷其保釋即時還柙 (one pool
sentence) is left: its 其 is a defendant two paragraphs up, in an article of two.

Example:
    list(revoked_hits("…蔡耀昌被法庭撤銷原有保釋，即時還押。"))  # → [Hit("bail_denied", …)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lionrock.library.extract._subjects import Hit
from lionrock.library.extract._text import zh

REVOKED = re.compile(
    zh(
        r"(?:被|遭)(?:\S{0,4}(?:法庭|法院)|[^\s警]{1,3}官)撤銷(?:原有|原來|其)?(?:的)?保釋"
        r"(?!申請|覆核|條件|上訴)"
        r"|保釋(?:被|遭)\S{0,4}(?:法庭|法院)撤(?:回|銷)"
    )
)


def revoked_hits(f: str) -> Iterator[Hit]:
    """The court's revocations of bail in a folded sentence."""
    if zh("撤") not in f:
        return
    for m in REVOKED.finditer(f):
        yield Hit("bail_denied", m.start(), m.end())
