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


def test_held_with_its_reason_in_the_sentence_is_custody() -> None:
    held = "郭家麒卻因堅持捍衛民主自由，站出來即被拘押，未定罪都要坐牢幾個月，不得保釋。"
    assert custody(held) == {("郭家麒", "remanded")}
    note = "【編按: 何桂藍為初選47人案中被告之一，被拒保釋，在獄中寫下千言手記。"
    assert custody(note) == {("何桂藍", "remanded")}
    term = "因佔中而入獄的陳健民教授曾寫過，在獄中「時間過得很快，日子過得很慢」。"
    assert custody(term) == {("陳健民", "serving_sentence")}


def test_held_with_no_reason_or_both_or_by_the_police_is_no_custody() -> None:
    assert not custody("梁國雄的長髮在獄中被剪短，他事後提出司法覆核。")
    both = "這51人（其中兩個參加初選者黃之鋒和譚得志，正在獄中服刑及被拘押）都被捕。"
    assert not {c for c in custody(both) if c[0] in ("黃之鋒", "譚得志")}
    assert not custody("黎智英被警方拘押四十八小時，未獲保釋。")
