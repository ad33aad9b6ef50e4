"""Issue #11, item 2: the custody checks ask `conviction_stands`. A conviction quashed on
appeal neither holds a person again after a release (so it cannot hide one), nor makes
a release before its sentence, a release from it alone, or its passed expected release
a problem; one quashed and then reinstated stands like any other. Each case is a small
fictitious YAML record, loaded as `lionrock load` does and checked as `lionrock check`
does. The real cases: Jimmy Lai's fraud conviction (quashed 2026-02-26, while he serves
his national-security sentence) and Chow Hang-tung's 2021 vigil conviction (quashed in
December 2022, reinstated in January 2024)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lionrock import Defaults, Store, load_paths
from lionrock.record import CaseRecord, conviction_stands, run_checks

TODAY = date(2026, 12, 6)
HEAD = """
defaults:
  review: published
  status: confirmed
  recorded_by: tests
  recorded_at: 2026-01-01
sources:
  - {id: src-2021, publisher: Example Daily, title: Arrests, date: 2021-01-10, url: https://example.org/1}
  - {id: src-2023, publisher: Example Daily, title: A verdict, date: 2023-03-12, url: https://example.org/2}
  - {id: src-quash, publisher: Example Law, title: A quashing, date: 2025-03-07, url: https://example.org/3}
  - {id: src-final, publisher: Example Law, title: A final ruling, date: 2025-06-20, url: https://example.org/4}
  - {id: src-2026, publisher: Example Weekly, title: Custody, date: 2026-03-01, url: https://example.org/5}
entities:
  - {id: case-x, schema: CourtCase, source: src-2021, properties: {name: Fictitious case X}}
  - {id: case-y, schema: CourtCase, source: src-2021, properties: {name: Fictitious case Y}}
  - id: p1
    schema: Person
    source: src-2021
    properties:
      name: CHAN Tai Man
      custodyStatus: {value: STATUS, source: src-2026}
"""
#: released (on bail pending appeal) on 2023-03-08, before the sentence of 2023-03-11
CHARGE_X = """
  - id: charge-x
    schema: Charge
    source: src-2021
    properties:
      defendant: p1
      case: case-x
      offence: Fictitious fraud
      arrestDate: 2022-01-05
      verdict: {value: convicted, source: src-2023}
      verdictDate: {value: 2023-03-04, source: src-2023}
      sentenceMonths: {value: 54, source: src-2023}
      sentenceDate: {value: 2023-03-11, source: src-2023}
      RELEASE
      APPEAL
"""
RELEASE_BEFORE_SENTENCE = "releaseDate: {value: 2023-03-08, source: src-2023}"
QUASHED = """appealOutcome: {value: conviction_quashed, source: src-quash}
      appealDate: {value: 2025-03-06, source: src-quash}"""
REINSTATED = """appealOutcome:
        - {value: conviction_quashed, source: src-quash}
        - {value: conviction_reinstated, source: src-final}
      appealDate:
        - {value: 2025-03-06, source: src-quash}
        - {value: 2025-06-19, source: src-final}"""
#: the appeal rule's own problem when a sentence is served on no standing conviction
QUASHED_ONLY = (
    "'serving_sentence' as of 2026-03-01, but every conviction was quashed on appeal (2025-03-06)"
)
#: a national-security charge that holds him: remanded since 2020, sentenced 2024-11-19
#: (before the quashing)
CHARGE_Y = """
  - id: charge-y
    schema: Charge
    source: src-2021
    properties:
      defendant: p1
      case: case-y
      offence: Fictitious collusion
      arrestDate: 2020-08-10
      bailDenied: 2020-12-31
      verdict: {value: convicted, source: src-2026}
      verdictDate: {value: 2024-05-30, source: src-2026}
      sentenceMonths: {value: 240, source: src-2026}
      sentenceDate: {value: 2024-11-19, source: src-2026}
"""


def _check(tmp_path: Path, status: str, *charges: str) -> dict[str, list[str]]:
    """Load the small record into a fresh store and check it: the problems by rule."""
    text = HEAD.replace("STATUS", status) + "".join(charges)
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    store = Store("sqlite://")
    try:
        load_paths(store, [path], defaults=Defaults(review="published"))
        record = CaseRecord.from_store(store, published_only=True)
    finally:
        store.close()
    found: dict[str, list[str]] = {}
    for problem in run_checks(record, today=TODAY).problems:
        found.setdefault(problem.rule, []).append(problem.message)
    return found


def _x(release: str = RELEASE_BEFORE_SENTENCE, appeal: str = "") -> str:
    return CHARGE_X.replace("RELEASE", release).replace("APPEAL", appeal)


def test_quashed_conviction_with_a_release_before_its_sentence_is_no_problem(
    tmp_path: Path,
) -> None:
    # bail pending appeal, then the conviction quashed: the sentence was never served
    assert _check(tmp_path, "released", _x(appeal=QUASHED)) == {}


def test_standing_conviction_with_a_release_before_its_sentence_is_a_problem(
    tmp_path: Path,
) -> None:
    expected = {"release_after_sentence": ["the releaseDate is before the sentence"]}
    assert _check(tmp_path, "released", _x()) == expected
    # serving the sentence: it holds him again after the release, so no custody problem
    assert _check(tmp_path, "serving_sentence", _x()) == expected


def test_quashed_then_reinstated_conviction_stands(tmp_path: Path) -> None:
    expected = {"release_after_sentence": ["the releaseDate is before the sentence"]}
    assert _check(tmp_path, "released", _x(appeal=REINSTATED)) == expected
    # its sentence holds him again after the release, as a standing one does
    assert _check(tmp_path, "serving_sentence", _x(appeal=REINSTATED)) == expected


def test_a_quashed_sentence_does_not_hide_a_release(tmp_path: Path) -> None:
    # released before a sentence that no longer stands, and nothing else holds him:
    # "serving a sentence" (or remanded) as of 2026 cannot be right
    release = "'remanded' as of 2026-03-01, but released on 2023-03-08"
    assert _check(tmp_path, "remanded", _x(appeal=QUASHED)) == {"custody_release": [release]}
    assert _check(tmp_path, "serving_sentence", _x(appeal=QUASHED)) == {
        "custody_release": [release.replace("remanded", "serving_sentence")],
        "serving_quashed": [QUASHED_ONLY],
    }


def test_a_release_from_a_quashed_conviction_alone_is_no_problem(tmp_path: Path) -> None:
    # Jimmy Lai's case: released from the quashed fraud sentence, still serving another
    released = "releaseDate: {value: 2025-03-06, source: src-quash}"
    assert _check(tmp_path, "serving_sentence", _x(released, QUASHED), CHARGE_Y) == {}
    # with nothing else holding him, the release is his
    assert _check(tmp_path, "serving_sentence", _x(released, QUASHED)) == {
        "custody_release": ["'serving_sentence' as of 2026-03-01, but released on 2025-03-06"],
        "serving_quashed": [QUASHED_ONLY],
    }
    # a standing conviction's release, with the other charge held since before it: an
    # error as it always was (the record must say which charge he was released from)
    standing = _check(tmp_path, "serving_sentence", _x(released), CHARGE_Y)
    assert list(standing) == ["custody_release"]


def test_a_quashed_sentence_has_no_expected_release_to_wait_for(tmp_path: Path) -> None:
    expected = "expectedRelease: {value: 2026-06, source: src-2023}"
    assert _check(tmp_path, "serving_sentence", _x(expected, QUASHED), CHARGE_Y) == {}
    reinstated = _check(tmp_path, "serving_sentence", _x(expected, REINSTATED), CHARGE_Y)
    assert reinstated == {
        "expected_release_passed": [
            "'serving_sentence' as of 2026-03-01, but the expected release (2026-06) has passed"
        ]
    }


@pytest.mark.parametrize(
    ("charge", "stands"),
    [
        ("lr-charge-jimmy-lai-fraud-jimmy-lai", False),
        ("lr-charge-hk-alliance-notice-chow-hang-tung", False),
        ("lr-charge-june-4-2021-vigil-chow-hang-tung", True),
    ],
)
def test_the_real_cases(bundled_store: Store, charge: str, stands: bool) -> None:
    record = CaseRecord.from_store(bundled_store, published_only=True)
    assert conviction_stands(record.entities[charge]) is stands
    rules = {p.rule for p in run_checks(record, today=TODAY).problems}
    assert not rules & {"custody_release", "release_after_sentence"}
