"""Timelines and statistics: articles per month per outlet, and per linked entity, with
the record's events on the same time axis (issue #7 §5). Plain data, for JSON and for
`lionrock.render.timeline_svg`.

Example:
    data = article_timeline(store, entity_id="lr-person-jimmy-lai")
    data["series"]["Citizen News"]["2021-06"]
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from lionrock.library._search import date_bound
from lionrock.store import Store


def _months(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def article_timeline(
    store: Store,
    *,
    entity_id: str | None = None,
    outlet: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    published_only: bool = False,
) -> dict[str, Any]:
    """Articles per month per outlet (mentioning `entity_id`, when given), and the
    record's events in the same months.

    Example: `article_timeline(store, outlet="Citizen News")["months"][0]`.
    """
    params: dict[str, Any] = {}
    where = ["t.published_at IS NOT NULL"]
    join = ""
    if entity_id:
        params["entity"] = entity_id
        review = "= 'published'" if published_only else "<> 'rejected'"
        join = (
            "JOIN statements d ON d.value = t.id AND d.prop = 'document' "
            "JOIN statements r ON r.entity_id = d.entity_id AND r.prop = 'resolved' "
            f"AND r.value = :entity AND r.review {review}"
        )
    if outlet:
        params["outlet"] = outlet
        where.append("t.publisher = :outlet")
    if (start := date_bound(date_from, end=False)) is not None:
        params["start"] = start
        where.append("t.published_at >= :start")
    if (stop := date_bound(date_to, end=True)) is not None:
        params["stop"] = stop
        where.append("t.published_at <= :stop")
    if published_only:
        where.append(
            "EXISTS (SELECT 1 FROM statements s WHERE s.entity_id = t.id "
            "AND s.prop = 'title' AND s.review = 'published')"
        )
    sql = (
        "SELECT t.publisher, substr(t.published_at, 1, 7) AS month, "
        f"count(DISTINCT t.id) FROM library_texts t {join} WHERE {' AND '.join(where)} "
        "GROUP BY t.publisher, substr(t.published_at, 1, 7)"
    )
    with store.read() as conn:
        rows = conn.execute(text(sql), params).all()
    series: dict[str, dict[str, int]] = {}
    for publisher, month, count in rows:
        series.setdefault(publisher, {})[month] = int(count)
    found = sorted({m for counts in series.values() for m in counts})
    months = _months(found[0], found[-1]) if found else []
    return {
        "entity": entity_id,
        "outlet": outlet,
        "months": months,
        "series": {k: dict(sorted(v.items())) for k, v in sorted(series.items())},
        "total": sum(sum(v.values()) for v in series.values()),
        "events": _events(store, months, published_only=published_only),
    }


def _events(store: Store, months: list[str], *, published_only: bool) -> list[dict[str, str]]:
    """The record's events dated to a month among `months`, in date order (an event dated
    only to a year cannot be placed on a monthly axis, so it is left out)."""
    if not months:
        return []
    shown = set(months)
    events = []
    for event in store.iter_entities(schema="Event", published_only=published_only):
        dates = sorted(event.values("date") or event.values("startDate"))
        if dates and len(dates[0]) >= 7 and dates[0][:7] in shown:
            events.append({"id": event.id, "date": dates[0], "name": event.caption})
    return sorted(events, key=lambda e: (e["date"], e["id"]))
