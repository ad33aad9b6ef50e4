"""Charts for the pages both the app and the site render (the statistics page): inline
SVG, no script, every text escaped. Labels are never clipped: the label column is as wide
as the longest label (wide characters, such as Chinese, count twice), and the value is
drawn inside the image.

Example: `bar_svg([("National Security Law", 48)], title="Persons by statute")`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

from lionrock.render.timeline_svg import text_width, timeline_svg

ROW, FONT, BAR = 24, 13, 320


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def bar_svg(items: Sequence[tuple[str, float]], *, title: str) -> Markup:
    """Horizontal bars, one per (label, value), titled."""
    if not items:
        return Markup("")
    peak = max(v for _, v in items) or 1
    label_w = max(text_width(str(label)) for label, _ in items) + 8
    value_w = max(text_width(_number(v)) for _, v in items) + 8
    width = max(label_w + BAR + value_w, text_width(title, FONT + 2) + 8)
    height = 30 + ROW * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-family="sans-serif" font-size="{FONT}">'
        f"<title>{escape(title)}</title>"
        f'<text x="0" y="16" font-size="{FONT + 2}" font-weight="bold">{escape(title)}</text>'
    ]
    for i, (label, value) in enumerate(items):
        y = 26 + i * ROW
        w = round(BAR * value / peak)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{escape(str(label))}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w}" height="{ROW - 8}" fill="#1f5fa8">'
            f"<title>{escape(str(label))}: {_number(value)}</title></rect>"
            f'<text x="{label_w + w + 4}" y="{y + 15}">{_number(value)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def months_svg(series: Mapping[str, Mapping[str, int]], *, title: str) -> Markup:
    """Stacked bars per month, from the first month any series has to the last (the
    timeline's chart: `timeline_svg`)."""
    months = sorted({m for counts in series.values() for m in counts if len(m) == 7})
    if not months:
        return Markup("")
    axis = []
    year, month = int(months[0][:4]), int(months[0][5:7])
    while f"{year:04d}-{month:02d}" <= months[-1]:
        axis.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    legend = sum(max(180, text_width(name, 11) + 30) for name in series)
    return Markup(
        timeline_svg(months=axis, series=series, title=title, width=max(960, legend + 64))
    )
