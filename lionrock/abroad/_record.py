"""Hongkongers abroad (issue #17) in memory: which records of the (public) record belong
to the section, read once from entities already loaded, so the site, the web app, the
statistics and the exports all classify alike.

What counts, decided from the data (no list of IDs):

- a **diaspora organisation** is an `Organization` with a `sector` (community, advocacy,
  media, legal aid, faith, culture) that is not based in Hong Kong or mainland China;
- a **wanted person** is a `Person` with a `wantedDate` or a `bounty`;
- a **bounty batch** is an `Event` announcing warrants: every one of its `involved`
  persons is wanted, and one of them from the event's date (the police announcements of
  3 July 2023, 14 December 2023, 24 December 2024 and 25 July 2025);
- a **measure against the wanted** is any other `Event` in Hong Kong involving a person
  already wanted on its date (the SNSO "specified absconder" orders, relatives taken in
  for questioning, funders arrested);
- an **incident abroad** is an `Event` located outside Hong Kong and mainland China
  (whoever it involves).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lionrock.model import get_model
from lionrock.store import Entity

#: Where the crackdown happens: records located here are not "abroad".
HOME = frozenset({"hk", "cn", "mo"})
#: `Organization.sector` values that make a diaspora or advocacy organisation (issue #17).
SECTORS = ("community", "advocacy", "media", "legal aid", "faith", "culture")
#: The key of organisations with no country recorded (several countries, or none).
NO_COUNTRY = "zz"


def first_date(entity: Entity) -> str:
    """The earliest `date` (else `startDate`) of an entity, or `""`."""
    return min(entity.values("date") or entity.values("startDate") or [""])


def abroad_countries(entity: Entity, prop: str = "country") -> list[str]:
    """The countries of `prop` outside Hong Kong and mainland China, in order."""
    return [c for c in entity.values(prop) if c not in HOME]


def is_diaspora_org(entity: Entity) -> bool:
    """Whether `entity` is a diaspora or advocacy organisation abroad (see the module)."""
    if entity.schema != "Organization" or not set(entity.values("sector")) & set(SECTORS):
        return False
    countries = entity.values("country")
    return not countries or bool(abroad_countries(entity))


def is_wanted(entity: Entity) -> bool:
    """Whether `entity` is a person with an arrest warrant or a bounty announced."""
    return entity.schema == "Person" and bool(
        entity.values("wantedDate") or entity.values("bounty")
    )


@dataclass(slots=True)
class AbroadRecord:
    """The section's records, classified once. `entities` is everything loaded (for
    citations and links); the lists hold the section's records, each sorted.

    Example: `AbroadRecord.from_entities(store.iter_entities(published_only=True))`.
    """

    entities: dict[str, Entity]
    jurisdictions: dict[str, Entity] = field(default_factory=dict)  # country -> Jurisdiction
    organisations: list[Entity] = field(default_factory=list)
    wanted: list[Entity] = field(default_factory=list)
    residents: list[Entity] = field(default_factory=list)  # people abroad, wanted or not
    batches: list[Entity] = field(default_factory=list)
    measures: list[Entity] = field(default_factory=list)
    incidents: list[Entity] = field(default_factory=list)
    figures: list[Entity] = field(default_factory=list)
    sanctions: list[Entity] = field(default_factory=list)
    leaders: dict[str, list[Entity]] = field(default_factory=dict)  # org -> Memberships

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> AbroadRecord:
        """Classify `entities` (already filtered to what may be shown)."""
        found = cls({e.id: e for e in entities})
        by_schema: dict[str, list[Entity]] = defaultdict(list)
        for entity in sorted(found.entities.values(), key=lambda e: (first_date(e), e.id)):
            by_schema[entity.schema].append(entity)
        for j in by_schema["Jurisdiction"]:
            for country in j.values("country"):
                found.jurisdictions.setdefault(country, j)
        found.organisations = sorted(
            (o for o in by_schema["Organization"] if is_diaspora_org(o)),
            key=lambda o: (o.caption.casefold(), o.id),
        )
        people = sorted(by_schema["Person"], key=lambda p: (p.caption.casefold(), p.id))
        found.wanted = [p for p in people if is_wanted(p)]
        found.residents = [p for p in people if abroad_countries(p, "residenceCountry")]
        wanted = {p.id: set(p.values("wantedDate")) for p in found.wanted}
        for event in by_schema["Event"]:
            if abroad_countries(event):
                found.incidents.append(event)
                continue
            day = first_date(event)
            named = event.values("involved")
            involved = [i for i in named if i in wanted]
            if involved == named and any(day in wanted[i] for i in involved):
                found.batches.append(event)
            elif any(min(wanted[i], default="") <= day for i in involved if day):
                found.measures.append(event)
        orgs = {o.id for o in found.organisations}
        for membership in by_schema["Membership"]:
            org = membership.first("organization")
            if org in orgs:
                found.leaders.setdefault(org, []).append(membership)
        found.figures = [
            s for s in by_schema["Statistic"] if s.first("jurisdiction") in found.entities
        ]
        found.sanctions = by_schema["Sanction"]
        return found

    def country_of_figure(self, figure: Entity) -> str:
        """The country of a figure's jurisdiction (`""` if none is recorded)."""
        jurisdiction = self.entities.get(figure.first("jurisdiction") or "")
        return (jurisdiction.first("country") or "") if jurisdiction is not None else ""

    def is_source(self, entity_id: str) -> bool:
        entity = self.entities.get(entity_id)
        spec = get_model().get(entity.schema) if entity is not None else None
        return spec is not None and spec.is_source

    def unsourced(self, entities: Iterable[Entity]) -> int:
        """How many facts of `entities` cite no loaded source document (must be 0)."""
        return sum(not self.is_source(f.source_id) for e in entities for f in e.facts)
