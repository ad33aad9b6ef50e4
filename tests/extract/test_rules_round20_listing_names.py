"""Names inside a listing that the finder misses (extract54, issue #16): a surname in no
Hong Kong list (庾家豪), a name jieba cuts into single characters (曾焌熙) or into a
surname and a word (趙|恩來), read only inside a run of names most of which were found."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._list_items import listing_names
from lionrock.library.extract._text import sentences

NAMES = Gazetteer(
    {"林卓廷": "lr-test-0", "許智峯": "lr-test-1", "陳永晞": "lr-test-2", "鍾凱研": "lr-test-3"}
)


def facts(body: str) -> set[tuple[str, str, str]]:
    found = extract_text(article_id="a", body=body, published="2020-08-27", names=NAMES)
    return {(p.person, p.kind, p.value) for p in found}


def listed(text: str) -> list[str]:
    s = next(iter(sentences(text)))
    return [h.name for h in listing_names(s, NAMES.find(s.text, s.folded))]


def test_a_listing_of_defendants_is_read_whole_with_its_missed_names() -> None:
    body = (
        "光復屯門公園事件中有4人被控，依次為立法會議員林卓廷（43歲，男）、立法會議員許智峯"
        "（38歲，男）、網媒記者曾焌熙（28歲，男）、鍾凱研（39歲，女）。\n\n"
        "林卓廷、許智峯、曾焌熙3人被控作出傾向並意圖妨礙司法公正的行為。"
    )
    # 曾|焌|熙: jieba cuts the name into three characters; the listing joins them
    assert ("曾焌熙", "charged", "other") in facts(body)


def test_a_surname_in_no_hong_kong_list_is_a_name_inside_a_listing_only() -> None:
    assert listed("7人被控，依次為林卓廷（43歲）、客戶服務員庾家豪（35歲）、陳永晞（37歲）。") == [
        "庾家豪"
    ]
    # outside a listing 庾 starts no name (屈穎妍, 駱大狀: the global list stays narrow)
    assert [h.name for h in NAMES.find("庾家豪被控暴動罪")] == []


def test_a_listing_counted_with_a_missed_name_agrees_and_charges_each() -> None:
    body = "林卓廷、許智峯、庾家豪3人被控暴動罪。"
    assert {p for p, k, v in facts(body) if k == "charged" and v == "riot"} == {
        "林卓廷",
        "許智峯",
        "庾家豪",
    }


def test_a_run_of_things_is_no_listing_of_names() -> None:
    # most items are no names: nothing is guessed (民主黨, 公民黨 are parties)
    assert listed("出席的包括民主黨、公民黨、工黨張超雄、街工梁耀忠。") == []
    # a common word among names is not one (宣傳 starts with the surname 宣)
    assert "宣傳" not in listed("委員包括林卓廷、許智峯、宣傳、陳永晞。")


def test_every_item_aged_is_a_defendants_listing_though_none_was_found() -> None:
    text = "依次為庾家豪（35歲）、曾焌熙（28歲）、甄啟榮（30歲）。"
    assert listed(text) == ["庾家豪", "曾焌熙", "甄啟榮"]


def test_a_count_term_does_not_garble_the_totals() -> None:
    """就禁蒙面法，…第三被告被判囚6個月 is one count's term: the 分別 totals stay, and the
    count's term beside them is dropped (hkcnews-43564, a pool article)."""
    body = (
        "第三、第四被告張俊浩和鄧希雯被裁定暴動罪和違反禁蒙面法罪成，分別被判囚4年半和3年9個月。\n\n"
        "因此就禁蒙面法，第三被告被判囚6個月、第四被告被判囚3個月。"
    )
    found = extract_text(article_id="x", body=body, published=None, names=Gazetteer())
    terms = {(p.person, p.value) for p in found if p.kind == "sentence"}
    assert terms == {("張俊浩", "54"), ("鄧希雯", "45")}
