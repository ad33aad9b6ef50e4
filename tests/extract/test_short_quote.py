"""A suggestion's quote is an exact excerpt of its sentence, at most MAX_QUOTE characters
around the trigger, and never starts or ends inside an English word (it once began
"igh-profile arrests of Jimmy Lai…", hkcnews-38439)."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text
from lionrock.library.extract._text import MAX_QUOTE, WORD_CUT, short_quote

LONG = (
    "Police said on Monday that the high-profile arrests of Jimmy Lai and Agnes Chow, "
    "made by officers of the national security department, followed searches of the "
    "newspaper's offices in Tseung Kwan O, where some two hundred officers took away "
    "boxes of documents, while Jimmy Lai was arrested at his home in Ho Man Tin and "
    "later taken to the offices in handcuffs before reporters."
)


def inside_word(at: int) -> bool:
    return 0 < at < len(LONG) and LONG[at - 1].isalnum() and LONG[at].isalnum()


def test_a_long_english_sentence_is_cut_between_words() -> None:
    for at in range(0, len(LONG), 7):
        quote = short_quote(LONG, at)
        assert quote in LONG and len(quote) <= MAX_QUOTE
        start = LONG.index(quote)
        end = start + len(quote)
        assert not inside_word(start) and not inside_word(end)
        assert len(quote) >= MAX_QUOTE - 2 * WORD_CUT


def test_text_with_no_space_near_the_cut_is_cut_as_before() -> None:
    assert len(short_quote("a" * 500, 250)) == MAX_QUOTE
    assert short_quote("甲乙" * 150, 150) == ("甲乙" * 150)[50:250]


def test_an_extracted_english_quote_starts_on_a_word() -> None:
    found = extract_text(
        article_id="a",
        body=LONG,
        published="2020-08-10",
        names=Gazetteer({"Jimmy Lai": "lr-1", "Agnes Chow": "lr-2"}),
    )
    assert found, "the arrests are read"
    for p in found:
        at = LONG.index(p.quote)
        assert not inside_word(at) and not inside_word(at + len(p.quote))
