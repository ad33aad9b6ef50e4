"""An article's title as a sentence the rules can read (extract48).

A headline states charges, arrests and custody as tersely as a court report's lede
(【國安法】黎智英被控勾結外國勢力　還押至…, 鄒幸彤等三人被捕), and the labels quote it, but
it is written in headline style: a 【…】 tag first, spaces for clause breaks, no final 。,
and often a speaker's words after a colon (林卓廷：罪名只有一個…). `title_sentence` keeps
the title's text as written (a suggestion quotes it whole) and folds it for the rules as a
sentence: the tag and each speaker's words blanked, each space between Han characters a
comma. Offsets stay those of the title, since every change keeps the length. The title is
paragraph `TITLE_PARAGRAPH` (-1): no paragraph of the body.

Example: `title_sentence("【國安法】黎智英被控勾結外國勢力　還押").folded` is
`",,,,,黎智英被控勾结外国势力,还押"`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from lionrock.fold import fold
from lionrock.library.extract._lexicon import TRIGGER
from lionrock.library.extract._remand_after import refused_remanded
from lionrock.library.extract._subjects import Context
from lionrock.library.extract._text import Sentence, zh

if TYPE_CHECKING:
    from lionrock.library.extract._rules import Proposal

#: The paragraph number a title's suggestions carry (the body's paragraphs count from 0).
TITLE_PARAGRAPH = -1
#: 【國安法】, 【721白衣人暴動案】: a section tag names a topic or a case, not a fact.
TAG = re.compile(r"【[^】]{0,30}】")
#: A space between two Han characters (or closing and opening marks): a clause break.
BREAK = re.compile(r"(?<=[\u4e00-\u9fff」』）)])[\s\u3000]+(?=[\u4e00-\u9fff「『（(【])")
#: 林卓廷：罪名只有一個…, 查錫我︰關鍵在…: what follows a name's colon, to the next break, is
#: speech (folded text: "：" is ":", "，" is ",").
SPEECH = re.compile(r"(?<=[\u4e00-\u9fff])[:︰][^,]*")
#: 八旬翁認刺傷梁國雄判囚, 前議助…賄街坊投鄭泳舜　即時囚8個月: a headline drops the commas
#: and the 的 the body would write, so a name just after an act done to or for someone is
#: its object (a victim, a candidate voted for), never a defendant.
OBJECT_BEFORE = re.compile(
    zh(
        r"(?:刺傷|刺|襲擊|毆打|打傷|推撞|撞傷|傷害|非禮|恐嚇|辱罵|威嚇|起底|騷擾|跟蹤|淋|掌摑"
        r"|投|投票予|投票給|支持)$"
    )
)
#: 獲釋後首度分享感受　黎智英…: a headline's 獲釋 is often a release on bail, which the
#: body then states (獲保釋後; `bail_granted`, never `released`); 出獄 and 刑滿 are not.
ON_BAIL = re.compile(zh("保釋"))
PRISON_RELEASE = re.compile(zh("出獄|刑滿|服刑期滿|釋囚"))
#: A clause asked, not stated (…會否還柙？): blanked back to the break before it.
QUESTION = re.compile(r"[^,]*\?")


def title_sentence(title: str | None) -> Sentence | None:
    """The title as one sentence of its own, or None when there is none.

    Example: `title_sentence("鄒幸彤等三人被捕").text` is `"鄒幸彤等三人被捕"`.
    """
    text = (title or "").strip()
    if not text:
        return None
    folded = BREAK.sub(_commas, fold(text))
    for pattern in (TAG, SPEECH, QUESTION):
        folded = pattern.sub(_commas, folded)
    return Sentence(text, folded, TITLE_PARAGRAPH, 0)


def _commas(found: re.Match[str]) -> str:
    """As many clause breaks as the characters they stand for (offsets kept)."""
    return "," * len(found.group())


def title_facts(
    title: str | None,
    context: Context,
    read: Callable[..., list[Proposal]],
) -> list[Proposal]:
    """The suggestions the title makes (`read`: the rules' own reading of one sentence,
    with the article's context), less any for a person the headline writes as the object
    of an act, or whom neither the record nor the body names.

    Example: `title_facts("陳大文被捕", context, read)[0].quote` is `"陳大文被捕"`.
    """
    s = title_sentence(title)
    if s is None or not TRIGGER.search(s.folded):
        return []  # as a body sentence with no trigger is not read (a tenth of the time)
    made = read(s, context=context)
    made += refused_remanded(s, made)
    bailed = bool(ON_BAIL.search(context.text)) and not PRISON_RELEASE.search(s.folded)
    return [
        p
        for p in made
        if not _object(s, p.person)
        and _known(p, context.text)
        and not (p.kind == "released" and bailed)
    ]


def _known(p: Proposal, body: str) -> bool:
    """A name the record knows, or one the body writes too: a headline's other names are
    often typos or nicknames (岑傲暉 for 岑敖暉), and nothing else vouches for them."""
    return p.person_id is not None or fold(p.person) in body


def _object(s: Sentence, person: str) -> bool:
    at = s.text.find(person)
    return at > 0 and bool(OBJECT_BEFORE.search(s.folded[max(0, at - 4) : at]))
