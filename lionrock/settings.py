"""Settings, read once from the environment (see docs/settings.md).

- `LIONROCK_HOME`: the folder of the default SQLite store (default `./lionrock-data`).
- `LIONROCK_DATABASE_URL`: a SQLAlchemy URL; `postgresql://...` selects PostgreSQL.
- `LIONROCK_BASE_URL`: the web app's public address, used in exported entity URLs.
- `LIONROCK_TRUST_DIR`: where `lionrock verify` keeps what a reader trusted before.
- `LIONROCK_KEY_PASSWORD`: the password of an encrypted release signing key.
- `LIONROCK_TSA_URL`: the RFC 3161 time-stamping authority evidence packages are sent to.
- `LIONROCK_TSA_CA`: a PEM file of the TSA's trusted root certificate(s).
- `LIONROCK_SIGNING_KEY`: the project's Ed25519 private key (PEM) that signs evidence.
- `LIONROCK_OPERATOR`: who captures evidence (recorded in each custody record).
- `LIONROCK_ONION_ADDRESS`: the published site's onion address, for `Onion-Location`.
- `LIONROCK_SECRET_KEY`: the key that signs the web app's CSRF tokens (default: a random
  key kept in the store).
- `LIONROCK_CACHE_SECONDS`: how long the web app may serve a cached public page after
  another process wrote to the store (default 5; 0 turns the cache off).
- `LIONROCK_WEB_WORKERS`: how many processes `lionrock serve` answers from (default 1).

Intake (issue #15) has a block of its own (`IntakeSettings`), since `lionrock intake
serve` may run on a machine of its own: `LIONROCK_INTAKE_*`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ENV_HOME = "LIONROCK_HOME"
ENV_DATABASE_URL = "LIONROCK_DATABASE_URL"
ENV_BASE_URL = "LIONROCK_BASE_URL"
ENV_TRUST_DIR = "LIONROCK_TRUST_DIR"
ENV_KEY_PASSWORD = "LIONROCK_KEY_PASSWORD"


def default_trust_dir() -> Path:
    """`$XDG_STATE_HOME/lionrock/trust`, else `~/.local/state/lionrock/trust`."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "lionrock" / "trust"


ENV_TSA_URL = "LIONROCK_TSA_URL"
ENV_TSA_CA = "LIONROCK_TSA_CA"
ENV_SIGNING_KEY = "LIONROCK_SIGNING_KEY"
ENV_OPERATOR = "LIONROCK_OPERATOR"
ENV_ONION_ADDRESS = "LIONROCK_ONION_ADDRESS"
ENV_SECRET_KEY = "LIONROCK_SECRET_KEY"
ENV_CACHE_SECONDS = "LIONROCK_CACHE_SECONDS"
ENV_WEB_WORKERS = "LIONROCK_WEB_WORKERS"
#: The most worker processes `lionrock serve` starts (each holds its own app and caches).
MAX_WEB_WORKERS = 32

ENV_INTAKE_DIR = "LIONROCK_INTAKE_DIR"
ENV_INTAKE_DATABASE_URL = "LIONROCK_INTAKE_DATABASE_URL"
ENV_INTAKE_RECIPIENTS = "LIONROCK_INTAKE_RECIPIENTS"
ENV_INTAKE_MAX_BYTES = "LIONROCK_INTAKE_MAX_BYTES"
ENV_INTAKE_PORT = "LIONROCK_INTAKE_PORT"
ENV_INTAKE_ONION_ADDRESS = "LIONROCK_INTAKE_ONION_ADDRESS"
ENV_INTAKE_POW_BITS = "LIONROCK_INTAKE_POW_BITS"
ENV_INTAKE_POW_WAIT = "LIONROCK_INTAKE_POW_WAIT"
ENV_INTAKE_PASSPHRASE = "LIONROCK_INTAKE_PASSPHRASE"


def normalize_database_url(url: str) -> str:
    """Pick the psycopg 3 driver for plain `postgresql://` URLs.

    Example: `normalize_database_url("postgresql://localhost/test")`
    returns `"postgresql+psycopg://localhost/test"`.
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _seconds(text: str) -> float:
    try:
        return max(0.0, float(text))
    except ValueError:
        return 5.0


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the store lives and how the app presents itself.

    Example: `Settings.from_env().database_url`.
    """

    home: Path = field(default_factory=lambda: Path(os.environ.get(ENV_HOME) or "lionrock-data"))
    database_url: str = ""
    base_url: str = "http://127.0.0.1:8000"
    trust_dir: Path = field(default_factory=default_trust_dir)
    tsa_url: str = ""
    tsa_ca: Path | None = None
    signing_key: Path | None = None
    operator: str = ""
    onion_address: str = ""
    secret_key: str = ""
    cache_seconds: float = 5.0
    web_workers: int = 1

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(
                self, "database_url", f"sqlite:///{(self.home / 'lionrock.db').as_posix()}"
            )
        object.__setattr__(self, "database_url", normalize_database_url(self.database_url))

    @classmethod
    def from_env(cls) -> Settings:
        """Read the settings from `LIONROCK_*` environment variables."""
        home = Path(os.environ.get(ENV_HOME) or "lionrock-data")
        return cls(
            home=home,
            database_url=os.environ.get(ENV_DATABASE_URL, ""),
            base_url=os.environ.get(ENV_BASE_URL, "http://127.0.0.1:8000").rstrip("/"),
            trust_dir=Path(os.environ.get(ENV_TRUST_DIR) or default_trust_dir()),
            tsa_url=os.environ.get(ENV_TSA_URL, ""),
            tsa_ca=_path(os.environ.get(ENV_TSA_CA)),
            signing_key=_path(os.environ.get(ENV_SIGNING_KEY)),
            operator=os.environ.get(ENV_OPERATOR, ""),
            onion_address=os.environ.get(ENV_ONION_ADDRESS, "").rstrip("/"),
            secret_key=os.environ.get(ENV_SECRET_KEY, ""),
            cache_seconds=_seconds(os.environ.get(ENV_CACHE_SECONDS, "5")),
            web_workers=_int(os.environ.get(ENV_WEB_WORKERS), 1, 1, MAX_WEB_WORKERS),
        )

    @property
    def evidence_dir(self) -> Path:
        """Where evidence files live: `LIONROCK_HOME/evidence/`."""
        return self.home / "evidence"


def _path(value: str | None) -> Path | None:
    return Path(value) if value else None


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int((text or "").replace("_", "")) if text else default
    except ValueError:
        return default
    return min(max(value, low), high)


#: 500 MB: SecureDrop's cap, its users' most common complaint, is the floor (issue #15).
INTAKE_MAX_BYTES = 500_000_000


@dataclass(frozen=True, slots=True)
class IntakeSettings:
    """The intake server's own settings block (issue #15): it shares no setting, process,
    cookie or table with the editors' app, and may run on a machine of its own.

    Example: `IntakeSettings.from_env().max_bytes`.
    """

    home: Path = field(default_factory=lambda: Path("lionrock-data") / "intake")
    database_url: str = ""
    recipients: Path | None = None
    max_bytes: int = INTAKE_MAX_BYTES
    port: int = 8001
    onion_address: str = ""
    pow_bits: int = 0
    pow_wait: float = 30.0

    def __post_init__(self) -> None:
        if not self.database_url:
            url = f"sqlite:///{(self.home / 'intake.db').as_posix()}"
            object.__setattr__(self, "database_url", url)
        object.__setattr__(self, "database_url", normalize_database_url(self.database_url))
        if self.recipients is None:
            object.__setattr__(self, "recipients", self.home / "recipients.txt")

    @property
    def recipients_file(self) -> Path:
        """The file of recipients' public keys, one a line."""
        return self.recipients or self.home / "recipients.txt"

    @classmethod
    def from_env(cls) -> IntakeSettings:
        """Read `LIONROCK_INTAKE_*` (the intake folder defaults to `LIONROCK_HOME/intake`)."""
        home = os.environ.get(ENV_INTAKE_DIR) or str(
            Path(os.environ.get(ENV_HOME) or "lionrock-data") / "intake"
        )
        return cls(
            home=Path(home),
            database_url=os.environ.get(ENV_INTAKE_DATABASE_URL, ""),
            recipients=_path(os.environ.get(ENV_INTAKE_RECIPIENTS)),
            max_bytes=_int(os.environ.get(ENV_INTAKE_MAX_BYTES), INTAKE_MAX_BYTES, 1, 1 << 40),
            port=_int(os.environ.get(ENV_INTAKE_PORT), 8001, 1, 65535),
            onion_address=os.environ.get(ENV_INTAKE_ONION_ADDRESS, "").strip().rstrip("/"),
            pow_bits=_int(os.environ.get(ENV_INTAKE_POW_BITS), 0, 0, 28),
            pow_wait=float(_int(os.environ.get(ENV_INTAKE_POW_WAIT), 30, 0, 3600)),
        )
