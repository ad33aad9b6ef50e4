"""A person's page lists the records that point at it (charges, memberships, sanctions,
mentions, events), grouped by schema, capped with a link to the full, paged list; the JSON
twin carries the same."""

from __future__ import annotations

import jsonschema
from starlette.testclient import TestClient

from lionrock import Fact, Settings, Store
from lionrock.web import create_app

XSS = "<script>alert('backlink')</script>"
EVENTS = 12  # more than a page shows


def _pub(entity_id: str, schema: str, prop: str, value: str, review: str = "published") -> Fact:
    return Fact(entity_id, schema, prop, value, "src-a", review=review)


def _record(store: Store) -> None:
    facts = [
        _pub("src-a", "Article", "title", "A synthetic source"),
        _pub("src-a", "Article", "publisher", "Synthetic Publisher"),
        _pub("src-a", "Article", "publishedAt", "2024-05-30"),
        _pub("p1", "Person", "name", "Synthetic Defendant"),
        _pub("c1", "CourtCase", "name", "HKSAR v Synthetic Defendant"),
        _pub("o1", "Organization", "name", "Synthetic Union"),
        _pub("s1", "Sanction", "entity", "p1"),
        _pub("s1", "Sanction", "program", "Synthetic Program"),
        _pub("m1", "Membership", "member", "p1"),
        _pub("m1", "Membership", "organization", "o1"),
        _pub("m1", "Membership", "role", "Chair"),
        _pub("mention1", "Mention", "resolved", "p1"),
        _pub("mention1", "Mention", "document", "src-a"),
        _pub("mention1", "Mention", "name", "Synthetic Defendant"),
        # a draft charge: never counted, never listed
        _pub("ch-draft", "Charge", "defendant", "p1", review="draft"),
        _pub("ch-draft", "Charge", "offence", "SECRET draft offence", review="draft"),
    ]
    for n in (1, 2):
        facts += [
            _pub(f"ch{n}", "Charge", "defendant", "p1"),
            _pub(f"ch{n}", "Charge", "case", "c1"),
            _pub(f"ch{n}", "Charge", "offence", f"Synthetic offence {n}"),
            _pub(f"ch{n}", "Charge", "chargeDate", f"2021-0{n}-28"),
        ]
    for n in range(EVENTS):
        name = XSS if n == 0 else f"Synthetic event {n:02d}"
        facts += [
            _pub(f"ev{n:02d}", "Event", "name", name),
            _pub(f"ev{n:02d}", "Event", "date", f"2021-03-{n + 1:02d}"),
            _pub(f"ev{n:02d}", "Event", "involved", "p1"),
        ]
    schemata = {f.entity_id: f.schema for f in facts}
    with store.write() as writer:
        writer.put_facts(facts)
        writer.put_entities(schemata)


def test_a_persons_page_lists_what_points_at_it(store: Store) -> None:
    _record(store)
    client = TestClient(create_app(Settings(database_url="sqlite://"), store=store))
    twin = client.get("/api/entities/p1").json()
    groups = {g["schema"]: g for g in twin["backlinks"]}
    assert list(groups) == ["Charge", "Event", "Membership", "Mention", "Sanction"]
    assert {s: g["total"] for s, g in groups.items()} == {
        "Charge": 2, "Event": EVENTS, "Membership": 1, "Mention": 1, "Sanction": 1
    }  # fmt: skip
    charge = groups["Charge"]["rows"][0]
    assert charge["id"] == "ch1" and charge["caption"] == "Synthetic offence 1"
    assert charge["via"] == ["defendant"] and charge["via_labels"] == ["Defendant"]
    assert charge["date"] == "2021-01-28"
    assert [o["id"] for o in charge["others"]] == ["c1"]  # the case, not the source
    assert [o["id"] for o in groups["Membership"]["rows"][0]["others"]] == ["o1"]
    events = groups["Event"]
    assert len(events["rows"]) < EVENTS and events["more"] is not None
    assert events["more"] == "/api/entities/p1/backlinks?schema=Event"
    assert groups["Charge"]["more"] is None
    paths = client.get("/api/openapi.json").json()["paths"]
    more = client.get(events["more"]).json()
    for path, data in (("/api/entities/{entity_id}", twin),
                       ("/api/entities/{entity_id}/backlinks", more)):  # fmt: skip
        ok = paths[path]["get"]["responses"]["200"]["content"]["application/json"]
        jsonschema.validate(data, ok["schema"])

    page = client.get("/entities/p1").text
    assert "Records that point here" in page
    assert "Charges (2)" in page and f"Events ({EVENTS})" in page
    assert 'href="../entities/ch1"' in page and 'href="../entities/c1"' in page
    assert 'href="../entities/p1/backlinks?schema=Event"' in page
    assert "SECRET" not in page and "ch-draft" not in page
    assert XSS not in page and "&lt;script&gt;" in page

    # the full list, paged by a cursor, on both the page and the twin
    seen, cursor = [], None
    while True:
        params = {"schema": "Event", "limit": "5", **({"cursor": cursor} if cursor else {})}
        part = client.get("/api/entities/p1/backlinks", params=params).json()
        assert part["total"] == EVENTS
        seen += [r["id"] for r in part["rows"]]
        cursor = part["next_cursor"]
        if cursor is None:
            break
    assert seen == [f"ev{n:02d}" for n in range(EVENTS)]
    full = client.get("/entities/p1/backlinks", params={"schema": "Event"})
    assert full.status_code == 200 and full.text.count("<li>") == EVENTS
    assert XSS not in full.text
    first = client.get("/entities/p1/backlinks", params={"schema": "Event", "limit": "5"}).text
    assert "backlinks?schema=Event&amp;cursor=" in first  # the next page

    assert client.get("/api/entities/p1/backlinks", params={"schema": "Nope"}).status_code == 400
    assert client.get("/api/entities/p1/backlinks").status_code == 400
    assert client.get("/api/entities/nobody/backlinks?schema=Event").status_code == 404
    # a record nothing points at has no section
    assert client.get("/api/entities/ev03").json()["backlinks"] == []
    assert "Records that point here" not in client.get("/entities/ev03").text
