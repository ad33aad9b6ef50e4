"""A chart of designations and the PRC's counter-designations over time (issue #12), as
one SVG: no script, no external file, so it can sit inline in a page or be filed alone.

Designations are drawn above the axis, counter-sanctions below, one bar per quarter. A
designation is dated by its `startDate` or `listingDate`; OFAC gives no designation
dates, so an undated one takes the date of the earliest dated Event of the record that
names its target among `involved` and says it sanctions (its name holds "sanction"),
such as the US Treasury's action of 7 August 2020. Designations that stay undated are
counted in the chart's caption, never placed on a guessed date.

Example:
    svg = designations_chart(store)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import escape

from lionrock.sanctions.lists import is_counter_sanction
from lionrock.store import Entity, Store

BAR, HEIGHT, LEFT, TOP = 14, 90, 34, 30


@dataclass(frozen=True, slots=True)
class Timeline:
    """Designations and counter-sanctions per quarter (`2020-Q3`), and the undated ones."""

    designations: Counter[str]
    counter: Counter[str]
    undated: int


def _quarter(date: str) -> str:
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}" if len(date) >= 7 else date[:4]


def timeline(entities: Mapping[str, Entity]) -> Timeline:
    """Count the designations and counter-sanctions among `entities` per quarter.

    Example: `timeline({e.id: e for e in store.iter_entities()}).counter["2020-Q3"]`.
    """
    dated_by: dict[str, str] = {}
    for event in (e for e in entities.values() if e.schema == "Event"):
        date = event.first("date") or event.first("startDate") or ""
        if len(date) >= 7 and "sanction" in event.caption.lower():
            for target in event.values("involved"):
                if target not in dated_by or date < dated_by[target]:
                    dated_by[target] = date
    designations: Counter[str] = Counter()
    counter: Counter[str] = Counter()
    undated = 0
    for sanction in (e for e in entities.values() if e.schema == "Sanction"):
        date = sanction.first("startDate") or sanction.first("listingDate") or ""
        if is_counter_sanction(sanction):
            if len(date) >= 7:
                counter[_quarter(date)] += 1
            continue
        targets = sanction.values("entity")
        dates = [date] if len(date) >= 7 else [dated_by.get(t, "") for t in targets]
        date = min((d for d in dates if d), default="")
        if date:
            designations[_quarter(date)] += 1
        else:
            undated += 1
    return Timeline(designations, counter, undated)


def _quarters(first: str, last: str) -> list[str]:
    year, q = int(first[:4]), int(first[-1])
    out = []
    while f"{year}-Q{q}" <= last:
        out.append(f"{year}-Q{q}")
        year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out


def render_chart(
    data: Timeline,
    *,
    title: str = "Designations and PRC counter-sanctions",
    above: str = "designations",
    below: str = "PRC counter-sanctions",
    note: str | None = None,
) -> str:
    """The timeline as an SVG document (a string). The labels are parameters so that each
    language's page can pass its own (the site renders one chart per language tree).

    Example: `render_chart(timeline(entities)).startswith("<svg")` is True.
    """
    keys = [k for k in (*data.designations, *data.counter) if "-Q" in k]
    axis = _quarters(min(keys), max(keys)) if keys else []
    top = max([*data.designations.values(), *data.counter.values(), 1])
    width = LEFT + max(len(axis), 4) * BAR + 10
    mid = TOP + HEIGHT
    total = 2 * HEIGHT + TOP + 56
    label = escape(title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {total}" '
        f'width="{width * 2}" font-family="sans-serif" font-size="8" aria-label="{label}">',
        f"<title>{label}</title>",
        f'<text x="2" y="10" font-size="9" font-weight="bold">{label}</text>',
        f'<text x="2" y="22" fill="#1f4e79">■ {escape(above)} ({sum(data.designations.values())})'
        f'</text><text x="120" y="22" fill="#a33">■ {escape(below)} '
        f"({sum(data.counter.values())})</text>",
        f'<line x1="{LEFT}" y1="{mid}" x2="{width - 4}" y2="{mid}" stroke="#333"/>',
        f'<text x="{LEFT - 3}" y="{TOP + 6}" text-anchor="end">{top}</text>',
        f'<text x="{LEFT - 3}" y="{mid + HEIGHT}" text-anchor="end">{top}</text>',
    ]
    for i, quarter in enumerate(axis):
        x = LEFT + i * BAR
        up = round(data.designations[quarter] / top * HEIGHT)
        down = round(data.counter[quarter] / top * HEIGHT)
        if up:
            parts.append(
                f'<rect x="{x}" y="{mid - up}" width="{BAR - 2}" height="{up}" fill="#1f4e79">'
                f"<title>{quarter}: {data.designations[quarter]} {escape(above)}</title></rect>"
            )
        if down:
            parts.append(
                f'<rect x="{x}" y="{mid}" width="{BAR - 2}" height="{down}" fill="#a33">'
                f"<title>{quarter}: {data.counter[quarter]} {escape(below)}</title></rect>"
            )
        if quarter.endswith("Q1") or i == 0:
            parts.append(f'<text x="{x}" y="{mid + HEIGHT + 12}">{quarter[:4]}</text>')
    if note is None:
        note = f"{data.undated} designations without a known date are not drawn."
    parts.append(f'<text x="2" y="{total - 6}" fill="#555">{escape(note)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def designations_chart(store: Store, *, published_only: bool = True) -> str:
    """The chart of the store's designations and counter-sanctions, as SVG.

    Example: `Path("chart.svg").write_text(designations_chart(store))`.
    """
    found: Iterable[Entity] = store.iter_entities(
        schema=("Sanction", "Event"), published_only=published_only
    )
    return render_chart(timeline({e.id: e for e in found}))
