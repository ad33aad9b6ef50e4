"""Fixtures for the published site: one full build of the bundled record per backend."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from lionrock import Store
from lionrock.publish import SiteOptions, build_site

HREF = re.compile(r'(?:href|src|action)="([^"]*)"')


@pytest.fixture(scope="session")
def bundled_site(bundled_store: Store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled record published with search, as `lionrock publish -o site` does."""
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(bundled_store, out=out, options=SiteOptions(onion="http://example.onion"))
    return out


def html_pages(site: Path) -> Iterator[Path]:
    """Every HTML page of the site but Pagefind's own files."""
    for path in sorted(site.rglob("*.html")):
        if "pagefind" not in path.relative_to(site).parts:
            yield path
