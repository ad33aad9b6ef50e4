"""Convictions quashed on appeal (issue #11): a quashed conviction counts as no
conviction and its term in no total, on both backends; the quashing is shown with its
date and source in the prisoner lists and on the person's page, in every language; a
conviction quashed and then reinstated stands; the checks catch appeals that cannot be
right."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from lionrock import Settings, Store, compute_stats
from lionrock.model import Fact
from lionrock.publish import SiteOptions, build_site
from lionrock.record import (
    CaseRecord,
    charge_rows,
    conviction_stands,
    record_statistics,
    run_checks,
    standing_verdict,
)
from lionrock.render.prisoners import ListQuery, PrisonerIndex
from lionrock.store import Entity
from lionrock.web import create_app
from tests.conftest import BACKENDS
from tests.record.conftest import DRAFTS, HERE, RECORD, _store

TODAY = date(2026, 12, 6)
APPEALS = HERE / "fixture_appeals.yaml"
#: "conviction quashed on appeal (2025-02-28)" in each language
QUASHED = {
    "en": "conviction quashed on appeal (2025-02-28)",
    "zh-hant": "定罪經上訴撤銷（2025-02-28）",
    "ja": "上訴審で有罪判決破棄（2025-02-28）",
}


@pytest.fixture(scope="module", params=BACKENDS)
def appeal_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The fictitious record with Cheung's conviction quashed and Chan's quashed then
    reinstated, on each backend."""
    yield from _store(request, tmp_path_factory, RECORD, DRAFTS, APPEALS)


def _record(store: Store) -> CaseRecord:
    return CaseRecord.from_store(store, published_only=True)


def test_a_quashed_conviction_counts_in_no_figure(appeal_store: Store) -> None:
    stats = record_statistics(_record(appeal_store), today=TODAY)
    # without the appeals: Chan 84 and Cheung 10 months, total 94, median 47
    assert stats["sentences"]["count"] == 1 and stats["sentences"]["total"] == 84
    assert stats["sentences"]["median"] == 84
    assert stats["by_verdict"]["conviction_quashed"] == 1
    assert stats["by_verdict"]["convicted"] == 2  # Chan (reinstated) and the company
    assert stats["convicted"]["persons"] == 1  # Chan; the company is no person
    cases = {c["id"]: c["verdicts"] for c in compute_stats(appeal_store)["cases"]}
    assert cases["lr-fx-case-b"] == {"conviction_quashed": 1, "unknown": 1}
    assert cases["lr-fx-case-a"]["convicted"] == 1  # Chan's conviction stands


def test_quashed_then_reinstated_stands(appeal_store: Store) -> None:
    record = _record(appeal_store)
    chan, cheung = (record.entities[i] for i in ("lr-fx-charge-chan", "lr-fx-charge-cheung"))
    assert conviction_stands(chan) and standing_verdict(chan) == "convicted"
    assert not conviction_stands(cheung) and standing_verdict(cheung) == "conviction_quashed"
    rows = {
        r["id"]: r for r in PrisonerIndex.build(record, today=TODAY).page(ListQuery("all"))["rows"]
    }
    assert rows["lr-fx-chan-tai-man"]["sentence"]["months"] == 84
    assert rows["lr-fx-chan-tai-man"]["quashed"] == []


def test_the_row_and_the_csv_say_the_conviction_was_quashed(appeal_store: Store) -> None:
    record = _record(appeal_store)
    index = PrisonerIndex.build(record, today=TODAY)
    rows = {r["id"]: r for r in index.page(ListQuery(view="all"))["rows"]}
    cheung = rows["lr-fx-cheung-ka-fai"]
    assert cheung["sentence"] is None and cheung["verdicts"] == ["conviction_quashed"]
    [quashed] = cheung["quashed"]
    assert quashed["date"] == "2025-02-28" and quashed["charge"] == "lr-fx-charge-cheung"
    assert quashed["source"]["title"] == "Fictitious report of a Court of Appeal ruling"
    by_charge = {r["charge_id"]: r for r in charge_rows(record, url_for=str, today=TODAY)}
    assert by_charge["lr-fx-charge-cheung"]["conviction_stands"] == "no"
    assert by_charge["lr-fx-charge-cheung"]["appeal_outcome"] == "conviction_quashed"
    assert by_charge["lr-fx-charge-cheung"]["appeal_date"] == "2025-02-28"
    assert by_charge["lr-fx-charge-cheung"]["sentence_months"] == "10"  # as passed, kept
    assert by_charge["lr-fx-charge-chan"]["conviction_stands"] == "yes"
    assert by_charge["lr-fx-charge-lee"]["conviction_stands"] == ""  # acquitted


def test_app_pages_show_the_quashing_in_each_language(appeal_store: Store) -> None:
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=appeal_store))
    for lang, words in QUASHED.items():
        listed = client.get("/prisoners", params={"view": "all", "lang": lang}).text
        assert words in listed, lang
        assert "Fictitious report of a Court of Appeal ruling" in listed  # its citation
        # the count quashed is named, linked to its charge: one count is not the whole case
        named = listed.split('<small class="quashed"><a href="./entities/lr-fx-charge-cheung">')
        assert "Doing an act with seditious intention" in named[1].split("</a>")[0], lang
    # the person's page, beside the charge; the charge's own page keeps the time served
    page = client.get("/entities/lr-fx-cheung-ka-fai").text
    assert QUASHED["en"] in page
    assert QUASHED["en"] not in client.get("/entities/lr-fx-chan-tai-man").text  # reinstated
    charge = client.get("/entities/lr-fx-charge-cheung").text
    assert "Conviction quashed on appeal" in charge and "He had already served" in charge
    api = client.get("/api/prisoners", params={"view": "all"}).json()["prisoners"]
    cheung = next(p for p in api if p["id"] == "lr-fx-cheung-ka-fai")
    assert cheung["quashed_convictions"] == [
        {"charge": "lr-fx-charge-cheung", "date": "2025-02-28", "source": "src-ax-appeal"}
    ]
    assert cheung["sentence_months"] is None


def test_the_site_shows_the_quashing_in_each_language(appeal_store: Store, tmp_path: Path) -> None:
    if appeal_store.engine.dialect.name != "sqlite":
        pytest.skip("the site is built from either backend alike; once is enough")
    site = tmp_path / "site"
    build_site(appeal_store, out=site, options=SiteOptions(search=False))
    for lang, words in QUASHED.items():
        listed = (site / lang / "prisoners" / "all.html").read_text(encoding="utf-8")
        assert words in listed, lang
    # the person's page: every ruling in order in the charge's verdict cell, with the notes
    chan = (site / "ja" / "entities" / "lr-fx-chan-tai-man.html").read_text(encoding="utf-8")
    assert chan.index("上訴審で有罪判決破棄 (2025-02-28)") < chan.index(
        "上訴審で有罪判決復活 (2025-06-19)"
    )
    cheung = (site / "zh-hant" / "entities" / "lr-fx-cheung-ka-fai.html").read_text("utf-8")
    assert "定罪經上訴撤銷 (2025-02-28)" in cheung and "He had already served" in cheung
    rows = list(csv.DictReader(io.StringIO((site / "charges.csv").read_text(encoding="utf-8"))))
    assert {r["charge_id"]: r["conviction_stands"] for r in rows}["lr-fx-charge-cheung"] == "no"


def test_the_appeals_pass_every_check(appeal_store: Store) -> None:
    report = run_checks(_record(appeal_store), today=TODAY)
    assert report.problems == [], "\n".join(p.describe() for p in report.problems)


def _charge(facts: list[tuple[str, str, str]]) -> CaseRecord:
    """One person and one convicted charge with the given (prop, value, source) facts."""

    def fact(entity: str, schema: str, prop: str, value: str, source: str = "src-a") -> Fact:
        return Fact(entity, schema, prop, value, source, review="published")

    charge = Entity(
        "c1",
        "Charge",
        (
            fact("c1", "Charge", "defendant", "p1"),
            fact("c1", "Charge", "verdict", "convicted"),
            fact("c1", "Charge", "verdictDate", "2024-05-30"),
            *(fact("c1", "Charge", p, v, s) for p, v, s in facts),
        ),
    )
    person = Entity("p1", "Person", (fact("p1", "Person", "name", "CHAN Tai Man"),))
    return CaseRecord.from_entities([charge, person])


@pytest.mark.parametrize(
    ("facts", "rule", "words"),
    [
        (
            [("appealOutcome", "conviction_quashed", "src-a"), ("appealDate", "2024-01", "src-a")],
            "appeal_after_conviction",
            "the appeal ruling (conviction_quashed) is dated before the verdict",
        ),
        (
            [("appealOutcome", "dismissed", "src-a"), ("appealDate", "2024-09-01", "src-b")],
            "appeal_after_conviction",
            "an appeal date cites a source that gives no appeal outcome",
        ),
        (
            [
                ("appealOutcome", "sentence_reduced", "src-a"),
                ("appealOutcome", "dismissed", "src-a"),
                ("appealDate", "2024-09-01", "src-a"),
            ],
            "appeal_order",
            "one source dates several appeal outcomes",
        ),
        (
            [("appealOutcome", "conviction_reinstated", "src-a")],
            "appeal_order",
            "a conviction is reinstated but no quashing precedes it",
        ),
    ],
)
def test_each_appeal_rule_names_its_problem(
    facts: list[tuple[str, str, str]], rule: str, words: str
) -> None:
    problems = [p for p in run_checks(_charge(facts), today=TODAY).problems if p.rule == rule]
    assert [p.entity_id for p in problems] == ["c1"], problems
    assert words in problems[0].message
    assert problems[0].facts  # each names the facts it rests on
