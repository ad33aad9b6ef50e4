"""The authorization matrix (issue #18 §3, web): every route that writes, every page of
the researchers' app and every API route that shows drafts, as every role and as nobody.
Only the allowed combinations succeed, and a refused one changes nothing in the store
(every row of every table, read back before and after).

The matrix is checked against the app's own router: a route added without being listed
here (in CASES, or in OPEN with the reason anyone may call it) fails
`test_every_route_is_in_the_matrix`. Public GET routes outside `/app/` are fetched by
tests/web/test_public_outputs.py, which fails when one shows a draft or a confidential
value. And CSRF: a forged form post is refused."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyotp
import pytest
import sqlalchemy as sa
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.auth import create_token, get_user, list_tokens
from lionrock.library.extract._tables import extract_suggestions
from lionrock.review import FactInput, SourceInput, approve, history, propose, submit
from lionrock.store._tables import entities
from lionrock.web import create_app
from tests.conftest import BACKENDS, bundled_store_on
from tests.web.conftest import (
    ROLES,
    Account,
    client_for,
    csrf_of,
    login,
    make_account,
    post_form,
)

WHO = ("anonymous", *ROLES)
#: tables the search indexes keep, rebuilt from `statements` (whose rows are digested)
DERIVED = ("statements_fts", "statements_grams", "library_fts", "alembic_version")
SOURCE = SourceInput("Synthetic report", "Example Publisher", "2024-05-30")
#: Routes anyone may call, and why (their own tests are named).
OPEN = {
    ("POST", "/login"): "signing in (tests/web/test_login_limits.py, test_accounts.py)",
    ("POST", "/login/2fa"): "the second step of signing in: needs a pending session",
    ("POST", "/login/enroll"): "enrolling a second factor at sign-in: needs a pending session",
    ("POST", "/logout"): "ends the caller's own session only",
    ("POST", "/api/match"): "screening against published lists (test_public_outputs.py)",
}
#: Mounted apps, and the test that holds their access rule.
MOUNTS = {
    "/static": "the app's own files (tests/web/test_web_attacks.py: traversal)",
    "/evidence/replay": "drafts' evidence for signed-in users only "
    "(tests/web/test_entity_evidence.py)",
}
#: GET routes outside /app/ that show drafts, and where they are checked
DRAFT_GETS = {
    "/evidence/{evidence_id}.wacz": "tests/web/test_entity_evidence.py",
    "/library": "signed-in users find library drafts too (tests/library)",
    "/library/articles/{article_id}": "tests/library",
    "/api/library/search": "tests/library",
    "/api/library/articles/{article_id}": "tests/library",
    "/library/timeline.svg": "articles per month, counts only (tests/library)",
    "/api/library/timeline": "articles per month, counts only (tests/library)",
}


@dataclass
class World:
    store: Store
    owner: str
    checker: str
    accounts: dict[str, Account]
    pages: dict[str, TestClient]
    tokens: dict[str, str]

    def username(self, who: str) -> str:
        """The caller's account name (an anonymous caller acts on the owner's things)."""
        return self.owner if who == "anonymous" else self.accounts[who].username


@pytest.fixture(scope="module", params=BACKENDS)
def matrix_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The bundled record in a store of this module's own: the matrix writes drafts
    (people citing undated sources) that the session's shared bundled store must not
    hold, or the record's checks, run on it elsewhere, would report them."""
    yield from bundled_store_on(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def world(matrix_store: Store) -> Iterator[World]:
    bundled_store = matrix_store
    owner = make_account(bundled_store, "contributor").username
    checker = make_account(bundled_store, "reviewer").username
    pages = {"anonymous": client_for(bundled_store)}
    tokens = {"anonymous": ""}
    accounts = {}
    for role in ROLES:
        account = accounts[role] = make_account(bundled_store, role)
        pages[role] = client_for(bundled_store)
        login(pages[role], account)
        user = get_user(bundled_store, username=account.username)
        assert user is not None
        tokens[role] = create_token(bundled_store, user=user, name="matrix", scope=role)
    yield World(bundled_store, owner, checker, accounts, pages, tokens)
    for client in pages.values():
        client.close()


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


def _suggestion(store: Store, article: str | None = None) -> str:
    """A pending suggestion row, as `library extract` stores one (a date of its own, so
    accepting it proposes a fact not yet recorded)."""
    n = uuid.uuid4().int
    sid = f"sx-{n % 16**12:012x}"
    date = f"{1990 + n % 30}-{1 + n % 12:02d}-{1 + n % 28:02d}"
    with store.write() as writer:
        writer.conn.execute(
            extract_suggestions.insert().values(
                id=sid,
                article_id=article or f"art-{sid}",
                published_at="2024-05-30",
                person="Matrix Person",
                person_id=None,
                kind="custody",
                value="remanded",
                date=date,
                quote="remanded in custody",
                paragraph=0,
                statute="",
                section="",
                confidence=0.9,
                state="suggested",
                created_at="2024-05-30",
            )
        )
    return sid


def _form(path: str, data: dict[str, str] | None = None, page: str | None = None) -> dict[str, Any]:
    return {"kind": "form", "path": path, "data": data or {}, "page": page or "/app/account"}


def _api(path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"kind": "api", "path": path, "body": body}


def _page(path: str) -> dict[str, Any]:
    return {"kind": "page", "path": path}


def _api_get(path: str) -> dict[str, Any]:
    return {"kind": "api-get", "path": path}


def _restore(w: World, _: str) -> dict[str, Any]:
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
    return _form(f"/app/entities/{entity}/restore", {"revision": str(first)})


def _token_revoke(w: World, who: str) -> dict[str, Any]:
    """Revoke one of the caller's own tokens (anonymous: the owner's)."""
    user = get_user(w.store, username=w.username(who))
    assert user is not None
    create_token(w.store, user=user, name="to revoke", scope="reader")
    token = next(t for t in list_tokens(w.store, user=user) if not t.revoked)
    return _form("/app/account", {"action": "token-revoke", "token": token.id})


def _other_token_revoke(w: World, _: str) -> dict[str, Any]:
    user = get_user(w.store, username=w.owner)
    assert user is not None
    create_token(w.store, user=user, name="not yours", scope="reader")
    token = next(t for t in list_tokens(w.store, user=user) if not t.revoked)
    return _form("/app/account", {"action": "token-revoke", "token": token.id})


def _totp_confirm(w: World, _: str) -> dict[str, Any]:
    secret = pyotp.random_base32()
    code = pyotp.TOTP(secret).now()
    return _form("/app/account", {"action": "totp-confirm", "secret": secret, "code": code})


def _admin(action: str, **extra: str) -> Callable[[World, str], dict[str, Any]]:
    def make(w: World, _: str) -> dict[str, Any]:
        target = make_account(w.store, "reader").username
        return _form("/app/admin", {"action": action, "username": target, **extra})

    return make


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
EDIT = {
    "prop_0": "notes",
    "value_0": "a matrix note",
    "source_0": "new",
    "src_title": "T",
    "src_publisher": "P",
    "src_date": "2024",
}
Make = Callable[[World, str], dict[str, Any]]


@dataclass(frozen=True)
class Case:
    """One row of the matrix: the route it exercises, the least role that may (or
    "nobody"), and how to make the request as a given caller."""

    method: str
    route: str
    least: str
    make: Make
    #: an allowed call that writes nothing (a page, a form that only shows something)
    reads: bool = False
    #: refused with a page of its own (404) rather than a login redirect or a 403
    not_found: bool = False


CASES: dict[str, Case] = {
    # -- the researchers' app: pages ---------------------------------------------------
    "page: dashboard": Case("GET", "/app", "reader", lambda w, _: _page("/app"), reads=True),
    "page: account": Case(
        "GET", "/app/account", "reader", lambda w, _: _page("/app/account"), reads=True
    ),
    "page: new record": Case(
        "GET", "/app/new", "contributor", lambda w, _: _page("/app/new"), reads=True
    ),
    "page: a record (drafts)": Case(
        "GET",
        "/app/entities/{entity_id}",
        "reader",
        lambda w, _: _page(f"/app/entities/{_published(w.store, w.owner, w.checker)}"),
        reads=True,
    ),
    "page: duplicates": Case(
        "GET",
        "/app/duplicates",
        "contributor",
        lambda w, _: _page("/app/duplicates?name=Matrix"),
        reads=True,
    ),
    "page: source search (drafts)": Case(
        "GET",
        "/app/sources/search",
        "contributor",
        lambda w, _: _page("/app/sources/search?q=Synthetic"),
        reads=True,
    ),
    "page: checks": Case(
        "GET", "/app/checks", "reader", lambda w, _: _page("/app/checks"), reads=True
    ),
    "page: changes": Case(
        "GET",
        "/app/changes",
        "reader",
        lambda w, _: _page("/app/changes?state=draft"),
        reads=True,
    ),
    "page: a change": Case(
        "GET",
        "/app/changes/{change_id:int}",
        "reader",
        lambda w, _: _page(f"/app/changes/{_draft(w.store, w.owner)}"),
        reads=True,
    ),
    "page: history": Case(
        "GET",
        "/app/entities/{entity_id}/history",
        "reader",
        lambda w, _: _page(f"/app/entities/{_published(w.store, w.owner, w.checker)}/history"),
        reads=True,
    ),
    "page: audit log": Case(
        "GET", "/app/audit", "reviewer", lambda w, _: _page("/app/audit"), reads=True
    ),
    "page: admin": Case("GET", "/app/admin", "admin", lambda w, _: _page("/app/admin"), reads=True),
    "page: suggestions queue": Case(
        "GET", "/app/suggestions", "reader", lambda w, _: _page("/app/suggestions"), reads=True
    ),
    # -- the researchers' app: forms ---------------------------------------------------
    "form: create a token": Case(
        "POST",
        "/app/account",
        "reader",
        lambda w, _: _form(
            "/app/account", {"action": "token-create", "name": "n", "scope": "reader"}
        ),
    ),
    "form: revoke one's own token": Case("POST", "/app/account", "reader", _token_revoke),
    # revoking is scoped to the caller's own tokens: nobody revokes another's
    "form: revoke another's token": Case("POST", "/app/account", "nobody", _other_token_revoke),
    "form: start two-factor": Case(
        "POST",
        "/app/account",
        "reader",
        lambda w, _: _form("/app/account", {"action": "totp-start"}),
        reads=True,
    ),
    "form: confirm two-factor": Case("POST", "/app/account", "reader", _totp_confirm),
    "form: new record": Case(
        "POST", "/app/new", "contributor", lambda w, _: _form("/app/new", PERSON)
    ),
    "form: edit a record": Case(
        "POST",
        "/app/entities/{entity_id}",
        "contributor",
        lambda w, _: _form(
            "/app/entities/ofac-29250", {**EDIT, "value_0": f"n {uuid.uuid4().hex}"}
        ),
    ),
    "form: comment": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "contributor",
        lambda w, _: _form(f"/app/changes/{_draft(w.store, w.owner)}/comment", {"body": "c"}),
    ),
    "form: submit one's own change": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "contributor",
        lambda w, who: _form(f"/app/changes/{_draft(w.store, w.username(who))}/submit"),
    ),
    "form: submit another's change": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "reviewer",
        lambda w, _: _form(f"/app/changes/{_draft(w.store, w.owner)}/submit"),
    ),
    "form: withdraw one's own change": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "contributor",
        lambda w, who: _form(f"/app/changes/{_draft(w.store, w.username(who))}/withdraw"),
    ),
    # only a change's author may withdraw it: every other account is refused
    "form: withdraw another's change": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "nobody",
        lambda w, _: _form(f"/app/changes/{_draft(w.store, w.owner)}/withdraw"),
    ),
    "form: approve": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "reviewer",
        lambda w, _: _form(f"/app/changes/{_in_review(w.store, w.owner)}/approve"),
    ),
    "form: reject": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "reviewer",
        lambda w, _: _form(f"/app/changes/{_in_review(w.store, w.owner)}/reject"),
    ),
    "form: an unknown change action": Case(
        "POST",
        "/app/changes/{change_id:int}/{action:str}",
        "nobody",
        lambda w, _: _form(f"/app/changes/{_in_review(w.store, w.owner)}/publish"),
        not_found=True,
    ),
    "form: restore": Case("POST", "/app/entities/{entity_id}/restore", "contributor", _restore),
    "form: merge": Case(
        "POST",
        "/app/merge",
        "reviewer",
        lambda w, _: _form(
            "/app/merge",
            {
                "keep": _published(w.store, w.owner, w.checker),
                "merge": _published(w.store, w.owner, w.checker),
            },
        ),
    ),
    "form: add an account": Case(
        "POST",
        "/app/admin",
        "admin",
        lambda w, _: _form(
            "/app/admin",
            {
                "action": "add",
                "username": f"new-{uuid.uuid4().hex[:8]}",
                "password": "another long password",
                "role": "reader",
            },
        ),
    ),
    "form: change a role": Case("POST", "/app/admin", "admin", _admin("role", role="reviewer")),
    "form: disable an account": Case("POST", "/app/admin", "admin", _admin("disable")),
    "form: reset two-factor": Case("POST", "/app/admin", "admin", _admin("reset-2fa")),
    "form: require 2FA": Case(
        "POST",
        "/app/admin",
        "admin",
        lambda w, _: _form("/app/admin", {"action": "require-2fa", "value": "no"}),
    ),
    "form: reject a suggestion": Case(
        "POST",
        "/app/suggestions/{suggestion_id}/reject",
        "contributor",
        lambda w, _: _form(f"/app/suggestions/{_suggestion(w.store)}/reject"),
    ),
    "form: reject an article's suggestions": Case(
        "POST",
        "/app/suggestions/article",
        "contributor",
        lambda w, _: _form(
            "/app/suggestions/article",
            {"article": _article_with_suggestions(w.store), "action": "reject"},
        ),
    ),
    "form: accept a suggestion": Case(
        "POST",
        "/app/suggestions/{suggestion_id}/accept",
        "contributor",
        lambda w, _: _form(
            f"/app/suggestions/{_suggestion(w.store, _a_source(w.store))}/accept",
            {"entity": _published(w.store, w.owner, w.checker)},
        ),
    ),
    # -- the API -----------------------------------------------------------------------
    "api: list changes (drafts)": Case(
        "GET",
        "/api/changes",
        "reader",
        lambda w, _: _api_get("/api/changes?state=draft"),
        reads=True,
    ),
    "api: a change (drafts)": Case(
        "GET",
        "/api/changes/{change_id:int}",
        "reader",
        lambda w, _: _api_get(f"/api/changes/{_draft(w.store, w.owner)}"),
        reads=True,
    ),
    "api: propose": Case(
        "POST", "/api/changes", "contributor", lambda w, _: _api("/api/changes", API_CHANGE)
    ),
    "api: comment": Case(
        "POST",
        "/api/changes/{change_id:int}/{action:str}",
        "contributor",
        lambda w, _: _api(f"/api/changes/{_draft(w.store, w.owner)}/comments", {"body": "ok"}),
    ),
    "api: submit one's own change": Case(
        "POST",
        "/api/changes/{change_id:int}/{action:str}",
        "contributor",
        lambda w, who: _api(f"/api/changes/{_draft(w.store, w.username(who))}/submit"),
    ),
    "api: submit another's change": Case(
        "POST",
        "/api/changes/{change_id:int}/{action:str}",
        "reviewer",
        lambda w, _: _api(f"/api/changes/{_draft(w.store, w.owner)}/submit"),
    ),
    "api: approve": Case(
        "POST",
        "/api/changes/{change_id:int}/{action:str}",
        "reviewer",
        lambda w, _: _api(f"/api/changes/{_in_review(w.store, w.owner)}/approve"),
    ),
    "api: reject": Case(
        "POST",
        "/api/changes/{change_id:int}/{action:str}",
        "reviewer",
        lambda w, _: _api(f"/api/changes/{_in_review(w.store, w.owner)}/reject"),
    ),
    "api: an unknown change action": Case(
        "POST",
        "/api/changes/{change_id:int}/{action:str}",
        "nobody",
        lambda w, _: _api(f"/api/changes/{_in_review(w.store, w.owner)}/publish"),
        not_found=True,
    ),
    "api: merge": Case(
        "POST",
        "/api/merge",
        "reviewer",
        lambda w, _: _api(
            "/api/merge",
            {
                "keep": _published(w.store, w.owner, w.checker),
                "merge": _published(w.store, w.owner, w.checker),
            },
        ),
    ),
}


def _a_source(store: Store) -> str:
    """A published source of the record, for a suggestion that is accepted to cite."""
    with store.read() as conn:
        found = conn.execute(
            sa.select(entities.c.id).where(entities.c.schema == "Article").limit(1)
        ).scalar_one()
    return str(found)


def _article_with_suggestions(store: Store) -> str:
    article = f"art-{uuid.uuid4().hex[:12]}"
    _suggestion(store, article)
    _suggestion(store, article)
    return article


STATEMENTS_SUMMARY = (
    "SELECT review, count(*), sum(length(entity_id)), sum(length(value)), "
    "sum(length(source_id)) FROM statements GROUP BY review ORDER BY review"
)


def store_digest(store: Store) -> str:
    """A digest of every row of every table, read in the order the database returns
    them (nothing changes it between two reads with no write between them). The search
    indexes' tables are left out (derived from `statements`), and `statements` is
    summarised per review state (count and lengths): reading its 12k rows twice per
    request would take most of the matrix's time, and every write to it also writes the
    changes, revisions and audit tables, which are digested whole."""
    total = hashlib.sha256()
    with store.read() as conn:
        for table in sorted(sa.inspect(conn).get_table_names()):
            if table.startswith(DERIVED):
                continue
            query = STATEMENTS_SUMMARY if table == "statements" else f'SELECT * FROM "{table}"'
            rows = conn.exec_driver_sql(query).fetchall()
            total.update(f"{table}\n{rows!r}".encode())
    return total.hexdigest()


def _allowed(who: str, least: str) -> bool:
    if least == "nobody":
        return False
    if who == "anonymous":
        return least == "anonymous"
    return ROLES.index(who) >= ROLES.index(least)


def _call(world: World, who: str, request: dict[str, Any]) -> tuple[Any, bool, bool]:
    """Make the request as `who`: the response, whether it succeeded, whether it was
    refused as a refusal should be (a login redirect or 401 for nobody, else 403)."""
    kind, path = request["kind"], request["path"]
    if kind in ("form", "page"):
        client = world.pages[who]
        if kind == "form":
            token = csrf_of(client, "/login" if who == "anonymous" else request["page"])
            response = client.post(path, data={"csrf": token, **request["data"]})
        else:
            response = client.get(path)
        location = response.headers.get("location", "")
        succeeded = response.status_code in (200, 303) and "/login" not in location
        denied = (
            response.status_code == 303 and location.startswith("/login")
            if who == "anonymous"
            else response.status_code == 403
        )
        return response, succeeded, denied
    headers = {"authorization": f"Bearer {world.tokens[who]}"} if world.tokens[who] else {}
    client = world.pages["anonymous"]
    if kind == "api":
        response = client.post(path, headers=headers, json=request["body"])
    else:
        response = client.get(path, headers=headers)
    succeeded = response.status_code in (200, 201)
    denied = response.status_code == (401 if who == "anonymous" else 403)
    return response, succeeded, denied


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", sorted(CASES))
def test_authorization_matrix(world: World, name: str, who: str) -> None:
    case = CASES[name]
    request = case.make(world, who)
    before = store_digest(world.store)
    response, succeeded, denied = _call(world, who, request)
    changed = store_digest(world.store) != before
    said = (name, who, response.status_code, response.text[:300])
    if _allowed(who, case.least):
        assert succeeded, said
        assert changed != case.reads, said  # a write wrote; a read wrote nothing
    else:
        refused_as_expected = denied or (case.not_found and response.status_code == 404)
        if case.least == "nobody" and not case.not_found and who != "anonymous":
            # refused by the rule itself (not one's own), after the role check passed
            refused_as_expected = response.status_code in (303, 400, 403)
        assert refused_as_expected, said
        assert not changed, said


def _routes(app: Any) -> Iterator[tuple[str, str]]:
    for route in app.routes:
        if isinstance(route, Route):
            for method in sorted((route.methods or set()) - {"HEAD"}):
                yield method, route.path
        elif isinstance(route, Mount):
            yield "MOUNT", route.path


def test_every_route_is_in_the_matrix(memory_store: Store) -> None:
    """Every route that writes, every page of the app and every API route that shows
    drafts is in CASES with its least role, or in OPEN/MOUNTS/DRAFT_GETS with the reason
    and the test that holds it: a new route fails here until it is listed."""
    app = create_app(Settings(database_url="sqlite://"), store=memory_store)
    listed = {(c.method, c.route) for c in CASES.values()} | set(OPEN)
    missing = []
    for method, path in _routes(app):
        if method == "MOUNT":
            if path not in MOUNTS:
                missing.append((method, path))
        elif method != "GET" or path.startswith(("/app/", "/api/changes")) or path == "/app":
            if (method, path) not in listed:
                missing.append((method, path))
        elif path.startswith(("/evidence", "/library", "/api/library")) and (
            path not in DRAFT_GETS
        ):
            missing.append((method, path))
    assert not missing, f"routes missing from the authorization matrix: {missing}"
    # and nothing listed is stale
    present = set(_routes(app))
    assert {(c.method, c.route) for c in CASES.values()} <= present
    assert set(OPEN) <= present


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
