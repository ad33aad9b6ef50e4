"""Fixtures for the web app: accounts of each role, logged-in clients, and forms."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyotp
import pytest
from starlette.testclient import TestClient

from lionrock import Settings, Store
from lionrock.auth import add_user, enable_totp, get_user
from lionrock.web import create_app
from tests.evidence.conftest import (  # noqa: F401 (the evidence fixtures: real captures)
    evidence_settings,
    signing,
    site,
    tsa,
    vault,
)

PASSWORD = "a long test password"
ROLES = ("reader", "contributor", "reviewer", "admin")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@dataclass
class Account:
    username: str
    password: str
    role: str
    secret: str | None = None


def make_account(store: Store, role: str, *, totp: bool = False) -> Account:
    """A fresh account (unique name, so tests can share a store)."""
    name = f"{role}-{uuid.uuid4().hex[:8]}"
    add_user(store, username=name, password=PASSWORD, role=role, actor="test")
    secret = None
    if totp:
        secret = pyotp.random_base32()
        user = get_user(store, username=name)
        assert user is not None
        enable_totp(store, user=user, secret=secret)
    return Account(name, PASSWORD, role, secret)


def client_for(store: Store) -> TestClient:
    """A client over HTTPS, so the Secure cookies are sent back."""
    app = create_app(Settings(database_url="sqlite://"), store=store)
    return TestClient(app, base_url="https://testserver", follow_redirects=False)


def csrf_of(client: TestClient, path: str) -> str:
    page = client.get(path)
    found = CSRF.search(page.text)
    assert found, (path, page.status_code, page.text[:500])
    return found.group(1)


def post_form(client: TestClient, path: str, data: dict[str, str], *, page: str | None = None):  # type: ignore[no-untyped-def]
    """Post a form the way a browser does: with the CSRF token of the page it is on."""
    token = csrf_of(client, page or path)
    return client.post(path, data={"csrf": token, **data})


def login(client: TestClient, account: Account) -> None:
    """Log in through the forms, with the TOTP code when the account has one."""
    response = post_form(
        client,
        "/login",
        {"username": account.username, "password": account.password, "next": "/app"},
    )
    assert response.status_code == 303, response.text[:500]
    if account.secret:
        assert response.headers["location"].startswith("/login/2fa")
        response = post_form(
            client, "/login/2fa", {"code": pyotp.TOTP(account.secret).now(), "next": "/app"}
        )
        assert response.status_code == 303, response.text[:500]
    assert response.headers["location"] == "/app"


@pytest.fixture
def web_store(bundled_store: Store) -> Store:
    """The bundled record on each backend (shared: tests use fresh names)."""
    return bundled_store


@pytest.fixture
def as_role(web_store: Store) -> Iterator[Callable[[str], tuple[TestClient, Account]]]:
    """A logged-in client for a fresh account of the given role."""
    clients: list[TestClient] = []

    def make(role: str) -> tuple[TestClient, Account]:
        account = make_account(web_store, role)
        client = client_for(web_store)
        login(client, account)
        clients.append(client)
        return client, account

    yield make
    for client in clients:
        client.close()


SOURCE_FIELDS = {
    "src_title": "A synthetic test report",
    "src_publisher": "Example Publisher",
    "src_date": "2024-05-30",
    "src_url": "https://example.org/report",
}


def person_form(name: str, **extra: str) -> dict[str, str]:
    """The new-record form for a Person named `name`, citing a new source."""
    return {
        "schema": "Person",
        "prop_0": "name",
        "value_0": name,
        "source_0": "new",
        "status_0": "confirmed",
        "confirm_new": "1",
        **SOURCE_FIELDS,
        **extra,
    }
