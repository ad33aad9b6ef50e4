"""What `lionrock stats` reports of the section (issue #17): diaspora organisations,
wanted persons and bounty batches, emigration figures, and the section's facts without a
source (must be 0)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lionrock.abroad._record import NO_COUNTRY, AbroadRecord, abroad_countries, first_date
from lionrock.store import Entity, Store

#: The schemata the section reads, besides the sources its facts cite.
SCHEMATA = ("Jurisdiction", "Organization", "Person", "Event", "Membership", "Statistic",
            "Sanction")  # fmt: skip


def load_entities(store: Store, *, published_only: bool = False) -> list[Entity]:
    """The entities the section reads, with every source they cite."""
    found: dict[str, Entity] = {
        e.id: e for e in store.iter_entities(schema=SCHEMATA, published_only=published_only)
    }
    cited = {f.source_id for e in found.values() for f in e.facts} - set(found)
    for entity in store.iter_entities(ids=sorted(cited), published_only=published_only):
        found[entity.id] = entity
    return list(found.values())


def load_record(store: Store, *, published_only: bool = False) -> AbroadRecord:
    """The section's records from the store, with every source they cite, classified.

    Example: `load_record(store, published_only=True).organisations`.
    """
    return AbroadRecord.from_entities(load_entities(store, published_only=published_only))


def abroad_stats(record: AbroadRecord) -> dict[str, Any]:
    """The section's counts as plain data. Example: `abroad_stats(record)["bounty_batches"]`."""
    orgs = Counter(c for o in record.organisations for c in (abroad_countries(o) or [NO_COUNTRY]))
    residence = Counter(
        c for p in record.wanted for c in (abroad_countries(p, "residenceCountry") or ["unknown"])
    )
    figures = Counter(record.country_of_figure(f) for f in record.figures)
    measures = Counter(f.first("measure") or "other" for f in record.figures)
    wanted = {p.id for p in record.wanted}
    section = [*record.organisations, *record.wanted, *record.batches, *record.measures,
               *record.incidents, *record.figures]  # fmt: skip
    return {
        "diaspora_organisations": len(record.organisations),
        "organisations_by_country": dict(sorted(orgs.items())),
        "organisations_by_sector": dict(
            sorted(Counter(s for o in record.organisations for s in o.values("sector")).items())
        ),
        "wanted_persons": len(record.wanted),
        "wanted_by_residence": dict(sorted(residence.items())),
        "bounty_batches": len(record.batches),
        "batches": [
            {
                "id": e.id,
                "date": first_date(e),
                "persons": len([i for i in e.values("involved") if i in wanted]),
            }
            for e in record.batches
        ],
        "measures_against_wanted": len(record.measures),
        "incidents_abroad": len(record.incidents),
        "emigration_figures": len(record.figures),
        "figures_by_country": dict(sorted(figures.items())),
        "figures_by_measure": dict(sorted(measures.items())),
        "facts_without_source": record.unsourced(section),
    }
