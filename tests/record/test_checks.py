"""The consistency checks (issue #11, item 5): each rule catches its broken record and
names the entity, the facts and their sources; the bundled record and the valid
fictitious record pass; `lionrock check` reports and exits accordingly. Both backends."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from lionrock import Store
from lionrock.cli import main
from lionrock.model import Fact
from lionrock.record import RULES, CaseRecord, Problem, before, date_bounds, run_checks
from lionrock.store import Entity
from tests.record.conftest import BROKEN, RECORD

TODAY = date(2026, 12, 6)
#: rule -> (severity, the entity it must name, words of its message)
EXPECTED = {
    "charge_links": ("error", "lr-bx-charge-orphan", "'lr-bx-hidden' is not in the record"),
    "verdict_after_charge": ("error", "lr-bx-charge-early-verdict", "verdict is dated before"),
    "sentence_on_conviction": ("error", "lr-bx-charge-acquitted-sentence", "acquitted"),
    "release_after_sentence": ("error", "lr-bx-charge-early-release", "before the sentence"),
    "status_dated": ("error", "lr-bx-undated-status", "no publication date"),
    "status_agrees": ("error", "lr-bx-stale", "older than a later event (convicted"),
    "custody_release": ("error", "lr-bx-held-released", "released on 2025-01-15"),
    "future_date": ("error", "lr-bx-future-event", "2099-01-01 is in the future"),
    "duplicate_name": ("warning", "lr-bx-chan-dup", "陈大文/陳大文"),
    "expected_release_passed": ("warning", "lr-bx-overdue", "expected release (2025-02-01)"),
    # its three months from 2024-11-19 ended too: a warning of its own, with the end date
    "term_ended": ("warning", "lr-bx-overdue", "ran to 2025-02-19 at the latest"),
    "status_conflict": ("warning", "lr-bx-conflict", "on_bail, remanded"),
    "appeal_after_conviction": (
        "error",
        "lr-bx-charge-quashed-acquittal",
        "an appeal ruling is recorded but the verdict is acquitted",
    ),
    "appeal_order": ("error", "lr-bx-charge-unordered-appeals", "not all dated"),
    "serving_quashed": (
        "error",
        "lr-bx-serving-quashed",
        "every conviction was quashed on appeal (2025-04-10)",
    ),
}


def _by_rule(problems: list[Problem]) -> dict[str, list[Problem]]:
    found: dict[str, list[Problem]] = {}
    for problem in problems:
        found.setdefault(problem.rule, []).append(problem)
    return found


def test_the_bundled_record_passes_every_check(bundled_store: Store) -> None:
    # warnings ask a person to look (namesakes such as two men called 羅斯 in Chinese,
    # an expected release that has passed since): only errors fail
    for published_only in (False, True):
        report = run_checks(CaseRecord.from_store(bundled_store, published_only=published_only))
        assert report.errors == [], "\n".join(p.describe() for p in report.errors)
        assert report.checked["charges"] >= 50 and report.checked["defendants"] >= 48


def test_the_fictitious_record_passes_with_and_without_drafts(record_store: Store) -> None:
    for published_only in (False, True):
        report = run_checks(
            CaseRecord.from_store(record_store, published_only=published_only), today=TODAY
        )
        assert report.problems == [], "\n".join(p.describe() for p in report.problems)


def test_each_rule_catches_its_broken_record(broken_store: Store) -> None:
    record = CaseRecord.from_store(broken_store, published_only=True)
    found = _by_rule(run_checks(record, today=TODAY).problems)
    assert set(found) == set(EXPECTED), sorted(found)
    for rule, (severity, entity, words) in EXPECTED.items():
        problems = found[rule]
        hit = [p for p in problems if p.entity_id == entity]
        assert hit, (rule, [p.describe() for p in problems])
        assert hit[0].severity == severity and words in hit[0].message, hit[0].describe()
        # every fact named comes with its source's publisher, title and date
        for fact in hit[0].facts:
            assert fact["source"]["publisher"] and fact["source"]["title"], fact
            assert fact["source"]["id"].startswith(("src-fx-", "src-bx-")), fact
        # the fictitious record's own entities are never blamed
        blamed = {p.entity_id for p in problems} - {"lr-fx-chan-tai-man"}
        assert not {b for b in blamed if b.startswith("lr-fx-")}, (rule, blamed)
    stale = {p.entity_id for p in found["status_agrees"]}
    assert stale == {"lr-bx-stale", "lr-bx-stale-serving"}
    # one problem per broken record: no rule reports what another already does
    assert len(found["custody_release"]) == 1 and len(found["status_agrees"]) == 2
    # one warning per person and date, however many sources give the date
    (overdue,) = found["expected_release_passed"]
    assert [f["value"] for f in overdue.facts].count("2025-02-01") == 2, overdue.describe()


def test_problems_name_the_facts_and_their_sources(broken_store: Store) -> None:
    report = run_checks(CaseRecord.from_store(broken_store, published_only=True), today=TODAY)
    [undated] = [p for p in report.problems if p.rule == "status_dated"]
    [fact] = undated.facts
    assert fact["prop"] == "custodyStatus" and fact["value"] == "released"
    assert fact["source"] == {
        "id": "src-bx-undated",
        "title": "An undated fictitious page",
        "publisher": "Example Encyclopedia",
        "date": None,
        "accessed": "2026-01-01",
        "url": "https://example.org/bx/undated",
    }
    text = undated.describe()
    assert "UNDATED Status (lr-bx-undated-status)" in text and "Example Encyclopedia" in text
    [verdict] = [p for p in report.problems if p.rule == "verdict_after_charge"]
    assert [f["prop"] for f in verdict.facts] == ["verdictDate", "chargeDate"]
    assert verdict.facts[1]["source"]["date"] == "2021-03-05"


def test_a_draft_defendant_breaks_only_the_published_record(broken_store: Store) -> None:
    everything = run_checks(CaseRecord.from_store(broken_store), today=TODAY)
    assert not [p for p in everything.problems if p.rule == "charge_links"]
    published = run_checks(CaseRecord.from_store(broken_store, published_only=True), today=TODAY)
    assert [p.entity_id for p in published.problems if p.rule == "charge_links"] == [
        "lr-bx-charge-orphan"
    ]


def test_a_charge_without_a_case_or_with_a_wrong_one() -> None:
    def fact(entity: str, schema: str, prop: str, value: str) -> Fact:
        return Fact(entity, schema, prop, value, "src-x", review="published")

    charge = Entity(
        "c1",
        "Charge",
        (fact("c1", "Charge", "defendant", "p1"), fact("c1", "Charge", "offence", "X")),
    )
    wrong = Entity(
        "c2",
        "Charge",
        (fact("c2", "Charge", "defendant", "p1"), fact("c2", "Charge", "case", "p1")),
    )
    person = Entity("p1", "Person", (fact("p1", "Person", "name", "CHAN Tai Man"),))
    record = CaseRecord.from_entities([charge, wrong, person])
    problems = [p for p in run_checks(record, today=TODAY).problems if p.rule == "charge_links"]
    assert sorted((p.entity_id, p.message) for p in problems) == [
        ("c1", "the charge has no case"),
        ("c2", "its case 'p1' is a Person, not a CourtCase"),
    ]


def test_dates_compare_by_the_days_they_may_mean() -> None:
    assert date_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert date_bounds("2023") == (date(2023, 1, 1), date(2023, 12, 31))
    assert date_bounds("2024-13") is None and date_bounds("") is None
    assert before("2024-05", "2024-06-01") and before("2023", "2024-01")
    assert not before("2024", "2024-06") and not before("2024-06", "2024-06-15")
    assert not before(None, "2024") and not before("2024", None)


def test_every_rule_has_a_description() -> None:
    for rule in RULES:
        assert rule.__name__.startswith("check_") and rule.__doc__, rule


@pytest.fixture
def home(sqlite_env: Path) -> Path:
    assert CliRunner().invoke(main, ["init"]).exit_code == 0
    return sqlite_env


def test_check_command_on_the_bundled_record(home: Path) -> None:
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 0, result.output
    assert ": 0 error(s)," in result.output
    data = json.loads(CliRunner().invoke(main, ["check", "--json"]).output)
    assert data["errors"] == 0 and data["checked"]["charges"] >= 50


def test_check_command_strict_fails_on_a_warning(sqlite_env: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    namesake = tmp_path / "namesake.yaml"
    namesake.write_text(
        "defaults: {review: published}\nentities:\n  - id: lr-bx-chan-dup\n"
        "    schema: Person\n    source: src-fx-2024\n"
        "    properties: {name: [{value: 陈大文, lang: zho}]}\n",
        encoding="utf-8",
    )
    loaded = runner.invoke(main, ["load", str(RECORD), str(namesake), "--review", "published"])
    assert loaded.exit_code == 0, loaded.output
    plain = runner.invoke(main, ["check"])
    assert plain.exit_code == 0 and "0 error(s), 1 warning(s)" in plain.output
    assert "warning: duplicate_name" in plain.output
    assert runner.invoke(main, ["check", "--strict"]).exit_code == 1


def test_check_command_fails_on_a_broken_record(home: Path) -> None:
    runner = CliRunner()
    loaded = runner.invoke(main, ["load", str(RECORD), str(BROKEN), "--review", "published"])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(main, ["check", "--published-only", "--today", "2026-12-06"])
    assert result.exit_code == 1
    assert "error: verdict_after_charge: Subversion (lr-bx-charge-early-verdict)" in result.output
    assert "cites src-fx-2024 (Example Weekly, Fictitious report" in result.output
    assert "Traceback" not in result.output
    data = json.loads(runner.invoke(main, ["check", "--json", "--today", "2026-12-06"]).output)
    assert data["today"] == "2026-12-06" and data["errors"] >= 8
    dupes = [p["entity_id"] for p in data["problems"] if p["rule"] == "duplicate_name"]
    assert "lr-bx-chan-dup" in dupes


def test_review_screens_show_the_problems(broken_store: Store) -> None:
    from lionrock.review import FactInput, propose
    from tests.web.conftest import client_for, login, make_account

    client = client_for(broken_store)
    assert client.get("/app/checks").status_code == 303  # signed-in users only
    login(client, make_account(broken_store, "reader"))
    page = client.get("/app/checks").text
    assert "Consistency checks" in page and 'id="check-errors"' in page
    assert "lr-bx-charge-early-verdict" in page and "the verdict is dated before the charge" in page
    assert "Fictitious report of verdicts and sentences" in page and "Example Weekly" in page
    one = client.get("/app/checks", params={"rule": "status_dated"}).text
    assert "lr-bx-undated-status" in one and "lr-bx-charge-early-verdict" not in one
    data = client.get("/app/checks", params={"format": "json"}).json()
    assert data["errors"] >= 7 and data["by_rule"]["duplicate_name"] == 1
    assert "error(s)" in client.get("/app/changes").text
    # a change touching a broken record lists that record's problems for its reviewer
    change = propose(
        broken_store,
        author="tester",
        schema="Person",
        entity_id="lr-bx-stale",
        adds=[FactInput("notes", "A reviewer should see the stale status", "src-fx-2024")],
    )
    shown = client.get(f"/app/changes/{change.id}").text
    assert 'id="change-problems"' in shown and "older than a later event" in shown
