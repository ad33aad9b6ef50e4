"""Facts the lede states of a described defendant whom the article names only later
(`_forward.py`, extract46, issue #16): short excerpts of dev articles and the cases the rule
must leave alone."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"吳偉豪": "lr-test-0", "陳俊輝": "lr-test-1", "李志明": "lr-test-2"})


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-05-21")


#: The later paragraph that names the defendant (hkcnews-43562).
NAMED = "\n\n被告吳偉豪自前年被捕還押至今逾一年半，今早身穿全黑西裝到庭。"


def test_a_pronoun_after_the_ledes_description_is_the_defendant_named_later() -> None:
    # 40歲倉務員…，他早前在區域法院承認…兩罪，今日（21日）被判囚5年 (hkcnews-43562)
    lede = (
        "40歲倉務員前年11月初遭警方在背囊搜出4支汽油彈，他早前在區域法院承認"
        "在公眾地方管有攻擊性武器罪，今日被判囚5年。"
    )
    found = facts(lede + NAMED)
    assert ("吳偉豪", "plea", "guilty") in found
    assert ("吳偉豪", "sentence", "60") in found


def test_the_described_subject_of_the_ledes_later_clauses() -> None:
    # 一名22歲運輸工人…，被控…罪，早前經審訊後被裁定罪名成立 (hkcnews-43852)
    lede = (
        "一名22歲運輸工人於去年7月1日在銅鑼灣藏有鐵筆，被控管有物品意圖損壞財產罪，"
        "早前經審訊後被裁定罪名成立。"
    )
    named = "\n\n被告陳俊輝（運輸工人、22歲）被控管有物品意圖損壞財產罪。"
    found = facts(lede + named)
    assert ("陳俊輝", "verdict", "convicted") in found


def test_not_when_the_named_defendant_is_another_age() -> None:
    # 14歲少年…被告上月承認暴動罪 opens hkcnews-40090, whose named defendant is another
    lede = "14歲少年前年在元朗參與示威，被告上月承認暴動罪。"
    named = "\n\n被告陳俊輝（19歲）被控暴動罪，今日提堂。"
    assert ("陳俊輝", "plea", "guilty") not in facts(lede + named)


def test_not_when_the_defendant_named_later_is_not_tied_to_the_lede() -> None:
    # no age beside the name and no 被告 before it: the lede may be someone else's case
    lede = "14歲少年前年在元朗參與示威，他上月承認暴動罪。"
    named = "\n\n另一宗案件中，機械技工陳俊輝被控暴動罪，今日提堂。"
    assert ("陳俊輝", "plea", "guilty") not in facts(lede + named)


def test_not_when_another_subject_comes_between() -> None:
    # …被告早前承認…，控方其後…: the prosecution's clause is not the defendant's
    lede = "18歲兼職音樂導師涉於今年1月擲汽油彈，被告早前承認企圖縱火罪，警方其後再拘捕3人。"
    found = facts(lede + "\n\n現年18歲的被告陳俊輝，患有過度活躍症。他被控企圖縱火罪。")
    assert ("陳俊輝", "plea", "guilty") in found
    assert ("陳俊輝", "arrested", "") not in found


def test_not_a_lede_that_names_someone() -> None:
    # a pronoun after a name is `_focus.py`'s, never a forward reference
    lede = "40歲倉務員李志明前年被捕，他早前承認管有攻擊性武器罪。"
    assert ("吳偉豪", "plea", "guilty") not in facts(lede + NAMED)


def test_not_two_terms_in_the_lede() -> None:
    # 他…判囚12個月，…判監8個月: parts of a total, not the defendant's term
    lede = "40歲倉務員前年被捕，他早前被判囚12個月，其後再被判監8個月。"
    found = facts(lede + NAMED)
    assert ("吳偉豪", "sentence", "12") not in found
    assert ("吳偉豪", "sentence", "8") not in found


def test_a_pronoun_after_the_name_when_the_article_counts_a_case_elsewhere() -> None:
    # 李嘉達，是初選47人案的被告之一。他因參與初選今年1月被捕，2月底被落案涉嫌顛覆國家政權
    # (hkcnews-42576): the count makes 被告 anyone's, not 他 right after the one name
    body = (
        "下月30歲生日的李志明，是初選47人案的被告之一。他因參與初選今年1月被捕，"
        "2月底被落案涉嫌顛覆國家政權。\n\n李志明還柙前寫了一份詞。"
    )
    assert ("李志明", "charged", "subversion") in facts(body)


def test_but_not_a_bare_defendant_when_the_article_counts_several() -> None:
    body = (
        "下月30歲生日的李志明，是初選47人案的被告之一，他今年1月被捕。\n\n"
        "李志明還柙前寫了一份詞。\n\n被告早前被控串謀顛覆國家政權罪。"
    )
    assert ("李志明", "charged", "subversion") not in facts(body)


def test_not_a_pronoun_after_an_officers_description() -> None:
    # 一名防暴警員…左臂被另一名男子用利器刺傷 opens hkcnews-31606: the officer is no lede
    lede = "一名防暴警員當日在天后嘗試制服一人，他其後承認普通襲擊罪。"
    assert ("吳偉豪", "plea", "guilty") not in facts(lede + NAMED)
