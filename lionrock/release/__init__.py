"""Releasing the static site: signed manifest, TUF metadata, ZIM, CAR and mirrors.

Works on any folder of static files (issue #5, items 6 to 9). The site build
(`lionrock publish`) writes `manifest.json`, then calls `sign_site`, `build_zim` and
`build_car`; readers run `verify`; maintainers run `check_mirrors`.

Example:
    from lionrock.release import build_car, build_zim, generate_keys, sign_site, verify
    secret, public = generate_keys(Path("keys"))
    sign_site(Path("site"), secret_key=secret)
    build_zim(Path("site"), Path("site.zim"), title="Lion Rock", languages=["en", "zh-hant"])
    root_cid = build_car(Path("site"), Path("site.car"))
    assert verify("site", pubkey=public, state_dir=Path("state")).ok
"""

from lionrock.release._car import CarError, CarReader, build_car
from lionrock.release._keys import KeyFileError, generate_keys, load_public_key
from lionrock.release._manifest import (
    Manifest,
    ManifestError,
    is_signing_metadata,
    read_manifest,
    write_manifest,
)
from lionrock.release._mirrors import (
    Mirror,
    MirrorStatus,
    check_mirrors,
    read_mirrors,
    write_mirrors,
)
from lionrock.release._sign import sign_file, sign_site
from lionrock.release._verify import VerifyReport, verify
from lionrock.release._zim import ZimError, build_zim

__all__ = [
    "CarError",
    "CarReader",
    "KeyFileError",
    "Manifest",
    "ManifestError",
    "Mirror",
    "MirrorStatus",
    "VerifyReport",
    "ZimError",
    "build_car",
    "build_zim",
    "check_mirrors",
    "generate_keys",
    "is_signing_metadata",
    "load_public_key",
    "read_manifest",
    "read_mirrors",
    "sign_file",
    "sign_site",
    "verify",
    "write_manifest",
    "write_mirrors",
]
