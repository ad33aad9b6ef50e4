"""The gap matrix is computed once per state of the store (issue #13, item 5): a second
request reuses it, and a write by this app or by another process is seen at once."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from lionrock import Defaults, Settings, Store, load_paths
from lionrock.web import create_app
from lionrock.web._gaps import StateCache, store_state
from tests.conftest import SOURCE_YAML, write

PERSON = (
    SOURCE_YAML
    + """
entities:
  - id: lr-person-one
    schema: Person
    source: src-test
    properties:
      name: {value: Test Person One, lang: eng}
"""
)


def test_a_value_is_made_once_per_state(store: Store, tmp_path: Path) -> None:
    made: list[int] = []
    cache = StateCache(store, lambda: made.append(1) or len(made))
    assert cache.get() == 1 and cache.get() == 1
    load_paths(store, [write(tmp_path / "a.yaml", PERSON)], defaults=Defaults())
    assert cache.get() == 2  # this Store's own write
    other = Store(store.url)  # another process's Store: its writes bump no counter here
    before = store_state(store)
    load_paths(other, [write(tmp_path / "b.yaml", PERSON.replace("One", "Two"))],
               defaults=Defaults())  # fmt: skip
    assert store_state(store) != before
    assert cache.get() == 3 and cache.get() == 3


def test_the_gaps_page_follows_an_import(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lr.db'}"
    # the public page cache off: this is about the gap matrix's own cache
    settings = Settings(database_url=url, home=tmp_path, cache_seconds=0)
    client = TestClient(create_app(settings))
    assert client.get("/api/sanctions/gaps").json()["summary"]["persons"] == 0
    # a cited responsible role makes a row of the matrix (issue #12)
    event = PERSON + """
  - id: lr-event-one
    schema: Event
    source: src-test
    properties:
      name: A hearing
      date: 2024-01-01
  - id: lr-resp-one
    schema: Responsibility
    source: src-test
    properties:
      official: lr-person-one
      target: lr-event-one
      role: adjudicated
"""  # fmt: skip
    # written by another process's Store: the app's cached matrix must not be served
    load_paths(Store(url), [write(tmp_path / "a.yaml", event)], defaults=Defaults())
    found = client.get("/api/sanctions/gaps").json()
    assert found["summary"]["persons"] == 1
    assert found["rows"][0]["name"] == "Test Person One"
