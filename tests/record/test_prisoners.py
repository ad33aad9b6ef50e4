"""The prisoner record as users expect it (issue #11, item 6): who is held now and as of
when, remanded with days on remand, released with the release date, wanted abroad;
filters; statistics; the charges CSV; in the app (each language) and on the site; on
the fictitious record and the bundled one, on both backends."""

from __future__ import annotations

import csv
import gzip
import io
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lionrock import Settings, Store, compute_stats
from lionrock.model import Fact
from lionrock.publish import SiteOptions, build_site
from lionrock.publish.renderer import Renderer
from lionrock.record import COLUMNS, CaseRecord, charge_rows, record_statistics
from lionrock.render import LANGUAGES
from lionrock.render.prisoners import MAX_CASE_PAGES, PAGE_ROWS, ListQuery, PrisonerIndex
from lionrock.web import create_app

TODAY = date(2026, 12, 6)


def _client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(database_url="sqlite://"), store=store))


def _index(store: Store) -> PrisonerIndex:
    return PrisonerIndex.build(CaseRecord.from_store(store, published_only=True), today=TODAY)


def _ids(index: PrisonerIndex, query: ListQuery) -> list[str]:
    return [p.id for p in index.select(query)]


def test_lists_of_who_is_held_released_and_wanted(record_store: Store) -> None:
    index = _index(record_store)
    assert _ids(index, ListQuery()) == ["lr-fx-chan-tai-man", "lr-fx-wong-mei-ling"]
    assert _ids(index, ListQuery(view="remanded")) == ["lr-fx-wong-mei-ling"]
    # the draft "remanded" status of Lee is not public: he is released
    assert _ids(index, ListQuery(view="released")) == ["lr-fx-cheung-ka-fai", "lr-fx-lee-siu-ming"]
    assert _ids(index, ListQuery(view="wanted")) == ["lr-fx-ho-wing-sze", "lr-fx-lam-chi-keung"]
    assert _ids(index, ListQuery(view="on_bail")) == ["lr-fx-tsang-siu-fung"]
    everyone = _ids(index, ListQuery(view="all"))
    assert "lr-fx-company" in everyone and len(everyone) == 8
    rows = {r["id"]: r for r in index.page(ListQuery(view="all"))["rows"]}
    chan = rows["lr-fx-chan-tai-man"]
    assert chan["status"]["value"] == "serving_sentence"
    assert chan["status"]["as_of"] == "2024-11-20"  # the date of the source it cites
    assert chan["status"]["source"]["title"] == "Fictitious report of verdicts and sentences"
    assert chan["sentence"]["months"] == 84 and chan["expected"]["value"] == "2099-01-01"
    wong = rows["lr-fx-wong-mei-ling"]["remand"]
    assert wong["start"] == "2023-05-01" and wong["basis"] == "arrest"
    assert wong["days"] == (TODAY - date(2023, 5, 1)).days and wong["days_as_of"] == 31
    assert rows["lr-fx-cheung-ka-fai"]["release"]["value"] == "2025-01-15"
    lam = rows["lr-fx-lam-chi-keung"]
    assert lam["bounty"]["value"] == "HK$1 million" and lam["residence"]["value"] == "gb"
    assert lam["wanted"]["value"] == "2024-12-24"


def test_filters_by_status_statute_case_and_year(record_store: Store) -> None:
    index = _index(record_store)
    assert _ids(index, ListQuery(view="all", statute="snso")) == ["lr-fx-tsang-siu-fung"]
    assert _ids(index, ListQuery(view="all", statute="crimes_ordinance")) == [
        "lr-fx-cheung-ka-fai",
        "lr-fx-wong-mei-ling",
    ]
    assert _ids(index, ListQuery(view="all", case="lr-fx-case-c")) == [
        "lr-fx-lam-chi-keung",
        "lr-fx-tsang-siu-fung",
    ]
    assert _ids(index, ListQuery(view="all", year="2023")) == [
        "lr-fx-cheung-ka-fai",
        "lr-fx-wong-mei-ling",
    ]
    assert _ids(index, ListQuery(view="all", year="2024")) == [
        "lr-fx-lam-chi-keung",
        "lr-fx-tsang-siu-fung",
    ]
    assert _ids(index, ListQuery(view="all", status="released", statute="crimes_ordinance")) == [
        "lr-fx-cheung-ka-fai"
    ]
    query = ListQuery.from_params({"status": "remanded"})
    assert query.view == "all" and _ids(index, query) == ["lr-fx-wong-mei-ling"]
    assert ListQuery.from_params({"statute": "<script>", "year": "20x1", "page": "-3"}) == (
        ListQuery()
    )
    groups = {g["kind"]: g for g in index.filters(ListQuery(), site=True)}
    assert {i["value"]: i["count"] for i in groups["statute"]["items"]} == {
        "nsl": 4,
        "crimes_ordinance": 2,
        "snso": 1,
    }
    assert {i["path"] for i in groups["year"]["items"]} == {
        "prisoners/year/2021",
        "prisoners/year/2023",
        "prisoners/year/2024",
    }


def test_statistics_with_their_method(record_store: Store) -> None:
    record = CaseRecord.from_store(record_store, published_only=True)
    stats = record_statistics(record, today=TODAY)
    assert stats["persons"] == 7 and stats["companies"] == 1 and stats["charges"] == 7
    nsl = stats["by_statute"]["nsl"]  # the company is no person
    assert nsl == {"charges": 4, "persons": 3, "arrested_only": 0, "wanted_only": 0}
    assert stats["nsl_era_persons"] == 6  # all but the one wanted without a charge
    # her warrant names no statute: she is wanted, but not under the NSL-era statutes
    assert stats["nsl_era_named"] == {
        "persons": 6,
        "charged": 6,
        "arrested_only": 0,
        "wanted_only": 0,
    }
    assert stats["by_status"] == {
        "remanded": 1,
        "on_bail": 1,
        "serving_sentence": 1,
        "released": 2,
        "in_exile": 2,
    }
    assert stats["sentences"]["total"] == 94 and stats["sentences"]["median"] == 47
    # remands that ended: Cheung 2023-05-01 -> 2024-11-19, Chan 2021-01-06 -> 2024-11-19
    assert stats["remand"]["completed"]["count"] == 2
    assert stats["remand"]["completed"]["max"] == (date(2024, 11, 19) - date(2021, 1, 6)).days
    assert stats["remand"]["current"]["count"] == 1
    assert stats["arrests_per_month"] == {"2021-01": 2, "2023-05": 2, "2024-09": 1}
    assert stats["charged_per_month_without_arrest_date"] == {"2024-12": 1}
    assert stats["convicted"] == {"persons": 2, "with_dated_status": 2, "without_dated_status": []}


def test_charges_csv_one_row_per_person_per_charge(record_store: Store) -> None:
    record = CaseRecord.from_store(record_store, published_only=True)
    rows = charge_rows(record, url_for=lambda i: f"https://example.org/entities/{i}", today=TODAY)
    # seven charges, and one row for the person wanted without a charge
    assert len(rows) == 8 and list(rows[0]) == list(COLUMNS)
    chan = next(r for r in rows if r["person_id"] == "lr-fx-chan-tai-man")
    assert chan["name_en"] == "CHAN Tai Man" and chan["name_zh"] == "陳大文"
    assert chan["statute"] == "nsl" and chan["section"] == "Article 22"
    assert chan["sentence_months"] == "84" and chan["custody_status_as_of"] == "2024-11-20"
    assert chan["custody_status_source_url"] == "https://example.org/fx/2024"
    assert chan["case_number"] == "HCCC 999/2099" and chan["bail_refused"] == "2021-03-04"
    assert chan["person_url"] == "https://example.org/entities/lr-fx-chan-tai-man"
    assert "https://example.org/fx/2021" in chan["source_urls"]
    ho = next(r for r in rows if r["person_id"] == "lr-fx-ho-wing-sze")
    assert (
        ho["charge_id"] == "" and ho["bounty"] == "HK$1 million" and ho["residence_country"] == "us"
    )
    company = next(r for r in rows if r["person_id"] == "lr-fx-company")
    assert company["defendant_type"] == "Company" and company["custody_status"] == ""


def test_the_bundled_record(bundled_store: Store) -> None:
    index = PrisonerIndex.build(CaseRecord.from_store(bundled_store, published_only=True))
    held = {r["id"]: r for r in index.page(ListQuery())["rows"]}
    lai = held["lr-person-jimmy-lai"]
    assert lai["status"]["value"] == "serving_sentence" and lai["status"]["as_of"] == "2026-02-09"
    assert lai["status"]["source"]["publisher"] == "The Independent"
    assert len(_ids(index, ListQuery(view="all", case="lr-case-hk47"))) == 47
    rows = charge_rows(index.record, url_for=str, people=index.people)
    assert len(rows) >= 50 and all(r["source_ids"] for r in rows)
    stats = compute_stats(bundled_store)
    assert stats["nsl_era_persons"] >= 48 and stats["check_failures"] == 0
    assert stats["charges_by_statute"]["nsl"] >= 49
    assert stats["custody_status"]["serving_sentence"] >= 1
    assert stats["hk47"]["defendants"] == 47
    assert "lr-person-jimmy-lai" not in stats["convicted_custody"]["without_dated_status"]
    numbers = record_statistics(index.record)
    assert numbers["sentences"]["count"] >= 41


def test_app_pages_and_json_twins(record_store: Store) -> None:
    client = _client(record_store)
    data = client.get("/api/prisoners", params={"view": "all"}).json()
    assert data["total"] == 8 and data["pages"] == 1
    chan = next(p for p in data["prisoners"] if p["id"] == "lr-fx-chan-tai-man")
    assert chan["status"] == "serving_sentence" and chan["status_as_of"] == "2024-11-20"
    wong = client.get("/api/prisoners", params={"status": "remanded"}).json()["prisoners"]
    assert [p["remand_basis"] for p in wong] == ["arrest"] and wong[0]["remand_days"] > 1000
    english = client.get("/prisoners").text
    assert "In custody now" in english and "CHAN Tai Man" in english and "2024-11-20" in english
    assert 'href="./prisoners?statute=snso"' in english or "statute=snso" in english
    landed = client.get("/prisoners", params={"lang": "ja", "view": "remanded"})
    japanese = landed.text
    assert '<html lang="ja">' in japanese and "公判前の勾留" in japanese and "黃美玲" in japanese
    # an old `?lang=` link lands on the prefixed page, whose relative filters keep it
    assert str(landed.url).endswith("/ja/prisoners?view=remanded") and "lang=ja" not in japanese
    chinese = client.get("/prisoners", params={"lang": "zh-hant", "view": "wanted"}).text
    assert "海外被通緝" in chinese and "懸紅" in chinese and "英國" in chinese
    simplified = client.get("/prisoners", params={"lang": "zh-hans", "view": "wanted"}).text
    assert "海外被通缉" in simplified
    stats = client.get("/prisoners/statistics", params={"lang": "zh-hant"}).text
    assert "統計" in stats and stats.count("<svg") >= 4 and "方法" in stats
    assert client.get("/api/prisoners/statistics").json()["stats"]["charges"] == 7
    methodology = client.get("/methodology").text
    assert "What counts as a case" in methodology and "<script" not in methodology
    response = client.get("/api/prisoners/charges.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 8 and rows[0]["person_url"].startswith("http://127.0.0.1:8000/entities/")
    spec = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/prisoners", "/api/prisoners/statistics", "/api/prisoners/charges.csv"):
        assert path in spec, path


def test_drafts_and_confidential_fields_never_reach_public_output(
    record_store: Store, tmp_path: Path
) -> None:
    secrets = ("QQQ", "public_order_ordinance")
    client = _client(record_store)
    for path in (
        "/prisoners?view=all",
        "/api/prisoners?view=all",
        "/prisoners/statistics",
        "/api/prisoners/statistics",
        "/api/prisoners/charges.csv",
        "/prisoners?view=all&lang=ja",
        "/prisoners?case=lr-fx-case-draft",
        "/api/export.csv",
        "/entities/lr-fx-chan-tai-man",
    ):
        text = client.get(path).text
        assert not [s for s in secrets if s in text], path
    lee = next(
        p
        for p in client.get("/api/prisoners?view=all").json()["prisoners"]
        if p["id"] == "lr-fx-lee-siu-ming"
    )
    assert lee["status"] == "released"
    site = tmp_path / "site"
    build_site(record_store, out=site, options=SiteOptions(search=False))
    leaks = [
        p
        for p in site.resolve().rglob("*")
        if p.is_file() and any(s.encode() in p.read_bytes() for s in secrets)
    ]
    assert leaks == []
    # the drafts are there, for the researchers: the check above could fail
    everything = CaseRecord.from_store(record_store)
    rows = charge_rows(everything, url_for=str)
    assert any("DRAFT-OFFENCE-QQQ" in r["offence"] for r in rows)


def test_the_site_lists_filters_and_downloads(record_store: Store, tmp_path: Path) -> None:
    site = (tmp_path / "site").resolve()
    build_site(record_store, out=tmp_path / "site", options=SiteOptions(search=False))
    for lang in ("en", "zh-hant", "ja", "zh-hans"):
        for page in (
            "prisoners",
            "prisoners/remanded",
            "prisoners/released",
            "prisoners/wanted",
            "prisoners/all",
            "prisoners/statute/nsl",
            "prisoners/case/lr-fx-case-a",
            "prisoners/year/2023",
            "prisoners/statistics",
            "methodology",
        ):
            assert (site / lang / f"{page}.html").is_file(), (lang, page)
    remanded = (site / "en" / "prisoners" / "remanded.html").read_text(encoding="utf-8")
    assert "WONG Mei Ling" in remanded and "since the arrest on 2023-05-01" in remanded
    assert 'href="../charges.csv"' not in remanded and "../../charges.csv" in remanded
    ja = (site / "ja" / "prisoners.html").read_text(encoding="utf-8")
    assert "現在拘束中" in ja and 'href="prisoners/statute/nsl.html"' in ja
    hans = (site / "zh-hans" / "prisoners" / "statistics.html").read_text(encoding="utf-8")
    assert "统计" in hans and "<svg" in hans
    rows = list(csv.DictReader(io.StringIO((site / "charges.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 8 and rows[0]["person_url"].startswith("en/entities/")
    assert "charges.csv" in (site / "manifest.json").read_text(encoding="utf-8")


def _many(count: int) -> list[Fact]:
    """A large fictitious record in memory: `count` people in 60 cases, each remanded
    or serving a sentence, over several years."""
    facts = [
        Fact("src-many", "Article", p, v, "src-many", review="published")
        for p, v in (("title", "Many"), ("publisher", "Example"), ("publishedAt", "2025-01-01"))
    ]
    for n in range(60):
        facts.append(Fact(f"case-{n}", "CourtCase", "name", f"Fictitious case {n}", "src-many"))
    for n in range(count):
        person, charge = f"p-{n:04d}", f"c-{n:04d}"
        facts += [
            Fact(person, "Person", "name", f"CHAN Tai Man {n:04d}", "src-many"),
            Fact(
                person,
                "Person",
                "custodyStatus",
                ("remanded", "serving_sentence")[n % 2],
                "src-many",
            ),
            Fact(charge, "Charge", "defendant", person, "src-many"),
            Fact(charge, "Charge", "case", f"case-{n % 60}", "src-many"),
            Fact(charge, "Charge", "offence", "Sedition", "src-many"),
            Fact(
                charge, "Charge", "statute", ("nsl", "crimes_ordinance", "snso")[n % 3], "src-many"
            ),
            Fact(
                charge, "Charge", "arrestDate", f"{2020 + n % 5}-0{1 + n % 9}-1{n % 10}", "src-many"
            ),
        ]
    return [Fact(**{**f.to_dict(), "review": "published"}) for f in facts]


def test_site_pages_stay_bounded_and_small_with_a_large_record() -> None:
    from lionrock.store import Entity

    facts = _many(1200)
    by_entity: dict[str, list[Fact]] = {}
    for fact in facts:
        by_entity.setdefault(fact.entity_id, []).append(fact)
    entities = [Entity(i, fs[0].schema, tuple(fs)) for i, fs in by_entity.items()]
    index = PrisonerIndex.build(CaseRecord.from_entities(entities), today=TODAY)
    pages = list(index.site_pages())
    # views and statuses (~10), 3 statutes, 5 years, at most MAX_CASE_PAGES cases,
    # and the extra pages of long lists
    assert (
        len([p for p, _ in pages if "-" not in p.rsplit("/", 1)[-1]]) <= 10 + 3 + 5 + MAX_CASE_PAGES
    )
    assert len(pages) < 120
    assert all(len(d["rows"]) <= PAGE_ROWS for _, d in pages)
    renderer = {ui.code: Renderer(ui, SiteOptions(), LANGUAGES) for ui in LANGUAGES}
    largest = 0
    for path, data in pages:
        for code in ("en", "ja"):
            html = renderer[code].render(f"{path}.html", "prisoners.html", data)
            largest = max(largest, len(gzip.compress(html, 9)))
    assert largest < 100_000, largest


@pytest.fixture
def many_store(memory_store: Store) -> Store:
    with memory_store.write() as writer:
        facts = _many(PAGE_ROWS + 50)
        writer.put_facts(facts)
        writer.put_entities({f.entity_id: f.schema for f in facts})
    return memory_store


def test_app_pages_through_long_lists(many_store: Store) -> None:
    client = _client(many_store)
    first = client.get("/api/prisoners", params={"view": "all"}).json()
    assert first["total"] == PAGE_ROWS + 50 and first["pages"] == 2
    second = client.get("/api/prisoners", params={"view": "all", "page": "2"}).json()
    assert len(second["prisoners"]) == 50 and second["page"] == 2
    assert not {p["id"] for p in first["prisoners"]} & {p["id"] for p in second["prisoners"]}
    html = client.get("/prisoners", params={"view": "all", "page": "2"}).text
    assert "<strong>2</strong>" in html and "view=all&amp;page=1" not in html
