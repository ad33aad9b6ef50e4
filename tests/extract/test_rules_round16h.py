"""Classes of missed charges found in extract28 (issue #16) in dev draw 21 and counted over
the unlabelled court-keyword pool; each on an invented article."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._headed import headed_count, headed_ordered
from tests.extract._facts import triples

NAMES = Gazetteer({"陳大文": "lr-test-0"})

CHARGE = "陳大文、黃子健等4人分別被控一項串謀顛覆國家政權罪。"
LISTING = "陳大文（56歲）、黃子健（33歲）、李家俊（35歲）、張美玲（32歲）"


def facts(body: str) -> set[tuple[str, str, str]]:
    return triples(body, NAMES, "2021-03-01")


def charged(body: str) -> set[str]:
    return {person for person, kind, _ in facts(body) if kind == "charged"}


def quotes(body: str) -> dict[str, str]:
    found = extract_text(article_id="a", body=body, published=None, names=NAMES)
    return {p.person: p.quote for p in found if p.kind == "charged"}


def test_a_listing_under_a_heading_that_counts_the_defendants_is_charged() -> None:
    body = (
        f"{CHARGE}案件押後再訊。\n\n記者在法院外見到支持者排隊。\n\n"
        f"4名本案被告次序：\n\n{LISTING}\n"
    )
    assert charged(body) == {"陳大文", "黃子健", "李家俊", "張美玲"}
    # the ordered listing makes the charge's 4人 its four names: quoted from the charge
    assert quotes(body)["張美玲"] == CHARGE


def test_a_listing_under_a_heading_takes_the_last_charge_with_no_count() -> None:
    body = f"案中多人同被控一項暴動罪。\n\n4名被告名單：\n\n{LISTING}\n"
    assert charged(body) == {"陳大文", "黃子健", "李家俊", "張美玲"}
    assert "張美玲" in quotes(body)["張美玲"]  # quoted from the listing, where the name is


def test_a_heading_reads_only_as_a_whole_paragraph_with_a_count() -> None:
    assert headed_count(fold("47名初選案被告次序：")) == 47
    assert headed_count(fold("十二名被告名單:")) == 12
    assert headed_ordered(fold("47名初選案被告次序："))
    assert headed_count(fold("各被告部分保釋條件：")) is None  # no count
    assert headed_count(fold("15名被告原本獲批的保釋條件：")) is None  # not a listing's heading
    assert headed_count(fold("代表兩名被告的大律師鄭凱霖問及現場有否封鎖：")) is None


def test_a_heading_whose_count_is_not_the_listings_names_no_one() -> None:
    body = f"{CHARGE}\n\n5名被告次序：\n\n{LISTING}\n"
    assert charged(body) == {"陳大文", "黃子健"}


def test_a_listing_with_words_after_it_or_in_the_headings_paragraph_names_no_one() -> None:
    words = f"{CHARGE}\n\n4名被告次序：\n\n{LISTING}，他們均在庭上保持沉默\n"
    assert charged(words) == {"陳大文", "黃子健"}
    same = f"{CHARGE}\n\n4名被告次序：{LISTING}\n"
    assert "張美玲" not in charged(same)


def test_a_charge_sentence_counting_fewer_people_is_another_groups() -> None:
    body = "警方拘捕2名男子，並控以暴動罪。\n\n4名被告次序：\n\n" + LISTING + "\n"
    assert not charged(body) & {"李家俊", "張美玲"}


def test_the_headed_listing_teaches_its_orders_or_its_members() -> None:
    ordered = f"第三被告被判囚6個月。\n\n4名被告次序：\n\n{LISTING}\n"
    assert ("李家俊", "sentence", "6") in facts(ordered)
    members = f"案中各被告同被控一項暴動罪。\n\n4名被告名單：\n\n{LISTING}\n"
    assert charged(members) == {"陳大文", "黃子健", "李家俊", "張美玲"}
    assert ("李家俊", "sentence", "6") not in facts(ordered.replace("次序", "名單"))
