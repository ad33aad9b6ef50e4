"""Output of the gap matrix (table rows, CSV, JSON, HTML) and the sanctions templates.

Every jurisdiction column names the lists it was checked against, with their snapshot
dates, or says "no list checked" (issue #12). The HTML has no scripts, no inline styles
and makes no third-party requests.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from lionrock.sanctions.gaps import SORTS, Column, GapMatrix, GapRow

TEMPLATES = Path(__file__).with_name("templates")
GAP_FORMATS = ("table", "csv", "json", "html")
FIXED = ("id", "name", "same_as", "roles", "conduct", "recommended_by")
PRC = "counter-sanctioned by the PRC"
#: As the site's and the app's sort switch words them (`render/templates/_gaps.html`).
SORT_LABELS = {
    "conduct": "documented conduct",
    "recommendations": "number of recommendations",
    "name": "name",
}


def environment() -> Environment:
    """Jinja2 over the sanctions templates, autoescaping HTML.

    Example: `environment().get_template("dossier.html")`.
    """
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html", "xml")),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def cell_text(row: GapRow, column: Column) -> str:
    """A cell as text: each designation's program and date, `; `-separated; else
    `not listed` (on the lists checked) or `no list checked`."""
    listings = row.cells.get(column.code, [])
    return "; ".join(x.label() for x in listings) if listings else row.status(column)


def table_rows(matrix: GapMatrix) -> list[list[str]]:
    """Header and rows as plain strings (for a terminal table or CSV)."""
    header = [*FIXED, *(c.heading() for c in matrix.columns), PRC]
    body = [
        [
            r.entity_id,
            r.name,
            " ".join(r.same_as),
            "; ".join(f"{x.role}: {x.target}" for x in r.roles) or "; ".join(r.basis),
            str(r.conduct),
            "; ".join(x.label() for x in r.recommendations),
            *(cell_text(r, c) for c in matrix.columns),
            "; ".join(f"{x.label()} (answering: {x.responds_to})" for x in r.counter_sanctions),
        ]
        for r in matrix.rows
    ]
    return [header, *body]


def render_gaps(matrix: GapMatrix, *, format: str, sort: str = "conduct") -> str:
    """The gap matrix as CSV, JSON or HTML text.

    Example: `render_gaps(gap_matrix(store), format="csv")`.
    """
    if format == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table_rows(matrix))
        return out.getvalue()
    if format == "json":
        return json.dumps(matrix.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        template = environment().get_template("gaps.html")
        return template.render(
            m=matrix, summary=matrix.summary(), sort=sort, sorts=SORTS, sort_labels=SORT_LABELS
        )
    raise ValueError(f"unknown format {format!r}; use one of {', '.join(GAP_FORMATS)}")
