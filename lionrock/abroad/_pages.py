"""The "Hongkongers abroad" pages (issue #17, item 4) as language-neutral data, for the
static site and the web app alike: an index of countries, and per country the pathway
and when it opened, the emigration figures (charts and a table, every number cited), the
diaspora organisations and their leaders, the wanted persons living there (linked to
their records) with the announcements and measures against them, incidents of
transnational repression there, and whether the country has a Magnitsky-style law, whom
it has sanctioned, and whom the PRC has counter-sanctioned there.

Every cell carries its citation (`lionrock.render.cell`); the language is applied only
when a template renders the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lionrock.abroad._figures import figure_row, series
from lionrock.abroad._record import (
    NO_COUNTRY,
    AbroadRecord,
    abroad_countries,
)
from lionrock.render import cell, ref_view, text_variants
from lionrock.store import Entity, citation

#: Who announces the PRC's counter-sanctions: `Sanction.country` of their measures.
PRC = "cn"


def cells(entity: Entity, prop: str, record: AbroadRecord) -> list[dict[str, Any]]:
    """Every distinct value of `prop`, each with its status and citation."""
    seen: dict[str, dict[str, Any]] = {}
    for fact in entity.facts:
        if fact.prop == prop and fact.value not in seen:
            seen[fact.value] = {
                "value": fact.value,
                "status": fact.status,
                "source": citation(fact.source_id, record.entities.get(fact.source_id)),
            }
    return list(seen.values())


def _ref(record: AbroadRecord, entity_id: str) -> dict[str, Any]:
    return ref_view(record.entities.get(entity_id), entity_id)


def _event_row(record: AbroadRecord, event: Entity, *, people: list[str]) -> dict[str, Any]:
    return {
        "ref": ref_view(event, event.id),
        "date": cell(event, "date", record.entities) or cell(event, "startDate", record.entities),
        "people": [_ref(record, p) for p in people],
        "summary": text_variants(event, "summary", record.entities),
    }


@dataclass(slots=True)
class AbroadIndex:
    """The section over a classified record. Example:
    `AbroadIndex(AbroadRecord.from_entities(entities)).country("gb")`."""

    record: AbroadRecord

    # -- who lives where ----------------------------------------------------------------

    def residence(self, person: Entity) -> list[str]:
        return abroad_countries(person, "residenceCountry")

    def org_countries(self, org: Entity) -> list[str]:
        return abroad_countries(org) or [NO_COUNTRY]

    def countries(self) -> list[str]:
        """Every country the section has something on, by code (`zz`: organisations
        with no single country recorded, last)."""
        found: set[str] = {c for c in self.record.jurisdictions if c not in ("hk", "cn", "mo")}
        for org in self.record.organisations:
            found |= set(self.org_countries(org))
        for person in self.record.wanted:
            found |= set(self.residence(person))
        for event in self.record.incidents:
            found |= set(abroad_countries(event))
        return sorted(found, key=lambda c: (c == NO_COUNTRY, c))

    def _figures(self, code: str) -> list[Entity]:
        return [f for f in self.record.figures if self.record.country_of_figure(f) == code]

    def _orgs(self, code: str) -> list[Entity]:
        return [o for o in self.record.organisations if code in self.org_countries(o)]

    def _wanted(self, code: str) -> list[Entity]:
        return [p for p in self.record.wanted if code in self.residence(p)]

    def _incidents(self, code: str) -> list[Entity]:
        return [e for e in self.record.incidents if code in abroad_countries(e)]

    # -- pages --------------------------------------------------------------------------

    def index(self) -> dict[str, Any]:
        """The index page: one row per country, the bounty batches and the measures
        against the wanted, and the section's counts."""
        rows = []
        for code in self.countries():
            j = self.record.jurisdictions.get(code)
            rows.append(
                {
                    "code": code,
                    "jurisdiction": ref_view(j, j.id) if j else None,
                    "opened": cells(j, "hongKongPathwayOpened", self.record) if j else [],
                    "magnitsky": cell(j, "magnitskyLaw", self.record.entities) if j else None,
                    "figures": len(self._figures(code)),
                    "organisations": len(self._orgs(code)),
                    "wanted": len(self._wanted(code)),
                    "incidents": len(self._incidents(code)),
                }
            )
        return {
            "countries": rows,
            "batches": [self._batch(e) for e in self.record.batches],
            "measures": [self._batch(e) for e in self.record.measures],
            "counts": self.counts(),
        }

    def _batch(self, event: Entity, code: str | None = None) -> dict[str, Any]:
        wanted = {p.id: p for p in self.record.wanted}
        people = sorted((i for i in event.values("involved") if i in wanted),
                        key=lambda i: (wanted[i].caption.casefold(), i))  # fmt: skip
        if code is not None:
            people = [i for i in people if code in self.residence(wanted[i])]
        row = _event_row(self.record, event, people=people)
        row["residence"] = {i: self.residence(wanted[i]) for i in people}
        return row

    def counts(self) -> dict[str, int]:
        record = self.record
        return {
            "countries": len([c for c in self.countries() if c != NO_COUNTRY]),
            "organisations": len(record.organisations),
            "wanted": len(record.wanted),
            "batches": len(record.batches),
            "figures": len(record.figures),
            "incidents": len(record.incidents),
        }

    def country(self, code: str) -> dict[str, Any] | None:
        """One country's page, or None when the section has nothing on `code`."""
        if code not in self.countries():
            return None
        record = self.record
        jurisdiction = record.jurisdictions.get(code)
        figures = self._figures(code)
        batches = [
            self._batch(e, code)
            for e in (*record.batches, *record.measures)
            if any(code in self.residence(record.entities[i]) for i in e.values("involved")
                   if i in record.entities)
        ]  # fmt: skip
        batches.sort(key=lambda r: ((r["date"] or {}).get("value", ""), r["ref"]["id"]))
        return {
            "code": code,
            "jurisdiction": self._jurisdiction(jurisdiction) if jurisdiction else None,
            "charts": series(record, figures),
            "figures": sorted(
                (figure_row(record, f) for f in figures),
                key=lambda r: (r["measure"], r["end"], r["period"], r["id"]),
            ),
            "organisations": [self._org(o) for o in self._orgs(code)],
            "wanted": [self._person(p) for p in self._wanted(code)],
            "batches": [b for b in batches if b["people"]],
            "incidents": [_event_row(record, e, people=[]) for e in self._incidents(code)],
            "sanctioned": self._sanctioned(code),
            "counter_sanctioned": self._counter_sanctioned(code),
        }

    def _jurisdiction(self, j: Entity) -> dict[str, Any]:
        record = self.record
        return {
            "ref": ref_view(j, j.id),
            "pathways": cells(j, "hongKongPathway", record),
            "opened": cells(j, "hongKongPathwayOpened", record),
            "magnitsky": cell(j, "magnitskyLaw", record.entities),
            "law": cells(j, "magnitskyLawName", record),
            "regimes": cells(j, "sanctionsRegime", record),
            "summary": cells(j, "summary", record),
        }

    def _org(self, org: Entity) -> dict[str, Any]:
        record = self.record
        leaders = []
        for membership in record.leaders.get(org.id, []):
            member = membership.first("member") or ""
            leaders.append(
                {
                    "person": _ref(record, member),
                    "role": cell(membership, "role", record.entities),
                    "start": cell(membership, "startDate", record.entities),
                    "end": cell(membership, "endDate", record.entities),
                }
            )
        return {
            "ref": ref_view(org, org.id),
            "city": cells(org, "address", record),
            "founded": cell(org, "incorporationDate", record.entities),
            "sectors": cells(org, "sector", record),
            "website": cell(org, "website", record.entities),
            "summary": text_variants(org, "summary", record.entities),
            "leaders": leaders,
        }

    def _person(self, person: Entity) -> dict[str, Any]:
        record = self.record
        return {
            "ref": ref_view(person, person.id),
            "wanted": cells(person, "wantedDate", record),
            "bounty": cell(person, "bounty", record.entities),
            "residence": cell(person, "residenceCountry", record.entities),
        }

    def _sanctioned(self, code: str) -> list[dict[str, Any]]:
        """The sanctions `code` imposed: one row per target, with program and date."""
        return self._sanction_rows(s for s in self.record.sanctions if code in s.values("country"))

    def _counter_sanctioned(self, code: str) -> list[dict[str, Any]]:
        """The PRC's sanctions on people and bodies of `code` (issue #12's data)."""
        found = []
        for sanction in self.record.sanctions:
            target = self.record.entities.get(sanction.first("entity") or "")
            if PRC not in sanction.values("country") or target is None:
                continue
            if code in target.values("country") or code in target.values("nationality"):
                found.append(sanction)
        return self._sanction_rows(found)

    def _sanction_rows(self, sanctions: Iterator[Entity] | list[Entity]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for sanction in sanctions:
            target = sanction.first("entity") or ""
            rows.append(
                {
                    "target": _ref(self.record, target),
                    "program": cell(sanction, "program", self.record.entities),
                    "date": cell(sanction, "startDate", self.record.entities)
                    or cell(sanction, "listingDate", self.record.entities)
                    or cell(sanction, "date", self.record.entities),
                }
            )
        rows.sort(key=lambda r: ((r["date"] or {}).get("value", ""), r["target"]["caption"]))
        return rows

    def site_pages(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """`(path, data)` of every page: `abroad` and `abroad/CODE`."""
        yield "abroad", self.index()
        for code in self.countries():
            data = self.country(code)
            if data is not None:
                yield f"abroad/{code}", data
