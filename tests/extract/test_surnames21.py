"""Lone surnames resolved by the paragraph that named their people, and a plea that names
the offence right after 承認/否認 (`_surname_subject.py`, surnames21, issue #16): short
excerpts of dev articles and the cases the rules must leave alone."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer, sentences
from lionrock.library.extract._persons import NameHit
from lionrock.library.extract._subjects import Context
from lionrock.library.extract._surname_subject import paragraph_surnames
from tests.extract._facts import triples

NAMES = Gazetteer(
    {
        "譚百熙": "lr-test-0",
        "陳舜堯": "lr-test-1",
        "王國斌": "lr-test-2",
        "陳紹鈞": "lr-test-3",
        "羅浩彥": "lr-test-4",
        "連潤發": "lr-test-5",
        "楊子軒": "lr-test-6",
        "孫君和": "lr-test-7",
        "黎智英": "lr-test-8",
        "姚鈞豪": "lr-test-9",
        "連桷璋": "lr-test-10",
        "蔡健瑜": "lr-test-11",
        "文念志": "lr-test-12",
        "蘇揚浚": "lr-test-13",
        "蘇文隆": "lr-test-14",
    }
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-02-06")


#: Another 陳 named earlier in the article (hkcnews-38160).
OTHER_CHEN = "案中被告陳紹鈞被控參與暴動，經審訊後罪名不成立。\n\n"
#: The paragraph that lists the three defendants, and its clauses by surname.
LISTED = (
    "三名被告譚百熙、陳舜堯及王國斌，於2019年被捕。其中譚在答辯時承認暴動罪，最終 判囚3年 ；"
    "王在開審時承認兩項刑事損壞罪，被 判囚3年 ；陳被控一項縱火罪，審訊裁定罪成， 判囚2年5個月 。"
)


def test_each_clause_by_surname_is_the_paragraphs_person() -> None:
    found = facts(OTHER_CHEN + LISTED)
    assert ("譚百熙", "plea", "guilty") in found
    assert ("譚百熙", "sentence", "36") in found
    assert ("王國斌", "sentence", "36") in found
    # 陳 is the paragraph's 陳舜堯, though the article names 陳紹鈞 too
    assert ("陳舜堯", "sentence", "29") in found
    assert ("陳舜堯", "verdict", "convicted") in found
    assert ("陳紹鈞", "sentence", "29") not in found
    # and 譚 does not take the facts of 陳's clause
    assert ("譚百熙", "sentence", "29") not in found


def test_a_surname_of_several_people_the_paragraph_does_not_name_stays_unresolved() -> None:
    # the paragraph names no 陳: the article's two 陳 leave 陳被控 with no subject
    body = (
        "被告陳紹鈞被控參與暴動。\n\n被告陳舜堯亦被控暴動。\n\n"
        "三名被告譚百熙及王國斌，於2019年被捕。"
        "其中譚在答辯時承認暴動罪；陳被控一項縱火罪，判囚2年5個月 。"
    )
    found = facts(body)
    assert not any(p in ("陳紹鈞", "陳舜堯") and k == "sentence" for p, k, _v in found)
    assert ("譚百熙", "sentence", "29") not in found


def test_two_surnames_joined_open_a_clause() -> None:
    # 羅及連 暴動罪成判囚3年 (hkcnews-38160), after another 羅-less, 連-twice article
    body = (
        "至於連潤發，現正還柙候訊。\n\n"
        "案中5名被告楊子軒、羅浩彥、陳紹鈞、孫君和及連潤發，被指在豉油街參與暴動。"
        "羅及連 暴動罪成判囚3年 ，楊因年紀較輕， 被判入教導所 。"
    )
    found = facts(body)
    assert ("羅浩彥", "sentence", "36") in found
    assert ("連潤發", "verdict", "convicted") in found


def test_a_surname_before_tingshang_and_a_passive() -> None:
    # 黎庭上遭加控兩罪 (hkcnews-40372)
    named = "黎智英須繼續還柙。\n\n"
    body = named + "至於涉勾結外國勢力案，黎庭上遭加控兩罪，包括「串謀勾結外國勢力罪」。"
    assert ("黎智英", "charged", "collusion") in facts(body)


def test_surnames_listed_after_a_joiner_and_their_plea() -> None:
    # 與連、蔡二人否認非法集結 (hkcnews-43722): the joiner is folded like the text
    body = (
        "警方拘捕5人，包括大埔區議員姚鈞豪、前區議員連桷璋、文念志，與議員助理蘇揚浚及攝影師蔡健瑜，"
        "他們同被控非法集結。其中文、蘇承認控罪，即時被判刑，姚鈞豪則只承認無牌管有無線通訊器具，"
        "與連、蔡二人否認非法集結，案件將於明早再訊。"
    )
    found = facts(body)
    assert ("連桷璋", "plea", "not_guilty") in found
    assert ("蔡健瑜", "plea", "not_guilty") in found
    assert ("姚鈞豪", "plea", "guilty") in found


def test_an_official_is_not_the_surnames_person() -> None:
    # 裁判官蘇文隆 and the defendant 蘇揚浚 share 蘇 in one paragraph: the one 蘇 that is
    # no official is the defendant
    body = (
        "議員助理蘇揚浚及攝影師蔡健瑜被控非法集結，由裁判官蘇文隆審理。"
        "其中蔡否認控罪；蘇在開審時承認控罪，被判囚3個月。"
    )
    found = facts(body)
    assert ("蘇揚浚", "plea", "guilty") in found
    assert ("蘇揚浚", "sentence", "3") in found
    assert not any(p == "蘇文隆" for p, _k, _v in found)


def test_an_official_of_the_surname_elsewhere_leaves_the_one_defendant() -> None:
    # the article names 蘇揚浚 and, bare elsewhere, the magistrate 蘇文隆 (裁判官蘇文隆):
    # 其中蘇在… is the defendant, the one 蘇 that is no official
    text = "裁判官蘇文隆今日開庭。" + "其中蘇在開審時承認控罪。"
    context = Context(published=None, text=fold(text))
    context.seen = {
        "蘇揚浚": NameHit("蘇揚浚", 0, 3, None, True),
        "蘇文隆": NameHit("蘇文隆", 0, 3, None, True),
    }
    s = next(iter(sentences("其中蘇在開審時承認控罪。")))
    assert [h.name for h in paragraph_surnames(s, context, [])] == ["蘇揚浚"]
    context.text = fold("蘇文隆今日開庭。其中蘇在開審時承認控罪。")  # no title: two 蘇
    assert paragraph_surnames(s, context, []) == []


def test_a_denial_in_testimony_is_no_plea() -> None:
    # 否認煽動示威者… is what a witness denies, not a plea to an offence read after it
    body = "黃之鋒作供時否認煽動示威者衝入警總。"
    assert not any(k == "plea" for _p, k, _v in facts(body))
