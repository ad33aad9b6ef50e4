"""The Latin-script path's own logic-v2 call (`logic_v2.name_match`, each name analysed
once) scores and explains as nomenklatura's `name_match` on two `Person` entities; the
reach index's key tables (`reach.ReachIndex._key_tables`) hold what `_query_keys` gives
(issue #14, speed)."""

from __future__ import annotations

import hashlib

from followthemoney import model
from nomenklatura.matching import LogicV2
from nomenklatura.matching.logic_v2.names.match import name_match as nk_name_match

from lionrock.sanctions import KnownNames
from lionrock.sanctions.logic_v2 import cleaned, clear_analysed, name_match
from lionrock.sanctions.name_parts import FUZZY_TOLERANCE
from lionrock.sanctions.names import HAN_SYLLABLES, LATIN_SYLLABLES, parse_name
from lionrock.sanctions.reach import _query_keys


def _person(name: str) -> object:
    """A `Person` named `name` (nomenklatura caches its analysis by ID: one per name)."""
    entity = model.make_entity("Person")
    entity.id = "p-" + hashlib.sha1(name.encode()).hexdigest()
    entity.add("name", name)
    return entity


def test_name_match_is_nomenklaturas(labelled_pairs: list[tuple[str, str]]) -> None:
    config = LogicV2.default_config()
    config.config["nm_fuzzy_cutoff_factor"] = FUZZY_TOLERANCE
    latin = [(a, b) for a, b in labelled_pairs if not parse_name(a).han][::3]
    latin += [("J. SMITH", "SMITH, John"), ("SMITH, J", "John Smith"), ('"Ali"  Hassan', "Ali")]
    clear_analysed()
    for left, right in latin:
        for query, result in ((left, right), (right, left)):
            ours = name_match(query, result)
            theirs = nk_name_match(_person(query), _person(result), config)
            assert ours == (float(theirs.score), theirs.detail), (query, result)


def test_cleaned_is_the_name_property() -> None:
    for name in ("  Ali   Hassan ", '"Ali"', "", "   ", "Ali\x03 Hassan", "李家超"):
        assert cleaned(name) == _person(name).get("name")


def test_key_tables_are_the_keys_worked_out(bundled: KnownNames) -> None:
    reach = bundled.reach
    vocabulary = reach._vocabulary
    syllables = list(LATIN_SYLLABLES.values()) + list(HAN_SYLLABLES.values())[::20]
    assert len(syllables) > 3000
    for syllable in syllables:
        for place in (0, 1):
            keys = _query_keys(syllable, surname=place == 0)
            expected = frozenset(k for k in keys if k in vocabulary)
            assert reach._query_at(syllable, place) == expected
