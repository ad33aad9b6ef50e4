"""Web attacks that must fail cleanly (issue #18 §3, web part): FTS query syntax on both
backends, and path traversal on the evidence, static and replay routes."""

from __future__ import annotations

import pytest

from lionrock import Defaults, Store, load_paths
from tests.web.conftest import client_for
from tests.web.test_public_outputs import FIXTURES

FTS_SYNTAX = [
    '"',
    '""',
    '"unbalanced',
    "Testperson*",
    "*",
    "NEAR(",
    "NEAR(Leak Testperson",
    "Leak NEAR/2 Testperson",
    "Leak AND OR NOT",
    "col:Leak",
    "^Leak",
    "'; DROP TABLE statements; --",
    "%_\\",
    "(((",
    '黃之鋒"',
    "a" * 500,
]


@pytest.mark.parametrize("path", ["/search", "/api/search"])
def test_fts_query_syntax_is_plain_text(store: Store, path: str) -> None:
    load_paths(store, [str(FIXTURES[0])], defaults=Defaults(review="published"))
    client = client_for(store)
    for query in FTS_SYNTAX:
        response = client.get(path, params={"q": query})
        assert response.status_code == 200, (query, response.text[:300])
    found = client.get("/api/search", params={"q": '"Leak Testperson'}).json()
    assert [r["id"] for r in found["results"]] == ["lr-leak-person"]  # quotes are text
    assert store.count_facts() > 0  # nothing dropped


TRAVERSALS = [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/....//....//etc/passwd",
    "/evidence/..%2f..%2fetc%2fpasswd.wacz",
    "/evidence/%2e%2e%2f%2e%2e%2flionrock.db.wacz",
    "/evidence/replay/..%2f..%2fetc/passwd",
    "/evidence/replay/" + "a" * 64 + "/..%2f..%2f..%2fetc%2fpasswd",
    "/evidence/replay/" + "a" * 64 + "/%2e%2e/%2e%2e/etc/passwd",
]


def test_path_traversal_reads_nothing(memory_store: Store) -> None:
    client = client_for(memory_store)
    for path in TRAVERSALS:
        response = client.get(path)
        assert response.status_code in (400, 403, 404), (path, response.status_code)
        assert "root:" not in response.text and "SQLite format" not in response.text, path
