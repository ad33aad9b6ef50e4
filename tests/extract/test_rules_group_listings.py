"""Defendants listed once in no order, the rest after an exception (除A及B外，其餘…) and a
group followed by its names (其中N人…包括A、B): issue #16, the extract9 round. The sentences
are written for the classes counted over the unlabelled court-keyword pool; none is copied
from an article."""

from __future__ import annotations

from tests.extract.test_rules_groups import FOUR, facts

#: listed in no order (受審被告為), with what each does in brackets
UNORDERED = "4名受審被告為何志明（20歲，商人）、李嘉欣（21歲）、陳大文（22歲）及黃小玲（23歲）。"


def test_a_group_stated_before_a_listing_in_no_order_is_the_listed_names() -> None:
    found = facts("4名被告早前否認暴動罪，案件今日續審。\n\n" + UNORDERED)
    assert {f for f in found if f[1] == "plea"} == {(n, "plea", "not_guilty") for n in FOUR}


def test_a_listing_in_no_order_whose_count_disagrees_is_no_group() -> None:
    found = facts("4名被告早前否認暴動罪。\n\n5名受審被告為何志明、李嘉欣、陳大文及黃小玲。")
    assert not {f for f in found if f[1] == "plea"}


def test_some_of_the_defendants_listed_are_not_a_listing() -> None:
    found = facts("4名被告早前否認暴動罪。\n\n其餘4名被告包括何志明、李嘉欣、陳大文及黃小玲。")
    assert not {f for f in found if f[1] == "plea"}


def test_a_listing_in_no_order_gives_no_orders() -> None:
    found = facts(UNORDERED + "首兩名被告今日認罪。")
    assert not {f for f in found if f[1] == "plea"}


def test_the_rest_of_a_listing_in_no_order() -> None:
    found = facts(UNORDERED + "何志明罪名不成立，其餘3名被告則罪名成立。")
    assert {f for f in found if f[1] == "verdict"} == {
        ("何志明", "verdict", "acquitted"),
        *((n, "verdict", "convicted") for n in FOUR[1:]),
    }


def test_the_rest_after_an_exception() -> None:
    listing = "4名被告依次為何志明、李嘉欣、陳大文及黃小玲。"
    found = facts(listing + "除何志明及李嘉欣外，其餘2人另被控刑事損壞罪。")
    assert {f for f in found if f[2] == "other"} == {
        ("陳大文", "charged", "other"),
        ("黃小玲", "charged", "other"),
    }
    wrong_count = facts(listing + "除何志明外，其餘2人另被控刑事損壞罪。")
    assert not {f for f in wrong_count if f[2] == "other"}


def test_counsel_acting_as_counsel_is_no_defendant() -> None:
    found = facts(
        "被告何志明被控暴動罪。\n\n"
        "法庭裁定罪成，代表第一被告的資深大律師張家豪提出保釋被拒，即時還柙至下月判刑。"
    )
    assert not {f for f in found if f[0] == "張家豪"}
    assert ("何志明", "bail_denied", "") in found
    by_counsel = facts("何志明今日提堂，他由黨友兼律師張家豪代表，獲裁判官批准保釋。")
    assert {f for f in by_counsel if f[1] == "bail_granted"} == {("何志明", "bail_granted", "")}


def test_a_lawyer_who_is_a_defendant_is_still_one() -> None:
    assert ("張家豪", "arrested", "") in facts("民主派多人被捕，包括人權律師張家豪。")


def test_what_would_follow_is_no_fact() -> None:
    found = facts("被告何志明被控暴動罪。法官指，再多一個帖文，被告就會再次還押。")
    assert ("何志明", "custody", "remanded") not in found


def test_a_group_then_its_names_described_at_length() -> None:
    found = facts("12人早前被加控暴動罪，包括已被判囚六個月的學生會前會長何志明、李嘉欣等。")
    assert {f for f in found if f[1] == "charged"} == {
        ("何志明", "charged", "riot"),
        ("李嘉欣", "charged", "riot"),
    }
    colon = facts("23人被控「煽惑參與未經批准集結」，包括多名團體成員：主席何志明、秘書李嘉欣。")
    assert {f for f in colon if f[1] == "charged"} == {
        ("何志明", "charged", "unauthorised_assembly"),
        ("李嘉欣", "charged", "unauthorised_assembly"),
    }


def test_a_listing_after_a_comma_whose_last_item_follows_a_comma() -> None:
    found = facts(
        "4名被告，依次為：學生何志明（20歲）、文員李嘉欣（21歲）、陳大文（22歲），"
        "以及黃小玲（23歲）。首被告及第四被告今日認罪。"
    )
    assert {f for f in found if f[1] == "plea"} == {
        ("何志明", "plea", "guilty"),
        ("黃小玲", "plea", "guilty"),
    }
