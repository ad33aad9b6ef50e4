"""Who a sentence names: the record's own people (a gazetteer), and names jieba finds.

Chinese is segmented by jieba (its dictionary ships in the package; no download) on the
folded, simplified text, where its dictionary is at home. The record's names and the
court words the rules need are added to a private tokenizer's dictionary, so 黃之鋒 and
還柙 come out whole and never glue to a neighbour. A token is a name when the record has
it, when jieba's dictionary tags it as a person (`nr`), or when it is a word jieba did not
know (found by its HMM) of two to four characters that starts with a Hong Kong surname.
English names are runs of two to four capitalised words, or the record's English names.

Example:
    names = Gazetteer({"黃之鋒": "lr-person-joshua-wong"})
    [m.name for m in names.find("黃之鋒及周庭被控")]  # ["黃之鋒", "周庭"]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from lionrock.fold import HAN, HAN_RE, fold
from lionrock.library.extract._english import CANTONESE, untitled
from lionrock.library.extract._text import words, zh
from lionrock.library.extract._variants import spellings

SURNAMES_2 = {
    zh(s)
    for s in words(
        "歐陽 司徒 上官 諸葛 司馬 公孫 東方 皇甫 尉遲 夏侯 令狐 慕容 端木 長孫 宇文 鍾離 "
    )
}
SURNAMES_1 = set(
    zh(
        "陳李張黃何林王吳胡劉蔡楊鄭梁謝郭羅曾許周葉鄧馮蕭朱徐潘麥盧袁蘇余關馬高譚鍾區廖姚彭莫"
        "戴歐方岑伍湯黎范傅冼鄒聶尹程溫温賴杜鄺龐顧施柯邱丘孔崔葛石雷阮翁殷凌文游巫侯嚴江韋甘"
        "田唐魏符卓莊龍邵孫沈史賀宋熊白毛姜左夏勞單植簡容鮑洪舒易利車霍卜饒司祁湛俞董任金"
        "姚包鄔萬蔣談薛閻閔練黃藍辛祝畢喬裘樊鄔佘丁呂姚古熊蒙解涂龔連韓趙"  # not 於 (於德輔道西)
    )
)
#: Tokens that start like a name but are not one (a judge's short title, a place, a word).
NOT_NAMES = {
    zh(w)
    for w in words(
        "林鄭 陳官 蘇官 李官 張官 黃官 胡官 杜官 陳氏 黃氏 李氏 何氏 周年 周三 周一 "
        "周二 周四 周五 周六 周日 周末 周邊 方面 方案 方式 方向 高院 高等 高官 高層 "
        "石硤 金鐘 金額 文件 文章 程序 游行 馬會 龍門 黎明 夏愨 向來 曾經 曾任 許多 "
        "許可 任何 任職 余下 於是 容許 簡單 單位 包括 包括 毛澤 江澤 田灣 溫度 萬人 "
        "萬元 黃店 藍店 黃色 藍色 白色 金融 石油 錢財 車站 車輛 史上 何時 何處 何以 "
        "何況 何人 何不 何如 明天 明日 唐樓 向前 古代 柯士 易於 卓越 顧及 施政 關注 "
        "關於 關係 關心 關押 方法 安全 戴口 莊嚴 黎民 華人 秦朝 孫中 江湖 熊貓 凌晨 "
        "龐大 田園 畢業 向來 應否 嚴重 嚴格 嚴厲 韋恩 文化 文物 馬路 雷射 葉片 范圍 "
        "邱吉 羅馬 連登 陳詞 陳辭 陳情 陳述 陳列 陳設 陳舊 潘朵拉 雷明登 "
        # Hong Kong places that start with a surname (在黃大仙紀律部隊宿舍外; eighth round)
        "黃大仙 何文田 馬鞍山 石硤尾 黃埔 藍田 馬灣 馬頭圍 石籬 石門 林村 石澳 白田 羅湖 "
        "黃竹坑 黃泥涌 李鄭屋 田心 馬料水 "
        # words read as names at 0.6 to 0.7 (extract14): 餘震, 戴頭盔, 赴湯杜火, 黃絲 (a supporter)
        # 頭號梁粉 (a fan of 梁振英, extract42)
        "餘震 戴頭盔 戴頭 湯杜火 杜火 黃絲 藍絲 黃絲或 梁粉 "
    )
}
#: 李太, 朱妻, 龔媽媽: a surname and a kinship word name no one.
NAME_END = re.compile(
    zh(r"[官氏案組隊黨會局署府院處科股報台社網區市省國姓某家太妻媽爸母父婆伯叔嫂道街路邨苑]$")
)
COURT_WORDS = zh(
    "被捕 被控 被判 判囚 判监 判處 還柙 還押 羈押 保釋 認罪 罪成 獲准 獲釋 出獄 服刑 提堂 起訴 "
    "落案 控以 監禁 即囚 否認 被告 控罪 串謀 顛覆 勾結 煽動 煽惑 國安法 懲教署 看管 拘捕 被拘捕 "
    "再度 被囚 分別 同案 案中 涉嫌 涉及 被指"
).split()
EN_NAME = re.compile(  # 美籍律師Samuel Phillip Bickett: no \b between 師 and S
    # Mr. KWOK Ka-ki, CHOW Hang-tung: a surname in capitals, a hyphenated given name
    r"(?<![A-Za-z])[A-Z]{2,}\s[A-Z][a-z]+-[a-z]+(?![A-Za-z])|"
    r"(?<![A-Za-z])[A-Z][a-z]+"
    r"(?:[ -](?:[A-Z][a-z]+(?:-[a-z]+)?|(?!(?:and|in|of|the|for|at|to|on|by|from)\b)"
    r"[a-z]{2,4}(?=[ -]|\b)))*(?:[ -][A-Z][a-z]+(?:-[a-z]+)?)"  # Lam Cheuk-ting; not "A and B"
)
EN_STOP = set(
    words(
        "The A An In On At Of For And But Hong Kong Kowloon West East High Court District "
        "Magistrates National Security Law Department Police Justice Secretary Chief "
        "Executive Legislative Council Apple Daily Stand News Citizen Free Press China "
        "Chinese Beijing Monday Tuesday Wednesday Thursday Friday Saturday Sunday January "
        "February March April May June July August September October November December Mr "
        "Ms Mrs Dr Judge Magistrate Principal Deputy Director Public Prosecutions Court "
        "Final Appeal First Instance Central Government Liaison Office Democratic Party "
        "Civic League Social Democrats Demosisto Alliance Support Patriotic Movements He "
        "She They It His Her Their After Before When While Under United States Kingdom "
        "British American Limited Ltd Company Inc Corporation Group Holdings "
    )
)


@dataclass(frozen=True, slots=True)
class NameHit:
    """A name found in a sentence: as written, where, and the record entity when known."""

    name: str
    start: int
    end: int
    entity_id: str | None
    known: bool  # from the record's gazetteer (rather than guessed)


def distinct(names: list[NameHit]) -> list[NameHit]:
    """Each name once, at its first place, in order."""
    seen: dict[str, NameHit] = {}
    for n in names:
        seen.setdefault(n.name, n)
    return list(seen.values())


_LOCK = threading.Lock()


@cache
def _tokenizer() -> Any:
    """jieba's tokenizer, private to the extractor, with the court words added. The
    dictionary cache is written to the system temp directory once per machine."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in COURT_WORDS:
        tokenizer.add_word(word, freq=200_000)
    return tokenizer


@cache
def _word_tags() -> dict[str, str]:
    """jieba's part of speech for each word of its dictionary (v verb, n noun …)."""
    from jieba import posseg

    return dict(posseg.dt.word_tag_tab)


#: How many sentences' names a gazetteer remembers (a few MB at most).
FIND_CACHE = 20_000


class Gazetteer:
    """The record's names (name → entity ID, one entity per name) and the finder."""

    def __init__(self, names: dict[str, str | None] | None = None) -> None:
        self.known: dict[str, str | None] = {}
        #: the spellings known only as a variant of a record name (劉頴匡 for 劉穎匡)
        self.variants: set[str] = set()
        self.english: dict[str, str | None] = {}
        for name, entity_id in (names or {}).items():
            if HAN_RE.search(name):
                self.known[fold(name)] = entity_id
                self.variants.discard(fold(name))
                for other in spellings(fold(name)):  # 劉頴匡 for the record's 劉穎匡
                    if other not in self.known:
                        self.known[other] = entity_id
                        self.variants.add(other)
            elif " " in name.strip():
                self.english[name.strip()] = entity_id
        self._added = False
        self._tokenizer: Any = None
        self._names_of: dict[str, list[str]] | None = None
        # An article's sentences are read for names several times (the listing, the ages,
        # the triggers, a charge's listing), and copies of a story repeat them: 43,000
        # calls over the archive for 16,000 sentences, segmentation most of the run time.
        # The finder depends on nothing but the sentence and these names, which never
        # change after this, so its answer is remembered (bounded; thread-safe).
        self._find_once = lru_cache(maxsize=FIND_CACHE)(self._find)
        # One pattern for all the record's English names, longest first: a pattern per
        # name per sentence was most of the run time over a whole archive.
        ordered = sorted(self.english, key=len, reverse=True)
        self._english_names = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b") if ordered else None
        )

    def _ready(self) -> Any:
        """This gazetteer's own tokenizer: the shared one's dictionary, copied, with these
        names added (adding them to the shared one would leak one record's names into
        another gazetteer's segmentation)."""
        with _LOCK:
            if not self._added:
                base = _tokenizer()
                tokenizer = type(base)()
                tokenizer.FREQ, tokenizer.total = dict(base.FREQ), base.total
                tokenizer.user_word_tag_tab = dict(base.user_word_tag_tab)
                tokenizer.initialized = True
                for folded in self.known:
                    if 2 <= len(folded) <= 6:
                        tokenizer.add_word(folded, freq=300_000, tag="nr")
                self._tokenizer, self._added = tokenizer, True
        return self._tokenizer

    def names_of(self, entity_id: str) -> list[str]:
        """The record's Chinese names (folded) of one entity: 譚得志 and 快必 (extract33)."""
        if self._names_of is None:
            self._names_of = {}
            for folded, entity in self.known.items():
                if entity:
                    self._names_of.setdefault(entity, []).append(folded)
        return self._names_of.get(entity_id, [])

    def find(self, text: str, folded: str | None = None) -> list[NameHit]:
        """Every person's name in a sentence, in order, roles (裁判官…) left out.

        Example: `Gazetteer().find("裁判官蘇惠德拒絕黎智英保釋")` finds only 黎智英.
        """
        return list(self._find_once(text, folded if folded is not None else fold(text)))

    def _find(self, text: str, folded: str) -> tuple[NameHit, ...]:
        hits = self._chinese(text, folded) if HAN_RE.search(folded) else []
        hits.extend(self._english(text, hits))
        hits.sort(key=lambda h: h.start)
        kept = [h for i, h in enumerate(hits) if not (i and _alias_of(hits[i - 1], h, text))]
        titles = [(m.start(), m.end()) for m in TITLE.finditer(text)] if "《" in text else []
        kept = [h for h in kept if not any(a < h.start < b for a, b in titles)]
        kept = [h for h in kept if not KIN_AFTER.match(folded, h.end)]
        return tuple(_one_of_glued(kept, text))

    def _chinese(self, text: str, folded: str) -> list[NameHit]:
        tokenizer = self._ready()
        tokens: list[tuple[int, str]] = []
        position = 0
        for token in tokenizer.cut(folded, HMM=True):
            tokens.append((position, token))
            position += len(token)
        hits: list[NameHit] = []
        i = 0
        while i < len(tokens):
            start, token = tokens[i]
            following = tokens[i + 1][1] if i + 1 < len(tokens) else ""
            name, used = _name_at(token, following, tokenizer, self.known)
            if not name and (glued := _after_verb(token, following, tokenizer, self.known)):
                name, used, start = glued, 2, start + 1  # 又指梁|貴剛 (extract32)
            street = name not in self.known and folded[start + len(name) :].startswith(STREET)
            if (
                name
                and not street
                and not (name[0] == "张" and folded[start - 1 : start] in MEASURE_BEFORE)
            ):
                end = start + len(name)
                entity_id = self.known.get(name)
                hits.append(NameHit(text[start:end], start, end, entity_id, name in self.known))
            i += used
        hits += _aged(text, folded, hits, self.known)
        return [
            h
            for h in hits
            if not _is_role(folded[: h.start]) or _aged_member(folded[: h.start], folded, h.end)
        ]

    def _english(self, text: str, taken: list[NameHit]) -> list[NameHit]:
        hits: list[NameHit] = []
        if not CAPITAL.search(text):
            return hits
        if self._english_names is not None:
            for found in self._english_names.finditer(text):
                name = found.group(0)
                # the judge, Victor So Wai-tak: a record name after a court role is the
                # official, never a defendant (extract24)
                if not EN_ROLES_BEFORE.search(text[: found.start()]):
                    hits.append(NameHit(name, found.start(), found.end(), self.english[name], True))
        for found in EN_NAME.finditer(text):
            # Chief Editor Law Wai-kong: the titles before the name are not the name
            cut = untitled(found.group(0))
            if cut:
                found = EN_NAME.fullmatch(text, found.start() + cut, found.end()) or found
            words = re.split(r"[ -]", found.group(0))
            # Law Wai-kong: a surname and a hyphenated given name is a name, though Law
            # is also a word of National Security Law (extract24)
            if not CANTONESE.fullmatch(found.group(0)) and (
                words[0] in EN_STOP or sum(w in EN_STOP for w in words) * 2 >= len(words)
            ):
                continue
            overlaps = any(h.start < found.end() and found.start() < h.end for h in (*hits, *taken))
            gloss = bool(GLOSS_BEFORE.search(text[max(0, found.start() - 2) : found.start()]))
            # five top executives of Next Digital, in Happy Valley: a place or a body
            # (but the arrests of Jimmy Lai: a person; extract49)
            place = bool(
                EN_PLACE_BEFORE.search(text[max(0, found.start() - 12) : found.start()])
            ) and not EN_ACT_OF.search(text[max(0, found.start() - 16) : found.start()])
            gloss = gloss or place
            if not overlaps and not gloss and not EN_ROLES_BEFORE.search(text[: found.start()]):
                hits.append(NameHit(found.group(0), found.start(), found.end(), None, False))
        return hits


CAPITAL = re.compile(r"[A-Z]")
EN_PLACE_BEFORE = re.compile(
    r"(?:\b(?:of|in|at|from|to|by|for|near|outside|inside)\s+(?:the\s+)?|['’]s\s+)$",
    re.IGNORECASE,
)
#: the arrests of Jimmy Lai, the trial of Lai Chee-ying: a person after "of" (extract49)
EN_ACT_OF = re.compile(
    r"\b(?:arrests?|charging|trial|release|sentencing|conviction|acquittal|detention)\s+of\s+$",
    re.IGNORECASE,
)
#: 尼曼獎學金（Nieman Fellowship）: English in brackets right after Chinese glosses it.
GLOSS_BEFORE = re.compile(r"[\u3400-\u9fff][(（]\s*$")
EN_ROLES_BEFORE = re.compile(
    r"(?:judge|magistrate|justice|prosecutor|counsel|barrister|lawyer|solicitor|reporter|"
    r"superintendent|inspector|secretary)\s*,?\s+$",  # the judge, Victor So (extract24)
    re.IGNORECASE,
)


#: One Han character of folded text, the supplementary planes too: folding writes some
#: traditional characters as their simplified form there (莫卓煇 → 莫卓𪸩, 馬維騉 → 馬維𫘥,
#: 林洋鋐), outside `HAN_RE`, so the name was cut before them (issue #16, extract51).
HAN_CHAR = re.compile(f"[{HAN}\U00020000-\U0003134f]")
#: The first character of the word jieba glues a name's last character to (王志|榮獲無罪釋放
#: is 王志榮 and 獲: 13 times over the archive, each a name, 王志榮 and 姚思榮; extract51).
GLUED_AFTER = frozenset(zh("獲被遭"))


#: Characters that do not end a name: 周庭須 is 周庭 and 須 (must).
NOT_NAME_END = set(
    zh(
        "須被在於的是和及與將已亦也等稱指說今昨早曾則仍又再都均就並因由向對為以會可要不未沒無"
        "一二三四五六七八九十兩人獲遭承否認判表回前後上下中日月年時所之其而但即若如著了過到去"
        "等及與同案官說表指稱批拒還押柙囚控捕保自從把讓給跟至乃曾已憶涉襲或"
    )
)


#: Surnames that are not also common words, the only ones a lone character can start a
#: name with when jieba split it off (區 is a district, 向 a preposition).
STRONG_SURNAMES = set(
    zh(
        "陳李張黃何林王吳胡劉蔡楊鄭梁謝郭羅許周葉鄧馮蕭朱徐潘麥盧袁蘇余關譚鍾廖姚彭莫戴岑伍"
        "湯黎范傅冼鄒聶尹程溫賴杜鄺龐顧施柯邱孔崔葛雷阮翁殷凌游巫侯嚴韋甘唐魏卓莊邵孫沈賀霍鮑洪"
    )
)


#: 停泊在唐明街: a guessed name right before 街 names a street (as 馬師道 does).
STREET = zh("街")

#: 這張文宣, 9張限聚令: 張 as a measure word.
MEASURE_BEFORE = set(zh("這那一二兩三四五六七八九十每幾數各該此整0123456789"))

#: Characters of court words, never in a name after its surname (周|刑期 is not 周刑期).
LEGAL_CHARS = set(zh("刑罪案判囚押柙控捕審獄"))


#: 羅先生, 黃小姐: a surname and an honorific name no one (tenth round, on the pool).
HONORIFICS = {zh(w) for w in ("先生", "小姐", "女士")}

#: 梁及龔 is two surnames joined (梁 and 龔), not a name.
JOINED = set(zh("及與、"))
#: 郭家麒太太, 黃之鋒的母親: a relative of the person, named through them; and a friend
#: (張可森、梁晃維等人，都是陳皓桓的好友，現在都在還柙中: the friends; extract25).
KIN_AFTER = re.compile(
    zh(
        r"(?:的|之)?(?:太太|妻子|夫人|丈夫|母親|父親|媽媽|爸爸|兒子|女兒|家人|女友|男友|兄長|胞弟)"
        r"|(?:的|之)(?:好友|朋友|友人|摯友)"
        # 梁國雄前助理唐婉清: the assistant is the one arrested (extract33)
        # (not 、議員助理蘇揚浚, the next of a listing's names)
        # 李慧琼前議助…即時囚8個月: 議助 is 議員助理 (extract48, a headline)
        r"|(?:(?:的|之)|(?<![、，,及和與])前)(?:(?:議員)?助理(?!教授|署長|處長|專員|總監|警務|律政|秘書)|議助)"
        # 引述…唐英傑的案例，總裁判官…拒絕保釋申請: a precedent cited, not this case's defendant
        r"|(?:的|之)(?:案例|先例)"
    )
)
#: 丘建威（24歲）, 被告曾嘉朗（運輸工人、22歲）: a court report gives a defendant's age in
#: brackets right after the name, which jieba may have split.
AGED_SURNAMES = set(zh("龔丘連方石文馬高"))  # weak alone, sure before an age
AGED = re.compile(r"([\u3400-\u9fff]{2,3})[（(][^（()）]{0,10}?\d{1,2}\s*[歲岁]")


def _aged(
    text: str, folded: str, hits: list[NameHit], known: dict[str, str | None]
) -> list[NameHit]:
    found: list[NameHit] = []
    for m in AGED.finditer(folded):
        chars = m.group(1)
        name = chars if len(chars) == 3 and _surname(chars) else chars[-2:]
        # an age right after is sure enough for a last character that ends no name
        # elsewhere (林錦均（25歲）: 均 is also "all")
        if not _plausible(name, aged=True) or name[0] not in STRONG_SURNAMES | AGED_SURNAMES:
            continue
        start = m.end(1) - len(name)
        if not any(h.start < m.end(1) and start < h.end for h in hits):
            found.append(
                NameHit(text[start : m.end(1)], start, m.end(1), known.get(name), name in known)
            )
    return found


#: 《Toys Story 4》: a title in book brackets names a work, not a person.
TITLE = re.compile(r"《[^《》]*》")


def _surname(token: str, surnames: AbstractSet[str] = SURNAMES_1) -> int:
    return 2 if token[:2] in SURNAMES_2 else 1 if token[:1] in surnames else 0


def _plausible(name: str, aged: bool = False, surnames: AbstractSet[str] = SURNAMES_1) -> bool:
    """Whether `name` (folded) reads as a full name: a surname (of `surnames`, Hong Kong's
    unless a listing widens them), one or two characters more, none a court word."""
    surname = _surname(name, surnames)
    return (
        bool(surname)
        and len(name) - surname in (1, 2)
        and all(HAN_CHAR.match(c) for c in name)
        and name not in NOT_NAMES
        and not NAME_END.search(name)
        and (name[-1] not in NOT_NAME_END or (aged and len(name) == 3))
        and not set(name[surname:]) & LEGAL_CHARS
        and not set(name[surname:]) & JOINED
        and name[surname : surname + 1] != zh("官")  # 李官續指: a judge's short title
        # 許及陳則各被控: a lone surname and 則 (then), not a name (eleventh round); nor
        # 於 (岑於信中寫到: 岑 in the letter; extract23)
        and name[surname : surname + 1] not in zh("則仍都並於")
        and name[surname:] not in HONORIFICS
    )


def _name_at(
    token: str, following: str, tokenizer: Any, known: dict[str, str | None]
) -> tuple[str, int]:
    """The name that starts with `token` (and maybe the next token), and how many tokens
    it takes; ("", 1) when there is none. jieba splits unknown names in three ways, each
    mended here: 林|文宗 and 鍾|翰林 (a surname, then a word), 梁凱|晴四人 and 李予|信 (an
    unknown two-character word, then the last character), 周庭須 (a name glued to a word)."""
    if token in known:
        return token, 1
    freq = tokenizer.FREQ.get
    if len(token) == 1 and token in STRONG_SURNAMES and 1 <= len(following) <= 2:
        merged = token + following
        if merged in known:
            return merged, 2
        if (
            len(following) == 2
            and (freq(following) or 0) < 400
            and _word_tags().get(following, "n")[:1] not in "vdpcurmqt"
            and _plausible(merged)
        ):
            return merged, 2
        return "", 1
    if (
        freq(token)
        and len(token) in (2, 3)
        and token[0] in STRONG_SURNAMES
        and _word_tags().get(token) == "nr"
        and _plausible(token)
        and freq(token) < 200
        and (freq(token[:2]) or 0) < 1000
    ):
        # 楊森: a rare person in jieba's own dictionary (whose person tags are loose: 陳述
        # is one, but a frequent word; 嚴重性 starts with one)
        return token, 1
    if not freq(token) and 2 <= len(token) <= 4:
        if len(token) == 2 and following and HAN_CHAR.match(following[0]):
            merged = token + following[0]
            glued = len(following) == 2 and following[1] in GLUED_AFTER  # 王志|榮獲
            if merged in known or (
                _plausible(merged) and (len(following) == 1 or not freq(following) or glued)
            ):
                return merged, 2 if len(following) == 1 or glued else 1
        if len(token) >= 3 and token[-1] in NOT_NAME_END and _plausible(token[:-1]):
            return token[:-1], 1
        weak = token[0] not in STRONG_SURNAMES and _surname(token) == 1
        if _plausible(token) and not (weak and (len(token) == 2 or freq(token[1:]))):
            # 曾出庭 is 曾 + 出庭 (appeared in court), 左肩 a shoulder: a guess of two
            # characters, or of a surname and a word, needs a surname that is not a word
            return token, 1
    return "", 1


#: A verb of speech or a joiner jieba glues to the surname after it (何鑑江又指梁|貴剛).
GLUED_BEFORE = frozenset(zh("指稱說"))


def _after_verb(token: str, following: str, tokenizer: Any, known: dict[str, str | None]) -> str:
    """The name in 指梁|貴剛: a speech verb jieba glued to a strong surname, then what
    `_name_at` would take for a surname cut off alone (林|文宗); "" when there is none."""
    if len(token) != 2 or token[0] not in GLUED_BEFORE:
        return ""
    name, used = _name_at(token[1], following, tokenizer, known)
    return name if used == 2 else ""


#: Nothing, or a closing quote, between two names: the first is what the second is called
#: (快必譚得志, 「長毛」梁國雄, 譚得志「快必」), one person.
NICKNAME_GAP = re.compile(r"[」』”\"「『“]?")  # 譚得志「快必」 too


def _one_of_glued(hits: list[NameHit], text: str) -> list[NameHit]:
    """Of two names glued together (快必譚得志, 譚得志快必), the longer: the full name."""
    dropped: set[int] = set()
    for i in range(len(hits) - 1):
        a, b = hits[i], hits[i + 1]
        if NICKNAME_GAP.fullmatch(text[a.end : b.start]):
            dropped.add(i if len(b.name) >= len(a.name) else i + 1)
    return [h for i, h in enumerate(hits) if i not in dropped]


def _alias_of(previous: NameHit, hit: NameHit, text: str) -> bool:
    """關尚義(John Clancy), 馮偉光（筆名盧峯）: a second name of the same person."""
    between = text[previous.end : hit.start]
    # Fung Wai-kong (who wrote under the pen-name Lo Fung)
    return bool(re.fullmatch(r"\s*[(（][^)）]{0,6}|\s*\([^()]{0,40}", between))


#: 《熱血時報》記者馬啟聰（30歲）, 民間集會團隊發言人劉頴匡（26歲）: a reporter or a
#: spokesperson given the age a court report gives a defendant is one (extract21: 26 such
#: names in 14 pool articles, every one a defendant).
MEMBER_ROLE = re.compile(zh(r"(?:記者|發言人)\s*$"))
AGE_AFTER = re.compile(r"\s*[（(][^（()）]{0,10}?\d{1,2}\s*[歲岁]")


def _aged_member(before: str, folded: str, end: int) -> bool:
    """A name after 記者 or 發言人 with an age in brackets right after it is a defendant's."""
    return bool(MEMBER_ROLE.search(before[-4:]) and AGE_AFTER.match(folded, end))


def _is_role(before: str) -> bool:
    from lionrock.library.extract._lexicon import ROLES

    # wide enough for 代表第二被告的資深大律師 (every role is anchored at the name)
    return bool(ROLES.search(before[-16:]))
