"""Names inside a listing that the finder missed (issue #16, extract54).

A report lists people as a run of items joined by 、 (依次為立法會議員林卓廷（43歲，男）、
客戶服務員庾家豪（35歲，男）…; 包括何秀蘭、楊森…、趙恩來、麥海華…; 林卓廷、許智峯、曾焌熙3人
被控). When the finder misses one item's name (庾 is in no Hong Kong surname list, jieba
cuts 曾|焌|熙 and 趙|恩來, 梁國華 is 梁 and the word 國華), the listing's count no longer
agrees with its names and every fact of the listing is lost. Inside such a run only, when
most of its items are names the finder found (or every item carries the age in brackets
that a defendants' listing gives), each other item is read as a name: what follows a
role (客戶服務員, 網媒記者, 前執委, 報稱無業的) when it starts with a surname of the
complete list (the Hundred Family Surnames, with Hong Kong's) and is no common word. The
complete list is never used outside a listing: read everywhere, 屈 and 駱 made 屈穎妍 and
駱大狀 names (a previous try).

Example:
    listing_names(sentence, found)  # …客戶服務員庾家豪（35歲，男）、陳永晞… → [庾家豪]
"""

from __future__ import annotations

import re

from lionrock.library.extract._order import _outside_brackets
from lionrock.library.extract._persons import (
    AGE_AFTER,
    SURNAMES_1,
    NameHit,
    _plausible,
    _tokenizer,
    _word_tags,
)
from lionrock.library.extract._text import Sentence, zh

#: The Hundred Family Surnames (百家姓, single characters) and Hong Kong's own (冼, 麥,
#: 區, 鄺…), less the function words among them (於, 和, 有, 從, 都…) that would start an
#: item of a list of things. Used inside a listing only.
LISTING_SURNAMES = frozenset(
    SURNAMES_1
    | set(
        zh(
            "趙錢孫李周吳鄭王馮陳褚衛蔣沈韓楊朱秦尤許何呂施張孔曹嚴華金魏陶姜戚謝鄒喻柏水竇章"
            "雲蘇潘葛奚范彭郎魯韋昌馬苗鳳花方俞任袁柳酆鮑史唐費廉岑薛雷賀倪湯滕殷羅畢郝鄔安常"
            "樂于傅皮卞齊康伍余元卜顧孟平黃穆蕭尹姚邵湛汪祁毛禹狄米貝明臧計伏成戴談宋茅龐熊紀"
            "舒屈項祝董梁杜阮藍閔席季麻強賈路婁危江童顏郭梅盛林刁鍾徐邱駱高夏蔡田樊胡凌霍虞萬"
            "支柯昝管盧莫經房裘繆干解應宗丁宣賁鄧郁單杭洪包諸左石崔吉鈕龔程嵇邢滑裴陸榮翁荀羊"
            "惠甄麴封芮羿儲靳汲邴糜松井段富巫烏焦巴弓牧隗山谷車侯宓蓬全郗班仰秋仲伊宮寧仇欒暴"
            "甘鈄厲戎祖武符劉景詹束龍葉幸司韶郜黎薊薄印宿白懷蒲邰鄂索咸籍賴卓藺屠蒙池喬陰鬱胥"
            "蒼雙聞莘黨翟譚貢勞逄姬申扶堵冉宰酈雍郤璩桑桂濮牛壽邊扈燕冀郟浦尚農溫莊晏柴瞿閻充"
            "慕連茹習宦艾魚容古易慎戈廖庾終暨居衡步耿滿弘匡文寇廣祿闕歐殳沃蔚夔隆師鞏厙聶晁勾"
            "敖融訾辛闞簡饒曾毋沙乜鞠豐巢關蒯查荊游竺權逯蓋桓岳帥緱亢況郈琴商牟佘佴墨哈譙笪"
            "愛陽佟冼麥區鄺丘植禤覃涂練揭甯"
        )
    )
)
#: What a role written right before a listed name ends with: an office, a job, a party or
#: a relative clause (立法會議員, 客戶服務員, 網媒記者, 前執委, 男警, 學生, 民主黨, 支聯會,
#: 報稱無業的; the prefixes of found names in the pool's listings, extract54).
ROLE_END = re.compile(
    zh(
        r"(?:議員|主席|會長|召集人|創辦人|發起人|發言人|負責人|秘書|記者|社工|技工|地盤工|"
        r"男警|女警|總裁|總監|經理|主任|特首|代表|教授|歌手|藝人|黨魁|編輯|東主|司機|學者|"
        r"[員師者生委長黨會連聯盟的])$"
    )
)
#: What may follow the last item's name in its clause: 等, 等人, a count (曾焌熙3人被控,
#: 陳皓桓共13人), or a verb's adverb (均, 分別, 被…).
LAST_TAIL = re.compile(
    zh(r"\s*(?:等|共?\s*[\d一二兩三四五六七八九十]{1,3}\s*[人名]|均|都|各|分別|被|遭|獲|則|亦|已)")
)
#: What ends a run: its clause.
RUN_END = re.compile(zh(r"[;；。,，:：!?！？「」]"))
#: What joins a run's items.
JOINER = re.compile(zh(r"以及|[、及和與]"))
#: Where a run may open inside its first item (依次為, 包括, 名單: the cue, not a role).
CUE = re.compile(zh(r"(?:(?:依次|依序|分別)?[為是]|包括|名單|有)\s*$"))


def listing_names(s: Sentence, found: list[NameHit]) -> list[NameHit]:
    """The names the finder missed in the sentence's runs of items joined by 、, each run
    read when most of its items are found names, or when every item has an age after it."""
    f = s.folded
    plain = _outside_brackets(f)
    extra: list[NameHit] = []
    start = 0
    for end in [*(m.start() for m in RUN_END.finditer(plain)), len(plain)]:
        if "、" in plain[start:end]:
            extra += _run(s, plain, start, end, found)
        start = end + 1
    return extra


def _run(s: Sentence, plain: str, lo: int, hi: int, found: list[NameHit]) -> list[NameHit]:
    cuts = [lo, *(x for m in JOINER.finditer(plain, lo, hi) for x in m.span()), hi]
    items = [_trimmed(plain, a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    if len(items) < 3 or any(a == b for a, b in items):
        return []
    had = [any(a <= n.start and n.end <= b for n in found) for a, b in items]
    aged = all(AGE_AFTER.match(s.folded, b) for _, b in items)
    if not (aged or (sum(had) >= 2 and 2 * sum(had) >= len(items))):
        return []
    extra: list[NameHit] = []
    for i, ((a, b), named) in enumerate(zip(items, had, strict=True)):
        if named:
            continue
        if i == len(items) - 1 and (tail := _before_tail(s.folded, a, b)) > a:
            b = tail
        at = _name_start(s.folded, a, b, first=i == 0)
        if at >= 0:
            extra.append(NameHit(s.text[at:b], at, b, None, False))
    return extra


def _trimmed(plain: str, a: int, b: int) -> tuple[int, int]:
    while a < b and plain[a].isspace():
        a += 1
    while b > a and plain[b - 1].isspace():
        b -= 1
    return a, b


def _before_tail(f: str, a: int, b: int) -> int:
    """Where the last item's name ends when a tail follows it (曾焌熙3人被控…): the first
    place of two to four characters in that a tail starts; -1 when none does."""
    for size in (3, 2, 4):
        if a + size < b and LAST_TAIL.match(f, a + size):
            return a + size
    return -1


def _name_start(f: str, a: int, b: int, first: bool) -> int:
    """Where the name starts in an item: the whole item, or its last three, two or four
    characters after a role (or, in the first item, after the listing's cue); -1 when no
    part of it is a name."""
    item = f[a:b]
    if _listed(item):
        return a
    for size in (3, 2, 4):
        before, name = item[:-size], item[-size:]
        role = ROLE_END.search(before) or (first and CUE.search(before))
        if before and role and _listed(name):
            return b - size
    return -1


def _listed(name: str) -> bool:
    """A listed item read as a full name: a surname of the complete list, and no word
    jieba's dictionary knows, unless it knows it as a person (曾蔭權)."""
    if not 2 <= len(name) <= 4 or not _plausible(name, aged=True, surnames=LISTING_SURNAMES):
        return False
    return not _tokenizer().FREQ.get(name) or _word_tags().get(name) == "nr"
