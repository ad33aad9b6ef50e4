"""Cases abroad are out of scope, as the mainland's are (issue #16, extract38).

The labelling rules are Hong Kong's only (docs/extract.md, "Hong Kong only"); `_lexicon`'s
MAINLAND keeps the mainland's cases out, and fresh draws still proposed cases in other
countries: a Thai student leader's arrest (an article that names nothing of Hong Kong),
Sergei Tikhanovsky's in Belarus, a United States federal prison's inmate, 鄭南榕's
self-confinement in Taiwan read as a term (遭台灣當局控以叛亂罪…自囚71天), 溫敏's arrest in
Myanmar's coup (軍方於是發動政變，在當地時間星期一…拘捕昂山素姬和總統溫敏).

A country's name alone is no cue: Hong Kong's own cases are told beside the United States'
sanctions, a Hong Konger's exile in Britain or a Japanese newspaper's report (美國總統回應
黎智英被拘捕, 周庭被捕…登上日本排行榜). The cues are a foreign country's justice (its
police, courts, authorities, prisons, an extradition, a coup, a martial law, 叛亂, the
local time of a correspondent's report), and the places of countries whose
affairs Hong Kong's cases do not touch (Belarus, Thailand, Bangkok): a sentence that names
one and nothing of Hong Kong (not even 港, as in 在港的洗黑錢罪刑滿出獄) is not read, and an
article that names two and nothing of Hong Kong is not read at all.

Example: `abroad_sentence(fold("遭台灣當局控以叛亂罪，鄭南榕拒絕被捕"))` is True.
"""

from __future__ import annotations

import re
from itertools import islice

from lionrock.library.extract._lexicon import HONG_KONG, HONG_KONG_TOO
from lionrock.library.extract._text import zh

_COUNTRY = (
    r"美國|英國|台灣|臺灣|泰國|日本|韓國|新加坡|馬來西亞|馬拉西亞|印尼|菲律賓|越南|柬埔寨|"
    r"印度|加拿大|澳洲|德國|法國|俄羅斯|俄國|白俄羅斯|土耳其|伊朗|以色列|埃及|澳門|當地"
)
_JUSTICE = r"警方|警察|法院|法庭|當局|檢察官|檢方|檢察處|司法部|軍方|軍政府|監獄|法官"

#: A foreign country's justice, or a place whose cases are never Hong Kong's.
ABROAD = re.compile(
    zh(
        rf"(?:{_COUNTRY})(?:的)?(?:{_JUSTICE})|當地被捕|引渡到|聯邦(?:監獄|法院|檢察|調查局)|"
        r"軍政府|軍警|政變|戒嚴|叛亂|當地時間|白俄羅斯|泰國|曼谷|明斯克|委內瑞拉|柬埔寨|菲律賓"
    )
    + r"|\b(?:Belarus(?:ian)?|Thailand|Thai|Bangkok|Minsk|junta|extradit\w*|"
    r"federal\s+(?:court|prison|prosecutors?|judge))\b",
    re.IGNORECASE,
)

#: Anything of Hong Kong in a sentence: its places and courts, and 港 (在港, 港人, 台港).
_HONG_KONG_HERE = re.compile(zh(r"港"))


def abroad_sentence(folded: str) -> bool:
    """Whether a sentence (folded) names a case abroad and nothing of Hong Kong."""
    return bool(
        ABROAD.search(folded)
        and not HONG_KONG.search(folded)
        and not HONG_KONG_TOO.search(folded)
        and not _HONG_KONG_HERE.search(folded)
    )


def abroad_only(folded: str) -> bool:
    """Whether an article (folded) names a case abroad twice or more and nothing of Hong
    Kong (the Thai student leaders' arrests in Bangkok)."""
    if HONG_KONG.search(folded) or HONG_KONG_TOO.search(folded):
        return False
    return len(list(islice(ABROAD.finditer(folded), 2))) == 2
