"""Login limits (issue #18 §5): failed logins on random names lock no one out; each
account is slowed on its own (an exponential delay and a proof of work after failures,
no address kept); an admin's break-glass from the CLI clears an account at once."""

from __future__ import annotations

import re
import time
import uuid

from click.testing import CliRunner

from lionrock import Store
from lionrock.auth import LoginLimiter
from lionrock.cli import main
from lionrock.pow import SCRIPT, solve
from tests.web.conftest import client_for, csrf_of, login, make_account

CHALLENGE = re.compile(r'action="[^"]*login\?pow=([^"]+)" data-pow-bits="(\d+)"')


def _try(client, username: str, password: str, *, query: str = ""):  # type: ignore[no-untyped-def]
    token = csrf_of(client, "/login")
    return client.post(
        "/login" + query, data={"csrf": token, "username": username, "password": password}
    )


def test_failures_on_random_names_lock_no_one_out(memory_store: Store) -> None:
    store = memory_store  # the limiter is the same on either backend
    reviewer, admin = make_account(store, "reviewer"), make_account(store, "admin")
    attacker = client_for(store)
    for _ in range(200):
        wrong = _try(attacker, f"nobody-{uuid.uuid4().hex[:10]}", "guess")
        assert wrong.status_code == 401
    for account in (reviewer, admin):
        login(client_for(store), account)  # asserts the redirect into the app


def test_an_account_is_slowed_not_locked(memory_store: Store) -> None:
    store = memory_store
    account = make_account(store, "reviewer")
    client = client_for(store)
    for _ in range(3):  # the first failures cost nothing
        assert _try(client, account.username, "wrong").status_code == 401
    too_soon = _try(client, account.username, account.password)
    assert too_soon.status_code == 429 and "try again in" in too_soon.text
    time.sleep(1.1)  # the delay after 3 failures: 1 s, then 2, 4 ... capped
    asked = _try(client, account.username, account.password)
    assert asked.status_code == 429 and "send the form again" in asked.text
    found = CHALLENGE.search(asked.text)
    assert found, asked.text[:500]
    challenge, bits = found.group(1), int(found.group(2))
    assert bits >= 14 and 'static/pow.js"' in asked.text
    assert client.get("/static/pow.js").content == SCRIPT.read_bytes()  # the intake's too
    nonce = solve(challenge.replace("%2E", "."), bits)
    done = _try(client, account.username, account.password,
                query=f"?pow={challenge}&nonce={nonce}")  # fmt: skip
    assert done.status_code == 303, done.text[:500]
    # a spent or forged challenge is refused
    for _ in range(4):
        _try(client, account.username, "wrong")
        time.sleep(0.05)
    time.sleep(8.5)
    again = _try(client, account.username, account.password,
                 query=f"?pow={challenge}&nonce={nonce}")  # fmt: skip
    assert again.status_code == 429


def test_the_delay_grows_and_is_capped() -> None:
    limiter = LoginLimiter(max_delay=60)
    waits, bits = [], []
    for _ in range(12):
        limiter.failed("ana")
        gate = limiter.gate("ana")
        waits.append(round(gate.wait))
        bits.append(gate.pow_bits)
    assert waits[:3] == [0, 0, 1] and waits[3:6] == [2, 4, 8] and max(waits) == 60
    assert bits[2] == 14 and bits[-1] == 20
    assert limiter.gate("bob").wait == 0 and limiter.gate("bob").pow_bits == 0  # per account
    limiter.succeeded("ana")
    assert limiter.gate("ana").pow_bits == 0


def test_memory_stays_bounded_under_name_spraying() -> None:
    limiter = LoginLimiter(max_names=1000)
    for number in range(5000):
        limiter.failed(f"n{number}")
    assert len(limiter._failures) == 1000


def test_the_admin_break_glass_unlocks_an_account(store: Store) -> None:
    account = make_account(store, "admin")
    client = client_for(store)
    for _ in range(8):
        _try(client, account.username, "wrong")
    assert _try(client, account.username, account.password).status_code == 429
    result = CliRunner().invoke(
        main, ["users", "unlock", account.username], env={"LIONROCK_DATABASE_URL": store.url}
    )
    assert result.exit_code == 0, result.output
    login(client, account)  # at once: no delay, no proof of work
    shown = CliRunner().invoke(main, ["audit", "show", "--target", f"setting:login-unlock:"
                                      f"{account.username}"],
                               env={"LIONROCK_DATABASE_URL": store.url})  # fmt: skip
    assert "login-unlock" in shown.output
