"""A verdict or term stated with no name in an article about one defendant, and a day of
a term that is no term (extract44, issue #16; eighteenth round, verdict and sentence
recall)."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from lionrock.library.extract._terms import sentence_hits
from lionrock.library.extract._text import sentences
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-07-05")


def test_a_passive_term_with_no_subject_is_the_one_defendants() -> None:
    found = facts(
        "社工劉家棟被控阻差辦公罪。\n\n"
        "不涉暴力、不涉蒙面、不涉拒捕，但被判即時監禁一年，為同類控罪刑期較重的案件。"
    )
    assert ("劉家棟", "sentence", "12") in found


def test_the_total_with_no_subject_is_the_one_defendants() -> None:
    found = facts(
        "被告吳偉豪承認管有物品意圖摧毀財產罪。\n\n第一項控罪的其中8個月分期執行，總刑期為監禁5年。"
    )
    assert ("吳偉豪", "sentence", "60") in found


def test_a_term_with_no_subject_is_no_ones_when_the_article_has_two_terms() -> None:
    found = facts("陳大文被控暴動罪。\n\n今日被判囚12個月。\n\n另案則被判囚8個月。")
    assert not any(kind == "sentence" for _, kind, _ in found)


def test_a_term_of_someone_the_sentence_introduces_is_not_the_defendants() -> None:
    found = facts("陳大文被控暴動罪。\n\n一名22歲運輸工人今日被判囚6星期。")
    assert not any(kind == "sentence" for _, kind, _ in found)


def test_a_day_of_a_term_is_no_term() -> None:
    (s,) = sentences("父母在他入獄第二日探望他，就知道他讓父母哭了。")
    assert list(sentence_hits(s, [])) == []


def test_a_term_of_a_count_is_not_the_one_defendants() -> None:
    found = facts(
        "20歲學生陳大文被控暴動罪。\n\n"
        "當中有14人早前被裁定罪名不成立，1人罪成被判囚4年，最後1宗今日裁決。"
    )
    assert not any(kind == "sentence" for _, kind, _ in found)


def test_an_acquittal_written_罪不成立_is_read() -> None:
    found = facts("湯偉雄及杜依蘭被控暴動罪。法官裁定湯偉雄暴動罪不成立。")
    assert ("湯偉雄", "verdict", "acquitted") in found


def test_a_counted_groups_acquittal_is_the_two_the_paragraph_named() -> None:
    found = facts(
        "其中二人就是人稱「赴湯杜火」的湯氏夫婦（湯偉雄、杜依蘭）。"
        "經歷近一年的司法程序，二人昨日（24日）被裁定暴動罪不成立。"
    )
    assert {("湯偉雄", "verdict", "acquitted"), ("杜依蘭", "verdict", "acquitted")} <= found


def test_a_counted_group_is_no_one_when_the_paragraph_names_a_judge_too() -> None:
    found = facts("陳大文被控暴動罪。裁判官林希維今日裁定兩人罪名不成立。")
    assert not any(kind == "verdict" for _, kind, _ in found)


def test_a_counted_group_is_no_one_when_its_names_are_no_listing() -> None:
    found = facts(
        "42歲的杜依蘭和39歲的湯偉雄選擇不作供，控方是曾把梁天琦等人成功入暴動罪的檢控官。"
        "在裁決當日，法庭宣布三人暴動罪不成立後，杜依蘭和少女立刻相擁而哭。"
    )
    assert ("梁天琦", "verdict", "acquitted") not in found


def test_an_acquittal_as_a_noun_is_no_verdict() -> None:
    found = facts("陳大文關注警員的證供，各警區均會審視案件脫罪的原因。")
    assert not any(kind == "verdict" for _, kind, _ in found)
