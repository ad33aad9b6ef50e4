"""Releases and court bail in wordings the older rules did not read (issue #16, `release21`):
無罪釋放 with no 獲, a release right after the arrest it ends, bail granted or refused by a
court named after 獲, and bail pending appeal after 現. Each sentence is quoted from the
Citizen News archive (dev draws or the pool)."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._release_forms import release_forms

PEOPLE = "胡志偉 王志榮 許麗明 黎智英 王鳳瑤 陳彥霖 黃森球 譚得志 梁國雄 楊博文 鄒家成 周庭"
NAMES = Gazetteer({name: f"lr-person-{i}" for i, name in enumerate(PEOPLE.split())})


def facts(body: str) -> set[tuple[str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-06-01", names=NAMES)
    return {(p.person, p.kind) for p in found}


def test_acquitted_and_freed_with_no_huo_is_a_release() -> None:
    said = facts(
        "8名白衣人的暴動案早前審結，除第一被告王志榮無罪釋放，其餘7人全部暴動或串謀暴動等罪罪成。"
    )
    assert ("王志榮", "released") in said
    said = facts("2020年12月裁判法院裁定案中警員的供詞不可靠和前後矛盾，判許麗明無罪釋放。")
    assert ("許麗明", "released") in said
    assert ("黎智英", "released") in facts(
        "黎智英涉恐嚇罪名不成立，無罪釋放，也算是一點小小的公義。"
    )
    # a demand is no release
    assert ("黎智英", "released") not in facts("示威者要求無罪釋放黎智英。")
    # 獲無罪釋放 is the older pattern's: read once
    assert [h.kind for h in release_forms(fold("黎智英獲無罪釋放。"))] == []


def test_a_release_right_after_the_arrest_is_the_arrested_persons() -> None:
    said = facts(
        "「王婆婆」王鳳瑤於今年1月於將軍澳唐明街高舉標語悼念陳彥霖，"
        "被警方以涉嫌「阻礙警務人員執行職務」拘捕，其後獲釋。"
    )
    assert ("王鳳瑤", "released") in said
    assert ("陳彥霖", "released") not in said
    # police bail after an arrest is no release
    assert ("周庭", "released") not in facts("周庭被警方拘捕，其後獲准保釋。")


def test_bail_granted_or_refused_by_a_court_named_after_huo() -> None:
    said = facts(
        "「快必」譚得志被告發表煽動文字罪，法官不准保釋候審；"
        "用尖銳物件襲擊梁國雄的黃森球（右）則獲法官准許保釋。"
    )
    assert ("黃森球", "bail_granted") in said
    assert ("梁國雄", "bail_granted") not in said
    said = facts("只有鄒家成是不獲總裁判官蘇惠德批出保釋，卻於高院成功申請的被告。")
    assert ("鄒家成", "bail_denied") in said
    said = facts(
        "胡志偉拒絕接受懲教署有創意卻欠人情的視像方案後，向高等法院申請保釋出外奔喪，"
        "最終獲國安法指定法官批准。"
    )
    assert ("胡志偉", "bail_granted") in said
    # the police are no court
    assert [h.kind for h in release_forms(fold("黎智英獲警方批准保釋。"))] == []


def test_bail_pending_appeal_after_xian() -> None:
    said = facts("楊博文判襲警罪成，判監九星期，現保釋候上訴。")
    assert ("楊博文", "bail_granted") in said
    # an application for it is no bail
    assert ("周庭", "bail_granted") not in facts("周庭其後向高院申請保釋候上訴。")
