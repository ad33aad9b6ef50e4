"""Evidence: capture cited sources into signed, timestamped WACZ files, verify them,
import existing archives, replay them offline, and watch the original links (issue #4).

Example:
    from lionrock.evidence import Target, capture, open_evidence, verify_file
    vault, signing = open_evidence(settings, store)
    results = capture(targets=[Target("https://example.org/", "src-x")], vault=vault,
                      signing=signing, operator="alice")
    verify_file(vault.path_of(results[0].evidence_id)).ok
"""

from lionrock.evidence._capture import (
    CaptureOptions,
    Target,
    capture,
    default_operator,
    requisite_urls,
)
from lionrock.evidence._digest import normalize_digest, parse_digest, sha256_hex
from lionrock.evidence._import import ImportRefused, ImportReport, import_archive
from lionrock.evidence._linkcheck import LinkState, check_sources, latest_states
from lionrock.evidence._replay import replay_app, rewrite_html
from lionrock.evidence._setup import (
    key_path,
    open_evidence,
    open_signing,
    open_vault,
    project_public_key,
)
from lionrock.evidence._sign import SigningError, request_timestamp, verify_timestamp
from lionrock.evidence._storage import CaptureResult, EvidenceNotFound, PageRow, Vault, source_urls
from lionrock.evidence._verify import Report, Trust, verify_file
from lionrock.evidence._wacz import Signing, build_wacz

__all__ = [
    "CaptureOptions",
    "CaptureResult",
    "EvidenceNotFound",
    "ImportRefused",
    "ImportReport",
    "LinkState",
    "PageRow",
    "Report",
    "Signing",
    "SigningError",
    "Target",
    "Trust",
    "Vault",
    "build_wacz",
    "capture",
    "check_sources",
    "default_operator",
    "import_archive",
    "key_path",
    "latest_states",
    "normalize_digest",
    "open_evidence",
    "open_signing",
    "open_vault",
    "parse_digest",
    "project_public_key",
    "replay_app",
    "request_timestamp",
    "requisite_urls",
    "rewrite_html",
    "sha256_hex",
    "source_urls",
    "verify_file",
    "verify_timestamp",
]
