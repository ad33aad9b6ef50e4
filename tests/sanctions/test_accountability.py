"""The gap matrix built on responsibility (issue #12), on the bundled record, on SQLite and
PostgreSQL: who is a row (never a victim), which lists each column was checked against,
the recommendations and the PRC's counter-sanctions, its orders, and its CLI (csv, json,
html) and web outputs."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.cli import main
from lionrock.sanctions.chart import timeline
from lionrock.sanctions.gaps import GapMatrix, gap_matrix
from lionrock.web import create_app

JOHN_LEE = "ofac-29250"
JUDGE = "lr-person-andrew-chan"  # designated NSL judge in the trial of the 47


@pytest.fixture(scope="module")
def matrices(bundled_store: Store) -> dict[str, GapMatrix]:
    return {sort: gap_matrix(bundled_store, sort=sort) for sort in ("conduct", "recommendations")}


def _victims(store: Store) -> set[str]:
    """Every defendant of a Charge in the bundled record."""
    return {d for c in store.iter_entities(schema="Charge") for d in c.values("defendant")}


def test_no_victim_is_a_row(bundled_store: Store, matrices: dict[str, GapMatrix]) -> None:
    victims = _victims(bundled_store)
    assert len(victims) > 100 and "lr-person-jimmy-lai" in victims
    members = {m for r in matrices["conduct"] for m in (r.entity_id, *r.same_as)}
    assert not victims & members


def test_rows_are_the_responsible_with_a_cited_basis(
    bundled_store: Store, matrices: dict[str, GapMatrix]
) -> None:
    rows = {r.entity_id: r for r in matrices["conduct"]}
    hk = [r for r in rows.values() if any(x.program == "HK-EO13936" for x in r.cells.get("us", []))]
    # The 42 of the OFAC extract of 2024-05-03 and the six the State Department designated
    # on 31 March 2025 (data/accountability/us-designations.yaml), marked as the record's.
    assert len(hk) == 48 and matrices["conduct"].summary()["US"] == 48
    lam = rows["lr-person-paul-lam"].cells["us"]
    assert [(x.program, x.date, x.record_source_date) for x in lam] == [
        ("HK-EO13936", "2025-03-31", "2025-03-31")
    ]
    assert lam[0].label() == "HK-EO13936 2025-03-31 (record, source of 2025-03-31)"
    us = matrices["conduct"].columns[0]
    assert us.heading() == "US (us-ofac-sdn 2024-05-03; cited record)"
    for row in rows.values():
        assert row.roles or row.recommendations or row in hk, row.name
    judge = rows[JUDGE]
    assert {r.role for r in judge.roles} == {"adjudicated"} and not judge.cells
    assert any("47" in r.target or "primar" in r.target.lower() for r in judge.roles)
    responsibility = bundled_store.entity(judge.roles[0].responsibility_id)
    assert responsibility is not None and all(f.source_id for f in responsibility.facts)
    lee = rows[JOHN_LEE]
    assert lee.recommendations and {r.role for r in lee.roles} >= {"ordered", "legislated"}
    assert [x.program for x in lee.cells["us"]] == ["HK-EO13936"]
    # The PRC's answer to the US sanctions of 7 August 2020, which named him.
    (answer,) = [c for c in lee.counter_sanctions if c.date == "2020-08-10"]
    assert len(answer.targets) == 11 and "Marco Rubio" in answer.targets
    # Counter-sanctioned US senators are not rows: they are not the responsible.
    assert "lr-person-marco-rubio" not in rows
    # The PRC's answer of 21 April 2025 to the designations of 31 March named no one (an
    # Event): it still answers the measure against each of the six, with no targets.
    (named_none,) = rows["lr-person-paul-lam"].counter_sanctions
    assert (named_none.date, named_none.targets) == ("2025-04-21", ())
    assert named_none.announcement.startswith("PRC announces sanctions on unnamed US")
    assert named_none.label() == "2025-04-21 announcement, targets not named"
    assert named_none.sanction_ids == ("lr-event-2025-04-21-prc-sanctions-us-personnel-hong-kong",)
    assert named_none in rows["lr-person-raymond-siu"].counter_sanctions


def test_columns_name_the_list_checked_or_say_none_was(matrices: dict[str, GapMatrix]) -> None:
    columns = {c.label: c for c in matrices["conduct"].columns}
    assert [(x.list_name, x.date) for x in columns["US"].lists] == [("us-ofac-sdn", "2024-05-03")]
    assert columns["US"].heading() == "US (us-ofac-sdn 2024-05-03; cited record)"
    assert columns["EU"].heading() == "EU (no list checked)" and not columns["UK"].lists
    judge = next(r for r in matrices["conduct"] if r.entity_id == JUDGE)
    assert judge.status(columns["US"]) == "not listed"
    assert judge.status(columns["EU"]) == "no list checked"


def test_sorted_by_conduct_or_by_recommendations(matrices: dict[str, GapMatrix]) -> None:
    by_conduct = [r.conduct for r in matrices["conduct"]]
    assert by_conduct == sorted(by_conduct, reverse=True)
    by_recs = [len(r.recommendations) for r in matrices["recommendations"]]
    assert by_recs == sorted(by_recs, reverse=True) and by_recs[0] > by_recs[-1]
    assert {r.entity_id for r in matrices["conduct"]} == {
        r.entity_id for r in matrices["recommendations"]
    }


def test_the_cli_writes_csv_json_and_html(
    bundled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIONROCK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LIONROCK_DATABASE_URL", bundled_store.url)
    runner = CliRunner()

    def gaps(*args: str) -> str:
        result = runner.invoke(main, ["sanctions", "gaps", *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    table = list(csv.reader(io.StringIO(gaps("--format", "csv"))))
    header = table[0]
    us_column = "US (us-ofac-sdn 2024-05-03; cited record)"
    assert us_column in header and "EU (no list checked)" in header
    assert header[-1] == "counter-sanctioned by the PRC"
    lee = next(r for r in table if r[0] == JOHN_LEE)
    us = header.index(us_column)
    assert lee[us].startswith("HK-EO13936") and lee[us + 1] == "no list checked"
    lam = next(r for r in table if r[0] == "lr-person-paul-lam")
    assert lam[us] == "HK-EO13936 2025-03-31 (record, source of 2025-03-31)"
    assert "2020-08-10" in lee[-1]
    judge = next(r for r in table if r[0] == JUDGE)
    assert judge[us] == "not listed" and "adjudicated" in judge[3]

    data = json.loads(gaps("--format", "json", "--sort", "recommendations"))
    assert data["summary"]["US"] == 48
    assert [c["label"] for c in data["columns"]][:2] == ["US", "UK"]
    assert data["columns"][0]["lists"][0]["snapshot_date"] == "2024-05-03"
    row = next(r for r in data["rows"] if r["id"] == JUDGE)
    assert row["sanctions"]["EU"]["status"] == "no list checked"
    assert row["sanctions"]["US"]["status"] == "not listed"
    assert not {r["id"] for r in data["rows"]} & _victims(bundled_store)

    page = gaps("--format", "html")
    assert "no list checked" in page and "us-ofac-sdn 2024-05-03" in page
    assert "Counter-sanctioned by the PRC" in page and "Andrew Chan" in page
    assert "<script" not in page and "<style" not in page and "https://" not in page
    assert "US: 48" in gaps()


def test_the_web_page_and_its_json(bundled_store: Store) -> None:
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=bundled_store))
    data = client.get("/api/sanctions/gaps", params={"sort": "recommendations"}).json()
    assert data["summary"]["US"] == 48
    recs = [len(r["recommended_by"]) for r in data["rows"]]
    assert recs == sorted(recs, reverse=True)
    assert data["columns"][2] == {"code": "eu", "label": "EU", "lists": [], "record": False}
    page = client.get("/sanctions/gaps")
    assert page.status_code == 200 and "no list checked" in page.text
    assert "us-ofac-sdn 2024-05-03" in page.text and "<script" not in page.text


def test_the_chart_of_designations_and_counter_sanctions(
    bundled_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = timeline({e.id: e for e in bundled_store.iter_entities(schema=("Sanction", "Event"))})
    # The US Treasury's 11 of 7 August 2020 and 7 of 16 July 2021, dated by their Events;
    # the other 24 of the 42 stay undated (OFAC gives no designation dates).
    assert data.designations["2020-Q3"] == 11 and data.designations["2021-Q3"] == 7
    assert data.undated == 24
    assert data.counter["2020-Q3"] == 11 and data.counter["2021-Q3"] == 7
    assert data.counter["2021-Q4"] == 5
    monkeypatch.setenv("LIONROCK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LIONROCK_DATABASE_URL", bundled_store.url)
    out = tmp_path / "chart.svg"
    result = CliRunner().invoke(main, ["sanctions", "chart", "-o", str(out)])
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "2020-Q3: 11 PRC counter-sanctions" in svg
    assert "24 designations without a known date" in svg and "<script" not in svg
