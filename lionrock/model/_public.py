"""What the public may see: the one rule every public output goes through (issue #18 §2).

A fact is public when all of these hold:

- it is published (`review == "published"`): drafts, changes in review and rejected facts
  never leave the researchers' app;
- its property is not confidential (`confidential` in extensions.yaml: identity documents
  and contact details), for the entity's schema and for the fact's own;
- it does not hold a newsroom article's full text, unless a licence recorded on the
  source (`Document.license`) allows republishing it (issue #7 §6).

The web pages, the JSON API, every `--published-only` export, the static site (and so its
Atom feed, search index, ZIM and CAR), the public search and the dossier all call
`public_entity` or `is_public_prop`; `tests/web/test_public_outputs.py` enumerates them.

Example:
    entity = public_entity(store.entity("ofac-29250"))
    assert entity is None or all(f.prop != "idNumber" for f in entity.facts)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import cache
from typing import Protocol, TypeVar

from lionrock.model._facts import Fact

#: Licences that allow the full text to be republished (SPDX IDs, compared in upper case).
OPEN_LICENCES = frozenset(
    {
        "CC0-1.0",
        "CC-BY-4.0",
        "CC-BY-3.0",
        "CC-BY-2.0",
        "CC-BY-SA-4.0",
        "CC-BY-SA-3.0",
        "PUBLIC-DOMAIN",
        "PDDL-1.0",
    }
)
#: Properties whose value is the full text of a source; published output drops them.
FULL_TEXT_PROPS = frozenset({"bodyText", "indexText", "translatedText"})


class _HasFacts(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def schema(self) -> str: ...
    @property
    def facts(self) -> tuple[Fact, ...]: ...


E = TypeVar("E", bound=_HasFacts)


def allows_full_text(licence: str | None) -> bool:
    """Whether a recorded licence allows republishing the full text.

    Example: `allows_full_text("CC-BY-4.0")` is True; `allows_full_text(None)` is False.
    """
    return bool(licence) and licence.strip().upper() in OPEN_LICENCES  # type: ignore[union-attr]


@cache
def is_public_prop(schema: str, prop: str) -> bool:
    """Whether values of `prop` on `schema` may be published: the property is known and
    not confidential. An unknown schema or property is never public.

    Example: `is_public_prop("Person", "name")` is True; `("Person", "idNumber")` is False.
    """
    from lionrock.model._schema import get_model  # lazily: it loads FollowTheMoney

    spec = get_model().get(schema)
    if spec is None:
        return False
    found = spec.properties.get(prop)
    return found is not None and not found.confidential


def is_public_fact(fact: Fact, *, schema: str | None = None, licence: str | None = None) -> bool:
    """Whether one fact may be published. `schema` is its entity's (the fact's own is
    checked too), `licence` the entity's recorded licence (full text needs an open one).

    Example: `is_public_fact(fact, schema="Person")`.
    """
    if fact.review != "published":
        return False
    if not is_public_prop(fact.schema, fact.prop):
        return False
    if schema is not None and schema != fact.schema and not is_public_prop(schema, fact.prop):
        return False
    return fact.prop not in FULL_TEXT_PROPS or allows_full_text(licence)


def public_entity(entity: E) -> E | None:
    """The entity as the public may see it, keeping only its public facts
    (`is_public_fact`); None when none is left. The same object comes back when every fact
    is public.

    Example: `public_entity(store.entity("ofac-29250"))`.
    """
    licences = [f.value for f in entity.facts if f.prop == "license" and f.review == "published"]
    licence = licences[0] if licences else None
    facts = tuple(
        f for f in entity.facts if is_public_fact(f, schema=entity.schema, licence=licence)
    )
    if not facts:
        return None
    if len(facts) == len(entity.facts):
        return entity
    return dataclasses.replace(entity, facts=facts)  # type: ignore[type-var]


def public_entities(entities: Iterable[E]) -> Iterable[E]:
    """`public_entity` over many, leaving out those with nothing public.

    Example: `list(public_entities(store.iter_entities(published_only=True)))`.
    """
    for entity in entities:
        kept = public_entity(entity)
        if kept is not None:
            yield kept
