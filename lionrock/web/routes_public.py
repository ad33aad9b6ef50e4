"""Public read views. Each page has a stable URL and a JSON twin under /api/ served by
the same handler. Only published facts are shown; merged IDs redirect."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from lionrock.model import get_model
from lionrock.render import names_by_lang, translations
from lionrock.render._i18n import converter, ui_language
from lionrock.review import resolve
from lionrock.sanctions.gaps import SORTS, gap_matrix
from lionrock.sanctions.render import render_gaps
from lionrock.stats import compute_stats
from lionrock.web import _svg
from lionrock.web._backlinks import backlink_counts, backlink_groups, backlinks, more_path
from lionrock.web._context import BadRequest, Web, ui_text
from lionrock.web._duplicates import MATCHER_WARM
from lionrock.web._evidence import attach_evidence, evidence_file, sees_all_evidence
from lionrock.web._gaps import SORT_LINKS, StateCache, gap_view
from lionrock.web._labels import N_
from lionrock.web._search import SearchFilters, faceted_search
from lionrock.web._sources import citing_counts, search_sources
from lionrock.web._views import (
    decode_cursor,
    encode_cursor,
    entity_page_view,
    network,
    public_lookup,
    sources,
    timeline,
)

Handler = Callable[[Request], Awaitable[Response]]
SVG = "image/svg+xml"


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def int_param(request: Request, name: str, default: int, high: int) -> int:
    try:
        return max(1, min(int(request.query_params.get(name, default)), high))
    except ValueError:
        return default


def not_found(web: Web, request: Request) -> Response:
    if wants_json(request):
        return JSONResponse({"error": "not found"}, status_code=404)
    return web.page(request, "app/error.html", status=404, message="not found", code=404)


def routes(web: Web) -> list[Route]:
    """The public read routes and their JSON twins."""
    store = web.store

    # made once per state of the store: seconds with whole lists imported (issue #13); each
    # sort's rows, JSON and view from it
    matrix = StateCache(store, lambda: gap_matrix(store, published_only=True))

    def gap_cache(sort: str) -> dict[str, StateCache]:
        rows = StateCache(store, lambda: matrix.get().sorted(sort))
        return {
            "matrix": rows,
            "json": StateCache(store, lambda: JSONResponse(rows.get().to_dict()).body),
            "view": StateCache(store, lambda: gap_view(store, rows.get())),
        }

    gap_caches = {sort: gap_cache(sort) for sort in SORTS}

    async def gaps(request: Request) -> Response:
        # the sanctions gap matrix (issue #3 §6, issue #12): published only; the same view
        # and sort switch as the static site's pages (`_gaps.html`)
        sort = request.query_params.get("sort", "conduct")
        sort = sort if sort in SORTS else "conduct"
        if wants_json(request):
            body = gap_caches[sort]["json"].get()
            return Response(body, media_type="application/json")
        view = gap_caches[sort]["view"].get()
        return web.page(request, "app/gaps.html", **view, sort=sort, sort_links=SORT_LINKS)

    async def home(request: Request) -> Response:
        stats = compute_stats(store, published_only=True)
        if wants_json(request):
            return JSONResponse(stats)
        # events' and cases' names in the page's language (the JSON keeps the captions)
        rows = [*stats["events"], *stats["cases"]]
        found = store.iter_entities(ids=[r["id"] for r in rows], published_only=True)
        names = {e.id: names_by_lang(e) for e in found}
        for row in rows:
            row["names"] = names.get(row["id"], {})
        return web.page(request, "home.html", stats=stats)

    async def search(request: Request) -> Response:
        filters = SearchFilters.from_params(request.query_params)
        limit = int_param(request, "limit", 20, 200)
        offset = decode_cursor(request.query_params.get("cursor", ""))
        offset = offset if isinstance(offset, int) and 0 <= offset < 10_000 else 0
        data = faceted_search(store, filters, limit=limit, offset=offset)
        nxt = data.pop("next_offset")
        data["next_cursor"] = encode_cursor(nxt) if nxt is not None else None
        if wants_json(request):
            given = {k: getattr(filters, k) for k in filters.__slots__}
            return JSONResponse({"query": filters.q, "filters": given, **data})
        return web.page(
            request,
            "app/search.html",
            query=filters.q,
            filters=filters,
            **data,
            params=request.query_params,
        )

    async def entity(request: Request) -> Response:
        entity_id = request.path_params["entity_id"]
        found = public_lookup(store, entity_id)
        if found is None:
            moved = resolve(store, entity_id)
            if moved is not None:
                base = "/api/entities/" if wants_json(request) else "/entities/"
                return RedirectResponse(base + quote(moved, safe=""), status_code=301)
            return not_found(web, request)
        view = entity_page_view(store, found)
        attach_evidence(store, view)
        view["backlinks"] = backlink_groups(store, found.id)
        if wants_json(request):
            return JSONResponse(view)
        return web.page(
            request,
            "entity.html",
            entity=found,
            view=view,
            facts=view["facts"],
            schema_label=view["schema_label"],
            backlinks=view["backlinks"],
        )

    async def pointing_here(request: Request) -> Response:
        # every record of one schema that points at the entity, paged by a cursor
        found = public_lookup(store, request.path_params["entity_id"])
        if found is None:
            return not_found(web, request)
        schema = request.query_params.get("schema", "")[:64]
        spec = get_model().get(schema)
        if spec is None:
            raise BadRequest("give the schema of the records to list, e.g. ?schema=Charge")
        after = decode_cursor(request.query_params.get("cursor", ""))
        rows, last = backlinks(
            store,
            found.id,
            schema=schema,
            after=after if isinstance(after, str) else "",
            limit=int_param(request, "limit", 50, 200),
        )
        cursor = encode_cursor(last) if last is not None else None
        data: dict[str, Any] = {
            "id": found.id,
            "schema": schema,
            "total": backlink_counts(store, found.id).get(schema, 0),
            "rows": rows,
            "next_cursor": cursor,
        }
        if wants_json(request):
            return JSONResponse(data)
        return web.page(
            request,
            "app/backlinks.html",
            entity=found,
            plural=spec.plural,
            next_page=more_path(found.id, schema, api=False, cursor=cursor) if cursor else None,
            **data,
        )

    async def graph(request: Request) -> Response:
        found = public_lookup(store, request.path_params["entity_id"])
        if found is None:
            return not_found(web, request)
        data = network(store, found)
        if wants_json(request):
            return JSONResponse(data)
        if request.url.path.endswith(".svg"):
            return Response(_svg.network_svg(data, root="/"), media_type=SVG)
        depth = request.url.path.count("/") - 1
        svg = _svg.network_svg(
            data, root="../" * depth, say=lambda message: ui_text(request, message)
        )
        return web.page(request, "app/network.html", entity=found, svg=svg, graph=data)

    async def events(request: Request) -> Response:
        params = request.query_params
        rows = timeline(
            store,
            date_from=params.get("from", "")[:10],
            date_to=params.get("to", "")[:10],
            q=params.get("q", "")[:200],
        )
        if wants_json(request):
            return JSONResponse({"events": rows})
        return web.page(request, "app/timeline.html", events=rows, params=params)

    def chart_data(
        say: Callable[[str], str] | None = None,
    ) -> dict[str, tuple[str, list[tuple[str, int]]]]:
        # `say` puts titles and value labels in a page's language; without it, the JSON's
        # English titles and the record's own keys
        stats = compute_stats(store, published_only=True)
        schemata = get_model() if say is not None else None
        say = say or str
        by_case = {
            f"{c['name']}: {say(k)}": v for c in stats["cases"] for k, v in c["verdicts"].items()
        }
        custody = [(say(k), v) for k, v in stats["custody_status"].items()]
        records = [
            (say(spec.plural) if schemata and (spec := schemata.get(k)) else k, v)
            for k, v in stats["schemata"].items()
        ]
        return {
            "events-per-year": (say(N_("Events per year")), list(stats["events_per_year"].items())),
            "custody-status": (say(N_("Persons by custody status")), custody),
            "verdicts": (say(N_("Verdicts by case")), list(by_case.items())),
            "records": (say(N_("Records by type")), records),
        }

    async def charts(request: Request) -> Response:
        if wants_json(request):
            data = chart_data()
            return JSONResponse({k: {"title": t, "data": dict(v)} for k, (t, v) in data.items()})
        data = chart_data(lambda message: ui_text(request, message))
        empty = ui_text(request, "No data.")
        svgs = {k: _svg.bar_chart(t, v, empty=empty) for k, (t, v) in data.items()}
        return web.page(request, "app/charts.html", charts=svgs)

    async def chart(request: Request) -> Response:
        # a chart on its own has no language tree in its URL (`/charts/` is neutral):
        # `?lang=ja` picks one, as the charts page's links do; English by default
        language = ui_language(request.query_params.get("lang", "en")[:10])
        say = translations(language.catalog).gettext
        found = chart_data(say).get(request.path_params["name"])
        if found is None:
            return Response("not found", status_code=404, media_type="text/plain")
        svg = _svg.bar_chart(*found, empty=say("No data."))
        if language.convert:
            svg = str(converter(language.convert).convert(svg))
        return Response(svg, media_type=SVG)

    async def source_list(request: Request) -> Response:
        q = request.query_params.get("q", "")[:200]
        if q.strip():  # a search: the best matches, no cursor
            rows = search_sources(store, q=q, limit=int_param(request, "limit", 50, 100))
            counts = citing_counts(store, [r["id"] for r in rows])
            rows = [{**r, "facts": counts.get(r["id"], 0)} for r in rows]
            if wants_json(request):
                return JSONResponse({"q": q, "sources": rows, "next_cursor": None})
            return web.page(request, "app/sources.html", sources=rows, next_cursor=None, q=q)
        after = decode_cursor(request.query_params.get("cursor", ""))
        rows, last = sources(
            store,
            after=after if isinstance(after, str) else "",
            limit=int_param(request, "limit", 100, 500),
        )
        cursor = encode_cursor(last) if last is not None else None
        if wants_json(request):
            return JSONResponse({"sources": rows, "next_cursor": cursor})
        return web.page(request, "app/sources.html", sources=rows, next_cursor=cursor)

    async def evidence_download(request: Request) -> Response:
        # the WACZ a citation's hash names, from our own origin (issue #4): readers can
        # check its sha256 against the page and verify it offline
        # check, and a draft's evidence only to contributors and up (the replay's rule)
        evidence_id = request.path_params["evidence_id"]
        everything = sees_all_evidence(web.user(request))
        path = evidence_file(store, root=web.settings.evidence_dir, evidence_id=evidence_id,
                             published_only=not everything)  # fmt: skip
        if path is None:  # unknown and not allowed look the same
            return Response("not found", status_code=404, media_type="text/plain",
                            headers={"cache-control": "no-store"})  # fmt: skip
        # a contributor's copy may be a draft's: no shared cache may keep it for others
        cache = "private, max-age=3600" if everything else "public, max-age=86400, immutable"
        return FileResponse(
            path,
            media_type="application/zip",
            filename=f"{evidence_id}.wacz",
            headers={"cache-control": cache},
        )

    async def gaps_csv(_: Request) -> Response:
        matrix = gap_caches["conduct"]["matrix"].get()  # the same cache as the page
        return Response(
            render_gaps(matrix, format="csv"),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="lionrock-gaps.csv"'},
        )

    async def cases(request: Request) -> Response:
        # the record's court cases: the search, narrowed to them (relative: keeps the language)
        return RedirectResponse("search?schema=CourtCase", status_code=303)

    async def healthz(_: Request) -> Response:
        # `warm`: the start-up work in the background (the matcher's tables) is done
        return JSONResponse(
            {"ok": True, "facts": store.count_facts(), "warm": MATCHER_WARM.is_set()}
        )

    return [
        Route("/", home),
        Route("/search", search),
        Route("/entities/{entity_id}", entity),
        Route("/entities/{entity_id}/network", graph),
        Route("/entities/{entity_id}/network.svg", graph),
        Route("/entities/{entity_id}/backlinks", pointing_here),
        Route("/timeline", events),
        Route("/charts", charts),
        Route("/charts/{name}.svg", chart),
        Route("/sources", source_list),
        Route("/sanctions/gaps", gaps),
        Route("/cases", cases),
        Route("/api/sanctions/gaps.csv", gaps_csv),
        Route("/api/sanctions/gaps", gaps),
        Route("/api/stats", home),
        Route("/api/search", search),
        Route("/api/entities/{entity_id}", entity),
        Route("/api/entities/{entity_id}/network", graph),
        Route("/api/entities/{entity_id}/backlinks", pointing_here),
        Route("/api/events", events),
        Route("/api/timeline", events),
        Route("/api/charts", charts),
        Route("/api/sources", source_list),
        Route("/evidence/{evidence_id}.wacz", evidence_download),
        Route("/healthz", healthz),
    ]
