"""The name finder remembers a sentence's names (issue #16: the archive in under 60 s), and
what it remembers is what it would find again; the mainland counts are made once."""

from __future__ import annotations

from lionrock.library.extract import _lexicon
from lionrock.library.extract._persons import FIND_CACHE, Gazetteer

SENTENCE = "裁判官蘇惠德拒絕黎智英保釋，黃之鋒及周庭被判囚。"


def test_a_remembered_sentence_gives_the_same_names_in_a_list_of_its_own() -> None:
    names = Gazetteer({"黎智英": "lr-person-jimmy-lai", "黃之鋒": None})
    first = names.find(SENTENCE)
    assert [h.name for h in first] == ["黎智英", "黃之鋒", "周庭"]
    first.append(first[0])  # a caller may add to its list (found + listed_names)
    again = names.find(SENTENCE)
    assert [h.name for h in again] == ["黎智英", "黃之鋒", "周庭"]
    assert again == Gazetteer({"黎智英": "lr-person-jimmy-lai", "黃之鋒": None}).find(SENTENCE)
    assert names._find_once.cache_info().hits == 1


def test_each_gazetteer_remembers_its_own_names_and_a_bounded_number() -> None:
    bare, record = Gazetteer(), Gazetteer({"陳大文": "lr-person-x"})
    bare.find("陳大文被捕。")
    found = record.find("陳大文被捕。")
    assert [(h.name, h.entity_id) for h in found] == [("陳大文", "lr-person-x")]
    assert record._find_once.cache_info().maxsize == FIND_CACHE


def test_the_mainland_counts_answer_both_questions_as_before() -> None:
    text = "深圳" * 7 + "香港" * 2
    assert _lexicon.mostly_mainland(text) is False  # 7 < 7 x 2
    assert _lexicon.mainland_leaning(text) is True  # 7 >= 2 x 2
    assert _lexicon._place_counts(text) == (7, 2)
    assert _lexicon.mostly_mainland("深圳" * 6) is False  # fewer than seven
