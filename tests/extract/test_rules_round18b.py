"""Charges the older rules lost to the sentence's shape (extract43, issue #16, eighteenth
round): a count of the people a defendant acted on before the charge, ..."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from lionrock.library.extract._acted_on import subject_count
from lionrock.library.extract._text import zh
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-07-05")


def test_officers_counted_before_the_charge_are_not_its_subject() -> None:
    found = facts(
        "案發時23歲的唐英傑，被指於去年7.1駕駛插有「光復香港　時代革命」旗幟的電單車"
        "撞向三名警員，被控煽動他人分裂國家罪，及恐怖活動罪。"
    )
    assert {("唐英傑", "charged", "secession"), ("唐英傑", "charged", "terrorism")} <= found


def test_a_count_of_defendants_still_says_the_name_is_not_all_of_them() -> None:
    # 2人早前認罪 after a list of three: some of them, not which (the older rule stands)
    assert subject_count(zh("，2人早前")) is not None
    assert subject_count(zh("撞向三名警員，")) is None
    assert subject_count(zh("，三名警員")) is not None  # in the trigger's own clause
    found = facts("陳大文、黃之鋒及周庭到場，2人早前認罪。")
    assert not any(kind == "plea" for _, kind, _ in found)
