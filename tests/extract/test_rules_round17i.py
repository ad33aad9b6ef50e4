"""A term and its serving in a relative clause after the one jailed (…關押於監獄，因為…被判暴動
罪成坐牢六年的梁天琦), and a court's remand in the police's or the correctional services'
keeping (…則由警方看管): extract37, issue #16, dev draw 30 and the unlabelled pool. Excerpts
of one sentence each."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"梁天琦": "lr-test-0", "劉智鵬": "lr-test-1", "楊雪盈": "lr-test-2"})


def facts(body: str, *kinds: str) -> set[tuple[str, str, str]]:
    return {t for t in triples(body, NAMES, "2021-07-18") if t[1] in kinds}


def test_a_term_after_a_conviction_in_a_relative_clause_is_the_named_ones() -> None:
    body = (
        "劉智鵬承認，「光時」原創者乃是現在關押於監獄，"
        "因為2016年旺角騷亂而被判暴動罪成坐牢六年的梁天琦。"
    )
    assert facts(body, "verdict", "sentence", "custody") == {
        ("梁天琦", "verdict", "convicted"),
        ("梁天琦", "sentence", "72"),
        ("梁天琦", "custody", "serving_sentence"),
    }


def test_held_in_prison_for_a_conviction_is_serving() -> None:
    body = "梁天琦現在關押於監獄，因為旺角騷亂而被判暴動罪成。"
    assert ("梁天琦", "custody", "serving_sentence") in facts(body, "custody")


def test_jail_before_a_trial_is_no_term() -> None:
    # 未審先坐監: a remand, not a term (no conviction before it)
    body = "梁天琦被控欺詐罪，不准保釋，被送進收押所，變相未審先坐監四個多月。"
    assert facts(body, "sentence") == set()


def test_jail_for_a_cause_with_no_conviction_is_no_term() -> None:
    body = "梁天琦引述曼德拉最後因為爭取平權而坐牢27年。"
    assert facts(body, "sentence") == set()


def test_held_in_prison_with_no_conviction_said_is_not_serving() -> None:
    body = "這些法外拘留者正被起訴及關押在新建的監獄，梁天琦說。"
    assert facts(body, "custody") == set()


def test_the_police_keeping_a_defendant_in_hospital_is_a_remand() -> None:
    body = (
        "凌晨2時32分，總裁判官蘇惠德決定暫停審訊，明早11時半續審，"
        "被告暫時交由懲教看管，留醫的楊雪盈則由警方看管。"
    )
    assert facts(body, "custody") == {("楊雪盈", "custody", "remanded")}


def test_a_chance_of_the_keeping_is_no_remand() -> None:
    body = "劉智鵬表示，14至20歲的被告亦有機會交由懲教看管，楊雪盈說。"
    assert facts(body, "custody") == set()
