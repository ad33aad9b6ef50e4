"""Counts and groups resolved against the article's listings (extract53, issue #16): short
excerpts shaped like hkcnews-33323 (被捕的7人 … 共有7人被控，依次為… with one name unread),
hkcnews-37705 (拘捕15名…，包括A、B等 and the full listing; 除A外，他們各被控), hkcnews-40813
(全部被告 after the sentence's own list) and hkcnews-43167 (三名中學生分別為…), and the
cases the rules must leave alone."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer
from tests.extract._facts import triples

PEOPLE = ("林卓廷", "陳永晞", "葉鑫昇", "鄺浩林", "尹仲明", "何俊仁", "梁國雄", "何秀蘭", "黃浩銘")
NAMES = Gazetteer({name: f"lr-test-{i}" for i, name in enumerate(PEOPLE)})

#: five items, one of them no name (a minor the report does not name)
LISTING = (
    "\n\n案中共有5人被控，依次為議員林卓廷（43歲）、陳永晞（37歲）、一名15歲男學生、"
    "社工葉鑫昇（31歲）及廚師鄺浩林（26歲）。"
)
LISTED = {"林卓廷", "陳永晞", "葉鑫昇", "鄺浩林"}


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2020-08-27")


def who(found: set[tuple[str, str, str]], kind: str, value: str = "") -> set[str]:
    return {p for p, k, v in found if k == kind and v == value}


def test_a_counted_group_is_the_listing_of_as_many_items_with_one_unread() -> None:
    lede = "721事件中被捕的5人，全部被控暴動罪，並獲准保釋10月再訊。"
    found = facts(lede + LISTING)
    assert who(found, "arrested") == LISTED
    assert who(found, "charged", "riot") == LISTED


def test_a_group_with_its_first_names_is_the_listing_that_holds_them() -> None:
    lede = "警方拘捕5名民主派中堅，包括議員林卓廷、社工葉鑫昇等，指他們參與非法集結。"
    assert who(facts(lede + LISTING), "arrested") == LISTED


def test_names_before_a_count_are_the_listing_that_holds_them() -> None:
    lede = "議員林卓廷等5人被控暴動罪，案件今午再訊。"
    assert who(facts(lede + LISTING), "charged", "riot") == LISTED


def test_not_when_two_listings_count_as_many() -> None:
    other = (
        "\n\n另案共有5人被控，依次為何俊仁（68歲）、梁國雄（64歲）、何秀蘭（65歲）、"
        "黃浩銘（31歲）及尹仲明（48歲）。"
    )
    lede = "721事件中被捕的5人，全部被控暴動罪。"
    assert who(facts(lede + LISTING + other), "arrested") == set()


def test_not_when_the_count_disagrees_with_the_items() -> None:
    lede = "721事件中被捕的6人，全部被控暴動罪。"
    assert who(facts(lede + LISTING), "arrested") == set()


def test_not_a_listing_with_two_items_unread_in_five() -> None:
    listing = (
        "\n\n案中共有5人被控，依次為林卓廷（43歲）、一名16歲女學生、一名15歲男學生、"
        "葉鑫昇（31歲）及鄺浩林（26歲）。"
    )
    assert who(facts("721事件中被捕的5人，全部被控暴動罪。" + listing), "arrested") == set()


def test_the_group_less_the_names_excepted() -> None:
    body = (
        "10月20日的案件涉及4名被告，包括何俊仁、梁國雄、何秀蘭和黃浩銘。"
        "除何俊仁外，他們各被控組織及明知而參與非法集結。"
    )
    found = facts(body)
    assert {"梁國雄", "何秀蘭", "黃浩銘"} <= who(found, "charged", "unlawful_assembly")
    assert "何俊仁" not in who(found, "charged", "unlawful_assembly")


def test_not_an_exception_the_group_before_does_not_hold() -> None:
    body = (
        "10月20日的案件涉及3名被告，包括梁國雄、何秀蘭和黃浩銘。"
        "除何俊仁外，他們各被控組織及明知而參與非法集結。"
    )
    assert who(facts(body), "charged", "unlawful_assembly") == set()


def test_every_defendant_after_the_sentence_s_list() -> None:
    body = (
        "六四集會案中，何俊仁、梁國雄、何秀蘭及黃浩銘等4人今日認罪，法官將案押後判刑，"
        "全部被告期間均須還柙候判，包括原獲保釋的黃浩銘。"
    )
    assert who(facts(body), "custody", "remanded") == {"何俊仁", "梁國雄", "何秀蘭", "黃浩銘"}


def test_a_count_of_a_kind_of_people_lists_them() -> None:
    body = (
        "三名中學生分別為17歲的林卓廷、19歲的陳永晞及一名15歲男學生。\n\n"
        "三人被控違反《國安法》第24條串謀恐怖活動。法官不准三人保釋。"
    )
    found = facts(body)
    assert who(found, "charged", "terrorism") == {"林卓廷", "陳永晞"}
    assert who(found, "bail_denied") == {"林卓廷", "陳永晞"}


def test_not_a_count_of_judges() -> None:
    body = "三名法官分別為林卓廷、陳永晞及葉鑫昇。\n\n三人被控違反《國安法》。"
    assert who(facts(body), "charged", "nsl_unspecified") == set()
