"""htmx is vendored: served from our own origin, byte for byte the npm release its notes
name, with its licence; no page of the app or the public record loads a third-party
script."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lionrock import Store
from lionrock.render import STATIC
from tests.web.conftest import client_for, login, make_account

VENDORED = Path(__file__).resolve().parents[2] / "lionrock" / "web" / "static"
SCRIPT = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
SRC = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)


def test_htmx_is_served_from_our_origin_as_released(bundled_store: Store) -> None:
    notes = (VENDORED / "VENDORED.md").read_text(encoding="utf-8")
    row = next(line for line in notes.splitlines() if line.startswith("| `htmx.min.js`"))
    version = re.search(r"\| (\d+\.\d+\.\d+) \|", row)
    sha256 = re.search(r"`([0-9a-f]{64})`", row)
    assert version and sha256 and "0BSD" in row
    client = client_for(bundled_store)
    served = client.get("/static/htmx.min.js")
    assert served.status_code == 200
    assert "javascript" in served.headers["content-type"]
    assert hashlib.sha256(served.content).hexdigest() == sha256.group(1)
    assert f'version:"{version.group(1)}"' in served.text
    licence = (VENDORED / "htmx.LICENSE.txt").read_text(encoding="utf-8")
    assert "Zero-Clause BSD" in licence
    assert not (STATIC / "htmx.min.js").exists()  # the app's, not the static site's
    assert client.get("/static/lionrock.css").status_code == 200  # shared assets still


def test_no_page_loads_a_third_party_script(bundled_store: Store) -> None:
    client = client_for(bundled_store)
    login(client, make_account(bundled_store, "reviewer"))
    pages = ["/", "/search?q=Apple", "/entities/ofac-29250", "/entities/ofac-29250/network",
             "/timeline", "/prisoners", "/charts", "/sources", "/sanctions/gaps", "/app",
             "/app/new?schema=Person", "/app/entities/ofac-29250", "/app/account",
             "/app/changes", "/app/audit", "/login"]  # fmt: skip
    scripts: set[str] = set()
    for path in pages:
        page = client.get(path)
        assert page.status_code == 200, path
        for tag in SCRIPT.findall(page.text):
            found = SRC.search(tag)
            assert found, (path, tag)  # no inline script either
            src = found.group(1)
            assert not re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", src, re.IGNORECASE), (path, src)
            depth = path.split("?")[0].count("/") - 1
            scripts.add("/" + src.removeprefix("../" * depth).removeprefix("./"))
    for src in scripts:
        assert client.get(src).status_code == 200, src
