"""Verdicts and releases (`_verdicts.py` and the name finder, extract51, issue #16): 定罪
without 被, 判…無罪, a verdict that qualifies the name after it, and names whose last
character jieba glues to the next word or that folding writes outside the basic plane."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer({"蔡玉玲": "lr-test-0", "岑敖暉": "lr-test-1", "鄭麗琼": "lr-test-2"})
NOBODY = Gazetteer()


def facts(body: str, names: Gazetteer = NAMES) -> set[tuple[str, str, str]]:
    return triples(body, names, "2021-06-18")


def test_a_conviction_without_bei() -> None:
    # 繼《鏗鏘集》編導蔡玉玲因車牌查冊定罪罰款後 (hkcnews-40575)
    assert ("蔡玉玲", "verdict", "convicted") in facts(
        "繼《鏗鏘集》編導蔡玉玲因車牌查冊定罪罰款後，通訊局正調查。"
    )
    # 儘管岑敖暉自3月初因初選案還柙、之後定罪判囚 (hkcnews-42379)
    found = facts("儘管岑敖暉自3月初因初選案還柙、之後定罪判囚。")
    assert ("岑敖暉", "verdict", "convicted") in found


def test_the_laws_noun_is_no_conviction() -> None:
    assert not {f for f in facts("蔡玉玲指，一經定罪最高可判監禁7年。") if f[1] == "verdict"}
    assert not {f for f in facts("蔡玉玲認為定罪門檻太低。") if f[1] == "verdict"}
    assert not {f for f in facts("蔡玉玲表示，違者首次定罪罰款5萬元。") if f[1] == "verdict"}


def test_a_verdict_before_the_name_it_qualifies() -> None:
    # 最終被改控「藐視法庭」罪成的中西區區議會主席鄭麗琼 (the pool)
    found = facts("最終被改控「藐視法庭」罪成的中西區區議會主席鄭麗琼亦被判監28日。")
    assert ("鄭麗琼", "verdict", "convicted") in found
    # 罪成的話: a condition, no one
    assert ("岑敖暉", "verdict", "convicted") not in facts("岑敖暉被捕，他罪成的話，或須入獄。")


def test_an_acquittal_by_pan_wu_zui() -> None:
    assert ("蔡玉玲", "verdict", "acquitted") in facts("蔡玉玲早前獲判無罪。")
    assert not {f for f in facts("蔡玉玲說，心情就好像判了無罪。") if f[1] == "verdict"}


def test_a_name_whose_last_character_jieba_glues_to_the_next_word() -> None:
    # 除首被告王志榮獲無罪釋放 (hkcnews-42543): jieba cuts 王志|榮獲
    found = facts("六名被告當中，除首被告王志榮獲無罪釋放，其餘五名被告罪成。", NOBODY)
    assert ("王志榮", "verdict", "acquitted") in found
    assert ("王志榮", "released", "") in found
    assert not {f for f in found if f[0] == "王志"}


def test_a_name_folded_outside_the_basic_plane() -> None:
    # 煇 folds to 𪸩 (U+2AE29): 莫卓煇 was cut to 莫卓
    found = facts("被告莫卓煇獲判無罪。", NOBODY)
    assert ("莫卓煇", "verdict", "acquitted") in found
    assert not {f for f in found if f[0] == "莫卓"}
