"""The site's scope (issue #13, item 4): an imported list enters the site only where it
is linked to the record, with a count per list; long listings are paginated."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock import Defaults, Store, load_paths
from lionrock.cli import main
from lionrock.publish import SiteOptions, SiteRecord, build_site
from lionrock.publish.pages import PAGE_ROWS, PageSpec, paginate
from lionrock.publish.renderer import Renderer
from lionrock.render import LANGUAGES
from lionrock.sanctions.lists import import_list
from tests.conftest import SOURCE_YAML, write

# A made-up record and list, in the formats of the bundled record and of OFAC's SDN CSV.
RECORD = (
    SOURCE_YAML
    + """
entities:
  - id: lr-person-chan
    schema: Person
    source: src-test
    properties:
      name: CHAN Tai Man
      birthDate: 1960-01-02
  - id: lr-event-hearing
    schema: Event
    source: src-test
    properties:
      name: A hearing
      date: 2024-01-01
      involved: ofac-3
"""
)
NULLS = ",".join(["-0- "] * 6)
SDN = "\n".join(
    [
        f'1,"LEE, Test","individual","HK-EO13936","Official",{NULLS},"DOB 01 Jan 1957."',
        f'2,"FAR, Away","individual","SDGT",-0- ,{NULLS},"DOB 01 Jan 1970."',
        f'3,"NAMED, In Event","individual","SDGT",-0- ,{NULLS},-0- ',
        f'4,"CHAN, Tai Man","individual","SDGT",-0- ,{NULLS},"DOB 02 Jan 1960."',
        f'5,"CHAN, Tai Man","individual","SDGT",-0- ,{NULLS},"DOB 03 Mar 1980."',
        f'6,"SHIP, Some","vessel","SYRIA",-0- ,{NULLS},-0- ',
    ]
)


@pytest.fixture
def listed(store: Store, tmp_path: Path) -> Store:
    path = write(tmp_path / "us-ofac-sdn-2024-05-03.csv", SDN + "\n")
    import_list(store, path=path, list_name="us-ofac-sdn",
                defaults=Defaults(review="published"))  # fmt: skip
    load_paths(store, [write(tmp_path / "record.yaml", RECORD)], defaults=Defaults())
    return store


def test_only_linked_list_entries_enter_the_site(listed: Store) -> None:
    record = SiteRecord.load(listed)
    persons = {e.id for e in record.of_schema("Person")}
    # the record's own; an HK program's; one the record names; the same name and birth date
    assert persons == {"lr-person-chan", "ofac-1", "ofac-3", "ofac-4"}
    assert "ofac-2" not in record.entities and "ofac-5" not in record.entities
    assert "ofac-6" not in record.entities
    targets = {s.first("entity") for s in record.of_schema("Sanction")}
    assert targets == {"ofac-1", "ofac-3", "ofac-4"}
    assert "src-us-ofac-sdn-2024-05-03" in record.entities  # the source they cite
    assert record.lists == [
        {"list_name": "us-ofac-sdn", "date": "2024-05-03", "entities": 6, "on_site": 3}
    ]


def test_without_a_list_everything_published_is_the_record(store: Store, tmp_path: Path) -> None:
    record_only = RECORD.replace("involved: ofac-3", "summary: no list")
    load_paths(store, [write(tmp_path / "record.yaml", record_only)], defaults=Defaults())
    record = SiteRecord.load(store)
    assert {"lr-person-chan", "lr-event-hearing", "src-test"} <= record.entities.keys()
    assert record.lists == []


def test_the_site_counts_each_list_and_leaves_the_rest_out(listed: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(listed, out=out, options=SiteOptions(search=False))
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert "en/entities/ofac-1.html" in pages
    assert "en/entities/ofac-2.html" not in pages and "en/entities/ofac-6.html" not in pages
    sanctions = (out / "en" / "sanctions.html").read_text(encoding="utf-8")
    assert "us-ofac-sdn" in sanctions and "2024-05-03" in sanctions
    assert "FAR, Away" not in (out / "en" / "people.html").read_text(encoding="utf-8")


def test_publish_reports_each_stage_in_one_line(listed: Store, tmp_path: Path) -> None:
    env = {"LIONROCK_DATABASE_URL": listed.url}
    result = CliRunner().invoke(main, ["publish", "-o", str(tmp_path / "s"), "--no-search"],
                                env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("publish: "))
    for stage in ("reading the record", "preparing pages", "writing pages"):
        assert stage in line


def test_long_listings_are_paginated_under_100_kb_gzipped() -> None:
    rows = [
        {"name": {"id": f"lr-person-{i}", "caption": f"Person number {i} " * 3, "names": {}},
         "position": None, "status": None, "born": None}
        for i in range(PAGE_ROWS * 3 + 7)
    ]  # fmt: skip
    columns = [{"key": "name", "label": "Name", "kind": "ref"}]
    spec = PageSpec("people.html", "listing.html",
                    {"title": "People", "columns": columns, "rows": rows})  # fmt: skip
    pages = list(paginate(spec))
    assert [p.path for p in pages] == ["people.html", "people-2.html", "people-3.html",
                                       "people-4.html"]  # fmt: skip
    assert sum(len(p.data["rows"]) for p in pages) == len(rows)
    renderer = Renderer(LANGUAGES[0], SiteOptions(search=False), LANGUAGES)
    for page in pages:
        html = renderer.render(page.path, page.template, page.data)
        assert len(gzip.compress(html)) < 100_000
        assert b'href="people-4.html"' in html or page.path == "people-4.html"
