"""A count of the people a defendant acted on is not the defendants' count (issue #16,
extract43): in 唐英傑…撞向三名警員，被控煽動他人分裂國家罪 the three are police officers,
and the charge is still 唐英傑's.

Example: `subject_count(fold("，駕駛電單車撞向三名警員，"))` is `None`.
"""

from __future__ import annotations

import re

from lionrock.library.extract._patterns import CLAUSE, COUNTED
from lionrock.library.extract._text import zh

#: Officers, reporters and passers-by counted after a verb (撞向三名警員, 襲擊兩名警員,
#: 遭4名警員…): those acted on or acting, never the defendants the sentence is about.
ACTED_ON = re.compile(
    zh(r"(?:[二兩三四五六七八九十]|\d+)\s*名(?:警員|警察|警務人員|警長|督察|記者|途人|市民|保安)")
)


def subject_count(gap: str) -> re.Match[str] | None:
    """The count nearest the end of `gap` (the words between a name and its trigger) that
    can be the trigger's subject: not a count of officers or bystanders in a clause before
    the trigger's own (26 pool sentences, all 唐英傑's charge or a 他們 before it)."""
    for m in reversed(list(COUNTED.finditer(gap))):
        if ACTED_ON.match(gap, m.start()) and CLAUSE.search(gap, m.end()):
            continue
        return m
    return None
