"""Magnitsky-style evidence dossiers: one person, as HTML, PDF and an FtM bundle.

A dossier an advocate can file (issue #12) holds, for a responsible official:

- identity: every name form and script, birth date, identifiers, from every list entry
  and record entry that is the same person (`linking.same_person`);
- the positions held;
- the documented roles and conduct (`Responsibility`), each with its citation and the
  evidence hash of its source: the sha256 of its archived capture and whether that carries
  a trusted timestamp (`evidence_hashes`), or "not archived";
- the sanctions recommendations, by whom and when;
- the designations per jurisdiction, naming each list checked and its snapshot date, or
  saying that no list was checked;
- the PRC's counter-sanctions answering the measures against them;
- the other documented events and acts that name them;
- an annex of every source cited, as publisher, title and date.

Records are named, never shown by ID; citations are numbered and resolved in the annex.
The PDF is made by WeasyPrint from the same HTML, with CJK glyphs from Noto Sans CJK TC,
and no table row is split across pages; it fetches nothing from the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from sqlalchemy import select

from lionrock.errors import LionRockError, NotFound
from lionrock.export import export_store
from lionrock.model import get_model, public_entities, public_entity
from lionrock.sanctions.evidence_hashes import captures_of
from lionrock.sanctions.gaps import Column, GapRow, gap_matrix
from lionrock.sanctions.linking import PersonIndex, current_sanctions
from lionrock.sanctions.render import environment
from lionrock.store import Entity, Store, citation
from lionrock.store._tables import statements

IDENTITY = ("birthDate", "birthPlace", "nationality", "citizenship", "gender")
IDENTIFIERS = ("passportNumber", "idNumber", "taxNumber", "registrationNumber")
NAMES = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName")
#: A hash the source record itself declares (FtM Document), shown when nothing is archived.
DECLARED_HASH = "contentHash"
#: Country codes as names (CLDR English, through Babel), keyed by FtM's lower-case codes.
COUNTRY_NAMES = {k.lower(): v for k, v in Locale("en").territories.items() if len(k) == 2}
#: Shown in their own sections, not among "other documented events and acts".
OWN_SECTIONS = ("Sanction", "Responsibility", "Recommendation")
ROLE_LABELS = {
    "ordered": "Ordered or directed",
    "investigated": "Arrested or investigated",
    "prosecuted": "Prosecuted",
    "adjudicated": "Adjudicated",
    "legislated": "Legislated or enacted",
    "endorsed": "Publicly endorsed",
}


@dataclass
class Dossier:
    """Everything a dossier shows; `render_html` turns it into a page."""

    person: Entity
    same_as: list[Entity]
    names: list[dict[str, Any]] = field(default_factory=list)
    identity: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    recommendations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    gap: GapRow | None = None
    columns: list[Column] = field(default_factory=list)
    jurisdictions: list[dict[str, Any]] = field(default_factory=list)
    counter_sanctions: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    names_of: dict[str, str] = field(default_factory=dict)  # entity ID -> name
    sanction_sources: dict[str, list[str]] = field(default_factory=dict)  # ID -> cited
    country_names: dict[str, str] = field(default_factory=lambda: dict(COUNTRY_NAMES))

    @property
    def entity_ids(self) -> list[str]:
        """Every entity the dossier draws on: for its FtM bundle."""
        ids = [self.person.id, *(e.id for e in self.same_as), *(e["id"] for e in self.events)]
        ids += [r["id"] for r in self.roles] + [r["id"] for r in self.recommendations]
        if self.gap is not None:
            ids += [x.sanction_id for xs in self.gap.cells.values() for x in xs]
        return list(dict.fromkeys([*ids, *self.sources]))

    def ref(self, source_id: str) -> int:
        """The number of a source in the annex."""
        return list(self.sources).index(source_id) + 1 if source_id in self.sources else 0


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

    Example: `build_dossier(store, entity_id="ofac-29250").names[0]["fact"].value`.
    """
    person = store.entity(entity_id, published_only=published_only)
    if person is not None and published_only:
        person = public_entity(person)  # identity documents are confidential (issue #18 §2)
    if person is None:
        raise NotFound(f"no entity with ID {entity_id!r}")
    if person.schema != "Person":
        raise LionRockError(f"{entity_id} is a {person.schema}; a dossier is about a Person")
    matrix = gap_matrix(store, published_only=published_only)
    row = next((r for r in matrix.rows if entity_id in (r.entity_id, *r.same_as)), None)
    if row is None:  # not responsible: its designations only, matched as in the matrix
        row = _row_of(store, person, published_only)
    others = [i for i in (row.entity_id, *row.same_as) if i != entity_id]
    same_as = list(_read(store, published_only, ids=others))
    dossier = Dossier(person, same_as, gap=row, columns=matrix.columns)
    members = [person, *dossier.same_as]
    get_model()
    cited: set[str] = set()
    for member in members:
        dossier.names += _grouped(member, NAMES, cited)
        dossier.identity += _grouped(member, IDENTITY + IDENTIFIERS, cited)
        dossier.positions += _grouped(member, ("position",), cited)
    ids = [m.id for m in members]
    linked = _linked(store, ids, published_only)
    for record in linked:
        cited.update(f.source_id for f in record.facts)
    roles = [_role(r, cited) for r in linked if r.schema == "Responsibility"]
    dossier.roles = sorted(roles, key=lambda r: (r["date"] or "~", r["role"]))
    dossier.recommendations = [
        _recommendation(r, cited) for r in linked if r.schema == "Recommendation"
    ]
    dossier.events = _events([r for r in linked if r.schema not in OWN_SECTIONS], cited)
    sanction_ids = [x.sanction_id for xs in row.cells.values() for x in xs]
    sanction_ids += [i for c in row.counter_sanctions for i in c.sanction_ids]
    for sanction in _read(store, published_only, ids=sanction_ids):
        cited.update(f.source_id for f in sanction.facts)
        dossier.sanction_sources[sanction.id] = sorted({f.source_id for f in sanction.facts})
    dossier.jurisdictions = _jurisdictions(store, published_only, matrix.columns, row)
    dossier.counter_sanctions = [c.to_dict() for c in row.counter_sanctions]
    referred = {f.value for r in linked for f in r.facts if _is_entity(r.schema, f.prop)}
    for entity in _read(store, published_only, ids=referred | set(ids)):
        dossier.names_of[entity.id] = entity.caption
    sources = {s.id: s for s in store.iter_entities(ids=cited)}
    captures = captures_of(store, cited)
    order = sorted(cited, key=lambda i: (_source_date(sources.get(i)), i))
    for source_id in order:
        source = sources.get(source_id)
        dossier.sources[source_id] = {
            **citation(source_id, source),
            "capture": captures.get(source_id),
            "hash": source.first(DECLARED_HASH) if source is not None else None,
        }
    return dossier


def _read(store: Store, published_only: bool, **where: Any) -> Iterable[Entity]:
    """The entities a dossier reads: public ones only (`public_entity`) unless drafts are
    asked for, which is never for publication."""
    found = store.iter_entities(published_only=published_only, **where)
    return public_entities(found) if published_only else found


def _source_date(source: Entity | None) -> str:
    if source is None:
        return "~"
    return source.first("publishedAt") or source.first("date") or "~"


def _row_of(store: Store, person: Entity, published_only: bool) -> GapRow:
    sanctions = current_sanctions(store, published_only=published_only)
    listed = _read(store, published_only, ids=list(sanctions.by_target))
    index = PersonIndex(e for e in listed if e.schema == "Person")
    row = GapRow(person.id, person.caption, index.matches(person))
    for member in (person.id, *row.same_as):
        for listing in sanctions.by_target.get(member, []):
            row.cells.setdefault(listing.jurisdiction, []).append(listing)
    return row


def _is_entity(schema: str, prop: str) -> bool:
    spec = get_model().get(schema)
    prop_spec = spec.properties.get(prop) if spec is not None else None
    return prop_spec is not None and prop_spec.is_entity


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
                "entity_is_ref": prop is not None and prop.is_entity,
                "is_country": prop is not None and prop.type == "country",
                "script": _script(f.value),
            },
        )
        row["facts"].append(f)
    return list(rows.values())


def _linked(store: Store, ids: list[str], published_only: bool) -> list[Entity]:
    """The records that refer to any of `ids` (roles, recommendations, events, charges)."""
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
    model = get_model()
    found = []
    for entity in _read(store, published_only, ids=referring):
        spec = model.get(entity.schema)
        if spec is not None and not spec.is_source:
            found.append(entity)
    return found


def _role(record: Entity, cited: set[str]) -> dict[str, Any]:
    props = ("position", "conduct")  # the date is in the role's heading
    role = record.first("role") or ""
    # the role itself, its target and its date: cited once per source, beside the role
    placed = {f.source_id: f for f in record.facts if f.prop in ("role", "target", "date")}
    return {
        "id": record.id,
        "role": ROLE_LABELS.get(role, role),
        "target": record.first("target") or "",
        "date": record.first("date") or "",
        "end": record.first("endDate") or "",
        "facts": _grouped(record, props, cited),
        "role_facts": list(placed.values()),
        "sources": list(placed),
    }


def _recommendation(record: Entity, cited: set[str]) -> dict[str, Any]:
    return {
        "id": record.id,
        "recommenders": record.values("recommender"),
        "date": record.first("date") or "",
        "addressed_to": record.values("addressedTo"),
        "facts": _grouped(record, ("summary",), cited),
        "sources": sorted({f.source_id for f in record.facts if f.prop == "recommender"}),
        "alleged": any(f.status == "alleged" for f in record.facts if f.prop == "date"),
    }


def _events(records: list[Entity], cited: set[str]) -> list[dict[str, Any]]:
    model = get_model()
    found = []
    for entity in records:
        spec = model.get(entity.schema)
        props = tuple(dict.fromkeys(f.prop for f in entity.facts))
        date = entity.first("date") or entity.first("startDate") or entity.first("chargeDate") or ""
        found.append(
            {
                "id": entity.id,
                "schema": spec.label if spec is not None else entity.schema,
                "caption": entity.caption,
                "date": date,
                "facts": _merged(_grouped(entity, props, cited)),
            }
        )
    return sorted(found, key=lambda e: (e["date"], e["caption"]))


def _merged(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per property and set of citations: an event's eleven `involved` values
    from one press release are one row, not eleven (the rest are the row's `more`)."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        facts = row["facts"]
        fact = row["fact"]
        key = (fact.prop, tuple(sorted(f.source_id for f in facts)), fact.status, fact.lang)
        if key in merged:
            merged[key]["more"].append(row)
        else:
            merged[key] = {**row, "more": []}
    return list(merged.values())


def _jurisdictions(
    store: Store, published_only: bool, columns: list[Column], row: GapRow
) -> list[dict[str, Any]]:
    """Per jurisdiction column: its Magnitsky-style law, the lists checked and the
    designations found."""
    by_country = {
        e.first("country"): e for e in _read(store, published_only, schema="Jurisdiction")
    }
    rows = []
    for column in columns:
        record = by_country.get(column.code)
        rows.append(
            {
                "code": column.code,
                "label": column.label,
                "name": record.caption if record is not None else column.label,
                "magnitsky": record.first("magnitskyLaw") if record is not None else None,
                "law": record.first("magnitskyLawName") if record is not None else None,
                "lists": column.lists,
                "listings": row.cells.get(column.code, []),
                "status": row.status(column),
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
