"""Recall classes of pleas, verdicts and terms found in extract22 (issue #16) on the
eighteenth dev draw, counted over the unlabelled court-keyword pool; each on an invented
sentence."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

NAMES = Gazetteer(
    {
        name: f"lr-test-{i}"
        for i, name in enumerate(["陳大文", "李小明", "黃志強", "張美玲", "何家明", "周子健"])
    }
)


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-05-06")


def test_a_note_in_brackets_does_not_end_a_listing() -> None:
    # 李卓人、何秀蘭（正服刑）、何俊仁…被控非法集結罪成: the whole listing was convicted,
    # not the names before the note only
    found = facts("陳大文、李小明（正服刑）、黃志強及張美玲，早前被裁定非法集結罪成。")
    for name in ("陳大文", "李小明", "黃志強", "張美玲"):
        assert (name, "verdict", "convicted") in found


def test_a_trigger_in_a_note_is_the_noted_names_only() -> None:
    # 國安處拘捕張劍虹（目前還柙）、周達權…: the remand is his, the arrest is each one's
    found = facts("警方今日拘捕陳大文（目前還柙）、李小明、黃志強及張美玲（已獲保釋）。")
    for name in ("陳大文", "李小明", "黃志強", "張美玲"):
        assert (name, "arrested", "") in found
    assert ("陳大文", "custody", "remanded") in found
    for name in ("李小明", "黃志強"):
        assert (name, "custody", "remanded") not in found


def test_names_then_the_listings_count_are_the_whole_listing() -> None:
    # 黎智英、李柱銘等7人，早前否認…: the seven the article lists, not the two named
    body = (
        "遊行案，陳大文、李小明等6人，早前否認參與未經批准集結，案件今早續審。\n\n"
        "接受審訊的6名被告依次為陳大文（72歲）、李小明（63歲）、黃志強（72歲）、"
        "張美玲（64歲）、何家明（65歲）及周子健（68歲）。"
    )
    found = facts(body)
    for name in ("陳大文", "李小明", "黃志強", "張美玲", "何家明", "周子健"):
        assert (name, "plea", "not_guilty") in found


def test_a_count_other_than_the_listings_stays_with_the_names() -> None:
    # 李柱銘等3人 when the article lists six: which three is not said
    body = (
        "遊行案六名受審被告依次為陳大文、李小明、黃志強、張美玲、何家明及周子健。\n\n"
        "陳大文、李小明等3名被告今日承認控罪。"
    )
    found = facts(body)
    assert ("陳大文", "plea", "guilty") in found
    for name in ("黃志強", "張美玲", "何家明", "周子健"):
        assert (name, "plea", "guilty") not in found


def test_a_name_outside_the_listing_before_the_count_is_no_sign() -> None:
    body = "遊行案兩名受審被告依次為陳大文及李小明。\n\n黃志強等2人今日承認控罪。"
    found = facts(body)
    assert ("陳大文", "plea", "guilty") not in found
    assert ("李小明", "plea", "guilty") not in found


def test_a_name_voted_for_is_not_who_was_convicted() -> None:
    # 涉以福袋誘使選民投票予鄭泳舜，…裁定兩人罪名成立: the candidate is an object
    found = facts("兩名義工涉以福袋誘使選民投票予陳大文，經審訊後裁定罪名成立。")
    assert ("陳大文", "verdict", "convicted") not in found


def test_a_grant_of_bail_to_the_name_stays() -> None:
    assert ("陳大文", "bail_granted", "") in facts("裁判官准予陳大文以原有條件繼續保釋。")


def test_terms_pair_with_a_listing_by_orders_that_commas_break() -> None:
    found = facts(
        "三名被告依次為第一被告陳大文（26歲），第二被告李小明（25歲），第三被告黃志強（31歲），"
        "分別被判監32個月、31個月、17個月。"
    )
    assert ("陳大文", "sentence", "32") in found
    assert ("李小明", "sentence", "31") in found
    assert ("黃志強", "sentence", "17") in found


def test_fewer_names_than_terms_pair_with_no_one() -> None:
    found = facts(
        "第一被告陳大文（26歲），第二被告李小明（25歲），分別被判監32個月、31個月、17個月。"
    )
    assert not any(kind == "sentence" for _, kind, _ in found)
