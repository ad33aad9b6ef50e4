"""A consistency check's finding (`Problem`) and the helper each rule builds them with,
shared by the rules in `checks` and `_appeal_checks`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lionrock.model import Fact
from lionrock.record._data import CaseRecord
from lionrock.store import Entity

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One failure of one rule: the entity, what is wrong, and the facts involved."""

    rule: str
    severity: str
    entity_id: str
    entity: str
    message: str
    facts: tuple[dict[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "entity_id": self.entity_id,
            "entity": self.entity,
            "message": self.message,
            "facts": list(self.facts),
        }

    def describe(self) -> str:
        """Plain text, one line per fact: what `lionrock check` prints."""
        lines = [f"{self.severity}: {self.rule}: {self.entity} ({self.entity_id}): {self.message}"]
        for fact in self.facts:
            src = fact["source"]
            where = ", ".join(str(x) for x in (src["publisher"], src["title"], src["date"]) if x)
            lines.append(
                f"    {fact['entity_id']}.{fact['prop']} = {fact['value']!r}"
                f" [{fact['review']}] cites {src['id']}" + (f" ({where})" if where else "")
            )
        return "\n".join(lines)


class _Found:
    """Builds the problems of one rule."""

    def __init__(self, record: CaseRecord, rule: str, severity: str = ERROR) -> None:
        self.record, self.rule, self.severity = record, rule, severity
        self.items: list[Problem] = []

    def add(self, entity: Entity | str, message: str, facts: Iterable[Fact]) -> None:
        entity_id = entity if isinstance(entity, str) else entity.id
        found = self.record.entities.get(entity_id)
        caption = found.caption if found is not None else entity_id
        refs = tuple(
            {
                "id": f.id,
                "entity_id": f.entity_id,
                "prop": f.prop,
                "value": f.value,
                "review": f.review,
                "source": self.record.cite(f),
            }
            for f in facts
        )
        self.items.append(Problem(self.rule, self.severity, entity_id, caption, message, refs))
