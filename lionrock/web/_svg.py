"""Server-rendered SVG: bar charts and an entity's network. No JavaScript, every label
escaped, links only to our own pages."""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape
from typing import Any

from lionrock.render.timeline_svg import text_width

BAR_HEIGHT, LABEL_WIDTH, BAR_WIDTH = 22, 220, 360
COLOURS = {
    "Person": "#1f5fa8",
    "Organization": "#a8461f",
    "Event": "#2f7d32",
    "CourtCase": "#6a3fa0",
    "Charge": "#8a6d00",
    "Sanction": "#b0004a",
}


def _clip(label: str, size: int = 34) -> str:
    """A network's label, shortened (the page lists every linked record in full)."""
    return label if len(label) <= size else label[: size - 1] + "…"


def bar_chart(title: str, items: list[tuple[str, int]], *, empty: str = "No data.") -> str:
    """A horizontal bar chart as an SVG document.

    Example: `bar_chart("Events per year", [("2020", 5), ("2021", 9)])`.
    """
    peak = max((v for _, v in items), default=0) or 1
    height = 40 + BAR_HEIGHT * max(len(items), 1)
    # the label column as wide as the longest label (wide characters count twice): no label
    # is cut short or runs off the left edge
    label_width = max([LABEL_WIDTH, *(text_width(str(label)) + 12 for label, _ in items)])
    value_width = max((text_width(str(v)) for _, v in items), default=0) + 12
    width = max(label_width + BAR_WIDTH + value_width, text_width(title, 15) + 8)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="t">',
        f'<title id="t">{escape(title)}</title>',
        f'<text x="0" y="20" font-weight="bold" font-size="15">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 32 + i * BAR_HEIGHT
        bar = round(BAR_WIDTH * value / peak)
        parts += [
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" font-size="13">'
            f"{escape(str(label))}</text>",
            f'<rect x="{label_width}" y="{y + 3}" width="{bar}" height="{BAR_HEIGHT - 6}" '
            'fill="#1f5fa8"/>',
            f'<text x="{label_width + bar + 4}" y="{y + 15}" font-size="13">{value}</text>',
        ]
    if not items:
        parts.append(f'<text x="0" y="50" font-size="13">{escape(empty)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def network_svg(graph: dict[str, Any], *, root: str = "/", say: Callable[[str], str] = str) -> str:
    """The entity in the middle, its linked entities around it, each a link to its page;
    `say` puts the words (the title, the links' labels) in the page's language."""
    size, centre, radius = 720, 360, 270
    nodes = [n for n in graph["nodes"] if n["id"] != graph["id"]]
    middle = next((n for n in graph["nodes"] if n["id"] == graph["id"]), None)
    name = middle["caption"] if middle else graph["id"]
    where = {graph["id"]: (centre, centre)}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        where[node["id"]] = (
            round(centre + radius * math.cos(angle)),
            round(centre + radius * math.sin(angle)),
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}" aria-labelledby="nt">',
        f'<title id="nt">{escape(say("Links of %(name)s") % {"name": name})}</title>',
    ]
    for edge in graph["edges"]:
        (x1, y1), (x2, y2) = where[edge["source"]], where[edge["target"]]
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#999"/>')
        parts.append(
            f'<text x="{(x1 + x2) // 2}" y="{(y1 + y2) // 2}" font-size="10" fill="#555" '
            f'text-anchor="middle">{escape(_clip(say(edge["label"]), 24))}</text>'
        )
    for node in ([middle] if middle else []) + nodes:
        x, y = where[node["id"]]
        colour = COLOURS.get(node["schema"], "#444")
        href = escape(f"{root}entities/{node['id']}")
        parts.append(
            f'<a href="{href}"><circle cx="{x}" cy="{y}" r="8" fill="{colour}"/>'
            f'<text x="{x}" y="{y - 12}" font-size="12" text-anchor="middle">'
            f"{escape(_clip(node['caption'], 30))}</text></a>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
