"""A judge's refusal with no object, then the remand of the refused (issue #16, extract40).

裁判官香淑嫻拒絕批出保釋，鄒幸彤須還柙至月底候審; 最終蘇官拒批保釋，黎智英遭還柙;
蘇官拒絕批出保釋，二人須還柙: the refusal names only the judge, and the clause right after
it says who is remanded for it. Those remanded are the ones refused, so each of the
sentence's remands whose person the clause names (or that clause's count or pronoun
stands for) is also a refusal of bail, at the remand's confidence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from lionrock.library.extract._text import Sentence, zh

if TYPE_CHECKING:
    from lionrock.library.extract._rules import Proposal

#: the refusal with nothing between it and the comma, then the remanded clause
REFUSED_THEN_REMANDED = re.compile(
    zh(
        r"(?:拒絕|拒批|不准|不予)(?:批出|批准|給予)?保釋(?:申請)?[,，]\s*"
        r"(?P<who>[^,，。;；:：]{1,14}?)(?:須|需|要|遭|被)?(?:即時|繼續|要)?(?:還柙|還押)"
    )
)
#: a count or a pronoun in the remanded clause: the remands the rules resolved for it
STANDS_FOR = re.compile(zh(r"[二兩三四五六七八九十\d]+人|[他她]們?|被告|各人|全部"))


def refused_remanded(s: Sentence, made: list[Proposal]) -> list[Proposal]:
    """The refusals of bail a sentence's remands after an objectless refusal imply."""
    out: list[Proposal] = []
    for m in REFUSED_THEN_REMANDED.finditer(s.folded):
        who = m.group("who")
        counted = bool(STANDS_FOR.search(who))
        for p in made:
            if p.kind == "custody" and p.value == "remanded" and (counted or zh(p.person) in who):
                out.append(replace(p, kind="bail_denied", value=""))
    return out
