"""Classes of wrong suggestions found in the sixth round (issue #16), on fresh unlabelled
draws (seeds 2101, 2102) and the sixth dev draw, one Citizen News sentence each."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer({"黃之鋒": "lr-person-joshua-wong", "許智峯": "lr-person-ted-hui"})


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-07-06", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_a_distant_respectively_pairs_each_term_with_its_name() -> None:
    # 分別 before the offences, far from 判囚: each its own term, not 13.5 for all three
    found = facts(
        "近期的類似案件為前年6.21包圍警總案，前香港眾志秘書長黃之鋒、成員周庭及主席林朗彥，"
        "分別因煽惑、組織、參與未經批准集結罪，被判囚13.5個月、10個月及7個月。"
    )
    assert {f for f in found if f[1] == "sentence"} == {
        ("黃之鋒", "sentence", "13.5"),
        ("周庭", "sentence", "10"),
        ("林朗彥", "sentence", "7"),
    }


def test_a_guessed_name_before_a_street_is_the_street() -> None:
    assert not facts(
        "到凌晨1時27分，第1小隊收到指示撤離，便帶同行動期間拘捕的一名男子前往停泊在唐明街的車隊。"
    )


def test_a_count_of_people_is_not_the_woman_named_before() -> None:
    assert not facts(
        "林鄭月娥昨日見記者。她去年強推逃犯條例修訂草案，令香港陷入動盪，中央出手，人大以"
        "個半月時間通過港區國安法，7月1日生效至今，至少10人被捕，涉嫌違反國安法。"
    )
    # 其中一人: one of the 24, not the couple 赴湯杜火 of the paragraph before
    assert not facts(
        "「赴湯杜火」為23名被告送平安符。第二宗案件涉24名被告，其中一人去年5月已認罪，還柙至今9個月。"
    )


def test_not_yet_arrested_is_no_arrest() -> None:
    assert not facts(
        "另外，有傳媒報道警方打算拘捕許智峯，民主黨聲明表示，許智峯至今尚未收到警方預約被捕"
        "電話，同時未被拘捕。"
    )


def test_an_english_name_right_after_chinese_keeps_its_first_word() -> None:
    assert ("Samuel Phillip Bickett", "sentence", "4.5") in facts(
        "美籍律師Samuel Phillip Bickett襲警罪成囚四個半月。"
    )


def test_an_article_about_the_mainland_that_names_nothing_of_hong_kong_proposes_nothing() -> None:
    article = (
        "被控顛覆國家政權罪的新公民運動發起人丁家喜，被捕至今被拘留超過一年。\n\n"
        "丁家喜又指，自己被監視居住半年間沒有見過陽光，24小時被用日光燈照射。\n\n"
        "他在煙台被監視居住期間都遭酷刑逼供。"
    )
    assert not facts(article)
    # the same arrest in a Hong Kong report is proposed
    assert ("丁家喜", "arrested", "") in facts(article + "\n\n香港的聲援者昨日到中聯辦請願。")


def test_a_hong_kong_report_that_speaks_of_the_mainland_is_still_read() -> None:
    # no 香港 nor a court named, but 港人 and 港版國安法: Hong Kong's own news
    assert ("曾志健", "charged", "riot") in facts(
        "民陣要求釋放12名正被內地扣押的港人。\n\n"
        "主題包括關注十二港人被扣押內地、反對《港版國安法》。\n\n"
        "曾志健亦因同日案件，與一名26歲理大博士生被控暴動及襲警罪。"
    )


def test_the_speaker_is_not_the_one_arrested_nor_is_a_judges_short_title_a_name() -> None:
    assert facts(
        "盧惠嫻坦言港台節目《鏗鏘集》編導蔡玉玲做調查報道，因為車牌查冊而被捕，會令記者以至"
        "傳媒機構猶疑未來應否繼續查冊。"
    ) == {("蔡玉玲", "arrested", "")}
    # 李官續指: 李官 (Judge Lee) continued; not a person 李官續 acquitted
    assert not {
        f
        for f in facts(
            "就第三被告張俊浩面對的「在公眾地方管有攻擊性武器」罪，李官指出，鐳射筆並非細小物件。"
            "李官續指，證人沒有合理解釋為何鐳射筆會在一個多小時後突然出現。李官強調，控方有責任"
            "證明檢取證物的連貫性，由於證物鏈有不能解釋的關鍵缺陷，故裁定第三被告罪名不成立。"
        )
        if f[0].startswith("李官")
    }
