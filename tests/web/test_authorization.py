"""The authorization matrix: every write endpoint, as every role and as nobody. Only the
allowed combinations succeed. And CSRF: a forged form post is refused."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from lionrock import Store
from lionrock.auth import create_token, get_user
from lionrock.review import FactInput, SourceInput, approve, history, propose, submit
from tests.web.conftest import ROLES, client_for, csrf_of, login, make_account, post_form

WHO = ("anonymous", *ROLES)
SOURCE = SourceInput("Synthetic report", "Example Publisher", "2024-05-30")


def _draft(store: Store, author: str) -> int:
    name = f"Matrix {uuid.uuid4().hex[:8]}"
    change = propose(
        store, author=author, schema="Person", adds=[FactInput("name", name, "new")], source=SOURCE
    )
    return change.id


def _in_review(store: Store, author: str) -> int:
    change_id = _draft(store, author)
    submit(store, change_id=change_id, actor=author)
    return change_id


def _published(store: Store, author: str, reviewer: str) -> str:
    change_id = _in_review(store, author)
    return approve(store, change_id=change_id, reviewer=reviewer).entity_id


@dataclass
class World:
    store: Store
    owner: str
    checker: str
    pages: dict[str, TestClient]
    tokens: dict[str, str]


@pytest.fixture(scope="module")
def world(bundled_store: Store) -> Iterator[World]:
    owner = make_account(bundled_store, "contributor").username
    checker = make_account(bundled_store, "reviewer").username
    pages = {"anonymous": client_for(bundled_store)}
    tokens = {"anonymous": ""}
    for role in ROLES:
        account = make_account(bundled_store, role)
        pages[role] = client_for(bundled_store)
        login(pages[role], account)
        user = get_user(bundled_store, username=account.username)
        assert user is not None
        tokens[role] = create_token(bundled_store, user=user, name="matrix", scope=role)
    yield World(bundled_store, owner, checker, pages, tokens)
    for client in pages.values():
        client.close()


# endpoint name -> (the least role allowed, how to make the request)
Setup = Callable[[World], tuple[str, dict[str, Any]]]


def _form(path: str, data: dict[str, str], page: str | None = None) -> dict[str, Any]:
    return {"kind": "form", "path": path, "data": data, "page": page or path}


def _api(path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"kind": "api", "path": path, "body": body}


def _restore(w: World) -> dict[str, Any]:
    entity = _published(w.store, w.owner, w.checker)
    propose(
        w.store,
        author=w.owner,
        schema="Person",
        entity_id=entity,
        adds=[FactInput("notes", "later note", "new")],
        source=SOURCE,
    )
    first = history(w.store, entity)[0].id
    return _form(
        f"/app/entities/{entity}/restore",
        {"revision": str(first)},
        page=f"/app/entities/{entity}/history",
    )


PERSON = {
    "schema": "Person",
    "prop_0": "name",
    "value_0": "Matrix Person",
    "source_0": "new",
    "confirm_new": "1",
    "src_title": "T",
    "src_publisher": "P",
    "src_date": "2024",
}
API_CHANGE = {
    "schema": "Person",
    "facts": [{"prop": "name", "value": "Api Person", "source": "new"}],
    "source": {"title": "T", "publisher": "P", "date": "2024"},
}

ENDPOINTS: dict[str, tuple[str, Callable[[World], dict[str, Any]]]] = {
    "form: create a token": (
        "reader",
        lambda w: _form("/app/account", {"action": "token-create", "name": "n", "scope": "reader"}),
    ),
    "form: new record": ("contributor", lambda w: _form("/app/new", PERSON)),
    "form: edit a record": (
        "contributor",
        lambda w: _form(
            "/app/entities/ofac-29250",
            {
                "prop_0": "notes",
                "value_0": f"n {uuid.uuid4().hex}",
                "source_0": "new",
                "src_title": "T",
                "src_publisher": "P",
                "src_date": "2024",
            },
        ),
    ),
    "form: comment": (
        "contributor",
        lambda w: _form(
            f"/app/changes/{_draft(w.store, w.owner)}/comment",
            {"body": "a comment"},
            page="/app/changes",
        ),
    ),
    "form: submit another's change": (
        "reviewer",
        lambda w: _form(f"/app/changes/{_draft(w.store, w.owner)}/submit", {}, page="/app/changes"),
    ),
    # only a change's author may withdraw it: every other account is refused
    "form: withdraw another's change": (
        "nobody",
        lambda w: _form(
            f"/app/changes/{_draft(w.store, w.owner)}/withdraw", {}, page="/app/changes"
        ),
    ),
    "form: approve": (
        "reviewer",
        lambda w: _form(
            f"/app/changes/{_in_review(w.store, w.owner)}/approve", {}, page="/app/changes"
        ),
    ),
    "form: reject": (
        "reviewer",
        lambda w: _form(
            f"/app/changes/{_in_review(w.store, w.owner)}/reject", {}, page="/app/changes"
        ),
    ),
    "form: restore": ("contributor", _restore),
    "form: merge": (
        "reviewer",
        lambda w: _form(
            "/app/merge",
            {
                "keep": _published(w.store, w.owner, w.checker),
                "merge": _published(w.store, w.owner, w.checker),
            },
            page="/app/changes",
        ),
    ),
    "form: add an account": (
        "admin",
        lambda w: _form(
            "/app/admin",
            {
                "action": "add",
                "username": f"new-{uuid.uuid4().hex[:8]}",
                "password": "another long password",
                "role": "reader",
            },
            page="/app/changes",
        ),
    ),
    "form: require 2FA": (
        "admin",
        lambda w: _form(
            "/app/admin", {"action": "require-2fa", "value": "no"}, page="/app/changes"
        ),
    ),
    "api: propose": ("contributor", lambda w: _api("/api/changes", API_CHANGE)),
    "api: comment": (
        "contributor",
        lambda w: _api(f"/api/changes/{_draft(w.store, w.owner)}/comments", {"body": "ok"}),
    ),
    "api: submit another's change": (
        "reviewer",
        lambda w: _api(f"/api/changes/{_draft(w.store, w.owner)}/submit"),
    ),
    "api: approve": (
        "reviewer",
        lambda w: _api(f"/api/changes/{_in_review(w.store, w.owner)}/approve"),
    ),
    "api: reject": (
        "reviewer",
        lambda w: _api(f"/api/changes/{_in_review(w.store, w.owner)}/reject"),
    ),
    "api: merge": (
        "reviewer",
        lambda w: _api(
            "/api/merge",
            {
                "keep": _published(w.store, w.owner, w.checker),
                "merge": _published(w.store, w.owner, w.checker),
            },
        ),
    ),
}


def _allowed(who: str, least: str) -> bool:
    if who == "anonymous" or least == "nobody":
        return False
    return ROLES.index(who) >= ROLES.index(least)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("endpoint", sorted(ENDPOINTS))
def test_authorization_matrix(world: World, endpoint: str, who: str) -> None:
    least, make = ENDPOINTS[endpoint]
    request = make(world)
    if request["kind"] == "form":
        client = world.pages[who]
        token = csrf_of(client, "/login" if who == "anonymous" else request["page"])
        response = client.post(request["path"], data={"csrf": token, **request["data"]})
        succeeded = response.status_code in (200, 303) and "/login" not in response.headers.get(
            "location", ""
        )
        denied = (
            (response.status_code == 303 and response.headers["location"].startswith("/login"))
            if who == "anonymous"
            else response.status_code == 403
        )
    else:
        headers = {"authorization": f"Bearer {world.tokens[who]}"} if world.tokens[who] else {}
        response = world.pages["anonymous"].post(
            request["path"], headers=headers, json=request["body"]
        )
        succeeded = response.status_code in (200, 201)
        denied = response.status_code == (401 if who == "anonymous" else 403)
    if _allowed(who, least):
        assert succeeded, (endpoint, who, response.status_code, response.text[:300])
    else:
        assert denied, (endpoint, who, response.status_code, response.text[:300])


def test_a_forged_form_post_is_refused(world: World) -> None:
    client = world.pages["contributor"]
    before = world.store.count_facts()
    # no token at all, as a cross-site form would send
    assert client.post("/app/new", data=PERSON).status_code == 403
    # a token taken from another browser's session
    other = csrf_of(world.pages["reviewer"], "/app/new")
    assert client.post("/app/new", data={"csrf": other, **PERSON}).status_code == 403
    # a made-up token
    assert client.post("/app/new", data={"csrf": "0" * 64, **PERSON}).status_code == 403
    # the cookie that the token signs is missing (a cross-site request without cookies)
    fresh = client_for(world.store)
    fresh.cookies.set(
        "lr_session", client.cookies.get("lr_session") or "", domain="testserver.local"
    )
    token = csrf_of(client, "/app/new")
    assert fresh.post("/app/new", data={"csrf": token, **PERSON}).status_code == 403
    assert world.store.count_facts() == before
    # session cookies do not authenticate the API: only bearer tokens do
    assert client.post("/api/changes", json=API_CHANGE).status_code == 401
    ok = post_form(client, "/app/new", PERSON)
    assert ok.status_code == 303 and world.store.count_facts() > before


def test_no_client_address_in_any_table(world: World) -> None:
    """After the matrix's hundreds of requests, no table holds the test client's address
    (Starlette's test client calls itself `testclient`)."""
    import sqlalchemy as sa

    for who in WHO:
        world.pages[who].get("/app")
    with world.store.read() as conn:
        for table in sa.inspect(conn).get_table_names():
            if table.startswith("statements_fts"):
                continue
            for row in conn.execute(sa.text(f'SELECT * FROM "{table}"')):
                assert not any("testclient" in str(v) or "127.0.0.1" in str(v) for v in row), (
                    table,
                    row,
                )
