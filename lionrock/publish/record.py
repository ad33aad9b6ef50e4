"""The published record, loaded once into memory for a build.

Only published facts are read (`published_only=True`: drafts and records in review never
enter), and confidential properties are dropped here, before any page sees them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lionrock.render import visible_props
from lionrock.store import Entity, Store


@dataclass(slots=True)
class SiteRecord:
    """Every published entity, and which entities point at each one.

    Example: `SiteRecord.load(store).of_schema("Event")`.
    """

    entities: dict[str, Entity]
    backlinks: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> SiteRecord:
        """Read the published record from the store."""
        return cls.from_entities(store.iter_entities(published_only=True))

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> SiteRecord:
        """Build from entities; confidential facts are dropped."""
        kept: dict[str, Entity] = {}
        for entity in entities:
            props = visible_props(entity.schema)
            facts = tuple(f for f in entity.facts if f.prop in props)
            if facts:
                kept[entity.id] = Entity(entity.id, entity.schema, facts)
        backlinks: dict[str, list[str]] = defaultdict(list)
        for entity in kept.values():
            props = visible_props(entity.schema)
            for target in {f.value for f in entity.facts if props[f.prop].is_entity}:
                if target in kept and target != entity.id:
                    backlinks[target].append(entity.id)
        return cls(kept, dict(backlinks))

    def of_schema(self, *names: str) -> list[Entity]:
        """Entities of these schemata, by ID."""
        return [e for e in self.entities.values() if e.schema in names]

    def pointing_at(self, entity_id: str) -> list[Entity]:
        """The entities whose facts link to `entity_id`."""
        return [self.entities[i] for i in self.backlinks.get(entity_id, ())]
