"""Charts as inline SVG, drawn at build time: no script, no external file."""

from __future__ import annotations

from markupsafe import Markup, escape


def _months(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def events_per_month(dates: list[str], *, label: str) -> Markup:
    """A bar per month from the first event to the last (dates are ISO, day or month).

    Example: `events_per_month(["2020-06-30", "2021-01-06"], label="Events per month")`.
    """
    months = [d[:7] for d in dates if len(d) >= 7]
    if not months:
        return Markup("")
    axis = _months(min(months), max(months))
    counts = {m: months.count(m) for m in axis}
    top = max(counts.values())
    width, height, bar = max(len(axis) * 8, 80), 60, 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height + 14}"'
        f' width="{width * 4}" aria-label="{escape(label)}"><title>{escape(label)}</title>'
    ]
    for i, month in enumerate(axis):
        h = round(counts[month] / top * height) if counts[month] else 0
        if h:
            parts.append(
                f'<rect x="{i * bar}" y="{height - h}" width="{bar - 1}" height="{h}" '
                f'fill="#335"><title>{month}: {counts[month]}</title></rect>'
            )
    for i, month in enumerate(axis):
        if month.endswith("-01") or i == 0:
            parts.append(f'<text x="{i * bar}" y="{height + 11}" font-size="8">{month[:4]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def horizontal_bars(counts: dict[str, int], *, label: str) -> Markup:
    """One labelled bar per category (labels already translated)."""
    if not counts:
        return Markup("")
    top = max(counts.values()) or 1
    row, width = 16, 300
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} '
        f'{row * len(counts)}" width="{width * 2}" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
    ]
    for i, (name, count) in enumerate(counts.items()):
        w = round(count / top * (width - 170))
        parts.append(
            f'<text x="0" y="{i * row + 11}" font-size="10">{escape(name)}</text>'
            f'<rect x="130" y="{i * row + 2}" width="{w}" height="{row - 4}" fill="#335"/>'
            f'<text x="{134 + w}" y="{i * row + 11}" font-size="10">{count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
