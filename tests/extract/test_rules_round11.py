"""Classes of missed and wrong suggestions found in the eleventh round (issue #16, `extract10`):
released, custody and plea sentences the rules missed over the unlabelled court-keyword pool,
and the wrong suggestions of two fresh draws; each on an invented sentence."""

from __future__ import annotations

# the invented people of the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_a_case_named_by_its_count_of_defendants_is_no_count_of_people() -> None:
    # 47人案 names the case; 2人早前認罪 still counts people
    assert ("陳大文", "custody", "remanded") in facts("陳大文因初選47人案仍被還柙。")
    assert ("陳大文", "custody", "remanded") in facts("陳大文因捲入47人案，2月起已被還柙。")
    assert not any(
        kind == "plea" for _, kind, _ in facts("陳大文及李小明等9人被控暴動，3人早前認罪。")
    )


def test_another_case_of_the_same_people_is_not_other_people() -> None:
    found = facts("大部分被告獲准保釋，陳大文、李小明因其他案件遭繼續還柙。")
    assert {("陳大文", "custody", "remanded"), ("李小明", "custody", "remanded")} <= found
    # 其他三名被告 is still others
    assert not any(
        p == "陳大文" for p, k, _ in facts("陳大文出庭，其他三名被告還柙。") if k == "custody"
    )


def test_wounding_with_intent_is_an_offence_not_an_intention() -> None:
    found = facts("陳大文被裁定有意圖而傷人罪等兩項罪名成立，即時還柙，下月判刑。")
    assert ("陳大文", "verdict", "convicted") in found
    assert ("陳大文", "custody", "remanded") in found
    # an intention still refuses: 有意 without 圖
    assert not any(k == "plea" for _, k, _ in facts("陳大文有意承認控罪。"))


def test_a_plea_that_states_the_act_before_the_offence() -> None:
    assert ("陳大文", "plea", "guilty") in facts(
        "陳大文早前承認於去年6月21日在金鐘夏愨道煽惑他人參與未經批准集結。"
    )
    assert ("李小明", "plea", "guilty") in facts("李小明承認前年7月21日，於元朗站內參與暴動。")
    assert ("陳大文", "plea", "not_guilty") in facts(
        "陳大文等7人早前否認組織及參與未經批准集結，案件今日續審。"
    )
    # a denial in the witness box names no date, place or act before the offence
    assert not any(k == "plea" for _, k, _ in facts("陳大文在盤問時否認當日有參與暴動。"))
    # nor is an admission with no offence after it a plea
    assert not any(k == "plea" for _, k, _ in facts("陳大文承認於當日曾與李小明見面。"))


def test_released_with_an_acquittal_or_from_a_prison() -> None:
    found = facts("陳大文其後獲無罪釋放。")
    assert ("陳大文", "released", "") in found
    assert ("陳大文", "verdict", "acquitted") in found
    assert ("李小明", "released", "") in facts(
        "李小明在4月12日早上已服畢7個月刑期，從喜靈洲懲教所釋放。"
    )
    # 無罪釋放 with no 獲 is a release too, as draw 37 labels it (hkcnews-43366; release21)
    assert ("陳大文", "released", "") in facts("除了陳大文無罪釋放，其餘被告罪成。")


def test_a_name_jieba_cuts_short_after_the_defendant_is_the_full_name() -> None:
    # 王志|榮獲: the article writes 王志榮 after 被告, and never 王志 alone
    body = "第一被告王志榮已獲無罪釋放。\n\n王志榮獲無罪釋放後，未有回應提問。"
    found = facts(body)
    assert ("王志榮", "released", "") in found
    assert not any(person == "王志" for person, _, _ in found)


def test_leave_to_appeal_on_bail_and_a_refusal_to_let_bail_go_on_are_no_grant() -> None:
    found = facts(
        "終審法院批出律政司就陳大文的保釋上訴許可，即是在上訴有結果前，不讓陳大文繼續保釋。"
    )
    assert not any(kind == "bail_granted" for _, kind, _ in found)
    assert ("陳大文", "bail_granted", "") in facts("法庭批出陳大文的保釋申請。")


def test_what_an_offence_can_be_punished_with_is_no_sentence() -> None:
    found = facts("陳大文被控抗拒警務人員，該罪可被處第2級罰款及監禁6個月。")
    assert not any(kind == "sentence" for _, kind, _ in found)


def test_a_trigger_in_a_clause_about_a_kind_of_person_is_nobody_named() -> None:
    found = facts("陳大文開始為因社運罪成囚於壁屋監獄的DSE考生準備筆記。")
    assert not any(kind == "verdict" for _, kind, _ in found)
    # the kind of person followed by a name is that name
    assert ("李小明", "arrested", "") in facts("早前被捕的學生李小明今日提堂。")
