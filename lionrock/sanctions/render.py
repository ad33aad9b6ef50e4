"""Output of the gap matrix (table rows, CSV, JSON, HTML) and the sanctions templates.

The HTML is self-contained: inline CSS, no scripts, no third-party requests.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from lionrock.sanctions.gaps import JURISDICTIONS, GapRow, summary

TEMPLATES = Path(__file__).with_name("templates")
GAP_FORMATS = ("table", "csv", "json", "html")


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


def cell_text(row: GapRow, code: str) -> str:
    """A cell as text: each designation's program and date, `; `-separated."""
    return "; ".join(x.label() for x in row.cells.get(code, []))


def table_rows(rows: list[GapRow]) -> list[list[str]]:
    """Header and rows as plain strings (for a terminal table or CSV)."""
    header = ["id", "name", "same_as", "linked_to_events", *(label for _, label in JURISDICTIONS)]
    body = [
        [
            r.entity_id,
            r.name,
            " ".join(r.same_as),
            "yes" if r.linked_to_events else "",
            *(cell_text(r, code) for code, _ in JURISDICTIONS),
        ]
        for r in rows
    ]
    return [header, *body]


def render_gaps(rows: list[GapRow], *, format: str) -> str:
    """The gap matrix as CSV, JSON or HTML text.

    Example: `render_gaps(gap_matrix(store), format="csv")`.
    """
    if format == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table_rows(rows))
        return out.getvalue()
    if format == "json":
        data = {"summary": summary(rows), "rows": [r.to_dict() for r in rows]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if format == "html":
        template = environment().get_template("gaps.html")
        return template.render(rows=rows, jurisdictions=JURISDICTIONS, summary=summary(rows))
    raise ValueError(f"unknown format {format!r}; use one of {', '.join(GAP_FORMATS)}")
