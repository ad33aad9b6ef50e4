"""View models shared by the web app and the static site: what a page shows about an
entity, independent of the language it is shown in.

A view is plain data (JSON-able), so the site can hash it to know when a page changed.
Confidential properties (`confidential` in extensions.yaml) never enter a view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from lionrock.model import PropSpec, get_model
from lionrock.record._appeal import rulings
from lionrock.store import Entity, caption_of, citation

LANG_TAGS = {"eng": "en", "zho": "zh-Hant", "jpn": "ja"}
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Properties an evidence capture records on a source (issue #4): shown on source pages.
EVIDENCE_PROPS = ("contentHash", "retrievedAt", "archiveUrl")


def guess_lang(value: str) -> str:
    """The record language of an untagged value: Japanese if it has kana, Chinese if it
    has Han characters, else English. Example: `guess_lang("李家超")` is `"zho"`."""
    if _KANA.search(value):
        return "jpn"
    return "zho" if _HAN.search(value) else "eng"


@cache
def visible_props(schema: str) -> dict[str, PropSpec]:
    """The properties of `schema` that may be shown in public (not confidential)."""
    spec = get_model().get(schema)
    if spec is None:
        return {}
    return {n: p for n, p in spec.properties.items() if not p.confidential}


def names_by_lang(entity: Entity) -> dict[str, str]:
    """The entity's display name in each record language it has one in.

    Example: `names_by_lang(john_lee)` is `{"eng": "John Lee Ka-chiu", "zho": "李家超"}`.
    """
    spec = get_model().get(entity.schema)
    found: dict[str, str] = {}
    for prop in spec.caption if spec is not None else ("name",):
        for fact in entity.facts:
            if fact.prop == prop:
                found.setdefault(fact.lang or guess_lang(fact.value), fact.value)
        if found:
            break
    if "eng" in found:  # the caption rule: English, then Latin script
        found["eng"] = caption_of(entity.schema, [f for f in entity.facts if f.lang != "zho"])
    return found


def ref_view(entity: Entity | None, entity_id: str) -> dict[str, Any]:
    """How a page refers to another entity: its ID, schema, caption and names."""
    if entity is None:
        return {"id": entity_id, "schema": None, "caption": entity_id, "names": {}}
    spec = get_model().get(entity.schema)
    return {
        "id": entity.id,
        "schema": entity.schema,
        "label": spec.label if spec is not None else entity.schema,
        "caption": entity.caption,
        "names": names_by_lang(entity),
    }


def related_ids(entities: Iterable[Entity]) -> set[str]:
    """The IDs that views of `entities` refer to: cited sources and linked entities."""
    ids: set[str] = set()
    for entity in entities:
        props = visible_props(entity.schema)
        for fact in entity.facts:
            ids.add(fact.source_id)
            if fact.prop in props and props[fact.prop].is_entity:
                ids.add(fact.value)
    return ids


def entity_view(
    entity: Entity,
    *,
    related: Mapping[str, Entity],
    confidential: bool = False,
    provenance: bool = False,
) -> dict[str, Any]:
    """An entity with each fact's label, citation and linked entity: the one view of an
    entity, for the static site and the web app alike.

    `related` holds the (published) entities the facts cite or link to; a link to an
    entity missing from it is shown as plain text, never as a link. `confidential` keeps
    confidential properties (the researchers' app only; never a public page), and
    `provenance` adds each fact's `id`, `entity_id`, `schema`, `source_id` and
    `recorded_by` (the app's forms and JSON twins).

    Example: `entity_view(e, related={s.id: s for s in store.iter_entities(ids=...)})`.
    """
    spec = get_model().get(entity.schema)
    props = visible_props(entity.schema)
    if confidential and spec is not None:
        props = spec.properties
    facts = []
    for fact in entity.facts:
        prop = props.get(fact.prop)
        if prop is None:
            continue
        linked = related.get(fact.value) if prop.is_entity else None
        lang = fact.lang or (guess_lang(fact.value) if prop.type in ("name", "text") else None)
        facts.append(
            {
                "prop": fact.prop,
                "value": fact.value,
                "status": fact.status,
                "review": fact.review,
                "lang": fact.lang,
                "original_value": fact.original_value,
                "recorded_at": fact.recorded_at,
                "label": prop.label,
                "type": prop.type,
                "lang_tag": LANG_TAGS.get(lang or "", lang),
                "text_lang": lang,
                "link": linked.caption if linked is not None else None,
                "link_names": names_by_lang(linked) if linked is not None else None,
                "source": citation(fact.source_id, related.get(fact.source_id)),
            }
        )
        if provenance:
            facts[-1].update(id=fact.id, entity_id=fact.entity_id, schema=fact.schema,
                             source_id=fact.source_id, recorded_by=fact.recorded_by)  # fmt: skip
    _latest_status_first(facts)
    evidence = {p: entity.first(p) for p in EVIDENCE_PROPS if entity.first(p)}
    return {
        "id": entity.id,
        "schema": entity.schema,
        "schema_label": spec.label if spec is not None else entity.schema,
        "is_source": spec.is_source if spec is not None else False,
        "caption": entity.caption,
        "names": names_by_lang(entity),
        "facts": facts,
        "evidence": evidence,
    }


def text_variants(
    entity: Entity, prop: str, related: Mapping[str, Entity]
) -> dict[str, dict[str, Any]]:
    """The first value of `prop` in each record language, with its status and citation."""
    found: dict[str, dict[str, Any]] = {}
    for fact in entity.facts:
        if fact.prop == prop:
            found.setdefault(
                fact.lang or guess_lang(fact.value),
                {
                    "value": fact.value,
                    "status": fact.status,
                    "source": citation(fact.source_id, related.get(fact.source_id)),
                },
            )
    return found


def cell(entity: Entity, prop: str, related: Mapping[str, Entity]) -> dict[str, Any] | None:
    """The first value of `prop`, with its status and citation, or None."""
    for fact in entity.facts:
        if fact.prop == prop:
            return {
                "value": fact.value,
                "status": fact.status,
                "source": citation(fact.source_id, related.get(fact.source_id)),
            }
    return None


def _latest_status_first(facts: list[dict[str, Any]]) -> None:
    """Custody statuses newest first, in their own rows' places: a status is as of its
    source's date (issue #11), so a reader sees which is current (undated ones last)."""
    places = [i for i, fact in enumerate(facts) if fact["prop"] == "custodyStatus"]
    ordered = sorted(
        (facts[i] for i in places), key=lambda f: str(f["source"]["date"] or ""), reverse=True
    )
    for i, fact in zip(places, ordered, strict=True):
        facts[i] = fact


def cells(entity: Entity, prop: str, related: Mapping[str, Entity]) -> list[dict[str, Any]]:
    """Every value of `prop`, each with its status and citation: a charge's sentence as
    first passed and as cut on appeal, or its notes (a conviction quashed), not only the
    first of them."""
    return [
        {
            "value": fact.value,
            "status": fact.status,
            "source": citation(fact.source_id, related.get(fact.source_id)),
        }
        for fact in entity.facts
        if fact.prop == prop
    ]


def _ref_cell(entity: Entity, prop: str, related: Mapping[str, Entity]) -> dict[str, Any] | None:
    found = cell(entity, prop, related)
    if found is not None:
        target = related.get(found["value"])
        found["ref"] = ref_view(target, found["value"]) if target is not None else None
    return found


CHARGE_COLUMNS = ("offence", "statute", "section", "plea", "verdict", "sentence")
SANCTION_COLUMNS = ("country", "program", "authority", "startDate", "listingDate")


def entity_sections(
    entity: Entity, *, backlinks: Iterable[Entity], related: Mapping[str, Entity]
) -> list[dict[str, Any]]:
    """Tables of the records that point at `entity`: a case's defendants with each one's
    charge, plea, verdict and sentence; a person's charges, sanctions and events; and a
    plain list of anything else. Every cell carries its own citation.

    `related` must also hold the entities the backlinks point to, and their sources.
    """
    charges: list[dict[str, Any]] = []
    sanctions: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    for other in sorted(backlinks, key=lambda e: (e.schema, _sort_date(e), e.id)):
        if other.schema == "Charge":
            key = "defendant" if other.first("case") == entity.id else "case"
            row: dict[str, Any] = {c: cell(other, c, related) for c in CHARGE_COLUMNS}
            row["who"] = _ref_cell(other, key, related)
            row["sentences"] = cells(other, "sentence", related)
            row["notes"] = cells(other, "notes", related)
            row["appeals"] = _appeals(other, related)
            row["id"] = other.id
            charges.append(row)
        elif other.schema == "Sanction":
            sanction: dict[str, Any] = {c: cell(other, c, related) for c in SANCTION_COLUMNS}
            sanction["id"] = other.id
            sanctions.append(sanction)
        elif other.schema == "Event":
            events.append({"date": cell(other, "date", related), "ref": ref_view(other, other.id)})
        else:
            others.append(ref_view(other, other.id))
    sections: list[dict[str, Any]] = []
    if charges:
        who = "Defendant" if entity.schema == "CourtCase" else "Case"
        sections.append({"kind": "charges", "who": who, "rows": charges})
    if sanctions:
        sections.append({"kind": "sanctions", "rows": sanctions})
    if events:
        sections.append({"kind": "events", "rows": events})
    if others:
        sections.append({"kind": "others", "rows": others})
    return sections


def _appeals(charge: Entity, related: Mapping[str, Entity]) -> list[dict[str, Any]]:
    """A charge's appeal rulings, oldest first, each with its date (None: undated) and
    citation: "conviction quashed on appeal (2026-02-26)", then any reinstatement."""
    return [
        {
            "value": r.outcome,
            "date": r.date,
            "status": r.fact.status,
            "source": citation(r.fact.source_id, related.get(r.fact.source_id)),
        }
        for r in rulings(charge)
    ]


def _sort_date(entity: Entity) -> str:
    return min(entity.values("date") or entity.values("startDate") or [""])
