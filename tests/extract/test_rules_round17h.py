"""Facts stated of 被告, 他 or 她 paragraphs after the article's one defendant was named
(`_focus.py`, extract36, issue #16): short excerpts of dev draw 29 and the unlabelled pool,
and the cases the rule must leave alone."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"黃偉然": "lr-test-0"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2020-09-15")


CHARGED = "其中一人為機械技工黃偉然，他早前被控一項製造爆炸品罪，今日在粉嶺裁判法院再提堂。"


def test_a_court_refusing_the_defendant_bail_paragraphs_on() -> None:
    body = CHARGED + "\n\n裁判官聽畢陳詞後，拒絕被告保釋，被告須還柙候審。"
    found = facts(body)
    assert ("黃偉然", "charged", "other") in found
    assert ("黃偉然", "bail_denied", "") in found
    assert ("黃偉然", "custody", "remanded") in found


def test_the_elided_subject_of_a_second_clause_is_the_first_ones() -> None:
    # Bickett's 被告申請保釋被拒，還柙至下月6日判刑 (dev draw 23), with the name a paragraph up
    body = CHARGED + "\n\n被告申請保釋被拒，還柙至下月6日判刑，期間為被告索取背景報告。"
    found = facts(body)
    assert ("黃偉然", "bail_denied", "") in found
    assert ("黃偉然", "custody", "remanded") in found


def test_a_court_refusing_bail_with_no_object_refuses_its_defendant() -> None:
    # 法官杜麗冰最後仍拒絕批出保釋 (dev draw 22)
    body = CHARGED + "\n\n法官最後仍拒絕批出保釋，案件押後至下月再訊。"
    assert ("黃偉然", "bail_denied", "") in facts(body)


def test_a_pronoun_right_after_the_defendants_own_mention() -> None:
    # 警方…之後在國泰航班上拘捕他 (hkcnews-31606, a paragraph after the name)
    body = CHARGED + "\n\n警方在機場曾以廣播尋找被告但不獲回應，之後在國泰航班上拘捕他。"
    assert ("黃偉然", "arrested", "") in facts(body)


def test_not_when_the_article_counts_its_defendants() -> None:
    body = CHARGED + "\n\n兩名被告今日提堂。\n\n裁判官拒絕被告保釋，被告須還柙候審。"
    found = facts(body)
    assert ("黃偉然", "bail_denied", "") not in found
    assert ("黃偉然", "custody", "remanded") not in found


def test_not_when_another_person_is_accused_too() -> None:
    body = CHARGED + "\n\n另一案中，陳大文被控暴動罪。\n\n裁判官拒絕被告保釋，被告須還柙候審。"
    found = facts(body)
    assert ("黃偉然", "bail_denied", "") not in found
    assert ("陳大文", "bail_denied", "") not in found


def test_not_a_fact_stated_before_the_defendant_is_named() -> None:
    # 14歲少年…被告上月承認暴動罪 opens hkcnews-40090, whose named defendant comes later
    body = "14歲少年前年在元朗參與示威。被告上月承認暴動罪。\n\n" + CHARGED
    assert ("黃偉然", "plea", "guilty") not in facts(body)


def test_not_a_pronoun_after_someone_else_is_named() -> None:
    body = CHARGED + "\n\n其友人李志明到庭旁聽。他早前亦曾被捕。"
    assert ("黃偉然", "arrested", "") not in facts(body)


def test_not_what_a_speaker_says() -> None:
    body = CHARGED + "\n\n他指早前被捕時曾遭警員掌摑。"
    assert ("黃偉然", "arrested", "") not in facts(body)


def test_not_a_defendant_introduced_in_the_same_sentence() -> None:
    # 本案被告為47歲《大公報》記者黃偉強，他被控… (the finder misses 黃偉強)
    body = CHARGED + "\n\n另案被告為47歲記者黃偉強，他被控作出虛假陳述。"
    assert ("黃偉然", "charged", "other") in facts(body)
    found = facts(
        CHARGED.replace("被控一項製造爆炸品罪", "被捕")
        + "\n\n另案被告為47歲記者黃偉強，他被控作出虛假陳述。"
    )
    assert ("黃偉然", "charged", "other") not in found


def test_friends_or_colleagues_before_the_trigger_are_its_subject() -> None:
    # 看到昔日立法會的舊同事陸續被還柙 (draw 29's one wrong suggestion), 經歷身邊朋友被捕
    found = facts("黃偉然去年出獄，但看到昔日的舊同事陸續被還柙，記憶漸漸浮現。")
    assert found == {("黃偉然", "released", "")}
    assert not facts("這年間，黃偉然已經不知多少次經歷身邊朋友被捕。")


def test_but_a_name_arrested_with_colleagues_is_arrested() -> None:
    assert ("黃偉然", "arrested", "") in facts("黃偉然與同事昨日被捕。")
