"""Custody told as a stay in the remand centre, 收押所 (extract42, issue #16): the class of
dev hkcnews-32241 and hkcnews-38772, counted over the unlabelled court-keyword pool; each
on a sentence from the archive."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"黎智英": "lr-test-0", "張震遠": "lr-test-1"})


def custody(body: str) -> set[tuple[str, str]]:
    found = triples(body, NAMES, "2020-12-12")
    return {(person, value) for person, kind, value in found if kind == "custody"}


def test_sent_to_or_taken_from_the_remand_centre_is_a_remand() -> None:
    assert custody("黎智英被控欺詐罪，不准保釋，被送進茘枝角收押所，變相未審先坐監四個多月。") == {
        ("黎智英", "remanded")
    }
    assert custody("頭號梁粉、行政會議前成員張震遠今早由收押所步上囚車到法院聽判刑。") == {
        ("張震遠", "remanded")
    }


def test_a_term_in_the_stays_own_part_of_the_sentence_makes_it_a_term() -> None:
    body = "他在獄中認識了一名手足，同一日向高院申請保釋上訴，最終失敗，重返荔枝角收押所。"
    assert ("陳大文", "serving_sentence") in custody("陳大文被判囚一年。" + body)
    # another person's term before a semicolon is not this stay's
    week = "林朗彥、周庭三人分別被重判入獄7個月；壹傳媒老闆黎智英被控欺詐，被送進收押所。"
    assert ("黎智英", "remanded") in custody(week)
    assert ("黎智英", "serving_sentence") not in custody(week)


def test_a_visit_or_a_place_near_the_centre_is_no_custody() -> None:
    assert not custody("黎智英今日到荔枝角收押所探望被還柙的朋友。")
    assert not custody("黎智英在荔枝角收押所附近的士多買物資。")


def test_a_stay_to_come_is_no_fact_yet() -> None:
    assert not custody("娥姐說，黎智英將在荔枝角收押所完成入獄前的隔離檢疫。")
