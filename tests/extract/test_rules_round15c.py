"""Classes of missed suggestions found in the fifteenth round's `extract17` work (issue
#16): the fourteenth dev draw's misses and the open classes `extract14` left, each counted
over the unlabelled court-keyword pool before it was fixed; each on an invented sentence."""

from __future__ import annotations

# the invented people of the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_a_respectively_list_of_terms_far_after_its_names() -> None:
    body = (
        "前年包圍警總案，陳大文、李小明及張美玲被控「煽惑他人參與未經批准的集結」、"
        "「組織未經批准的集會」與「明知而參與未經批准的集會」等罪名，"
        "分別被判入獄13.5個月、7個月和10個月。"
    )
    found = facts(body)
    assert {
        ("陳大文", "sentence", "13.5"),
        ("李小明", "sentence", "7"),
        ("張美玲", "sentence", "10"),
    } <= found


def test_a_count_inside_its_clause_is_the_group_just_named() -> None:
    body = "陳大文和李小明被控參與非法集結。案件經連日審訊後，法官今天裁定兩名被告罪名不成立。"
    assert {("陳大文", "verdict", "acquitted"), ("李小明", "verdict", "acquitted")} <= facts(body)
    plea = "陳大文、李小明及張美玲被控參與未經批准集結。案件今日開審，三人在庭上認罪。"
    assert ("張美玲", "plea", "guilty") in facts(plea)
    bail = "陳大文及李小明被控藐視罪。案件今午提堂，押後再訊，全部被告獲准以1000元現金保釋。"
    assert ("李小明", "bail_granted", "") in facts(bail)


def test_a_count_that_is_not_the_group_or_a_condition_is_no_one() -> None:
    # another count than the group's, the rest, and a condition
    assert not any(
        k == "verdict"
        for _, k, _ in facts("陳大文和李小明被控參與非法集結。法官今天裁定三名被告罪名不成立。")
    )
    assert not any(
        k == "plea"
        for _, k, _ in facts("陳大文和李小明被控參與非法集結。案件今日開審，其餘3人否認控罪。")
    )
    body = "陳大文及李小明被控參與未經批准集結。她指，無論他們認罪與否，都會繼續參與社運。"
    assert not any(k == "plea" for _, k, _ in facts(body))


def test_all_defendants_is_the_listing_written_after_it() -> None:
    body = (
        "法官裁定，灣仔暴動案全部被告罪名不成立。判詞指各被告沒有刑事紀錄。"
        "3名被告依次為陳大文、李小明、張美玲。"
    )
    found = facts(body)
    assert {(n, "verdict", "acquitted") for n in ("陳大文", "李小明", "張美玲")} <= found
    # the rest is not all of them
    rest = "陳大文認罪，其餘各被告否認控罪。3名被告依次為陳大文、李小明、張美玲。"
    assert ("陳大文", "plea", "not_guilty") not in facts(rest)


def test_a_name_jieba_cuts_into_a_word_and_a_character() -> None:
    # 劉家|棠: a common word and a character, so no name was guessed at all
    body = (
        "社工劉家棠被控阻差辦公。24歲的劉家棠，今年6月被裁定罪成。"
        "原審判劉家棠即時監禁12個月，劉家棠不服上訴。"
    )
    found = facts(body)
    assert {("劉家棠", "verdict", "convicted"), ("劉家棠", "sentence", "12")} <= found
    # written twice only, or never before a boundary: not read as a name (after an
    # occupation, 社工劉家棠, it is: extract26, tests/extract/test_rules_round16f.py)
    assert not any(
        p == "劉家棠" for p, _, _ in facts("他稱劉家棠被控阻差辦公。劉家棠今年6月被裁定罪成。")
    )
    # a quoted word is no name
    quoted = "他認為是「莫須有」的指控。莫須有被判囚，莫須有被判囚10個月。"
    assert not any(p == "莫須有" for p, _, _ in facts(quoted))


def test_a_court_bail_that_names_no_court() -> None:
    # a judge's short title, a remand before, a plea and a trial beside, bail continued
    assert ("陳大文", "bail_granted", "") in facts("李官聽畢控辯雙方陳詞後，批准陳大文保釋申請。")
    assert ("陳大文", "bail_granted", "") in facts("陳大文遭還柙20天後，昨日獲准保釋外出。")
    assert ("陳大文", "bail_granted", "") in facts("陳大文不認罪，獲准保釋明開審。")
    assert ("陳大文", "bail_granted", "") in facts("陳大文獲准繼續保釋。")
    # the police's bail: no charge laid yet, or a police word (as before)
    assert not any(k == "bail_granted" for _, k, _ in facts("陳大文認罪後獲准保釋，未被檢控。"))
    assert not any(k == "bail_granted" for _, k, _ in facts("陳大文昨晚獲准保釋離開警署。"))


def test_a_person_described_by_age_before_the_article_names_him() -> None:
    body = (
        "26歲男子被指是網上頻道的管理員，涉串謀煽惑他人刑事損壞等25項控罪，他否認全部控罪，"
        "案件今日在區域法院開審。控方指頻道發布超過2萬條訊息。被告陳大文（26歲）共被控7項控罪。"
    )
    assert ("陳大文", "plea", "not_guilty") in facts(body)
    # two people of that age: which one is not said
    two = (
        "26歲男子被指是頻道管理員，他否認全部控罪。"
        "被告陳大文（26歲）與李小明（26歲）共被控7項控罪。"
    )
    assert not any(k == "plea" for _, k, _ in facts(two))
    # a co-defendant of that age is someone else
    other = "法官表示，同案26歲被告早前認罪。被告陳大文（26歲）共被控7項控罪。"
    assert ("陳大文", "plea", "guilty") not in facts(other)
