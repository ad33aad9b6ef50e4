"""The gazetteers the rules use: offences and their statutes, the words that signal each
kind of court-case fact, and the roles that make a name someone other than a defendant.

Every Chinese pattern is written in traditional characters and folded (`_text.zh`), so it
matches either script. The offence keys are those of `docs/extract.md`.

Example: `offences_in(fold("被控串謀顛覆國家政權罪"))[0].key` is `"subversion"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from lionrock.library.extract._text import zh


@dataclass(frozen=True, slots=True)
class Offence:
    """One offence: the key a suggestion carries, its statute and section, an English name."""

    key: str
    statute: str
    section: str
    label: str
    pattern: re.Pattern[str]


def _offence(key: str, statute: str, section: str, label: str, zh_words: str, en: str) -> Offence:
    pattern = re.compile(f"(?:{zh(zh_words)})|(?:{en})", re.IGNORECASE)
    return Offence(key, statute, section, label, pattern)


#: Most specific first: 煽惑分裂國家 is secession, not sedition; 非法集結 after 未經批准集結.
OFFENCES: tuple[Offence, ...] = (
    _offence(
        "subversion", "nsl", "art 22", "conspiracy to commit subversion",
        r"顛覆國家政權|顛覆(?:重)?罪|國安法第\s*2[23]\s*條", r"subversion|subvert",
    ),
    _offence(
        "secession", "nsl", "art 20", "secession", r"分裂國家|國安法第\s*2[01]\s*條",
        r"secession",
    ),
    _offence(
        "collusion", "nsl", "art 29", "collusion with a foreign country or external elements",
        r"勾結外國|勾結境外|國安法第\s*29\s*條", r"collu(?:sion|ding)\s+with\s+(?:a\s+)?foreign",
    ),
    _offence(
        "terrorism", "nsl", "art 24", "terrorist activities", r"恐怖活動|國安法第\s*24\s*條",
        r"terroris[tm]",
    ),
    _offence(
        "sedition", "crimes_ordinance", "s.10", "sedition",
        r"煽動刊物|煽動意圖|煽動文字|煽動罪|發表煽動|發布煽動|刊印.{0,6}煽動|作出具煽動",
        r"sedition|seditious",
    ),
    # the mask ban's offence names the assembly it was committed in (在非法集結時使用蒙面
    # 物品): one offence, not an unlawful assembly besides (issue #16, seventh round). Its
    # key is "other", and so is its label: the queue shows one label per key, translated
    _offence(
        "other", "other", "", "other offence",
        r"(?:在|於)?(?:未經批准(?:的)?集結|非法集結)(?:中|時|期間)?\S{0,4}?(?:使用|佩戴|戴上|戴)"
        r"\S{0,4}?蒙面(?:物品)?",
        r"(?:facial\s+covering|mask)\w*\s+(?:while\s+)?(?:at|in|during)\s+an?\s+"
        r"(?:unlawful|unauthori[sz]ed)\s+assembly",
    ),
    _offence(
        "unauthorised_assembly", "public_order_ordinance", "s.17A",
        "unauthorised assembly", r"未經批准(?:的)?集結|未經批准(?:的)?(?:集會|(?:公眾)?遊行)",
        r"unauthori[sz]ed\s+assembly",
    ),
    _offence(
        "unlawful_assembly", "public_order_ordinance", "s.18", "unlawful assembly",
        r"非法集結", r"unlawful\s+assembly",
    ),
    _offence("riot", "public_order_ordinance", "s.19", "riot", r"暴動", r"\briot(?:ing)?\b"),
    _offence(
        "flag_desecration", "other", "", "desecrating the national or regional flag",
        r"侮辱國旗|侮辱區旗", r"desecrat\w+\s+(?:the\s+)?(?:national|regional)?\s*flag",
    ),
    _offence(
        "assisting_offender", "other", "", "assisting an offender", r"協助罪犯",
        r"assisting\s+(?:an\s+)?offender",
    ),
    _offence(
        "ammunition", "other", "", "possession of ammunition or firearms without a licence",
        r"管有彈藥|管有槍械|管有槍枝", r"ammunition|firearm",
    ),
    _offence(
        "instrument_unlawful", "other", "", "possession of an instrument fit for unlawful purpose",
        r"(?:管有攻擊性武器或其他)?適合作非法用途",  # one offence, not two
        r"instrument\s+fit\s+for\s+unlawful",
    ),
    _offence(
        "other", "other", "", "other offence",
        r"欺詐|洗黑錢|縱火|刑事毀壞|刑事毁壞|襲警|藐視法庭|管有攻擊性武器|公職人員行為失當|"
        r"披露.{0,8}身分|非禮|非法性交|傷人|盜竊|防止賄賂|禁蒙面|蒙面物品|妨礙司法公正|"
        r"意圖\S{0,4}(?:摧毀|摧毁|損壞)|無線通訊器具|無牌管有|"
        # eighth round: 各被控一項暴動罪和刑事損壞, 搶劫罪, 普通襲擊, 選舉舞弊 (draw 8)
        r"刑事損壞|刑事損毀|搶劫|普通襲擊|襲擊致\S{0,4}身體傷害|舞弊|"
        # ninth round, each written after 被控 in 21 to 61 articles of the pool: the
        # Legislative Council chamber (七一立法會案), dangerous driving, disorder in a public
        # place, a false statement (查冊案); and false imprisonment, obstructing an officer
        r"會議廳範圍|權力及特權|危險駕駛|擾亂秩序|虛假陳述|非法禁錮|阻礙公職人員|"
        # extract55: the charge as written, 明知而作出在要項上虛假的陳述 (蔡玉玲)
        r"虛假的陳述|"
        # eleventh round: the Legislative Council's contempt and its officers (10 articles
        # of the pool write them after 被控 with no other offence the rules read)
        r"藐視罪|藐視立法會|(?:干預|妨礙|阻礙)立法會人員|"
        # fifteenth round: written after 被控 with no offence the rules read (10 pool sentences)
        r"不小心駕駛|阻差辦公|公眾妨擾|受賄|拒捕|爆炸品|"
        # extract21: 被控一項管有危險藥物罪 (12 pool sentences, 9 of them one story)
        r"危險藥物|"
        # extract43: 黎智英被控…刑事恐嚇東方報業集團男記者 (23 pool sentences, 17 articles)
        r"刑事恐嚇|"
        # charges21: written after 被控 with no offence the rules read (限聚令 18 pool
        # sentences, 阻街 7, the election offences 4, 擊警 2: not 衝擊警察總部); not 詐騙,
        # whose pool sentences are mainland cases or 詐騙案 (a case named, not charged)
        r"限聚令|阻街|(?<![衝攻撞抨反出])擊警(?![察方隊署])|襲擊\S{0,4}?意圖|抗拒\S{0,12}?警務人員|"
        r"在選舉中\S{0,8}?(?:提供利益|選舉開支)",
        r"\bfraud\b|money\s+laundering|\barson\b|criminal\s+damage|assaulting\s+(?:a\s+)?police"
        r"|false\s+(?:statements?|representations?)"  # Bao Choy's 虛假陳述 (extract32)
        # 妨礙司法公正 and 刑事恐嚇 in English (english21)
        r"|pervert\w*\s+the\s+course\s+of\s+justice|criminal\s+intimidation",
    ),
)  # fmt: skip
NSL_UNSPECIFIED = Offence(
    "nsl_unspecified",
    "nsl",
    "",
    "an offence under the National Security Law",
    # not the court or police named after the law (國安法指定法官, National Security
    # Law-appointed judge, 國家安全處): a charge "with the offence" names no offence
    re.compile(
        zh(r"國安法(?!指定)|國家安全(?!處|委員會)|(?<!非)國安罪")  # 加控違反國安罪 (extract32)
        + r"|national\s+security\s+law(?![\s-]*(?:appointed|designated|judge|police|unit))"
        + r"|\b(?:HK\s?)?NSL\b(?![\s-]*(?:appointed|designated|judge|police|unit))",
        re.IGNORECASE,
    ),
)
BY_KEY = {o.key: o for o in (*OFFENCES, NSL_UNSPECIFIED)}


def offences_in(folded: str) -> list[Offence]:
    """The distinct offences a (folded) text names, in the order they first appear; a bare
    "the National Security Law" only when no offence is named.

    Example: `[o.key for o in offences_in(fold("暴動及管有適合作非法用途的工具"))]`.
    """
    found: list[tuple[int, Offence]] = []
    taken: list[tuple[int, int]] = []
    for offence in OFFENCES:
        for hit in offence.pattern.finditer(folded):
            if any(a < hit.end() and hit.start() < b for a, b in taken):
                continue
            taken.append((hit.start(), hit.end()))
            found.append((hit.start(), offence))
            break
    keys: list[Offence] = []
    for _, offence in sorted(found, key=lambda pair: pair[0]):
        if offence not in keys:
            keys.append(offence)
    if not keys and NSL_UNSPECIFIED.pattern.search(folded):
        keys.append(NSL_UNSPECIFIED)
    return keys


#: Any of these makes a sentence worth reading closely; the rest are skipped fast.
TRIGGER = re.compile(
    zh(
        r"被捕|拘捕|被拘|被抓|被[票加]?控|遭加?控|加控|控以|起訴|檢控|控告|落案|保釋|認罪|否認|罪成|罪名|定罪|無罪|"
        # 被裁定暴動罪不成立, 暴動罪脫罪: an acquittal with no other trigger (extract44)
        r"罪不成|脫罪|被判有?罪|"  # 他被判有罪 (reach21)
        r"判囚|判處|判監|判刑|監禁|入獄|即囚|被囚|囚\d|還押|還柙|羈押|收押|服刑|獲釋|出獄|釋放|"
        r"懲教署看管|由?(?:警方|懲教)看管|緩刑|控罪書?(?:內容)?(?:指|列明)|改控|"
        r"^\s*控罪\s*[一二三四五六七八九十\d]+\s*[:：]|"  # a charge sheet's heading (charges21)
        r"面對(?:的|緊嘅|緊的)\S{2,30}?罪|"  # 兩人面對的有意圖而傷人罪 (extract55)
        r"面對[^,;:，；：。]{0,40}罪|"  # 面對包括藐視罪在內的控罪 (face21)
        r"承認\S{0,20}?罪"  # 三名被告承認暴動罪: a plea with no other trigger (eighth round)
        r"|承認(?=於|在|[去今前同]年|\d|組織|參與|煽惑)"  # 承認於…參與暴動 (extract10)
    )
    # remand, not only remanded: who is still in remand (extract24)
    + r"|arrest|charged|bail|pleaded|convicted|acquitted|sentenced|jailed|remand|released"
    + r"|found\s+(?:not\s+)?guilty|cleared\s+of|imprison|custody|serving\s+(?:a|his|her|their)\s"
    + r"|charg(?:e|ing)\s[^.;]{1,60}?\swith\s"  # charge Tam Tak-chi with (extract49)
    + r"|(?:jail|prison|custodial)\s+(?:term|sentence)",  # a 16-month jail term (extract49)
)  # on folded text, which is lower case already

#: Words that make a name a court officer, lawyer, police officer or reporter, not a
#: defendant, when they come right before it (裁判官蘇惠德, 代表第二被告的大律師羅達雄).
ROLES = re.compile(
    zh(
        r"(?:法官|裁判官|主審|主控官|控方|檢控官|檢控專員|刑事檢控專員|律政司司長|司長|局長|處長|"
        r"警司|總督察|督察|警長|警員|記者|發言人|專家證人|證人|筆名|化名|又名|原名|綽號|"
        # a lawyer helping the arrested (有份協助被捕人士的義務律師彭皓昕; extract33)
        r"(?:代表|協助|支援)\S{0,10}的(?:義務|資深)?大?律師|代表律師|"
        # counsel acting as counsel (辯方大律師曾某, （辯方資深大律師）鄧某, 由黨友兼律師何某代表),
        # not a lawyer who is a defendant (律師涂謹申被捕)
        r"辯方(?:資深)?大?律師\s*[)）]?|由\S{0,4}?(?:資深)?大?律師)\s*$"
    )
)
EN_ROLES = re.compile(
    r"(?:judge|magistrate|justice|prosecutor|counsel|barrister|lawyer|solicitor|"
    r"superintendent|inspector|officer|secretary|reporter|spokes\w+)\s*$",
    re.IGNORECASE,
)

#: Titles of a judge, prosecutor, senior police officer or official: a person the article
#: names so anywhere (國安法指定法官蘇惠德, 高級警司李桂華) is never a defendant in it, even
#: where the title is left out (蘇惠德最後仍決定拒絕兩名被告的保釋申請). Not 警長 or 督察:
#: officers of those ranks stand trial (男警長林華嘉…被控妨礙司法公正罪).
OFFICIAL_TITLE = zh(r"(?:法官|裁判官|主審|主控官|檢控官|律政司司長|司長|局長|處長|警司|總督察)")


def named_as_official(person: str, folded: str) -> bool:
    """Whether the article (folded) writes `person` right after an official's title
    (extract20: 7 pool articles, 10 wrong suggestions and no right one)."""
    return re.search(OFFICIAL_TITLE + re.escape(zh(person)), folded) is not None


#: Before a trigger, these make it a request, a condition, a possibility or a denial:
#: a prosecutor's request is not a sentence (issue #16 §2).
NOT_A_FACT = re.compile(
    zh(
        r"要求|申請|建議|促請|反對|尋求|爭取|希望|冀|擬|打算|將會|或會|可能|可判|可被(?:判)?處|最高|一旦|如果|"
        r"若|假如|倘|求情|量刑起點|預計|(?<![資材史原飲燃香塗物顏肥])料|擔心|會否|是否|未有|沒有|並未|尚未|未被|不會|免於|避免|"
        r"不排除|恐怕|勿|不要|唔好|準備|有機會|隨時|下令|必須|需要?被|應該|應否|呼籲|促|不包括|"
        # a prediction, a wish, an intention, an opinion, a denial (issue #16 §1: facts only)
        # (料 is expected, but not in 資料: 提交虛假資料罪成 is a verdict, twelfth round)
        r"將被|將遭|將會|願意|表示|有意(?!圖)|認為|相信|不考慮|並非|並不|不是|掙扎|猶豫|傾向|應(?:立即|當|予|盡快)|沒被|沒遭|未遭|"
        r"未曾|險被|險些|差點|幾乎|未能|不能|無法|會因|某天|某日|遲早|終有一天|"
        r"麻煩|請立即"  # 如果…希望…，麻煩立即拘捕梁振英: a demand, not an arrest
    )
    + r"|\b(?:may|might|could|would|faces?|facing|if|unless|seek(?:s|ing)?|asked|urged|"
    r"applied|appeal(?:ed|s)?\s+against|not\s+been|never|wants?|calls?\s+for)\b",
    re.IGNORECASE,
)


#: Proceedings in mainland China are out of scope (docs/extract.md): a fact whose clause
#: names a mainland court, place, procedure or offence is not proposed, nor one whose
#: sentence does and names nothing of Hong Kong (`HONG_KONG`).
MAINLAND = re.compile(
    zh(
        r"內地|大陸|人民法院|人民檢察院|檢察院|中級法院|公安(?!條例)|刑事拘留|刑拘|指定居所|尋釁滋事|"
        r"無期徒刑|有期徒刑|死刑|死緩|偷越(?:國)?邊境|非法經營|紙面服刑|一審|二審|看守所|監視居住|"
        r"庭前會議|緬甸|709大抓捕|709大拘捕|709事件|七〇九|"
        r"深圳|鹽田|廣東|廣州|成都|江蘇|天津|新疆|西藏|四川|湖南|湖北|河南|河北|山東|山西|浙江|"
        r"福建|雲南|貴州|遼寧|吉林|黑龍江|安徽|江西|陝西|甘肅|青海|海南|內蒙|寧夏|重慶|唐山|"
        r"中國國安法|洩露國家機密"  # 程翔…被中共以…違反中國國安法為由…被判監5年 (extract32)
    )
    + r"|mainland|shenzhen|guangdong|myanmar",
    re.IGNORECASE,
)
HONG_KONG = re.compile(
    zh(
        r"香港|本港|區域法院|區院|裁判法院|裁判院|高等法院|高院|終審法院|上訴庭|西九龍|荔枝角|"
        r"律政司|國安處|港區國安法"
    )
    + r"|hong\s+kong",
    re.IGNORECASE,
)

#: Words of Hong Kong's own affairs, for a whole article (a sentence needs HONG_KONG).
HONG_KONG_TOO = re.compile(zh(r"港人|港版|全港|港府|特區|立法會|區議|反修例|警務處|港島|九龍|新界"))


@lru_cache(maxsize=4)
def _place_counts(folded: str) -> tuple[int, int]:
    """How often an article (folded) names the mainland, and (when seven times or more)
    Hong Kong: counted once for `mostly_mainland` and `mainland_leaning`, which both ask."""
    mainland = len(MAINLAND.findall(folded))
    if mainland < 7:
        return mainland, 0
    return mainland, len(HONG_KONG.findall(folded)) + len(HONG_KONG_TOO.findall(folded))


def mainland_only(folded: str) -> bool:
    """An article (folded) that names the mainland's places, courts or procedures twice or
    more and nothing of Hong Kong is about a case there (丁家喜, 王藏), even in the
    sentences that name neither (被控顛覆國家政權罪的新公民運動發起人丁家喜，被捕至今…);
    十二港人被扣押內地 is Hong Kong's own news."""
    # Hong Kong first: most articles name it early, and the count then is never made
    if HONG_KONG.search(folded) or HONG_KONG_TOO.search(folded):
        return False
    return len(list(islice(MAINLAND.finditer(folded), 2))) == 2


def mostly_mainland(folded: str) -> bool:
    """An article (folded) that names the mainland's places, courts or procedures seven
    times or more, and seven times as often as Hong Kong, is about a case there even when
    it names Hong Kong once (王全璋's own account of his trial, a Taiwan trial told against
    China's; extract14: 7 pool articles, with 7 wrong suggestions and no right one)."""
    mainland, hong_kong = _place_counts(folded)
    return mainland >= 7 and mainland >= 7 * hong_kong


def mainland_leaning(folded: str) -> bool:
    """An article (folded) that names the mainland's places, courts or procedures seven
    times or more, and twice as often as Hong Kong, tells of a case there: its sentences
    that name neither place are read as the mainland's (被捕的12人名單，包括… after the
    Yantian detention centre's lawyers; extract20: 2 pool articles, 20 wrong suggestions
    and no right one)."""
    mainland, hong_kong = _place_counts(folded)
    return mainland >= 7 and mainland >= 2 * hong_kong
