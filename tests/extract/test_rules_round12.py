"""Classes of missed and wrong suggestions found in the twelfth round (issue #16,
`extract12`): the eleventh dev draw's misses and wrong suggestion, each counted over the
unlabelled court-keyword pool before it was fixed; each on an invented sentence."""

from __future__ import annotations

# the invented people of the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_a_charge_by_summons_is_a_charge() -> None:
    assert ("陳大文", "charged", "other") in facts("陳大文被票控一項普通襲擊罪，下月提堂。")
    assert ("李小明", "charged", "unlawful_assembly") in facts(
        "李小明被票控一項「煽惑他人明知而參與非法集結」。"
    )
    # the next summons is someone else's: 被票控 ends the offences, as 被控 does
    found = facts("陳大文被控暴動，李小明則被票控非法集結。")
    assert ("陳大文", "charged", "unlawful_assembly") not in found


def test_data_is_no_prediction() -> None:
    # 料 (expected) refuses a fact; 資料 (data, records) before the trigger does not
    assert ("陳大文", "verdict", "convicted") in facts(
        "裁判法院裁定前監製陳大文提交虛假資料罪成，罰款6000元。"
    )
    assert not any(k == "verdict" for _, k, _ in facts("陳大文料罪成，下月判刑。"))


def test_a_lone_surname_before_where_or_when() -> None:
    body = "案中，被告陳大文被指拾起沙包擲向警方防線。陳在警方推進時被捕，其後承認控罪。"
    assert ("陳大文", "arrested", "") in facts(body)


def test_who_shared_an_act_is_not_who_was_arrested_for_it() -> None:
    # the arrest is the subject's; the name after 和 … 一起 only shared the act
    found = facts("作家張美玲，因在當晚和加拿大學者李小明一起創作錄音帶並傳播到各地而被捕。")
    assert ("李小明", "arrested", "") not in found
    # 與A、B等共10人一同被捕: they were arrested together
    found = facts("陳大文去年8月與李小明、張美玲等共10人一同被捕。")
    assert {("李小明", "arrested", ""), ("張美玲", "arrested", "")} <= found
