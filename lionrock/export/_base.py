"""The exporter interface and the formats: ftm, csv, statements and charges."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterable
from typing import IO, Any

from followthemoney import model as ftm_model
from followthemoney.proxy import EntityProxy

from lionrock.model import PROVENANCE, Fact, ftm_property, get_model, public_entity
from lionrock.record import CaseRecord, charge_rows, write_csv
from lionrock.store import Entity, Store


class Exporter:
    """Receives every entity once, in ID order. Subclasses write one format."""

    def __init__(self, out: IO[str], *, base_url: str = "") -> None:
        self.out = out
        self.base_url = base_url.rstrip("/")
        #: How many records an exporter that selects from what it is fed wrote (else None:
        #: every entity fed is written).
        self.written: int | None = None

    def setup(self) -> None:
        """Called once before the first entity."""

    def feed(self, entity: Entity) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """Called once after the last entity."""


def to_ftm_proxy(entity: Entity) -> EntityProxy:
    """The entity as a FollowTheMoney proxy: extension schemata become their FtM export
    schema, mapped properties move onto it, and the rest stays with Lion Rock.

    Example: `to_ftm_proxy(store.entity("lr-charge-hk47-benny-tai")).schema.name` is
    `"CourtCaseParty"`.
    """
    spec = get_model().get(entity.schema)
    assert spec is not None, entity.schema
    proxy = ftm_model.make_entity(spec.ftm)
    proxy.id = entity.id
    for fact in entity.facts:
        prop = spec.properties.get(fact.prop)
        target = ftm_property(spec, prop) if prop is not None else None
        if target is not None:
            proxy.add(target, fact.value, cleaned=True, quiet=True)
    for name, value in spec.fixed.items():
        proxy.add(name, value, cleaned=True, quiet=True)
    return proxy


def _statement(fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {"prop": fact.prop, "value": fact.value}
    for key in PROVENANCE:
        value = getattr(fact, key)
        if value is not None:
            data[key] = value
    return data


class FtMExporter(Exporter):
    """FtM JSON lines. Each line is a valid FtM entity; its facts, with provenance, ride
    along under `lionrock`, so loading the export back is exact. Each entity also gets a
    `Documentation` entity per cited source, so FtM tools (Aleph, yente) see citations."""

    def feed(self, entity: Entity) -> None:
        data = to_ftm_proxy(entity).to_dict()
        data["lionrock"] = {
            "schema": entity.schema,
            "statements": [_statement(f) for f in entity.facts],
        }
        self._line(data)
        for source_id in sorted({f.source_id for f in entity.facts} - {entity.id}):
            key = f"{entity.id}\x1f{source_id}".encode()
            link = ftm_model.make_entity("Documentation")
            link.id = "lrdoc-" + hashlib.sha1(key).hexdigest()
            link.add("entity", entity.id)
            link.add("document", source_id)
            link.add("role", "source")
            self._line({**link.to_dict(), "lionrock": {"derived": True}})

    def _line(self, data: dict[str, Any]) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


class StatementsExporter(Exporter):
    """Statements CSV: one cited value a row, loadable with `lionrock load`."""

    COLUMNS = (
        "id",
        "entity_id",
        "schema",
        "prop",
        "prop_type",
        "value",
        "lang",
        "original_value",
        "source_id",
        "source_url",
        "status",
        "review",
        "recorded_by",
        "recorded_at",
    )

    def __init__(self, out: IO[str], *, base_url: str = "", source_urls: dict[str, str]):
        super().__init__(out, base_url=base_url)
        self.source_urls = source_urls
        self.writer = csv.writer(out, lineterminator="\n")

    def setup(self) -> None:
        self.writer.writerow(self.COLUMNS)

    def feed(self, entity: Entity) -> None:
        spec = get_model().get(entity.schema)
        for fact in entity.facts:
            prop = spec.properties.get(fact.prop) if spec is not None else None
            row = fact.to_dict()
            row["id"] = fact.id
            row["prop_type"] = prop.type if prop is not None else ""
            row["source_url"] = self.source_urls.get(fact.source_id, "")
            self.writer.writerow(["" if row[c] is None else row[c] for c in self.COLUMNS])


class TableExporter(Exporter):
    """One row per entity: ID, its URL in the web app, its properties, and the IDs and
    URLs of the sources it cites (what Uwazi users ask for, their issue #5404)."""

    def __init__(self, out: IO[str], *, base_url: str = "", source_urls: dict[str, str]):
        super().__init__(out, base_url=base_url)
        self.source_urls = source_urls
        self.rows: list[dict[str, str]] = []
        self.props: dict[str, None] = {}

    def feed(self, entity: Entity) -> None:
        row = {
            "id": entity.id,
            "schema": entity.schema,
            "caption": entity.caption,
            "url": f"{self.base_url}/entities/{entity.id}",
        }
        for fact in entity.facts:
            self.props.setdefault(fact.prop)
            values = row.get(fact.prop)
            if values is None:
                row[fact.prop] = fact.value
            elif fact.value not in values.split("; "):
                row[fact.prop] = f"{values}; {fact.value}"
        sources = sorted({f.source_id for f in entity.facts})
        row["source_ids"] = "; ".join(sources)
        urls = [self.source_urls[s] for s in sources if self.source_urls.get(s)]
        row["source_urls"] = "; ".join(urls)
        self.rows.append(row)

    def finish(self) -> None:
        columns = [
            "id",
            "schema",
            "caption",
            "url",
            *sorted(self.props),
            "source_ids",
            "source_urls",
        ]
        writer = csv.DictWriter(self.out, columns, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(self.rows)


class ChargesExporter(Exporter):
    """The charges table (issue #11): one row per defendant per charge, OVD-Info's
    shape, with entity URLs and source URLs (`lionrock.record.charge_rows`)."""

    def __init__(self, out: IO[str], *, base_url: str = "") -> None:
        super().__init__(out, base_url=base_url)
        self.entities: list[Entity] = []

    def feed(self, entity: Entity) -> None:
        self.entities.append(entity)

    def finish(self) -> None:
        record = CaseRecord.from_entities(self.entities)
        write_csv(charge_rows(record, url_for=lambda i: f"{self.base_url}/entities/{i}"), self.out)


#: The "Hongkongers abroad" downloads (issue #17, `lionrock.abroad`): public output only.
ABROAD = ("abroad-figures", "abroad-directory", "abroad-directory-ftm")
EXPORTERS = ("ftm", "csv", "statements", "charges", *ABROAD)


def export_store(
    store: Store,
    out: IO[str],
    *,
    format: str,
    base_url: str = "",
    published_only: bool = False,
    schema: str | None = None,
    ids: Iterable[str] | None = None,
) -> int:
    """Write the store in `format` to `out`; return the number of entities (rows, for the
    abroad formats, which select from the record). `ids` limits
    the export to those entities (a dossier's bundle).

    Example: `export_store(store, sys.stdout, format="ftm")`.
    """
    source_urls = {e.id: e.first("sourceUrl") or "" for e in _sources(store, published_only)}
    exporter: Exporter
    if format == "ftm":
        exporter = FtMExporter(out, base_url=base_url)
    elif format == "statements":
        exporter = StatementsExporter(out, base_url=base_url, source_urls=source_urls)
    elif format == "csv":
        exporter = TableExporter(out, base_url=base_url, source_urls=source_urls)
    elif format == "charges":
        exporter = ChargesExporter(out, base_url=base_url)
    elif format in ABROAD:
        from lionrock.abroad import AbroadExporter  # it builds on this module's exporters

        exporter = AbroadExporter(out, format=format, base_url=base_url)
        published_only = True  # a directory for anyone to reuse: never drafts
    else:
        raise ValueError(f"unknown export format {format!r}; use one of {EXPORTERS}")
    exporter.setup()
    count = 0
    for entity in store.iter_entities(schema=schema, published_only=published_only, ids=ids):
        if published_only:  # public output: the one rule (lionrock.model.public_entity)
            kept = public_entity(entity)
            if kept is None:
                continue
            entity = kept
        exporter.feed(entity)
        count += 1
    exporter.finish()
    return count if exporter.written is None else exporter.written


def _sources(store: Store, published_only: bool) -> Iterable[Entity]:
    names = [name for name, spec in get_model().schemata.items() if spec.is_source]
    return store.iter_entities(schema=names, published_only=published_only)
