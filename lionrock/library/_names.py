"""Name forms of the record's people and organisations, and which are safe to look for.

This is the seam a name-matching layer plugs into (the sanctions issue's, when it lands):
anything with `forms(entity)` and `refuse(form)` is a `NameLayer`. `RecordNames`, the
default, reads the record's own names (name, alias, previousName, abbreviation,
weakAlias is skipped), reorders list-style `SURNAME, Given` names, and refuses forms that
would flood the results: Chinese forms under three characters (陳, 民陣), English forms of
one word (Wong) unless an acronym of four capitals or more (CHRF), and forms shorter than
eight letters. Precision matters more than recall (issue #7 §3).

Example:
    layer = RecordNames()
    [f.text for f in layer.forms(person) if layer.refuse(f) is None]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from lionrock.library._fold import fold, is_han
from lionrock.store import Entity

NAME_PROPS = ("name", "alias", "previousName", "abbreviation")
MIN_HAN_CHARS = 3
MIN_LATIN_LETTERS = 8
ACRONYM_RE = re.compile(r"^[A-Z]{4,}$")
LIST_STYLE_RE = re.compile(r"^([A-Z][A-Z'\-]+),\s+(.+)$")


@dataclass(frozen=True, slots=True)
class NameForm:
    """One way an entity is written: the text, its language and where it came from."""

    text: str
    lang: str | None
    prop: str

    @property
    def han(self) -> bool:
        return is_han(self.text)

    def key(self) -> str:
        """The folded form, for spotting two entities that share a name."""
        return " ".join(fold(self.text).replace("-", " ").split())


class NameLayer(Protocol):
    """What linking needs from a name layer."""

    def forms(self, entity: Entity) -> list[NameForm]:
        """Every form the entity may be written in."""
        ...

    def refuse(self, form: NameForm) -> str | None:
        """Why a form must not be searched for on its own, or None when it may be."""
        ...


class RecordNames:
    """The default name layer: the record's own names, with guards against floods."""

    def forms(self, entity: Entity) -> list[NameForm]:
        found: dict[str, NameForm] = {}
        for prop in NAME_PROPS:
            for fact in entity.facts:
                if fact.prop != prop:
                    continue
                for text in _variants(fact.value):
                    form = NameForm(text, fact.lang, prop)
                    found.setdefault(form.key(), form)
        return list(found.values())

    def refuse(self, form: NameForm) -> str | None:
        text = form.text.strip()
        if form.han:
            han = sum(1 for c in text if is_han(c))
            return f"fewer than {MIN_HAN_CHARS} Chinese characters" if han < MIN_HAN_CHARS else None
        words = re.findall(r"[A-Za-z]+", text)
        if len(words) == 1 and ACRONYM_RE.match(text):
            return None
        if len(words) < 2:
            return "a single word"
        if sum(len(w) for w in words) < MIN_LATIN_LETTERS:
            return f"fewer than {MIN_LATIN_LETTERS} letters"
        return None


def _variants(value: str) -> list[str]:
    """The name as recorded, and `Given Surname` for a list-style `SURNAME, Given`."""
    found = LIST_STYLE_RE.match(value.strip())
    if not found:
        return [value.strip()]
    surname = found.group(1).title()
    return [f"{found.group(2)} {surname}"]
