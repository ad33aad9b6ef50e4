"""What each page of the site shows, as language-neutral data.

A `PageSpec` is a page of every language tree: its path inside the tree, its template
and its data. The data is plain JSON-able values, hashed to decide whether the page must
be rewritten; the language is applied only when the page is rendered.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from lionrock.abroad import (
    AbroadIndex,
    AbroadRecord,
    write_directory,
    write_directory_ftm,
    write_figures,
)
from lionrock.model import get_model
from lionrock.publish.record import SiteRecord
from lionrock.record import CaseRecord, charge_rows, current_status, standing_verdict, write_csv
from lionrock.render import (
    cell,
    entity_sections,
    entity_slug,
    entity_view,
    names_by_lang,
    ref_view,
    text_variants,
)
from lionrock.render.methodology import methodology_html
from lionrock.render.prisoners import PrisonerIndex
from lionrock.sanctions.chart import Timeline, render_chart, timeline
from lionrock.sanctions.gaps import SORTS, gap_matrix_of
from lionrock.store import Entity, Store

MEDIA_SECTOR = "media"  # Organization.sector value that marks a news outlet


@dataclass(frozen=True, slots=True)
class PageSpec:
    """A page of each language tree. Example: `PageSpec("timeline.html", "timeline.html",
    {...})`."""

    path: str
    template: str
    data: dict[str, Any]


@dataclass(slots=True)
class LazySpec:
    """A page whose data is made only when needed: `inputs` is a hash of everything the
    data is made from, so a rebuild that finds the same `inputs` can reuse the data's
    hash without making it. Example: the entity pages."""

    path: str
    template: str
    inputs: str
    make: Callable[[], dict[str, Any]]
    _data: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self.make()
        return self._data


def _related(record: SiteRecord, entities: list[Entity]) -> dict[str, Entity]:
    ids = {f.source_id for e in entities for f in e.facts}
    ids |= {f.value for e in entities for f in e.facts}
    return {i: record.entities[i] for i in ids if i in record.entities}


def N_(message: str) -> str:
    """Marks a UI string for the catalogs; it is translated when the page is rendered."""
    return message


def _col(key: str, label: str, kind: str = "cell") -> dict[str, str]:
    return {"key": key, "label": label, "kind": kind}


def _date(entity: Entity) -> str:
    return min(entity.values("date") or entity.values("startDate") or [""])


def event_rows(record: SiteRecord) -> list[dict[str, Any]]:
    """Every event, by date: its date and summary, each cited."""
    events = sorted(record.of_schema("Event"), key=lambda e: (_date(e), e.id))
    related = _related(record, events)
    return [
        {
            "date": cell(e, "date", related) or cell(e, "startDate", related),
            "ref": ref_view(e, e.id),
            "summary": text_variants(e, "summary", related),
        }
        for e in events
    ]


def home(record: SiteRecord) -> dict[str, Any]:
    """The counts, charts, events and cases on the home page."""
    schemata = Counter(e.schema for e in record.entities.values())
    model = get_model()
    facts = [f for e in record.entities.values() for f in e.facts]
    unsourced = 0
    for fact in facts:
        source = record.entities.get(fact.source_id)
        spec = model.get(source.schema) if source is not None else None
        unsourced += spec is None or not spec.is_source
    events = event_rows(record)
    return {
        "stats": {
            "entities": len(record.entities),
            "facts": len(facts),
            "facts_without_source": unsourced,
            "schemata": dict(sorted(schemata.items())),
            "events": [
                {
                    "id": e["ref"]["id"],
                    "name": e["ref"]["caption"],
                    "names": e["ref"]["names"],
                    "date": e["date"]["value"] if e["date"] else "",
                    "source": e["date"]["source"] if e["date"] else None,
                }
                for e in events
            ],
            "cases": case_rows(record),
        },
        "dates": [e["date"]["value"] for e in events if e["date"]],
        "custody": custody_counts(record),
    }


def case_rows(record: SiteRecord) -> list[dict[str, Any]]:
    """Per court case: its name, number and court, defendants and verdict counts."""
    rows = []
    for case in record.of_schema("CourtCase"):
        charges = [c for c in record.pointing_at(case.id) if c.schema == "Charge"]
        related = _related(record, [case])
        rows.append(
            {
                "id": case.id,
                "ref": ref_view(case, case.id),
                "name": case.caption,
                "names": names_by_lang(case),
                "number": cell(case, "caseNumber", related),
                "court": cell(case, "court", related),
                "defendants": len({c.first("defendant") for c in charges}),
                "verdicts": dict(Counter(standing_verdict(c) or "unknown" for c in charges)),
            }
        )
    return rows


def custody_counts(record: SiteRecord) -> list[tuple[str, int]]:
    """How many people are under each custody status now (each counted once, under the
    latest-dated status), in the enum's order."""
    case_record = CaseRecord.from_entities(record.entities.values())
    counts = Counter(
        s.value for p in case_record.defendants() if (s := current_status(case_record, p))
    )
    return [(s, counts[s]) for s in custody_statuses() if counts[s]]


def custody_statuses() -> tuple[str, ...]:
    return get_model().enums["custodyStatus"]


def _people_rows(
    record: SiteRecord, people: list[Entity], index: PrisonerIndex
) -> list[dict[str, Any]]:
    related = _related(record, people)
    people = sorted(people, key=lambda p: (p.caption, p.id))
    current = {d.id: d.status for d in index.people if d.status is not None}
    return [
        {
            "name": ref_view(p, p.id),
            "position": text_variants(p, "position", related),
            # the current status: the latest-dated (issue #11), not the first recorded
            "status": {
                "value": current[p.id].value,
                "status": current[p.id].fact.status,
                "source": index.record.cite(current[p.id].fact),
            }
            if p.id in current
            else None,
            "born": cell(p, "birthDate", related),
        }
        for p in people
    ]


PEOPLE_COLUMNS = [
    _col("name", N_("Name"), "ref"),
    _col("position", N_("Position"), "text"),
    _col("status", N_("Custody status"), "enum"),
    _col("born", N_("Date of birth")),
]


def prisoner_index(record: SiteRecord) -> PrisonerIndex:
    """The prisoner record of the published record, summarised once per build."""
    return PrisonerIndex.build(CaseRecord.from_entities(record.entities.values()))


def prisoner_pages(index: PrisonerIndex) -> Iterator[PageSpec]:
    """The prisoner lists, one page per filter (status, statute, case, year: the site
    works without JavaScript), the statistics page and the methodology (issue #11). The
    same view models as the web app's `/prisoners` (`lionrock.render.prisoners`)."""
    for path, data in index.site_pages():
        yield PageSpec(f"{path}.html", "prisoners.html", data)
    yield PageSpec("prisoners/statistics.html", "prisoner_stats.html", index.statistics())
    yield PageSpec("methodology.html", "methodology.html", {"body": methodology_html()})


def charges_csv(index: PrisonerIndex) -> bytes:
    """The charges table (one row per person per charge) for the site's root, linking to
    the English tree's pages."""
    out = io.StringIO()
    rows = charge_rows(index.record, url_for=lambda i: f"en/entities/{entity_slug(i)}.html",
                       people=index.people)  # fmt: skip
    write_csv(rows, out)
    return out.getvalue().encode("utf-8")


def organisation_pages(record: SiteRecord) -> Iterator[PageSpec]:
    """Organisations and media outlets, with the dates they were founded and dissolved."""
    orgs = sorted(record.of_schema("Organization"), key=lambda o: (o.caption, o.id))
    related = _related(record, orgs)
    columns = [
        _col("name", N_("Name"), "ref"),
        _col("founded", N_("Founded")),
        _col("dissolved", N_("Dissolved or closed")),
        _col("summary", N_("Summary"), "text"),
    ]
    for path, title, media in (
        ("organisations.html", N_("Organisations"), False),
        ("media.html", N_("Media outlets"), True),
    ):
        rows = [
            {
                "name": ref_view(o, o.id),
                "founded": cell(o, "incorporationDate", related),
                "dissolved": cell(o, "dissolutionDate", related),
                "summary": text_variants(o, "summary", related),
            }
            for o in orgs
            if (MEDIA_SECTOR in o.values("sector")) == media
        ]
        yield PageSpec(path, "listing.html", {"title": title, "columns": columns, "rows": rows})


#: Rows per page of a long index page: a page stays well under 100 KB gzipped (issue #13).
PAGE_ROWS = 500


def paginate(spec: PageSpec, *, per_page: int = PAGE_ROWS) -> Iterator[PageSpec]:
    """A listing page of more than `per_page` rows as pages of `per_page` rows each:
    `people.html`, `people-2.html`, … (the prisoner lists' pattern), each with a pager.

    Example: `[p.path for p in paginate(PageSpec("people.html", "listing.html", data))]`.
    """
    rows = spec.data.get("rows") or []
    if len(rows) <= per_page:
        yield spec
        return
    base = spec.path.removesuffix(".html")
    count = -(-len(rows) // per_page)
    paths = [base if n == 1 else f"{base}-{n}" for n in range(1, count + 1)]
    for n, path in enumerate(paths, start=1):
        pager = [{"label": i, "current": i == n, "path": p} for i, p in enumerate(paths, 1)]
        data = {**spec.data, "rows": rows[(n - 1) * per_page : n * per_page],
                "pager": pager, "total": len(rows)}  # fmt: skip
        yield PageSpec(f"{path}.html", spec.template, data)


def listing_pages(
    record: SiteRecord, store: Store, *, prisoners: PrisonerIndex | None = None
) -> Iterator[PageSpec]:
    """The section pages: timeline, people, prisoners, organisations, media, cases,
    sanctions, responses and sources; long listings split into pages (`paginate`)."""
    for spec in _listing_pages(record, store, prisoners=prisoners):
        yield from paginate(spec) if spec.template == "listing.html" else (spec,)


def _listing_pages(
    record: SiteRecord, store: Store, *, prisoners: PrisonerIndex | None = None
) -> Iterator[PageSpec]:
    events = event_rows(record)
    yield PageSpec(
        "timeline.html",
        "timeline.html",
        {"events": events, "dates": [e["date"]["value"] for e in events if e["date"]]},
    )
    people = record.of_schema("Person")
    prisoners = prisoners or prisoner_index(record)
    rows = _people_rows(record, people, prisoners)
    yield PageSpec(
        "people.html",
        "listing.html",
        {"title": N_("People"), "columns": PEOPLE_COLUMNS, "rows": rows},
    )
    yield from prisoner_pages(prisoners)
    yield from organisation_pages(record)
    cases = [
        {**r, "name": r["ref"], "defendants": r["defendants"], "verdicts": None}
        for r in case_rows(record)
    ]
    yield PageSpec(
        "cases.html",
        "listing.html",
        {
            "title": N_("Court cases"),
            "columns": [
                _col("name", N_("Name"), "ref"),
                _col("number", N_("Case number")),
                _col("court", N_("Court")),
                _col("defendants", N_("Defendants"), "plain"),
            ],
            "rows": cases,
        },
    )
    # the matrix, and the counts per imported list (the lists' entries stay off the site)
    yield from sanctions_pages(record)
    yield PageSpec("responses.html", "listing.html", responses(record))
    yield from abroad_pages(record)
    yield PageSpec("sources.html", "listing.html", sources(record))


def gap_page(sort: str) -> str:
    """The site's page of the gap matrix in one order: `sanctions.html` (by documented
    conduct), `sanctions-by-recommendations.html`, `sanctions-by-name.html`."""
    return "sanctions.html" if sort == "conduct" else f"sanctions-by-{sort}.html"


def sanctions_pages(record: SiteRecord) -> Iterator[PageSpec]:
    """The gap matrix, one page per order (`SORTS`, as the web's `?sort=`): the site has no
    scripts, so each sort the issue asks for is a page, linked from the others."""
    data = sanctions_gaps(record)
    links = [(sort, gap_page(sort)) for sort in SORTS]
    for sort in SORTS:
        gaps = data["gaps"].sorted(sort)
        yield PageSpec(
            gap_page(sort),
            "sanctions.html",
            {**data, "gaps": gaps, "sort": sort, "sort_links": links, "lists": record.lists},
        )


def _chart_svg(data: Timeline, **labels: str) -> Markup:
    """The designations chart with one language's labels: our own SVG, every value escaped."""
    return Markup(render_chart(data, **labels))


def sanctions_gaps(record: SiteRecord) -> dict[str, Any]:
    """The gap matrix (`lionrock.sanctions.gaps`, the one the CLI and the web use) of the
    published record, with a link for each row's person."""
    matrix = gap_matrix_of(record.entities)
    refs = {r.entity_id: ref_view(record.entities[r.entity_id], r.entity_id) for r in matrix.rows}
    data = timeline(record.entities)
    chart = partial(_chart_svg, data)  # each tree passes its labels; picklable for workers
    return {
        "gaps": matrix,
        "summary": matrix.summary(),
        "refs": refs,
        "chart": chart,
        "chart_undated": data.undated,
    }


def abroad_pages(record: SiteRecord) -> Iterator[PageSpec]:
    """The "Hongkongers abroad" section (issue #17): an index of countries and a page per
    country (`lionrock.abroad`)."""
    index = AbroadIndex(AbroadRecord.from_entities(record.entities.values()))
    for path, data in index.site_pages():
        template = "abroad_country.html" if "/" in path else "abroad.html"
        yield PageSpec(f"{path}.html", template, data)


def abroad_files(record: SiteRecord) -> dict[str, bytes]:
    """The section's downloads for the site's root: the figures and the directory of
    organisations (CSV and FtM), linking to the English tree's pages."""
    found = AbroadRecord.from_entities(record.entities.values())
    files = {}
    for name, write in (
        ("abroad-figures.csv", write_figures),
        ("abroad-organisations.csv", write_directory),
    ):
        out = io.StringIO()
        write(found, out, url_for=lambda i: f"en/entities/{entity_slug(i)}.html")
        files[name] = out.getvalue().encode("utf-8")
    out = io.StringIO()
    write_directory_ftm(found, out)
    files["abroad-organisations.ftm.json"] = out.getvalue().encode("utf-8")
    return files


def responses(record: SiteRecord) -> dict[str, Any]:
    """International responses and pathways, one row per jurisdiction."""
    found = sorted(record.of_schema("Jurisdiction"), key=lambda j: (j.caption, j.id))
    related = _related(record, found)
    props = (
        ("magnitskyLaw", N_("Has a Magnitsky-style sanctions law"), "enum"),
        ("magnitskyLawName", N_("Magnitsky-style law or regime"), "cell"),
        ("sanctionsRegime", N_("Sanctions regime"), "cell"),
        ("hongKongPathway", N_("Immigration pathway for Hong Kongers"), "cell"),
        ("hongKongPathwayOpened", N_("Pathway opened"), "cell"),
    )
    rows = [
        {"name": ref_view(j, j.id), **{p: cell(j, p, related) for p, _, _ in props}} for j in found
    ]
    columns = [
        _col("name", N_("Jurisdiction"), "ref"),
        *(_col(p, label, k) for p, label, k in props),
    ]
    return {"title": N_("International responses"), "columns": columns, "rows": rows}


def sources(record: SiteRecord) -> dict[str, Any]:
    """Every source, with its publisher, date, and capture date and hash where known."""
    model = get_model()
    found = [e for e in record.entities.values() if (s := model.get(e.schema)) and s.is_source]
    found.sort(key=lambda s: (s.first("publishedAt") or s.first("date") or "", s.id))
    rows = [
        {
            "name": ref_view(s, s.id),
            "publisher": cell(s, "publisher", record.entities),
            "date": cell(s, "publishedAt", record.entities) or cell(s, "date", record.entities),
            "captured": cell(s, "retrievedAt", record.entities),
            "hash": cell(s, "contentHash", record.entities),
        }
        for s in found
    ]
    columns = [
        _col("name", N_("Title"), "ref"),
        _col("publisher", N_("Publisher")),
        _col("date", N_("Date")),
        _col("captured", N_("Captured")),
        _col("hash", N_("Evidence hash")),
    ]
    return {"title": N_("Sources"), "columns": columns, "rows": rows}


def entity_pages(record: SiteRecord) -> Iterator[LazySpec]:
    """A page per published entity, sources included. A page shows the entity, the
    entities pointing at it, and the entities any of these cite or link to: its `inputs`
    hash their fingerprints, and the view is made only if the page must be rendered."""
    prints = record.fingerprints
    refs = {i: _refs(record, e) for i, e in record.entities.items()}
    for entity in record.entities.values():
        backlinks = record.backlinks.get(entity.id, [])
        used = {entity.id, *backlinks, *refs[entity.id]}
        for other in backlinks:
            used |= refs[other]
        inputs = "\x1f".join(f"{i}\x1e{prints[i]}" for i in sorted(used))
        yield LazySpec(
            f"entities/{entity_slug(entity.id)}.html",
            "entity.html",
            hashlib.sha1(f"{entity.id}\x1d{inputs}".encode()).hexdigest(),
            lambda entity=entity: _entity_data(record, entity),  # type: ignore[misc]
        )


def _refs(record: SiteRecord, entity: Entity) -> set[str]:
    """The published entities that `entity`'s facts cite or name (`_related`'s keys)."""
    ids = {f.source_id for f in entity.facts} | {f.value for f in entity.facts}
    return {i for i in ids if i in record.entities}


def _entity_data(record: SiteRecord, entity: Entity) -> dict[str, Any]:
    backlinks = record.pointing_at(entity.id)
    related = _related(record, [entity, *backlinks])
    view = entity_view(entity, related=related)
    sections = entity_sections(entity, backlinks=backlinks, related=related)
    return {"view": view, "sections": sections}


def feed_entries(record: SiteRecord, *, limit: int = 100) -> list[dict[str, Any]]:
    """The newest and latest-updated records (not sources), for the Atom feeds."""
    from lionrock.sanctions.lists import LIST_NAMES

    # a sanctions list's snapshot is data, not news: its facts, all stamped with the time
    # they were imported, neither make an entry nor date one (issue #13)
    listed = tuple(f"src-{name}-" for name in LIST_NAMES)
    model = get_model()
    entries = []
    for entity in record.entities.values():
        spec = model.get(entity.schema)
        if spec is None or spec.is_source:
            continue
        stamps = [f.recorded_at for f in entity.facts if not f.source_id.startswith(listed)]
        if not stamps:
            continue
        updated = max(stamps) or "1970-01-01"
        entries.append(
            {
                "id": entity.id,
                "names": names_by_lang(entity),
                "caption": entity.caption,
                "label": spec.label,
                "updated": updated if "T" in updated else f"{updated[:10]}T00:00:00Z",
            }
        )
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    return entries[:limit]


__all__ = ["LazySpec", "PageSpec", "entity_pages", "feed_entries", "home", "listing_pages"]
