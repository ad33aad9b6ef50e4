"""Emigration figures (issue #17, item 3): each `Statistic` is one number a source
states, with its jurisdiction, measure, period and citation. This module orders them into
series for the charts and writes them as CSV rows.

A chart never mixes what it should not: figures are grouped by measure and by the length
of their period (a month, a quarter, part of a year, a year, or longer: running totals
since a route opened), so each bar is comparable with its neighbours. Figures of the measure
`other` each count something different (their `summary` says what) and are listed, never
charted. Every bar is one cited figure; nothing is summed or interpolated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from lionrock.abroad._record import AbroadRecord
from lionrock.record import date_bounds
from lionrock.store import Entity, citation

#: Period classes, by length in days (the upper bound is inclusive), in chart order.
SPANS: tuple[tuple[str, int], ...] = (
    ("month", 31),
    ("quarter", 92),
    ("part", 364),  # several months: a half-year, January to October
    ("year", 366),  # a calendar or financial year
    ("total", 1_000_000),
)
UNCHARTED = "other"
CSV_COLUMNS = (
    "id",
    "name",
    "jurisdiction",
    "country",
    "measure",
    "value",
    "period_start",
    "period_end",
    "as_of",
    "status",
    "summary",
    "url",
    "source_id",
    "source_title",
    "source_publisher",
    "source_date",
    "source_url",
)


def _first_fact(entity: Entity, prop: str) -> Any:
    for fact in entity.facts:
        if fact.prop == prop:
            return fact
    return None


def period(figure: Entity) -> tuple[date | None, date | None]:
    """The first and last day a figure's period covers (`None` where not recorded)."""
    start = date_bounds(figure.first("periodStart"))
    end = date_bounds(figure.first("periodEnd") or figure.first("asOf"))
    return (start[0] if start else None), (end[1] if end else None)


def period_label(figure: Entity) -> str:
    """The period as written in the record: `2021-01-31 – 2021-03-31`, `2019-09`, `2015`
    (a whole calendar year), or `– 2021-07` when only its end is known."""
    start = figure.first("periodStart") or ""
    end = figure.first("periodEnd") or figure.first("asOf") or ""
    first, last = period(figure)
    if first and last and first.year == last.year and _whole_year(first, last):
        return str(first.year)
    if start and start == end:
        return start
    return f"{start} – {end}" if start else f"– {end}"


def _whole_year(first: date, last: date) -> bool:
    return (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)


def span_class(figure: Entity, opened: Iterable[str] = ()) -> str:
    """`month`, `quarter`, `part` (of a year), `year` or `total`: longer, with no recorded
    start, or a running total from a route's opening (`opened`: the jurisdiction's
    `hongKongPathwayOpened`) over more than a quarter."""
    first, last = period(figure)
    if first is None or last is None:
        return "total"
    days = (last - first).days + 1
    if days > SPANS[1][1] and figure.first("periodStart") in set(opened):
        return "total"
    return next(name for name, limit in SPANS if days <= limit)


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _opened(record: AbroadRecord, figure: Entity) -> list[str]:
    jurisdiction = record.entities.get(figure.first("jurisdiction") or "")
    return jurisdiction.values("hongKongPathwayOpened") if jurisdiction is not None else []


def figure_row(record: AbroadRecord, figure: Entity) -> dict[str, Any]:
    """One figure as page data: its period, value, status and citation."""
    fact = _first_fact(figure, "value")
    source = record.entities.get(fact.source_id) if fact is not None else None
    summary = _first_fact(figure, "summary")
    return {
        "id": figure.id,
        "name": figure.first("name") or figure.caption,
        "measure": figure.first("measure") or UNCHARTED,
        "period": period_label(figure),
        "span": span_class(figure, _opened(record, figure)),
        "end": str(period(figure)[1] or ""),
        "value": _number(fact.value) if fact is not None else 0.0,
        "status": fact.status if fact is not None else "confirmed",
        "source": citation(fact.source_id, source) if fact is not None else None,
        "summary": {
            "value": summary.value,
            "status": summary.status,
            "source": citation(summary.source_id, record.entities.get(summary.source_id)),
        }
        if summary is not None
        else None,
    }


def series(record: AbroadRecord, figures: list[Entity]) -> list[dict[str, Any]]:
    """The charts of a country's figures: one per measure and period class, each bar a
    cited figure, in order of its period's end, then start."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for figure in figures:
        row = figure_row(record, figure)
        if row["measure"] == UNCHARTED or row["source"] is None:
            continue
        groups.setdefault((row["measure"], row["span"]), []).append(row)
    order = {name: i for i, (name, _) in enumerate(SPANS)}
    charts = []
    for (measure, span), rows in sorted(groups.items(), key=lambda g: (g[0][0], order[g[0][1]])):
        rows.sort(key=lambda r: (r["end"], r["period"], r["id"]))
        charts.append({"measure": measure, "span": span, "bars": rows})
    return charts


def csv_rows(record: AbroadRecord, *, url_for: Callable[[str], str]) -> Iterator[dict[str, str]]:
    """Every figure as a CSV row, in order of jurisdiction, measure and period."""
    figures = sorted(
        record.figures,
        key=lambda f: (record.country_of_figure(f), f.first("measure") or "", str(period(f)[1]),
                       f.id),
    )  # fmt: skip
    for figure in figures:
        row = figure_row(record, figure)
        source = row["source"] or {}
        jurisdiction = figure.first("jurisdiction") or ""
        yield {
            "id": figure.id,
            "name": row["name"],
            "jurisdiction": jurisdiction,
            "country": record.country_of_figure(figure),
            "measure": row["measure"],
            "value": figure.first("value") or "",
            "period_start": figure.first("periodStart") or "",
            "period_end": figure.first("periodEnd") or "",
            "as_of": figure.first("asOf") or "",
            "status": row["status"],
            "summary": row["summary"]["value"] if row["summary"] else "",
            "url": url_for(figure.id),
            "source_id": source.get("id") or "",
            "source_title": source.get("title") or "",
            "source_publisher": source.get("publisher") or "",
            "source_date": source.get("date") or "",
            "source_url": source.get("url") or "",
        }
