"""The server does not block (issue #18 §5): handlers run in worker threads, so a slow
request leaves `/healthz` and other requests answering; the duplicate check's phonetic
index is built in the background, never inside a request."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from lionrock import Settings, Store
from lionrock.web import _duplicates as duplicates
from lionrock.web import create_app
from tests.web.conftest import client_for, login, make_account


async def _timed(client: httpx.AsyncClient, url: str) -> tuple[int, float]:
    start = time.monotonic()
    response = await client.get(url)
    return response.status_code, time.monotonic() - start


def test_a_slow_request_does_not_hold_up_healthz(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(Settings(database_url="sqlite://", cache_seconds=0), store=memory_store)
    real_search = memory_store.search

    def slow_search(*args: Any, **kwargs: Any) -> Any:
        time.sleep(2.0)  # a search stuck on a busy database: blocking, as real work is
        return real_search(*args, **kwargs)

    monkeypatch.setattr(memory_store, "search", slow_search)

    async def scenario() -> tuple[tuple[int, float], list[tuple[int, float]]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://t") as client:
            start = time.monotonic()
            slow = asyncio.create_task(_timed(client, "/search?q=slow"))
            await asyncio.sleep(0.2)  # the slow one is in its handler now
            quick = []
            for _ in range(3):  # each timed from the start: a blocked loop shows here
                code = (await client.get("/healthz")).status_code
                quick.append((code, time.monotonic() - start))
            return await slow, quick

    slow, quick = asyncio.run(scenario())
    assert slow[0] == 200 and slow[1] >= 2.0
    assert all(code == 200 and seconds < 1.5 for code, seconds in quick), quick


def test_duplicates_answer_while_the_index_builds(
    memory_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_build = duplicates._build

    def slow_build(store: Store) -> Any:
        time.sleep(3.0)  # the first build took 9 s (59 s under load) on 308k statements
        return real_build(store)

    monkeypatch.setattr(duplicates, "_build", slow_build)
    account = make_account(memory_store, "contributor")
    client = client_for(memory_store)
    login(client, account)
    start = time.monotonic()
    response = client.get("/app/duplicates?name=Lee+Ka-chiu&format=json")
    assert response.status_code == 200 and time.monotonic() - start < 2.5
    assert client.get("/healthz").status_code == 200
    deadline = time.monotonic() + 30
    while duplicates._indexes.get(memory_store) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert duplicates._indexes.get(memory_store) is not None  # built, in the background


def test_an_oversized_body_is_refused_before_any_handler(memory_store: Store) -> None:
    client = client_for(memory_store)
    response = client.post("/api/match", content=b"x" * (2 * 1024 * 1024))
    assert response.status_code == 413
