"""Open the evidence vault and signing settings from `Settings` (one place for the CLI,
the web app and the tests).

Example:
    vault, signing = open_evidence(settings, store)
"""

from __future__ import annotations

from pathlib import Path

from lionrock.errors import LionRockError
from lionrock.evidence._sign import load_or_create_key, public_key_b64
from lionrock.evidence._storage import Vault
from lionrock.evidence._wacz import Signing
from lionrock.settings import Settings
from lionrock.store import Store


def key_path(settings: Settings) -> Path:
    """The signing key: `LIONROCK_SIGNING_KEY`, else `LIONROCK_HOME/keys/evidence-ed25519.pem`."""
    return settings.signing_key or settings.home / "keys" / "evidence-ed25519.pem"


def open_vault(settings: Settings, store: Store) -> Vault:
    return Vault(store=store, root=settings.evidence_dir)


def open_signing(settings: Settings) -> Signing:
    """The project's key (created on first use) and the TSA from the settings."""
    key = load_or_create_key(key_path(settings))
    ca = None
    if settings.tsa_ca is not None:
        try:
            ca = settings.tsa_ca.read_bytes()
        except OSError as exc:
            raise LionRockError(
                f"cannot read the TSA certificate {settings.tsa_ca}: {exc}"
            ) from exc
    return Signing(key=key, tsa_url=settings.tsa_url, tsa_ca_pem=ca)


def open_evidence(settings: Settings, store: Store) -> tuple[Vault, Signing]:
    return open_vault(settings, store), open_signing(settings)


def project_public_key(settings: Settings) -> str:
    """The base64 public key that verifiers should pin."""
    return public_key_b64(load_or_create_key(key_path(settings)))
