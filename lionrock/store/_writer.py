"""The one writer, and the SQLAlchemy queries it shares with the Store's reads.

Kept apart from `_store.py` so that opening a Store and searching it do not import
SQLAlchemy (issue #13, item 5): this module is imported on the first write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from lionrock.errors import LionRockError
from lionrock.fold import fold
from lionrock.model import Fact
from lionrock.store._store import BATCH, record_model, utcnow
from lionrock.store._tables import entities, statements


def schemata_of(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """The stored schema of each of `ids` that exists."""
    ids = list(dict.fromkeys(ids))
    found: dict[str, str] = {}
    for start in range(0, len(ids), BATCH):
        query = select(entities.c.id, entities.c.schema).where(
            entities.c.id.in_(ids[start : start + BATCH])
        )
        found.update({r.id: r.schema for r in conn.execute(query)})
    return found


def props_of(conn: Connection, ids: Iterable[str]) -> dict[str, set[str]]:
    """The properties each of `ids` already has."""
    ids = list(dict.fromkeys(ids))
    found: dict[str, set[str]] = {}
    for start in range(0, len(ids), BATCH):
        query = (
            select(statements.c.entity_id, statements.c.prop)
            .distinct()
            .where(statements.c.entity_id.in_(ids[start : start + BATCH]))
        )
        for row in conn.execute(query):
            found.setdefault(row.entity_id, set()).add(row.prop)
    return found


class Writer:
    """The one place writes happen. Obtain it from `Store.write()`."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.facts_written = 0
        self._now = utcnow()
        self._cited: set[str] = set()

    def _upsert(self, table: Any, rows: list[dict[str, Any]], update: Sequence[str]) -> None:
        dialect = sqlite if self.conn.dialect.name == "sqlite" else postgresql
        stmt = dialect.insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=["id"], set_={c: stmt.excluded[c] for c in update}
        )
        self.conn.execute(stmt, rows)

    def put_entities(self, schemata: dict[str, str]) -> None:
        """Create entities, or set the schema of existing ones (already reconciled)."""
        rows = [
            {"id": i, "schema": s, "created_at": self._now, "updated_at": self._now}
            for i, s in schemata.items()
        ]
        for start in range(0, len(rows), BATCH):
            self._upsert(entities, rows[start : start + BATCH], ("schema", "updated_at"))

    def put_facts(self, facts: Iterable[Fact], *, keep_review: bool = False) -> int:
        """Insert facts; a fact already present (same ID) has its provenance updated, and
        its review state too unless `keep_review` (a re-import must not undo a reviewer's
        decision: a rejected fact stays rejected)."""
        model = record_model()
        batch: list[dict[str, Any]] = []
        count = 0
        for fact in facts:
            if not fact.source_id:
                raise LionRockError(
                    f"{fact.entity_id}.{fact.prop} = {fact.value!r}: a fact needs a source"
                )
            spec = model.get(fact.schema)
            prop = spec.properties.get(fact.prop) if spec is not None else None
            if prop is None:
                raise LionRockError(f"{fact.entity_id}: unknown property {fact.prop!r}")
            self._cited.add(fact.source_id)
            row = fact.to_dict()
            row["id"] = fact.id
            row["prop_type"] = prop.type
            row["searchable"] = prop.searchable
            row["folded"] = fold(fact.value) if prop.searchable else None
            batch.append(row)
            if len(batch) >= BATCH:
                count += self._write_facts(batch, keep_review)
                batch = []
        if batch:
            count += self._write_facts(batch, keep_review)
        self.facts_written += count
        return count

    def _write_facts(self, rows: list[dict[str, Any]], keep_review: bool) -> int:
        rows = list({row["id"]: row for row in rows}.values())
        update = ("schema", "status", "original_value", "recorded_by", "recorded_at")
        self._upsert(statements, rows, update if keep_review else (*update, "review"))
        return len(rows)

    def set_review(self, entity_id: str, review: str) -> int:
        """Set the review state of every fact of an entity; returns how many changed."""
        result = self.conn.execute(
            statements.update().where(statements.c.entity_id == entity_id).values(review=review)
        )
        return int(result.rowcount or 0)

    def set_fact_review(self, fact_ids: Iterable[str], review: str) -> int:
        """Set the review state of the facts with these IDs; returns how many changed."""
        ids, count = list(fact_ids), 0
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            query = statements.update().where(statements.c.id.in_(chunk)).values(review=review)
            count += int(self.conn.execute(query).rowcount or 0)
        return count

    def delete_facts(self, fact_ids: Iterable[str]) -> int:
        """Delete the facts with these IDs (a reviewed removal or a merge); returns how many."""
        ids, count = list(fact_ids), 0
        for start in range(0, len(ids), BATCH):
            query = statements.delete().where(statements.c.id.in_(ids[start : start + BATCH]))
            count += int(self.conn.execute(query).rowcount or 0)
        return count

    def delete_entities(self, ids: Iterable[str]) -> None:
        """Delete entity rows (their facts must be gone or moved first)."""
        self.conn.execute(entities.delete().where(entities.c.id.in_(list(ids))))

    def existing_fact_ids(self, fact_ids: Iterable[str]) -> set[str]:
        """Which of these fact IDs are stored, as this transaction sees them."""
        ids, found = list(fact_ids), set[str]()
        for start in range(0, len(ids), BATCH):
            query = select(statements.c.id).where(statements.c.id.in_(ids[start : start + BATCH]))
            found.update(r.id for r in self.conn.execute(query))
        return found

    def schemata_of(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored schemata, as this transaction sees them."""
        return schemata_of(self.conn, ids)

    def props_of(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """Stored properties, as this transaction sees them."""
        return props_of(self.conn, ids)

    def check_sources(self) -> None:
        """Refuse the write if a fact it wrote cites a missing or non-source entity."""
        model = record_model()
        found = self.schemata_of(self._cited)
        for source_id in sorted(self._cited):
            spec = model.get(found.get(source_id, ""))
            if spec is None or not spec.is_source:
                raise LionRockError(f"facts cite {source_id!r}, which is not a source")
