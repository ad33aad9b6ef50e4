"""Statistics over the record: what `lionrock stats` and the home page report."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import text

from lionrock.model import get_model
from lionrock.store import Store


def _rows(store: Store, sql: str, **params: Any) -> list[Any]:
    with store.read() as conn:
        return list(conn.execute(text(sql), params).all())


def facts_without_source(store: Store) -> int:
    """Facts whose source is missing or is not a source document (must be 0)."""
    sources = [n for n, spec in get_model().schemata.items() if spec.is_source]
    marks = ", ".join(f":s{i}" for i in range(len(sources)))
    sql = (
        "SELECT count(*) FROM statements s LEFT JOIN entities e ON e.id = s.source_id "
        f"WHERE e.id IS NULL OR e.schema NOT IN ({marks})"
    )
    return int(_rows(store, sql, **{f"s{i}": n for i, n in enumerate(sources)})[0][0])


def case_outcomes(store: Store) -> list[dict[str, Any]]:
    """Per court case: defendants charged, and counts by plea and by verdict."""
    charges: dict[str, list[dict[str, str]]] = defaultdict(list)
    for charge in store.iter_entities(schema="Charge"):
        first = {p: (charge.values(p) or [""])[0] for p in ("case", "defendant", "plea", "verdict")}
        charges[first["case"]].append(first)
    cases = {e.id: e for e in store.iter_entities(ids=list(charges))}
    result = []
    for case_id, rows in sorted(charges.items()):
        case = cases.get(case_id)
        result.append(
            {
                "id": case_id,
                "name": case.caption if case is not None else case_id,
                "defendants": len({r["defendant"] for r in rows}),
                "charges": len(rows),
                "pleas": dict(Counter(r["plea"] or "unknown" for r in rows)),
                "verdicts": dict(Counter(r["verdict"] or "unknown" for r in rows)),
            }
        )
    return result


def sanctions_by_program(store: Store) -> dict[str, dict[str, int]]:
    """Per sanctioning country and program: how many distinct persons and entities."""
    sql = (
        "SELECT c.value AS country, p.value AS program, t.value AS target, e.schema "
        "FROM statements p "
        "JOIN statements t ON t.entity_id = p.entity_id AND t.prop = 'entity' "
        "LEFT JOIN statements c ON c.entity_id = p.entity_id AND c.prop = 'country' "
        "LEFT JOIN entities e ON e.id = t.value "
        "WHERE p.schema = 'Sanction' AND p.prop = 'program'"
    )
    persons: dict[str, set[str]] = defaultdict(set)
    targets: dict[str, set[str]] = defaultdict(set)
    for country, program, target, schema in _rows(store, sql):
        key = f"{country or '?'}:{program}"
        targets[key].add(target)
        if schema == "Person":
            persons[key].add(target)
    return {
        key: {"persons": len(persons[key]), "entities": len(targets[key])}
        for key in sorted(targets)
    }


def compute_stats(store: Store) -> dict[str, Any]:
    """Everything `lionrock stats` reports, as plain data.

    Example: `compute_stats(store)["facts_without_source"]` is `0`.
    """
    schemata = dict(_rows(store, "SELECT schema, count(*) FROM entities GROUP BY schema"))
    review = dict(_rows(store, "SELECT review, count(*) FROM statements GROUP BY review"))
    status = dict(_rows(store, "SELECT status, count(*) FROM statements GROUP BY status"))
    custody = dict(
        _rows(
            store,
            "SELECT value, count(DISTINCT entity_id) FROM statements "
            "WHERE prop = 'custodyStatus' GROUP BY value",
        )
    )
    events = []
    for event in store.iter_entities(schema="Event"):
        dates = sorted(event.values("date") or event.values("startDate"))
        events.append({"id": event.id, "date": dates[0] if dates else "", "name": event.caption})
    events.sort(key=lambda e: (e["date"], e["id"]))
    per_year = Counter(e["date"][:4] for e in events if e["date"])
    return {
        "entities": sum(schemata.values()),
        "facts": sum(review.values()),
        "facts_by_review": review,
        "facts_by_status": status,
        "facts_without_source": facts_without_source(store),
        "schemata": dict(sorted(schemata.items())),
        "custody_status": dict(sorted(custody.items())),
        "events_per_year": dict(sorted(per_year.items())),
        "events": events,
        "cases": case_outcomes(store),
        "sanctions": sanctions_by_program(store),
    }
