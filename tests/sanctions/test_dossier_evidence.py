"""A dossier prints the evidence hash beside each role's citation (issue #12 §5): the
sha256 of the source's archived capture and its timestamp state, made here by a real
capture of a loopback page with a local RFC 3161 TSA; a source never archived says
"not archived". SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path

from lionrock import Defaults, Store, load_paths
from lionrock.evidence import Signing, Target, Vault, capture
from lionrock.sanctions.dossier import build_dossier, render_html
from lionrock.sanctions.evidence_hashes import captures_of
from tests.conftest import write
from tests.evidence.conftest import FAST, Site

RECORD = """
defaults:
  review: published
  status: confirmed
sources:
  - id: src-archived
    publisher: Synthetic Publisher
    title: Synthetic judgment report
    date: 2024-05-30
    url: {url}
  - id: src-unarchived
    publisher: Other Publisher
    title: Synthetic court listing
    date: 2023-02-06
    url: https://example.org/listing
entities:
  - id: lr-person-judge
    schema: Person
    source: src-unarchived
    properties:
      name: Synthetic Judge
  - id: lr-event-trial
    schema: Event
    source: src-unarchived
    properties:
      name: Synthetic trial
      date: 2024-05-30
  - id: lr-resp-judge
    schema: Responsibility
    source: src-archived
    properties:
      official: lr-person-judge
      target: lr-event-trial
      role: adjudicated
      conduct:
        - Wrote the synthetic verdict.
        - {{value: Sat on the synthetic trial., source: src-unarchived}}
"""


def test_a_dossier_prints_each_capture_hash_or_not_archived(
    store: Store, site: Site, vault: Vault, signing: Signing, tmp_path: Path
) -> None:
    url = site.url("/")
    path = write(tmp_path / "record.yaml", RECORD.format(url=url))
    load_paths(store, [path], defaults=Defaults(review="published"))
    [result] = capture(
        targets=[Target(url, "src-archived")],
        vault=vault,
        signing=signing,
        operator="tester",
        options=FAST,
    )
    assert result.outcome == "ok" and result.evidence_id
    # the hash printed is the archived file's own sha256 (its name in the vault)
    sha = hashlib.sha256(vault.path_of(result.evidence_id).read_bytes()).hexdigest()
    assert sha == result.evidence_id
    found = captures_of(store, ["src-archived", "src-unarchived"])
    assert list(found) == ["src-archived"]
    assert found["src-archived"].timestamped and found["src-archived"].signed

    dossier = build_dossier(store, entity_id="lr-person-judge")
    assert dossier.sources["src-archived"]["capture"].sha256 == sha
    assert dossier.sources["src-unarchived"]["capture"] is None
    page = render_html(dossier)
    roles = page.split("3. Responsible roles and conduct")[1].split("<h2>")[0]
    verdict = next(r for r in roles.split("<tr") if "Wrote the synthetic verdict" in r)
    assert f"sha256 {sha}" in verdict and "trusted timestamp (RFC 3161), signed" in verdict
    assert "Synthetic Publisher, 2024-05-30" in verdict
    sat = next(r for r in roles.split("<tr") if "Sat on the synthetic trial" in r)
    assert "Other Publisher, 2023-02-06" in sat and "not archived" in sat and sha not in sat
    role = next(r for r in roles.split("<tr") if "<td>Role</td>" in r)
    assert f"sha256 {sha}" in role
    annex = page.split("Annex: sources")[1]
    assert annex.count(sha) == 1 and "Evidence: not archived" in annex
