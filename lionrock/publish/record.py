"""The published record, loaded once into memory for a build.

Only published facts are read (`published_only=True`: drafts and records in review never
enter), and `lionrock.model.public_entity` drops confidential properties here, before any
page sees them, as it does a newsroom article's full text unless its recorded licence
allows republishing it (issue #7 §6, issue #18 §2).

Each entity also gets a fingerprint (a hash of every field of its kept facts), so a
rebuild can tell cheaply which entities changed since the last one.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, select

from lionrock.model import Fact, public_entity
from lionrock.publish.scope import site_scope
from lionrock.render import visible_props
from lionrock.store import Entity, Store
from lionrock.store._tables import entities as entity_table
from lionrock.store._tables import statements

_S = statements.c
#: Every field of a published fact, in `Fact`'s order, then the entity's schema: what
#: `Store.iter_entities(published_only=True)` reads, without its per-row overhead.
_PUBLISHED = (
    select(
        _S.entity_id, _S.schema, _S.prop, _S.value, _S.source_id, _S.status, _S.review,
        _S.lang, _S.original_value, _S.recorded_by, _S.recorded_at, entity_table.c.schema,
    )
    .join(entity_table, entity_table.c.id == _S.entity_id)
    .where(_S.review == "published")
    .order_by(_S.entity_id, _S.prop, _S.id)
)  # fmt: skip


def _rows_of(conn: Connection, ids: list[str], chunk: int = 500) -> list[Any]:
    """`_PUBLISHED`'s rows of these entities, by entity (the IDs sorted, in chunks that
    every backend takes as bound parameters)."""
    rows: list[Any] = []
    for start in range(0, len(ids), chunk):
        wanted = ids[start : start + chunk]
        rows += conn.execute(_PUBLISHED.where(_S.entity_id.in_(wanted))).all()
    return rows


def stable_digest(data: Any) -> str:
    """A SHA-256 of plain data (dicts, lists, tuples, strings, numbers, None), equal for
    equal data: its pickle without the memo (`fast` mode) writes every value out in
    full, whichever objects hold it. Several times faster than JSON or `repr`; nothing
    is ever unpickled.

    Example: `stable_digest({"a": [1, "x"]}) == stable_digest({"a": [1, "x"]})`.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: the bytes depend on the values only
    pickler.dump(data)
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


def fingerprint(entity: Entity) -> str:
    """A hash of everything recorded about `entity` (its schema and every fact field).

    Example: `fingerprint(store.entity("lr-person-benny-tai"))` is 40 hex digits.
    """
    return stable_digest([entity.schema, *(tuple(f.to_dict().values()) for f in entity.facts)])


@dataclass(slots=True)
class SiteRecord:
    """Every published entity, which entities point at each one, and each entity's
    fingerprint.

    Example: `SiteRecord.load(store).of_schema("Event")`.
    """

    entities: dict[str, Entity]
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)
    #: per imported list, its latest snapshot's size and how many entries the site shows
    lists: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, store: Store) -> SiteRecord:
        """Read the published record in the site's scope (`scope.site_scope`: imported
        list entries only when linked to the record) from the store, as `Store.
        iter_entities(published_only=True)` would give it."""
        scope = site_scope(store)
        with store.read() as conn:
            rows: list[Any]
            if scope.ids is None:
                rows = list(conn.execute(_PUBLISHED).all())
            else:
                rows = _rows_of(conn, sorted(scope.ids))
                # the sources their facts cite, where not in scope already
                cited = {r[4] for r in rows} - scope.ids
                rows += _rows_of(conn, sorted(cited))
                rows.sort(key=itemgetter(0))  # stable: each entity's own order is kept
        entities: list[Entity] = []
        prints: dict[str, str] = {}
        # rows come by entity: one run of rows per entity
        for entity_id, run in groupby(rows, key=itemgetter(0)):
            facts = list(run)
            # every published fact counts, confidential or not: a superset is safe
            prints[entity_id] = stable_digest([tuple(r) for r in facts])
            entities.append(Entity(entity_id, facts[0][11], tuple(Fact(*r[:11]) for r in facts)))
        record = cls.from_entities(entities, fingerprints=prints)
        record.lists = [c.to_dict() for c in scope.lists]
        return record

    @classmethod
    def from_entities(
        cls, entities: Iterable[Entity], *, fingerprints: Mapping[str, str] | None = None
    ) -> SiteRecord:
        """Build from entities; confidential facts, and full text no licence allows, are
        dropped. `fingerprints` are the entities' own, when the caller has them (else they
        are computed)."""
        kept: dict[str, Entity] = {}
        for entity in entities:
            public = public_entity(entity)  # the one rule for public output (issue #18 §2)
            if public is not None:
                kept[entity.id] = public
        backlinks: dict[str, list[str]] = defaultdict(list)
        for entity in kept.values():
            props = visible_props(entity.schema)
            for target in {f.value for f in entity.facts if props[f.prop].is_entity}:
                if target in kept and target != entity.id:
                    backlinks[target].append(entity.id)
        if fingerprints is None:
            prints = {i: fingerprint(e) for i, e in kept.items()}
        else:
            prints = {i: fingerprints[i] for i in kept}
        return cls(kept, dict(backlinks), prints)

    def of_schema(self, *names: str) -> list[Entity]:
        """Entities of these schemata, by ID."""
        return [e for e in self.entities.values() if e.schema in names]

    def pointing_at(self, entity_id: str) -> list[Entity]:
        """The entities whose facts link to `entity_id`."""
        return [self.entities[i] for i in self.backlinks.get(entity_id, ())]
