"""The class extract27 (issue #16) took from dev draw 21: a listing of defendants written
with a space after its count or a comma after 為 (11 名被告為，A、B…), read like
6名受審被告為… (`_listing.py`); on invented sentences."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text

RECORD = Gazetteer({"陳大文": "lr-test-0", "李小明": "lr-test-1", "黃志強": "lr-test-2"})


def charged(body: str) -> set[tuple[str, str]]:
    found = extract_text(article_id="a", body=body, published="2021-08-05", names=RECORD)
    return {(p.person, p.value) for p in found if p.kind == "charged"}


CHARGE = "3人分別各被控一項參與非法集結，控罪指他們在2019年9月7日參與非法集結。3人全不認罪。"


def test_a_listing_with_a_space_after_its_count_is_read() -> None:
    listing = "3 名被告為陳大文（19 歲，學生）、李小明（25 歲，學生）及黃志強（30 歲，文員）。"
    body = CHARGE + "\n\n" + listing
    assert charged(body) == {(n, "unlawful_assembly") for n in ("陳大文", "李小明", "黃志強")}


def test_a_listing_with_a_comma_after_wei_is_read() -> None:
    body = CHARGE + "\n\n3 名被告為，陳大文、李小明及黃志強。"
    assert charged(body) == {(n, "unlawful_assembly") for n in ("陳大文", "李小明", "黃志強")}


def test_a_spaced_listing_larger_than_the_charged_count_is_another_group() -> None:
    body = "警方拘捕2名男子，並控以參與非法集結。\n\n3 名被告為，陳大文、李小明及黃志強。"
    assert not charged(body)
