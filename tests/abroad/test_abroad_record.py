"""The section's classification, statistics and downloads over the fictitious record
(issue #17), on SQLite and PostgreSQL: what counts as a diaspora organisation, a bounty
batch, a measure against the wanted and an incident abroad; the figures' periods and
charts; and the downloads, which never carry a draft or a confidential field."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import SimpleNamespace

from lionrock import Defaults, Store, load_paths
from lionrock.abroad import FORMATS, AbroadIndex, abroad_stats, load_record
from lionrock.abroad._figures import period_label, span_class
from lionrock.export import export_store
from lionrock.stats import compute_stats
from lionrock.web import routes_abroad
from tests.abroad.conftest import SECRETS
from tests.conftest import ROOT


def _export(store: Store, fmt: str) -> str:
    out = io.StringIO()
    export_store(store, out, format=fmt, base_url="https://lr.example")  # not published_only:
    return out.getvalue()  # the abroad formats are public output whatever the flag says


def test_classification(abroad_store: Store) -> None:
    record = load_record(abroad_store, published_only=True)
    assert [o.id for o in record.organisations] == [
        "lr-org-fx-everywhere",
        "lr-org-fx-harbour-circle",
        "lr-org-fx-maple-voices",
    ]  # not the Hong Kong outlet, not the parliamentary group (no sector), no draft
    assert [p.id for p in record.wanted] == ["lr-person-fx-chan", "lr-person-fx-ho",
                                              "lr-person-fx-lee"]  # fmt: skip
    assert [e.id for e in record.batches] == ["lr-event-fx-batch"]
    # later measures, relatives questioned; not an arrest from before any warrant
    assert [e.id for e in record.measures] == ["lr-event-fx-relatives", "lr-event-fx-absconders"]
    assert [e.id for e in record.incidents] == ["lr-event-fx-incident"]
    assert [f.id for f in record.figures] == [
        "lr-stat-fx-other", "lr-stat-fx-q1", "lr-stat-fx-q1-other", "lr-stat-fx-q2",
        "lr-stat-fx-total",
    ]  # fmt: skip


def test_stats_counts(abroad_store: Store) -> None:
    stats = compute_stats(abroad_store)["abroad"]
    assert stats["diaspora_organisations"] == 4  # the draft organisation counts here
    public = abroad_stats(load_record(abroad_store, published_only=True))
    assert public["diaspora_organisations"] == 3
    assert public["organisations_by_country"] == {"ca": 1, "gb": 1, "zz": 1}
    assert public["wanted_persons"] == 3
    assert public["wanted_by_residence"] == {"gb": 2, "unknown": 1}
    assert public["bounty_batches"] == 1
    assert public["batches"] == [{"id": "lr-event-fx-batch", "date": "2024-03-03", "persons": 3}]
    assert public["measures_against_wanted"] == 2
    assert public["emigration_figures"] == 5
    assert public["figures_by_country"] == {"gb": 5}
    assert public["facts_without_source"] == 0


def test_periods_and_charts(abroad_store: Store) -> None:
    record = load_record(abroad_store, published_only=True)
    figures = {f.id: f for f in record.figures}
    assert period_label(figures["lr-stat-fx-q2"]) == "2021-04-01 – 2021-06-30"
    assert period_label(figures["lr-stat-fx-other"]) == "2021"
    assert span_class(figures["lr-stat-fx-q2"]) == "quarter"
    # eight months from the route's opening: a running total, not a year's figure
    assert span_class(figures["lr-stat-fx-total"], ["2021-01-31"]) == "total"
    assert span_class(figures["lr-stat-fx-total"]) == "part"
    page = AbroadIndex(record).country("gb")
    assert page is not None
    charts = {(c["measure"], c["span"]): c["bars"] for c in page["charts"]}
    # `other` is listed, never charted; the disputed quarter shows both counts, alleged
    assert set(charts) == {("bno_applications", "quarter"), ("bno_applications", "total")}
    quarter = charts[("bno_applications", "quarter")]
    assert [(b["value"], b["status"]) for b in quarter] == [
        (31000.0, "alleged"), (32500.0, "alleged"), (27777.0, "confirmed"),
    ]  # fmt: skip
    assert all(b["source"]["title"] for bars in charts.values() for b in bars)
    assert len(page["figures"]) == 5


def test_country_pages(abroad_store: Store) -> None:
    index = AbroadIndex(load_record(abroad_store, published_only=True))
    assert index.countries() == ["ca", "gb", "us", "zz"]
    gb = index.country("gb")
    assert gb is not None and gb["jurisdiction"]["opened"][0]["value"] == "2021-01-31"
    assert [o["ref"]["id"] for o in gb["organisations"]] == ["lr-org-fx-harbour-circle"]
    assert gb["organisations"][0]["leaders"][0]["person"]["id"] == "lr-person-fx-ada-wong"
    assert [p["ref"]["id"] for p in gb["wanted"]] == ["lr-person-fx-chan", "lr-person-fx-lee"]
    # the batch names three; this page lists the two who live here
    batch = next(b for b in gb["batches"] if b["ref"]["id"] == "lr-event-fx-batch")
    assert [p["id"] for p in batch["people"]] == ["lr-person-fx-chan", "lr-person-fx-lee"]
    assert [i["ref"]["id"] for i in gb["incidents"]] == ["lr-event-fx-incident"]
    us = index.country("us")
    assert us is not None
    assert [s["target"]["id"] for s in us["sanctioned"]] == ["lr-person-fx-official"]
    assert [s["target"]["id"] for s in us["counter_sanctioned"]] == ["lr-person-fx-senator"]
    assert index.country("xx") is None
    index_page = index.index()
    assert index_page["batches"][0]["residence"] == {
        "lr-person-fx-chan": ["gb"], "lr-person-fx-lee": ["gb"], "lr-person-fx-ho": [],
    }  # fmt: skip
    people = [p["id"] for p in index_page["batches"][0]["people"]]
    assert people == ["lr-person-fx-chan", "lr-person-fx-ho", "lr-person-fx-lee"]


def test_directory_csv(abroad_store: Store) -> None:
    text = _export(abroad_store, "abroad-directory")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == ["Everywhere Alliance", "Harbour Circle", "Maple Voices"]
    harbour = rows[1]
    assert harbour["name_zh"] == "海港圈"
    assert harbour["countries"] == "gb" and harbour["city"] == "Leeds"
    assert harbour["sectors"] == "community; culture"
    assert harbour["leaders"] == "Ada Wong Fictitious (Founder)"
    assert harbour["url"] == "https://lr.example/entities/lr-org-fx-harbour-circle"
    assert harbour["source_urls"] == "https://example.org/gazette"
    assert not any(secret in text for secret in SECRETS)


def test_directory_ftm(abroad_store: Store) -> None:
    text = _export(abroad_store, "abroad-directory-ftm")
    lines = [json.loads(line) for line in text.splitlines()]
    ids = {line["id"] for line in lines}
    assert {"lr-org-fx-harbour-circle", "lr-membership-fx-ada-harbour", "lr-person-fx-ada-wong",
            "src-fx-gazette"} <= ids  # fmt: skip
    assert "lr-org-fx-city-daily" not in ids
    assert not any(secret in text for secret in SECRETS)
    org = next(line for line in lines if line["id"] == "lr-org-fx-harbour-circle")
    assert org["schema"] == "Organization" and org["properties"]["country"] == ["gb"]


def test_figures_csv(abroad_store: Store) -> None:
    text = _export(abroad_store, "abroad-figures")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 5 and "99999" not in text
    q2 = next(r for r in rows if r["id"] == "lr-stat-fx-q2")
    assert (q2["country"], q2["measure"], q2["value"]) == ("gb", "bno_applications", "27777")
    assert (q2["period_start"], q2["period_end"], q2["status"]) == (
        "2021-04-01", "2021-06-30", "confirmed",
    )  # fmt: skip
    assert q2["source_title"] == "Figures and warrants" and q2["source_url"]
    assert {r["status"] for r in rows if r["id"].startswith("lr-stat-fx-q1")} == {"alleged"}


def test_directory_ftm_loads_back(abroad_store: Store, memory_store: Store, tmp_path: Path) -> None:
    """The FtM directory stands alone: it loads into an empty store, exactly."""
    path = tmp_path / "directory.ftm.json"
    path.write_text(_export(abroad_store, "abroad-directory-ftm"), encoding="utf-8")
    load_paths(memory_store, [path], defaults=Defaults(review="published"))
    loaded = memory_store.entity("lr-org-fx-harbour-circle")
    original = abroad_store.entity("lr-org-fx-harbour-circle")
    assert loaded is not None and original is not None
    public = {(f.prop, f.value, f.source_id) for f in original.facts if f.prop != "email"}
    assert {(f.prop, f.value, f.source_id) for f in loaded.facts} == public


def test_docs_name_every_format_and_route() -> None:
    text = (ROOT / "docs" / "abroad.md").read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"`{name}`" in text
    web = SimpleNamespace(store=None, settings=None)  # the routes are only listed here
    paths = [r.path for r in routes_abroad.routes(web)]  # type: ignore[arg-type]
    for path in paths:
        shown = path.replace("{code}", "CODE")
        assert f"`{shown}" in text, path
