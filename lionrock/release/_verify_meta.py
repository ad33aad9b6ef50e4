"""Every byte of the signing metadata is checked too (issue #18 §5).

The manifest lists every file of a release but the ones that sign it: `manifest.json`
and its signature, the TUF metadata under `tuf/`, and `mirrors.json` with its signature.
Those must be covered by a signature that is checked, byte for byte:

- each TUF file (`root.json`, `N.root.json`, `targets.json`, `snapshot.json`,
  `timestamp.json`) must hold metadata of the role its name says, signed by the release
  key (root's keys must be the release key), written exactly as Lion Rock writes it (so
  no byte outside the signed part can change either); `tuf/root.json` must be there;
- a `.minisig` file must parse to the very bytes it holds, with the comment Lion Rock
  writes (minisign does not sign the untrusted comment line);
- `mirrors.json` must carry a valid signature by the release key.

Example:
    problems = signing_problems(read, listing, pub=pub, key=key)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import minisign
from securesystemslib.signer import SSlibKey
from tuf.api.metadata import Metadata, Root
from tuf.api.serialization.json import JSONSerializer

from lionrock.release._manifest import MIRRORS, SIGNATURE

MAX_META_BYTES = 1 << 22
UNTRUSTED = b"untrusted comment: signature from minisign secret key"
ROLE_FILE = re.compile(r"^tuf/(?:(\d+)\.)?(root|targets|snapshot|timestamp)\.json$")
REQUIRED = ("tuf/root.json", "tuf/1.root.json", "tuf/targets.json", "tuf/snapshot.json",
            "tuf/timestamp.json")  # fmt: skip

#: Reads one file of the copy: its bytes, or None when the copy has no such file.
Reader = Callable[[str], bytes | None]


def _tuf_problem(path: str, data: bytes, key: SSlibKey) -> str | None:
    found = ROLE_FILE.match(path)
    if found is None:
        return "not a TUF metadata file of this release"
    role = found.group(2)
    try:
        md = Metadata.from_bytes(data)
    except Exception as exc:
        return f"not TUF metadata ({type(exc).__name__})"
    if md.signed.type != role:
        return f"holds {md.signed.type} metadata, not {role}"
    signature = md.signatures.get(key.keyid)
    if signature is None or set(md.signatures) != {key.keyid}:
        return "not signed by the release key alone"
    try:
        key.verify_signature(signature, md.signed_bytes)
    except Exception:
        return "altered or not signed by the release key: its signature fails"
    if isinstance(md.signed, Root):
        keys = {r: md.signed.roles[r].keyids for r in md.signed.roles}
        if any(ids != [key.keyid] for ids in keys.values()) or set(md.signed.keys) != {key.keyid}:
            return "its keys are not the release key"
    if md.to_bytes(JSONSerializer(compact=False)) != data:
        return "altered outside its signed part: not as Lion Rock writes it"
    return None


def _minisig_problem(data: bytes) -> str | None:
    try:
        parsed = minisign.Signature.from_bytes(data)
    except (minisign.Error, ValueError) as exc:
        return f"not a minisign signature ({exc})"
    if bytes(parsed) + b"\n" != data or not data.startswith(UNTRUSTED + b"\n"):
        return "altered: bytes the signature does not cover have changed"
    return None


def signing_problems(
    read: Reader, names: Iterable[str] | None, *, pub: minisign.PublicKey, key: SSlibKey
) -> list[tuple[str, str]]:
    """(path, problem) for each signing-metadata file that is missing, altered or not
    signed by the release key. `names` lists the copy's files when it can be listed (a
    folder, ZIM or CAR); for a URL the known names are read.

    Example: `signing_problems(lambda p: (site / p).read_bytes(), None, pub=pub, key=key)`.
    """
    listed = set(names) if names is not None else set()
    wanted = sorted(
        {*REQUIRED, *(p for p in listed if ROLE_FILE.match(p)), MIRRORS, MIRRORS + ".minisig"}
    )
    problems: list[tuple[str, str]] = []
    signature = read(SIGNATURE)
    if signature is not None:
        problem = _minisig_problem(signature)
        if problem:
            problems.append((SIGNATURE, problem))
    for path in wanted:
        data = read(path)
        if data is None:
            if path in REQUIRED:
                problems.append((path, "missing: the release's TUF metadata is incomplete"))
            continue
        if path.startswith("tuf/"):
            problem = _tuf_problem(path, data, key)
            if problem:
                problems.append((path, problem))
        elif path == MIRRORS + ".minisig":
            problem = _minisig_problem(data)
            if problem:
                problems.append((path, problem))
            if read(MIRRORS) is None:
                problems.append((path, f"a signature without its {MIRRORS}"))
        else:  # mirrors.json
            raw = read(MIRRORS + ".minisig")
            try:
                if raw is None:
                    raise ValueError("it has no .minisig beside it")
                pub.verify(data, minisign.Signature.from_bytes(raw))
            except (minisign.Error, ValueError) as exc:
                problems.append((path, f"not signed by the release key ({exc})"))
    return problems
