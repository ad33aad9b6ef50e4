"""The rules on the hard cases of issue #16 §2, one sentence each, as newsrooms write them
(the Chinese sentences are from Citizen News reports in the shared archive)."""

from __future__ import annotations

import pytest

from lionrock.library.extract import Gazetteer, extract_text, parse_term, resolve_date
from lionrock.library.extract._text import MAX_QUOTE

NAMES = Gazetteer({"黃之鋒": "lr-person-joshua-wong", "Jimmy Lai": "lr-person-jimmy-lai"})


def facts(body: str, published: str | None = "2021-05-06") -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published=published, names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("三年九個月", 45.0),
        ("判囚 13.5 個月", 13.5),
        ("囚半年", 6.0),
        ("監禁年半", 18.0),
        ("一年零三個月", 15.0),
        ("二十一個月", 21.0),
        ("jailed for three years and nine months", 45.0),
        ("sentenced to 10 months", 10.0),
    ],
)
def test_terms_in_months(text: str, months: float) -> None:
    assert parse_term(text) == months


def test_today_and_yesterday_resolve_against_the_article_date() -> None:
    from datetime import date

    day = date(2021, 1, 7)
    assert resolve_date("今日提堂", day) == "2021-01-07"
    assert resolve_date("昨晚被捕", day) == "2021-01-06"
    assert resolve_date("周三(31日)提堂", day) == "2020-12-31"
    assert resolve_date("12月3日被捕", day) == "2020-12-03"
    assert resolve_date("2021年1月6日", None) == "2021-01-06"


def test_several_defendants_in_one_sentence_each_get_the_fact() -> None:
    body = (
        "壹傳媒行政總裁張劍虹及《蘋果日報》總編輯羅偉光，被控串謀勾結外國或者境外勢力"
        "危害國家安全罪，今早提堂。"
    )
    assert facts(body) == {("張劍虹", "charged", "collusion"), ("羅偉光", "charged", "collusion")}


def test_a_sentence_for_several_charges_gives_one_charge_each_and_the_total_term() -> None:
    body = (
        "他事後被控侮辱國旗罪及非法集結兩項罪名均罪成，裁判官黃雅茵今日在西九龍裁判法院"
        "判處鍾翰林監禁共 4 個月。"
    )
    found = facts(body)
    assert ("鍾翰林", "sentence", "4") in found
    assert ("鍾翰林", "charged", "flag_desecration") in found
    assert ("鍾翰林", "charged", "unlawful_assembly") in found
    assert not any(person == "黃雅茵" for person, _, _ in found)  # the magistrate


def test_concurrent_terms_give_the_total_not_the_parts() -> None:
    body = "裁判官判處鍾翰林兩項罪名各監禁三個月，其中2個月同期執行，總刑期為4個月。"
    terms = {v for p, k, v in facts(body) if k == "sentence"}
    assert terms == {"4"}


def test_a_starting_point_is_not_the_sentence() -> None:
    body = "黃之鋒有多次同類案底，故以監禁15個月為量刑起點，認罪扣減三分一，即囚10個月。"
    assert {v for _, k, v in facts(body) if k == "sentence"} == {"10"}


def test_respectively_pairs_names_and_terms_and_a_range_pairs_none() -> None:
    body = "岑敖暉、袁嘉蔚及梁凱晴三人早前認罪，今日分別被判囚6個月、4個月及4個月。"
    found = facts(body)
    assert {(p, v) for p, k, v in found if k == "sentence"} == {
        ("岑敖暉", "6"),
        ("袁嘉蔚", "4"),
        ("梁凱晴", "4"),
    }
    assert ("梁凱晴", "plea", "guilty") in found
    ranged = "黃之鋒、岑敖暉、袁嘉蔚及梁凱晴四人承認參與集結，今早分別被囚4至10個月。"
    assert not {k for _, k, _ in facts(ranged)} & {"sentence"}


def test_remand_is_custody_not_a_sentence() -> None:
    found = facts("法庭宣布即時還柙的決定後，張劍虹與羅偉光被帶走。張劍虹須還柙至8月。")
    assert ("張劍虹", "custody", "remanded") in found
    assert not any(k == "sentence" for _, k, _ in found)


def test_reported_speech_and_conditions_are_not_facts() -> None:
    assert not facts("控方要求將案件押後，期間反對黎智英保釋。")
    assert not facts("保安局強調，參與未經批准集結最高可判處監禁五年。")
    assert not facts("律師告訴她，如果罪成，黃之鋒最壞要入獄六年。")
    assert not facts("林進表示，早已有被捕的心理準備。")


def test_bail_refused_names_the_person_inside_the_phrase() -> None:
    body = "法官張慧玲聽取雙方陳詞後，拒絕周庭保釋，周庭須繼續還柙。"
    found = facts(body)
    assert ("周庭", "bail_denied", "") in found
    assert not any(p == "張慧玲" for p, _, _ in found)


def test_appeals_verdicts_and_pleas() -> None:
    found = facts("黎智英否認控罪，經審訊後被裁定罪名成立。")
    assert ("黎智英", "plea", "not_guilty") in found
    assert ("黎智英", "verdict", "convicted") in found
    acquitted = facts("上訴庭裁定黃之鋒上訴得直，暴動罪名不成立。")
    assert ("黃之鋒", "verdict", "acquitted") in acquitted
    assert ("黃之鋒", "verdict", "convicted") not in acquitted


def test_a_lone_surname_stands_for_the_one_person_named_before() -> None:
    body = (
        "醫管局員工陣線主席余慧明今年1月6日被捕。\n"
        "然而，就在2月28日報到後，余被控以「串謀顛覆國家政權」還柙至今。"
    )
    found = facts(body)
    assert ("余慧明", "charged", "subversion") in found
    assert ("余慧明", "custody", "remanded") in found


def test_english_reporting() -> None:
    body = (
        "Apple Daily founder Jimmy Lai was sentenced to 14 months in prison on Friday. "
        "Former lawmaker Claudia Mo was remanded in custody after being charged with "
        "conspiracy to commit subversion."
    )
    found = facts(body)
    assert ("Jimmy Lai", "sentence", "14") in found
    assert ("Claudia Mo", "custody", "remanded") in found
    assert ("Claudia Mo", "charged", "subversion") in found


def test_matched_people_carry_their_record_id_and_quotes_are_short_excerpts() -> None:
    body = "前香港眾志秘書長黃之鋒今日被判囚10個月。" + "甲" * 500 + "。"
    found = extract_text(article_id="a", body=body, published="2021-05-06", names=NAMES)
    wong = next(p for p in found if p.person == "黃之鋒")
    assert wong.person_id == "lr-person-joshua-wong"
    assert wong.date == "2021-05-06"
    assert wong.quote in body and len(wong.quote) <= MAX_QUOTE
    long = extract_text(
        article_id="a", body="乙" * 400 + "黃之鋒被判囚10個月。", published=None, names=NAMES
    )
    assert all(
        len(p.quote) <= MAX_QUOTE and p.quote in "乙" * 400 + "黃之鋒被判囚10個月。" for p in long
    )
