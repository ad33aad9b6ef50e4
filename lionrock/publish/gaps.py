"""The sanctions gap matrix for the site: who is sanctioned where.

A simple version, from the published `Sanction` facts per country. Everything the page
needs comes from `gap_matrix`, so the full logic of `lionrock/sanctions/gaps.py`
(issue #3) can replace it in one place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from lionrock.model import public_entities
from lionrock.render import cell, ref_view
from lionrock.store import Entity, Store, citation


def gap_matrix(store: Store) -> dict[str, Any]:
    """Rows: each sanctioned person or organisation; columns: each jurisdiction in the
    record (from `Jurisdiction` and `Sanction` facts); a cell holds the program, date and
    citation where that jurisdiction sanctions the target, and nothing where it does not.

    Example: `gap_matrix(store)["totals"]["us"]` is `42` on the bundled record.
    """
    sanctions = list(public_entities(store.iter_entities(schema="Sanction", published_only=True)))
    jurisdictions = list(
        public_entities(store.iter_entities(schema="Jurisdiction", published_only=True))
    )
    targets = {t for s in sanctions for t in s.values("entity")}
    sources = {f.source_id for s in sanctions for f in s.facts}
    found = store.iter_entities(ids=targets | sources, published_only=True)
    related = {e.id: e for e in public_entities(found)}
    return _matrix(sanctions, jurisdictions, related)


def gap_matrix_of(entities: Mapping[str, Entity]) -> dict[str, Any]:
    """`gap_matrix` of entities already loaded (the site's record: published only,
    confidential facts dropped), without reading the store again.

    Example: `gap_matrix_of(SiteRecord.load(store).entities)["columns"]`.
    """
    sanctions = [e for e in entities.values() if e.schema == "Sanction"]
    jurisdictions = [e for e in entities.values() if e.schema == "Jurisdiction"]
    return _matrix(sanctions, jurisdictions, entities)


def _matrix(
    sanctions: list[Entity], jurisdictions: list[Entity], related: Mapping[str, Entity]
) -> dict[str, Any]:
    columns = {c for j in jurisdictions for c in j.values("country")}
    rows: dict[str, dict[str, Any]] = {}
    for sanction in sanctions:
        country = sanction.first("country")
        target = sanction.first("entity")
        if not country or target is None or target not in related:
            continue
        columns.add(country)
        program = cell(sanction, "program", related) or cell(sanction, "authority", related)
        date = sanction.first("startDate") or sanction.first("listingDate")
        row = rows.setdefault(target, {"ref": ref_view(related[target], target), "cells": {}})
        first = sanction.facts[0]
        row["cells"].setdefault(
            country,
            {
                "program": program["value"] if program else "",
                "date": date,
                "source": program["source"]
                if program
                else citation(first.source_id, related.get(first.source_id)),
            },
        )
    totals = Counter(c for row in rows.values() for c in row["cells"])
    ordered = sorted(columns, key=lambda c: (-totals[c], c))
    return {
        "columns": ordered,
        "totals": {c: totals[c] for c in ordered},
        "rows": sorted(rows.values(), key=lambda r: (r["ref"]["caption"], r["ref"]["id"])),
    }
