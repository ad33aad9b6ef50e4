"""The patterns the rules match on folded text (issue #16 §2): the triggers of each kind of
court-case fact, and the words around a trigger that make it someone else's, a request, a
condition, a prediction or no fact at all. Written in traditional characters and folded
(`_text.zh`), so one pattern serves both scripts.

Example: `bool(CHARGE.search(fold("被控串謀顛覆國家政權")))` is True.
"""

from __future__ import annotations

import re

from lionrock.library.extract._agents import AGENT, MANNER
from lionrock.library.extract._english import AND_ROLE, PASSIVE_AUX, REMAND
from lionrock.library.extract._text import zh

#: 余被控…, 鍾在警方推進時被捕 (在, twelfth round): a surname alone, then its verb; or a
#: word of time or need before it (鍾期間需還柙候審, 黃早前已被捕, 李現已還柙; extract19).
#: after 及後 or a month too (上個月黎因…被判監; extract26), but not 曾 there (去年12月曾在…:
#: "once"). Not after 其中: 其中譚在…承認…；王在…；陳被控… gave 譚 the facts of a 陳 the
#: article names twice (3 wrong in dev). Or 於 (控方又稱，王於…被捕; extract34), but not
#: the words 曾於, 關於, 高於, 易於, 甘於.
_LONE_AFTER = "|".join(f"(?<={zh(w)})" for w in ("及後", "月"))
#: 律政司以…罪起訴唐，…: a lone surname as the object of an active charge, the clause
#: ending right after it (extract55).
_CHARGE_VERB = zh("(?:起訴|檢控|控告)")
LONE_SURNAME = re.compile(
    rf"(?:(?<![\u3400-\u9fff])|(?:{_LONE_AFTER})(?!{zh('曾')})|(?<={_CHARGE_VERB}))"
    + zh(r"(?![曾關高易甘]於)")
    + r"([\u3400-\u9fff])(?="
    + zh(r"被|遭|獲|亦|則|仍|須|因|在|承認|否認|期間|需|早前|現已|已|一直|於")
    + rf"|(?<={_CHARGE_VERB}[\u3400-\u9fff])[,，。;；]"
    # 羅最終被裁定…罪成, 黃其後被判囚 (extract56): a time word, then a passive
    + zh(r"|(?:最終|最後|其後|隨後|終於|後來)(?:被|遭|獲)")
    + ")"
)
#: 姚、文、蘇三人被控…, 與連、蔡二人同否認, 歐、鄧兩被告: lone surnames listed, then
#: their number; or, joined by 、, right before a plea or a passive (其中文、蘇承認控罪).
LONE_LIST = re.compile(
    r"(?:(?<![\u3400-\u9fff])|(?<=" + zh("[與及和的]") + r")|(?<=" + zh("其中") + r"))"
    r"[\u3400-\u9fff](?:[、及和與][\u3400-\u9fff]){1,4}"
    r"(?=" + zh(r"[二兩三四五](?:人|名?被告)") + ")"
    r"|(?:(?<![\u3400-\u9fff])|(?<=" + zh("其中") + r"))[\u3400-\u9fff](?:、[\u3400-\u9fff]){1,4}"
    r"(?=" + zh(r"承認|否認|被|遭|獲") + ")"
)
CLAUSE = re.compile(r"[,;:，；：]")
JOINERS = re.compile(
    zh(
        r"^\s*(?:[(（][^)）]{0,6}[)）])?\s*(?:[、及和與同]|以及|[,，]\s*(?:與|及|和|以及))"
        r"[^,;:。，；：]{0,12}$"
    )
    + r"|^\s*(?:,\s*(?:and\s+)?|\s+and\s+)$"  # Ivan Lam, Agnes Chow and Joshua Wong
    + r"|(?i:"
    + AND_ROLE  # Cheung Kim-hung and Chief Editor Law Wai-kong (extract24)
    + ")"
)  # 黃之鋒、岑敖暉及梁凱晴; 姚鈞豪、前區議員連桷璋，與議員助理蘇揚浚; not 李卓人想對劉曉波
#: 警方以暴動罪拘捕他: the one person the sentence before named.
OBJECT_PRONOUN = re.compile(zh(r"^\s*(?:他|她)(?![們人])"))
#: 正因如此，她在…，事後被裁定…罪名成立: a sentence whose subject is a pronoun.
PRONOUN_SUBJECT = re.compile(zh(r"^(?:\S{0,6}[,，])?\s*(?:他|她)(?![們人])"))
#: 【相關報道】 再多3人獲保釋 39人仍還柙 郭家麒妻…: a link to another article, whose title
#: is no sentence of this one (extract14: 9 suggestions in 8 pool articles).
RELATED = re.compile(
    zh(r"^\s*(?:【\s*(?:相關|延伸)\S{0,4}】|(?:相關|延伸)(?:報道|文章|閱讀)\s*[:：])")
)
#: 九龍城裁判法院裁判官鄭念慈昨午裁定兩罪罪成，判即時監禁12個月: a judge's ruling that
#: names no defendant is on the one person the sentence before named (extract14).
JUDGE_RULES = re.compile(
    zh(r"^\S{0,16}?(?:法官|裁判官|暫委法官|[^\s,，]官)\S{0,8}?(?:裁定|判處|判)(?!斷|決書|詞|刑)")
)
#: 他們, 二人 starting the clause right after a group: that group (…蔡健瑜，他們同被控…).
ANAPHOR = re.compile(zh(r"^\s*[,，]\s*(?:他們|她們|二人|兩人|三人|四人|五人|各人)"))
#: 三人, 2名被告: a count of people; not 47人案 (a case's name: 區諾軒因初選47人案被還柙).
COUNTED = re.compile(zh(r"([二兩三四五六七八九十]|\d+)(?:名被告|人(?!案)|名)"))
#: 除了胡志偉，均被控…: the name excepted is not the subject of the next clause.
EXCEPTED = re.compile(zh(r"除(?:了|開)?\s*$"))
#: …外 or …以外 right after the names excepted (除黃碧雲外全不獲准保釋).
EXCEPTED_END = re.compile(zh(r"\s*(?:以)?外"))
RELATIVE_OR_LIST = re.compile(
    zh(
        r"^(?!、)[^,;:，；：。]{0,10}的[^,;:，；：。]{0,10}[:：]?$|^[^;；。]{0,8}(?<!不)[,，]?\s*(?<!不)包括[^,;:，；：。]{0,10}$"
        # a group then its names, each described at length (12人被加控暴動罪，包括已被判囚6年
        # 的前發言人A、B; 23人被控「…」，包括多名支聯會成員：主席A、副主席B)
        r"|^(?:「[^」]{1,24}」)?[^,;；。「]{0,8}[,，]\s*(?:當中|其中)?包括"
        r"(?:[^,;:，；：。]{0,10}[:：])?[^,;:，；：。]{0,20}$"
    )
)
#: 他 and 她, not 他人 (others: 煽動他人分裂國家 is an offence, not a person) nor 其他.
SINGULAR = re.compile(zh(r"(?<!其)他(?!人)|她(?!人)|\bhe\b|\bshe\b"), re.IGNORECASE)
OTHERS = re.compile(
    # not 因其他案件遭繼續還柙: another case of the same person (issue #16, extract10)
    # 八名被告當中，…也有人因…折返，最終被捕: someone among them (fifteenth round)
    zh(
        r"其餘|其他(?!案|控罪)|另外\S{0,3}人|另一(?:名|個|位)?(?:被告|人)|他們|她們|(?<![所沒没])有人"
    )
    + r"|\bothers\b|\bthe\s+rest\b|\bexcept",
    re.IGNORECASE,
)  # With the exception of Helena Wong, others were denied bail
PRONOUN = re.compile(zh(r"他(?!人)|她(?!人)|其|被告|二人|兩人|三人|\bhe\b|\bshe\b"), re.IGNORECASE)


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(zh(pattern), re.IGNORECASE)


ARREST_PASSIVE = _p(
    # 遭廉署人員上門拘捕, 被防暴警員拘捕: the agent's officers (extract18)
    # 被警察拘捕, 被重案組上門拘捕, 被警方上門搜屋並拘捕: `_agents.py` (extract32)
    r"(?:被|遭|已被|再度被|再被)"
    + AGENT
    + r"?(?:以\S{0,14}?)?"
    # 遭上門拘捕, 被警方高調拘捕: how the arrest was made (tenth round, 21 pool articles)
    # not 被抓 (colloquial, the mainland's: 王藏被抓; extract14, no right suggestion in the pool)
    + MANNER
    + r"(?:拘捕|捕)(?!令)|被捕(?!令)|"
    + PASSIVE_AUX  # was also arrested (extract24)
    + r"(?:re-?)?arrested"
)
#: …and arrest of founder Jimmy Lai: the name after the noun (eighth round).
ARREST_ACTIVE = _p(
    r"拘捕(?!令|行動|人數|權)|arrested(?!\s+(?:on|for|in|at|under))|(?<![a-z])arrests?\s+of(?=\s)"
)
CHARGE = _p(
    r"被票?控(?!方|罪)|被(?:正式|落案|加)?(?:起訴|檢控|控告)|被落案|落案(?:起訴|控告)|控以|被加控"
    # 林卓廷…卻被警方控告暴動罪: the agent between (extract55)
    r"|被(?:警方|律政司|控方|當局)(?:正式|落案)?(?:起訴|檢控|控告)"
    # 遭 as 被 (extract19): 遭控暴動, 遭控告兩項…罪, 遭起訴 (not 遭控方反對)
    r"|遭(?:正式|落案|加)?(?:起訴|檢控|控告)|遭加?控(?![方訴制罪])"
    r"|(?<=[再另])加控(?![方訴制罪])"  # 被控欺詐，再加控違反國安罪 (extract32)
    r"|[被遭]改控(?![方訴制罪])"  # 許麗明…遭改控阻差辦公罪 (extract43: 8 pool articles)
    r"|charged\s+with|indicted|"
    + PASSIVE_AUX  # was even charged by the government (extract24)
    + "charged"
)
#: The offence before the charge (eleventh round, 9 pool articles): 遭警方以「煽動他人分裂
#: 國家罪」起訴, 被警方以涉嫌「暴動」拘捕和起訴, 因國安法被落案起訴, 以煽動罪被起訴.
CHARGED_BY = _p(
    r"(?:被|遭)(?:警方|警務處|國安處|律政司|廉署|廉政公署|當局)?以(?P<by>[^,;:，；：。]{1,30}?)"
    r"(?:拘捕(?:和|及|並))?(?:落案)?(?:起訴|檢控|控告)"
    r"|(?:以|因)(?P<for>[^,;:，；：。被遭以因]{1,30}?)(?:而)?(?:被|遭)(?:正式|落案)?(?:起訴|檢控|控告)"
)
BAIL_GRANTED = _p(
    # 蔡玉玲可繼續保釋, 何啟明、施德來及李予信可按原有條件保釋: what a court's order lets the
    # named do, not a modal's "may" (extract31: 18 pool sentences in 16 articles); not 可獲保釋
    r"可(?:以)?(?:按|以)?(?:原有|原來|相同)?\S{0,6}?繼續保釋|可(?:以)?(?:按|以)(?:原有|原來|相同)\S{0,6}?條件保釋|"
    r"(?<![不未])獲(?:准|批|得)?保釋|(?<![不未])獲准以\S{0,16}?保釋|(?<![不未])准予保釋|(?<!拒絕)(?<![拒不])批(?:准|出)(?P<inner>[^\s,;，；。]{0,16}?)保釋(?!上訴|覆核)"
    # not 拒絕批出保釋, nor 批出律政司就黎智英的保釋上訴許可 (leave to appeal, extract10)
    # 李予信早前保釋申請獲批 (extract14: 5 pool articles, one story)
    r"|繼續保釋|保釋(?:申請)?獲批"
    # 各人准以現金一千元保釋, 何啟明准以原有條件保釋 (extract23: 26 pool sentences)
    r"|(?<![不未獲批])准以\S{0,16}?保釋"
    # 現在保釋等候上訴, 正在保釋候審: on a court's bail, as a state (extract45); not 申請,
    # 可, 不能 or 無法保釋候審
    r"|(?<=正在|現時|現在|目前|其後|仍然|一直)保釋(?:外出)?(?:等候上訴|候審|待審)"
    r"|(?<=[正仍])保釋(?:外出)?(?:等候上訴|候審|待審)"
    r"|granted\s+bail|released\s+on\s+bail|bail\s+was\s+granted"
    r"|released\s+on\s+(?:a\s+)?(?:HK)?\$[\d,.]+(?:[\s-]*(?:million|m))?\s+bail"  # (extract32)
)
#: 不讓黎智英繼續保釋: a refusal before the name (extract10).
NOT_LET = _p(r"不(?:讓|准|許|得|能|再)\S{0,8}$")
#: 批准其餘9人保釋, 批准全部被告保釋: a group no name resolved is nobody named.
UNNAMED_INNER = _p(r"人|被告|其餘|其他|全部|所有")
BAIL_DENIED = _p(
    r"拒絕(?P<inner>\S{0,8}?)保釋|拒批(?P<inner2>\S{0,6}?)保釋|不(?:獲准?|准|予|得)(?:他|她)?保釋|保釋(?:申請)?(?:被|遭)(?:拒|駁回)"
    # 多次申請保釋均被拒, 保釋申請迅速被拒: a court's refusal (tenth round, 33 pool articles)
    r"|申請保釋[均皆亦都]?(?:被|遭)(?:拒|駁回)|保釋申請[均皆亦都迅速]{1,2}(?:被|遭)(?:拒|駁回)"
    # 周庭申請保釋上訴遭拒, 被告申請保釋等候上訴被拒: bail pending appeal (extract57: 6 pool)
    r"|申請保釋(?:等候|候)?上訴[均皆亦都]?(?:被|遭)(?:拒|駁回)"
    # 張可森被拒保釋 (35 pool sentences); 向高等法院申請保釋亦告失敗 (7; extract23)
    r"|(?:被|遭)拒保釋|申請保釋[均皆亦都]?(?:告|宣告)?失敗"
    # 申請被告在等候上訴期間保釋，遭鄭官拒絕: the judge who refused between (extract14: 6)
    r"|申請\S{0,14}?保釋\S{0,4}?[,，]\s*(?:惟|但|均|亦|卻)?(?:被|遭)\S{0,6}?(?:拒絕|駁回)"
    # 蘇惠德…不准被告保釋, 不批准鄒幸彤保釋: whom the judge refused (extract14: 10 pool articles)
    r"|不(?:准許|批准|准|予)(?P<inner3>[^\s,;，；。]{1,6}?)保釋(?!條件|申請|上訴|覆核)"
    r"|denied\s+bail|refused\s+bail|bail\s+(?:was\s+)?(?:denied|refused)"
    # bail application declined, bail applications were rejected (extract49)
    r"|bail\s+applications?\s+(?:(?:was|were|had\s+been|has\s+been)\s+)?(?:declined|rejected)"
)
#: 法院批准保釋的先決條件, 批准保釋的門檻, 是否准予保釋階段: bail as a topic, not an event.
BAIL_TOPIC = _p(r"(?:的)?\S{0,2}(?:先決條件|條件|門檻|準則|原則|指引|階段|標準|要求)")
POLICE_BAIL = _p(r"候查|警署|報到|被捕|拘捕|扣押|扣留|羈留|police\s+bail")
#: 獲准保釋的陳沛敏…憶及在羈留期間: held by the police, so the bail was theirs.
POLICE_HELD = _p(r"羈留|扣留")
COURT = _p(r"法院|法庭|法官|裁判官|提堂|聆訊|高院|覆核|案中|被告|庭|案|court|magistrate|judge")
#: A court's bail with no court word: a judge's short title (李官聽畢…批准黎智英保釋申請),
#: bail continued, a remand before it, a trial or a plea beside it (王志榮不認罪，獲准保釋明開審);
#: not when the sentence says no charge was laid (獲准保釋，未被檢控: the police's; extract17).
COURT_TOO = _p(
    r"(?<![警法])官(?:聽|批|裁|指|判|拒|准|接納|表示|認為)|繼續保釋|還柙|還押|開審|再訊|不認罪|認罪"
    # 獲准保釋等候上訴, 獲准保釋候審: bail pending appeal or trial is a court's (extract45)
    r"|保釋(?:外出)?(?:等候上訴|候審|待審)"
    # Wu was granted bail with certain conditions: English writes police bail as such
    r"|(?<!police\s)\bgranted\s+bail"  # (extract32)
)
NOT_CHARGED_YET = _p(r"未被\S{0,2}(?:檢控|起訴|落案|控告)|暫未被告|未被正式起訴")
PLEA_GUILTY = _p(
    # not 承認被加控兩罪 (being charged), 承認《國安法》下…控罪有… (a law acknowledged)
    r"(?<!不)(?<!否)認罪(?!答辯)|承認(?!被)(?:控罪|參與|干犯|[^\s《》]{0,20}?罪)"
    r"|pleaded\s+guilty|admitted\s+(?:the\s+)?charges?"
)
PLEA_NOT = _p(
    # not 問認不認罪 (a question: 黎智英回答：「明白」 is no plea; extract25)
    r"否認(?:控罪|\S{0,16}?罪)|(?<!認)不認罪|pleaded\s+not\s+guilty|denied\s+(?:the\s+)?charges?"
)
#: 承認於去年6月21日在金鐘…參與未經批准集結, 否認組織及參與未經批准集結: a plea that
#: states the act (a date, a place or the verb) before the offence, with no 罪 after it;
#: the offence itself is looked for in `PLEA_ACT_SPAN` (issue #16, extract10).
PLEA_ACT = _p(
    r"(?<![不未沒])(?P<verb>承認|否認)(?=於|在|[去今前同]年|\d{1,4}\s*年|\d{1,2}\s*月|組織|參與|煽惑"
    r"|非法集結|暴動|拒捕|無牌|刑事毀壞|縱火)"  # 與連、蔡二人否認非法集結 (surnames21)
)
PLEA_ACT_SPAN = _p(r"[^。;；]{0,50}")
#: not 審視案件脫罪的原因, 脫罪的理由 (a noun, extract44)
ACQUITTED = _p(
    r"罪名不成立|罪不成立|罪不成|無罪釋放|裁定無罪|脫罪(?!的)|acquitted|found\s+not\s+guilty|cleared\s+of"
)
CONVICTED = _p(
    r"(?<!不)(?<!犯)罪成(?!本)|罪名成立|被定罪|裁定\S{0,12}?(?<!不)(?<!表證)成立"  # not 表證不成立
    r"|found\s+guilty|(?:was|were)\s+convicted"
)
#: Where the offences after 被控 end: the next charge is someone else's (前者被控…，後者被控…).
CHARGE_STOP = _p(
    r"[。;；]|[,，](?:案件|今日|今早|明天|周|並|但|其後|及後|同時)|被票?控|被起訴|控以|前者|後者"
    # 另一名被告被控…: someone else's; not 即另一暴動罪 (another count, tenth round)
    r"|另(?:一|外)(?!(?:[一兩二三]?[項宗條])?(?:串謀)?(?:暴動|非法集結|未經批准|有意圖|襲警|傷人|煽動|刑事|管有))"
    r"|、(?=[^,，。、]{2,16}?被)"  # …違反國安法、…集會被視為非法集結: another item of a list
)
#: 被控違反國安法被捕, 被指控…而被捕: an accusation at an arrest, which is not a charge.
ACCUSED_AT_ARREST = _p(r"^[^,;:，；：。、]{0,16}?(?:而)?(?:被捕|被拘捕|遭拘捕)")
CONDITIONAL_AFTER = _p(r"^\S{0,3}(?:的話|後可|後會|便會|就會|機會)")
SENTENCE = _p(
    r"判囚|判監|即囚|減至囚|至囚|被囚|改囚|囚(?=\s*[\d一二兩三四五六七八九十半])|判處(?P<obj>\S{0,24}?)監禁|監禁|入獄|"
    # 被判暴動罪成坐牢六年的梁天琦: jail after a conviction (not 未審先坐監, a remand; extract37)
    r"(?<=罪成)[，,]?坐牢|"
    r"總刑期為?|刑期為|刑期共|被判刑(?=\s*[\d一二兩三四五六七八九十半])|jailed\s+for|sentenced\s+to|imprisoned\s+for|in\s+prison|in\s+jail"
)
SUSPENDED = _p(r"緩刑|緩期|suspended")
#: The total of several terms: the parts before it are not the sentence. 共被判監禁16個月,
#: 共被判囚4年, 即共囚7年 too (認24罪共囚16個月: hkcnews-43283's title).
TOTAL = _p(
    r"總刑期為?|合共判囚|共判囚|合共判監|共判監|刑期共|共被判(?:囚|監)|共囚(?=\s*[\d一二兩三四五六七八九十半])"
    r"|total\s+of"
)
#: 被判處13個月監禁: a term before the word for prison, right after 判.
TERM_FIRST = _p(r"(?:被判處?|判處|遭判處?)\s*(?=[\d一二兩三四五六七八九十半年])")
TERM_THEN = _p(r"\s*(?:的)?(?:即時)?(?:監禁|刑期|徒刑)")
REMAND_BEFORE = _p(r"羈押|還押|還柙|扣押")
#: 早前…獲判緩刑, 分別在818和831案獲判處緩刑: a suspended term of another case.
PAST_CASE = _p(r"早前|之前|以往|曾|上次|過去|previous|在\S{0,10}案")
NOT_TERM_AFTER = _p(
    r"^\S{0,3}(?:為量刑起點|量刑起點|起點|為起點|starting)|^\s*(?:多|餘)"  # 一年多: vague
    r"|^\s*為\S{0,10}?量刑起點"  # 以監禁4年為暴動罪的量刑起點 (extract14)
)
RANGE_BEFORE = _p(r"[\d一二兩三四五六七八九十]\s*(?:至|到|-|–|to)\s*$")
RANGE = _p(r"^\s*(?:至|到|-|–|to)\s*[\d一二兩三四五六七八九十]")
REMANDED = _p(
    r"還押(?!期|所|地點|安排|時間)|還柙(?!期|所|地點|安排|時間)|羈押(?!期|所|地點|安排|時間)|懲教署看管|remanded"
    # 押後案件，期間交警方看管; 留醫的楊雪盈則由警方看管: a court's remand (extract37)
    r"|交由?(?:警方|懲教)看管|(?:則|暫時|期間)由(?:警方|懲教)看管"
    r"|held\s+in\s+custody|" + REMAND  # who was still in remand (extract24)
)
SERVING = _p(
    r"(?<!等候上訴)(?<!不)服刑(?!等候|完畢|期滿|完)|serving\s+(?:a|his|her|their)\s+(?:jail\s+|prison\s+)?sentence"
    # 現在關押於監獄，因為…被判暴動罪成坐牢六年的梁天琦: held for a term (extract37)
    r"|關押(?:於|在)\S{0,6}?(?:監獄|懲教所)\S{0,4}[，,]?(?:因為?|由於)\S{0,30}?罪成"
)
RELEASED = _p(
    r"獲釋(?!放令)|獲釋放|出獄|刑滿|(?:被|已|當庭|無條件)釋放(?!令)|released\s+from\s+(?:prison|jail|custody)|walked\s+free"
    # 王志榮已獲無罪釋放, 從喜靈洲懲教所釋放 (issue #16, extract10; not 王志榮無罪釋放
    # alone, which the labels read as the verdict only)
    r"|獲(?:判|裁定)?(?:當庭)?無罪釋放|從\S{1,12}?(?:懲教所|監獄|收押所|中心)釋放"
)
MODAL = _p(
    # (not 需要 or 須要 alone: 被告需要還柙候判 is the court's order, extract57; but
    # 可能需要還柙 is a possibility)
    r"(?:會|(?<![需須])要|可|可以|或|怕|免|得|能|應|有|不|無|毋|願)\s*$|(?:沒|未)\S{0,2}$"
    r"|(?:可能|或|或者|會|將|怕|如|若|假如|如果)\S{0,2}[需須]要\s*$"
)  # 未正式被捕
#: 十人將承認控罪: an intention to plead, not a plea (only for pleas: 將被捕者包括… lists
#: the arrested too).
WILL_PLEAD = _p(r"(?<!即)將\s*$")
#: 控方在認罪後將反對…保釋: a plea that only times what will happen after it is no plea
#: (issue #16, extract14: 7 pool articles, one story).
PLEA_TIMED = _p(r"^後\S{0,6}?將|^(?:開審|聆訊|審訊)前")  # 認罪開審前: a time, no plea (extract48)
#: 即使唐英傑…罪名不成立: a verdict in a concession is a hypothetical (extract14).
HYPOTHETICAL = _p(r"即使|就算|縱使|哪怕")
#: A request makes its object no subject (控方申請將李宇軒收押), nor does what the defence
#: hopes for in mitigation (辯方希望法庭考慮黃臨福的…還柙時間).
REQUEST = _p(r"要求|申請|建議|促請|尋求|反對|呼籲|希望|求情")
#: What a clause says will happen is not a fact yet (區諾軒將會就…選擇認罪, 即將獲得保釋,
#: 再多一個貼文，被告就會再次還押);
#: not 有意圖而傷人 (wounding with intent: an offence, not an intention).
FUTURE = _p(r"將會|將於|擬|打算|計劃|預計|有意(?!圖)|屆時|介時|即將|就會|便會|預備")
#: 陳嘉琳認為，…又不準保釋: what follows a speaker's verb is what they say, not what
#: happened to them (unless they speak of themselves: 自己, 本人).
SPEAKER = _p(
    r"^\S{0,12}?(?:指|表示|稱|說|認為|相信|透露|批評|質疑|強調|坦言|憶述|形容|估計)\s*[,，:：]"
)
SELF = _p(r"自己|本人|我")
#: 罪成坐牢的風險, 被捕的可能: a risk or a cost, not an event.
RISK_AFTER = _p(r"\S{0,3}的(?:風險|可能|機會|危險|代價|後果)")
NOUN_USE = _p(r"^(?:的)?(?:心理|覺悟|風險|準備|可能|機會|危險|恐懼|人數|數字)|^前")
#: A trigger that modifies a generic noun (被捕人士, 還柙或在囚人士, 被捕者) says nothing
#: of a named person before it.
GENERIC_HEAD = _p(
    # (not 拘捕人民力量副主席譚得志: a party's name; arrests21)
    r"^(?:中|或在囚|或還柙|或還押|或服刑)?(?:的)?(?:人士|者|人(?!數|民)|多人|青年|市民)"
    r"|^(?:的)?(?:社工|朋友|記者|學生|示威者|抗爭者|手足)"  # 陳智思對被捕社工…有作聲
    r"|^(?:的)?(?:長者|老人|少年|少女|男童|女童)"  # 虐打一名被捕長者 (not 男子: 被捕男子為X)
    # 李文足、王峭嶺…四位被捕律師妻子: the wives of the arrested, not arrested (extract25)
    r"|^(?:的)?(?:維權|人權)?(?:律師|議員|社工|記者|學生|人士|者)(?:的)?"
    r"(?:妻子|太太|丈夫|家屬|家人|親屬|親人|母親|父親|子女|兒子|女兒)"
    r"|^(?:的)?[兩二三四五六七八九十\d]+(?:名|個)?(?:人|者)"  # 聽完被捕兩人後覺得
    r"|^的[^,;:，；：。、]{0,5}?(?:人士|者|人(?!數))"  # 因維權被捕的愛滋病人
    r"|^的(?:其餘|其他|另外|多名|一眾)\S{0,3}被告"  # 同案已認罪的其餘被告
    # 為因反送中運動罪成囚於壁屋監獄的DSE考生準備筆記 (extract10)
    r"|^[^,;:，；：。、]{1,10}的\S{0,4}?(?:考生|學生|手足|青年|年輕人|示威者|抗爭者)"
    # 一名被香港警方以暴動罪拘捕的22歲中大女學生 (extract32, once the agent is read)
    r"|^的\S{0,6}?(?:考生|學生|手足|青年|年輕人|示威者|抗爭者)"
)
#: 而林易昇則否認: the clause has a subject of its own, even when no name was found in it.
#: 涂謹申（左二）則被捕: so has a clause whose topic 則 marks, when no name was found in it.
OWN_SUBJECT = _p(r"^\s*而\S{2,5}?則|^\s*[^\s,，。]{2,5}?(?:[(（][^)）]{0,6}[)）])?則(?!上|例|是)")
#: 如在囚人士拒絕…: a condition.
#: …；即使被以國安法起訴，也不會離開 (eleventh round): not 即使唐英傑被控的恐怖活動罪.
CONDITION = _p(r"^\s*(?:(?:如果|假如|如|若|倘)(?!此|今)|即使\s*$)")
#: 服刑或還押: which of the two is not said.
#: 黃之鋒和譚得志，正在獄中服刑及被拘押: which is which is not said either.
EITHER = _p(r"(?:服刑|還押|還柙|在囚|羈押)\S?(?:或|及|和)\S?被?(?:服刑|還押|還柙|在囚|羈押|拘押)")
#: A plural subject with no name (7名泛民, 其他三名被告, 全部被告): not a named person's fact.
UNNAMED_GROUP = _p(
    # (not a time before or since: …故兩個月前開始已遭還柙, extract57; but 首被告被判囚2個月、
    # 第三被告被判囚6個月 stays no one's, the order unmapped)
    r"(?:[二兩三四五六七八九十百千萬\d]+\s*(?:名|個(?!多?(?:月|星期|禮拜|小時)(?:前|後|以來|來))|位)|其餘|其他|另外|全部|所有|多名|一批|一眾"
    r"|多人|不少人|很多人|一些人|當中|\d+成)\S{0,8}$"
    # …至今，至少10人被捕; 24名被告，其中一人…已認罪: a count of people, or one of them
    r"|(?:至少|最少|逾|超過|過|近|約)\s*[\d一二兩三四五六七八九十百千萬]+\s*(?:人|名)\S{0,4}$"
    r"|其中\s*[一二兩三四五六七八九十\d]+\s*(?:人|名)\S{0,8}$"
    # …讓陳健波主持；在前線的議員也先後被捕: a clause whose subject is a kind of person
    r"|(?:議員|人士|示威者|抗爭者|社工|記者|市民|學生|手足)們?(?:也|亦|都|均|先後|相繼|紛紛)\S{0,4}$"
)
#: 相比許智峯，林卓廷…被捕: the name compared with is not the one the clause is about.
COMPARED = _p(r"(?:相比|比起|對比|有別於|不同於)\s*$")
QUOTED = re.compile(r"「[^「」]+」|“[^“”]+”")
FORMER_LATTER = _p(r"(前者|後者)\S{0,2}$")
WISH = _p(r"早日|祝願|希望|盼")
#: 亦需判囚4年 (what the law would call for), 讓被告可即時獲釋 (what the defence asks):
#: an obligation before a term, a possibility before a release.
MUST_TERM = _p(r"(?:需|須|應|理應)\s*$")
MAY_RELEASE = _p(r"(?:可|能|會|讓|以便|使)\S{0,3}$")
#: 黃于喬…唱出男友還柙的心聲: a relative named by kinship is someone else than the name.
KIN_BEFORE = _p(
    r"(?:男友|女友|男朋友|女朋友|丈夫|老公|太太|妻子|老婆|兒子|女兒|囡囡|父親|母親|爸爸|媽媽|"
    r"哥哥|弟弟|姊姊|姐姐|妹妹|家人|親人|伴侶|未婚夫|未婚妻)\S{0,2}$"
    # 袁偉傑說自己也有學生被捕: someone of theirs, unnamed (extract33)
    # (and 被捕，被控暴動 after it)
    r"|有\S{0,2}?(?:學生|同學|朋友|成員|員工|下屬|會員|義工|街坊|教友|親友)(?:被捕[，,及並])?\S{0,2}$"
)
#: 岑敖暉…經歷身邊朋友被捕, 看到…舊同事陸續被還柙: friends or colleagues right before the
#: trigger are its subject, not the name (extract36: 5 wrong in the pool); not 與同事被捕.
ASSOCIATES_BEFORE = _p(
    r"(?<![與和及同])(?<!與其)(?<!及其)(?<!和其)(?:舊同事|同事|朋友|舊友|友人|戰友|手足|同學|"
    r"黨友|隊友|同伴)們?(?:都|亦|也)?(?:陸續|相繼|先後|紛紛)?(?:被|遭)?$"
)
#: 辯方期望…, 辯方求情指…: what the defence asks or pleads in mitigation is not a fact.
DEFENCE_SAYS = _p(
    r"^\S{0,6}?辯方(?:律師|大律師)?\S{0,4}?(?:期望|希望|求情|指|稱|表示|認為|建議|冀|要求|爭取|強調)"
)
#: 他指, 她表示: the pronoun is a speaker, not who a trigger after it is about.
PRONOUN_SPEAKS = _p(r"(?:他|她)(?:指|表示|稱|說|認為|相信|透露|強調|坦言|憶述|形容|估計)")
#: 盧惠嫻坦言…蔡玉玲…被捕: the one who speaks is not the subject of what they say.
SAYS = _p(r"表示|認為|相信|透露|批評|質疑|強調|坦言|直言|憶述|形容|估計|認同|擔心|慨嘆|指出")
#: 投票給黨友鄭泳舜, 悼念陳彥霖: a name after a preposition or such a verb is an object.
OBJECT_BEFORE = _p(
    # 投票予鄭泳舜: 予 as a preposition (not 判予, 准予, 批予, 授予, 賦予, 給予: a grant;
    # extract22, extract25)
    r"(?:給|向|對|替|跟|陪同|陪伴|探望|聲援|協助|悼念|(?<![判准批授賦給])予)\S{0,4}$"
)
#: 許智峯陪同未成年示威者登記被捕: a trigger after such a verb in the clause is the object's.
COMPANION = _p(
    r"陪同|陪伴|探望|聲援|支援|協助|營救|幫助|送別|悼念"
    # 因…和X一起創作…而被捕: X shared the act, the arrest is the subject's (twelfth round)
    r"|一(?:起|同|併)(?![被遭獲])[^,;，；。]*而\s*$"
)
#: A sentence that starts with 三人, 兩名被告 or 他們: the group the sentence before named,
#: when it named that many (三名被告依次為梁柏添、龔志遠及李文謙…。三人承認全部暴動控罪。).
PLURAL_LEAD = _p(
    r"^\s*(?:(?:他們|她們|各人)|(?P<n>[二兩三四五六七八九十\d]+)\s*(?:人|名被告)"
    r"|they\b|the\s+(?P<en>two|three|four|five)\b)"
)
#: 有案例的被告認罪: a defendant of some other case.
OTHER_DEFENDANT = _p(r"(?:案例|案件|案子|個案|同類案)\S{0,3}的被告")
