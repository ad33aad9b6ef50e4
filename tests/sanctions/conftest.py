"""The evidence fixtures (a loopback website, a local RFC 3161 TSA, a vault over each
backend), for dossiers that print their sources' capture hashes."""

from tests.evidence.conftest import (  # noqa: F401
    evidence_settings,
    signing,
    site,
    tsa,
    vault,
)
