"""Who arrests, and how, between 被/遭 and 拘捕 (issue #16, extract32).

Counted over the unlabelled court-keyword pool, 被/遭 … 拘捕 with an agent or a manner the
passive arrest did not know held about 45 sentences: 被警察拘捕 (11), 被重案組上門拘捕 (6),
被香港警方以違反國安法拘捕 (10), 被（警方）國家安全處人員拘捕 (7), 被商業罪案調查科拘捕
(6), 被警方上門搜屋並拘捕, 被截停及拘捕, 被警方制服拘捕, 被黑警拘捕.

Mainland agents (內地海警, 中國公安) are left out: a mainland arrest is out of scope.

Example: `re.fullmatch(AGENT, "香港警方國家安全處人員")` matches.
"""

from __future__ import annotations

import re

from lionrock.library.extract._text import zh

#: The police or the ICAC, one of their units, and its officers: 警察, 香港警方國家安全處人員,
#: 重案組, 商業罪案調查科, 廉署人員, 防暴警員.
AGENT = (
    r"(?:(?:香港)?(?:警方|警務處|警察|黑警|警(?=國|重|商|拘|逮|上))?"
    r"(?:國安處|國家安全處|國安署|重案組|商業罪案調查科)?(?:人員)?"
    r"|(?:防暴|便衣|軍裝)?警員|執法人員|警務人員|國安警察|(?:廉署|廉政公署)(?:人員)?)"
)

#: How: 上門, 早上7時上門, 高調, 當場; and what came first: 搜屋並, 截停及, 制服.
MANNER = (
    r"(?:(?:早上|清晨|今早)?(?:\d{1,2}時)?(?:上門|高調|正式|當場|即場|即時))?"
    r"(?:(?:搜屋|搜查|截停|制服)(?:並|及|和|後)?)?"
)

#: 將其拘捕, 將她拘捕, 把他拘捕: the one arrested is a pronoun before the active verb (52 pool
#: sentences; 方仲賢…被便衣警員截查搜身後…將其拘捕, 警方昨晚到周庭住所將她拘捕).
_PRONOUN_BEFORE = re.compile(zh(r"(?:將|把)(?:其|他|她)(?![們人])\s*$"))


def object_pronoun_before(f: str, at: int) -> bool:
    """Whether the active arrest at `at` of the folded sentence `f` takes a pronoun object
    written before it (將其拘捕), as 拘捕他 takes one after it.

    Example: `object_pronoun_before(fold("警方到周庭住所將她拘捕"), 10)` is True.
    """
    return bool(_PRONOUN_BEFORE.search(f, max(0, at - 6), at))
