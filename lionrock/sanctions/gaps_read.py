"""What the gap matrix reads from the record's entities (issue #12): the lists checked per
jurisdiction, the record's designations with their sources' dates, each person's cited
roles and recommendations, and the PRC's counter-sanctions that answer a measure against
them. `gaps.gap_matrix_of` puts them together into rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from lionrock.sanctions.gaps_model import CheckedList, CounterSanction, Recommended, Role
from lionrock.sanctions.linking import Listing
from lionrock.sanctions.lists import SNAPSHOT_SOURCE
from lionrock.store import Entity


def checked_lists(entities: Mapping[str, Entity]) -> dict[str, list[CheckedList]]:
    """Per jurisdiction code, the latest snapshot of each list whose designations are in
    `entities` (an imported list, or the bundled OFAC extract)."""
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for sanction in (e for e in entities.values() if e.schema == "Sanction"):
        countries = sanction.values("country")
        for fact in sanction.facts:
            match = SNAPSHOT_SOURCE.match(fact.source_id)
            if match:
                for country in countries:
                    seen.setdefault((country, match.group(1)), {})[match.group(2)] = match.group(0)
    found: dict[str, list[CheckedList]] = defaultdict(list)
    for (country, list_name), dates in sorted(seen.items()):
        date = max(dates)
        doc = entities.get(dates[date])
        title = (doc.first("title") if doc else None) or list_name
        file_name = (doc.first("fileName") if doc else None) or ""
        found[country].append(CheckedList(list_name, date, dates[date], title, file_name))
    return dict(found)


def dated(
    current: dict[str, list[Listing]], entities: Mapping[str, Entity]
) -> dict[str, list[Listing]]:
    """The listings, each designation of the record with its source's date."""

    def dated(x: Listing) -> Listing:
        doc = entities.get(x.record_source) if x.record_source else None
        when = (doc.first("publishedAt") or doc.first("date") or "") if doc else ""
        return replace(x, record_source_date=when) if when else x

    return {t: [dated(x) for x in xs] for t, xs in current.items()}


def _name(entities: Mapping[str, Entity], entity_id: str) -> str:
    entity = entities.get(entity_id)
    return entity.caption if entity is not None else entity_id


def roles_of(records: Iterable[Entity], entities: Mapping[str, Entity]) -> dict[str, list[Role]]:
    found: dict[str, list[Role]] = defaultdict(list)
    for rec in records:
        target = rec.first("target") or ""
        conduct = sum(1 for f in rec.facts if f.prop == "conduct")
        date = rec.first("date") or ""
        if not date and target in entities:
            date = entities[target].first("date") or entities[target].first("startDate") or ""
        for official in rec.values("official"):
            for role in rec.values("role") or [""]:
                found[official].append(
                    Role(rec.id, role, target, _name(entities, target), date, conduct)
                )
    return dict(found)


def recommendations_of(
    records: Iterable[Entity], entities: Mapping[str, Entity]
) -> dict[str, list[Recommended]]:
    found: dict[str, list[Recommended]] = defaultdict(list)
    for rec in records:
        by = ", ".join(_name(entities, r) for r in rec.values("recommender"))
        to = ", ".join(rec.values("addressedTo"))
        for subject in rec.values("subject"):
            found[subject].append(Recommended(rec.id, by, rec.first("date") or "", to))
    return dict(found)


def counter_sanctions_of(
    counter: Iterable[Entity], entities: Mapping[str, Entity]
) -> dict[str, list[CounterSanction]]:
    """Per person, the PRC's counter-sanctions that answer a measure against them: a
    counter-sanction `respondsTo` an Event that involves them or a Sanction on them. An
    Event in `counter` is an announcement that named no one (the 21 April 2025 answer to
    the US designations of 31 March): it answers the same way, with no targets."""
    grouped: dict[tuple[str, str, str], list[Entity]] = defaultdict(list)
    found: dict[str, list[CounterSanction]] = defaultdict(list)
    for event in (c for c in counter if c.schema != "Sanction"):
        for answered in event.values("respondsTo"):
            measure = entities.get(answered)
            if measure is None:
                continue
            date = event.first("date") or event.first("startDate") or ""
            item = CounterSanction(
                date, "", (), measure.caption, (event.id,), announcement=event.caption
            )
            for person in {*measure.values("involved"), *measure.values("entity")}:
                found[person].append(item)
    for sanction in (c for c in counter if c.schema == "Sanction"):
        date = sanction.first("startDate") or sanction.first("date") or ""
        for answered in sanction.values("respondsTo"):
            grouped[(answered, date, sanction.first("program") or "")].append(sanction)
    for (answered, date, program), group in grouped.items():
        measure = entities.get(answered)
        if measure is None:
            continue
        targets = tuple(sorted({_name(entities, t) for s in group for t in s.values("entity")}))
        item = CounterSanction(
            date, program, targets, measure.caption, tuple(sorted(s.id for s in group))
        )
        for person in {*measure.values("involved"), *measure.values("entity")}:
            found[person].append(item)
    return dict(found)
