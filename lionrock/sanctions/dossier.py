"""Magnitsky-style evidence dossiers: one person, as HTML, PDF and an FtM bundle.

A dossier holds the person's identity (every name form and script, birth date,
identifiers) gathered from every list entry that is the same person, the positions held,
the documented events and acts linked to them with each fact's citation, their
sanctions by jurisdiction and the gap, and an annex of every source cited. The PDF is
made by WeasyPrint from the same HTML, with CJK glyphs from Noto Sans CJK TC; it fetches
nothing from the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lionrock.errors import LionRockError, NotFound
from lionrock.export import export_store
from lionrock.model import get_model, public_entities, public_entity
from lionrock.sanctions.gaps import JURISDICTIONS, GapRow, PersonIndex, current_sanctions
from lionrock.sanctions.render import environment
from lionrock.store import Entity, Store, citation
from lionrock.store._tables import statements

IDENTITY = ("birthDate", "birthPlace", "nationality", "citizenship", "gender")
IDENTIFIERS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber")
NAMES = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")
EVIDENCE_HASH = "contentHash"


@dataclass
class Dossier:
    """Everything a dossier shows; `render_html` turns it into a page."""

    person: Entity
    same_as: list[Entity]
    names: list[dict[str, Any]] = field(default_factory=list)
    identity: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    gap: GapRow | None = None
    jurisdictions: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def entity_ids(self) -> list[str]:
        """Every entity the dossier draws on: for its FtM bundle."""
        ids = [self.person.id, *(e.id for e in self.same_as), *(e["id"] for e in self.events)]
        if self.gap is not None:
            ids += [x.sanction_id for xs in self.gap.cells.values() for x in xs]
        return list(dict.fromkeys([*ids, *self.sources]))


@dataclass(frozen=True, slots=True)
class DossierFiles:
    """The files `write_dossier` wrote."""

    html: Path
    pdf: Path
    ftm: Path


def _script(value: str) -> str:
    if any("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf" for c in value):
        return "Han"
    return "Latin" if value.isascii() else "other"


def build_dossier(store: Store, *, entity_id: str, published_only: bool = True) -> Dossier:
    """Gather a person's dossier from the store.

    Example: `build_dossier(store, entity_id="ofac-29250").names[0]["value"]`.
    """
    person = store.entity(entity_id, published_only=published_only)
    if person is not None and published_only:
        person = public_entity(person)  # identity documents are confidential (issue #18 §2)
    if person is None:
        raise NotFound(f"no entity with ID {entity_id!r}")
    if person.schema != "Person":
        raise LionRockError(f"{entity_id} is a {person.schema}; a dossier is about a Person")
    sanctions = current_sanctions(store, published_only=published_only)
    persons = {e.id: e for e in _read(store, published_only, schema="Person")}
    index = PersonIndex(persons[t] for t in sanctions.by_target.keys() & persons.keys())
    dossier = Dossier(person, [persons[i] for i in index.matches(person)])
    members = [person, *dossier.same_as]
    get_model()
    cited: set[str] = set()

    def facts(entity: Entity, props: tuple[str, ...]) -> list[dict[str, Any]]:
        return _grouped(entity, props, cited)

    for member in members:
        dossier.names += facts(member, NAMES)
        dossier.identity += facts(member, IDENTITY + IDENTIFIERS)
        dossier.positions += facts(member, ("position",))
    dossier.events = _linked(store, [m.id for m in members], published_only, cited)
    dossier.gap = GapRow(person.id, person.caption, [e.id for e in dossier.same_as])
    for member in members:
        for listing in sanctions.by_target.get(member.id, []):
            dossier.gap.cells.setdefault(listing.jurisdiction, []).append(listing)
    dossier.jurisdictions = _jurisdictions(store, published_only)
    sanction_ids = [x.sanction_id for xs in dossier.gap.cells.values() for x in xs]
    for sanction in _read(store, published_only, ids=sanction_ids):
        cited.update(f.source_id for f in sanction.facts)
    for source in store.iter_entities(ids=cited):
        dossier.sources[source.id] = {
            **citation(source.id, source),
            "hash": source.first(EVIDENCE_HASH),
        }
    return dossier


def _read(store: Store, published_only: bool, **where: Any) -> Iterable[Entity]:
    """The entities a dossier reads: public ones only (`public_entity`) unless drafts are
    asked for, which is never for publication."""
    found = store.iter_entities(published_only=published_only, **where)
    return public_entities(found) if published_only else found


def _grouped(entity: Entity, props: tuple[str, ...], cited: set[str]) -> list[dict[str, Any]]:
    """The entity's facts of `props`, one row per value with every fact citing it."""
    spec = get_model().get(entity.schema)
    rows: dict[tuple[str, str, str | None], dict[str, Any]] = {}
    for f in sorted(entity.facts, key=lambda f: props.index(f.prop) if f.prop in props else 0):
        if f.prop not in props:
            continue
        cited.add(f.source_id)
        prop = spec.properties.get(f.prop) if spec is not None else None
        row = rows.setdefault(
            (f.prop, f.value, f.lang),
            {
                "fact": f,
                "facts": [],
                "label": prop.label if prop is not None else f.prop,
                "entity": entity.id,
                "script": _script(f.value),
            },
        )
        row["facts"].append(f)
    return list(rows.values())


def _linked(
    store: Store, ids: list[str], published_only: bool, cited: set[str]
) -> list[dict[str, Any]]:
    """The records that refer to any of `ids` (events, charges, ...), with every fact."""
    model = get_model()
    query = (
        select(statements.c.entity_id)
        .distinct()
        .where(
            statements.c.prop_type == "entity",
            statements.c.schema != "Sanction",
            statements.c.value.in_(ids),
        )
    )
    with store.read() as conn:
        referring = [row.entity_id for row in conn.execute(query)]
    found = []
    for entity in _read(store, published_only, ids=referring):
        spec = model.get(entity.schema)
        if spec is None or spec.is_source:
            continue
        rows = _grouped(entity, tuple(dict.fromkeys(f.prop for f in entity.facts)), cited)
        date = entity.first("date") or entity.first("startDate") or entity.first("chargeDate") or ""
        found.append(
            {
                "id": entity.id,
                "schema": spec.label,
                "caption": entity.caption,
                "date": date,
                "facts": rows,
            }
        )
    return sorted(found, key=lambda e: (e["date"], e["caption"]))


def _jurisdictions(store: Store, published_only: bool) -> list[dict[str, Any]]:
    """Per jurisdiction column: its Magnitsky-style law, from the Jurisdiction records."""
    by_country = {
        e.first("country"): e for e in _read(store, published_only, schema="Jurisdiction")
    }
    rows = []
    for code, label in JURISDICTIONS:
        record = by_country.get(code)
        rows.append(
            {
                "code": code,
                "label": label,
                "name": record.caption if record is not None else label,
                "magnitsky": record.first("magnitskyLaw") if record is not None else None,
                "law": record.first("magnitskyLawName") if record is not None else None,
            }
        )
    return rows


def render_html(dossier: Dossier) -> str:
    """The dossier as one self-contained HTML page."""
    return environment().get_template("dossier.html").render(d=dossier)


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"dossiers fetch nothing: {url}")


def write_dossier(
    store: Store, *, entity_id: str, out_dir: str | Path, published_only: bool = True
) -> DossierFiles:
    """Write `<id>.html`, `<id>.pdf` and `<id>.ftm.json` to `out_dir`.

    Example: `write_dossier(store, entity_id="ofac-29250", out_dir="dossiers")`.
    """
    from weasyprint import HTML  # heavy import: only when a PDF is made

    dossier = build_dossier(store, entity_id=entity_id, published_only=published_only)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = DossierFiles(
        out / f"{entity_id}.html", out / f"{entity_id}.pdf", out / f"{entity_id}.ftm.json"
    )
    page = render_html(dossier)
    files.html.write_text(page, encoding="utf-8")
    HTML(string=page, url_fetcher=_no_fetch).write_pdf(files.pdf)
    with files.ftm.open("w", encoding="utf-8") as fh:
        export_store(store, fh, format="ftm", published_only=published_only, ids=dossier.entity_ids)
    return files
