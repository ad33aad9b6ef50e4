"""The signed releases of tests/release, shared with the tamper trials."""

from tests.release.conftest import keys, other_keys, release_v1, release_v2  # noqa: F401
