"""A server-rendered SVG timeline: stacked monthly bars per series, with events marked on
the same axis. Shared by the web app and the static site; no script, no external
resources, every text escaped.

Example:
    svg = timeline_svg(months=["2021-06", "2021-07"], series={"Citizen News": {"2021-06": 3}},
                       events=[{"date": "2021-06-24", "name": "Apple Daily closes"}])
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from html import escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2")
MAX_EVENTS = 40


def text_width(text: str, size: int = 13) -> int:
    """A generous estimate of the width of `text` in pixels (wide characters, such as
    Chinese, count as one em, others as 0.62 em), so that no label is cut.

    Example: `text_width("國安法") > text_width("NSL")`.
    """
    wide = sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)
    return round((wide + 0.62 * (len(text) - wide)) * size) + 4


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def timeline_svg(
    *,
    months: Sequence[str],
    series: Mapping[str, Mapping[str, int]],
    events: Sequence[Mapping[str, str]] = (),
    title: str = "Articles per month",
    width: int = 960,
    height: int = 360,
) -> str:
    """The SVG document (a string) of the timeline.

    Example: `timeline_svg(months=[], series={})` is a valid, empty chart.
    """
    left, right, top, bottom = 48, 16, 40, 64
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.get(m, 0) for s in series.values()) for m in months]
    peak = max(totals, default=0) or 1
    step = plot_w / max(len(months), 1)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        'font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="18" font-size="14">{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}
    labelled = _axis_labels(months, step)
    for i, month in enumerate(months):
        x = left + i * step
        base: float = top + plot_h
        for name, counts in series.items():
            count = counts.get(month, 0)
            if not count:
                continue
            h = plot_h * count / peak
            base -= h
            out.append(
                f'<rect x="{_fmt(x + 1)}" y="{_fmt(base)}" width="{_fmt(max(step - 2, 1))}" '
                f'height="{_fmt(h)}" fill="{colours[name]}">'
                f"<title>{escape(name)} {escape(month)}: {count}</title></rect>"
            )
        if i in labelled:
            out.append(
                f'<text x="{_fmt(x + step / 2)}" y="{top + plot_h + 14}" '
                f'text-anchor="middle">{escape(month)}</text>'
            )
    out += _events(events, months, left, top, plot_h, step)
    x = left
    for name in series:  # each legend entry as wide as its name: none overlaps the next
        out.append(
            f'<rect x="{x}" y="{height - 18}" width="10" height="10" fill="{colours[name]}"/>'
            f'<text x="{x + 14}" y="{height - 9}">{escape(name)}</text>'
        )
        x += max(180, text_width(name, 11) + 30)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _axis_labels(months: Sequence[str], step: float) -> set[int]:
    """Which months the axis names: all of up to 24; of more, each January, and the first
    month only when it has room before the first January (a range starting in 2019-12
    printed "2019-12" over "2020-01" on the prisoner statistics)."""
    if len(months) <= 24:
        return set(range(len(months)))
    found = {i for i, month in enumerate(months) if month.endswith("-01")}
    first = min(found, default=len(months))
    if first * step >= text_width(months[0], 11) + 4:
        found.add(0)
    return found


def _events(
    events: Sequence[Mapping[str, str]],
    months: Sequence[str],
    left: int,
    top: int,
    plot_h: int,
    step: float,
) -> list[str]:
    index = {m: i for i, m in enumerate(months)}
    out = []
    for n, event in enumerate(events[:MAX_EVENTS]):
        date = str(event.get("date", ""))
        i = index.get(date[:7])
        if i is None:
            continue
        day = int(date[8:10]) if len(date) >= 10 and date[8:10].isdigit() else 15
        x = left + (i + (day - 1) / 31) * step
        label = escape(f"{date} {event.get('name', '')}")
        out.append(
            f'<g class="event"><line x1="{_fmt(x)}" y1="{top}" x2="{_fmt(x)}" '
            f'y2="{top + plot_h}" stroke="#555" stroke-dasharray="3 3"/>'
            f'<text x="{_fmt(x + 3)}" y="{top + 10 + (n % 4) * 12}" fill="#555">'
            f"{escape(str(event.get('name', ''))[:60])}</text><title>{label}</title></g>"
        )
    return out
