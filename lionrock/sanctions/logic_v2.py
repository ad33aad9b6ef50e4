"""nomenklatura's logic-v2 name match of two Latin-script person names, each name
analysed once (issue #14, speed).

`western.compare_western` asks logic-v2 for the score of two names, often several
times a pair (both ways, folded, initials read), and nomenklatura's `name_match` takes
two entities: each name became a followthemoney `Person`, and its names were analysed
through `followthemoney.names.entity_names`, once as the query and once as the result,
cached by entity. That setup was about half of logic-v2's time on the benchmark's
Latin pairs. Here each name string is cleaned as the entity's `name` property cleans it
and analysed by rigour's `analyze_names` as `entity_names` analyses it, once
(`_analysed`, a bounded cache): the query's analysis differs from the result's only in
reading a one-letter part as an initial (`infer_initials`), so a name without one is
analysed once for both. The scoring is `name_match`'s own steps, in its order, with
nomenklatura's functions: the literal match, the consolidated names, the pairs of
names and `match_name_symbolic` (tests/matching/test_logic_v2.py compares the two on
the benchmark's names).

Example:
    >>> name_match("IVANOV, Sergei", "Sergey IVANOV")[0] > 0.7
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from followthemoney.types import registry
from followthemoney.util import sanitize_text
from rigour.names import Name, NameTypeTag, analyze_names

from lionrock.sanctions.name_parts import FUZZY_TOLERANCE

MAX_ANALYSED = 32768  # names analysed and remembered (as `western_name` remembers them)


@dataclass(frozen=True, slots=True)
class _Names:
    """A name analysed as logic-v2's query and as its result, and each consolidated
    (nomenklatura's `entity_names` and `entity_names_consolidated`)."""

    query: set[Name]
    result: set[Name]
    query_consolidated: set[Name]
    result_consolidated: set[Name]


@dataclass(frozen=True, slots=True)
class _Setup:
    """nomenklatura's scoring functions and the configuration read once, as
    `name_match` reads it per pair."""

    match_symbolic: Any
    names_product: Any
    explain: Any
    tags_compatible: Any
    result: Any  # FtResult
    alignment: Any  # rigour's Alignment
    compare_config: Any
    extra_query: float
    extra_result: float
    family_name: float
    nul: float


@lru_cache(maxsize=1)
def _setup() -> _Setup:
    # nomenklatura loads slowly: only when a Latin-script pair is first compared.
    from nomenklatura.matching import LogicV2
    from nomenklatura.matching.logic_v2.names.analysis import names_product
    from nomenklatura.matching.logic_v2.names.match import match_name_symbolic
    from nomenklatura.matching.logic_v2.names.util import explain_alignment, part_tags_compatible
    from nomenklatura.matching.types import FtResult
    from nomenklatura.matching.util import FNUL
    from rigour.names import Alignment, CompareConfig

    config = LogicV2.default_config()
    config.config["nm_fuzzy_cutoff_factor"] = FUZZY_TOLERANCE
    assert config.get_optional_string("nm_name_property") is None  # every name property
    return _Setup(
        match_name_symbolic,
        names_product,
        explain_alignment,
        part_tags_compatible,
        FtResult,
        Alignment,
        CompareConfig(budget_tolerance=config.get_float("nm_fuzzy_cutoff_factor")),
        config.get_float("nm_extra_query_name"),
        config.get_float("nm_extra_result_name"),
        config.get_float("nm_family_name_weight"),
        FNUL,
    )


def cleaned(name: str) -> list[str]:
    """The name as a `Person`'s `name` property holds it (followthemoney's `add`:
    sanitized, quotes stripped and spaces squashed), or none when nothing is left."""
    text = sanitize_text(name)
    if not text:
        return []
    value = registry.name.clean_text(text)
    return [] if value is None else [value]


@lru_cache(maxsize=MAX_ANALYSED)
def _analysed(name: str) -> _Names:
    """`entity_names` of a `Person` named `name`, as the result and as the query."""
    values = cleaned(name)
    result = analyze_names(NameTypeTag.PER, values, {}, infer_initials=False, consolidate=False)
    if any(len(part.form) < 2 for n in result for part in n.parts):
        query = analyze_names(NameTypeTag.PER, values, {}, infer_initials=True, consolidate=False)
        query_consolidated = Name.consolidate_names(query)
    else:  # no one-letter part to read as an initial: the two analyses are one
        query = result
        query_consolidated = None
    result_consolidated = Name.consolidate_names(result)
    return _Names(query, result, query_consolidated or result_consolidated, result_consolidated)


def clear_analysed() -> None:
    """Forget the names analysed so far (the benchmark starts each round without)."""
    _analysed.cache_clear()


def name_match(query: str, result: str) -> tuple[float, str]:
    """logic-v2's `name_match` of two `Person`s named `query` and `result`: its score
    and its detail."""
    setup = _setup()
    q, r = _analysed(query), _analysed(result)
    # The literal match first, as `name_match` returns it early.
    query_comparable: dict[str, list[Name]] = {}
    for name in q.query:
        query_comparable.setdefault(name.comparable, []).append(name)
    result_comparable: dict[str, list[Name]] = {}
    for name in r.result:
        result_comparable.setdefault(name.comparable, []).append(name)
    common = set(query_comparable).intersection(result_comparable)
    for comparable in sorted(common, key=len, reverse=True):
        for q_name in query_comparable[comparable]:
            for r_name in result_comparable[comparable]:
                if not setup.tags_compatible(q_name, r_name):
                    continue
                align = setup.alignment(qps=q_name.parts, rps=r_name.parts, score=1.0)
                return 1.0, setup.explain(align)
    best = setup.result(score=setup.nul, detail=None)
    best_matches: list[Any] = []
    for query_name, result_name in setup.names_product(q.query_consolidated, r.result_consolidated):
        found, matches = setup.match_symbolic(
            query_name,
            result_name,
            setup.compare_config,
            setup.extra_query,
            setup.extra_result,
            setup.family_name,
        )
        if found.score >= best.score:
            best, best_matches = found, matches
            if best.score == 1.0:
                break
    if best_matches and best.detail is None:
        best.detail = " ".join(setup.explain(m) for m in best_matches)
    if best.detail is None:
        best.detail = "No name match found."
    return float(best.score), best.detail
