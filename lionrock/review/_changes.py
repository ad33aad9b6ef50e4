"""Changes under review: draft -> in_review -> published (or rejected).

A change records facts about one entity (and any source created with it) as drafts, and
lists facts it retracts. Retractions take effect only when the change is published, so
the public record never loses a fact before a reviewer agrees. A reviewer cannot approve
their own change. Every step writes its facts, a revision of each entity it touched, and
an audit entry in one transaction through the Store's one `Writer`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from lionrock.audit import append
from lionrock.errors import LionRockError, Location
from lionrock.model import Fact
from lionrock.review._tables import change_comments, changes, revisions
from lionrock.sources import Defaults, Record, write_records
from lionrock.store import Store, Writer, utcnow
from lionrock.store._store import _row_to_fact
from lionrock.store._tables import statements

STATES = ("draft", "in_review", "published", "rejected")
MAX_FACTS = 200
MAX_VALUE = 20_000
MAX_COMMENT = 5_000
NEW_SOURCE = "new"
SOURCE_FIELDS = (
    ("title", "title"),
    ("publisher", "publisher"),
    ("date", "publishedAt"),
    ("url", "sourceUrl"),
)


@dataclass(frozen=True, slots=True)
class FactInput:
    """One new fact from a form or the API. `source_id` is an existing source's ID, or
    "new" for the source created with the change."""

    prop: str
    value: str
    source_id: str
    status: str = "confirmed"
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class SourceInput:
    """A source created inline: a document with a title, publisher and date (and a URL
    only when known)."""

    title: str
    publisher: str
    date: str
    url: str = ""
    schema: str = "Article"
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    """A proposed change and where it stands."""

    id: int
    entity_id: str
    kind: str
    author: str
    state: str
    summary: str
    adds: list[dict[str, Any]]
    removes: list[dict[str, Any]]
    created_at: str
    updated_at: str
    reviewed_by: str | None
    reviewed_at: str | None
    comments: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entity_id": self.entity_id,
            "kind": self.kind,
            "author": self.author,
            "state": self.state,
            "summary": self.summary,
            "adds": self.adds,
            "removes": self.removes,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
            "comments": self.comments,
        }


def _fact_dict(fact: Fact) -> dict[str, Any]:
    return {"id": fact.id, **fact.to_dict()}


def facts_of(conn: Connection, entity_id: str) -> list[Fact]:
    """Every fact of one entity, as this connection sees it, ordered by ID."""
    query = select(statements).where(statements.c.entity_id == entity_id)
    return [_row_to_fact(r) for r in conn.execute(query.order_by(statements.c.id))]


def snapshot(
    writer: Writer, *, entity_id: str, change_id: int | None, action: str, author: str
) -> None:
    """Record a revision: every fact the entity has now. The first revision of an
    entity loaded from files is preceded by a baseline of what the load wrote."""
    facts = [_fact_dict(f) for f in facts_of(writer.conn, entity_id)]
    writer.conn.execute(
        revisions.insert().values(
            entity_id=entity_id,
            change_id=change_id,
            action=action,
            author=author,
            created_at=utcnow(),
            facts=json.dumps(facts, ensure_ascii=False),
        )
    )


def baseline(writer: Writer, entity_id: str) -> None:
    """Keep the entity's state before its first recorded change."""
    known = writer.conn.execute(
        select(revisions.c.id).where(revisions.c.entity_id == entity_id).limit(1)
    ).first()
    if known is None and facts_of(writer.conn, entity_id):
        snapshot(writer, entity_id=entity_id, change_id=None, action="baseline", author="import")


def new_entity_id(schema: str) -> str:
    """Example: `new_entity_id("Person")` is like `"lr-person-3f2a9c01d4"`."""
    return f"lr-{schema.lower()}-{uuid.uuid4().hex[:10]}"


def _records(
    *,
    entity_id: str,
    schema: str,
    adds: list[FactInput],
    source: SourceInput | None,
    source_id: str | None,
    author: str,
) -> list[Record]:
    defaults = Defaults(review="draft", recorded_by=author, recorded_at=utcnow())
    records: list[Record] = []
    if source is not None and source_id is not None:
        for name, prop in SOURCE_FIELDS:
            value = getattr(source, name).strip()
            if value:
                records.append(
                    Record.make(
                        defaults,
                        entity_id=source_id,
                        schema=source.schema,
                        prop=prop,
                        value=value[:MAX_VALUE],
                        source_id=source_id,
                        location=Location("new source", None, name),
                    )
                )
    for line, add in enumerate(adds, 1):
        cited = source_id if add.source_id == NEW_SOURCE else add.source_id.strip()
        if add.source_id == NEW_SOURCE and source_id is None:
            cited = None
        records.append(
            Record.make(
                defaults,
                entity_id=entity_id,
                schema=schema,
                prop=add.prop,
                value=add.value[:MAX_VALUE],
                source_id=cited or None,
                status=add.status,
                lang=add.lang or None,
                location=Location("fact", line, add.prop),
            )
        )
    return records


def propose(
    store: Store,
    *,
    author: str,
    schema: str,
    adds: list[FactInput],
    entity_id: str | None = None,
    removes: tuple[str, ...] = (),
    source: SourceInput | None = None,
    summary: str = "",
) -> Change:
    """Record a change as a draft: new facts written with review state `draft`, each
    citing a source (an existing one, or `source` created with it); `removes` names facts
    of the entity to retract once the change is published.

    Example: `propose(store, author="ana", schema="Person",
    adds=[FactInput("name", "Chan Tai Man", "src-x")])`.
    """
    if not adds and not removes:
        raise LionRockError("the change adds and removes nothing")
    if len(adds) > MAX_FACTS or len(removes) > MAX_FACTS:
        raise LionRockError(f"a change holds at most {MAX_FACTS} facts")
    creating = entity_id is None
    entity_id = entity_id or new_entity_id(schema)
    source_id = new_entity_id(source.schema).replace("lr-", "src-", 1) if source else None
    with store.write() as writer:
        found = writer.schemata_of([entity_id]).get(entity_id)
        if not creating and found is None:
            raise LionRockError(f"no entity {entity_id!r}")
        schema = found or schema
        baseline(writer, entity_id)
        current = {f.id: f for f in facts_of(writer.conn, entity_id)}
        unknown = [r for r in removes if r not in current]
        if unknown:
            raise LionRockError(f"{entity_id} has no fact {unknown[0]!r}")
        written: list[Fact] = []
        records = _records(
            entity_id=entity_id,
            schema=schema,
            adds=adds,
            source=source,
            source_id=source_id,
            author=author,
        )
        write_records(writer, records, collect=written, keep_existing=True)
        if not written and not removes:
            raise LionRockError("every fact of the change is already recorded")
        change_id = _insert_change(
            writer,
            entity_id=entity_id,
            kind="create" if creating else "edit",
            author=author,
            summary=summary,
            adds=[_fact_dict(f) for f in written],
            removes=[_fact_dict(current[r]) for r in removes],
        )
        for touched in sorted({entity_id, *(f.entity_id for f in written)}):
            snapshot(writer, entity_id=touched, change_id=change_id, action="draft", author=author)
        # Uwazi #6677: an edit is recorded as an edit, not as a creation.
        append(
            writer,
            actor=author,
            action="entity.create" if creating else "entity.edit",
            target=f"entity:{entity_id}",
            detail={"change": change_id, "adds": len(written), "removes": len(removes)},
        )
    return get_change(store, change_id)


def _insert_change(
    writer: Writer,
    *,
    entity_id: str,
    kind: str,
    author: str,
    summary: str,
    adds: list[dict[str, Any]],
    removes: list[dict[str, Any]],
) -> int:
    now = utcnow()
    result = writer.conn.execute(
        changes.insert().values(
            entity_id=entity_id,
            kind=kind,
            author=author,
            state="draft",
            summary=summary.strip()[:MAX_COMMENT],
            adds=json.dumps(adds, ensure_ascii=False),
            removes=json.dumps(removes, ensure_ascii=False),
            created_at=now,
            updated_at=now,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _change(row: Any, comments: list[dict[str, str]] | None = None) -> Change:
    return Change(
        row.id,
        row.entity_id,
        row.kind,
        row.author,
        row.state,
        row.summary,
        json.loads(row.adds),
        json.loads(row.removes),
        row.created_at,
        row.updated_at,
        row.reviewed_by,
        row.reviewed_at,
        comments or [],
    )


MAX_ID = 2**31 - 1


def check_id(change_id: int, what: str = "change") -> None:
    """Refuse IDs no row can have (and that SQLite cannot even bind)."""
    if not 0 < change_id <= MAX_ID:
        raise LionRockError(f"no {what} {change_id}")


def get_change(store: Store, change_id: int) -> Change:
    """One change with its comments; LionRockError when there is none."""
    check_id(change_id)
    with store.read() as conn:
        row = conn.execute(select(changes).where(changes.c.id == change_id)).first()
        if row is None:
            raise LionRockError(f"no change {change_id}")
        query = (
            select(change_comments)
            .where(change_comments.c.change_id == change_id)
            .order_by(change_comments.c.id)
        )
        comments = [
            {"author": c.author, "body": c.body, "created_at": c.created_at}
            for c in conn.execute(query)
        ]
    return _change(row, comments)


def list_changes(
    store: Store,
    *,
    state: str | None = None,
    entity_id: str | None = None,
    author: str | None = None,
    limit: int = 100,
) -> list[Change]:
    """Changes, newest first, filtered by state, entity or author."""
    query = select(changes).order_by(changes.c.id.desc()).limit(max(1, min(limit, 500)))
    if state is not None:
        query = query.where(changes.c.state == state)
    if entity_id is not None:
        query = query.where(changes.c.entity_id == entity_id)
    if author is not None:
        query = query.where(changes.c.author == author)
    with store.read() as conn:
        return [_change(r) for r in conn.execute(query)]


def _load_for_update(writer: Writer, change_id: int, expected: str) -> Any:
    check_id(change_id)
    row = writer.conn.execute(select(changes).where(changes.c.id == change_id)).first()
    if row is None:
        raise LionRockError(f"no change {change_id}")
    if row.state != expected:
        raise LionRockError(
            f"change {change_id} is {row.state.replace('_', ' ')}, not {expected.replace('_', ' ')}"
        )
    return row


def _touched(row: Any) -> list[str]:
    ids = {row.entity_id}
    ids.update(f["entity_id"] for f in json.loads(row.adds))
    return sorted(ids)


def submit(store: Store, *, change_id: int, actor: str, is_reviewer: bool = False) -> Change:
    """Send a draft to review. Its author can, and so can a reviewer."""
    with store.write() as writer:
        row = _load_for_update(writer, change_id, "draft")
        if row.author != actor and not is_reviewer:
            raise PermissionError("only the author or a reviewer can submit this change")
        adds = [f["id"] for f in json.loads(row.adds)]
        writer.set_fact_review(adds, "in_review")
        _set_state(writer, change_id, "in_review")
        for entity_id in _touched(row):
            snapshot(
                writer, entity_id=entity_id, change_id=change_id, action="in_review", author=actor
            )
        append(
            writer,
            actor=actor,
            action="change.submit",
            target=f"change:{change_id}",
            detail={"entity": row.entity_id},
        )
    return get_change(store, change_id)


def _set_state(writer: Writer, change_id: int, state: str, reviewer: str | None = None) -> None:
    values: dict[str, Any] = {"state": state, "updated_at": utcnow()}
    if reviewer is not None:
        values.update(reviewed_by=reviewer, reviewed_at=values["updated_at"])
    writer.conn.execute(changes.update().where(changes.c.id == change_id).values(**values))


def approve(store: Store, *, change_id: int, reviewer: str) -> Change:
    """Publish a change in review: its facts become published and its retractions take
    effect. A reviewer cannot approve their own change."""
    with store.write() as writer:
        row = _load_for_update(writer, change_id, "in_review")
        if row.author == reviewer:
            raise PermissionError("a reviewer cannot approve their own change")
        writer.set_fact_review([f["id"] for f in json.loads(row.adds)], "published")
        writer.delete_facts([f["id"] for f in json.loads(row.removes)])
        _set_state(writer, change_id, "published", reviewer)
        for entity_id in _touched(row):
            snapshot(
                writer,
                entity_id=entity_id,
                change_id=change_id,
                action="published",
                author=reviewer,
            )
        append(
            writer,
            actor=reviewer,
            action="change.approve",
            target=f"change:{change_id}",
            detail={"entity": row.entity_id, "author": row.author},
        )
    return get_change(store, change_id)


def withdraw(store: Store, *, change_id: int, author: str) -> Change:
    """The author takes back a change not yet published (a draft or in review); like a
    rejection, its unpublished facts are removed and it ends `rejected`."""
    with store.read() as conn:
        row = conn.execute(select(changes).where(changes.c.id == change_id)).first()
    if row is None:
        raise LionRockError(f"no change {change_id}")
    if row.author != author:
        raise PermissionError("only its author can withdraw a change")
    return reject(store, change_id=change_id, reviewer=author, state=row.state, own=True)


def reject(
    store: Store, *, change_id: int, reviewer: str, state: str = "in_review", own: bool = False
) -> Change:
    """Turn a change down: its unpublished facts are removed (they stay in its record and
    in the entity's history); retractions are dropped. (`own`: the author withdraws it.)"""
    if state not in ("draft", "in_review"):
        raise LionRockError(f"change {change_id} is already {state}")
    with store.write() as writer:
        row = _load_for_update(writer, change_id, state)
        if row.author == reviewer and not own:
            raise PermissionError("a reviewer cannot decide on their own change")
        ids = [f["id"] for f in json.loads(row.adds)]
        query = select(statements.c.id).where(
            statements.c.id.in_(ids), statements.c.review != "published"
        )
        writer.delete_facts([r.id for r in writer.conn.execute(query)])
        orphans = [e for e in _touched(row) if not facts_of(writer.conn, e)]
        writer.delete_entities(orphans)
        _set_state(writer, change_id, "rejected", reviewer)
        for entity_id in _touched(row):
            snapshot(
                writer, entity_id=entity_id, change_id=change_id, action="rejected", author=reviewer
            )
        append(
            writer,
            actor=reviewer,
            action="change.withdraw" if own else "change.reject",
            target=f"change:{change_id}",
            detail={"entity": row.entity_id, "author": row.author},
        )
    return get_change(store, change_id)


def comment(store: Store, *, change_id: int, author: str, body: str) -> Change:
    """Add a comment to a change."""
    body = body.strip()
    if not body:
        raise LionRockError("the comment is empty")
    if len(body) > MAX_COMMENT:
        raise LionRockError(f"a comment holds at most {MAX_COMMENT} characters")
    check_id(change_id)
    with store.write() as writer:
        if (
            writer.conn.execute(select(changes.c.id).where(changes.c.id == change_id)).first()
            is None
        ):
            raise LionRockError(f"no change {change_id}")
        writer.conn.execute(
            change_comments.insert().values(
                change_id=change_id, author=author, body=body, created_at=utcnow()
            )
        )
        append(writer, actor=author, action="change.comment", target=f"change:{change_id}")
    return get_change(store, change_id)
