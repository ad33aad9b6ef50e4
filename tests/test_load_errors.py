"""Bad input: every error names the file, the line and the field, and nothing is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lionrock import LoadError, Store, load_paths
from tests.conftest import SOURCE_YAML, write

GOOD_PERSON = """
entities:
  - id: lr-person-good
    schema: Person
    source: src-test
    properties:
      name: Good Person
"""


def _seed(store: Store, tmp_path: Path) -> list[object]:
    load_paths(store, [write(tmp_path / "seed.yaml", SOURCE_YAML + GOOD_PERSON)])
    return list(store.iter_facts())


def _refused(store: Store, path: str) -> LoadError:
    with pytest.raises(LoadError) as info:
        load_paths(store, [path])
    return info.value


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "bad.yaml",
            SOURCE_YAML + "entities:\n  - id: x\n    schema: [unclosed\n",
            r"bad\.yaml:\d+: invalid YAML",
        ),
        (
            "unknown-schema.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Persn
    source: src-test
    properties:
      name: X
""",
            r"unknown-schema\.yaml:13: field 'schema': unknown schema 'Persn'",
        ),
        (
            "unknown-prop.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Person
    source: src-test
    properties:
      name: X
      shoeSize: 42
""",
            r"unknown-prop\.yaml:17: field 'shoeSize': unknown property 'shoeSize' of schema",
        ),
        (
            "no-source.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Person
    properties:
      name: X
""",
            r"no-source\.yaml:15: field 'name': this fact has no source",
        ),
        (
            "bad-date.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Person
    source: src-test
    properties:
      name: X
      birthDate: 2021-13-01
""",
            r"bad-date\.yaml:17: field 'birthDate': '2021-13-01' is not a valid date",
        ),
        (
            "bad-enum.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Person
    source: src-test
    properties:
      name: X
      custodyStatus: free
""",
            r"bad-enum\.yaml:17: field 'custodyStatus': 'free' is not one of",
        ),
        (
            "missing-required.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Person
    source: src-test
    properties:
      birthDate: 1960
""",
            r"missing-required\.yaml:\d+: field 'name': Person lr-x lacks required property 'name'",
        ),
        (
            "dangling.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Membership
    source: src-test
    properties:
      member: lr-nobody
      organization: lr-person-good
""",
            r"dangling\.yaml:16: field 'member': refers to 'lr-nobody', which does not exist",
        ),
        (
            "unknown-source.yaml",
            SOURCE_YAML
            + """
entities:
  - id: lr-x
    schema: Person
    source: src-missing
    properties:
      name: X
""",
            r"unknown-source\.yaml:16: field 'name': cites source 'src-missing', which does not",
        ),
        (
            "bad.json",
            '{"id": "lr-x", "schema": "Person", "properties": {"name": ["X"]}}\n{"id": ',
            r"bad\.json:2: invalid JSON",
        ),
        (
            "bad-prop.json",
            '{"id": "lr-x", "schema": "Person", "properties": {"nme": ["X"]}}\n',
            r"bad-prop\.json:1: field 'nme': unknown property 'nme'",
        ),
        (
            "plain.json",
            '{"id": "lr-x", "schema": "Person", "properties": {"name": ["X"]}}\n',
            r"plain\.json:1: field 'name': this fact has no source",
        ),
        (
            "bad.csv",
            "entity_id,schema,prop,value,source_id\nlr-x,Person,name,X,src-test\n"
            'lr-y,Person,name,"unclosed\n',
            r"bad\.csv:\d+: invalid CSV|bad\.csv:\d+: expected",
        ),
        (
            "short.csv",
            "entity_id,schema,prop,value,source_id\nlr-x,Person,name\n",
            r"short\.csv:2: expected 5 fields",
        ),
        (
            "columns.csv",
            "entity_id,schema,prop,valu\n",
            r"columns\.csv:1: field 'value': missing column",
        ),
        (
            "badvalue.csv",
            "entity_id,schema,prop,value,source_id\nlr-x,Person,birthDate,soon,src-test\n",
            r"badvalue\.csv:2: field 'birthDate': 'soon' is not a valid date",
        ),
    ],
)
def test_bad_input_is_refused_with_its_location(
    store: Store, tmp_path: Path, name: str, text: str, expected: str
) -> None:
    before = _seed(store, tmp_path)
    error = _refused(store, write(tmp_path / name, text))
    assert error.problems, "a LoadError lists its problems"
    assert any(re.search(expected, str(p)) for p in error.problems), str(error)
    assert list(store.iter_facts()) == before, "a refused load must leave the store as it was"


def test_a_load_of_several_files_is_one_transaction(store: Store, tmp_path: Path) -> None:
    before = _seed(store, tmp_path)
    good = write(tmp_path / "good.yaml", SOURCE_YAML + GOOD_PERSON.replace("good", "new"))
    bad = write(tmp_path / "bad.json", "{not json}\n")
    with pytest.raises(LoadError, match=r"bad\.json:1"):
        load_paths(store, [good, bad])
    assert list(store.iter_facts()) == before
    assert store.entity("lr-person-new") is None


def test_all_problems_are_reported_together(memory_store: Store, tmp_path: Path) -> None:
    text = (
        SOURCE_YAML
        + """
entities:
  - id: lr-x
    schema: Person
    source: src-test
    properties:
      name: X
      birthDate: never
      nationality: Atlantis
"""
    )
    error = _refused(memory_store, write(tmp_path / "two.yaml", text))
    fields = {p.location.field for p in error.problems}
    assert {"birthDate", "nationality"} <= fields


def test_binary_and_oversized_input_is_refused(memory_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "binary.json"
    path.write_bytes(b'{"id": "\xff\xfe"}\n')
    with pytest.raises(LoadError, match="not UTF-8"):
        load_paths(memory_store, [str(path)])
    with pytest.raises(LoadError, match="no such file"):
        load_paths(memory_store, [str(tmp_path / "missing.yaml")])


def test_a_source_needs_title_publisher_and_date(memory_store: Store, tmp_path: Path) -> None:
    text = "sources:\n  - id: src-x\n    publisher: P\n"
    error = _refused(memory_store, write(tmp_path / "src.yaml", text))
    messages = " ".join(str(p) for p in error.problems)
    assert "lacks title" in messages and "lacks publishedAt" in messages


def test_schema_conflicts_are_refused(memory_store: Store, tmp_path: Path) -> None:
    load_paths(memory_store, [write(tmp_path / "a.yaml", SOURCE_YAML + GOOD_PERSON)])
    text = SOURCE_YAML + GOOD_PERSON.replace("schema: Person", "schema: Event")
    error = _refused(memory_store, write(tmp_path / "b.yaml", text))
    assert "is stored as a Person, not a Event" in str(error)


def test_loading_a_file_again_keeps_review_decisions(store: Store, tmp_path: Path) -> None:
    # a reviewer rejected a fact; importing the same file again must not republish it
    _seed(store, tmp_path)
    [name] = [f for f in store.iter_facts() if f.prop == "name"]
    assert name.review == "published"
    with store.write() as writer:
        assert writer.set_fact_review([name.id], "rejected") == 1
    load_paths(store, [write(tmp_path / "seed.yaml", SOURCE_YAML + GOOD_PERSON)])
    [again] = [f for f in store.iter_facts() if f.prop == "name"]
    assert again.id == name.id and again.review == "rejected"
    assert store.entity("lr-person-good", published_only=True) is None
    # a new fact in the file still comes in with the file's review state
    more = GOOD_PERSON + "      alias: Another Name\n"
    load_paths(store, [write(tmp_path / "seed.yaml", SOURCE_YAML + more)])
    [alias] = [f for f in store.iter_facts() if f.prop == "alias"]
    assert alias.review == "published"


def test_a_source_defined_twice_in_one_load_is_refused(memory_store: Store, tmp_path: Path) -> None:
    # two different definitions of one source ID would merge two titles into one source
    first = write(tmp_path / "first.yaml", SOURCE_YAML + GOOD_PERSON)
    again = SOURCE_YAML.replace("A test document", "Another document")
    second = write(tmp_path / "second.yaml", again)
    with pytest.raises(LoadError) as info:
        load_paths(memory_store, [first, second])
    message = str(info.value)
    assert re.search(
        r"second\.yaml:7: field 'title': source 'src-test' is already defined at \S*first\.yaml:5",
        message,
    ), message
    assert list(memory_store.iter_facts()) == []
    # the same definition written again is harmless, and so is loading a file again
    same = write(tmp_path / "same.yaml", SOURCE_YAML)
    load_paths(memory_store, [first, same])
    load_paths(memory_store, [first])
    assert memory_store.entity("lr-person-good") is not None
