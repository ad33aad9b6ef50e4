"""The "Hongkongers abroad" pages (issue #17) on the static site and in the web app, in
English, Traditional Chinese and Japanese, on SQLite and PostgreSQL: the index and each
country's page, with charts drawn from cited figures only, links to the records of the
people named, and downloads; never a draft or a confidential field. Over the bundled
record too: every bounty batch is there with each named person linked to their record."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.cli import main
from lionrock.publish import SiteOptions, build_site
from lionrock.web import create_app
from tests.abroad.conftest import SECRETS

LANGS = ("en", "zh-hant", "ja")
TITLE = {"en": "Hongkongers abroad", "zh-hant": "海外港人", "ja": "国外の香港人"}
#: The United Kingdom, as CLDR names it in each language.
UK = {"en": "United Kingdom", "zh-hant": "英國", "ja": "イギリス"}


@pytest.fixture(scope="module")
def site(abroad_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(abroad_store, out=out, options=SiteOptions(search=False))
    return out


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("lang", LANGS)
def test_site_pages(site: Path, lang: str) -> None:
    index = (site / lang / "abroad.html").read_text(encoding="utf-8")
    assert f"<h1>{TITLE[lang]}</h1>" in index
    assert 'href="abroad/gb.html"' in index and UK[lang] in index
    # the batch, its three people linked to their records, and the measures
    assert 'href="entities/lr-person-fx-ho.html"' in index
    assert "lr-event-fx-absconders" in index and "lr-event-fx-relatives" in index
    assert 'href="../abroad-figures.csv"' in index
    page = (site / lang / "abroad" / "gb.html").read_text(encoding="utf-8")
    assert f"<h1>{UK[lang]}</h1>" in page
    body = _main(page)
    assert body.count("<svg") == 2  # the quarters, and the running total; `other` is a row
    assert "4,242" in body and "27777" in body and "80808" in body
    assert 'href="../entities/lr-org-fx-harbour-circle.html"' in body
    assert 'href="../entities/lr-person-fx-chan.html"' in body
    assert "lr-event-fx-incident" in body and "Fictitious Human Rights Sanctions Act" in body
    assert "Ho Fictitious" not in body  # wanted, but not living here
    assert not any(secret in page for secret in SECRETS)
    us = _main((site / lang / "abroad" / "us.html").read_text(encoding="utf-8"))
    assert "lr-person-fx-official" in us and "lr-person-fx-senator" in us
    assert (site / lang / "abroad" / "zz.html").exists()
    assert not (site / lang / "abroad" / "hk.html").exists()


def test_site_charts_cite_every_bar(site: Path) -> None:
    body = _main((site / "en" / "abroad" / "gb.html").read_text(encoding="utf-8"))
    for figure in re.findall(r"<figure>.*?</figure>", body, flags=re.S):
        bars = figure.count("<rect")
        assert bars and len(re.findall(r'class="c"', figure)) == bars
    assert "(alleged: Fictitious Gazette)" in body and "(alleged: Other Fictitious Daily)" in body


def test_site_downloads(site: Path) -> None:
    text = (site / "abroad-organisations.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["lr-org-fx-everywhere", "lr-org-fx-harbour-circle",
                                       "lr-org-fx-maple-voices"]  # fmt: skip
    assert rows[1]["url"] == "en/entities/lr-org-fx-harbour-circle.html"
    ftm = (site / "abroad-organisations.ftm.json").read_text(encoding="utf-8")
    assert all(json.loads(line)["id"] for line in ftm.splitlines())
    figures = (site / "abroad-figures.csv").read_text(encoding="utf-8")
    for body in (text, ftm, figures):
        assert not any(secret in body for secret in SECRETS)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert "abroad-figures.csv" in json.dumps(manifest)


@pytest.fixture(scope="module")
def client(abroad_store: Store) -> TestClient:
    return TestClient(create_app(Settings(database_url="sqlite://"), store=abroad_store))


@pytest.mark.parametrize("lang", LANGS)
def test_app_pages(client: TestClient, lang: str) -> None:
    query = "" if lang == "en" else f"?lang={lang}"
    index = client.get(f"/abroad{query}")
    assert index.status_code == 200 and f"<h1>{TITLE[lang]}</h1>" in index.text
    assert "abroad/gb" in index.text and 'href="./api/abroad/figures.csv"' in index.text
    page = client.get(f"/abroad/gb{query}")
    assert page.status_code == 200 and f"<h1>{UK[lang]}</h1>" in page.text
    assert _main(page.text).count("<svg") == 2
    assert "entities/lr-person-fx-chan" in page.text
    assert not any(secret in page.text for secret in SECRETS)
    if lang != "en":  # an old `?lang=` link lands on the prefixed page: links keep it
        assert page.url.path == f"/{lang}/abroad/gb" and "?lang=" not in page.text


def test_app_json_and_downloads(client: TestClient) -> None:
    data = client.get("/api/abroad/gb").json()
    assert [o["ref"]["id"] for o in data["organisations"]] == ["lr-org-fx-harbour-circle"]
    assert client.get("/api/abroad").json()["counts"]["organisations"] == 3
    assert client.get("/abroad/xx").status_code == 404
    assert client.get("/api/abroad/" + "x" * 500).status_code == 404
    for name in ("figures.csv", "organisations.csv", "organisations.ftm.json"):
        response = client.get(f"/api/abroad/{name}")
        assert response.status_code == 200 and "attachment" in response.headers[
            "content-disposition"]  # fmt: skip
        assert not any(secret in response.text for secret in SECRETS)
    rows = list(csv.DictReader(io.StringIO(client.get("/api/abroad/figures.csv").text)))
    assert len(rows) == 5


def test_bundled_stats_and_batches(bundled_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """`lionrock stats --json` over the bundled record: the issue's counts, 0 facts
    without a source; every bounty batch, each named person linked to their record."""
    monkeypatch.setenv("LIONROCK_DATABASE_URL", bundled_store.url)
    result = CliRunner().invoke(main, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    abroad = stats["abroad"]
    assert stats["facts_without_source"] == 0 and abroad["facts_without_source"] == 0
    assert abroad["diaspora_organisations"] >= 57
    assert abroad["emigration_figures"] >= 112
    assert abroad["wanted_persons"] >= 35
    # the announcements of 3 July 2023 (8), 14 December 2023 (5), 24 December 2024 (6)
    # and 25 July 2025 (19, of whom 4 already wanted)
    assert [(b["date"], b["persons"]) for b in abroad["batches"]][:4] == [
        ("2023-07-03", 8), ("2023-12-14", 5), ("2024-12-24", 6), ("2025-07-25", 19),
    ]  # fmt: skip
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=bundled_store))
    index = client.get("/api/abroad").json()
    for batch in index["batches"]:
        assert batch["people"] and all(p["schema"] == "Person" for p in batch["people"])
    for lang in LANGS:
        for path in ("/abroad", "/abroad/gb", "/abroad/tw", "/abroad/us"):
            response = client.get(f"{path}?lang={lang}")
            assert response.status_code == 200, (path, lang)
