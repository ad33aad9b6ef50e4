"""Editing with citations and the review workflow, through the app's forms."""

from __future__ import annotations

import re
import uuid

from lionrock import Store
from lionrock.audit import entries
from lionrock.review import get_change, history
from tests.web.conftest import SOURCE_FIELDS, person_form, post_form


def _change_id(response) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 303, response.text[:800]
    found = re.match(r"/app/changes/(\d+)$", response.headers["location"])
    assert found, response.headers["location"]
    return int(found.group(1))


def test_create_submit_approve_publish(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    reviewer, reviewer_account = as_role("reviewer")
    name = f"Synthetic Person {uuid.uuid4().hex[:6]}"
    form = person_form(
        name, prop_1="notes", value_1="held without bail", status_1="alleged", source_1="new"
    )
    change_id = _change_id(post_form(author, "/app/new", form, page="/app/new?schema=Person"))
    change = get_change(web_store, change_id)
    assert change.state == "draft" and change.kind == "create"
    person = change.entity_id
    assert web_store.entity(person) is not None
    public = author.get(f"/entities/{person}")
    assert public.status_code == 404  # a draft never reaches the public site
    assert author.get("/api/search", params={"q": name}).json()["results"] == []

    # the author cannot approve (not a reviewer); a reviewer cannot approve a draft
    assert (
        post_form(
            author, f"/app/changes/{change_id}/approve", {}, page=f"/app/changes/{change_id}"
        ).status_code
        == 403
    )
    post_form(author, f"/app/changes/{change_id}/submit", {}, page=f"/app/changes/{change_id}")
    assert get_change(web_store, change_id).state == "in_review"
    post_form(
        reviewer,
        f"/app/changes/{change_id}/comment",
        {"body": "Checked the source."},
        page=f"/app/changes/{change_id}",
    )
    done = post_form(
        reviewer, f"/app/changes/{change_id}/approve", {}, page=f"/app/changes/{change_id}"
    )
    assert done.status_code == 303
    change = get_change(web_store, change_id)
    assert change.state == "published" and change.reviewed_by == reviewer_account.username
    assert change.comments[0]["body"] == "Checked the source."
    page = author.get(f"/entities/{person}")
    assert page.status_code == 200 and name in page.text
    assert SOURCE_FIELDS["src_title"] in page.text  # the new source is cited
    assert "alleged" in page.text
    twin = author.get(f"/api/entities/{person}").json()
    assert {f["status"] for f in twin["facts"]} == {"confirmed", "alleged"}
    actions = [e.action for e in entries(web_store, target=f"entity:{person}")]
    assert actions == ["entity.create"]


def test_a_reviewer_cannot_approve_their_own_change(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    reviewer, _ = as_role("reviewer")
    form = person_form(f"Own Change {uuid.uuid4().hex[:6]}")
    change_id = _change_id(post_form(reviewer, "/app/new", form, page="/app/new"))
    post_form(reviewer, f"/app/changes/{change_id}/submit", {}, page=f"/app/changes/{change_id}")
    refused = post_form(
        reviewer, f"/app/changes/{change_id}/approve", {}, page=f"/app/changes/{change_id}"
    )
    assert refused.status_code == 403
    assert "own change" in refused.text
    assert get_change(web_store, change_id).state == "in_review"


def test_every_new_fact_needs_a_source(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    name = f"Unsourced {uuid.uuid4().hex[:6]}"
    form = {
        "schema": "Person",
        "prop_0": "name",
        "value_0": name,
        "source_0": "new",
        "confirm_new": "1",
    }
    response = post_form(author, "/app/new", form, page="/app/new")
    assert response.status_code == 400
    assert "no source" in response.text
    assert not web_store.search(name)


def test_duplicates_are_offered_before_creating(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    form = person_form("John Lee Ka-chiu")
    form.pop("confirm_new")
    response = post_form(author, "/app/new", form, page="/app/new")
    assert response.status_code == 409
    assert "Possible duplicates" in response.text and "ofac-29250" in response.text
    live = author.get(
        "/app/duplicates", params={"schema": "Person", "name": "李家超", "format": "json"}
    ).json()
    assert live["duplicates"][0]["id"] == "ofac-29250"


def test_edit_history_diff_and_restore(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    reviewer, _ = as_role("reviewer")
    change_id = _change_id(
        post_form(
            author, "/app/new", person_form(f"History {uuid.uuid4().hex[:6]}"), page="/app/new"
        )
    )
    person = get_change(web_store, change_id).entity_id
    for path in ("submit",):
        post_form(author, f"/app/changes/{change_id}/{path}", {}, page=f"/app/changes/{change_id}")
    post_form(reviewer, f"/app/changes/{change_id}/approve", {}, page=f"/app/changes/{change_id}")
    source = next(f.source_id for f in web_store.entity(person).facts)  # type: ignore[union-attr]
    old_name = next(f for f in web_store.entity(person).facts if f.prop == "name")  # type: ignore[union-attr]
    # an edit: retract the name, add a corrected one citing the same (existing) source
    edit = {
        "remove": old_name.id,
        "prop_0": "name",
        "value_0": "Corrected Name",
        "source_0": source,
        "status_0": "confirmed",
    }
    edit_id = _change_id(post_form(author, f"/app/entities/{person}", edit))
    assert get_change(web_store, edit_id).kind == "edit"
    # until approved, the public page still shows the old name
    assert old_name.value in author.get(f"/entities/{person}").text
    post_form(author, f"/app/changes/{edit_id}/submit", {}, page=f"/app/changes/{edit_id}")
    post_form(reviewer, f"/app/changes/{edit_id}/approve", {}, page=f"/app/changes/{edit_id}")
    public = author.get(f"/entities/{person}").text
    assert "Corrected Name" in public and old_name.value not in public
    page = author.get(f"/app/entities/{person}/history")
    assert page.status_code == 200 and "Corrected Name" in page.text and old_name.value in page.text
    revisions = history(web_store, person)
    drafted, submitted, published = revisions[-3:]
    assert (drafted.action, submitted.action, published.action) == (
        "draft",
        "in_review",
        "published",
    )
    assert [f["value"] for f in drafted.added] == ["Corrected Name"]
    assert [f["value"] for f in published.removed] == [old_name.value]
    assert [(f["value"], f["was"], f["review"]) for f in published.reviewed] == [
        ("Corrected Name", "in_review", "published")
    ]
    actions = [e.action for e in entries(web_store, target=f"entity:{person}")]
    assert actions == ["entity.create", "entity.edit"]  # an edit is an edit (Uwazi #6677)
    # restore the first published version, through review
    first = next(r for r in revisions if r.action == "published")
    restore_id = _change_id(
        post_form(
            author,
            f"/app/entities/{person}/restore",
            {"revision": str(first.id)},
            page=f"/app/entities/{person}/history",
        )
    )
    post_form(author, f"/app/changes/{restore_id}/submit", {}, page=f"/app/changes/{restore_id}")
    post_form(reviewer, f"/app/changes/{restore_id}/approve", {}, page=f"/app/changes/{restore_id}")
    public = author.get(f"/entities/{person}").text
    assert old_name.value in public and "Corrected Name" not in public


def test_reject_removes_the_draft(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    reviewer, _ = as_role("reviewer")
    change_id = _change_id(
        post_form(
            author, "/app/new", person_form(f"Rejected {uuid.uuid4().hex[:6]}"), page="/app/new"
        )
    )
    person = get_change(web_store, change_id).entity_id
    post_form(author, f"/app/changes/{change_id}/submit", {}, page=f"/app/changes/{change_id}")
    post_form(reviewer, f"/app/changes/{change_id}/reject", {}, page=f"/app/changes/{change_id}")
    assert get_change(web_store, change_id).state == "rejected"
    assert web_store.entity(person) is None


def test_merge_keeps_every_statement_and_redirects(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    reviewer, _ = as_role("reviewer")
    ids = []
    for name in ("Merge Left", "Merge Right"):
        form = person_form(f"{name} {uuid.uuid4().hex[:6]}")
        change_id = _change_id(post_form(author, "/app/new", form, page="/app/new"))
        post_form(author, f"/app/changes/{change_id}/submit", {}, page=f"/app/changes/{change_id}")
        post_form(
            reviewer, f"/app/changes/{change_id}/approve", {}, page=f"/app/changes/{change_id}"
        )
        ids.append(get_change(web_store, change_id).entity_id)
    keep, other = ids
    before = len(web_store.entity(keep).facts) + len(web_store.entity(other).facts)  # type: ignore[union-attr]
    denied = post_form(
        author, "/app/merge", {"keep": keep, "merge": other}, page=f"/app/entities/{keep}"
    )
    assert denied.status_code == 403
    done = post_form(
        reviewer, "/app/merge", {"keep": keep, "merge": other}, page=f"/app/entities/{keep}"
    )
    assert done.status_code == 303
    merged = web_store.entity(keep)
    assert merged is not None and len(merged.facts) == before
    assert web_store.entity(other) is None
    moved = author.get(f"/entities/{other}")
    assert moved.status_code == 301 and moved.headers["location"] == f"/entities/{keep}"
    assert author.get(f"/api/entities/{other}").headers["location"] == f"/api/entities/{keep}"


def test_the_author_can_withdraw_a_change(web_store: Store, as_role) -> None:  # type: ignore[no-untyped-def]
    author, _ = as_role("contributor")
    other, _ = as_role("contributor")
    change_id = _change_id(
        post_form(
            author, "/app/new", person_form(f"Withdrawn {uuid.uuid4().hex[:6]}"), page="/app/new"
        )
    )
    person = get_change(web_store, change_id).entity_id
    refused = post_form(other, f"/app/changes/{change_id}/withdraw", {}, page="/app/changes")
    assert refused.status_code == 403
    post_form(author, f"/app/changes/{change_id}/withdraw", {}, page=f"/app/changes/{change_id}")
    assert get_change(web_store, change_id).state == "rejected"
    assert web_store.entity(person) is None
    actions = [e.action for e in entries(web_store, target=f"change:{change_id}")]
    assert actions == ["change.withdraw"]
