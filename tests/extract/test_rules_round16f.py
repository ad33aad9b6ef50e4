"""Classes that extract26 (issue #16) took from the leftovers of extract22 and extract25,
each on an invented sentence: a name jieba cuts into a word and a character, read after an
occupation or an age (消防員方志|雄, 電腦技術員楊家|倫, 社工劉家|棟)."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

RECORD = Gazetteer({"陳大文": "lr-test-0", "李小明": "lr-test-1", "黃志強": "lr-test-2"})


def facts(body: str, names: Gazetteer | None = None) -> set[tuple[str, str, str]]:
    return triples(body, names or RECORD, "2021-02-05")


def test_a_cut_name_after_an_occupation_is_read() -> None:
    body = "同案另一被告、消防員方志明早前承認藏有汽油彈等3項控罪，今年3月被判監禁30個月。"
    found = facts(body)
    assert ("方志明", "plea", "guilty") in found
    assert ("方志明", "sentence", "30") in found


def test_a_cut_name_after_an_age_and_a_trade_is_read() -> None:
    body = "刑期最重的是案發時31歲的電腦技術員楊家倫，被裁定暴動罪成，被判囚4年9個月。"
    assert ("楊家倫", "sentence", "57") in facts(body)


def test_a_cut_name_with_no_occupation_before_it_stays_unread() -> None:
    # written once, with nothing saying it is a person: 方志 stays a word
    body = "方志明早前承認藏有汽油彈等3項控罪。"
    assert not {p for p, k, _ in facts(body) if k == "plea"}


def test_the_word_written_alone_elsewhere_is_no_name() -> None:
    # the article writes 方志 without 明 too: the three characters are not sure to be a name
    body = "他翻查地方志。消防員方志明早前承認藏有汽油彈等3項控罪。"
    assert "方志明" not in {p for p, _, _ in facts(body)}


def test_a_cut_name_that_opens_two_sentences_is_read() -> None:
    body = (
        "劉家棟今年24歲，在屋邨長大。劉家棟上月23日獲保釋，步出法院時落淚。劉家棟坦言沒想過入獄。"
    )
    assert ("劉家棟", "bail_granted", "") in facts(body)


def test_a_cut_name_that_opens_one_sentence_stays_unread() -> None:
    body = "劉家棟今年24歲，在屋邨長大。上月23日劉家棟獲保釋。後來他說劉家棟這名字很普通。"
    assert not {p for p, k, _ in facts(body) if k == "bail_granted"}


def test_all_defendants_convicted_then_named_in_the_same_sentence() -> None:
    body = "聆訊完畢，全部被告罪成，陳大文、李小明須即時監禁，黃志強被判緩刑，能步出法庭。"
    convicted = {p for p, k, v in facts(body) if k == "verdict" and v == "convicted"}
    assert convicted == {"陳大文", "李小明", "黃志強"}


def test_a_name_before_all_defendants_leaves_the_sentence_to_the_other_rules() -> None:
    # the names after are not said to be the defendants when one comes before
    body = "陳大文表示，全部被告罪成，李小明、黃志強等人都感到失望。"
    convicted = {p for p, k, v in facts(body) if k == "verdict" and v == "convicted"}
    assert not convicted & {"李小明", "黃志強"}


def test_a_refusal_in_a_relative_clause_reaches_its_including_list() -> None:
    body = "20名保釋被拒的被告中，有3人放棄上訴的權利，包括：陳大文、李小明、黃志強。"
    refused = {p for p, k, _ in facts(body) if k == "bail_denied"}
    assert refused == {"陳大文", "李小明", "黃志強"}


def test_a_refusal_with_no_group_it_defines_does_not_reach_a_list() -> None:
    # 保釋被拒 is the subject's own here: the list after is of something else
    body = "陳大文保釋被拒後表示會上訴，支持者包括：李小明、黃志強。"
    refused = {p for p, k, _ in facts(body) if k == "bail_denied"}
    assert not refused & {"李小明", "黃志強"}


def test_a_lone_surname_after_a_month_is_the_one_named_before() -> None:
    body = "陳大文原獲保釋，其後再遭還柙。上個月陳因兩宗集結案被判監14個月。"
    assert ("陳大文", "sentence", "14") in facts(body)


def test_once_after_a_month_is_no_surname() -> None:
    body = "曾健成出席集會。李小明去年12月曾在旺角被捕。"
    assert {p for p, k, _ in facts(body) if k == "arrested"} == {"李小明"}
