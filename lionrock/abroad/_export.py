"""The section's downloads (issue #17, items 3 and 5): the emigration figures as CSV, and
the directory of diaspora organisations as CSV and as FtM JSON lines, so that a community
group can reuse it. They are written by `lionrock export` (formats `abroad-figures`,
`abroad-directory`, `abroad-directory-ftm`), by the static site and by the web app, always
from what `export_store(..., published_only=True)` feeds: published facts, no
confidential property (the project's one public filter).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import IO

from lionrock.abroad._figures import CSV_COLUMNS, csv_rows
from lionrock.abroad._record import NO_COUNTRY, AbroadRecord
from lionrock.export._base import Exporter, FtMExporter
from lionrock.render import names_by_lang
from lionrock.store import Entity

FORMATS = ("abroad-figures", "abroad-directory", "abroad-directory-ftm")
DIRECTORY_COLUMNS = (
    "id",
    "name",
    "name_zh",
    "abbreviation",
    "countries",
    "city",
    "founded",
    "sectors",
    "website",
    "summary",
    "leaders",
    "url",
    "source_ids",
    "source_urls",
)


def _join(values: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def directory_rows(
    record: AbroadRecord, *, url_for: Callable[[str], str]
) -> Iterable[dict[str, str]]:
    """One row per diaspora organisation, with its leaders and its sources' URLs."""
    for org in record.organisations:
        names = names_by_lang(org)
        leaders = []
        for membership in record.leaders.get(org.id, []):
            person = record.entities.get(membership.first("member") or "")
            if person is None:
                continue
            role = membership.first("role")
            leaders.append(f"{person.caption} ({role})" if role else person.caption)
        sources = sorted({f.source_id for f in org.facts})
        urls = [(record.entities[s].first("sourceUrl") or "") for s in sources
                if s in record.entities]  # fmt: skip
        summary = [f.value for f in org.facts if f.prop == "summary" and f.lang != "zho"]
        yield {
            "id": org.id,
            "name": org.caption,
            "name_zh": names.get("zho", ""),
            "abbreviation": _join(org.values("abbreviation")),
            "countries": _join(c for c in org.values("country") if c != NO_COUNTRY),
            "city": _join(org.values("address")),
            "founded": _join(org.values("incorporationDate")),
            "sectors": _join(org.values("sector")),
            "website": _join(org.values("website")),
            "summary": summary[0] if summary else "",
            "leaders": _join(leaders),
            "url": url_for(org.id),
            "source_ids": _join(sources),
            "source_urls": _join(urls),
        }


def directory_ids(record: AbroadRecord) -> list[str]:
    """What the FtM directory holds: the organisations, their leaders' memberships and
    the leaders, and every source these cite (so the file stands alone)."""
    ids: dict[str, None] = {}
    for org in record.organisations:
        ids[org.id] = None
        for membership in record.leaders.get(org.id, []):
            ids[membership.id] = None
            member = membership.first("member") or ""
            if member in record.entities:
                ids[member] = None
    cited = {f.source_id for i in list(ids) for f in record.entities[i].facts}
    for source in sorted(cited):
        if source in record.entities:
            ids.setdefault(source)
    return list(ids)


def write_figures(record: AbroadRecord, out: IO[str], *, url_for: Callable[[str], str]) -> int:
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = list(csv_rows(record, url_for=url_for))
    writer.writerows(rows)
    return len(rows)


def write_directory(record: AbroadRecord, out: IO[str], *, url_for: Callable[[str], str]) -> int:
    writer = csv.DictWriter(out, DIRECTORY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    rows = list(directory_rows(record, url_for=url_for))
    writer.writerows(rows)
    return len(rows)


def write_directory_ftm(record: AbroadRecord, out: IO[str]) -> int:
    exporter = FtMExporter(out)
    ids = directory_ids(record)
    for entity_id in sorted(ids):
        exporter.feed(record.entities[entity_id])
    return len(ids)


class AbroadExporter(Exporter):
    """Collects what `export_store` feeds (already filtered), then writes one of the
    section's downloads."""

    def __init__(self, out: IO[str], *, format: str, base_url: str = "") -> None:
        super().__init__(out, base_url=base_url)
        self.format = format
        self.entities: list[Entity] = []

    def feed(self, entity: Entity) -> None:
        self.entities.append(entity)

    def finish(self) -> None:
        record = AbroadRecord.from_entities(self.entities)

        def url_for(entity_id: str) -> str:
            return f"{self.base_url}/entities/{entity_id}"

        if self.format == "abroad-figures":
            self.written = write_figures(record, self.out, url_for=url_for)
        elif self.format == "abroad-directory":
            self.written = write_directory(record, self.out, url_for=url_for)
        else:
            self.written = write_directory_ftm(record, self.out)
