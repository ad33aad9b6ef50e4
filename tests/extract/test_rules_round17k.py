"""A record name written with a variant character (issue #16, extract39, dev draw 32):
劉頴匡 for the record's 劉穎匡. Invented names and sentences."""

from __future__ import annotations

from lionrock.fold import fold
from lionrock.library.extract import Gazetteer
from lionrock.library.extract._variants import spellings
from tests.extract._facts import triples

NAMES = Gazetteer({"陳穎匡": "lr-test-0", "黃凱迪": "lr-test-1"})


def facts(body: str, names: Gazetteer = NAMES) -> set[tuple[str, str, str]]:
    return triples(body, names, "2021-05-02")


def test_a_name_written_with_the_variant_of_the_records_character_is_the_records() -> None:
    body = "現時正被控串謀顛覆國家政權罪的陳頴匡，今日再提堂。"
    assert ("陳頴匡", "charged", "subversion") in facts(body)
    # the finder alone misses the rare characters: without the record, no one
    assert not facts(body, Gazetteer({}))


def test_the_variant_goes_both_ways() -> None:
    assert ("黃凱廸", "custody", "remanded") in facts("黃凱廸現時仍然還柙。")
    assert ("陳穎匡", "custody", "remanded") in facts("陳穎匡現時仍然還柙。")


def test_only_the_variant_pairs_are_swapped() -> None:
    # 潁 is another character, not a spelling of 穎
    assert fold("陳潁匡") not in NAMES.known
    assert fold("陳頴匡") in NAMES.known
    assert spellings("刘颖匡") == ["刘颕匡"]
    assert spellings("李家明") == []
