"""Per-entity history (revisions with a readable diff), restore, and merge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from lionrock.audit import append
from lionrock.errors import LionRockError
from lionrock.model import Fact, get_model
from lionrock.review._changes import (
    Change,
    _fact_dict,
    _insert_change,
    baseline,
    check_id,
    facts_of,
    get_change,
    list_changes,
    snapshot,
)
from lionrock.review._tables import redirects, revisions
from lionrock.store import Store, utcnow
from lionrock.store._tables import statements


@dataclass(frozen=True, slots=True)
class Revision:
    """The entity's facts after one step, and what that step added and removed."""

    id: int
    entity_id: str
    change_id: int | None
    action: str
    author: str
    created_at: str
    facts: list[dict[str, Any]]
    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    reviewed: list[dict[str, Any]]  # facts whose review state changed (with `was`)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "change_id": self.change_id,
            "action": self.action,
            "author": self.author,
            "created_at": self.created_at,
            "added": self.added,
            "removed": self.removed,
            "reviewed": self.reviewed,
            "facts": len(self.facts),
        }


def history(store: Store, entity_id: str) -> list[Revision]:
    """Every revision of an entity, oldest first, each with its diff from the one before:
    facts added, facts removed, and facts whose review state changed.

    Example: `[r.action for r in history(store, "lr-person-x")]` is like
    `["draft", "published"]`.
    """
    query = select(revisions).where(revisions.c.entity_id == entity_id).order_by(revisions.c.id)
    with store.read() as conn:
        rows = list(conn.execute(query))
    result: list[Revision] = []
    before: dict[str, dict[str, Any]] = {}
    for row in rows:
        facts = json.loads(row.facts)
        after = {f["id"]: f for f in facts}
        added = [f for k, f in after.items() if k not in before]
        removed = [f for k, f in before.items() if k not in after]
        reviewed = [
            {**f, "was": before[k]["review"]}
            for k, f in after.items()
            if k in before and before[k]["review"] != f["review"]
        ]
        result.append(
            Revision(
                row.id,
                row.entity_id,
                row.change_id,
                row.action,
                row.author,
                row.created_at,
                facts,
                added,
                removed,
                reviewed,
            )
        )
        before = after
    return result


def restore(store: Store, *, entity_id: str, revision_id: int, author: str) -> Change:
    """Propose a change that brings the entity back to a revision: facts it had then are
    re-added as drafts, facts it has gained since are retracted. Like any change, it is
    reviewed before it is published.
    """
    check_id(revision_id, f"revision of {entity_id}:")
    with store.read() as conn:
        row = conn.execute(
            select(revisions).where(
                revisions.c.id == revision_id, revisions.c.entity_id == entity_id
            )
        ).first()
    if row is None:
        raise LionRockError(f"{entity_id} has no revision {revision_id}")
    target = {f["id"]: f for f in json.loads(row.facts) if f["review"] == "published"}
    with store.write() as writer:
        baseline(writer, entity_id)
        current = {f.id: f for f in facts_of(writer.conn, entity_id)}
        adds = [
            Fact(
                **{k: v for k, v in f.items() if k != "id"}
                | {"review": "draft", "recorded_by": author, "recorded_at": utcnow()}
            )
            for i, f in target.items()
            if i not in current
        ]
        removes = [f for i, f in current.items() if i not in target and f.review == "published"]
        if not adds and not removes:
            raise LionRockError("the entity already matches that revision")
        writer.put_facts(adds)
        if adds:
            writer.put_entities({entity_id: adds[0].schema})
        change_id = _insert_change(
            writer,
            entity_id=entity_id,
            kind="restore",
            author=author,
            summary=f"restore revision {revision_id}",
            adds=[_fact_dict(f) for f in adds],
            removes=[_fact_dict(f) for f in removes],
        )
        snapshot(writer, entity_id=entity_id, change_id=change_id, action="draft", author=author)
        append(
            writer,
            actor=author,
            action="entity.restore",
            target=f"entity:{entity_id}",
            detail={"change": change_id, "revision": revision_id},
        )
    return get_change(store, change_id)


def resolve(store: Store, entity_id: str) -> str | None:
    """Where a merged-away ID now lives, or None."""
    with store.read() as conn:
        row = conn.execute(
            select(redirects.c.new_id).where(redirects.c.old_id == entity_id)
        ).first()
    return str(row.new_id) if row is not None else None


def merge(store: Store, *, keep_id: str, merge_id: str, actor: str) -> None:
    """Merge `merge_id` into `keep_id`: every fact of both is kept (moved onto `keep_id`,
    with its source, status and review state), references to the merged ID are repointed,
    and the merged ID redirects to the kept one.

    Example: `merge(store, keep_id="lr-person-a", merge_id="lr-person-b", actor="rev")`.
    """
    if keep_id == merge_id:
        raise LionRockError("an entity cannot be merged into itself")
    pending = [
        c
        for e in (keep_id, merge_id)
        for s in ("draft", "in_review")
        for c in list_changes(store, entity_id=e, state=s)
    ]
    if pending:
        raise LionRockError(f"change {pending[0].id} is pending on these entities; decide it first")
    model = get_model()
    with store.write() as writer:
        found = writer.schemata_of([keep_id, merge_id])
        for eid in (keep_id, merge_id):
            if eid not in found:
                raise LionRockError(f"no entity {eid!r}")
        left, right = model.get(found[keep_id]), model.get(found[merge_id])
        common = model.common_schema(left, right) if left and right else None
        if common is None:
            raise LionRockError(f"a {found[keep_id]} cannot be merged with a {found[merge_id]}")
        for eid in (keep_id, merge_id):
            baseline(writer, eid)
        moved = facts_of(writer.conn, merge_id)
        refs = [f for f in _referring(writer.conn, merge_id)]
        writer.delete_facts([f.id for f in moved] + [f.id for f in refs])
        writer.put_facts(
            Fact(**{**f.to_dict(), "entity_id": keep_id, "schema": common.name}) for f in moved
        )
        writer.put_facts(Fact(**{**f.to_dict(), "value": keep_id}) for f in refs)
        writer.put_entities({keep_id: common.name})
        writer.delete_entities([merge_id])
        now = utcnow()
        writer.conn.execute(
            redirects.update().where(redirects.c.new_id == merge_id).values(new_id=keep_id)
        )
        writer.conn.execute(
            redirects.insert().values(
                old_id=merge_id, new_id=keep_id, merged_by=actor, merged_at=now
            )
        )
        for eid in (keep_id, merge_id):
            snapshot(writer, entity_id=eid, change_id=None, action="merge", author=actor)
        append(
            writer,
            actor=actor,
            action="entity.merge",
            target=f"entity:{keep_id}",
            detail={"merged": merge_id, "facts": len(moved), "references": len(refs)},
        )


def _referring(conn: Any, entity_id: str) -> list[Fact]:
    from lionrock.store._store import _row_to_fact

    query = select(statements).where(
        statements.c.prop_type == "entity", statements.c.value == entity_id
    )
    return [_row_to_fact(r) for r in conn.execute(query)]
