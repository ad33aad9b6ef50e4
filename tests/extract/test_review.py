"""Suggestions stored apart from facts, decided once, accepted into draft facts under review
(issue #16 §3–4), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select, update

from lionrock.cli import main
from lionrock.errors import LionRockError
from lionrock.library.extract import (
    accept_suggestion,
    extract_articles,
    list_suggestions,
    reject_suggestions,
)
from lionrock.library.extract._tables import extract_suggestions
from lionrock.review import approve, get_change, submit
from lionrock.store import Store
from lionrock.store._tables import statements


def test_extract_proposes_once_and_remembers_each_decision(extract_store: Store) -> None:
    first = extract_articles(extract_store)
    assert first.articles == 4 and first.new
    found = {(p.article, p.person, p.kind, p.value): p for p in first.new}
    chung = found[("hkcnews-35176", "鍾翰林", "charged", "secession")]
    assert chung.person_id == "lr-person-tony-chung"  # the record's gazetteer
    assert chung.date == "2020-10-29"  # 今（29日）, resolved against the article's date
    assert (chung.statute, chung.section) == ("nsl", "art 20")
    assert ("hkcnews-35176", "鍾翰林", "charged", "sedition") in found  # several charges
    assert ("hkcnews-36309", "周庭", "bail_denied", "") in found
    assert ("hkcnews-41608", "余慧明", "custody", "remanded") in found
    # nothing is a fact yet: the statements table has no fact citing these articles
    with extract_store.read() as conn:
        cited = conn.execute(
            select(statements.c.id).where(
                statements.c.source_id == "hkcnews-35176", statements.c.schema != "Article"
            )
        ).all()
    assert cited == []

    again = extract_articles(extract_store)
    assert again.new == [] and again.known == len(first.new)

    queued = list_suggestions(extract_store, person="周庭", kind="bail_denied")
    assert reject_suggestions(extract_store, ids=[queued[0]["id"]], actor="ana") == 1
    assert extract_articles(extract_store).new == []
    rejected = list_suggestions(extract_store, state="rejected")
    assert [r["id"] for r in rejected] == [queued[0]["id"]]
    assert rejected[0]["decided_by"] == "ana"


def test_accepting_makes_a_draft_citing_the_article_that_another_reviewer_publishes(
    extract_store: Store,
) -> None:
    extract_articles(extract_store)  # proposes nothing new if an earlier test ran it
    row = list_suggestions(extract_store, person="lr-person-tony-chung", kind="plea")[0]
    assert (row["article_id"], row["value"]) == ("hkcnews-36369", "not_guilty")
    # the record's published pleas of his other case are shown beside it, with sources
    conflicts = {(c["value"], c["source_id"]) for c in row["conflicts"]}
    assert ("guilty", "src-cna-2021-11-23-tony-chung-sentence") in conflicts
    assert all(c["source_title"] for c in row["conflicts"])
    assert row["quote"] in row["paragraph_text"]

    with pytest.raises(LionRockError, match="give the case"):
        accept_suggestion(extract_store, suggestion_id=row["id"], actor="ana")
    change = accept_suggestion(
        extract_store,
        suggestion_id=row["id"],
        actor="ana",
        case_id="lr-case-studentlocalism-tony-chung",
    )
    assert change.state == "draft" and change.author == "ana"
    added = {a["prop"]: a for a in change.adds}
    assert added["plea"]["value"] == "not_guilty"
    assert added["defendant"]["value"] == "lr-person-tony-chung"
    assert added["offence"]["value"] == "desecrating the national or regional flag"
    assert {a["source_id"] for a in change.adds} == {"hkcnews-36369"}
    assert {a["review"] for a in change.adds} == {"draft"}
    assert extract_store.entity(change.entity_id, published_only=True) is None  # a draft

    # decided: not proposed again, and not acceptable twice
    assert extract_articles(extract_store).new == []
    with pytest.raises(LionRockError, match="already accepted"):
        accept_suggestion(extract_store, suggestion_id=row["id"], actor="ana")

    submit(extract_store, change_id=change.id, actor="ana")
    with pytest.raises(PermissionError):
        approve(extract_store, change_id=change.id, reviewer="ana")
    approve(extract_store, change_id=change.id, reviewer="ben")
    assert get_change(extract_store, change.id).state == "published"
    published = extract_store.entity(change.entity_id, published_only=True)
    assert published is not None and published.first("plea") == "not_guilty"


def test_person_level_kinds_go_on_the_person(extract_store: Store) -> None:
    extract_articles(extract_store)
    yu = list_suggestions(extract_store, kind="custody", person="余慧明")[0]
    edit = accept_suggestion(extract_store, suggestion_id=yu["id"], actor="ana")
    assert edit.kind == "edit" and edit.entity_id == yu["person_id"]
    assert [(a["prop"], a["value"]) for a in edit.adds] == [("custodyStatus", "remanded")]
    # 周庭 joined the bundled record (issue #11): her suggestions are unlinked here so that
    # they stand for a person the record does not hold
    with extract_store.write() as writer:
        writer.conn.execute(
            update(extract_suggestions)
            .where(extract_suggestions.c.person == "周庭")
            .values(person_id=None)
        )
    chow = list_suggestions(extract_store, kind="sentence", person="周庭")[0]
    with pytest.raises(LionRockError, match="not in the record"):
        accept_suggestion(extract_store, suggestion_id=chow["id"], actor="ana")
    custody = list_suggestions(extract_store, kind="custody", person="周庭")[0]
    create = accept_suggestion(extract_store, suggestion_id=custody["id"], actor="ana")
    # a person not in the record: a new Person, named as the article writes it
    assert create.kind == "create"
    assert {(a["prop"], a["value"]) for a in create.adds} >= {("name", "周庭")}


def test_cli_extract_writes_json_lines(sqlite_env: Path, reports: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    imported = runner.invoke(main, ["library", "import", str(reports), "--format", "hkcnews"])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(main, ["library", "extract", "--article", "hkcnews-35176", "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    fields = {"article", "person", "person_id", "kind", "value", "date", "quote", "confidence"}
    assert all(fields <= set(line) for line in lines)
    found = {(x["person"], x["kind"], x["value"]) for x in lines}
    assert ("鍾翰林", "charged", "secession") in found
    again = runner.invoke(main, ["library", "extract", "--article", "hkcnews-35176"])
    assert "0 new suggestions" in again.output
    listed = runner.invoke(main, ["library", "suggestions", "--person", "鍾翰林", "--json"])
    assert {s["article_id"] for s in json.loads(listed.output)} == {"hkcnews-35176"}
    missing = runner.invoke(main, ["library", "extract", "--article", "nope"])
    assert missing.exit_code == 1 and "no imported article" in missing.output
