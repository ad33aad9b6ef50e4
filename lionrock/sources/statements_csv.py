"""Statements CSV: one cited value a row, as `lionrock export --format statements` writes.

Required columns: entity_id, schema, prop, value. Provenance columns (source_id, status,
review, lang, original_value, recorded_by, recorded_at) fall back to the load's defaults.
Columns the export adds for readers (id, prop_type, source_url) are ignored; any other
column is refused, so a format change is noticed rather than silently dropped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from lionrock.errors import LoadError, Location, Problem
from lionrock.model import PROVENANCE
from lionrock.sources._lists import decoded_lines
from lionrock.sources._records import MAX_LINE_BYTES, Defaults, Record, check_size

REQUIRED = ("entity_id", "schema", "prop", "value")
IGNORED = ("id", "prop_type", "source_url")

csv.field_size_limit(MAX_LINE_BYTES)


def rows(path: str, defaults: Defaults) -> Iterator[Record]:
    """Every row as a record. Example: `list(rows("statements.csv", d))`."""
    check_size(path)
    try:
        with open(path, "rb") as fh:
            # decoded line by line, so bytes that are not UTF-8 are refused with their line
            reader = csv.DictReader(decoded_lines(path, fh), strict=True)
            header = reader.fieldnames or []
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                message = f"missing column(s) {', '.join(missing)}"
                raise LoadError([Problem(Location(path, 1, missing[0]), message)])
            for column in header:
                if column not in (*REQUIRED, *PROVENANCE, *IGNORED):
                    raise LoadError([Problem(Location(path, 1, column), "unknown column")])
            for row in reader:
                line = reader.line_num
                if None in row or any(v is None for v in row.values()):
                    message = f"expected {len(header)} fields"
                    raise LoadError([Problem(Location(path, line), message)])
                provenance: dict[str, Any] = {k: row.get(k) for k in PROVENANCE}
                yield Record.make(
                    defaults,
                    entity_id=row["entity_id"],
                    schema=row["schema"],
                    prop=row["prop"],
                    value=row["value"],
                    location=Location(path, line, row["prop"] or "prop"),
                    **provenance,
                )
    except csv.Error as exc:
        where = reader.line_num if "reader" in locals() else None
        raise LoadError([Problem(Location(path, where), f"invalid CSV: {exc}")]) from exc
