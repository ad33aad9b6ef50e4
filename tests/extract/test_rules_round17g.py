"""A counted group's facts with its names listed elsewhere (issue #16, extract35): classes
found on dev draw 28 and the draws 22 and 23, counted over the unlabelled court-keyword
pool; each on short invented sentences in the reports' style."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer
from lionrock.library.extract._counted import Counted
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})

SIX = "6名受審被告為王志明（54歲，東主）、黃英豪（48歲，東主）、鄧家輝、吳偉强、鄧志偉及蔡立德。"


def _learnt(*listings: str) -> Counted:
    counted = Counted()
    for text in listings:
        counted.learn(fold(text), NAMES.find(text, fold(text)))
    return counted


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-04-28")


def test_the_rest_counted_is_the_one_listing_of_that_many() -> None:
    body = "白衣人暴動案，二人早前承認暴動，其餘6名被告不認罪受審。\n\n" + SIX
    found = facts(body)
    assert ("王志明", "plea", "not_guilty") in found
    assert ("蔡立德", "plea", "not_guilty") in found


def test_a_counted_group_with_a_description_is_the_listing() -> None:
    body = "8名白衣人被控暴動等罪，案件今日開審，有意圖而傷人罪則留在法庭存檔。\n\n" + (
        "8 名7.21被告分別為王志明（54歲，東主）、黃英豪（48歲，東主）、林觀明、林啟強、"
        "鄧家輝、「飛天」吳偉强、鄧志偉及蔡立德。"
    )
    found = facts(body)
    assert ("王志明", "charged", "riot") in found
    assert ("林啟強", "charged", "riot") in found
    # the offences after 被控 end at ，案件… (a comma folds to ASCII)
    assert ("王志明", "charged", "other") not in found


def test_the_rest_after_names_singled_out_in_the_sentence_before() -> None:
    body = (
        "其中被告林觀明及林啟強承認暴動罪。法庭下午先處理兩名認罪被告案情，其餘六名不認罪被告"
        "明早開審。\n\n8名被告分別為王志明、黃英豪、林觀明、林啟強、鄧家輝、吳偉强、鄧志偉及蔡立德。"
    )
    found = facts(body)
    assert ("王志明", "plea", "not_guilty") in found
    assert ("林觀明", "plea", "not_guilty") not in found
    assert ("林啟強", "plea", "guilty") in found


def test_a_count_that_no_listing_has_or_two_listings_have_names_no_one() -> None:
    counted = _learnt(SIX, "6名被告為陳大文、林觀明、林啟強、周子健、馬文輝及黃英豪。")
    assert not counted.mentions(fold("其餘6名被告不認罪受審。"), [], [])
    assert not _learnt(SIX).mentions(fold("其餘5名被告不認罪受審。"), [], [])
    assert len(_learnt(SIX).mentions(fold("其餘6名被告不認罪受審。"), [], [])) == 6


def test_a_part_of_the_group_is_not_the_listing() -> None:
    counted = _learnt(SIX)
    for part in ("其中6人不認罪受審。", "6名被告中，二人認罪。", "當中6名被告不認罪。"):
        assert not counted.mentions(fold(part), [], []), part


def test_a_listing_of_a_part_is_learnt_as_no_group() -> None:
    assert not _learnt("其餘6名被告包括王志明、黃英豪、鄧家輝、吳偉强、鄧志偉及蔡立德。").lists


def test_a_listing_of_several_cases_takes_only_the_last_cases_charge() -> None:
    body = (
        "8月18日的案件有3名被告，包括黎智明、李卓文和吳靄琪，各被控「組織未經批准集結」罪。"
        "10月20日的案件涉及2名被告，包括陳皓明和梁國強，各被控組織及參與非法集結。"
        "4名被告包括（按年齡排序）：黎智明、李卓文、陳皓明、梁國強。"
    )
    found = facts(body)
    assert ("陳皓明", "charged", "unlawful_assembly") in found
    assert ("黎智明", "charged", "unlawful_assembly") not in found


def test_an_arrest_of_a_counted_group_named_in_full_only_at_the_end() -> None:
    body = (
        "警方今年4月拘捕了3名民主派人士，包括黎智明等，指他們組織未經批准集結。\n\n"
        "3名被告包括：黎智明（72歲）、何秀英（65歲）、梁國強（64歲）。"
    )
    found = facts(body)
    assert ("何秀英", "arrested", "") in found
    assert ("梁國強", "arrested", "") in found


def test_every_defendant_of_a_report_on_several_cases_is_the_largest_listing() -> None:
    body = (
        "8月18日的案件有2名被告，包括黎智明和李卓文，各被控「組織未經批准集結」罪。"
        "10月20日的案件涉及2名被告，包括陳皓明和梁國強，各被控組織及參與非法集結。"
        "法官批准全部被告以原有條件保釋。\n\n"
        "4名被告包括（按年齡排序）：黎智明、李卓文、陳皓明、梁國強。"
    )
    found = facts(body)
    assert ("黎智明", "bail_granted", "") in found
    assert ("梁國強", "bail_granted", "") in found
