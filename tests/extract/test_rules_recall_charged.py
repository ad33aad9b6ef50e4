"""Recall of `charged` and `arrested` over the unlabelled court-keyword pool (issue #16,
eleventh round): each class of missed sentence counted over the pool, on an invented
sentence, beside what the rules must still refuse."""

from __future__ import annotations

# the same four invented people as the eighth round's tests
from tests.extract.test_rules_round8 import facts


def test_the_offence_before_the_charge() -> None:
    assert ("陳大文", "charged", "secession") in facts(
        "網民陳大文遭警方以「煽動他人分裂國家罪」起訴，今日提堂。"
    )
    found = facts("社工李小明反被警方以涉嫌「暴動」拘捕和起訴。")
    assert ("李小明", "charged", "riot") in found
    assert ("何家輝", "charged", "nsl_unspecified") in facts(
        "報社總編何家輝因國安法被落案起訴，至今仍被拘留。"
    )
    # a condition is still no charge, and a reason that names no offence is none
    assert not facts("陳大文無想過離開香港；即使被以國安法起訴，也不會離開。")
    assert not any(k == "charged" for _, k, _ in facts("李小明因參與初選被起訴。"))


def test_a_name_among_the_arrested() -> None:
    found = facts("在共20名被捕者中，42歲的陳大文和39歲的李小明年紀最大。")
    assert {("陳大文", "arrested", ""), ("李小明", "arrested", "")} <= found
    assert ("何家輝", "arrested", "") in facts("被捕人士當中，23歲的何家輝是唯一一名女子。")
    # a kind of person is still no one named (被捕人士 of a clause of its own)
    assert not facts("被捕者中有不少學生，陳大文表示痛心。")


def test_arresting_him_is_the_one_this_sentence_named() -> None:
    assert ("陳大文", "arrested", "") in facts(
        "陳大文是「香港故事」成員，警方本月以涉嫌勾結外國勢力罪名拘捕他，他其後獲准保釋。"
    )
    # not the speaker, inside or outside a quotation
    assert not facts("李小明說：「就好似那位作家，英國警方是獲邀入去拘捕他。」")
    assert not facts("李小明說，英國警方是獲邀入去拘捕他。")


def test_the_legislative_councils_contempt_is_an_offence() -> None:
    found = facts("陳大文及李小明另因潑水案同樣被控藐視罪，何家輝則被控阻礙立法會人員執行職務。")
    assert {(n, "charged", "other") for n in ("陳大文", "李小明", "何家輝")} <= found
    # contempt of the government is no offence besides the sedition
    assert ("陳大文", "charged", "other") not in facts("陳大文被控煽動及藐視政府。")


def test_the_name_excepted_is_not_charged() -> None:
    found = facts("8名被告人中，除了陳大文，均被控一項「藐視罪」。")
    assert ("陳大文", "charged", "other") not in found
    # an exception that states the charge in its own clause still does
    found = facts("除了陳大文被控暴動外，李小明亦被控藐視罪。")
    assert {("陳大文", "charged", "riot"), ("李小明", "charged", "other")} <= found


def test_a_lone_surname_and_then_is_no_name() -> None:
    found = facts("其中何被控藐視罪；李及陳則各被控阻礙立法會人員。")
    assert not any(person.endswith("各") for person, _, _ in found)
