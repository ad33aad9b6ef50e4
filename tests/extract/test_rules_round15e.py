"""Classes of missed suggestions found by the `extract19` round (issue #16: `charged`;
draw 16), each counted over the unlabelled court-keyword pool before it was fixed; each on
an invented sentence."""

from __future__ import annotations

# the invented people of the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_an_unauthorised_procession_is_an_unauthorised_assembly() -> None:
    body = (
        "今日審理的遊行案共有四名被告，依次為陳大文、李小明、何家輝和張志強。"
        "他們被控組織和參與未經批准遊行，其中何家輝因為認罪，沒有出席聆訊。"
    )
    found = facts(body)
    assert {
        ("陳大文", "charged", "unauthorised_assembly"),
        ("張志強", "charged", "unauthorised_assembly"),
        ("何家輝", "plea", "guilty"),
    } <= found
    assert ("李小明", "charged", "unauthorised_assembly") in facts(
        "李小明被控參與一個未經批准的公眾遊行。"
    )


def test_a_charge_written_with_zao_is_a_charge() -> None:
    assert ("陳大文", "charged", "riot") in facts("在車廂遇襲的陳大文同遭控暴動，早前放棄索償。")
    assert ("李小明", "charged", "riot") in facts(
        "李小明後來也遭控告參與暴動，他形容自己是原告變被告。"
    )
    assert ("何家輝", "charged", "sedition") in facts(
        "何家輝因在街站喊口號，去年9月被國安處拘捕，遭控發表煽動文字等14罪。"
    )


def test_zao_before_the_prosecution_is_no_charge() -> None:
    found = facts("控方反對保釋，張志強遭控方指有潛逃風險，案件押後。")
    assert not any(kind == "charged" for _, kind, _ in found)


def test_a_lone_surname_before_a_word_of_time_or_need_is_the_person() -> None:
    body = "學生陳大文今被正式落案起訴分裂國家罪。案件押後至明年再訊，陳期間需還柙候審。"
    assert ("陳大文", "custody", "remanded") in facts(body)
    body = "李小明被控無牌管有槍械。李早前已被裁定一項刑事毀壞罪名成立。"
    assert ("李小明", "verdict", "convicted") in facts(body)


def test_a_listing_item_with_a_role_before_the_name_is_the_name() -> None:
    body = (
        "3名警員涉嫌襲擊露宿者，被控刑事毀壞等罪，今早提堂。涉案的3名被告，依次為"
        "男警陳大文（30歲）、男警長韓志明（44歲）及女警何家輝（29歲）。"
    )
    found = facts(body)
    assert {
        ("陳大文", "charged", "other"),
        ("韓志明", "charged", "other"),
        ("何家輝", "charged", "other"),
    } <= found
