"""Charges whose offence is written before the trigger (`_charge_before.py`, extract55,
issue #16): short excerpts of dev articles and the unlabelled pool, and the cases the rules
must leave alone (a suspicion at arrest alone, a later trigger between, what one faces with
no offence named, a denial)."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer(
    {
        "黃逸豪": "lr-test-0",
        "畢慧芬": "lr-test-1",
        "胡志偉": "lr-test-2",
        "黃碧雲": "lr-test-3",
        "張劍虹": "lr-test-4",
        "羅偉光": "lr-test-5",
        "林觀良": "lr-test-6",
        "林啟明": "lr-test-7",
        "唐英傑": "lr-test-8",
        "廖子文": "lr-test-9",
        "黎智英": "lr-test-10",
        "鄭國泉": "lr-test-11",
        "陳大文": "lr-test-12",
    }
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-06-24")


def charged(body: str) -> set[tuple[str, str]]:
    return {(person, value) for person, kind, value in facts(body) if kind == "charged"}


def test_the_offence_each_is_accused_of_before_a_bare_charge() -> None:
    # hkcnews-34908 (dev): the charge's own words name no offence
    body = (
        "黃逸豪與畢慧芬另各涉一項非法禁錮，被控於同日同地連同其他身分不詳的人，將付國豪非法禁錮。"
    )
    assert charged(body) == {("黃逸豪", "other"), ("畢慧芬", "other")}


def test_the_offence_of_the_arrest_the_sentence_just_stated() -> None:
    # hkcnews-43251 and hkcnews-42715 (dev)
    body = "圖中四人全因初選案涉嫌違反國安法被捕，胡志偉及黃碧雲被起訴。"
    assert charged(body) == {("胡志偉", "nsl_unspecified"), ("黃碧雲", "nsl_unspecified")}
    body = "警方並以國安法拘捕五名高層，其中社長張劍虹、總編輯羅偉光已被落案控告，還柙在獄。"
    assert charged(body) == {("張劍虹", "nsl_unspecified"), ("羅偉光", "nsl_unspecified")}


def test_a_suspicion_at_arrest_alone_is_no_charge() -> None:
    assert charged("陳大文涉嫌暴動被捕，現正保釋候查。") == set()


def test_not_across_another_trigger() -> None:
    # the arrest's offence is not the later charge's once a sentence comes between
    assert charged("陳大文涉嫌暴動被捕，後被判囚三年，再被起訴。") == set()


def test_the_offence_a_defendant_faces() -> None:
    # hkcnews-43366 (dev): 兩人面對的…罪 is the charge of the two just named
    body = "其中被告林觀良及林啟明早前已承認暴動罪，兩人面對的有意圖而傷人罪則存檔法庭。"
    assert {("林觀良", "other"), ("林啟明", "other")} <= charged(body)


def test_not_what_one_faces_with_no_offence_named() -> None:
    assert charged("主控官指黎智英面對的控罪最高刑罰為終身監禁。") == set()


def test_a_lone_surname_as_the_object_of_an_active_charge() -> None:
    # hkcnews-43728 (dev): 律政司以…罪起訴唐, 唐英傑 named before
    body = "唐英傑今日受審。律政司以煽動他人分裂國家罪、恐怖活動罪起訴唐，開審前加入交替控罪。"
    assert charged(body) == {("唐英傑", "secession"), ("唐英傑", "terrorism")}


def test_the_police_between_passive_and_charge() -> None:
    # hkcnews-34007 (dev)
    assert charged("廖子文被警方控告串謀意圖危害生命而縱火，當時他正就讀中五。") == {
        ("廖子文", "other")
    }
    # a denial right before stays none (遲遲未被警方起訴)
    assert charged("的士司機鄭國泉遲遲未被警方起訴暴動罪。") == set()


RECHARGE_NAMES = Gazetteer({"張浩輝": "lr-test-20", "胡凱富": "lr-test-21"})


def test_an_active_change_of_charge_and_its_alternative() -> None:
    # hkcnews-36073 (dev): 今改控 6 人…，以及一項交替的…罪, the six listed later
    body = (
        "控方昨突然申請修訂控罪，今改控 2 人串謀參與暴動罪，以及一項交替的串謀參與非法集結罪。"
        "\n\n2名被告依次為張浩輝（23歲，全職電競選手）及胡凱富（21歲，學生）。"
    )
    found = triples(body, RECHARGE_NAMES, "2020-12-08")
    assert ("張浩輝", "charged", "unlawful_assembly") in found
    assert ("胡凱富", "charged", "unlawful_assembly") in found


def test_not_a_change_only_considered() -> None:
    body = "法官要求控方解釋，是否考慮改控張浩輝非法集結罪。"
    assert not {f for f in triples(body, RECHARGE_NAMES, "2020-12-08") if f[1] == "charged"}
