"""What the rule tests read of the extractor's suggestions: (person, kind, value) triples."""

from __future__ import annotations

from lionrock.library.extract import Gazetteer, extract_text


def triples(body: str, names: Gazetteer, published: str) -> set[tuple[str, str, str]]:
    """(person, kind, value) of every suggestion for `body`, an article of `published`."""
    found = extract_text(article_id="a", body=body, published=published, names=names)
    return {(p.person, p.kind, p.value) for p in found}
