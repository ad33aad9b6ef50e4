"""A verdict a court gives of a pronoun or a counted group standing for the people the same
sentence charged (extract30, issue #16: dev draw 23 and the unlabelled pool); each on an
invented sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0", "黃子健": "lr-test-1"})


def verdicts(body: str) -> set[tuple[str, str]]:
    return {(p, v) for p, kind, v in triples(body, NAMES, "2021-03-01") if kind == "verdict"}


def test_him_after_a_court_subject_is_the_one_the_sentence_charged() -> None:
    body = "20歲學生陳大文被控於前年8月在銅鑼灣參與暴動，區域法院今早裁定他罪名不成立。"
    assert verdicts(body) == {("陳大文", "acquitted")}


def test_the_defendant_after_a_court_subject_is_the_one_the_sentence_charged() -> None:
    body = (
        "律師陳大文前年12月與一名休班警員糾纏，被控一項襲擊警務人員罪，"
        "裁判官今裁定被告襲警罪名成立。"
    )
    assert verdicts(body) == {("陳大文", "convicted")}


def test_a_count_after_a_court_subject_is_as_many_charged_people() -> None:
    body = "陳大文、黃子健在去年7月被控暴動罪，法院今日裁定二人罪名不成立。"
    assert verdicts(body) == {("陳大文", "acquitted"), ("黃子健", "acquitted")}


def test_a_count_that_differs_from_the_charged_people_is_no_one() -> None:
    body = "陳大文及其丈夫被控在公眾地方作出擾亂秩序的行為，今日裁定兩人罪名不成立。"
    assert verdicts(body) == set()


def test_a_name_the_charge_is_not_about_keeps_the_count_unread() -> None:
    # 陳大文的前議員助理: the charged are the aide and another, not the name written
    body = (
        "立法會陳大文的前議員助理和另一名家庭主婦，涉以福袋誘使選民投票予黃子健，"
        "早前被控串謀在選舉中向他人提供利益，經審訊後裁定兩人罪名成立。"
    )
    assert verdicts(body) == set()
