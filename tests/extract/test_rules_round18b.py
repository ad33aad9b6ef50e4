"""Charges the older rules lost to the sentence's shape (extract43, issue #16, eighteenth
round): a count of the people a defendant acted on before the charge, 刑事恐嚇 and 改控, the
names after 控罪指, and the members named after a counted group's charge."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from lionrock.library.extract._acted_on import subject_count
from lionrock.library.extract._charged_among import charged_among
from lionrock.library.extract._persons import NameHit
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


def test_criminal_intimidation_is_an_offence() -> None:
    found = facts("壹傳媒創辦人黎智英被控在2017年六四當日，於維園刑事恐嚇東方報業集團男記者X。")
    assert ("黎智英", "charged", "other") in found


def test_an_amended_charge_is_a_charge() -> None:
    # hkcnews-36515's 許麗明原被控於去年9月 29日襲警，上周開審時遭改控阻差辦公罪, shortened
    found = facts("社工總工會總幹事許麗明上周開審時遭改控阻差辦公罪。")
    assert ("許麗明", "charged", "other") in found


def test_the_names_after_what_the_charge_says_are_charged() -> None:
    found = facts(
        "控罪指，黎雯齡及楊逸意於去年8月31日，在上述地點連同其他身份不詳的人非法集結在一起。"
    )
    assert ("黎雯齡", "charged", "unlawful_assembly") in found
    assert ("楊逸意", "charged", "unlawful_assembly") in found
    found = facts("控罪指，鍾雪瑩（29歲，報稱無業）於2016年11月2日，在立法會參與非法集結。")
    assert ("鍾雪瑩", "charged", "unlawful_assembly") in found


def test_what_the_charge_says_of_no_name_is_no_ones() -> None:
    found = facts("陳大文到庭。控罪指各被告於去年8月31日參與非法集結。")
    assert not any(kind == "charged" for _, kind, _ in found)


def test_what_the_charge_says_of_a_listed_group_is_left_to_the_listing() -> None:
    found = facts(
        "9名被告依次為無業的廖子文（18歲）、技術員鄭子豪（19歲）、學生張俊富（24歲）、"
        "運輸工人張銘裕（21歲）、學生嚴文謙（22歲）、無業的黃臨福（17歲）、無業的黃偉然"
        "（30歲）、測量員李子賢（31歲）、學生郭子麟（19歲）。"
        "控罪指各被告於2019年12月至2020年8月23日期間，在香港連同其他人，意圖妨礙司法公正。"
    )
    assert not any(kind == "charged" for _, kind, _ in found)


def test_members_named_after_a_counted_groups_charge_are_charged() -> None:
    found = facts(
        "去年7.28 上環衝突中，一共44人被控暴動罪，其中二人就是人稱「赴湯杜火」的湯氏夫婦"
        "（湯偉雄、杜依蘭）。"
    )
    assert {("湯偉雄", "charged", "riot"), ("杜依蘭", "charged", "riot")} <= found


def test_a_cue_clauses_after_the_counted_charge_is_left_to_the_older_rules() -> None:
    f = zh("16人被控暴動罪，分拆3案處理，其中陳大文早前被裁定無罪。")
    named = [NameHit("陳大文", f.index(zh("陳大文")), f.index(zh("陳大文")) + 3, None, False)]
    at = f.index(zh("被控"))
    assert charged_among(f, at, at + 2, named) is None
    f = zh("16人被控暴動罪，其中陳大文早前被裁定無罪。")
    named = [NameHit("陳大文", f.index(zh("陳大文")), f.index(zh("陳大文")) + 3, None, False)]
    assert charged_among(f, at, at + 2, named) == named
