"""Statistics over the record: what `lionrock stats` and the home page report."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import text

from lionrock.abroad import abroad_stats, load_record
from lionrock.model import get_model
from lionrock.record import (
    CaseRecord,
    Defendant,
    defendants,
    record_statistics,
    run_checks,
    standing_verdict,
)
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


def case_outcomes(store: Store, *, published_only: bool = False) -> list[dict[str, Any]]:
    """Per court case: defendants charged, and counts by plea and by verdict."""
    charges: dict[str, list[dict[str, str]]] = defaultdict(list)
    for charge in store.iter_entities(schema="Charge", published_only=published_only):
        first = {p: (charge.values(p) or [""])[0] for p in ("case", "defendant", "plea")}
        first["verdict"] = standing_verdict(charge)  # a quashed conviction is no conviction
        charges[first["case"]].append(first)
    cases = {e.id: e for e in store.iter_entities(ids=list(charges), published_only=published_only)}
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


def sanctions_by_program(
    store: Store, *, published_only: bool = False
) -> dict[str, dict[str, int]]:
    """Per sanctioning country and program: how many distinct persons and entities."""
    sql = (
        "SELECT c.value AS country, p.value AS program, t.value AS target, e.schema "
        "FROM statements p "
        "JOIN statements t ON t.entity_id = p.entity_id AND t.prop = 'entity' "
        "LEFT JOIN statements c ON c.entity_id = p.entity_id AND c.prop = 'country' "
        "LEFT JOIN entities e ON e.id = t.value "
        "WHERE p.schema = 'Sanction' AND p.prop = 'program'"
    )
    if published_only:
        sql += " AND p.review = 'published' AND t.review = 'published'"
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


def prosecution_stats(record: CaseRecord, people: list[Defendant]) -> dict[str, Any]:
    """What `lionrock stats` reports of the prosecution record (issue #11): persons with
    national-security-era charges, persons named as charged, arrested or wanted under those
    statutes (each once), charges by statute, persons by current custody
    status (with those whose reported terms have ended apart), how many are in custody
    now, convicted persons with and without a dated status, the 47's release dates, and
    the consistency checks' results."""
    numbers = record_statistics(record, people=people)
    report = run_checks(record)
    return {
        "nsl_era_persons": numbers["nsl_era_persons"],
        # named as charged, arrested (a source states the statute) or wanted under them
        "nsl_era_named": numbers["nsl_era_named"],
        "charges_by_statute": {k: v["charges"] for k, v in numbers["by_statute"].items()},
        # each person counted once, under the latest-dated status (issue #11)
        "custody_status": {k: v for k, v in numbers["by_status"].items() if k != "none"},
        "in_custody_persons": numbers["in_custody"],
        # serving a sentence as of a past date, every reported term ended since, no
        # release report found: not in custody now (`lionrock.record._term`)
        "term_ended_persons": numbers["term_ended"],
        "convicted_custody": numbers["convicted"],
        "hk47": numbers["hk47"],
        "check_failures": len(report.errors),
        "check_warnings": len(report.warnings),
        "checks_by_rule": report.to_dict()["by_rule"],
    }


def compute_stats(store: Store, *, published_only: bool = False) -> dict[str, Any]:
    """Everything `lionrock stats` reports, as plain data; with `published_only`, over
    published facts only (what the public web app shows).

    Example: `compute_stats(store)["facts_without_source"]` is `0`.
    """
    live = (
        " WHERE EXISTS (SELECT 1 FROM statements s WHERE s.entity_id = entities.id"
        " AND s.review = 'published')"
        if published_only
        else ""
    )
    schemata = dict(_rows(store, f"SELECT schema, count(*) FROM entities{live} GROUP BY schema"))
    where = " WHERE review = 'published'" if published_only else ""
    review = dict(_rows(store, f"SELECT review, count(*) FROM statements{where} GROUP BY review"))
    status = dict(_rows(store, f"SELECT status, count(*) FROM statements{where} GROUP BY status"))
    record = CaseRecord.from_store(store, published_only=published_only)
    people = defendants(record)
    events = []
    for event in store.iter_entities(schema="Event", published_only=published_only):
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
        **prosecution_stats(record, people),
        "events_per_year": dict(sorted(per_year.items())),
        "events": events,
        "cases": case_outcomes(store, published_only=published_only),
        "sanctions": sanctions_by_program(store, published_only=published_only),
        # Hongkongers abroad (issue #17)
        "abroad": abroad_stats(load_record(store, published_only=published_only)),
    }
