"""Accounts and roles: the users CLI, Argon2id, TOTP (optional and required), cookies,
the login rate limit, disabled accounts and API tokens."""

from __future__ import annotations

import pyotp
import sqlalchemy as sa
from click.testing import CliRunner

from lionrock import Store
from lionrock.auth import get_user, list_users
from lionrock.auth._tables import users
from lionrock.cli import main
from tests.web.conftest import (
    PASSWORD,
    client_for,
    login,
    make_account,
    post_form,
)


def test_users_cli_creates_the_first_admin_and_manages_accounts(db_url: str) -> None:
    env = {"LIONROCK_DATABASE_URL": db_url}
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> str:
        result = runner.invoke(main, ["users", *args], env=env, input=input)
        assert result.exit_code == 0, result.output
        return result.output

    typed = f"{PASSWORD}\n{PASSWORD}\n"
    assert "created admin ana" in run("add", "ana", "--admin", input=typed)
    assert "created reviewer ben" in run("add", "ben", "--role", "reviewer", input=typed)
    short = runner.invoke(main, ["users", "add", "cy"], env=env, input="short\nshort\n")
    assert short.exit_code != 0 and "10 to 1024" in short.output
    assert "Traceback" not in short.output
    listing = run("list")
    assert "ana" in listing and "admin" in listing and "reviewer" in listing
    store = Store(db_url)
    try:
        with store.read() as conn:
            hashes = [r[0] for r in conn.execute(sa.select(users.c.password_hash))]
        assert hashes and all(h.startswith("$argon2id$") for h in hashes)
        assert PASSWORD not in " ".join(hashes)
        run("disable", "ben")
        assert get_user(store, username="ben").disabled  # type: ignore[union-attr]
        run("reset-2fa", "ana")
        run("require-2fa", "--on")
        missing = runner.invoke(main, ["users", "disable", "nobody"], env=env)
        assert missing.exit_code == 1 and "no user 'nobody'" in missing.output
        assert [u.username for u in list_users(store)] == ["ana", "ben"]
    finally:
        store.close()


def test_login_cookies_are_secure_httponly_samesite(web_store: Store) -> None:
    account = make_account(web_store, "reader")
    client = client_for(web_store)
    response = post_form(
        client, "/login", {"username": account.username, "password": account.password}
    )
    cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookies if c.startswith("lr_session="))
    for flag in ("Secure", "HttpOnly", "SameSite=strict", "Path=/"):
        assert flag.lower() in session.lower(), session
    assert client.get("/app").status_code == 200
    post_form(client, "/logout", {}, page="/app")
    assert client.get("/app").status_code == 303  # back to the login page


def test_wrong_password_and_rate_limit(web_store: Store) -> None:
    account = make_account(web_store, "reader")
    client = client_for(web_store)
    for _ in range(3):
        wrong = post_form(
            client, "/login", {"username": account.username, "password": "not the password"}
        )
        assert wrong.status_code == 401
    # now even the right password is refused for a while (a delay, then a proof of work:
    # tests/web/test_login_limits.py); the limit is per account
    blocked = post_form(
        client, "/login", {"username": account.username, "password": account.password}
    )
    assert blocked.status_code == 429
    other = make_account(web_store, "reader")
    login(client_for(web_store), other)


def test_two_factor_login(web_store: Store) -> None:
    account = make_account(web_store, "contributor", totp=True)
    client = client_for(web_store)
    first = post_form(
        client, "/login", {"username": account.username, "password": account.password}
    )
    assert first.headers["location"].startswith("/login/2fa")
    assert client.get("/app").status_code == 303  # the password alone is not a login
    wrong = post_form(client, "/login/2fa", {"code": "000000"})
    assert wrong.status_code == 401
    login(client_for(web_store), account)


def test_admin_can_require_two_factor(web_store: Store) -> None:
    admin = make_account(web_store, "admin", totp=True)
    client = client_for(web_store)
    login(client, admin)
    assert (
        post_form(client, "/app/admin", {"action": "require-2fa", "value": "yes"}).status_code
        == 303
    )
    try:
        newcomer = make_account(web_store, "contributor")
        other = client_for(web_store)
        step = post_form(
            other, "/login", {"username": newcomer.username, "password": newcomer.password}
        )
        assert step.headers["location"].startswith("/login/enroll")
        page = other.get(step.headers["location"])
        secret = page.text.split('id="totp-secret">')[1].split("<")[0]
        done = post_form(
            other,
            "/login/enroll",
            {"code": pyotp.TOTP(secret).now()},
            page=step.headers["location"],
        )
        assert done.status_code == 303 and done.headers["location"] == "/app"
        assert get_user(web_store, username=newcomer.username).totp_enabled  # type: ignore[union-attr]
    finally:
        post_form(client, "/app/admin", {"action": "require-2fa", "value": "no"})


def test_disabled_accounts_cannot_log_in(web_store: Store) -> None:
    admin = make_account(web_store, "admin")
    victim = make_account(web_store, "contributor")
    their = client_for(web_store)
    login(their, victim)
    client = client_for(web_store)
    login(client, admin)
    post_form(client, "/app/admin", {"action": "disable", "username": victim.username})
    assert their.get("/app").status_code == 303  # the session ended
    refused = post_form(
        client_for(web_store), "/login", {"username": victim.username, "password": victim.password}
    )
    assert refused.status_code == 401


def test_api_tokens_are_scoped_and_revocable(web_store: Store) -> None:
    account = make_account(web_store, "contributor")
    client = client_for(web_store)
    login(client, account)
    too_high = post_form(
        client, "/app/account", {"action": "token-create", "name": "x", "scope": "reviewer"}
    )
    assert too_high.status_code == 400
    page = post_form(
        client, "/app/account", {"action": "token-create", "name": "reader only", "scope": "reader"}
    )
    token = page.text.split('id="new-token">')[1].split("<")[0]
    api = client_for(web_store)
    headers = {"authorization": f"Bearer {token}"}
    assert api.get("/api/changes", headers=headers).status_code == 200
    write = api.post("/api/changes", headers=headers, json={"schema": "Person", "facts": []})
    assert write.status_code == 403  # a reader token cannot write, whatever the user's role
    token_id = page.text.split('name="token" value="')[1].split('"')[0]
    post_form(client, "/app/account", {"action": "token-revoke", "token": token_id})
    assert api.get("/api/changes", headers=headers).status_code == 401


def test_login_never_redirects_off_site(web_store: Store) -> None:
    account = make_account(web_store, "reader")
    for target in ("//evil.example", "/\t/evil.example", "/\\evil.example", "https://evil.example"):
        client = client_for(web_store)
        response = post_form(
            client,
            "/login",
            {"username": account.username, "password": account.password, "next": target},
        )
        assert response.status_code == 303 and response.headers["location"] == "/app", target
