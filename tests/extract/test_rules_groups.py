"""Defendants named as a group, as the rest, or by a lone surname, through the article's
listing (issue #16, seventh round). The sentences are constructed for the classes found
on the seventh dev draw; none is copied from an article."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

NAMES = Gazetteer(
    {
        name: f"lr-test-{i}"
        for i, name in enumerate(["何志明", "李嘉欣", "陳大文", "黃小玲", "陳偉業", "張家豪"])
    }
)
FOUR = ("何志明", "李嘉欣", "陳大文", "黃小玲")
LISTING = "4名被告依次為何志明（20歲）、李嘉欣（21歲）、陳大文（22歲）及黃小玲（23歲）。"


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-03-01", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def test_a_group_stated_before_the_listing_is_the_listed_names() -> None:
    found = facts("警方事後拘捕4名男女，並控以暴動罪。\n\n案件今日開審。" + LISTING)
    assert {f for f in found if f[1] in ("arrested", "charged")} == {
        *((name, "arrested", "") for name in FOUR),
        *((name, "charged", "riot") for name in FOUR),
    }


def test_a_count_that_is_not_the_listings_is_no_one() -> None:
    found = facts("警方事後拘捕3名男女，並控以暴動罪。\n\n" + LISTING)
    assert not {f for f in found if f[1] in ("arrested", "charged")}


def test_as_many_people_as_were_listed_after_the_listing() -> None:
    found = facts(LISTING + "控方今日修訂控罪，4人另被控非法集結罪。")
    assert {f for f in found if f[1] == "charged"} == {
        (name, "charged", "unlawful_assembly") for name in FOUR
    }


def test_orders_stated_before_the_listing() -> None:
    found = facts("首被告今日認罪，次被告否認控罪。\n\n" + LISTING)
    assert {f for f in found if f[1] == "plea"} == {
        ("何志明", "plea", "guilty"),
        ("李嘉欣", "plea", "not_guilty"),
    }


def test_the_rest_of_the_listing_after_some_were_singled_out() -> None:
    found = facts(LISTING + "何志明及李嘉欣今日認罪，其餘兩名被告否認控罪。")
    assert {f for f in found if f[1] == "plea"} == {
        ("何志明", "plea", "guilty"),
        ("李嘉欣", "plea", "guilty"),
        ("陳大文", "plea", "not_guilty"),
        ("黃小玲", "plea", "not_guilty"),
    }


def test_the_rest_of_each_defendant_is_not_each_defendant() -> None:
    found = facts(LISTING + "只有何志明和李嘉欣認罪，其餘各被告不認罪。")
    assert {f for f in found if f[2] == "not_guilty"} == {
        ("陳大文", "plea", "not_guilty"),
        ("黃小玲", "plea", "not_guilty"),
    }


def test_the_rest_singled_out_in_the_sentence_before() -> None:
    found = facts(LISTING + "何志明今日認罪。其餘被告否認控罪，案件明日開審。")
    assert {f for f in found if f[2] == "not_guilty"} == {
        (name, "plea", "not_guilty") for name in FOUR[1:]
    }


def test_a_rest_whose_count_disagrees_or_that_names_others_is_no_one() -> None:
    wrong_count = facts(LISTING + "何志明及李嘉欣今日認罪，其餘三名被告否認控罪。")
    assert not {f for f in wrong_count if f[2] == "not_guilty"}
    others = facts(LISTING + "何志明今日認罪，其餘被告包括張家豪均否認控罪。")
    assert not {f for f in others if f[2] == "not_guilty" and f[0] in FOUR}


def test_a_lone_surname_is_the_listed_one_of_two() -> None:
    found = facts(
        "前議員陳偉業上月被捕。\n\n"
        "2名被告依次為何志明及陳大文。何、陳兩被告被控暴動罪，何承認控罪，陳則否認控罪。"
    )
    assert ("陳大文", "charged", "riot") in found
    assert {f for f in found if f[1] == "plea"} == {
        ("何志明", "plea", "guilty"),
        ("陳大文", "plea", "not_guilty"),
    }


def test_a_lone_surname_of_two_unlisted_people_is_no_one() -> None:
    found = facts("前議員陳偉業及陳大文上月被捕。\n\n陳則否認控罪。")
    assert not {f for f in found if f[1] == "plea"}


def test_the_mask_ban_offence_is_not_an_unlawful_assembly_besides() -> None:
    found = facts("何志明被控在非法集結時使用蒙面物品。")
    assert {f for f in found if f[1] == "charged"} == {("何志明", "charged", "other")}


def test_lone_surnames_joined_before_a_plea() -> None:
    found = facts(LISTING + "其中何、李承認控罪，即時被判刑。")
    assert {f for f in found if f[1] == "plea"} == {
        ("何志明", "plea", "guilty"),
        ("李嘉欣", "plea", "guilty"),
    }


def test_a_name_found_once_is_found_again_where_it_is_written() -> None:
    # 林啟明 is not in the gazetteer: the segmenter finds it in the listing, not after 及
    body = (
        "3名被告依次為王志榮（54歲）、林觀良（48歲）及林啟明（43歲）。\n\n"
        "除了林觀良及林啟明認罪還柙，另一名被告獲准保釋。"
    )
    found = extract_text(article_id="a", body=body, published="2021-03-01", names=Gazetteer())
    assert ("林啟明", "custody", "remanded") in {(p.person, p.kind, p.value) for p in found}


def test_a_group_that_will_plead_has_not_pleaded() -> None:
    found = facts(LISTING + "據悉，4人將承認控罪。")
    assert not {f for f in found if f[1] == "plea"}


def test_one_label_per_offence_key() -> None:
    """The queue shows (and translates) one label per offence key: two offences that share
    a key must share its label, or one of them is shown in English only."""
    from lionrock.library.extract import BY_KEY, OFFENCES

    for offence in OFFENCES:
        assert BY_KEY[offence.key].label == offence.label, offence
