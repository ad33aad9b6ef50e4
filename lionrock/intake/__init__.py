"""Secure intake (issue #15): tips and documents from Hong Kong, sealed at the door to
keys that live on an offline machine.

- the submission site, its own ASGI app (`create_intake_app`, `lionrock intake serve`);
- sealing as it streams in (`Sealer`, `receive_upload`): PyNaCl sealed boxes for each
  item's key, secretstream XChaCha20-Poly1305 for its content, Padmé-padded lengths;
- sources' diceware codenames (`new_codename`, `derive_source`) and replies sealed to them;
- recipients' keys (`write_key`, `load_secret_key`), the export bundle (`export_bundle`),
  and opening it offline (`open_bundle`) with mat2 in a sandbox (`Sandbox`);
- into the record: a cleaned copy as evidence and a source (`cite_document`).

Example:
    from lionrock.intake import create_intake_app
    app = create_intake_app(IntakeSettings.from_env())
"""

from lionrock.intake._app import create_intake_app
from lionrock.intake._bundle import BundleError, ExportReport, export_bundle, server_public_key
from lionrock.intake._cite import Cited, CiteRefused, cite_document
from lionrock.intake._codename import derive_source, new_codename, normalize, wordlist
from lionrock.intake._db import IntakeDB, Submission, today
from lionrock.intake._format import (
    NotARecipient,
    SealedItemError,
    Sealer,
    open_bytes,
    open_item,
    padme,
    seal_bytes,
)
from lionrock.intake._http import csp
from lionrock.intake._keys import (
    KeyFileError,
    Recipient,
    add_recipient,
    generate_key,
    load_secret_key,
    parse_recipient,
    read_recipients,
    write_key,
)
from lionrock.intake._open import OpenReport, open_bundle
from lionrock.intake._receive import Received, UploadRefused, receive_upload
from lionrock.intake._replies import ReplyRefused, add_reply
from lionrock.intake._sandbox import CleanResult, Sandbox, SandboxUnavailable
from lionrock.intake._server import intake_server
from lionrock.pow import PowRefused, ProofOfWork, solve  # the login's too

__all__ = [
    "BundleError",
    "CiteRefused",
    "Cited",
    "CleanResult",
    "ExportReport",
    "IntakeDB",
    "KeyFileError",
    "NotARecipient",
    "OpenReport",
    "PowRefused",
    "ProofOfWork",
    "Received",
    "Recipient",
    "ReplyRefused",
    "Sandbox",
    "SandboxUnavailable",
    "SealedItemError",
    "Sealer",
    "Submission",
    "UploadRefused",
    "add_recipient",
    "add_reply",
    "cite_document",
    "create_intake_app",
    "csp",
    "derive_source",
    "export_bundle",
    "generate_key",
    "intake_server",
    "load_secret_key",
    "new_codename",
    "normalize",
    "open_bundle",
    "open_bytes",
    "open_item",
    "padme",
    "parse_recipient",
    "read_recipients",
    "receive_upload",
    "seal_bytes",
    "server_public_key",
    "solve",
    "today",
    "wordlist",
    "write_key",
]
