"""Hongkongers abroad (issue #17): the index of countries and a page per country, their
JSON twins, and the downloads (figures CSV, the directory of organisations as CSV and
FtM). Published facts only, through the one rule for public output
(`lionrock.model.public_entities`: no draft, no confidential property, no unlicensed full
text); the same view models and templates as the static site (`lionrock.abroad`), in
English, Traditional Chinese, Japanese or Simplified Chinese (`/ja/abroad`; an old
`?lang=ja` link is sent on to it by `lionrock.web._lang`).
"""

from __future__ import annotations

import io
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lionrock.abroad import (
    AbroadIndex,
    AbroadRecord,
    load_entities,
    write_directory,
    write_directory_ftm,
    write_figures,
)
from lionrock.model import public_entities
from lionrock.render import UILanguage
from lionrock.web._context import Web
from lionrock.web._lang import ui_of
from lionrock.web.routes_prisoners import LAYOUT
from lionrock.web.routes_public import not_found, wants_json

MAX_CODE = 8


def routes(web: Web) -> list[Route]:
    """The section's routes and their JSON twins."""
    store = web.store

    def record() -> AbroadRecord:
        # the one rule for public output (issue #18 §2)
        return AbroadRecord.from_entities(
            public_entities(load_entities(store, published_only=True))
        )

    def language(request: Request) -> tuple[UILanguage, dict[str, Any]]:
        # the URL's language prefix (`/ja/abroad`); `?lang=` links were redirected to it
        return ui_of(request), {"layout": LAYOUT}

    async def index(request: Request) -> Response:
        data = AbroadIndex(record()).index()
        if wants_json(request):
            return JSONResponse(data)
        ui, extra = language(request)
        return web.page(request, "abroad.html", ui=ui, **extra, **data)

    async def country(request: Request) -> Response:
        code = str(request.path_params["code"])[:MAX_CODE].lower()
        data = AbroadIndex(record()).country(code)
        if data is None:
            return not_found(web, request)
        if wants_json(request):
            return JSONResponse(data)
        ui, extra = language(request)
        return web.page(request, "abroad_country.html", ui=ui, **extra, **data)

    def url_for(entity_id: str) -> str:
        return f"{web.settings.base_url.rstrip('/')}/entities/{entity_id}"

    def download(name: str, body: str, media_type: str) -> Response:
        return Response(
            body,
            media_type=media_type,
            headers={"content-disposition": f'attachment; filename="lionrock-abroad-{name}"'},
        )

    async def figures_csv(request: Request) -> Response:
        out = io.StringIO()
        write_figures(record(), out, url_for=url_for)
        return download("figures.csv", out.getvalue(), "text/csv; charset=utf-8")

    async def directory_csv(request: Request) -> Response:
        out = io.StringIO()
        write_directory(record(), out, url_for=url_for)
        return download("organisations.csv", out.getvalue(), "text/csv; charset=utf-8")

    async def directory_ftm(request: Request) -> Response:
        out = io.StringIO()
        write_directory_ftm(record(), out)
        return download("organisations.ftm.json", out.getvalue(), "application/x-ndjson")

    return [
        Route("/abroad", index),
        Route("/abroad/{code}", country),
        Route("/api/abroad", index),
        Route("/api/abroad/figures.csv", figures_csv),
        Route("/api/abroad/organisations.csv", directory_csv),
        Route("/api/abroad/organisations.ftm.json", directory_ftm),
        Route("/api/abroad/{code}", country),
    ]
