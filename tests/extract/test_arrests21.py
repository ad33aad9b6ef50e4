"""Arrests the older patterns missed (issue #16, arrests21): the shapes of the archive's
sentences, on invented people."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

PEOPLE = ("陳大文", "李小明", "何家輝", "張美玲")
NAMES = Gazetteer({name: f"p-{i}" for i, name in enumerate(PEOPLE)})


def arrested(body: str) -> set[str]:
    found = extract_text(article_id="a", body=body, published="2021-07-06", names=NAMES)
    return {p.person for p in found if p.kind == "arrested"}


def test_an_agent_or_manner_the_older_pattern_did_not_know() -> None:
    # 社工陳虹秀被警方無理拘捕; 劉頴匡1月被國安拘捕; 被4名便衣警員截查並拘捕
    assert arrested("社工陳大文被警方無理拘捕，今天更被控以暴動罪。") == {"陳大文"}
    assert arrested("陳大文去年8月6日在深水埗被4名便衣警員截查並拘捕。") == {"陳大文"}
    assert arrested("前召集人陳大文欲往領事館尋求庇護，被國安處人員攔截、拘捕及檢控。") == {
        "陳大文"
    }
    assert arrested("陳大文今年1月被國安拘捕，其後獲准保釋。") == {"陳大文"}


def test_a_law_is_no_agent() -> None:
    # 如果講真相係要被國安法拘捕: a fear, and a law, not who arrested
    assert arrested("陳大文說，她不怕被國安法拘捕。") == set()


def test_the_arrested_right_after_the_noun_for_them() -> None:
    # 從社交媒體得悉更多關於被捕人張可森及岑敖暉的背景
    body = "劉小姐從社交媒體得悉更多關於被捕人陳大文及李小明的背景。"
    assert arrested(body) == {"陳大文", "李小明"}


def test_the_noun_for_the_arrested_alone_is_still_no_one() -> None:
    # 陳智思對被捕社工…有作聲: the kind of person, not the name before it
    assert arrested("陳大文探望被捕人士，指他們精神尚可。") == set()


def test_a_counted_object_then_its_titled_members() -> None:
    # 警方高調拘捕《蘋果》5高層，總編羅偉光、行政總裁張劍虹，兩日後於西九裁判法院提堂
    body = "6月17日，警方高調拘捕《日報》5高層，總編陳大文、行政總裁李小明，兩日後提堂。"
    assert arrested(body) == {"陳大文", "李小明"}


def test_a_party_name_after_the_active_arrest_is_no_noun_for_the_arrested() -> None:
    # 警方國安處人員上門拘捕人民力量副主席譚得志（快必）
    body = "昨天早上，警方國安處人員上門拘捕人民力量副主席陳大文，指他發表煽動文字。"
    assert arrested(body) == {"陳大文"}


def test_the_one_named_arrested_for_helping_others() -> None:
    # 陳以晉，…協助其他示威者逃走，事後頭破血流被捕; 黃國桐因涉嫌協助12港人被捕
    body = "身穿黑衣的陳大文，去年在北角涉嫌持棒襲警，協助其他示威者逃走，事後被捕。"
    assert arrested(body) == {"陳大文"}
    assert arrested("另一名律師陳大文因涉嫌協助12港人被捕。") == {"陳大文"}


def test_others_arrested_without_help_are_not_the_named() -> None:
    # 陳國誠憶起她被捕, 其他示威者被捕: someone else
    assert arrested("陳大文憶述，當晚其他示威者被捕。") == set()


def test_a_long_offence_after_yi_and_officers_described_by_a_clause() -> None:
    # 他被國安處以涉嫌勾結外國或境外勢力和洗黑錢兩項罪名拘捕; 後遭附近埋伏的警員拘捕
    body = "陳大文去年被國安處以涉嫌勾結外國或境外勢力和洗黑錢兩項罪名拘捕。"
    assert arrested(body) == {"陳大文"}
    body = "被告陳大文以虛假身份預約球場時段，親自簽場，後遭附近埋伏的警員拘捕。"
    assert arrested(body) == {"陳大文"}


def test_some_of_the_arrested_named_later_in_the_sentence() -> None:
    # 被捕的47人中有21名區議員，當中只有岑子杰和東區的趙家賢等九人留任區議員
    body = "被捕的47人中有21名區議員，當中只有陳大文和東區的李小明等九人留任區議員。"
    assert arrested(body) == {"陳大文", "李小明"}
    # a name that speaks after the group is no member of it
    assert arrested("被捕者中有不少學生，當中不少是中學生，陳大文表示痛心。") == set()
    # 被捕者中，42歲的杜依蘭和39歲的湯偉雄 (read by the older rules, both)
    assert arrested("在共44名被捕者中，42歲的陳大文和39歲的李小明，年紀屬最大。") == {
        "陳大文",
        "李小明",
    }


def test_a_pronoun_opening_the_clause_after_a_connective() -> None:
    # 支聯會副主席鄒幸彤聲稱以個人名義到場，結果她被警方以「涉嫌宣傳未經批准集結」為由拘捕
    body = "副主席陳大文聲稱以個人名義到場，結果她被警方以「涉嫌宣傳未經批准集結」為由拘捕。"
    assert arrested(body) == {"陳大文"}
    # 陳國誠憶起她被捕: another person, the object of a verb
    assert arrested("陳大文表示，其後她被捕。") == set()


def test_a_titled_listing_before_a_passive_arrest() -> None:
    # 壹傳媒創辦人黎智英、營運總裁及財務總裁周達權、集團執行董事張劍虹等，多名集團高層主管被警方
    # 國安處拘捕
    body = (
        "創辦人陳大文、營運總裁及財務總裁李小明、集團執行董事何家輝等，多名高層被警方國安處拘捕。"
    )
    assert arrested(body) == {"陳大文", "李小明", "何家輝"}


def test_a_titled_listing_after_an_active_arrest() -> None:
    # 拘捕壹傳媒創辦人黎智英與其兩個兒子、壹傳媒集團行政總裁張劍虹、集團營運總裁兼財務總裁周達權
    body = "警方今晨拘捕創辦人陳大文與其兩個兒子、集團行政總裁李小明、營運總裁何家輝。"
    assert arrested(body) == {"陳大文", "李小明", "何家輝"}
    # the listing ends at a speaker: not a list of the arrested
    assert arrested("警方拘捕陳大文、保安局局長李小明表示不評論。") == {"陳大文"}


def test_a_search_whose_last_member_was_also_arrested() -> None:
    # 警方今晨搜捕多名泛民立法會議員，包括…朱凱廸、陳志全；…胡志偉…；工黨主席郭永健亦都被捕
    body = "警方今晨搜捕多名議員，包括陳大文、李小明；現任議員何家輝；主席張美玲亦都被捕。"
    assert arrested(body) == set(PEOPLE)
    # a search alone is no arrest (搜捕 is also a manhunt)
    assert arrested("警方今晨搜捕多名議員，包括陳大文、李小明。") == set()
