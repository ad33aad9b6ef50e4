"""No confidential property and no draft fact in any public output (issue #18 §2).

One store per backend holds the bundled OFAC list of the 42 Hong Kong officials (their
National ID and passport numbers are `idNumber` and `passportNumber`, confidential in
extensions.yaml; G0286787 is one) and `fixture_leaks*.yaml`: a person and organisation
with confidential identifiers and contact details, a draft alias on that person, a draft
person and a draft event. Every value the public must not see is read back from the store
(`forbidden`), then every public output is searched for each one:

- every GET route of the web app an anonymous visitor may call, with each entity that has
  a hidden fact, each forbidden value as the query, and the JSON twins; the test fails
  when a route is added without being listed here (`SKIPPED` says why a route is not);
- `POST /api/match`;
- `lionrock export --published-only` in every format;
- the static site (every file, the Atom feeds and Pagefind's compressed index included),
  its ZIM (every entry) and its CAR;
- the dossier (its HTML and FtM bundle; the PDF is printed from that HTML).
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from libzim.reader import Archive  # type: ignore[import-untyped]
from sqlalchemy import select
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from lionrock import Defaults, Settings, Store, load_paths
from lionrock.bundled import bundled_files
from lionrock.cli import main
from lionrock.export import EXPORTERS, export_store
from lionrock.model import get_model
from lionrock.publish import SiteOptions, build_site
from lionrock.release import build_car, build_zim
from lionrock.sanctions.dossier import write_dossier
from lionrock.store._tables import entities, statements
from lionrock.web import create_app
from tests.conftest import BACKENDS, _pg_schema_url

HERE = Path(__file__).resolve().parent
FIXTURES = (HERE / "fixture_leaks.yaml", HERE / "fixture_leaks_drafts.yaml")
#: Routes an anonymous visitor cannot read, or that show no record data, and why.
SKIPPED = {
    "/login": "a form, no record data",
    "/login/2fa": "a form, no record data",
    "/login/enroll": "a form, no record data",
    "/app": "the researchers' app: sign-in required (tests/web/test_authorization.py)",
    "/api/changes": "needs a bearer token (tests/web/test_authorization.py)",
    "/api/changes/{change_id:int}": "needs a bearer token",
    "/static": "the app's own files",
}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@pytest.fixture(scope="module", params=BACKENDS)
def leak_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    if request.param == "sqlite":
        urls: Iterator[str] = iter([f"sqlite:///{tmp_path_factory.mktemp('leaks')}/lr.db"])
    else:
        urls = _pg_schema_url()
    store = Store(next(urls))
    ofac = [p for p in bundled_files() if p.suffix == ".csv"]
    files = [str(p) for p in (*ofac, *FIXTURES)]
    load_paths(store, files, defaults=Defaults(review="published"))
    yield store
    store.close()
    for _ in urls:  # let the PostgreSQL generator drop its schema
        pass


def hidden(store: Store) -> tuple[set[str], set[str]]:
    """The values no public output may hold, and the entities that have one, read from
    the store and the model's own flags (not from the rule under test): every value of a
    draft fact or of a confidential property, unless a public fact holds it too or it
    cannot be told apart from other text (an entity ID, a date, under six characters)."""
    model = get_model()
    with store.read() as conn:
        rows = conn.execute(statements.select()).all()
        schema_of = dict(conn.execute(select(entities.c.id, entities.c.schema)).all())
    public_values: set[str] = set()
    secret: dict[str, str] = {}
    for row in rows:
        spec = model.get(schema_of[row.entity_id])
        prop = spec.properties.get(row.prop) if spec is not None else None
        confidential = prop is None or prop.confidential
        if row.review == "published" and not confidential:
            public_values.add(row.value)
        elif row.prop_type != "entity":
            secret.setdefault(row.value, row.entity_id)
    values = {
        v for v in secret if v not in public_values and len(v) >= 6 and not ISO_DATE.fullmatch(v)
    }
    return values, {secret[v] for v in values}


def needles(values: set[str]) -> dict[str, str]:
    """Each value as it may be written: as is, HTML-escaped and JSON-escaped."""
    found = {}
    for value in values:
        for form in (value, html.escape(value), json.dumps(value)[1:-1]):
            found[form] = value
    return found


def leaks(text: str, values: set[str]) -> set[str]:
    return {value for form, value in needles(values).items() if form in text}


def test_the_store_holds_what_must_stay_hidden(leak_store: Store) -> None:
    values, ids = hidden(leak_store)
    assert {"G0286787", "IDZQX00017", "PPZQX00042", "zqx-secret@example.org"} <= values
    assert {"TAXZQX0099", "Draftalias Zqxname", "DRAFTZQX event never published"} <= values
    assert {"ofac-29250", "lr-leak-person", "lr-leak-event", "lr-leak-draft-person"} <= ids


def _get_routes(app: object) -> dict[str, Route | Mount]:
    found: dict[str, Route | Mount] = {}
    for route in app.routes:  # type: ignore[attr-defined]
        gets = isinstance(route, Route) and "GET" in (route.methods or ())
        if gets or isinstance(route, Mount):
            found[route.path] = route
    return found


def _urls(path: str, ids: set[str], values: set[str]) -> list[str]:
    """The URLs to fetch for one route: each hidden entity, each value as a query."""
    if "{entity_id}" in path:
        return [path.replace("{entity_id}", quote(i, safe="")) for i in sorted(ids)]
    if "{name}" in path:
        return [path.replace("{name}", n) for n in ("events-per-year", "custody-status",
                                                      "verdicts", "records")]  # fmt: skip
    if "{" in path:  # evidence, articles, replay: none is in this store
        return [re.sub(r"\{[^}]+\}", "nothing", path)]
    urls = [path]
    if path in ("/search", "/api/search", "/timeline", "/api/timeline", "/api/events",
                "/sources", "/api/sources", "/library", "/api/library/search"):  # fmt: skip
        # all but the last character: the page echoes the query, never the whole value
        urls += [f"{path}?q={quote(v[:-1])}" for v in sorted(values)]
    return urls


def test_no_web_route_shows_a_hidden_value(leak_store: Store) -> None:
    values, ids = hidden(leak_store)
    app = create_app(Settings(database_url="sqlite://"), store=leak_store)
    client = TestClient(app, base_url="https://testserver", follow_redirects=False)
    routes = _get_routes(app)
    checked, found = set(), {}
    for path in routes:
        if any(path == s or path.startswith(s + "/") for s in SKIPPED) or path.startswith("/app/"):
            continue
        for url in _urls(path, ids, values):
            for accept in ("text/html", "application/json"):
                response = client.get(url, headers={"accept": accept})
                assert response.status_code < 500, (url, response.text[:300])
                bad = leaks(response.text, values)
                if bad:
                    found[f"{url} ({accept})"] = bad
        checked.add(path)
    queries = {f"q{n}": {"schema": "Person", "properties": {"name": [v]}}
               for n, v in enumerate(sorted(values))}  # fmt: skip
    answer = client.post("/api/match", json={"queries": queries}).json()
    results = [r.get("results") for r in answer.get("responses", {}).values()]
    assert results and not leaks(json.dumps(results, ensure_ascii=False), values)
    assert not found, found
    # every route with data was fetched: a new route must be added here or to SKIPPED
    assert {"/", "/search", "/api/export.ftm", "/api/export.csv", "/api/entities/{entity_id}",
            "/entities/{entity_id}", "/prisoners", "/sanctions/gaps"} <= checked  # fmt: skip
    assert len(checked) >= 40, sorted(checked)


def test_no_public_export_holds_a_hidden_value(leak_store: Store, tmp_path: Path) -> None:
    values, _ = hidden(leak_store)
    url = str(leak_store.engine.url.render_as_string(hide_password=False))
    for fmt in EXPORTERS:
        out = tmp_path / f"export.{fmt}"
        result = CliRunner().invoke(
            main,
            ["export", "--published-only", "--format", fmt, "-o", str(out)],
            env={"LIONROCK_DATABASE_URL": url, "LIONROCK_HOME": str(tmp_path)},
        )
        assert result.exit_code == 0, result.output
        assert not leaks(out.read_text(encoding="utf-8"), values), fmt
    # and the library call the web app and the dossier use
    for fmt in EXPORTERS:
        buffer = io.StringIO()
        export_store(leak_store, buffer, format=fmt, published_only=True)
        assert not leaks(buffer.getvalue(), values), fmt


def _texts_of_site(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzip'd
            data = gzip.decompress(data)
        elif path.suffix == ".zlib":
            data = zlib.decompress(data)
        yield str(path.relative_to(site)), data.decode("utf-8", errors="replace")


def test_no_site_file_zim_or_car_holds_a_hidden_value(leak_store: Store, tmp_path: Path) -> None:
    values, _ = hidden(leak_store)
    site = tmp_path / "site"
    build_site(leak_store, out=site, options=SiteOptions(onion="http://example.onion"))
    found = {
        name: bad for name, text in _texts_of_site(site.resolve()) if (bad := leaks(text, values))
    }
    assert not found, found
    feeds = [n for n, _ in _texts_of_site(site.resolve()) if n.endswith("feed.atom")]
    assert feeds, "the site has an Atom feed"
    zim = tmp_path / "site.zim"
    build_zim(site.resolve(), zim, title="Lion Rock", languages=["en", "zh-hant", "ja"])
    archive = Archive(str(zim))
    for number in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(number)
        if entry.is_redirect:
            continue
        text = bytes(entry.get_item().content).decode("utf-8", errors="replace")
        assert not leaks(text, values), entry.path
    car = tmp_path / "site.car"
    build_car(site.resolve(), car)
    assert not leaks(car.read_bytes().decode("utf-8", errors="replace"), values)


def test_no_dossier_holds_a_hidden_value(leak_store: Store, tmp_path: Path) -> None:
    values, _ = hidden(leak_store)
    for person in ("ofac-29250", "lr-leak-person"):
        files = write_dossier(leak_store, entity_id=person, out_dir=tmp_path)
        for path in (files.html, files.ftm):
            assert not leaks(path.read_text(encoding="utf-8"), values), path.name
    # the researchers' dossier (drafts asked for) does keep them
    files = write_dossier(leak_store, entity_id="ofac-29250", out_dir=tmp_path / "all",
                          published_only=False)  # fmt: skip
    assert "G0286787" in files.html.read_text(encoding="utf-8")
