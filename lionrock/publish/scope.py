"""The site's scope: the Hong Kong record, not every entry of every imported list.

`lionrock sanctions import` brings whole list snapshots (OFAC's SDN list has 14,965
rows, Syria and SDGT among them) into the store as list data: every fact of such an
entry cites the snapshot's own source (`snapshots.source_id`). Publishing all of it made
a 178,880-page site (issue #13, item 4). The site carries instead:

- the record's own entities: those with a published fact citing any other source (the
  bundled record, editors' work);
- list entries linked to them: entries the record refers to, entries under a Hong Kong
  program (`HK-EO13936`, `HKAA`: the matched officials), entries whose name parts and
  birth dates are a record person's (the gap matrix's first rule), and the designations
  and other list records that point at an entry in scope;
- the sources the facts of all these cite;
- per list, how many entries its latest snapshot holds and how many of them the site
  shows (`ListCount`).

With no snapshot imported, everything published is the record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from lionrock.store import Store
from lionrock.store._tables import snapshots, statements

_S = statements.c
#: Programs whose designations are the Hong Kong record's own (lionrock.sources.ofac_sdn).
HK_PROGRAMS = frozenset({"HK-EO13936", "HKAA"})
#: Schemata of a list's subjects: such an entry enters the site only when linked itself;
#: a record of another schema (a Sanction, an Identification) follows the subject it
#: points at.
SUBJECTS = frozenset(
    {"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane"}
)
_NAMES = ("name", "alias", "previousName")


@dataclass(frozen=True, slots=True)
class ListCount:
    """One list's latest snapshot: its entries (persons, organisations, vessels...), and
    how many of them the site shows."""

    list_name: str
    date: str
    entities: int
    on_site: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Scope:
    """The entity IDs the site shows (None: every published entity) and the list counts.

    Example: `site_scope(store).ids` is None on the bundled record alone.
    """

    ids: frozenset[str] | None
    lists: tuple[ListCount, ...] = ()


def site_scope(store: Store) -> Scope:
    """Which published entities the site shows (see the module's docstring).

    Example: `"ofac-29250" in site_scope(store).ids` after the whole OFAC list is imported.
    """
    with store.read() as conn:
        snaps = conn.execute(
            select(snapshots.c.list, snapshots.c.snapshot_date, snapshots.c.source_id)
            .order_by(snapshots.c.list, snapshots.c.snapshot_date)
        ).all()  # fmt: skip
        if not snaps:
            return Scope(None)
        listed = {s.source_id for s in snaps}
        published = _S.review == "published"
        own = {
            r[0]
            for r in conn.execute(
                select(_S.entity_id).distinct().where(published, _S.source_id.not_in(listed))
            )
        }
        # every entity reference, from any published fact (entity, schema, target)
        edges = conn.execute(
            select(_S.entity_id, _S.schema, _S.value).distinct()
            .where(published, _S.prop_type == "entity")
        ).all()  # fmt: skip
        hk = {
            r[0]
            for r in conn.execute(
                select(_S.entity_id).where(
                    published, _S.schema == "Sanction", _S.prop == "program",
                    _S.value.in_(sorted(HK_PROGRAMS)),
                )
            )
        }  # fmt: skip
        names = conn.execute(
            select(_S.entity_id, _S.prop, _S.value)
            .where(published, _S.schema == "Person", _S.prop.in_((*_NAMES, "birthDate")))
        ).all()  # fmt: skip
        # the latest snapshot's entries (its listed subjects, not its designations)
        latest = {s.list: s for s in snaps}
        members: dict[str, set[str]] = {}
        for snap in latest.values():
            query = (
                select(_S.entity_id, _S.schema)
                .distinct()
                .where(_S.source_id == snap.source_id, _S.schema.in_(sorted(SUBJECTS)))
            )
            members[snap.list] = {r[0] for r in conn.execute(query)}
    ids = _closure(own, edges, hk, names)
    counts = tuple(
        ListCount(s.list, s.snapshot_date, len(members[s.list]), len(members[s.list] & ids))
        for s in latest.values()
    )
    return Scope(frozenset(ids), counts)


def _closure(
    own: set[str],
    edges: Iterable[tuple[str, str, str]],
    hk: set[str],
    names: Iterable[tuple[str, str, str]],
) -> set[str]:
    refs: dict[str, set[str]] = defaultdict(set)
    pointing: dict[str, set[str]] = defaultdict(set)  # target -> non-subject list records
    schema: dict[str, str] = {}
    for entity_id, entity_schema, target in edges:
        refs[entity_id].add(target)
        schema[entity_id] = entity_schema
        if entity_schema not in SUBJECTS:
            pointing[target].add(entity_id)
    ids = set(own)
    for entity_id in own:
        ids |= refs.get(entity_id, set())
    for sanction in hk:  # the Hong Kong programs' designations and their targets
        ids.add(sanction)
        ids |= refs.get(sanction, set())
    ids |= _same_names(ids, names)
    # the designations (and other records) of every subject in scope, and what they name
    for target in list(ids):
        for record in pointing.get(target, ()):
            ids.add(record)
            ids |= refs.get(record, set())
    return ids


def _same_names(ids: set[str], rows: Iterable[tuple[str, str, str]]) -> set[str]:
    """List persons with the same name parts as a person in scope, in any order, and no
    conflicting birth date (`lionrock.sanctions.linking`' first rule, so an entry the gap
    matrix would link is on the site too)."""
    from lionrock.sanctions.linking import dates_agree, name_key

    person_names: dict[str, list[str]] = defaultdict(list)
    births: dict[str, list[str]] = defaultdict(list)
    for entity_id, prop, value in rows:
        (births if prop == "birthDate" else person_names)[entity_id].append(value)
    keys: dict[frozenset[str], set[str]] = defaultdict(set)
    for entity_id in person_names.keys() & ids:
        for name in person_names[entity_id]:
            if (key := name_key(name)) is not None:
                keys[key].add(entity_id)
    # a cheap test first: a name shares a key only with a name it shares a word with
    words = {w for key in keys for w in key}
    found: set[str] = set()
    for entity_id, values in person_names.items():
        if entity_id in ids:
            continue
        for name in values:
            if (name.isascii() and words.isdisjoint(_words(name))) or (
                key := name_key(name)
            ) is None:
                continue
            if any(dates_agree(births[entity_id], births[p]) for p in keys.get(key, ())):
                found.add(entity_id)
    return found


def _words(name: str) -> set[str]:
    return {w for w in "".join(c if c.isalnum() else " " for c in name.lower()).split() if w}
