"""The prisoner record (issue #11): who is held now and as of when, remanded, released,
wanted abroad; filters by status, statute, case and year; statistics; the charges CSV;
and the methodology. Published facts only; the same view models and templates as the
static site (`lionrock.render.prisoners`), in English, Traditional Chinese, Japanese or
Simplified Chinese (the URL's prefix, `/ja/prisoners`; an old `?lang=ja` link is sent
on to it by `lionrock.web._lang`).
"""

from __future__ import annotations

import io
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lionrock.record import CaseRecord, charge_rows, write_csv
from lionrock.render import UILanguage
from lionrock.render.methodology import methodology_html
from lionrock.render.prisoners import ListQuery, PrisonerIndex, person_json
from lionrock.web._context import Web
from lionrock.web._lang import ui_of
from lionrock.web.routes_public import wants_json

LAYOUT = "app/layout.html"


def routes(web: Web) -> list[Route]:
    """The prisoner record's routes and their JSON twins."""
    store = web.store

    def index() -> PrisonerIndex:
        return PrisonerIndex.build(CaseRecord.from_store(store, published_only=True))

    def language(request: Request) -> tuple[UILanguage, dict[str, Any]]:
        # the URL's language prefix (`/ja/prisoners`); `?lang=` links were redirected to it
        return ui_of(request), {"layout": LAYOUT}

    async def prisoner_list(request: Request) -> Response:
        query = ListQuery.from_params(request.query_params)
        found = index()
        data = found.page(query)
        if wants_json(request):
            view, people, number, pages, total = found.paged(query)
            return JSONResponse(
                {
                    "view": view,
                    "filters": query.filters,
                    "total": total,
                    "page": number,
                    "pages": pages,
                    "summary": data["summary"],
                    "prisoners": [person_json(found.record, p) for p in people],
                }
            )
        ui, extra = language(request)
        return web.page(request, "prisoners.html", ui=ui, **extra, **data)

    async def statistics(request: Request) -> Response:
        data = index().statistics()
        if wants_json(request):
            return JSONResponse(data)
        ui, extra = language(request)
        return web.page(request, "prisoner_stats.html", ui=ui, **extra, **data)

    async def charges_csv(request: Request) -> Response:
        found = index()
        base = web.settings.base_url.rstrip("/")
        out = io.StringIO()
        rows = charge_rows(
            found.record, url_for=lambda i: f"{base}/entities/{i}", people=found.people
        )
        write_csv(rows, out)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="lionrock-charges.csv"'},
        )

    async def methodology(request: Request) -> Response:
        ui, extra = language(request)
        return web.page(request, "methodology.html", ui=ui, body=methodology_html(), **extra)

    return [
        Route("/prisoners", prisoner_list),
        Route("/prisoners/statistics", statistics),
        Route("/methodology", methodology),
        Route("/api/prisoners", prisoner_list),
        Route("/api/prisoners/statistics", statistics),
        Route("/api/prisoners/charges.csv", charges_csv),
    ]
